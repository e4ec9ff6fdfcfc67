// The text report, built in memory and written in blocks: colours, the snippet (tabs,
// multibyte characters), references, suggested SQL and the summary, byte for byte.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "analyzer/engine.h"
#include "analyzer/report/report.h"

namespace {

namespace fs = std::filesystem;

class TextReport : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (fs::temp_directory_path() / ("schemaguard_text_report_" + std::to_string(::getpid()) + ".sql")).string();
    std::ofstream(path_, std::ios::binary) << "SELECT 1;\n\tALTER TABLE \xC3\xA9t\xC3\xA9 ADD x int;\n";
  }
  void TearDown() override { fs::remove(path_); }

  analyzer::Finding finding() const {
    analyzer::Finding f;
    f.rule = "some-rule";
    f.severity = analyzer::Severity::error;
    f.path = path_;
    f.start = {2, 2};
    f.stop = {2, 18};
    f.message = "the message";
    f.help = "the help";
    f.suggested_sql = "SELECT 2;\n-- two lines";
    analyzer::CodeReference with_function{"src/a.cpp", 12, 3, "load", "write", ""};
    analyzer::CodeReference without_function{"src/b.cpp", 7, 1, "", "select", ""};
    f.references = {with_function, without_function};
    return f;
  }

  std::string report(const analyzer::LintResult& result, bool color) const {
    const std::vector<const analyzer::RuleInfo*> rules;
    std::ostringstream out;
    analyzer::report::write_text(out, analyzer::report::ReportInput{result, rules, 15, color});
    return out.str();
  }

  std::string path_;
};

TEST_F(TextReport, FindingWithSnippetReferencesAndSuggestion) {
  analyzer::LintResult result;
  result.files.push_back({path_, true, {}, {}});
  result.findings.push_back(finding());
  const std::string expected = path_ + ":2:2: error: the message [some-rule]\n"
                               " 2 |  ALTER TABLE \xC3\xA9t\xC3\xA9 ADD x int;\n"
                               "   |  ^" + std::string(15, '~') + "\n"
                               "  note: still written here: src/a.cpp:12:3 in load\n"
                               "  note: still read here: src/b.cpp:7:1\n"
                               "  help: the help\n"
                               "      SELECT 2;\n"
                               "      -- two lines\n"
                               "\n"
                               "schemaguard: 1 error, 0 warnings in 1 file\n";
  EXPECT_EQ(report(result, false), expected);
}

TEST_F(TextReport, ColoursWrapTheSameText) {
  analyzer::LintResult result;
  result.files.push_back({path_, true, {}, {}});
  analyzer::Finding f = finding();
  f.severity = analyzer::Severity::warning;
  f.references.clear();
  f.suggested_sql.clear();
  f.start = {2, 14};
  f.stop = {3, 1};  // to the end of the line
  result.findings.push_back(f);
  result.errors.push_back({"broken.sql", {4, 5}, "syntax error"});
  const std::string expected = "\033[1m" + path_ + ":2:14: \033[0m\033[1;33mwarning:\033[0m \033[1mthe message\033[0m [some-rule]\n"
                               "\033[1;36m 2 | \033[0m ALTER TABLE \xC3\xA9t\xC3\xA9 ADD x int;\n"
                               "\033[1;36m   | \033[0m" + std::string(13, ' ') + "\033[32m^" + std::string(13, '~') + "\033[0m\n"
                               "  \033[1;36mhelp:\033[0m the help\n"
                               "\n"
                               "broken.sql:4:5: \033[1;31merror:\033[0m syntax error\n"
                               "schemaguard: 0 errors, 1 warning in 1 file; 1 file could not be read\n";
  EXPECT_EQ(report(result, true), expected);
}

TEST_F(TextReport, ManyFindingsKeepTheirOrderAcrossWrites) {
  analyzer::LintResult result;
  result.files.push_back({path_, true, {}, {}});
  result.files.push_back({"other.sql", true, {}, {}});
  for (int k = 1; k <= 2000; ++k) {
    analyzer::Finding f = finding();
    f.message = "finding " + std::to_string(k);
    result.findings.push_back(f);
  }
  const std::string text = report(result, false);
  ASSERT_GT(text.size(), 128u * 1024) << "more than one block of output";
  std::size_t at = 0;
  for (int k = 1; k <= 2000; ++k) {
    const std::size_t next = text.find(": finding " + std::to_string(k) + " [", at);
    ASSERT_NE(next, std::string::npos) << k;
    at = next;
  }
  EXPECT_TRUE(text.ends_with("\n\nschemaguard: 2000 errors, 0 warnings in 2 files\n"));
}

TEST(TextReportSummary, NoFindings) {
  analyzer::LintResult result;
  result.files.push_back({"a.sql", true, {}, {}});
  const std::vector<const analyzer::RuleInfo*> rules;
  std::ostringstream out;
  analyzer::report::write_text(out, analyzer::report::ReportInput{result, rules, 15, true});
  EXPECT_EQ(out.str(), "schemaguard: 1 file checked, no findings\n");
}

}  // namespace
