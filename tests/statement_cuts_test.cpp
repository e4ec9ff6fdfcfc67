#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "sqlparse/parser.h"
#include "sqlparse/statement_cuts.h"

namespace {

// Every cut of `sql` with slices of at least 1 byte: a cut after each top-level ';'.
std::vector<std::string> pieces(const std::string& sql) {
  std::vector<std::string> out;
  std::size_t from = 0;
  for (std::size_t cut : sqlparse::statement_cuts(sql, 1)) {
    out.push_back(sql.substr(from, cut - from));
    from = cut;
  }
  out.push_back(sql.substr(from));
  return out;
}

TEST(StatementCuts, CutsAfterTopLevelSemicolonsOnly) {
  EXPECT_EQ(pieces("SELECT 1; SELECT 2;\nSELECT 3"),
            (std::vector<std::string>{"SELECT 1;", " SELECT 2;", "\nSELECT 3"}));
  EXPECT_TRUE(sqlparse::statement_cuts("SELECT 1;", 1).empty()) << "never at the very end";
}

TEST(StatementCuts, QuotesAndCommentsHideSemicolons) {
  EXPECT_EQ(pieces("SELECT 'a;b', \"c;d\" -- e;f\n; SELECT 2"),
            (std::vector<std::string>{"SELECT 'a;b', \"c;d\" -- e;f\n;", " SELECT 2"}));
  EXPECT_EQ(pieces("SELECT 'it''s;'; SELECT 2"), (std::vector<std::string>{"SELECT 'it''s;';", " SELECT 2"}));
  // E'' strings take backslash escapes; a plain string ends at its quote even after a backslash.
  EXPECT_EQ(pieces("SELECT E'a\\';b'; SELECT 'c:\\'; SELECT 3"),
            (std::vector<std::string>{"SELECT E'a\\';b';", " SELECT 'c:\\';", " SELECT 3"}));
  EXPECT_EQ(pieces("/* a /* nested; */ still; */ SELECT 1; SELECT 2"),
            (std::vector<std::string>{"/* a /* nested; */ still; */ SELECT 1;", " SELECT 2"}));
}

TEST(StatementCuts, DollarQuotesHideSemicolons) {
  const std::string body = "CREATE FUNCTION f() RETURNS int AS $fn$ BEGIN RETURN 1; END $fn$ LANGUAGE plpgsql;";
  EXPECT_EQ(pieces(body + " DO $$ BEGIN PERFORM 1; END $$; SELECT $1"),
            (std::vector<std::string>{body, " DO $$ BEGIN PERFORM 1; END $$;", " SELECT $1"}));
  // a$b$ is an identifier, not a dollar quote.
  EXPECT_EQ(pieces("SELECT a$b$; SELECT 2"), (std::vector<std::string>{"SELECT a$b$;", " SELECT 2"}));
}

TEST(StatementCuts, RuleActionsAndAtomicBodiesStayWhole) {
  const std::string rule = "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2));";
  const std::string atomic =
      "CREATE FUNCTION g(x int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN x > 0 THEN 1 ELSE 2 END; "
      "SELECT /* c */ 3; END;";
  EXPECT_EQ(pieces(rule + atomic + " SELECT 4"), (std::vector<std::string>{rule, atomic, " SELECT 4"}));
  EXPECT_EQ(pieces("BEGIN; SELECT 1; END; SELECT 2"),
            (std::vector<std::string>{"BEGIN;", " SELECT 1;", " END;", " SELECT 2"}));
}

TEST(StatementCuts, StopsCuttingWhenInDoubt) {
  EXPECT_EQ(pieces("SELECT 1; SELECT 'open; SELECT 2; SELECT 3"),
            (std::vector<std::string>{"SELECT 1;", " SELECT 'open; SELECT 2; SELECT 3"}));
  EXPECT_EQ(pieces("SELECT 1; SELECT ); SELECT 2"), (std::vector<std::string>{"SELECT 1;", " SELECT ); SELECT 2"}));
}

TEST(StatementCuts, SlicesAreAtLeastTheMinimumApart) {
  const auto cuts = sqlparse::statement_cuts("SELECT 1; SELECT 2; SELECT 3; SELECT 4; SELECT 5;", 20);
  EXPECT_EQ(cuts, (std::vector<std::size_t>{29}));
}

struct Seen {
  std::vector<std::string> texts, kinds;
  std::vector<sqlparse::Position> starts, stops;
  std::vector<std::string> first_locations;  // file offset of each statement's first node
  sqlparse::ParseSummary summary;
};

Seen parse_with_slices(const std::string& sql, std::size_t slice_bytes) {
  sqlparse::SourceText source("big.sql", sql);
  Seen seen;
  seen.summary = sqlparse::parse_statements(
      source,
      [&](const sqlparse::Statement& st) {
        seen.texts.emplace_back(st.text);
        seen.kinds.emplace_back(st.tree.kind());
        seen.starts.push_back(st.start);
        seen.stops.push_back(st.stop);
        std::string locations;
        st.tree.walk([&](sqlparse::Node n) {
          if (n.location() >= 0) locations += std::to_string(st.file_offset(n)) + ",";
        });
        seen.first_locations.push_back(locations);
      },
      sqlparse::ParseOptions{slice_bytes, nullptr});
  return seen;
}

// A file of every construct that hides a ';', repeated.
std::string tricky_file(int copies) {
  std::string sql;
  for (int i = 0; i < copies; ++i) {
    const std::string n = std::to_string(i);
    sql += "-- migration " + n + "; with a comment\n";
    sql += "CREATE TABLE t" + n + " (id int, note text DEFAULT E'semi\\';colon');\n";
    sql += "/* nested /* comment; */ here; */ INSERT INTO t" + n + " VALUES (1, 'a;b''c');\n";
    sql += "CREATE FUNCTION f" + n + "() RETURNS int AS $body$ BEGIN RETURN 1; END $body$ LANGUAGE plpgsql;\n";
    sql += "CREATE RULE r" + n + " AS ON INSERT TO t" + n + " DO ALSO (NOTIFY a; NOTIFY b);\n";
    sql += "CREATE FUNCTION g" + n + "(x int) RETURNS int LANGUAGE sql\n  BEGIN ATOMIC\n"
           "    SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END;\n    SELECT x;\n  END;\n";
    sql += "UPDATE \"t;" + n + "\" SET a = $$;$$ WHERE id = " + n + "\n;\n";
  }
  return sql;
}

TEST(StatementCuts, SlicedParseEqualsWholeParse) {
  const std::string sql = tricky_file(40);
  const Seen whole = parse_with_slices(sql, sql.size() + 1);
  ASSERT_FALSE(whole.summary.error) << whole.summary.error->message;
  ASSERT_EQ(whole.texts.size(), 6u * 40u);
  for (std::size_t slice : {1u, 100u, 700u, 5000u}) {
    const Seen sliced = parse_with_slices(sql, slice);
    ASSERT_FALSE(sliced.summary.error) << "slice " << slice;
    EXPECT_EQ(sliced.texts, whole.texts) << "slice " << slice;
    EXPECT_EQ(sliced.kinds, whole.kinds) << "slice " << slice;
    EXPECT_EQ(sliced.starts, whole.starts) << "slice " << slice;
    EXPECT_EQ(sliced.stops, whole.stops) << "slice " << slice;
    EXPECT_EQ(sliced.first_locations, whole.first_locations) << "slice " << slice;
  }
  EXPECT_EQ(whole.kinds[3], "RuleStmt");
  EXPECT_EQ(whole.texts[4].substr(whole.texts[4].size() - 5), "  END");
}

TEST(StatementCuts, SyntaxErrorInTheMiddleOfABigFileKeepsItsPosition) {
  std::string sql = tricky_file(30);
  const int error_line = 1 + static_cast<int>(std::count(sql.begin(), sql.end(), '\n'));
  sql += "ALTER TABLE t1 ADD COLUMN ;\n";
  sql += tricky_file(30);
  for (std::size_t slice : {std::size_t{300}, sql.size() + 1}) {
    const Seen seen = parse_with_slices(sql, slice);
    ASSERT_TRUE(seen.summary.error) << "slice " << slice;
    EXPECT_EQ(seen.summary.error->position, (sqlparse::Position{error_line, 27})) << "slice " << slice;
    EXPECT_NE(seen.summary.error->message.find("syntax error"), std::string::npos);
    EXPECT_TRUE(seen.texts.empty()) << "no statement of a file that does not parse";
  }
}

TEST(StatementSpans, FirstWordsAndRanges) {
  const std::string sql = "-- c\nINSERT INTO t VALUES (';');\n;  /* x */ Create TABLE a (b int)";
  const auto spans = sqlparse::statement_spans(sql);
  ASSERT_TRUE(spans);
  ASSERT_EQ(spans->size(), 3u);
  EXPECT_EQ((*spans)[0].first_word, "INSERT");
  EXPECT_EQ(sql.substr((*spans)[0].begin, (*spans)[0].end - (*spans)[0].begin), "INSERT INTO t VALUES (';')");
  EXPECT_EQ((*spans)[1].first_word, "");
  EXPECT_EQ((*spans)[2].first_word, "Create");
  EXPECT_EQ((*spans)[2].end, sql.size());
  EXPECT_FALSE(sqlparse::statement_spans("SELECT (1;"));
  EXPECT_FALSE(sqlparse::statement_spans("SELECT $x$ never closed"));
}

TEST(StatementSpans, BlanksCommentsAndQuotesAtTheEndOfTheText) {
  // Every C blank (\v and \f too) separates; a -- comment may end the text without a newline.
  const std::string sql = "\v\f SELECT 1;\t\r\n\vdrop TABLE t -- gone; really";
  const auto spans = sqlparse::statement_spans(sql);
  ASSERT_TRUE(spans);
  ASSERT_EQ(spans->size(), 2u);
  EXPECT_EQ((*spans)[0].begin, 3u);
  EXPECT_EQ((*spans)[1].first_word, "drop");
  EXPECT_EQ((*spans)[1].end, sql.size());
  // A doubled quote at the very end leaves the string open.
  EXPECT_FALSE(sqlparse::statement_spans("SELECT 'a''"));
  EXPECT_FALSE(sqlparse::statement_spans("SELECT \"a"));
  EXPECT_TRUE(sqlparse::statement_spans("SELECT 'a''b'''"));
}

TEST(SkippedStatements, AreNotReportedAndTheOthersKeepTheirRanges) {
  const std::string sql =
      "CREATE TABLE t (id int);\nINSERT INTO t VALUES (1), (2);\nupdate t SET id = 3;\n"
      "ALTER TABLE t ADD COLUMN b int;\nDELETE FROM t;\n";
  sqlparse::SourceText source("h.sql", sql);
  std::vector<std::string> texts;
  std::vector<sqlparse::Position> starts;
  std::vector<std::size_t> column_offsets;
  sqlparse::ParseOptions options;
  options.skip = [](std::string_view w) { return w == "insert" || w == "update" || w == "delete"; };
  const auto summary = sqlparse::parse_statements(
      source,
      [&](const sqlparse::Statement& st) {
        texts.emplace_back(st.text);
        starts.push_back(st.start);
        if (st.tree.is("AlterTableStmt"))
          column_offsets.push_back(st.file_offset(st.tree["cmds"].at(0)["def"]));
      },
      options);
  ASSERT_FALSE(summary.error);
  EXPECT_EQ(texts, (std::vector<std::string>{"CREATE TABLE t (id int)", "ALTER TABLE t ADD COLUMN b int"}));
  EXPECT_EQ(starts[1], (sqlparse::Position{4, 1}));
  ASSERT_EQ(column_offsets.size(), 1u);
  EXPECT_EQ(sql.substr(column_offsets[0], 5), "b int");
}

TEST(SkippedStatements, ErrorsInKeptStatementsStayExact) {
  sqlparse::ParseOptions options;
  options.skip = [](std::string_view w) { return w == "insert"; };
  std::size_t reported = 0;
  auto count = [&](const sqlparse::Statement&) { ++reported; };
  // An error inside a skipped statement goes unnoticed...
  sqlparse::SourceText skipped_error("a.sql", "CREATE TABLE t (id int);\nINSERT INTO t VALUES (,);\n");
  EXPECT_FALSE(sqlparse::parse_statements(skipped_error, count, options).error);
  EXPECT_EQ(reported, 1u);
  // ...one in a kept statement is the error of the whole file.
  reported = 0;
  sqlparse::SourceText kept_error("b.sql", "INSERT INTO t VALUES (1);\nCREATE TABLE t (id int,);\n");
  const auto summary = sqlparse::parse_statements(kept_error, count, options);
  ASSERT_TRUE(summary.error);
  EXPECT_EQ(summary.error->position, (sqlparse::Position{2, 24}));
  EXPECT_EQ(reported, 0u);
}

}  // namespace
