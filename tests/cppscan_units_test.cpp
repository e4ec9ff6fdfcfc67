// cppscan's building blocks without Clang: literal decoding, composed SQL with
// holes, the API table's configuration entries, globs.
#include <gtest/gtest.h>

#include "cppscan/api_table.h"
#include "cppscan/composed_sql.h"
#include "cppscan/literal.h"

namespace {

using cppscan::ComposedSql;
using cppscan::decode_string_literal;

TEST(CppscanLiteral, DecodesEscapesAndMapsEveryByteToItsSpelling) {
  const auto lit = decode_string_literal(R"("a\tb\x41\101\"")");
  ASSERT_TRUE(lit.ok);
  EXPECT_EQ(lit.text, "a\tbAA\"");
  EXPECT_EQ(lit.origin, (std::vector<std::uint32_t>{1, 2, 4, 5, 9, 13}));
}

TEST(CppscanLiteral, RawStringsWithDelimiterPrefixAndSuffix) {
  const auto lit = decode_string_literal("u8R\"sql(SELECT \"x\"\n FROM t)sql\"_sql");
  ASSERT_TRUE(lit.ok);
  EXPECT_EQ(lit.text, "SELECT \"x\"\n FROM t");
  EXPECT_EQ(lit.origin.front(), 8u);  // u8R"sql( is 8 bytes
  EXPECT_FALSE(decode_string_literal("R\"(unterminated").ok);
  EXPECT_FALSE(decode_string_literal("42").ok);
}

TEST(CppscanLiteral, UniversalCharacterNamesBecomeUtf8) {
  const auto lit = decode_string_literal(R"(L"caf\u00e9")");
  ASSERT_TRUE(lit.ok);
  EXPECT_EQ(lit.text, "caf\xc3\xa9");
  EXPECT_EQ(lit.origin.size(), 5u);
}

ComposedSql literal(const std::string& text, std::uint32_t at) {
  ComposedSql sql;
  sql.append_literal(decode_string_literal("\"" + text + "\""), {0, at});
  return sql;
}

TEST(CppscanComposedSql, ValueHoleInsideQuotesIsNotUnresolved) {
  ComposedSql sql = literal("UPDATE users SET status='", 100);
  sql.append_hole({0, 500}, "s");
  sql.append(literal("' WHERE id = $1", 200));
  const auto finding = cppscan::analyze(sql);
  ASSERT_TRUE(finding.is_sql);
  EXPECT_EQ(finding.sql, "UPDATE users SET status='$2' WHERE id = $1");
  EXPECT_TRUE(finding.unresolved.empty());
  ASSERT_FALSE(finding.refs.empty());
  // "users" sits at offset 7 of the first literal, whose spelling starts with a quote.
  const auto users = std::find_if(finding.refs.begin(), finding.refs.end(),
                                  [](const auto& r) { return r.ref.access == sqlparse::Access::table; });
  ASSERT_NE(users, finding.refs.end());
  EXPECT_EQ(users->at, (cppscan::Origin{0, 108}));
  const auto id = std::find_if(finding.refs.begin(), finding.refs.end(), [](const auto& r) { return r.ref.column == "id"; });
  ASSERT_NE(id, finding.refs.end());
  EXPECT_EQ(id->at, (cppscan::Origin{0, 209}));  // "' WHERE id: the quote, then 9 bytes
}

TEST(CppscanComposedSql, NameHoleKeepsTheConstantColumnsAndIsReported) {
  ComposedSql sql = literal("SELECT email FROM ", 0);
  sql.append_hole({0, 300}, "table");
  const auto finding = cppscan::analyze(sql);
  ASSERT_TRUE(finding.is_sql);
  ASSERT_EQ(finding.unresolved.size(), 1u);
  EXPECT_EQ(finding.unresolved[0].at, (cppscan::Origin{0, 300}));
  ASSERT_EQ(finding.refs.size(), 1u);
  EXPECT_EQ(finding.refs[0].ref.column, "email");
  EXPECT_EQ(finding.refs[0].ref.table, "");
}

TEST(CppscanComposedSql, ProseWithSqlWordsIsNotSql) {
  for (const char* text : {"Update failed for user ", "Select a user: ", "Delete the file?", "with love"}) {
    const auto finding = cppscan::analyze(literal(text, 0));
    EXPECT_FALSE(finding.is_sql) << text;
    EXPECT_TRUE(finding.unresolved.empty()) << text;
  }
}

TEST(CppscanComposedSql, SqlThatDoesNotParseIsUnresolved) {
  const auto finding = cppscan::analyze(literal("SELECT id FROM users WHERE", 0));
  EXPECT_FALSE(finding.is_sql);
  ASSERT_EQ(finding.unresolved.size(), 1u);
}

TEST(CppscanComposedSql, OutputColumnsFollowAliases) {
  const auto finding = cppscan::analyze(literal("SELECT u.email AS contact, count(*) AS n FROM users u", 0));
  ASSERT_TRUE(finding.is_sql);
  ASSERT_EQ(finding.outputs.size(), 2u);
  EXPECT_EQ(finding.outputs[0].name, "contact");
  EXPECT_TRUE(finding.outputs[0].is_column);
  EXPECT_EQ(finding.outputs[0].source.ref.table, "users");
  EXPECT_EQ(finding.outputs[0].source.ref.column, "email");
  EXPECT_EQ(finding.outputs[1].name, "n");
  EXPECT_FALSE(finding.outputs[1].is_column);
}

TEST(CppscanComposedSql, AlternativesMultiplyThroughLaterAppends) {
  ComposedSql column = literal("email", 10);
  column.add_alternative(literal("name", 20));
  ComposedSql table = literal("users", 30);
  table.add_alternative(literal("admins", 40));
  ComposedSql sql = literal("SELECT ", 0);
  sql.append(column);
  sql.append(literal(" FROM ", 50));
  sql.append(table);
  sql.append_hole({0, 60}, "limit");
  std::vector<std::string> texts;
  for (const ComposedSql& variant : sql.variants()) {
    EXPECT_FALSE(variant.has_alternatives());
    EXPECT_EQ(variant.holes().size(), 1u);
    texts.push_back(variant.text());
  }
  EXPECT_EQ(texts, (std::vector<std::string>{"SELECT email FROM users", "SELECT email FROM admins",
                                             "SELECT name FROM users", "SELECT name FROM admins"}));
  EXPECT_EQ(sql.text(), "SELECT email FROM users");  // the first variant
  EXPECT_EQ(sql.variants()[3].origins()[7], (cppscan::Origin{0, 21}));  // "name" of the second literal

  // Six binary choices would make 64 strings: at most kMaxVariants are kept.
  ComposedSql many = literal("SELECT ", 0);
  for (int k = 0; k < 6; ++k) {
    ComposedSql choice = literal("a", 0);
    choice.add_alternative(literal("b", 0));
    many.append(choice);
  }
  EXPECT_EQ(many.variants().size(), ComposedSql::kMaxVariants);
}

TEST(CppscanApiTable, ConfiguredEntriesAddToTheBuiltins) {
  cppscan::ApiTable table = cppscan::builtin_apis();
  ASSERT_NE(table.find_sql("PQexec"), nullptr);
  EXPECT_EQ(table.find_sql("PQexec")->sql_param, 1);
  EXPECT_EQ(table.find_sql("db::Client::query"), nullptr);
  EXPECT_FALSE(cppscan::add_configured_apis(table, {"db::Client::query:1", "db::run"}, {"db::Row::get"}));
  ASSERT_NE(table.find_sql("db::Client::query"), nullptr);
  EXPECT_EQ(table.find_sql("db::Client::query")->sql_param, 1);
  EXPECT_EQ(table.find_sql("db::run")->sql_param, -1);
  EXPECT_EQ(table.find_field("db::Row::get")->field_param, 0);
  EXPECT_TRUE(cppscan::add_configured_apis(table, {"db::run:x"}, {}));
  EXPECT_TRUE(cppscan::add_configured_apis(table, {}, {"db::Row::"}));
}

}  // namespace
