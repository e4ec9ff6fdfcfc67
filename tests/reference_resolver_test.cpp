// Application SQL references resolved against the schema model.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analyzer/reference_resolver.h"

namespace analyzer {
namespace {

Schema schema_from(const std::string& migrations) {
  Schema schema;
  const std::vector<std::string> search_path{"public"};
  sqlparse::SourceText source("schema.sql", migrations);
  const auto summary = sqlparse::parse_statements(
      source, [&](const sqlparse::Statement& st) { schema.apply(st, Origin{}, search_path); });
  EXPECT_FALSE(summary.error) << summary.error->message;
  return schema;
}

const Schema& app_schema() {
  static const Schema schema = schema_from(R"sql(
    CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, name text, active boolean);
    CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, total numeric, status text);
    CREATE SCHEMA billing;
    CREATE TABLE billing.invoices (id bigint, order_id bigint, amount numeric);
    CREATE TABLE billing.users (id bigint, plan text);
    CREATE TABLE notes (id bigint, body text, status text);
  )sql");
  return schema;
}

// "access schema.table.column" with flags: "?" ambiguous [candidates], "!table" / "!column"
// unknown, "(star)" expanded from a star.
std::string describe(const ResolvedRef& r) {
  std::string s(sqlparse::access_name(r.access));
  s += ' ';
  if (r.ambiguous) {
    s += "?[";
    for (std::size_t k = 0; k < r.candidates.size(); ++k) s += (k ? "|" : "") + r.candidates[k].str();
    s += ']';
  } else {
    s += r.table.str();
  }
  if (!r.column.empty()) s += "." + r.column;
  if (!r.table_known) s += " !table";
  else if (!r.column_known) s += " !column";
  if (r.from_star) s += " (star)";
  return s;
}

std::vector<std::string> resolve(const std::string& sql, const std::vector<std::string>& search_path = {"public"},
                                 const Schema& schema = app_schema()) {
  const sqlparse::SqlAnalysis analysis = sqlparse::analyze_query(sql);
  EXPECT_TRUE(analysis.is_query) << sql << ": " << analysis.error;
  std::vector<std::string> out;
  for (const ResolvedRef& r : resolve_references(schema, analysis.refs, search_path)) out.push_back(describe(r));
  return out;
}

using Lines = std::vector<std::string>;

TEST(ReferenceResolver, QualifiesTablesThroughSearchPath) {
  EXPECT_EQ(resolve("SELECT email FROM users"), (Lines{"table public.users", "read public.users.email"}));
  EXPECT_EQ(resolve("SELECT plan FROM users", {"billing", "public"}),
            (Lines{"table billing.users", "read billing.users.plan"}));
  EXPECT_EQ(resolve("SELECT u.email FROM public.users u, billing.invoices i"),
            (Lines{"table public.users", "table billing.invoices", "read public.users.email"}));
  // An empty search_path means public.
  EXPECT_EQ(resolve("SELECT email FROM users", {}), (Lines{"table public.users", "read public.users.email"}));
}

TEST(ReferenceResolver, UnqualifiedColumnGoesToTheOneTableThatHasIt) {
  EXPECT_EQ(resolve("SELECT email, total FROM users u JOIN orders o ON o.user_id = u.id WHERE status = $1"),
            (Lines{"table public.users", "table public.orders", "filter public.orders.user_id",
                   "filter public.users.id", "read public.users.email", "read public.orders.total",
                   "filter public.orders.status"}));
}

TEST(ReferenceResolver, StillAmbiguousWhenSeveralTablesHaveTheColumn) {
  const sqlparse::SqlAnalysis a = sqlparse::analyze_query("SELECT id FROM users, orders");
  const auto resolved = resolve_references(app_schema(), a.refs, {"public"});
  ASSERT_EQ(resolved.size(), 3u);
  const ResolvedRef& id = resolved[2];
  EXPECT_TRUE(id.ambiguous);
  EXPECT_EQ(id.table, QualifiedName{});
  EXPECT_EQ(id.candidates, (std::vector<QualifiedName>{{"public", "users"}, {"public", "orders"}}));
  EXPECT_TRUE(id.known());
  EXPECT_EQ(id.offset, 7u);
  // Only the tables that have it stay candidates.
  EXPECT_EQ(resolve("SELECT status FROM users, orders, notes"),
            (Lines{"table public.users", "table public.orders", "table public.notes",
                   "read ?[public.orders|public.notes].status"}));
}

