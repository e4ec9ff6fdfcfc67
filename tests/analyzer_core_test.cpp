// The analyzer's building blocks: schema replay, session state, effects, suppressions.
#include <gtest/gtest.h>

#include "analyzer/effects.h"
#include "analyzer/schema.h"
#include "analyzer/session.h"
#include "analyzer/suppression.h"

namespace analyzer {
namespace {

// Replays SQL into a schema and session, statement by statement.
struct Replay {
  Schema schema;
  SessionState session;
  std::vector<Effects> effects;

  void run(const std::string& sql) {
    sqlparse::SourceText source("replay.sql", sql);
    const auto summary = sqlparse::parse_statements(source, [&](const sqlparse::Statement& st) {
      effects.push_back(compute_effects(st, schema, session, 15));
      schema.apply(st, Origin{}, session.search_path);
      session.apply(st);
    });
    ASSERT_FALSE(summary.error) << summary.error->message;
  }
  const Table* table(const std::string& schema_name, const std::string& name) const {
    return schema.find_table(QualifiedName{schema_name, name}, {});
  }
};

std::string locks(const Effects& e) {
  std::string out;
  for (const auto& l : e.locks) out += l.relation.str() + ":" + std::string(lock_mode_name(l.mode)) + " ";
  return out;
}

TEST(SchemaModel, TablesColumnsAndKeys) {
  Replay r;
  r.run(
      "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, org_id int);"
      "CREATE INDEX users_org ON users (org_id, email);"
      "CREATE TABLE memberships (user_id bigint, team_id bigint, PRIMARY KEY (user_id, team_id));");
  const Table* users = r.table("public", "users");
  ASSERT_TRUE(users);
  EXPECT_EQ(users->columns.size(), 3u);
  EXPECT_TRUE(users->column("email")->not_null);
  EXPECT_EQ(users->column("org_id")->type, "int4");
  const QualifiedName users_name{"public", "users"};
  EXPECT_TRUE(r.schema.is_key_column(users_name, "id"));
  EXPECT_TRUE(r.schema.is_key_column(users_name, "org_id"));
  EXPECT_FALSE(r.schema.is_key_column(users_name, "email")) << "second column of an index is not a key";
  EXPECT_EQ(r.schema.primary_key(QualifiedName{"public", "memberships"}),
            (std::vector<std::string>{"user_id", "team_id"}));
}

TEST(SchemaModel, RenamesDropsAndSchemas) {
  Replay r;
  r.run(
      "CREATE SCHEMA app; SET search_path TO app, public;"
      "CREATE TABLE accounts (id int PRIMARY KEY, legacy text);"
      "ALTER TABLE accounts RENAME COLUMN legacy TO old_name;"
      "ALTER TABLE accounts RENAME TO customers;"
      "ALTER TABLE customers DROP COLUMN old_name;"
      "CREATE TABLE public.gone (id int); DROP TABLE public.gone;");
  EXPECT_FALSE(r.table("app", "accounts"));
  const Table* customers = r.table("app", "customers");
  ASSERT_TRUE(customers);
  EXPECT_FALSE(customers->column("old_name"));
  EXPECT_FALSE(customers->column("legacy"));
  EXPECT_TRUE(r.schema.is_key_column(QualifiedName{"app", "customers"}, "id")) << "the pkey follows the rename";
  EXPECT_FALSE(r.table("public", "gone"));
  EXPECT_EQ(r.schema.qualify(QualifiedName{"", "customers"}, r.session.search_path).str(), "app.customers");
  EXPECT_EQ(r.schema.qualify(QualifiedName{"", "newtable"}, r.session.search_path).str(), "app.newtable");
}

TEST(Session, TransactionsAndTimeouts) {
  Replay r;
  r.run("BEGIN; SET LOCAL lock_timeout = '2s';");
  EXPECT_TRUE(r.session.in_transaction());
  EXPECT_TRUE(r.session.lock_timeout_set);
  r.run("COMMIT;");
  EXPECT_FALSE(r.session.in_transaction());
  EXPECT_FALSE(r.session.lock_timeout_set) << "SET LOCAL ends with the transaction";
  r.run("SET lock_timeout TO 5000; START TRANSACTION; END;");
  EXPECT_TRUE(r.session.lock_timeout_set);
  r.run("SET lock_timeout = 0;");
  EXPECT_FALSE(r.session.lock_timeout_set) << "0 switches the timeout off";
  r.run("SET statement_timeout = '1min'; RESET ALL;");
  EXPECT_FALSE(r.session.statement_timeout_set);
}

TEST(Effects, LockModesOfCommonStatements) {
  Replay r;
  r.run(
      "CREATE TABLE users (id bigint PRIMARY KEY, email text);"
      "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);"
      "CREATE INDEX orders_user ON orders (user_id);"                              // 2
      "CREATE INDEX CONCURRENTLY orders_user2 ON orders (user_id);"                // 3
      "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id);"  // 4
      "ALTER TABLE orders VALIDATE CONSTRAINT fk;"                                 // 5
      "ALTER TABLE users ALTER COLUMN email SET NOT NULL;"                          // 6
      "ALTER TABLE users ADD COLUMN created timestamptz DEFAULT now();"            // 7
      "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();"         // 8
      "UPDATE users SET email = lower(email);"                                     // 9
      "DROP INDEX orders_user;");                                                  // 10
  EXPECT_EQ(locks(r.effects[2]), "public.orders:ShareLock ");
  EXPECT_EQ(locks(r.effects[3]), "public.orders:ShareUpdateExclusiveLock ");
  EXPECT_FALSE(r.effects[3].transactional);
  EXPECT_EQ(locks(r.effects[4]), "public.users:ShareRowExclusiveLock public.orders:ShareRowExclusiveLock ");
  EXPECT_EQ(r.effects[4].scans.size(), 1u) << "validating a foreign key reads the referencing table";
  EXPECT_EQ(r.effects[4].possible_scans.size(), 1u) << "and the referenced one in full under a hash join only";
  EXPECT_EQ(locks(r.effects[5]), "public.orders:ShareUpdateExclusiveLock ");
  EXPECT_EQ(locks(r.effects[6]), "public.users:AccessExclusiveLock ");
  EXPECT_EQ(r.effects[6].scans.size(), 1u);
  EXPECT_TRUE(r.effects[7].rewrites.empty()) << "now() is stable: a fast default";
  EXPECT_EQ(r.effects[8].rewrites.size(), 1u) << "gen_random_uuid() is volatile: rewrite";
  EXPECT_EQ(locks(r.effects[9]), "public.users:RowExclusiveLock ");
  EXPECT_EQ(locks(r.effects[10]), "public.orders:AccessExclusiveLock ");
}

TEST(Suppression, DirectiveSyntax) {
  SuppressionDirective d;
  ASSERT_TRUE(parse_directive("-- schemaguard: ignore drop-column, rename-table -- agreed with DBA", d));
  EXPECT_FALSE(d.whole_file);
  EXPECT_EQ(d.rules, (std::vector<std::string>{"drop-column", "rename-table"}));
  ASSERT_TRUE(parse_directive("/* schemaguard: ignore-file missing-lock-timeout */", d));
  EXPECT_TRUE(d.whole_file);
  EXPECT_EQ(d.rules, (std::vector<std::string>{"missing-lock-timeout"}));
  EXPECT_FALSE(parse_directive("-- schemaguard is great", d));
  EXPECT_FALSE(parse_directive("-- schemaguard: ignored", d));
  EXPECT_FALSE(parse_directive("-- just a comment", d));
}

}  // namespace
}  // namespace analyzer
