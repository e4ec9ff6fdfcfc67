#include "analyzer/report/report.h"

namespace analyzer::report {

Writer writer_for(std::string_view format) {
  if (format == "text") return write_text;
  if (format == "json") return write_json;
  if (format == "sarif") return write_sarif;
  if (format == "github") return write_github;
  if (format == "gitlab") return write_gitlab;
  return nullptr;
}

const std::vector<std::string>& format_names() {
  static const std::vector<std::string> names{"text", "json", "sarif", "github", "gitlab"};
  return names;
}

std::string help_uri(std::string_view rule_id) {
  return "https://github.com/schemaguard/schemaguard/blob/main/docs/rules/" + std::string(rule_id) + ".md";
}

}  // namespace analyzer::report
