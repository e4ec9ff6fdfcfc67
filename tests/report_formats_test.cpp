// Specific behaviours of the machine-readable reporters that the goldens don't pin down:
// escaping, URIs, fingerprint stability, and the rule documentation page.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "analyzer/engine.h"
#include "analyzer/report/report.h"
#include "analyzer/suppression.h"
#include "rules/registry.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

analyzer::Finding make_finding(std::string path, std::string message) {
  analyzer::Finding f;
  f.rule = "create-index-without-concurrently";
  f.severity = analyzer::Severity::warning;
  f.path = std::move(path);
  f.start = {3, 5};
  f.stop = {3, 12};
  f.message = std::move(message);
  f.help = "do it differently";
  return f;
}

std::string render(analyzer::report::Writer writer, const analyzer::LintResult& result) {
  const auto catalogue = rules::catalogue();
  std::ostringstream out;
  writer(out, analyzer::report::ReportInput{result, catalogue, 15, false});
  return out.str();
}

// A scratch directory holding one migration file, linted with the real engine.
class ScratchMigration : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("schemaguard_report_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::create_directories(dir_);
    write("0001_orders.sql", "CREATE TABLE orders (id bigint, user_id bigint);\n");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }

  analyzer::LintResult lint(const std::string& under_review) {
    std::vector<analyzer::MigrationFile> plan{{(dir_ / "0001_orders.sql").string(), false, false, false, -1},
                                              {(dir_ / under_review).string(), true, false, false, 0}};
    analyzer::LintOptions options;
    for (const auto* info : rules::catalogue()) options.known_rules.insert(std::string(info->id));
    analyzer::RuleList rules;
    for (auto& rule : rules::make_all_rules())
      if (rule->info().id == "create-index-without-concurrently") rules.push_back(std::move(rule));
    return analyzer::lint(plan, rules, options);
  }

  std::vector<std::string> gitlab_fingerprints(const analyzer::LintResult& result) {
    std::vector<std::string> out;
    for (const auto& issue : json::parse(render(analyzer::report::write_gitlab, result)))
      out.push_back(issue["fingerprint"].get<std::string>());
    return out;
  }

  std::vector<std::string> sarif_fingerprints(const analyzer::LintResult& result) {
    std::vector<std::string> out;
    const json log = json::parse(render(analyzer::report::write_sarif, result));
    for (const auto& r : log["runs"][0]["results"])
      out.push_back(r["partialFingerprints"]["statementHash/v1"].get<std::string>());
    return out;
  }

  fs::path dir_;
};

TEST_F(ScratchMigration, FingerprintsSurviveEditsAboveAndReformatting) {
  write("0002_index.sql", "CREATE INDEX orders_user_idx ON orders (user_id);\n");
  const auto before = lint("0002_index.sql");
  ASSERT_EQ(before.findings.size(), 1u);
  const auto gitlab_before = gitlab_fingerprints(before);
  const auto sarif_before = sarif_fingerprints(before);

  write("0002_index.sql",
        "-- A new comment and an unrelated statement above.\nSELECT 1;\n\nCREATE INDEX orders_user_idx\n"
        "    ON orders (user_id);\n");
  const auto after = lint("0002_index.sql");
  ASSERT_EQ(after.findings.size(), 1u);
  EXPECT_EQ(after.findings[0].start.line, 4);
  EXPECT_EQ(gitlab_fingerprints(after), gitlab_before);
  EXPECT_EQ(sarif_fingerprints(after), sarif_before);

  write("0002_index.sql", "CREATE INDEX orders_id_idx ON orders (id);\n");
  EXPECT_NE(gitlab_fingerprints(lint("0002_index.sql")), gitlab_before);
}