TEST(ReferenceResolver, UnknownColumnsAndTablesAreFlagged) {
  EXPECT_EQ(resolve("SELECT u.emial FROM users u"), (Lines{"table public.users", "read public.users.emial !column"}));
  EXPECT_EQ(resolve("SELECT nope FROM users, orders"),
            (Lines{"table public.users", "table public.orders", "read ?[public.users|public.orders].nope !column"}));
  EXPECT_EQ(resolve("SELECT x FROM ghosts"), (Lines{"table public.ghosts !table", "read public.ghosts.x !table"}));
  // A table the model lacks may hold any column: it takes the name only when no known table has it.
  EXPECT_EQ(resolve("SELECT email, y FROM users, ghosts"),
            (Lines{"table public.users", "table public.ghosts !table", "read public.users.email",
                   "read public.ghosts.y !table"}));
  EXPECT_EQ(resolve("INSERT INTO users (id, emial) VALUES ($1, $2)"),
            (Lines{"table public.users", "write public.users.id", "write public.users.emial !column"}));
}

TEST(ReferenceResolver, CorrelatedColumnsFallBackToOuterTables) {
  EXPECT_EQ(resolve("SELECT id FROM users WHERE EXISTS (SELECT 1 FROM orders WHERE user_id = id AND active)"),
            (Lines{"table public.users", "read public.users.id", "table public.orders",
                   "filter public.orders.user_id", "filter public.orders.id", "filter public.users.active"}));
}

TEST(ReferenceResolver, StarExpandsIntoTheModelsColumns) {
  const sqlparse::SqlAnalysis a = sqlparse::analyze_query("SELECT * FROM users");
  const auto resolved = resolve_references(app_schema(), a.refs, {"public"});
  std::vector<std::string> got;
  for (const ResolvedRef& r : resolved) got.push_back(describe(r));
  EXPECT_EQ(got, (Lines{"table public.users", "star public.users.id (star)", "star public.users.email (star)",
                        "star public.users.name (star)", "star public.users.active (star)"}));
  for (std::size_t k = 1; k < resolved.size(); ++k) EXPECT_EQ(resolved[k].offset, 7u);
  EXPECT_EQ(resolve("SELECT g.* FROM ghosts g"), (Lines{"table public.ghosts !table", "star public.ghosts.* !table"}));
  EXPECT_EQ(resolve("SELECT i.*, o.id FROM billing.invoices i JOIN orders o ON o.id = i.order_id"),
            (Lines{"table billing.invoices", "table public.orders", "filter public.orders.id",
                   "filter billing.invoices.order_id", "star billing.invoices.id (star)",
                   "star billing.invoices.order_id (star)", "star billing.invoices.amount (star)",
                   "read public.orders.id"}));
}

TEST(ReferenceResolver, CarriesStatementCommandAndTarget) {
  const sqlparse::SqlAnalysis a =
      sqlparse::analyze_query("SELECT 1 FROM users; UPDATE orders SET status = $1 WHERE id = $2");
  const auto resolved = resolve_references(app_schema(), a.refs, {"public"});
  ASSERT_EQ(resolved.size(), 4u);
  EXPECT_EQ(resolved[1].statement, 1u);
  EXPECT_EQ(resolved[1].command, sqlparse::Command::update);
  EXPECT_TRUE(resolved[1].target);
  EXPECT_FALSE(resolved[0].target);
  EXPECT_EQ(resolved[2].access, sqlparse::Access::write);
  EXPECT_EQ(resolved[2].offset, a.refs[2].offset);
}

TEST(ReferenceResolver, EmptySchemaKnowsNothing) {
  const Schema empty;
  EXPECT_EQ(resolve("SELECT a FROM t, u", {"public"}, empty),
            (Lines{"table public.t !table", "table public.u !table", "read ?[public.t|public.u].a !table"}));
}

TEST(ReferenceResolver, TableNameAsWritten) {
  EXPECT_EQ(table_name_as_written("users"), (QualifiedName{"", "users"}));
  EXPECT_EQ(table_name_as_written("app.users"), (QualifiedName{"app", "users"}));
  EXPECT_EQ(table_name_as_written("db.app.users"), (QualifiedName{"app", "users"}));
}

}  // namespace
}  // namespace analyzer
