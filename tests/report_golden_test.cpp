// Golden tests of the reporters: the real engine lints a fixture migration and each
// format's output must match testdata/golden/<name>.<ext> byte for byte.
//
// To accept an intended change of the output, run the tests with SCHEMAGUARD_UPDATE_GOLDEN=1:
// the golden files are rewritten instead of compared (review the diff before committing).
//
// The tool version is replaced by @VERSION@ before comparing, so releases don't churn the goldens.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "analyzer/engine.h"
#include "analyzer/report/report.h"
#include "analyzer/suppression.h"
#include "rules/registry.h"

namespace {

namespace fs = std::filesystem;

constexpr const char* kMigrations = "testdata/golden/migrations/";

// Only the rules whose findings the fixture is about: other rules may fire on it as
// they land, and must not change these goldens (nor their docs, which SARIF embeds).
bool is_golden_rule(std::string_view id) {
  return id == "create-index-without-concurrently" || id == analyzer::invalid_suppression_rule().id;
}

analyzer::RuleList golden_rules() {
  analyzer::RuleList out;
  for (auto& rule : rules::make_all_rules())
    if (is_golden_rule(rule->info().id)) out.push_back(std::move(rule));
  return out;
}

std::vector<const analyzer::RuleInfo*> golden_catalogue() {
  std::vector<const analyzer::RuleInfo*> out;
  for (const auto* info : rules::catalogue())
    if (is_golden_rule(info->id)) out.push_back(info);
  return out;
}

analyzer::LintResult lint_fixture(const std::vector<std::string>& under_review) {
  std::vector<analyzer::MigrationFile> plan{{std::string(kMigrations) + "0001_create_orders.sql", false, false, false, -1}};
  for (const std::string& name : under_review) plan.push_back({std::string(kMigrations) + name, true, false, false, 0});
  analyzer::LintOptions options;
  options.record_statements = true;
  for (const auto* info : rules::catalogue()) options.known_rules.insert(std::string(info->id));
  analyzer::RuleList rules = golden_rules();
  return analyzer::lint(plan, rules, options);
}

std::string normalize_version(std::string text) {
  const std::string version = std::string("\"") + SCHEMAGUARD_VERSION + "\"";
  for (std::size_t at = text.find(version); at != std::string::npos; at = text.find(version, at))
    text.replace(at, version.size(), "\"@VERSION@\"");
  return text;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool updating_goldens() {
  const char* update = std::getenv("SCHEMAGUARD_UPDATE_GOLDEN");
  return update && std::string(update) == "1";
}

class ReportGolden : public ::testing::Test {
 protected:
  // Paths in reports are as given: relative to the repository root, the same on every machine.
  void SetUp() override {
    previous_ = fs::current_path();
    fs::current_path(SCHEMAGUARD_SOURCE_DIR);
  }
  void TearDown() override { fs::current_path(previous_); }

  void expect_golden(analyzer::report::Writer writer, const analyzer::LintResult& result, const std::string& golden) {
    const auto catalogue = golden_catalogue();
    const analyzer::report::ReportInput input{result, catalogue, 15, false};
    std::ostringstream out;
    writer(out, input);
    const std::string actual = normalize_version(out.str());
    const fs::path path = fs::path("testdata/golden") / golden;
    if (updating_goldens()) {
      std::ofstream(path, std::ios::binary) << actual;
      return;
    }
    ASSERT_TRUE(fs::exists(path)) << path << " is missing; create it with SCHEMAGUARD_UPDATE_GOLDEN=1";
    EXPECT_EQ(read_file(path), actual) << "output differs from " << path
                                       << " (if the change is intended: SCHEMAGUARD_UPDATE_GOLDEN=1)";
  }

 private:
  fs::path previous_;
};

struct Format {
  analyzer::report::Writer writer;
  const char* extension;
};
const Format kFormats[] = {
    {analyzer::report::write_text, "txt"},     {analyzer::report::write_json, "json"},
    {analyzer::report::write_sarif, "sarif"},  {analyzer::report::write_github, "github.txt"},
    {analyzer::report::write_gitlab, "gitlab.json"},
};

TEST_F(ReportGolden, FindingsInEveryFormat) {
  const analyzer::LintResult result = lint_fixture({"0002_index_orders.sql"});
  // The fixture's point: both rules fire, nothing fails to parse.
  ASSERT_TRUE(result.errors.empty());
  ASSERT_EQ(result.findings.size(), 4u);
  for (const Format& format : kFormats) expect_golden(format.writer, result, std::string("findings.") + format.extension);
}

TEST_F(ReportGolden, InputErrorsInEveryFormat) {
  const analyzer::LintResult result = lint_fixture({"0002_index_orders.sql", "0003_broken.sql"});
  ASSERT_EQ(result.errors.size(), 1u);
  for (const Format& format : kFormats) expect_golden(format.writer, result, std::string("errors.") + format.extension);
}

}  // namespace