TEST_F(ScratchMigration, IdenticalStatementsGetDistinctFingerprints) {
  write("0002_index.sql",
        "CREATE INDEX IF NOT EXISTS orders_user_idx ON orders (user_id);\n"
        "CREATE INDEX IF NOT EXISTS orders_user_idx ON orders (user_id);\n");
  const auto result = lint("0002_index.sql");
  ASSERT_EQ(result.findings.size(), 2u);
  const auto prints = gitlab_fingerprints(result);
  EXPECT_NE(prints[0], prints[1]);
}

TEST(GithubReport, EscapesDataAndProperties) {
  analyzer::LintResult result;
  result.findings.push_back(make_finding("db/a,b:c.sql", "100% sure\r\nsecond line"));
  result.findings.back().severity = analyzer::Severity::error;
  result.errors.push_back({"db\\bad.sql", {7, 12}, "syntax error at or near \"x\""});
  EXPECT_EQ(render(analyzer::report::write_github, result),
            "::error file=db/a%2Cb%3Ac.sql,line=3,col=5,endLine=3,endColumn=11,title=create-index-without-concurrently"
            "::100%25 sure%0D%0Asecond line; do it differently.\n"
            "::error file=db/bad.sql,line=7,col=12,title=schemaguard%3A input error::syntax error at or near \"x\"\n");
}

TEST(GithubReport, WarningsAndSkippedHistory) {
  analyzer::LintResult result;
  result.findings.push_back(make_finding("m.sql", "careful"));
  result.warnings.push_back({"old.sql", {1, 1}, "not UTF-8"});
  const std::string out = render(analyzer::report::write_github, result);
  EXPECT_EQ(out.rfind("::warning file=m.sql,line=3,col=5,", 0), 0u) << out;
  EXPECT_NE(out.find("::warning file=old.sql,line=1,col=1,title=schemaguard%3A history file skipped::"),
            std::string::npos)
      << out;
}

