#include <gtest/gtest.h>

#include "sqlparse/parser.h"

namespace {

struct Parsed {
  std::vector<std::string> kinds;
  std::vector<std::string> texts;
  std::vector<sqlparse::Position> starts, stops;
  sqlparse::ParseSummary summary;
};

Parsed parse(const std::string& sql) {
  sqlparse::SourceText source("test.sql", sql);
  Parsed p;
  p.summary = sqlparse::parse_statements(source, [&](const sqlparse::Statement& st) {
    p.kinds.emplace_back(st.tree.kind());
    p.texts.emplace_back(st.text);
    p.starts.push_back(st.start);
    p.stops.push_back(st.stop);
  });
  return p;
}

TEST(SqlParse, SplitsStatementsWithExactRanges) {
  const auto p = parse("-- leading comment\nBEGIN;\n  /* c */ ALTER TABLE a ADD COLUMN b int ;\nCOMMIT");
  ASSERT_FALSE(p.summary.error);
  ASSERT_EQ(p.kinds, (std::vector<std::string>{"TransactionStmt", "AlterTableStmt", "TransactionStmt"}));
  EXPECT_EQ(p.texts[0], "BEGIN");
  EXPECT_EQ(p.texts[1], "ALTER TABLE a ADD COLUMN b int");
  EXPECT_EQ(p.starts[1], (sqlparse::Position{3, 11}));
  EXPECT_EQ(p.stops[1], (sqlparse::Position{3, 41}));
  EXPECT_EQ(p.texts[2], "COMMIT");
  EXPECT_EQ(p.starts[2], (sqlparse::Position{4, 1}));
}

TEST(SqlParse, ByteOrderMarkAndCrlf) {
  const auto p = parse("\xEF\xBB\xBF" "SELECT 1;\r\nSELECT 2;\r\n");
  ASSERT_FALSE(p.summary.error);
  ASSERT_EQ(p.texts.size(), 2u);
  EXPECT_EQ(p.starts[0], (sqlparse::Position{1, 1}));
  EXPECT_EQ(p.starts[1], (sqlparse::Position{2, 1}));
  EXPECT_EQ(p.texts[1], "SELECT 2");
}

TEST(SqlParse, SyntaxErrorPositionCountsCharactersNotBytes) {
  const auto p = parse("SELECT 1;\nSELECT '\xC3\xA9' ,, 1;");
  ASSERT_TRUE(p.summary.error);
  EXPECT_EQ(p.summary.error->position, (sqlparse::Position{2, 13}));
  EXPECT_NE(p.summary.error->message.find("syntax error"), std::string::npos);
  EXPECT_TRUE(p.kinds.empty()) << "a file that does not parse reports no statements";
}

TEST(SqlParse, DollarQuotedBodiesStayWhole) {
  const auto p = parse("CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;\nDO $$ BEGIN PERFORM 1; END $$;");
  ASSERT_FALSE(p.summary.error);
  EXPECT_EQ(p.kinds, (std::vector<std::string>{"CreateFunctionStmt", "DoStmt"}));
}

TEST(SqlParse, EmptyAndCommentOnlyFiles) {
  EXPECT_TRUE(parse("").kinds.empty());
  EXPECT_FALSE(parse("").summary.error);
  const auto p = parse("-- nothing here\n/* still nothing */\n");
  EXPECT_TRUE(p.kinds.empty());
  EXPECT_FALSE(p.summary.error);
}

TEST(SqlParse, PsqlMetaCommandsAreSkippedButIncludesAreErrors) {
  const auto p = parse("\\set ON_ERROR_STOP on\nSELECT 1;\n\\echo done\n");
  ASSERT_FALSE(p.summary.error);
  EXPECT_EQ(p.kinds.size(), 1u);
  ASSERT_EQ(p.summary.skipped_meta_commands.size(), 2u);
  EXPECT_EQ(p.summary.skipped_meta_commands[0].position, (sqlparse::Position{1, 1}));
  EXPECT_EQ(p.summary.skipped_meta_commands[1].text, "\\echo done");

  const auto inc = parse("SELECT 1;\n\\i other.sql\n");
  ASSERT_TRUE(inc.summary.error);
  EXPECT_EQ(inc.summary.error->position, (sqlparse::Position{2, 1}));
  EXPECT_NE(inc.summary.error->message.find("\\i"), std::string::npos);
}

TEST(SqlParse, BackslashInsideLiteralsIsNotAMetaCommand) {
  const auto p = parse("SELECT E'a\\'b', 'c\\d', $$\\set$$;\n");
  ASSERT_FALSE(p.summary.error) << p.summary.error->message;
  EXPECT_TRUE(p.summary.skipped_meta_commands.empty());
}

TEST(SqlParse, CopyFromStdinDataIsSkipped) {
  const auto p = parse("COPY t (a, b) FROM stdin;\n1\tx\n2\ty\n\\.\nSELECT 1;\n");
  ASSERT_FALSE(p.summary.error) << p.summary.error->message;
  EXPECT_EQ(p.kinds, (std::vector<std::string>{"CopyStmt", "SelectStmt"}));
}

TEST(SqlParse, InvalidUtf8AndBinaryAreRejectedWithPosition) {
  sqlparse::SourceText bad("x.sql", "SELECT 1;\nSELECT '\xff';");
  auto e = bad.validate();
  ASSERT_TRUE(e);
  EXPECT_EQ(e->position, (sqlparse::Position{2, 9}));
  sqlparse::SourceText binary("x.sql", std::string("SEL\0ECT", 7));
  ASSERT_TRUE(binary.validate());
  EXPECT_NE(binary.validate()->message.find("binary"), std::string::npos);
}

TEST(SqlParse, LargeFilesAreParsedInSlices) {
  std::string sql;
  for (int i = 0; i < 30000; ++i) sql += "UPDATE t SET a = " + std::to_string(i) + " WHERE id = " + std::to_string(i) + ";\n";
  std::size_t n = 0;
  int last_line = 0;
  sqlparse::SourceText source("big.sql", sql);
  auto summary = sqlparse::parse_statements(source, [&](const sqlparse::Statement& st) {
    ++n;
    last_line = st.start.line;
    EXPECT_EQ(st.tree["whereClause"]["rexpr"].integer(), static_cast<int>(n - 1));
  });
  EXPECT_FALSE(summary.error);
  EXPECT_EQ(n, 30000u);
  EXPECT_EQ(last_line, 30000);
}

TEST(SqlParse, CommentsComeFromTheScanner) {
  sqlparse::SourceText source("c.sql", "-- one\nSELECT '-- not a comment' /* two */;\n");
  const auto cs = sqlparse::comments(source);
  ASSERT_EQ(cs.size(), 2u);
  EXPECT_EQ(cs[0].text, "-- one");
  EXPECT_EQ(cs[1].text, "/* two */");
}

}  // namespace
