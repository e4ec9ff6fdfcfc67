#include "analyzer/suppression.h"

#include <cctype>
#include <cstring>

#include "analyzer/peer_rules.h"

namespace analyzer {

const RuleInfo& invalid_suppression_rule() {
  static const RuleInfo info{
      "invalid-suppression",
      Severity::error,
      RuleGroup::suppressions,
      {"A `schemaguard: ignore` comment names a rule that does not exist",
       "An inline suppression comment (`-- schemaguard: ignore ...` or `ignore-file`) naming a rule id that "
       "schemaguard does not know, or one that names no rule at all; and a squawk comment (`-- squawk-ignore ...` "
       "or `squawk-ignore-file`) naming a rule that squawk does not have. A squawk rule that schemaguard has no "
       "equivalent for is not reported: that comment simply suppresses nothing here.",
       "A misspelt rule id suppresses nothing: the finding it was meant to silence still fires, or worse, the "
       "comment looks like a reviewed exception while checking nothing.",
       "-- schemaguard: ignore create-index-concurrently\nCREATE INDEX orders_user_idx ON orders (user_id);",
       "-- schemaguard: ignore create-index-without-concurrently -- table is empty until the backfill\n"
       "CREATE INDEX orders_user_idx ON orders (user_id);",
       ""},
      true};
  return info;
}

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

namespace {

// Strips the comment delimiters and surrounding blanks.
std::string_view comment_body(std::string_view comment) {
  std::string_view body = comment;
  if (body.substr(0, 2) == "--") body.remove_prefix(2);
  else if (body.substr(0, 2) == "/*") {
    body.remove_prefix(2);
    if (body.size() >= 2 && body.substr(body.size() - 2) == "*/") body.remove_suffix(2);
  }
  return trim(body);
}

// Removes `keyword` from the front of `body` if it is a whole word there.
bool take_keyword(std::string_view& body, std::string_view keyword) {
  if (body.substr(0, keyword.size()) != keyword) return false;
  const std::string_view rest = body.substr(keyword.size());
  if (!rest.empty() && !std::isspace(static_cast<unsigned char>(rest.front()))) return false;
  body = rest;
  return true;
}

// The rule names of a directive: separated by commas or blanks, up to a ` -- reason`.
std::vector<std::string> rule_names(std::string_view body) {
  const std::size_t reason = body.find("--");
  if (reason != std::string_view::npos) body = body.substr(0, reason);
  std::vector<std::string> names;
  std::size_t i = 0;
  while (i < body.size()) {
    while (i < body.size() && (std::isspace(static_cast<unsigned char>(body[i])) || body[i] == ',')) ++i;
    std::size_t j = i;
    while (j < body.size() && !std::isspace(static_cast<unsigned char>(body[j])) && body[j] != ',') ++j;
    if (j > i) names.emplace_back(body.substr(i, j - i));
    i = j;
  }
  return names;
}

}  // namespace

bool parse_directive(std::string_view comment, SuppressionDirective& out) {
  std::string_view body = comment_body(comment);
  constexpr std::string_view kPrefix = "schemaguard:";
  if (body.substr(0, kPrefix.size()) == kPrefix) {
    body = trim(body.substr(kPrefix.size()));
    out.syntax = DirectiveSyntax::schemaguard;
    if (take_keyword(body, "ignore-file")) out.whole_file = true;
    else if (take_keyword(body, "ignore")) out.whole_file = false;
    else return false;
  } else if (take_keyword(body, "squawk-ignore-file")) {
    out.syntax = DirectiveSyntax::squawk;
    out.whole_file = true;
  } else if (take_keyword(body, "squawk-ignore")) {
    out.syntax = DirectiveSyntax::squawk;
    out.whole_file = false;
  } else {
    return false;
  }
  out.rules = rule_names(body);
  return true;
}

namespace {

// Checks schemaguard ids; unknown ones are reported and kept (they suppress nothing).
void check_schemaguard_ids(const SuppressionDirective& d, const std::set<std::string>& known_rules,
                           Reporter& reporter) {
  if (d.rules.empty()) {
    reporter.report_at(d.begin, d.end, "suppression comment names no rule",
                       "name the rules to ignore: `-- schemaguard: ignore rule-id -- reason`");
  }
  for (const std::string& rule : d.rules) {
    if (rule != "all" && !known_rules.count(rule)) {
      reporter.report_at(d.begin, d.end, "suppression names unknown rule `" + rule + "`",
                         "check the id with `schemaguard rules`; a misspelt id suppresses nothing");
    }
  }
}

// The schemaguard ids a squawk ignore stands for. Without names squawk ignores all of its
// rules, so the ignore covers every rule that has a squawk equivalent (not schemaguard's own).
std::vector<std::string> squawk_equivalents(const SuppressionDirective& d, Reporter& reporter) {
  std::set<std::string> ids;
  const auto add = [&](const PeerRule& rule) { ids.insert(rule.rule_ids.begin(), rule.rule_ids.end()); };
  if (d.rules.empty())
    for (const PeerRule& rule : squawk_rules()) add(rule);
  for (const std::string& name : d.rules) {
    if (const PeerRule* rule = find_squawk_rule(name)) {
      add(*rule);
    } else {
      reporter.report_at(d.begin, d.end, "suppression names unknown squawk rule `" + name + "`",
                         "squawk has no rule of that name; docs/migrating.md lists squawk's rules and their "
                         "schemaguard equivalents");
    }
  }
  return {ids.begin(), ids.end()};
}

}  // namespace

FileSuppressions::FileSuppressions(const sqlparse::SourceText& source, const std::set<std::string>& known_rules,
                                   std::vector<Finding>& findings)
    : source_(source) {
  const std::string& bytes = source.bytes();
  // Reading comments needs a scanner pass; skip it when no directive can be there.
  if (bytes.find("schemaguard:") == std::string::npos && bytes.find("squawk-ignore") == std::string::npos) return;
  for (const sqlparse::Comment& c : sqlparse::comments(source)) {
    SuppressionDirective d;
    if (!parse_directive(c.text, d)) continue;
    d.begin = c.begin;
    d.end = c.end;
    Reporter reporter(invalid_suppression_rule(), source, findings);
    if (d.syntax == DirectiveSyntax::squawk) d.rules = squawk_equivalents(d, reporter);
    else check_schemaguard_ids(d, known_rules, reporter);
    if (d.whole_file) file_rules_.insert(d.rules.begin(), d.rules.end());
    else directives_.push_back(std::move(d));
  }
}

void FileSuppressions::begin_statement(const sqlparse::Statement& st) {
  statement_rules_.clear();
  const std::string_view bytes = source_.bytes();
  for (const SuppressionDirective& d : directives_) {
    bool applies = false;
    if (d.end <= st.begin && d.begin >= previous_end_) {
      // Directly above: only blanks within a line and other comments in between, no empty line.
      const std::string_view gap = bytes.substr(d.end, st.begin - d.end);
      bool empty_line = false;
      int newlines = 0;
      bool line_has_text = true;
      for (char c : gap) {
        if (c == '\n') {
          if (!line_has_text && newlines > 0) empty_line = true;
          ++newlines;
          line_has_text = false;
        } else if (!std::isspace(static_cast<unsigned char>(c))) {
          line_has_text = true;
        }
      }
      // The comment must open its own line: one trailing the previous statement is that
      // statement's directive.
      std::size_t line_start = d.begin;
      while (line_start > 0 && bytes[line_start - 1] != '\n') --line_start;
      const bool own_line = trim(bytes.substr(line_start, d.begin - line_start)).empty() ||
                            bytes.substr(line_start, d.begin - line_start) == "\xEF\xBB\xBF";
      applies = own_line && !empty_line && newlines >= 1;
    } else if (d.begin >= st.end && source_.position(d.begin).line == st.stop.line) {
      // At the end of the statement, on its last line.
      const std::string_view between = bytes.substr(st.end, d.begin - st.end);
      applies = between.find('\n') == std::string_view::npos;
    } else if (d.syntax == DirectiveSyntax::squawk && d.begin > st.begin && d.end <= st.end) {
      // squawk also reads an ignore inside the statement, above the line it is about.
      applies = true;
    }
    if (applies) statement_rules_.insert(d.rules.begin(), d.rules.end());
  }
  if (!statement_rules_.empty()) by_statement_.push_back({st.start, st.stop, statement_rules_});
  previous_end_ = st.end;
}

bool FileSuppressions::suppressed_at(const std::string& rule, sqlparse::Position at) const {
  if (file_rules_.count(rule) || file_rules_.count("all")) return true;
  const auto before = [](sqlparse::Position a, sqlparse::Position b) {
    return a.line < b.line || (a.line == b.line && a.column <= b.column);
  };
  for (const auto& s : by_statement_)
    if (before(s.start, at) && before(at, s.stop) && (s.rules.count(rule) || s.rules.count("all"))) return true;
  return false;
}

bool FileSuppressions::suppressed(const std::string& rule) const {
  return file_rules_.count(rule) || file_rules_.count("all") || statement_rules_.count(rule) ||
         statement_rules_.count("all");
}

}  // namespace analyzer
