// GitHub Actions workflow commands: one `::error` or `::warning` line per finding, which
// the runner turns into annotations on the pull request.
#include <string>

#include "analyzer/report/report.h"
#include "analyzer/report/report_support.h"

namespace analyzer::report {
namespace {

// The runner's escaping: a command's message may not contain raw line breaks or '%'.
std::string escape_data(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out += c;
    }
  }
  return out;
}

// Property values are also cut at ':' and ','.
std::string escape_property(std::string_view text) {
  std::string out;
  for (char c : escape_data(text)) {
    switch (c) {
      case ':': out += "%3A"; break;
      case ',': out += "%2C"; break;
      default: out += c;
    }
  }
  return out;
}

void write_command(std::ostream& out, std::string_view command, std::string_view path, sqlparse::Position start,
                   std::optional<sqlparse::Position> stop, std::string_view title, std::string_view message) {
  out << "::" << command << " file=" << escape_property(forward_slashes(path)) << ",line=" << start.line;
  if (!stop) {
    out << ",col=" << start.column;
  } else if (stop->line == start.line) {
    // GitHub's endColumn is inclusive (it defaults to col: one character); ours is exclusive.
    out << ",col=" << start.column << ",endLine=" << stop->line
        << ",endColumn=" << std::max(start.column, stop->column - 1);
  } else {
    // The runner accepts columns only on single-line annotations.
    out << ",endLine=" << stop->line;
  }
  out << ",title=" << escape_property(title) << "::" << escape_data(message) << "\n";
}

}  // namespace

void write_github(std::ostream& out, const ReportInput& input) {
  const LintResult& result = input.result;
  for (const Finding& f : result.findings) {
    std::string message = message_with_help(f);
    if (!f.suggested_sql.empty()) message += "\n\n" + f.suggested_sql;
    write_command(out, f.severity == Severity::error ? "error" : "warning", f.path, f.start, f.stop, f.rule, message);
  }
  for (const auto& e : result.errors)
    write_command(out, "error", e.path, e.position, std::nullopt, "schemaguard: input error", e.message);
  for (const auto& w : result.warnings)
    write_command(out, "warning", w.path, w.position, std::nullopt, "schemaguard: history file skipped",
                  "the schema model may be incomplete: " + w.message);
}

}  // namespace analyzer::report
