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

std::string one_line(std::string_view sql, std::size_t max) {
  std::string out;
  bool space = false;
  for (char c : sql) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space && out.back() != '(' && c != ')') out += ' ';
    space = false;
    out += c;
  }
  if (out.size() > max) {
    out.resize(max);
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
    if (!out.empty()) out.pop_back();  // the lead byte of a cut character, or one ASCII byte
    out += " ...";
  }
  return out;
}

std::string verdict(const DependencyReport& report) { return report.safe_to_drop ? "safe to drop" : "not safe to drop"; }

}  // namespace deps
}  // namespace analyzer::report
