// The schema model's hashed relation index (TableMap) stays coherent with the ordered
// map beside it through every statement that creates, renames, moves or drops a relation,
// and through moves of the Schema (and copies of the map).
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "analyzer/schema.h"
#include "analyzer/session.h"
#include "sqlparse/parser.h"

namespace analyzer {
namespace {

// Every relation of the ordered map is found through the index, at its own node, and
// the index holds nothing else (probed with names that were dropped or renamed away).
void expect_coherent(const Schema& schema, const std::vector<QualifiedName>& gone, const std::string& after) {
  for (const auto& [name, table] : schema.tables()) {
    EXPECT_EQ(schema.find_table(name, {}), &table) << name.str() << " after " << after;
    EXPECT_EQ(table.name, name) << after;
  }
  for (const QualifiedName& name : gone) {
    if (schema.tables().count(name)) continue;
    EXPECT_EQ(schema.find_table(name, {}), nullptr) << name.str() << " still indexed after " << after;
  }
}

struct Replay {
  Schema schema;
  SessionState session;
  std::vector<QualifiedName> seen;  // every relation name that existed at some point

  void run(const std::string& sql) {
    sqlparse::SourceText source("m.sql", sql);
    Origin origin;
    origin.path = "m.sql";
    const auto summary = sqlparse::parse_statements(source, [&](const sqlparse::Statement& st) {
      origin.line = st.start.line;
      schema.apply(st, origin, session.search_path);
      session.apply(st);
      for (const auto& [name, table] : schema.tables()) seen.push_back(name);
      expect_coherent(schema, seen, std::string(st.text));
    });
    ASSERT_FALSE(summary.error) << summary.error->message;
  }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& [name, table] : schema.tables()) out.push_back(name.str());
    return out;
  }
};

using Names = std::vector<std::string>;

TEST(SchemaIndex, FollowsEveryWayARelationComesAndGoes) {
  Replay r;
  r.run(R"sql(
CREATE SCHEMA app;
CREATE TABLE users (id bigint PRIMARY KEY);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));
CREATE TABLE app.events (id bigint, at timestamptz) PARTITION BY RANGE (at);
CREATE TABLE app.events_2024 PARTITION OF app.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE VIEW user_orders AS SELECT u.id, o.id AS order_id FROM users u JOIN orders o ON o.user_id = u.id;
CREATE MATERIALIZED VIEW order_counts AS SELECT user_id, count(*) FROM orders GROUP BY user_id;
CREATE TABLE orders_copy AS SELECT * FROM orders;
CREATE OR REPLACE VIEW user_orders AS SELECT u.id FROM users u;
ALTER TABLE orders RENAME TO purchases;
ALTER INDEX orders_copy RENAME TO orders_archive;
ALTER TABLE purchases SET SCHEMA app;
ALTER VIEW user_orders RENAME TO user_list;
DROP MATERIALIZED VIEW order_counts;
DROP TABLE users CASCADE;
CREATE TABLE users (id bigint PRIMARY KEY, email text);
SET search_path = app, public;
CREATE TABLE audit (id bigint);
DROP SCHEMA app CASCADE;
SET search_path = public;
CREATE TABLE audit (id bigint);
)sql");
  EXPECT_EQ(r.names(), (Names{"public.audit", "public.orders_archive", "public.users"}));
  const Table* users = r.schema.find_table(QualifiedName{"", "users"}, {"app", "public"});
  ASSERT_NE(users, nullptr);
  EXPECT_EQ(users->columns.size(), 2u);
  EXPECT_EQ(r.schema.find_table(QualifiedName{"app", "purchases"}, {}), nullptr);
  EXPECT_EQ(r.schema.find_table(QualifiedName{"", "user_list"}, {}), nullptr);  // dropped with users
}

