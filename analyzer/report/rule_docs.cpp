#include "analyzer/report/rule_docs.h"

#include <fstream>
#include <set>
#include <sstream>

#include "analyzer/peer_rules.h"
#include "analyzer/report/report.h"

namespace analyzer::report {

const std::string_view kSquawkTableBegin =
    "<!-- BEGIN GENERATED: squawk table, from analyzer/peer_rules.cpp by `schemaguard rules --write-docs docs` -->";
const std::string_view kSquawkTableEnd = "<!-- END GENERATED: squawk table -->";

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kPageHeader =
    "<!-- Generated from the rule's RuleDoc by `schemaguard rules --write-docs docs` "
    "(the same text as `schemaguard rules --explain`): edit the rule's source, not this file. -->\n\n";

struct GroupTitle {
  RuleGroup group;
  std::string_view title;
};
constexpr GroupTitle kGroups[] = {
    {RuleGroup::locks, "Locks and rewrites"},
    {RuleGroup::backfills, "Backfills"},
    {RuleGroup::destructive, "Destructive and breaking changes"},
    {RuleGroup::transactions, "Transactions"},
    {RuleGroup::style, "Style (off by default)"},
    {RuleGroup::application, "Application cross-reference"},
    {RuleGroup::suppressions, "Suppressions"},
};

// Text that goes into a Markdown table cell.
std::string cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

bool in_catalogue(const std::vector<const RuleInfo*>& catalogue, std::string_view id) {
  for (const RuleInfo* info : catalogue)
    if (info->id == id) return true;
  return false;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool write_text(const fs::path& path, const std::string& text, std::ostream& err) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file) {
    err << "schemaguard: error: cannot write " << path.string() << "\n";
    return false;
  }
  return true;
}

}  // namespace

std::string rules_index(const std::vector<const RuleInfo*>& catalogue) {
  std::ostringstream out;
  out << "<!-- Generated from the rules' RuleDocs by `schemaguard rules --write-docs docs`: do not edit. -->\n\n"
      << "# Rules\n\n"
      << "schemaguard has " << catalogue.size() << " rules, in groups that `--select` and `--ignore` (and "
      << "`select` / `ignore` in `schemaguard.toml`) accept as well as single ids. Each page says what the rule "
         "flags, why it is dangerous, the PostgreSQL versions it depends on, an example, the safe alternative "
         "and how to suppress it; `schemaguard rules --explain RULE` prints the same page. Coming from another "
         "linter? See [migrating.md](../migrating.md).\n";
  for (const GroupTitle& group : kGroups) {
    std::vector<const RuleInfo*> members;
    for (const RuleInfo* info : catalogue)
      if (info->group == group.group) members.push_back(info);
    if (members.empty()) continue;
    out << "\n## " << group.title << "\n\n"
        << "Group `" << group_name(group.group) << "`.\n\n"
        << "| rule | severity | default | summary |\n"
        << "| --- | --- | --- | --- |\n";
    for (const RuleInfo* info : members)
      out << "| [" << info->id << "](" << info->id << ".md) | " << severity_name(info->severity) << " | "
          << (info->enabled_by_default ? "on" : "off") << " | " << cell(info->doc.summary) << " |\n";
  }
  return out.str();
}

std::string squawk_table(const std::vector<const RuleInfo*>& catalogue) {
  std::ostringstream out;
  out << "| squawk rule | schemaguard rule | note |\n"
      << "| --- | --- | --- |\n";
  for (const PeerRule& rule : squawk_rules()) {
    out << "| `" << rule.name << "` | ";
    if (rule.rule_ids.empty()) out << "none";
    for (std::size_t i = 0; i < rule.rule_ids.size(); ++i) {
      const std::string_view id = rule.rule_ids[i];
      out << (i ? ", " : "");
      if (in_catalogue(catalogue, id)) out << "[`" << id << "`](rules/" << id << ".md)";
      else out << "`" << id << "`";
    }
    out << " | " << cell(rule.note) << " |\n";
  }
  return out.str();
}

bool generate_docs(const std::vector<const RuleInfo*>& catalogue, const std::string& migrating, DocFiles& out,
                   std::string& error) {
  out.clear();
  for (const RuleInfo* info : catalogue)
    out["rules/" + std::string(info->id) + ".md"] = std::string(kPageHeader) + explain(*info);
  out["rules/README.md"] = rules_index(catalogue);

  const std::size_t begin = migrating.find(kSquawkTableBegin);
  const std::size_t end = migrating.find(kSquawkTableEnd);
  if (begin == std::string::npos || end == std::string::npos || end < begin) {
    error = "migrating.md has no generated squawk table block (the lines `" + std::string(kSquawkTableBegin) +
            "` and `" + std::string(kSquawkTableEnd) + "`)";
    return false;
  }
  const std::size_t body = begin + kSquawkTableBegin.size();
  out["migrating.md"] =
      migrating.substr(0, body) + "\n\n" + squawk_table(catalogue) + "\n" + migrating.substr(end);
  return true;
}

std::vector<std::string> existing_rule_pages(const fs::path& docs_dir) {
  std::vector<std::string> pages;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(docs_dir / "rules", ec)) {
    const fs::path& path = entry.path();
    if (entry.is_regular_file() && path.extension() == ".md" && path.filename() != "README.md")
      pages.push_back("rules/" + path.filename().string());
  }
  return pages;
}

bool write_docs(const fs::path& docs_dir, const std::vector<const RuleInfo*>& catalogue, std::ostream& out,
                std::ostream& err) {
  const fs::path migrating = docs_dir / "migrating.md";
  if (!fs::is_regular_file(migrating)) {
    err << "schemaguard: error: " << migrating.string()
        << " not found (--write-docs takes the docs directory, which holds migrating.md)\n";
    return false;
  }
  DocFiles files;
  std::string error;
  if (!generate_docs(catalogue, read_text(migrating), files, error)) {
    err << "schemaguard: error: " << migrating.string() << ": " << error << "\n";
    return false;
  }
  std::error_code ec;
  fs::create_directories(docs_dir / "rules", ec);
  for (const std::string& page : existing_rule_pages(docs_dir)) {
    if (files.count(page)) continue;
    fs::remove(docs_dir / page, ec);
    out << "removed " << (docs_dir / page).string() << " (no such rule)\n";
  }
  for (const auto& [path, text] : files)
    if (!write_text(docs_dir / path, text, err)) return false;
  out << "wrote " << files.size() << " files under " << docs_dir.string() << "\n";
  return true;
}

}  // namespace analyzer::report
