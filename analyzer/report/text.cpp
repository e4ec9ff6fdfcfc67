#include <algorithm>
#include <optional>

#include "analyzer/report/lock_report.h"
#include "analyzer/report/report.h"
#include "sqlparse/source.h"

namespace analyzer::report {
namespace {

struct Style {
  bool on;
  std::string_view operator()(std::string_view code) const { return on ? code : std::string_view{}; }
};
constexpr std::string_view kBold = "\033[1m";
constexpr std::string_view kRed = "\033[1;31m";
constexpr std::string_view kYellow = "\033[1;33m";
constexpr std::string_view kCyan = "\033[1;36m";
constexpr std::string_view kGreen = "\033[32m";
constexpr std::string_view kReset = "\033[0m";

std::size_t display_width(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

// Source files read back for snippets, each once: findings come grouped by file.
class SourceCache {
 public:
  const sqlparse::SourceText* get(const std::string& path) {
    if (path != path_) {
      path_ = path;
      sqlparse::InputError error;
      source_ = sqlparse::SourceText::load(path, error);
    }
    return source_ ? &*source_ : nullptr;
  }

 private:
  std::string path_;
  std::optional<sqlparse::SourceText> source_;
};

// The source line of a finding, with a caret under the first character and tildes to
// the end of the statement's part on that line.
void write_snippet(std::ostream& out, const Finding& f, const Style& style, SourceCache& cache) {
  const sqlparse::SourceText* source = cache.get(f.path);
  if (!source) return;
  const std::string_view line = source->line_text(f.start.line);
  if (line.empty()) return;
  const std::string number = std::to_string(f.start.line);
  const std::string gutter(number.size(), ' ');
  std::string expanded;
  for (char c : line) expanded += c == '\t' ? ' ' : c;
  out << style(kCyan) << " " << number << " | " << style(kReset) << expanded << "\n";
  const std::size_t line_width = display_width(line);
  const std::size_t col = static_cast<std::size_t>(std::max(1, f.start.column));
  std::size_t last = f.stop.line == f.start.line ? static_cast<std::size_t>(f.stop.column) : line_width + 1;
  last = std::min(std::max(last, col + 1), line_width + 1);
  out << style(kCyan) << " " << gutter << " | " << style(kReset) << std::string(col - 1, ' ') << style(kGreen) << '^'
      << std::string(last - col - 1, '~') << style(kReset) << "\n";
}

void write_indented(std::ostream& out, std::string_view text, std::string_view indent) {
  std::size_t i = 0;
  while (i <= text.size()) {
    std::size_t j = text.find('\n', i);
    if (j == std::string_view::npos) j = text.size();
    out << indent << text.substr(i, j - i) << "\n";
    i = j + 1;
  }
}

// First line of a statement, shortened, as its title in the lock report.
std::string statement_title(std::string_view sql) {
  std::string_view line = sql.substr(0, sql.find('\n'));
  if (line.size() > 72) return std::string(line.substr(0, 69)) + "...";
  return std::string(line);
}

std::string names(const std::vector<QualifiedName>& list) {
  std::string out;
  for (const QualifiedName& n : list) out += (out.empty() ? "" : ", ") + n.str();
  return out;
}

void write_effects(std::ostream& out, const LintResult& result, const Style& style) {
  for (const FileReport& file : result.files) {
    if (!file.under_review) continue;
    for (const StatementRecord& st : file.statements) {
      const Effects& e = st.effects;
      out << style(kBold) << file.path << ":" << st.start.line << ":" << st.start.column << ": " << style(kReset)
          << style(kCyan) << "effects:" << style(kReset) << " " << statement_title(st.sql) << "\n";
      if (e.locks.empty()) out << "  no table locks\n";
      for (const RelationLock& lock : e.locks)
        out << "  " << lock_mode_name(lock.mode) << " on " << lock.relation.str() << ": "
            << lock_blocks_description(lock.mode) << "\n";
      if (!e.rewrites.empty()) out << "  rewrites " << names(e.rewrites) << " (table and indexes)\n";
      else if (!e.rebuilt_indexes.empty()) out << "  rebuilds index " << names(e.rebuilt_indexes) << "\n";
      if (!e.scans.empty()) out << "  scans " << names(e.scans) << " while locked\n";
      if (!e.transactional) out << "  cannot run inside a transaction block\n";
      for (const std::string& f : e.failures) out << "  " << style(kRed) << "fails:" << style(kReset) << " " << f << "\n";
      for (const std::string& n : e.notes) out << "  note: " << n << "\n";
    }
  }
}

}  // namespace

void write_lock_report(std::ostream& out, const LintResult& result, bool color) {
  write_effects(out, result, Style{color});
}

void write_text(std::ostream& out, const ReportInput& input) {
  const Style style{input.color};
  std::size_t errors = 0, warnings = 0;
  SourceCache cache;
  for (const Finding& f : input.result.findings) {
    const bool is_error = f.severity == Severity::error;
    (is_error ? errors : warnings)++;
    out << style(kBold) << f.path << ":" << f.start.line << ":" << f.start.column << ": " << style(kReset)
        << style(is_error ? kRed : kYellow) << severity_name(f.severity) << ":" << style(kReset) << " "
        << style(kBold) << f.message << style(kReset) << " [" << f.rule << "]\n";
    write_snippet(out, f, style, cache);
    for (const CodeReference& r : f.references) {
      const char* verb = r.access == "write" ? "written" : r.access == "table" ? "used" : "read";
      out << "  note: still " << verb << " here: " << r.path << ":" << r.line << ":" << r.column
          << (r.function.empty() ? "" : " in " + r.function) << "\n";
    }
    if (!f.help.empty()) out << "  " << style(kCyan) << "help:" << style(kReset) << " " << f.help << "\n";
    if (!f.suggested_sql.empty()) write_indented(out, f.suggested_sql, "      ");
    out << "\n";
  }
  for (const auto& e : input.result.errors)
    out << e.path << ":" << e.position.line << ":" << e.position.column << ": " << style(kRed) << "error:"
        << style(kReset) << " " << e.message << "\n";
  const std::size_t files = input.result.files.size();
  const auto plural = [](std::size_t n, std::string_view word) {
    return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
  };
  if (errors + warnings == 0 && input.result.errors.empty()) {
    out << "schemaguard: " << plural(files, "file") << " checked, no findings\n";
  } else {
    out << "schemaguard: " << plural(errors, "error") << ", " << plural(warnings, "warning") << " in "
        << plural(files, "file");
    if (!input.result.errors.empty()) out << "; " << plural(input.result.errors.size(), "file") << " could not be read";
    out << "\n";
  }
}

}  // namespace analyzer::report
