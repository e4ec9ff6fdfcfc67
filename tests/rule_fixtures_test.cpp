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
#include "sqlparse/column_refs.h"

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

// A finding expected in application code (`-- expect-code: rule path:line ["text"]`).
struct CodeExpectation {
  std::string path;
  int line;
  std::string rule;
  std::string message_part;
  friend auto operator<=>(const CodeExpectation&, const CodeExpectation&) = default;
};

// Application code declared by `-- fixture: app-sql path:line SQL` (a query in a string
// literal) or `-- fixture: app-field path:line name` (a result field read by name).
struct AppLine {
  bool field = false;
  std::string path;
  int line = 0;
  std::string text;  // the SQL, or the field's name
  int fixture_line = 0;
};

// "src/a.cpp:42" -> {"src/a.cpp", 42}; nullopt when malformed.
std::optional<std::pair<std::string, int>> parse_code_location(std::string_view token) {
  const std::size_t colon = token.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == token.size()) return std::nullopt;
  int line = 0;
  for (char c : token.substr(colon + 1)) {
    if (c < '0' || c > '9') return std::nullopt;
    line = line * 10 + (c - '0');
  }
  if (line == 0) return std::nullopt;
  return std::pair<std::string, int>{std::string(token.substr(0, colon)), line};
}

// "app-sql src/a.cpp:42 SELECT ..." (kind already checked) -> the AppLine.
std::optional<AppLine> parse_app_line(const std::string& option, bool field, int fixture_line) {
  const std::string rest = trim(std::string_view(option).substr(field ? 9 : 7));
  const std::size_t space = rest.find(' ');
  if (space == std::string::npos) return std::nullopt;
  const auto where = parse_code_location(std::string_view(rest).substr(0, space));
  const std::string text = trim(std::string_view(rest).substr(space));
  if (!where || text.empty()) return std::nullopt;
  return AppLine{field, where->first, where->second, text, fixture_line};
}

// `rule-id path:line` or `rule-id path:line "text in the message"`.
bool parse_code_expectation(const std::string& arg, CodeExpectation& out) {
  const std::size_t space = arg.find(' ');
  if (space == std::string::npos) return false;
  out.rule = arg.substr(0, space);
  const std::string rest = trim(std::string_view(arg).substr(space));
  const std::size_t end = rest.find(' ');
  const auto where = parse_code_location(std::string_view(rest).substr(0, end));
  if (out.rule.empty() || !where) return false;
  out.path = where->first;
  out.line = where->second;
  out.message_part.clear();
  if (end == std::string::npos) return true;
  const std::string text = trim(std::string_view(rest).substr(end));
  if (text.size() < 3 || text.front() != '"' || text.back() != '"') return false;
  out.message_part = text.substr(1, text.size() - 2);
  return true;
}

struct Fixture {
  std::vector<std::string> lines;
  int review_marker = 0;  // 1-based line of `-- fixture: review`, 0 if none
  bool wrap_in_transaction = false;
  int pg_version = 15;
  std::vector<Expectation> expected;
  std::vector<AppLine> app;                  // application code, in fixture order
  std::vector<CodeExpectation> expected_code;
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
      } else if (option->rfind("app-sql ", 0) == 0 || option->rfind("app-field ", 0) == 0) {
        const bool field = option->rfind("app-field ", 0) == 0;
        if (auto app = parse_app_line(*option, field, number)) f.app.push_back(std::move(*app));
        else f.problems.push_back(where + "write `-- fixture: " + (field ? "app-field path:line name`" : "app-sql path:line SQL`"));
      } else if (option->rfind("pg-version ", 0) == 0) {
        f.pg_version = std::atoi(option->c_str() + 11);
        if (f.pg_version < 11 || f.pg_version > 17) f.problems.push_back(where + "pg-version must be 11..17");
      } else {
        f.problems.push_back(where + "unknown fixture option `" + *option + "`");
      }
      if (!pending.empty()) f.problems.push_back(where + "an expect must be directly above the statement");
      continue;
    }
    if (auto arg = directive(text, "expect-code")) {
      CodeExpectation e;
      if (parse_code_expectation(*arg, e)) f.expected_code.push_back(std::move(e));
      else f.problems.push_back(where + "write `-- expect-code: rule-id path:line` (optionally \"message text\")");
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
  std::sort(f.expected_code.begin(), f.expected_code.end());
  return f;
}

