// The committed documentation under docs/ must be what the code generates: a page per rule
// in the catalogue and no other, the rules index, and migrating.md's squawk table.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

#include "analyzer/report/report.h"
#include "analyzer/report/rule_docs.h"
#include "known_rule_ids.h"
#include "rules/registry.h"

namespace {

namespace fs = std::filesystem;

const fs::path kDocs = fs::path(SCHEMAGUARD_SOURCE_DIR) / "docs";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string regenerate_hint() {
  return std::string("\nregenerate with: ") + SCHEMAGUARD_BINARY + " rules --write-docs " + kDocs.string() +
         "\n(then review the diff: the pages come from each rule's RuleDoc, the squawk table from "
         "analyzer/peer_rules.cpp)";
}

analyzer::report::DocFiles generated(const std::string& migrating) {
  analyzer::report::DocFiles files;
  std::string error;
  EXPECT_TRUE(analyzer::report::generate_docs(rules::catalogue(), migrating, files, error)) << error;
  return files;
}

TEST(Docs, CommittedFilesMatchTheCode) {
  ASSERT_TRUE(fs::is_regular_file(kDocs / "migrating.md")) << regenerate_hint();
  const analyzer::report::DocFiles files = generated(read_file(kDocs / "migrating.md"));
  for (const auto& [path, text] : files) {
    const fs::path committed = kDocs / path;
    if (!fs::is_regular_file(committed)) {
      ADD_FAILURE() << "docs/" << path << " is missing" << regenerate_hint();
      continue;
    }
    EXPECT_TRUE(read_file(committed) == text) << "docs/" << path << " differs from what the code generates"
                                              << regenerate_hint();
  }
  for (const std::string& page : analyzer::report::existing_rule_pages(kDocs))
    EXPECT_TRUE(files.count(page)) << "docs/" << page << " documents no rule in the catalogue" << regenerate_hint();
}

TEST(Docs, RulePageIsTheExplainText) {
  const analyzer::report::DocFiles files = generated(read_file(kDocs / "migrating.md"));
  std::size_t pages = 0;
  for (const auto* info : rules::catalogue()) {
    const std::string& page = files.at("rules/" + std::string(info->id) + ".md");
    const std::string body = analyzer::report::explain(*info);
    EXPECT_EQ(page.substr(page.size() - body.size()), body) << info->id;
    EXPECT_EQ(page.rfind("<!--", 0), 0u) << "a page says it is generated";
    ++pages;
  }
  EXPECT_EQ(files.size(), pages + 2) << "the pages, README.md and migrating.md";
}

TEST(Docs, PageSaysHowToTurnOnAndSuppress) {
  const analyzer::RuleInfo style_rule{"prefer-text-over-varchar",
                                      analyzer::Severity::warning,
                                      analyzer::RuleGroup::style,
                                      {"varchar(n)", "varchar(n) columns.", "Changing n later locks.",
                                       "CREATE TABLE t (a varchar(20));", "CREATE TABLE t (a text);", ""},
                                      false};
  const std::string page = analyzer::report::explain(style_rule);
  EXPECT_NE(page.find("`--select prefer-text-over-varchar` (or `--select style`"), std::string::npos) << page;
  EXPECT_NE(page.find("-- schemaguard: ignore prefer-text-over-varchar -- reason"), std::string::npos);
  EXPECT_NE(page.find("[severity]\nprefer-text-over-varchar = \"off\"\n"), std::string::npos);
  EXPECT_NE(page.find("`-- squawk-ignore` comments naming `prefer-text-field` suppress this rule too"),
            std::string::npos);

  const analyzer::RuleInfo two_names{"prefer-timestamptz", analyzer::Severity::warning, analyzer::RuleGroup::style,
                                     {"s", "f", "w", "", "", ""}, false};
  EXPECT_NE(analyzer::report::explain(two_names).find("naming `prefer-timestamptz` or `prefer-timestamp-tz`"),
            std::string::npos);

  const analyzer::RuleInfo no_peer{"unbatched-update", analyzer::Severity::warning, analyzer::RuleGroup::backfills,
                                   {"s", "f", "w", "", "", ""}, true};
  EXPECT_EQ(analyzer::report::explain(no_peer).find("squawk"), std::string::npos);
  EXPECT_EQ(analyzer::report::explain(no_peer).find("--select"), std::string::npos) << "on by default";
}

TEST(Docs, IndexListsEveryRuleByGroup) {
  const std::string index = analyzer::report::rules_index(rules::catalogue());
  for (const auto* info : rules::catalogue()) {
    const std::string id(info->id);
    const std::string row = "| [" + id + "](" + id + ".md) | " + std::string(analyzer::severity_name(info->severity)) +
                            " | " + (info->enabled_by_default ? "on" : "off") + " | ";
    const std::size_t at = index.find(row);
    ASSERT_NE(at, std::string::npos) << id;
    // Under its group's heading: the last "Group `x`" line before the row names its group.
    const std::size_t group = index.rfind("Group `", at);
    ASSERT_NE(group, std::string::npos);
    EXPECT_EQ(index.substr(group + 7, analyzer::group_name(info->group).size() + 1),
              std::string(analyzer::group_name(info->group)) + "`")
        << id;
  }
}

TEST(Docs, MissingMarkersAreAnError) {
  analyzer::report::DocFiles files;
  std::string error;
  EXPECT_FALSE(analyzer::report::generate_docs(rules::catalogue(), "# Migrating\n", files, error));
  EXPECT_NE(error.find("squawk table"), std::string::npos) << error;
}

// The command the failure message gives really regenerates, and removes stale pages.
TEST(Docs, WriteDocsCommand) {
  const fs::path dir = fs::temp_directory_path() / ("sg_docs_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "rules");
  std::string migrating = read_file(kDocs / "migrating.md");
  const std::size_t table = migrating.find(analyzer::report::kSquawkTableBegin);
  ASSERT_NE(table, std::string::npos);
  migrating.insert(table + analyzer::report::kSquawkTableBegin.size(), "\n| stale row |");
  std::ofstream(dir / "migrating.md") << migrating;
  std::ofstream(dir / "rules" / "retired-rule.md") << "# retired-rule\n";

  const std::string command = std::string(SCHEMAGUARD_BINARY) + " rules --write-docs " + dir.string() + " > " +
                              (dir / "out.txt").string() + " 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << read_file(dir / "out.txt");
  EXPECT_FALSE(fs::exists(dir / "rules" / "retired-rule.md"));
  const analyzer::report::DocFiles files = generated(read_file(kDocs / "migrating.md"));
  for (const auto& [path, text] : files) EXPECT_TRUE(read_file(dir / path) == text) << path;

  // Without migrating.md it is an input error.
  fs::remove(dir / "migrating.md");
  const std::string again = std::string(SCHEMAGUARD_BINARY) + " rules --write-docs " + dir.string() + " 2>/dev/null";
  const int status = std::system(again.c_str());
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 2) << status;
  fs::remove_all(dir);
}

// migrating.md's hand-written tables name schemaguard rules by id: each must be one.
TEST(Docs, MigratingNamesOnlyRealRules) {
  const std::string text = read_file(kDocs / "migrating.md");
  const std::regex link(R"(\(rules/([a-z-]+)\.md\))");
  std::size_t links = 0;
  for (std::sregex_iterator it(text.begin(), text.end(), link), end; it != end; ++it, ++links)
    EXPECT_TRUE(test_support::known_or_reserved_rule_id((*it)[1])) << (*it)[1];
  EXPECT_GT(links, 0u);
  // In the peer tables, the schemaguard column holds backquoted ids (or "none").
  const std::regex row(R"(\n\| [^|\n]+ \| ([^|\n]+) \|)");
  const std::regex id(R"(`([a-z][a-z-]*)`)");
  std::size_t ids = 0;
  for (std::sregex_iterator it(text.begin(), text.end(), row), end; it != end; ++it) {
    const std::string column = (*it)[1];
    for (std::sregex_iterator m(column.begin(), column.end(), id), e; m != e; ++m, ++ids)
      EXPECT_TRUE(test_support::known_or_reserved_rule_id((*m)[1])) << (*m)[1] << " in: " << (*it)[0];
  }
  EXPECT_GT(ids, 50u);
}

}  // namespace
