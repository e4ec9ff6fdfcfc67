// GitLab code quality report: a JSON array of Code Climate issues, shown on the merge
// request. Severities, on GitLab's scale info < minor < major < critical < blocker:
//   warning finding -> "minor", error finding -> "major",
//   input error (a file under review that could not be read or parsed) -> "blocker":
//   nothing about that file was checked, so the pipeline must not look green.
// History files that could not be replayed -> "info" (the model may be incomplete).
#include <nlohmann/json.hpp>

#include "analyzer/report/report.h"
#include "analyzer/report/report_support.h"

namespace analyzer::report {
namespace {

using Json = nlohmann::ordered_json;

Json issue(std::string description, std::string_view check_name, std::string fingerprint, std::string_view severity,
           std::string_view path, int begin_line, int end_line) {
  Json lines;
  lines["begin"] = begin_line;
  lines["end"] = end_line;
  Json location;
  location["path"] = forward_slashes(path);
  location["lines"] = std::move(lines);
  Json j;
  j["description"] = std::move(description);
  j["check_name"] = check_name;
  j["fingerprint"] = std::move(fingerprint);
  j["severity"] = severity;
  j["location"] = std::move(location);
  return j;
}

}  // namespace

void write_gitlab(std::ostream& out, const ReportInput& input) {
  const LintResult& result = input.result;
  const std::vector<FindingIdentity> identities = identify_findings(result);
  Json issues = Json::array();
  for (std::size_t k = 0; k < result.findings.size(); ++k) {
    const Finding& f = result.findings[k];
    issues.push_back(issue(message_with_help(f), f.rule, identities[k].fingerprint,
                           f.severity == Severity::error ? "major" : "minor", f.path, f.start.line, f.stop.line));
  }
  for (const auto& e : result.errors)
    issues.push_back(issue("File not checked: " + e.message, "input-error", input_error_fingerprint(e), "blocker", e.path, e.position.line,
                           e.position.line));
  for (const auto& w : result.warnings)
    issues.push_back(issue("History file skipped, the schema model may be incomplete: " + w.message,
                           "history-skipped", input_error_fingerprint(w), "info", w.path, w.position.line,
                           w.position.line));
  out << issues.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace analyzer::report