TEST(SchemaIndex, ResolvesThroughTheSearchPathInOrder) {
  Replay r;
  r.run(R"sql(
CREATE SCHEMA a;
CREATE SCHEMA b;
CREATE TABLE b.t (x int);
CREATE TABLE public.t (y int);
CREATE TABLE a.only_a (z int);
)sql");
  const QualifiedName t{"", "t"};
  EXPECT_EQ(r.schema.qualify(t, {"a", "b", "public"}), (QualifiedName{"b", "t"}));
  EXPECT_EQ(r.schema.qualify(t, {"public", "b"}), (QualifiedName{"public", "t"}));
  EXPECT_EQ(r.schema.qualify(t, {}), (QualifiedName{"public", "t"}));
  EXPECT_EQ(r.schema.find_table(QualifiedName{"", "only_a"}, {"b", "public"}), nullptr);
  // Unknown: where it would be created.
  EXPECT_EQ(r.schema.qualify(QualifiedName{"", "only_a"}, {"b", "public"}), (QualifiedName{"b", "only_a"}));
  EXPECT_EQ(r.schema.qualify(QualifiedName{"a", "nope"}, {}), (QualifiedName{"a", "nope"}));
}

TEST(SchemaIndex, CopiedTableMapsIndexTheirOwnNodes) {
  Replay r;
  r.run("CREATE TABLE t (a int); CREATE TABLE u (b int);");
  const QualifiedName t{"public", "t"}, v{"public", "v"};

  TableMap copy = r.schema.tables();
  r.run("DROP TABLE t; CREATE TABLE v (c int);");
  ASSERT_NE(copy.lookup(t), nullptr);
  EXPECT_EQ(copy.lookup(t), &copy.map().at(t));  // the copy's node, not the original's
  EXPECT_EQ(copy.lookup(v), nullptr);
  EXPECT_EQ(r.schema.find_table(t, {}), nullptr);

  TableMap assigned;
  assigned = r.schema.tables();
  EXPECT_EQ(assigned.lookup(v), &assigned.map().at(v));
  EXPECT_EQ(assigned.lookup(t), nullptr);
  assigned = std::move(copy);
  EXPECT_EQ(assigned.lookup(t), &assigned.map().at(t));
  EXPECT_EQ(assigned.lookup(v), nullptr);
  EXPECT_EQ(assigned.size(), 2u);
}

// Indexes and sequences are hashed too: every entry is found at its own node, names that went
// away are not found, and each table's index list holds exactly its indexes, in name order.
void expect_indexes_coherent(const Schema& schema, const std::vector<QualifiedName>& gone, const std::string& after) {
  std::map<QualifiedName, std::vector<const Index*>> by_table;
  for (const auto& [name, index] : schema.indexes()) {
    EXPECT_EQ(schema.find_index(name, {}), &index) << name.str() << " after " << after;
    by_table[index.table].push_back(&index);
  }
  for (const auto& [table, indexes] : by_table)
    EXPECT_EQ(schema.indexes_on(table), indexes) << table.str() << " after " << after;
  for (const auto& [name, sequence] : schema.sequences())
    EXPECT_EQ(schema.find_sequence(name, {}), &sequence) << name.str() << " after " << after;
  for (const QualifiedName& name : gone) {
    if (!schema.indexes().count(name)) {
      EXPECT_EQ(schema.find_index(name, {}), nullptr) << name.str() << " after " << after;
    }
    if (!schema.sequences().count(name)) {
      EXPECT_EQ(schema.find_sequence(name, {}), nullptr) << name.str() << " after " << after;
    }
  }
}

TEST(SchemaIndex, IndexesAndSequencesFollowRenamesMovesAndDrops) {
  Replay r;
  std::vector<QualifiedName> seen;
  const auto step = [&](const std::string& sql) {
    r.run(sql);
    for (const auto& [name, index] : r.schema.indexes()) seen.push_back(name);
    for (const auto& [name, sequence] : r.schema.sequences()) seen.push_back(name);
    expect_indexes_coherent(r.schema, seen, sql);
  };
  step("CREATE SCHEMA app; CREATE TABLE t (id serial PRIMARY KEY, a int UNIQUE, b text);");
  step("CREATE INDEX t_b_idx ON t (b); CREATE INDEX ON t (a, b); CREATE UNIQUE INDEX t_lower ON t (lower(b));");
  step("ALTER INDEX t_b_idx RENAME TO t_b_renamed; ALTER TABLE t RENAME CONSTRAINT t_a_key TO t_a_unique;");
  step("ALTER TABLE t SET SCHEMA app;");
  EXPECT_NE(r.schema.find_index(QualifiedName{"app", "t_b_renamed"}, {}), nullptr);
  EXPECT_NE(r.schema.find_sequence(QualifiedName{"app", "t_id_seq"}, {}), nullptr);
  EXPECT_EQ(r.schema.find_sequence(QualifiedName{"public", "t_id_seq"}, {}), nullptr);
  step("ALTER TABLE app.t RENAME TO u; ALTER SEQUENCE app.t_id_seq RENAME TO u_id_seq;");
  step("ALTER TABLE app.u DROP COLUMN a; DROP INDEX app.t_lower;");
  Names left;
  for (const auto& [name, index] : r.schema.indexes()) left.push_back(name.str());
  EXPECT_EQ(left, (Names{"app.t_b_renamed", "app.t_pkey"}));
  step("CREATE TABLE app.v (id serial); DROP TABLE app.u;");
  EXPECT_TRUE(r.schema.indexes().empty());
  EXPECT_EQ(r.schema.indexes_on(QualifiedName{"app", "u"}), std::vector<const Index*>{});
  left.clear();
  for (const auto& [name, sequence] : r.schema.sequences()) left.push_back(name.str());
  EXPECT_EQ(left, (Names{"app.v_id_seq"}));
}