// The references the C++ scanner would report for the fixture's application code: the
// column refs of each app-sql query at its path:line (column: the token's offset, as if
// the SQL started the line), and each app-field read tied to the last query above it in
// the same file, the way the scanner ties `row["email"]` to the query whose result it is.
std::vector<analyzer::AppReference> app_references(const std::vector<AppLine>& app, std::vector<std::string>& problems) {
  std::vector<analyzer::AppReference> out;
  std::map<std::string, std::pair<std::string, sqlparse::SqlAnalysis>> last_query;  // path -> (sql, analysis)
  for (const AppLine& a : app) {
    const std::string where = "line " + std::to_string(a.fixture_line) + ": ";
    if (!a.field) {
      sqlparse::SqlAnalysis analysis = sqlparse::analyze_query(a.text);
      if (!analysis.is_query) {
        problems.push_back(where + "app-sql is not a query the scanner would report: " + analysis.error);
        continue;
      }
      for (const sqlparse::ColumnRef& r : analysis.refs)
        out.push_back({r.table, r.candidates, r.column, std::string(sqlparse::access_name(r.access)), a.path, a.line,
                       static_cast<int>(r.offset) + 1, "", a.text, false});
      last_query[a.path] = {a.text, std::move(analysis)};
      continue;
    }
    analyzer::AppReference ref{"", {}, a.text, "field", a.path, a.line, 1, "", "", false};
    if (auto it = last_query.find(a.path); it != last_query.end()) {
      const auto& [sql, analysis] = it->second;
      ref.sql = sql;
      const auto named = std::find_if(analysis.refs.begin(), analysis.refs.end(), [&](const sqlparse::ColumnRef& r) {
        return r.access == sqlparse::Access::read && r.column == a.text;
      });
      std::vector<std::string> star_tables;
      for (const sqlparse::ColumnRef& r : analysis.refs) {
        if (r.access != sqlparse::Access::star) continue;
        if (!r.table.empty()) star_tables.push_back(r.table);
        star_tables.insert(star_tables.end(), r.candidates.begin(), r.candidates.end());
      }
      std::sort(star_tables.begin(), star_tables.end());
      star_tables.erase(std::unique(star_tables.begin(), star_tables.end()), star_tables.end());
      if (named != analysis.refs.end()) {
        ref.table = named->table;
        ref.candidates = named->candidates;
      } else if (star_tables.size() == 1) {
        ref.table = star_tables.front();
      } else if (!star_tables.empty()) {
        ref.candidates = star_tables;
      } else {
        problems.push_back(where + "field " + a.text + " is not a column of the query above (the scanner reports no reference)");
        continue;
      }
    }
    out.push_back(std::move(ref));
  }
  return out;
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
  options.parse_threads = 2;  // as the command line runs it on a multi-core machine
  std::vector<std::string> app_problems;
  const std::vector<analyzer::AppReference> app = app_references(fixture.app, app_problems);
  for (const std::string& problem : app_problems) ADD_FAILURE() << shown << ": " << problem;
  if (!fixture.app.empty()) options.app_references = &app;
  const bool application_rule =
      !selected.empty() && selected.front()->info().group == analyzer::RuleGroup::application;
  const analyzer::LintResult result = analyzer::lint(files, selected, options);

  for (const auto& e : result.errors)
    ADD_FAILURE() << shown << ":" << e.position.line << ":" << e.position.column << ": " << e.message;
  for (const auto& w : result.warnings)
    ADD_FAILURE() << shown << " (history):" << w.position.line << ":" << w.position.column << ": " << w.message;

  // Match findings to expectations: those naming message text first, so a bare
  // expectation cannot take the finding a specific one needs.
  // An application rule's finding lists the code behind it, and only declared code.
  for (const analyzer::Finding& f : result.findings) {
    if (!application_rule) continue;
    EXPECT_FALSE(f.references.empty()) << shown << ":" << f.start.line << ": " << f.rule << " lists no code reference";
    for (const analyzer::CodeReference& r : f.references)
      EXPECT_TRUE(std::any_of(fixture.app.begin(), fixture.app.end(),
                              [&](const AppLine& a) { return a.path == r.path && a.line == r.line; }))
          << shown << ": " << f.rule << " references " << r.path << ":" << r.line << ", which no app line declares";
  }

  // Findings located in the code are matched against expect-code, the others against expect.
  const auto in_migration = [&](const analyzer::Finding& f) {
    return std::any_of(files.begin(), files.end(), [&](const analyzer::MigrationFile& m) { return m.path == f.path; });
  };
  std::vector<const analyzer::Finding*> unmatched, unmatched_code;
  for (const analyzer::Finding& f : result.findings) (in_migration(f) ? unmatched : unmatched_code).push_back(&f);
  std::vector<CodeExpectation> missing_code;
  std::vector<CodeExpectation> ordered_code = fixture.expected_code;
  std::stable_partition(ordered_code.begin(), ordered_code.end(),
                        [](const CodeExpectation& e) { return !e.message_part.empty(); });
  for (const CodeExpectation& e : ordered_code) {
    const auto match = std::find_if(unmatched_code.begin(), unmatched_code.end(), [&](const analyzer::Finding* f) {
      return f->path == e.path && f->start.line == e.line && f->rule == e.rule &&
             f->message.find(e.message_part) != std::string::npos;
    });
    if (match == unmatched_code.end()) missing_code.push_back(e);
    else unmatched_code.erase(match);
  }
  for (const CodeExpectation& e : missing_code)
    ADD_FAILURE() << shown << ": expected " << e.rule << " at " << e.path << ":" << e.line
                  << (e.message_part.empty() ? "" : " with \"" + e.message_part + "\" in the message")
                  << " (expect-code), got nothing";
  for (const analyzer::Finding* f : unmatched_code)
    ADD_FAILURE() << shown << ": unexpected " << f->rule << " at " << f->path << ":" << f->start.line << ": "
                  << f->message;

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
    const Fixture f = read_fixture(file.path);
    (f.expected.empty() && f.expected_code.empty() ? silent : firing)++;
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

TEST(RuleFixtureFormat, AppLinesBecomeScannerReferences) {
  const TempDir dir("app-format");
  const fs::path path = dir.path() / "f.sql";
  write_file(path,
             "-- fixture: app-sql src/a.cpp:42 SELECT u.email FROM users u WHERE u.id = $1\n"
             "-- fixture: app-field src/a.cpp:44 email\n"
             "-- fixture: app-sql src/b.cpp:7 SELECT * FROM orders\n"
             "-- fixture: app-field src/b.cpp:9 total\n"
             "-- expect-code: app-references-unknown-column src/a.cpp:42 \"emial\"\n"
             "-- fixture: app-sql nowhere SELECT 1\n"
             "-- expect-code: app-references-unknown-column\n");
  const Fixture f = read_fixture(path);
  EXPECT_EQ(f.problems.size(), 2u) << "app-sql without a line, expect-code without a location";
  ASSERT_EQ(f.app.size(), 4u);
  EXPECT_EQ(f.expected_code,
            (std::vector<CodeExpectation>{{"src/a.cpp", 42, "app-references-unknown-column", "emial"}}));

  std::vector<std::string> problems;
  const std::vector<analyzer::AppReference> refs = app_references(f.app, problems);
  EXPECT_TRUE(problems.empty());
  std::vector<std::string> shown;
  for (const analyzer::AppReference& r : refs)
    shown.push_back(r.path + ":" + std::to_string(r.line) + ":" + std::to_string(r.col) + " " + r.access + " " +
                    r.table + "." + r.column);
  EXPECT_EQ(shown, (std::vector<std::string>{"src/a.cpp:42:21 table users.", "src/a.cpp:42:10 read users.email",
                                             "src/a.cpp:42:37 filter users.id", "src/a.cpp:44:1 field users.email",
                                             "src/b.cpp:7:15 table orders.", "src/b.cpp:7:8 star orders.*",
                                             "src/b.cpp:9:1 field orders.total"}));
  EXPECT_EQ(refs[3].sql, "SELECT u.email FROM users u WHERE u.id = $1") << "a field read carries its query";

  problems.clear();
  app_references({{true, "src/c.cpp", 3, "total", 1}, {false, "src/c.cpp", 1, "SELECT count(*) AS n FROM t", 2},
                  {true, "src/c.cpp", 3, "total", 3}},
                 problems);
  EXPECT_EQ(problems.size(), 1u) << "a field the query above does not return is a fixture mistake";
}

}  // namespace
