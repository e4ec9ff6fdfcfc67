// A rule's documentation page, from its RuleInfo: `rules --explain` prints it, and
// docs/rules/<id>.md is generated from it, so it is a complete Markdown page.
#include <sstream>

#include "analyzer/peer_rules.h"
#include "analyzer/report/report.h"
#include "analyzer/report/report_support.h"
#include "analyzer/suppression.h"

namespace analyzer::report {
namespace {

void section(std::ostream& out, std::string_view title, std::string_view body) {
  if (body.empty()) return;
  out << "\n## " << title << "\n\n" << body << "\n";
}

void sql_section(std::ostream& out, std::string_view title, std::string_view sql) {
  if (sql.empty()) return;
  out << "\n## " << title << "\n\n```sql\n" << sql << (sql.back() == '\n' ? "" : "\n") << "```\n";
}

// The invalid-suppression finding is about the comment itself, so no comment can
// silence it: only the configuration can.
bool suppressible_inline(const RuleInfo& rule) { return rule.id != invalid_suppression_rule().id; }

// Teams coming from squawk keep their comments: say which ones count for this rule.
void squawk_section(std::ostream& out, const RuleInfo& rule) {
  const std::vector<std::string_view> names = squawk_names_for(rule.id);
  if (names.empty() || !suppressible_inline(rule)) return;
  out << "\nComing from squawk: existing `-- squawk-ignore` comments naming ";
  for (std::size_t i = 0; i < names.size(); ++i)
    out << (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") << "`" << names[i] << "`";
  out << " suppress this rule too (docs/migrating.md lists the whole mapping).\n";
}

}  // namespace

std::string explain(const RuleInfo& rule) {
  const std::string id(rule.id);
  std::ostringstream out;
  out << "# " << id << "\n\n" << rule.doc.summary << "\n\n";
  out << "| Severity | Group | Enabled by default |\n";
  out << "|----------|-------|--------------------|\n";
  out << "| " << severity_name(rule.severity) << " | " << group_name(rule.group) << " | "
      << (rule.enabled_by_default ? "yes" : "no") << " |\n";
  if (!rule.enabled_by_default)
    out << "\nTurn it on with `--select " << id << "` (or `--select " << group_name(rule.group)
        << "` for its whole group), or `select = [\"" << id << "\"]` in `schemaguard.toml`.\n";

  section(out, "What it flags", rule.doc.flags);
  section(out, "Why it is dangerous", rule.doc.why);
  section(out, "Versions", rule.doc.versions);
  sql_section(out, "Example", rule.doc.bad_sql);
  sql_section(out, "Safe alternative", rule.doc.safe_sql);

  out << "\n## Suppressing\n\n";
  if (suppressible_inline(rule)) {
    out << "For one statement, put the comment on the line directly above it or at the end of its last "
           "line, and say why:\n\n"
        << "```sql\n-- schemaguard: ignore " << id << " -- reason\n```\n\n"
        << "For a whole file, anywhere in it:\n\n"
        << "```sql\n-- schemaguard: ignore-file " << id << "\n```\n\n";
  } else {
    out << "This finding is about a suppression comment itself, so an inline comment cannot silence it. ";
  }
  out << "For the whole project, in `schemaguard.toml`:\n\n"
      << "```toml\nignore = [\"" << id << "\"]\n```\n\n"
      << "or through its severity:\n\n"
      << "```toml\n[severity]\n" << id << " = \"off\"\n```\n\n"
      << "or on the command line: `--ignore " << id << "`.\n";
  squawk_section(out, rule);
  return out.str();
}

std::string explain_plain(const RuleInfo& rule) {
  std::ostringstream out;
  out << rule.doc.summary << "\n";
  const auto part = [&](std::string_view title, std::string_view body) {
    if (!body.empty()) out << "\n" << title << ":\n" << body << "\n";
  };
  part("What it flags", rule.doc.flags);
  part("Why it is dangerous", rule.doc.why);
  part("Versions", rule.doc.versions);
  part("Example", rule.doc.bad_sql);
  part("Safe alternative", rule.doc.safe_sql);
  if (suppressible_inline(rule))
    out << "\nSuppressing: -- schemaguard: ignore " << rule.id << " -- reason\n";
  return out.str();
}

}  // namespace analyzer::report