TEST(SchemaIndex, MovedSchemasKeepTheirLookupsAndIndexLists) {
  Replay r;
  r.run("CREATE TABLE t (a int PRIMARY KEY, b text); CREATE INDEX t_b ON t (b); CREATE TABLE v (c serial);");
  const QualifiedName t{"public", "t"};

  Schema moved = std::move(r.schema);
  expect_coherent(moved, {}, "move construction");
  expect_indexes_coherent(moved, {}, "move construction");
  EXPECT_EQ(moved.indexes_on(t).size(), 2u);

  Schema assigned;
  assigned = std::move(moved);
  expect_coherent(assigned, {}, "move assignment");
  expect_indexes_coherent(assigned, {}, "move assignment");
  EXPECT_EQ(assigned.indexes_on(t).size(), 2u);
  EXPECT_NE(assigned.find_sequence(QualifiedName{"public", "v_c_seq"}, {}), nullptr);
}

TEST(SchemaIndex, ForeignKeysReferencingKeepNameOrderAndFollowRenames) {
  Replay r;
  r.run(R"sql(
CREATE TABLE users (id bigint PRIMARY KEY);
CREATE TABLE zebra (user_id bigint REFERENCES users (id));
CREATE TABLE apple (user_id bigint REFERENCES users (id));
CREATE TABLE mango (user_id bigint REFERENCES users (id));
DROP TABLE mango;
ALTER TABLE zebra RENAME TO banana;
ALTER TABLE users RENAME TO people;
)sql");
  std::vector<std::string> referencing;
  for (const auto& [table, constraint] : r.schema.foreign_keys_referencing(QualifiedName{"public", "people"}))
    referencing.push_back(table->name.str() + " " + constraint->name);
  EXPECT_EQ(referencing, (Names{"public.apple apple_user_id_fkey", "public.banana zebra_user_id_fkey"}));
  EXPECT_TRUE(r.schema.foreign_keys_referencing(QualifiedName{"public", "users"}).empty());
}

}  // namespace
// NameHash reads names a word at a time with overlapping tail loads: every byte of both
// parts must count, and so must where the schema ends and the name begins.
TEST(SchemaIndex, NameHashSeesEveryByteAndThePartBoundary) {
  const analyzer::NameHash hash;
  std::set<std::size_t> seen;
  std::size_t names = 0;
  for (std::size_t length = 0; length <= 24; ++length) {
    const std::string base(length, 'a');
    ++names;
    seen.insert(hash({"public", base}));
    for (std::size_t at = 0; at < length; ++at) {  // one byte changed, at every position
      std::string changed = base;
      changed[at] = 'b';
      ++names;
      seen.insert(hash({"public", changed}));
    }
  }
  EXPECT_EQ(seen.size(), names) << "two names that differ in one byte hash alike";
  EXPECT_NE(hash({"a", "bc"}), hash({"ab", "c"}));
  EXPECT_NE(hash({"", "abc"}), hash({"abc", ""}));
  EXPECT_EQ(hash({"public", "users"}), hash(analyzer::QualifiedName{"public", "users"}));
}

}  // namespace analyzer
