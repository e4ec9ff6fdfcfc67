// Runs every rule fixture under testdata/rules/<rule-id>/ (format: testdata/rules/README.md)
// through the engine with only that rule enabled, and compares the findings with the
// `-- expect:` annotations: a missing and an extra finding both fail.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "analyzer/engine.h"
#include "rules/registry.h"

namespace {

namespace fs = std::filesystem;

const fs::path kFixtureRoot = fs::path(SCHEMAGUARD_SOURCE_DIR) / "testdata" / "rules";

struct FixtureFile {
  std::string rule;
  fs::path path;
};

// Names the file when gtest prints a parameter.
void PrintTo(const FixtureFile& file, std::ostream* os) { *os << file.path.string(); }

std::vector<FixtureFile> discover_fixtures() {
  std::vector<FixtureFile> out;
  std::error_code ec;
  for (const auto& dir : fs::directory_iterator(kFixtureRoot, ec)) {
    if (!dir.is_directory()) continue;
    for (const auto& file : fs::directory_iterator(dir.path()))
      if (file.is_regular_file() && file.path().extension() == ".sql")
        out.push_back({dir.path().filename().string(), file.path()});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  return out;
}

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

// The argument of a `-- <directive>: ...` line, if the line is one.
std::optional<std::string> directive(const std::string& line, std::string_view name) {
  std::string_view s = line;
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  if (s.substr(0, 2) != "--") return std::nullopt;
  s.remove_prefix(2);
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  if (s.substr(0, name.size()) != name || s.substr(name.size(), 1) != ":") return std::nullopt;
  return trim(s.substr(name.size() + 1));
}

struct Expectation {
  int line;
  std::string rule;
  std::string message_part;  // optional: text the finding's message must contain
  friend auto operator<=>(const Expectation&, const Expectation&) = default;
};

// `rule-id` or `rule-id "text in the message"`.
bool parse_expectation(const std::string& arg, std::string& rule, std::string& message_part) {
  const std::size_t space = arg.find(' ');
  rule = arg.substr(0, space);
  message_part.clear();
  if (rule.empty() || rule.find(',') != std::string::npos) return false;
  if (space == std::string::npos) return true;
  const std::string rest = trim(std::string_view(arg).substr(space));
  if (rest.size() < 3 || rest.front() != '"' || rest.back() != '"') return false;
  message_part = rest.substr(1, rest.size() - 2);
  return true;
}

struct Fixture {
  std::vector<std::string> lines;
  int review_marker = 0;  // 1-based line of `-- fixture: review`, 0 if none
  bool wrap_in_transaction = false;
  int pg_version = 15;
  std::vector<Expectation> expected;
  std::vector<std::string> problems;  // malformed annotations
};

Fixture read_fixture(const fs::path& path) {
  Fixture f;
  std::ifstream in(path, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    f.lines.push_back(line);
  }
  std::vector<int> pending;  // expect lines waiting for the line they annotate
  std::vector<std::pair<std::string, std::string>> pending_rules;
  for (int i = 0; i < static_cast<int>(f.lines.size()); ++i) {
    const int number = i + 1;
    const std::string& text = f.lines[static_cast<std::size_t>(i)];
    const std::string where = "line " + std::to_string(number) + ": ";
    if (auto option = directive(text, "fixture")) {
      if (*option == "review") {
        if (f.review_marker) f.problems.push_back(where + "second `-- fixture: review`");
        f.review_marker = number;
      } else if (*option == "wrap-in-transaction") {
        f.wrap_in_transaction = true;
      } else if (option->rfind("pg-version ", 0) == 0) {
        f.pg_version = std::atoi(option->c_str() + 11);
        if (f.pg_version < 11 || f.pg_version > 17) f.problems.push_back(where + "pg-version must be 11..17");
      } else {
        f.problems.push_back(where + "unknown fixture option `" + *option + "`");
      }
      if (!pending.empty()) f.problems.push_back(where + "an expect must be directly above the statement");
      continue;
    }
    if (auto arg = directive(text, "expect")) {
      std::string rule, message_part;
      if (!parse_expectation(*arg, rule, message_part))
        f.problems.push_back(where + "write `-- expect: rule-id` or `-- expect: rule-id \"message text\"`");
      pending.push_back(number);
      pending_rules.push_back({rule, message_part});
      continue;
    }
    if (trim(text).empty()) {
      if (!pending.empty()) f.problems.push_back(where + "blank line between an expect and its statement");
      continue;
    }
    for (std::size_t k = 0; k < pending.size(); ++k) {
      if (f.review_marker && pending[k] < f.review_marker)
        f.problems.push_back("line " + std::to_string(pending[k]) + ": expect in the history part");
      f.expected.push_back({number, pending_rules[k].first, pending_rules[k].second});
    }
    pending.clear();
    pending_rules.clear();
  }
  if (!pending.empty()) f.problems.push_back("line " + std::to_string(pending.front()) + ": expect annotates nothing");
  std::sort(f.expected.begin(), f.expected.end());
  return f;
}

// A temporary directory removed with its contents when the test ends.
class TempDir {
 public:
  explicit TempDir(const std::string& tag) {
    static int counter = 0;
    path_ = fs::temp_directory_path() /
            ("schemaguard-fixture-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + "-" + tag);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::set<std::string> catalogue_ids() {
  std::set<std::string> ids;
  for (const analyzer::RuleInfo* info : rules::catalogue()) ids.insert(std::string(info->id));
  return ids;
}

class RuleFixture : public ::testing::TestWithParam<FixtureFile> {};

TEST_P(RuleFixture, FindingsMatchAnnotations) {
  const FixtureFile& param = GetParam();
  const Fixture fixture = read_fixture(param.path);
  const std::string shown = fs::relative(param.path, kFixtureRoot.parent_path().parent_path()).string();
  for (const std::string& problem : fixture.problems) ADD_FAILURE() << shown << ": " << problem;
  if (!fixture.problems.empty()) return;

  const std::set<std::string> known = catalogue_ids();
  ASSERT_TRUE(known.count(param.rule)) << "directory names no rule in the catalogue: " << param.rule;
  for (const Expectation& e : fixture.expected)
    EXPECT_EQ(e.rule, param.rule) << shown << ":" << e.line << ": expects another directory's rule";

  // History: the lines above the marker. Review: the same file with those lines blanked,
  // so finding lines are fixture lines.
  std::string history, review;
  for (std::size_t i = 0; i < fixture.lines.size(); ++i) {
    const int number = static_cast<int>(i) + 1;
    if (number < fixture.review_marker) history += fixture.lines[i] + "\n";
    review += (number > fixture.review_marker ? fixture.lines[i] : std::string()) + "\n";
  }
  TempDir dir(param.rule);
  std::vector<analyzer::MigrationFile> files;
  if (fixture.review_marker) {
    write_file(dir.path() / "history.sql", history);
    files.push_back({(dir.path() / "history.sql").string(), false, false, false, 0});
  }
  write_file(dir.path() / "review.sql", review);
  files.push_back({(dir.path() / "review.sql").string(), true, fixture.wrap_in_transaction, false, 0});

  // Only the directory's rule; the engine's built-in rules (invalid-suppression) need none.
  analyzer::RuleList all = rules::make_all_rules(), selected;
  for (auto& rule : all)
    if (rule->info().id == param.rule) selected.push_back(std::move(rule));
  analyzer::LintOptions options;
  options.pg_version = fixture.pg_version;
  options.known_rules = known;
  const analyzer::LintResult result = analyzer::lint(files, selected, options);

  for (const auto& e : result.errors)
    ADD_FAILURE() << shown << ":" << e.position.line << ":" << e.position.column << ": " << e.message;
  for (const auto& w : result.warnings)
    ADD_FAILURE() << shown << " (history):" << w.position.line << ":" << w.position.column << ": " << w.message;

  // Match findings to expectations: those naming message text first, so a bare
  // expectation cannot take the finding a specific one needs.
  std::vector<const analyzer::Finding*> unmatched;
  for (const analyzer::Finding& f : result.findings) unmatched.push_back(&f);
  std::vector<Expectation> ordered = fixture.expected, missing;
  std::stable_partition(ordered.begin(), ordered.end(), [](const Expectation& e) { return !e.message_part.empty(); });
  for (const Expectation& e : ordered) {
    const auto match = std::find_if(unmatched.begin(), unmatched.end(), [&](const analyzer::Finding* f) {
      return f->start.line == e.line && f->rule == e.rule && f->message.find(e.message_part) != std::string::npos;
    });
    if (match == unmatched.end()) missing.push_back(e);
    else unmatched.erase(match);
  }
  if (missing.empty() && unmatched.empty()) return;
  std::sort(missing.begin(), missing.end());
  std::ostringstream diff;
  diff << "findings differ from the annotations in " << shown << ":\n";
  const auto source_line = [&](int line) {
    return line >= 1 && line <= static_cast<int>(fixture.lines.size()) ? fixture.lines[static_cast<std::size_t>(line - 1)]
                                                                       : std::string();
  };
  for (const Expectation& e : missing) {
    diff << "  " << shown << ":" << e.line << ": expected " << e.rule;
    if (!e.message_part.empty()) diff << " with \"" << e.message_part << "\" in the message";
    diff << ", got nothing\n    | " << source_line(e.line) << "\n";
  }
  for (const analyzer::Finding* f : unmatched)
    diff << "  " << shown << ":" << f->start.line << ": unexpected " << f->rule << ": " << f->message << "\n    | "
         << source_line(f->start.line) << "\n";
  ADD_FAILURE() << diff.str();
}

std::string fixture_test_name(const ::testing::TestParamInfo<FixtureFile>& info) {
  std::string name = info.param.rule + "_" + info.param.path.stem().string();
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Rules, RuleFixture, ::testing::ValuesIn(discover_fixtures()), fixture_test_name);

TEST(RuleFixtureCoverage, EveryRuleHasFiringAndSilentFixtures) {
  std::map<std::string, std::pair<int, int>> counts;  // rule -> (firing files, silent files)
  for (const FixtureFile& file : discover_fixtures()) {
    auto& [firing, silent] = counts[file.rule];
    (read_fixture(file.path).expected.empty() ? silent : firing)++;
  }
  const std::set<std::string> known = catalogue_ids();
  for (const std::string& id : known) {
    const auto it = counts.find(id);
    if (it == counts.end()) {
      ADD_FAILURE() << "rule " << id << " has no fixtures in testdata/rules/" << id << "/";
      continue;
    }
    EXPECT_GT(it->second.first, 0) << "rule " << id << " has no fixture that must fire";
    EXPECT_GT(it->second.second, 0) << "rule " << id << " has no fixture of the safe pattern (no expect)";
  }
  for (const auto& [dir, unused] : counts) EXPECT_TRUE(known.count(dir)) << "testdata/rules/" << dir << "/ names no rule";
}

TEST(RuleFixtureFormat, AnnotationsAttachToTheNextLine) {
  const TempDir dir("format");
  const fs::path path = dir.path() / "f.sql";
  write_file(path,
             "CREATE TABLE t (id int);\n"
             "-- fixture: review\n"
             "-- expect: drop-table\n"
             "-- expect: drop-table \"public.a\"\n"
             "DROP TABLE a,\n"
             "  b;\n"
             "-- fixture: pg-version 12\n");
  const Fixture f = read_fixture(path);
  EXPECT_TRUE(f.problems.empty());
  EXPECT_EQ(f.review_marker, 2);
  EXPECT_EQ(f.pg_version, 12);
  EXPECT_EQ(f.expected, (std::vector<Expectation>{{5, "drop-table", ""}, {5, "drop-table", "public.a"}}));

  write_file(path, "-- expect: drop-table\n\nDROP TABLE a;\n-- fixture: bogus\n-- expect: a, b\n");
  const Fixture bad = read_fixture(path);
  EXPECT_EQ(bad.problems.size(), 4u) << "blank line, unknown option, two ids, expect annotating nothing";
}

}  // namespace
