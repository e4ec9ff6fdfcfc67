#include <algorithm>
#include <charconv>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

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

// The text report, built in memory and written in large blocks: a stream insertion per
// field (each with its sentry and virtual calls) cost more than formatting the findings.
class TextBuffer {
 public:
  explicit TextBuffer(std::ostream& out) : out_(out) { text_.reserve(2 * kBlock); }
  // Whatever is built reaches the stream, also when formatting throws half-way.
  ~TextBuffer() { flush(); }
  TextBuffer(const TextBuffer&) = delete;
  TextBuffer& operator=(const TextBuffer&) = delete;

  TextBuffer& operator<<(std::string_view s) {
    text_ += s;
    return *this;
  }
  TextBuffer& operator<<(char c) {
    text_ += c;
    return *this;
  }
  TextBuffer& operator<<(long long n) {
    char digits[24];
    const auto result = std::to_chars(std::begin(digits), std::end(digits), n);
    text_.append(digits, result.ptr);
    return *this;
  }
  TextBuffer& operator<<(int n) { return *this << static_cast<long long>(n); }
  TextBuffer& operator<<(std::size_t n) { return *this << static_cast<long long>(n); }
  void append(std::size_t count, char c) { text_.append(count, c); }
  std::string& text() { return text_; }

  // Called between findings, so memory stays bounded for any number of them.
  void flush_if_full() {
    if (text_.size() >= kBlock) flush();
  }
  void flush() {
    out_.write(text_.data(), static_cast<std::streamsize>(text_.size()));
    text_.clear();
  }

 private:
  static constexpr std::size_t kBlock = 64 * 1024;
  std::ostream& out_;
  std::string text_;
};

// The source line of a finding, with a caret under the first character and tildes to
// the end of the statement's part on that line.
void write_snippet(TextBuffer& out, const Finding& f, const Style& style, SourceCache& cache) {
  const sqlparse::SourceText* source = cache.get(f.path);
  if (!source) return;
  const std::string_view line = source->line_text(f.start.line);
  if (line.empty()) return;
  char number[16];
  const auto number_end = std::to_chars(std::begin(number), std::end(number), f.start.line).ptr;
  const std::string_view line_number(number, static_cast<std::size_t>(number_end - number));
  out << style(kCyan) << " " << line_number << " | " << style(kReset);
  const std::size_t expanded_from = out.text().size();
  out << line;
  std::replace(out.text().begin() + static_cast<std::ptrdiff_t>(expanded_from), out.text().end(), '\t', ' ');
  out << "\n";
  const std::size_t line_width = display_width(line);
  const std::size_t col = static_cast<std::size_t>(std::max(1, f.start.column));
  std::size_t last = f.stop.line == f.start.line ? static_cast<std::size_t>(f.stop.column) : line_width + 1;
  last = std::min(std::max(last, col + 1), line_width + 1);
  const std::size_t tildes = last - col - 1;
  out << style(kCyan) << " ";
  out.append(line_number.size(), ' ');
  out << " | " << style(kReset);
  out.append(col - 1, ' ');
  out << style(kGreen) << '^';
  // A start column past the line's end wraps the count around. The stream version failed
  // here building std::string(count, '~'); fail the same way, after the same text.
  if (tildes > out.text().max_size()) throw std::length_error("basic_string::_M_create");
  out.append(tildes, '~');
  out << style(kReset) << "\n";
}

void write_indented(TextBuffer& out, std::string_view text, std::string_view indent) {
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

void write_text(std::ostream& stream, const ReportInput& input) {
  const Style style{input.color};
  std::size_t errors = 0, warnings = 0;
  SourceCache cache;
  TextBuffer out(stream);
  for (const Finding& f : input.result.findings) {
    const bool is_error = f.severity == Severity::error;
    (is_error ? errors : warnings)++;
    out << style(kBold) << f.path << ":" << f.start.line << ":" << f.start.column << ": " << style(kReset)
        << style(is_error ? kRed : kYellow) << severity_name(f.severity) << ":" << style(kReset) << " "
        << style(kBold) << f.message << style(kReset) << " [" << f.rule << "]\n";
    write_snippet(out, f, style, cache);
    for (const CodeReference& r : f.references) {
      const std::string_view verb = r.access == "write" ? "written" : r.access == "table" ? "used" : "read";
      out << "  note: still " << verb << " here: " << r.path << ":" << r.line << ":" << r.column;
      if (!r.function.empty()) out << " in " << r.function;
      out << "\n";
    }
    if (!f.help.empty()) out << "  " << style(kCyan) << "help:" << style(kReset) << " " << f.help << "\n";
    if (!f.suggested_sql.empty()) write_indented(out, f.suggested_sql, "      ");
    out << "\n";
    out.flush_if_full();
  }
  for (const auto& e : input.result.errors)
    out << e.path << ":" << e.position.line << ":" << e.position.column << ": " << style(kRed) << "error:"
        << style(kReset) << " " << e.message << "\n";
  const std::size_t files = input.result.files.size();
  const auto plural = [&out](std::size_t n, std::string_view word) {
    out << n << " " << word;
    if (n != 1) out << "s";
  };
  if (errors + warnings == 0 && input.result.errors.empty()) {
    out << "schemaguard: ";
    plural(files, "file");
    out << " checked, no findings\n";
  } else {
    out << "schemaguard: ";
    plural(errors, "error");
    out << ", ";
    plural(warnings, "warning");
    out << " in ";
    plural(files, "file");
    if (!input.result.errors.empty()) {
      out << "; ";
      plural(input.result.errors.size(), "file");
      out << " could not be read";
    }
    out << "\n";
  }
}

}  // namespace analyzer::report
