// ParseQueue parses on worker threads what parse_statements parses on the caller's: every
// file must come out the same, statement by statement, error by error.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "sqlparse/parser.h"

namespace {

namespace fs = std::filesystem;

// Everything a statement callback and the summary show, as text.
std::string describe(const sqlparse::Statement& st) {
  std::ostringstream out;
  out << st.index << " " << st.begin << "-" << st.end << " " << st.start.line << ":" << st.start.column << "-"
      << st.stop.line << ":" << st.stop.column << " base " << st.tree_base << " " << st.tree.to_json();
  return out.str();
}

std::string describe(const sqlparse::ParseSummary& summary) {
  std::ostringstream out;
  out << "count " << summary.statement_count;
  for (const auto& m : summary.skipped_meta_commands)
    out << " meta " << m.position.line << ":" << m.position.column << " " << m.text;
  if (summary.error)
    out << " error " << summary.error->position.line << ":" << summary.error->position.column << " "
        << summary.error->message;
  return out.str();
}

std::vector<std::string> parsed_alone(const sqlparse::SourceText& source, const sqlparse::ParseOptions& options) {
  std::vector<std::string> seen;
  const auto summary =
      sqlparse::parse_statements(source, [&](const sqlparse::Statement& st) { seen.push_back(describe(st)); }, options);
  seen.push_back(describe(summary));
  return seen;
}

std::vector<std::unique_ptr<sqlparse::SourceText>> sql_files_under(const fs::path& dir) {
  std::vector<fs::path> paths;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() == ".sql") paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  std::vector<std::unique_ptr<sqlparse::SourceText>> out;
  for (const fs::path& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    out.push_back(std::make_unique<sqlparse::SourceText>(p.string(), bytes.str()));
  }
  return out;
}

// A statement the history replay would skip (see analyzer::replay_ignores).
bool skip_dml(std::string_view word) { return word == "insert" || word == "update" || word == "delete"; }

// Every test fixture (syntax errors, meta-commands, \i includes, BOMs, ...) through a queue
// with two workers, with slices small enough that most files are cut, skipping or not.
TEST(ParseQueue, ReportsEveryFixtureAsParseStatementsDoes) {
  const auto files = sql_files_under(fs::path(SCHEMAGUARD_SOURCE_DIR) / "testdata");
  ASSERT_GT(files.size(), 100u);
  for (const bool skipping : {false, true}) {
    sqlparse::ParseOptions options;
    options.slice_bytes = 300;
    if (skipping) options.skip = skip_dml;
    sqlparse::ParseQueue queue(2);
    std::vector<std::size_t> tickets;
    for (const auto& file : files) tickets.push_back(queue.add(*file, options));
    EXPECT_GT(queue.pending_bytes(), 0u);
    std::size_t errors = 0;
    for (std::size_t k = 0; k < files.size(); ++k) {
      std::vector<std::string> seen;
      const auto summary =
          queue.report(tickets[k], [&](const sqlparse::Statement& st) { seen.push_back(describe(st)); });
      seen.push_back(describe(summary));
      errors += summary.error ? 1 : 0;
      ASSERT_EQ(seen, parsed_alone(*files[k], options)) << files[k]->path() << (skipping ? " (skipping)" : "");
    }
    EXPECT_EQ(queue.pending_bytes(), 0u);
    EXPECT_GT(errors, 3u) << "the fixtures include files that do not parse";
  }
}

// A wrong lexer cut, a real error in a later slice, an error only the skipped statements
// cause: the fallbacks that run on the queue's own thread.
TEST(ParseQueue, SyntaxErrorsInAnySliceGiveTheWholeFilesError) {
  std::string good;
  for (int i = 0; i < 50; ++i) good += "CREATE TABLE t" + std::to_string(i) + " (id int);\nINSERT INTO t VALUES (1);\n";
  const std::vector<std::string> texts = {
      good + "ALTER TABLE t1 ADD COLUMN ;\n" + good,     // an error in a middle slice
      good + "SELECT 'unterminated;\n",                    // the lexer stops cutting; the parser fails
      good + "INSERT INTO t VALUES (,);\n" + good,        // an error in a statement that is skipped
      good + "CREATE TABLE a (id int,);\n",               // an error in the last slice
  };
  for (const bool skipping : {false, true}) {
    sqlparse::ParseOptions options;
    options.slice_bytes = 200;
    if (skipping) options.skip = skip_dml;
    std::vector<std::unique_ptr<sqlparse::SourceText>> sources;
    for (const std::string& text : texts) sources.push_back(std::make_unique<sqlparse::SourceText>("e.sql", text));
    sqlparse::ParseQueue queue(3);
    std::vector<std::size_t> tickets;
    for (const auto& source : sources) tickets.push_back(queue.add(*source, options));
    for (std::size_t k = 0; k < sources.size(); ++k) {
      std::vector<std::string> seen;
      const auto summary =
          queue.report(tickets[k], [&](const sqlparse::Statement& st) { seen.push_back(describe(st)); });
      seen.push_back(describe(summary));
      EXPECT_EQ(seen, parsed_alone(*sources[k], options)) << "text " << k << (skipping ? " (skipping)" : "");
      const bool skipped_error = skipping && k == 2;
      EXPECT_EQ(static_cast<bool>(summary.error), !skipped_error) << "text " << k;
    }
  }
}

// Files queued and never reported (a run that stops early) are freed with the queue.
TEST(ParseQueue, DropsWhatWasNeverReported) {
  sqlparse::SourceText a("a.sql", "CREATE TABLE a (id int);\n");
  sqlparse::SourceText b("b.sql", "CREATE TABLE b (id int);\n");
  sqlparse::ParseQueue queue(2);
  const std::size_t first = queue.add(a);
  queue.add(b);
  std::size_t statements = 0;
  EXPECT_FALSE(queue.report(first, [&](const sqlparse::Statement&) { ++statements; }).error);
  EXPECT_EQ(statements, 1u);
  EXPECT_EQ(queue.pending_bytes(), b.bytes().size());
}

}  // namespace
