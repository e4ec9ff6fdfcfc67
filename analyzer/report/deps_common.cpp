#include <algorithm>

#include "analyzer/report/deps_report.h"

namespace analyzer::report {

DepsWriter deps_writer_for(std::string_view format) {
  if (format == "text") return write_deps_text;
  if (format == "markdown") return write_deps_markdown;
  if (format == "json") return write_deps_json;
  return nullptr;
}

namespace deps {

std::vector<FileUses> group_by_file_and_function(const std::vector<CodeUse>& uses) {
  std::vector<FileUses> files;
  for (const CodeUse& use : uses) {
    auto file = std::find_if(files.begin(), files.end(), [&](const FileUses& f) { return f.path == use.code.path; });
    if (file == files.end()) file = files.insert(files.end(), FileUses{use.code.path, {}});
    auto function = std::find_if(file->functions.begin(), file->functions.end(),
                                 [&](const FunctionUses& f) { return f.function == use.code.function; });
    if (function == file->functions.end())
      function = file->functions.insert(file->functions.end(), FunctionUses{use.code.function, {}});
    function->uses.push_back(&use);
  }
  return files;
}

std::string verdict(const DependencyReport& report) { return report.safe_to_drop ? "safe to drop" : "not safe to drop"; }

}  // namespace deps
}  // namespace analyzer::report