TEST(SarifReport, UrisRelatedLocationsAndNotifications) {
  analyzer::LintResult result;
  result.findings.push_back(make_finding("./db/my migrations/0042_x.sql", "first"));
  result.findings.push_back(make_finding("/abs/path/0043 y.sql", "second"));
  result.findings.back().references.push_back({"src/user_repo.cpp", 42, 17, "UserRepo::find", "field", "SELECT 1"});
  result.findings.back().rule = "drop-column";
  result.errors.push_back({"db/bad.sql", {7, 12}, "syntax error"});
  result.warnings.push_back({"db/old.sql", {1, 1}, "not UTF-8"});
  const json sarif = json::parse(render(analyzer::report::write_sarif, result));
  const json& run = sarif["runs"][0];

  const json& first = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
  EXPECT_EQ(first["uri"], "db/my%20migrations/0042_x.sql");
  EXPECT_EQ(first["uriBaseId"], "%SRCROOT%");
  const json& second = run["results"][1];
  EXPECT_EQ(second["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "file:///abs/path/0043%20y.sql");
  EXPECT_FALSE(second["locations"][0]["physicalLocation"]["artifactLocation"].contains("uriBaseId"));
  EXPECT_EQ(second["level"], "warning");
  EXPECT_EQ(second["message"]["text"], "second; do it differently.");

  // ruleIndex points at the rule's entry in the catalogue.
  const json& rules = run["tool"]["driver"]["rules"];
  EXPECT_EQ(rules.size(), rules::catalogue().size());
  EXPECT_EQ(rules[second["ruleIndex"].get<std::size_t>()]["id"], "drop-column");
  EXPECT_EQ(rules[second["ruleIndex"].get<std::size_t>()]["name"], "DropColumn");

  const json& related = second["relatedLocations"][0];
  EXPECT_EQ(related["id"], 1);
  EXPECT_EQ(related["physicalLocation"]["artifactLocation"]["uri"], "src/user_repo.cpp");
  EXPECT_EQ(related["physicalLocation"]["region"]["startLine"], 42);
  EXPECT_EQ(related["message"]["text"], "Still used in UserRepo::find (field): SELECT 1.");

  const json& invocation = run["invocations"][0];
  EXPECT_EQ(invocation["executionSuccessful"], false);
  ASSERT_EQ(invocation["toolExecutionNotifications"].size(), 2u);
  EXPECT_EQ(invocation["toolExecutionNotifications"][0]["level"], "error");
  EXPECT_EQ(invocation["toolExecutionNotifications"][1]["level"], "warning");
}

TEST(SarifReport, EveryRuleHasWhatGithubRequires) {
  const json sarif = json::parse(render(analyzer::report::write_sarif, analyzer::LintResult{}));
  const json& run = sarif["runs"][0];
  EXPECT_EQ(run["invocations"][0]["executionSuccessful"], true);
  EXPECT_EQ(run["columnKind"], "unicodeCodePoints");
  for (const json& rule : run["tool"]["driver"]["rules"]) {
    SCOPED_TRACE(rule["id"].get<std::string>());
    EXPECT_FALSE(rule["fullDescription"]["text"].get<std::string>().empty());
    EXPECT_FALSE(rule["help"]["markdown"].get<std::string>().empty());
    EXPECT_EQ(rule["helpUri"], analyzer::report::help_uri(rule["id"].get<std::string>()));
    EXPECT_TRUE(rule["defaultConfiguration"]["level"] == "error" || rule["defaultConfiguration"]["level"] == "warning");
  }
}

TEST(GitlabReport, SeveritiesAndInputErrors) {
  analyzer::LintResult result;
  result.findings.push_back(make_finding("m.sql", "careful"));
  result.findings.push_back(make_finding("m.sql", "stop"));
  result.findings.back().severity = analyzer::Severity::error;
  result.findings.back().stop = {5, 2};
  result.errors.push_back({"bad.sql", {7, 12}, "syntax error"});
  const json issues = json::parse(render(analyzer::report::write_gitlab, result));
  ASSERT_EQ(issues.size(), 3u);
  EXPECT_EQ(issues[0]["severity"], "minor");
  EXPECT_EQ(issues[1]["severity"], "major");
  EXPECT_EQ(issues[1]["location"]["lines"], (json{{"begin", 3}, {"end", 5}}));
  EXPECT_EQ(issues[2]["severity"], "blocker");
  EXPECT_EQ(issues[2]["check_name"], "input-error");
  EXPECT_EQ(issues[2]["location"]["path"], "bad.sql");
  EXPECT_EQ(issues[2]["fingerprint"].get<std::string>().size(), 16u);
}

TEST(JsonReport, ReferencesErrorsAndWarnings) {
  analyzer::LintResult result;
  result.findings.push_back(make_finding("m.sql", "dropped"));
  result.findings.back().references.push_back({"src/a.cpp", 4, 9, "f", "read", "SELECT x FROM t"});
  result.errors.push_back({"bad.sql", {7, 12}, "syntax error"});
  result.warnings.push_back({"old.sql", {1, 1}, "not UTF-8"});
  const std::string text = render(analyzer::report::write_json, result);
  const json j = json::parse(text);
  EXPECT_EQ(j["schema_version"], 1);
  EXPECT_EQ(j["tool"]["version"], SCHEMAGUARD_VERSION);
  EXPECT_EQ(j["findings"][0]["end_column"], 12);
  EXPECT_EQ(j["findings"][0]["references"][0],
            (json{{"path", "src/a.cpp"}, {"line", 4}, {"column", 9}, {"function", "f"}, {"access", "read"},
                  {"sql", "SELECT x FROM t"}}));
  EXPECT_EQ(j["errors"][0], (json{{"path", "bad.sql"}, {"line", 7}, {"column", 12}, {"message", "syntax error"}}));
  EXPECT_EQ(j["warnings"][0]["path"], "old.sql");
  // Keys in the contract's order.
  EXPECT_LT(text.find("\"schema_version\""), text.find("\"tool\""));
  EXPECT_LT(text.find("\"files\""), text.find("\"findings\""));
  EXPECT_LT(text.find("\"findings\""), text.find("\"errors\""));
}

TEST(JsonReport, PossibleEffectsAreOptionalKeys) {
  analyzer::LintResult result;
  analyzer::FileReport file;
  file.path = "m.sql";
  file.under_review = true;
  analyzer::StatementRecord certain;
  certain.sql = "ALTER TABLE r ADD COLUMN x int";
  certain.effects.locks = {{{"public", "r"}, analyzer::LockMode::AccessExclusive}};
  analyzer::StatementRecord possible;
  possible.sql = "ALTER TABLE r ADD FOREIGN KEY (t_id) REFERENCES t";
  possible.effects.locks = {{{"public", "r"}, analyzer::LockMode::ShareRowExclusive}};
  possible.effects.possible_scans = {{"public", "t"}};
  possible.effects.possible_locks = {{{"public", "p_2024"}, analyzer::LockMode::RowExclusive}};
  file.statements = {certain, possible};
  result.files.push_back(file);
  const json j = json::parse(render(analyzer::report::write_json, result));
  const json& effects = j["files"][0]["statements"];
  EXPECT_FALSE(effects[0]["effects"].contains("possible_scans"));
  EXPECT_FALSE(effects[0]["effects"].contains("possible_locks"));
  EXPECT_EQ(effects[1]["effects"]["possible_scans"], json::array({"public.t"}));
  EXPECT_EQ(effects[1]["effects"]["possible_locks"],
            json::array({json{{"relation", "public.p_2024"}, {"mode", "RowExclusiveLock"}}}));
  EXPECT_EQ(effects[1]["effects"]["scans"], json::array());  // a possible scan is not a certain one
}

TEST(Explain, CompletePageWithSuppressionSyntax) {
  analyzer::RuleInfo rule{"drop-widget",
                          analyzer::Severity::warning,
                          analyzer::RuleGroup::style,
                          {"Drops a widget", "DROP WIDGET.", "Widgets are precious.", "DROP WIDGET w;",
                           "ALTER WIDGET w RENAME TO w_old;", ""},
                          false};
  const std::string page = analyzer::report::explain(rule);
  EXPECT_EQ(page.rfind("# drop-widget\n\nDrops a widget\n", 0), 0u) << page;
  EXPECT_NE(page.find("| warning | style | no |"), std::string::npos);
  EXPECT_NE(page.find("`--select drop-widget`"), std::string::npos);
  EXPECT_NE(page.find("## What it flags\n\nDROP WIDGET.\n"), std::string::npos);
  EXPECT_NE(page.find("## Why it is dangerous\n\nWidgets are precious.\n"), std::string::npos);
  EXPECT_EQ(page.find("## Versions"), std::string::npos);
  EXPECT_NE(page.find("## Example\n\n```sql\nDROP WIDGET w;\n```\n"), std::string::npos);
  EXPECT_NE(page.find("## Safe alternative\n\n```sql\nALTER WIDGET w RENAME TO w_old;\n```\n"), std::string::npos);
  EXPECT_NE(page.find("-- schemaguard: ignore drop-widget -- reason"), std::string::npos);
  EXPECT_NE(page.find("-- schemaguard: ignore-file drop-widget"), std::string::npos);
  EXPECT_NE(page.find("ignore = [\"drop-widget\"]"), std::string::npos);

  rule.doc.versions = "PostgreSQL 12 and later.";
  EXPECT_NE(analyzer::report::explain(rule).find("## Versions\n\nPostgreSQL 12 and later.\n"), std::string::npos);
}

TEST(Explain, InvalidSuppressionCannotBeSuppressedInline) {
  const std::string page = analyzer::report::explain(analyzer::invalid_suppression_rule());
  EXPECT_EQ(page.find("-- schemaguard: ignore invalid-suppression"), std::string::npos);
  EXPECT_NE(page.find("ignore = [\"invalid-suppression\"]"), std::string::npos);
}

}  // namespace
