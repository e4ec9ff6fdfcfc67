// squawk's ignore comments, honoured through the squawk -> schemaguard table.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <unistd.h>

#include "analyzer/engine.h"
#include "analyzer/peer_rules.h"
#include "analyzer/suppression.h"
#include "known_rule_ids.h"
#include "rules/registry.h"

namespace analyzer {
namespace {

namespace fs = std::filesystem;

const std::set<std::string> kKnownRules = test_support::catalogue_ids();

// Reads a file's suppressions the way the engine does: which of `rules` are suppressed for
// each statement, and the invalid-suppression findings.
struct Suppressed {
  std::vector<std::set<std::string>> per_statement;
  std::vector<Finding> findings;
};

Suppressed suppressed(const std::string& sql, const std::vector<std::string>& rules) {
  sqlparse::SourceText source("m.sql", sql);
  Suppressed out;
  FileSuppressions suppressions(source, kKnownRules, out.findings);
  const auto summary = sqlparse::parse_statements(source, [&](const sqlparse::Statement& st) {
    suppressions.begin_statement(st);
    std::set<std::string> here;
    for (const std::string& rule : rules)
      if (suppressions.suppressed(rule)) here.insert(rule);
    out.per_statement.push_back(here);
  });
  EXPECT_FALSE(summary.error) << sql;
  return out;
}

using Ids = std::set<std::string>;

TEST(SquawkIgnore, DirectiveSyntax) {
  SuppressionDirective d;
  ASSERT_TRUE(parse_directive("-- squawk-ignore ban-drop-column, renaming-column,ban-drop-database -- why", d));
  EXPECT_EQ(d.syntax, DirectiveSyntax::squawk);
  EXPECT_FALSE(d.whole_file);
  EXPECT_EQ(d.rules, (std::vector<std::string>{"ban-drop-column", "renaming-column", "ban-drop-database"}));
  ASSERT_TRUE(parse_directive("/* squawk-ignore-file */", d));
  EXPECT_TRUE(d.whole_file);
  EXPECT_TRUE(d.rules.empty());
  ASSERT_TRUE(parse_directive("--squawk-ignore-file prefer-robust-stmts", d));
  EXPECT_TRUE(d.whole_file);
  EXPECT_EQ(d.rules, (std::vector<std::string>{"prefer-robust-stmts"}));
  ASSERT_TRUE(parse_directive("-- schemaguard: ignore drop-column", d));
  EXPECT_EQ(d.syntax, DirectiveSyntax::schemaguard);
  EXPECT_FALSE(parse_directive("-- squawk-ignored ban-drop-column", d));
  EXPECT_FALSE(parse_directive("-- squawk-ignore-filed", d));
  EXPECT_FALSE(parse_directive("-- we used to run squawk-ignore here", d));
}

TEST(SquawkIgnore, SuppressesTheMappedRulesOfOneStatement) {
  const std::vector<std::string> rules{"drop-column", "rename-column", "prefer-timestamptz", "missing-lock-timeout",
                                      "missing-statement-timeout", "drop-table", "unbatched-update"};
  const Suppressed s = suppressed(
      "-- squawk-ignore ban-drop-column\n"
      "ALTER TABLE t DROP COLUMN a;\n"
      "ALTER TABLE t RENAME COLUMN b TO c; -- squawk-ignore renaming-column\n"
      "CREATE TABLE u (\n"
      "  -- squawk-ignore prefer-timestamp-tz\n"
      "  at timestamp\n"
      ");\n"
      "-- squawk-ignore require-timeout-settings\n"
      "ALTER TABLE t ADD COLUMN d int;\n"
      "-- squawk-ignore ban-drop-view\n"
      "DROP VIEW v;\n"
      "-- squawk-ignore\n"
      "DROP TABLE t;\n"
      "ALTER TABLE t DROP COLUMN e;\n",
      rules);
  ASSERT_EQ(s.per_statement.size(), 7u);
  EXPECT_EQ(s.per_statement[0], (Ids{"drop-column"}));
  EXPECT_EQ(s.per_statement[1], (Ids{"rename-column"})) << "an ignore at the end of the statement";
  EXPECT_EQ(s.per_statement[2], (Ids{"prefer-timestamptz"})) << "squawk's alias, inside the statement";
  EXPECT_EQ(s.per_statement[3], (Ids{"missing-lock-timeout", "missing-statement-timeout"}));
  EXPECT_EQ(s.per_statement[4], Ids{}) << "a squawk rule with no equivalent suppresses nothing";
  // A bare ignore covers every rule squawk has an equivalent for, not schemaguard's own.
  EXPECT_EQ(s.per_statement[5], (Ids{"drop-column", "rename-column", "prefer-timestamptz", "missing-lock-timeout",
                                     "missing-statement-timeout", "drop-table"}));
  EXPECT_EQ(s.per_statement[6], Ids{});
  EXPECT_TRUE(s.findings.empty()) << s.findings.front().message;
}

TEST(SquawkIgnore, FileLevel) {
  const Suppressed named = suppressed(
      "ALTER TABLE t DROP COLUMN a;\n"
      "-- squawk-ignore-file ban-drop-table, ban-drop-column\n"
      "DROP TABLE t;\n",
      {"drop-column", "drop-table", "rename-table"});
  ASSERT_EQ(named.per_statement.size(), 2u);
  EXPECT_EQ(named.per_statement[0], (Ids{"drop-column", "drop-table"})) << "anywhere in the file";
  EXPECT_EQ(named.per_statement[1], (Ids{"drop-column", "drop-table"}));

  const Suppressed bare = suppressed("/* squawk-ignore-file */\nDROP TABLE t;\n", {"drop-table", "unbatched-update"});
  ASSERT_EQ(bare.per_statement.size(), 1u);
  EXPECT_EQ(bare.per_statement[0], (Ids{"drop-table"}));
}

TEST(SquawkIgnore, UnknownSquawkNamesAreReported) {
  const Suppressed s = suppressed(
      "-- squawk-ignore ban-drop-colum, ban-drop-table\n"
      "DROP TABLE t;\n"
      "-- squawk-ignore drop-column\n"
      "ALTER TABLE t DROP COLUMN a;\n"
      "-- squawk-ignore-file unused-ignore, ban-revoke\n",
      {"drop-table", "drop-column"});
  ASSERT_EQ(s.findings.size(), 2u);
  EXPECT_EQ(s.findings[0].rule, "invalid-suppression");
  EXPECT_EQ(s.findings[0].message, "suppression names unknown squawk rule `ban-drop-colum`");
  EXPECT_EQ(s.findings[0].start.line, 1);
  // A schemaguard id is not a squawk name.
  EXPECT_EQ(s.findings[1].message, "suppression names unknown squawk rule `drop-column`");
  EXPECT_EQ(s.findings[1].start.line, 3);
  ASSERT_EQ(s.per_statement.size(), 2u);
  EXPECT_EQ(s.per_statement[0], (Ids{"drop-table"})) << "the known name still counts";
  EXPECT_EQ(s.per_statement[1], Ids{});
}

// Through the engine, with the real drop-column rule.
TEST(SquawkIgnore, EngineDropsTheFinding) {
  const fs::path dir = fs::temp_directory_path() / ("sg_squawk_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path file = dir / "0001.sql";
  std::ofstream(file) << "ALTER TABLE users DROP COLUMN a;\n"
                         "-- squawk-ignore ban-drop-column -- the column was never read\n"
                         "ALTER TABLE users DROP COLUMN b;\n";
  RuleList rules;
  for (auto& rule : rules::make_all_rules())
    if (rule->info().id == "drop-column") rules.push_back(std::move(rule));
  ASSERT_EQ(rules.size(), 1u);
  LintOptions options;
  options.known_rules = kKnownRules;
  const LintResult result = lint({MigrationFile{file.string(), true, false, false, 0}}, rules, options);
  fs::remove_all(dir);
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].rule, "drop-column");
  EXPECT_EQ(result.findings[0].start.line, 1);
}

TEST(SquawkTable, NamesAreUniqueAndIdsAreSchemaguards) {
  std::set<std::string_view> names;
  for (const PeerRule& rule : squawk_rules()) {
    EXPECT_TRUE(names.insert(rule.name).second) << "duplicate squawk name " << rule.name;
    for (std::string_view id : rule.rule_ids)
      EXPECT_TRUE(test_support::known_or_reserved_rule_id(std::string(id)))
          << rule.name << " maps to `" << id << "`, which is neither a rule nor a reserved id";
  }
  EXPECT_GE(names.size(), 30u);
  ASSERT_NE(find_squawk_rule("require-timeout-settings"), nullptr);
  EXPECT_EQ(find_squawk_rule("require-timeout-settings")->rule_ids.size(), 2u);
  EXPECT_EQ(find_squawk_rule("ban-drop-colum"), nullptr);
  EXPECT_EQ(squawk_names_for("prefer-timestamptz"),
            (std::vector<std::string_view>{"prefer-timestamptz", "prefer-timestamp-tz"}));
  EXPECT_TRUE(squawk_names_for("unbatched-update").empty());
}

}  // namespace
}  // namespace analyzer
