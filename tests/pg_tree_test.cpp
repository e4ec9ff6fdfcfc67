// sqlparse::Node over libpg_query's raw parse tree must read exactly like libpg_query's
// JSON: the field tables (sqlparse/pg_nodes.inc) are generated from PostgreSQL's server
// headers, and this is where a wrong table, or headers that do not match the libpg_query
// build, would show. Every fixture and every corpus migration is parsed both ways.
#include <gtest/gtest.h>
#include <pg_query.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <simdjson.h>
#include <sstream>
#include <string>
#include <vector>

#include "sqlparse/node.h"
#include "sqlparse/pg_tree.h"

namespace {

namespace fs = std::filesystem;
using sqlparse::Node;

std::vector<std::string> kinds_in_walk_order(Node root) {
  std::vector<std::string> out;
  root.walk([&](Node n) { out.emplace_back(n.kind()); });
  return out;
}

// libpg_query 15-4.0.0's JSON leaves out negative integers ({"ival": {}} for -1: its
// writer prints only values above zero); the raw tree has the real value. Hidden here so
// the comparison checks everything else.
void hide_negative_integers(nlohmann::json& j) {
  if (j.is_object()) {
    if (j.size() == 1 && j.contains("ival") && j["ival"].is_number_integer() && j["ival"].get<long>() < 0)
      j.erase("ival");
    for (auto& [key, value] : j.items()) hide_negative_integers(value);
  } else if (j.is_array()) {
    for (auto& value : j) hide_negative_integers(value);
  }
}

// Compares both readings of `sql`; returns the number of statements compared.
std::size_t expect_same_as_json(const std::string& sql, const std::string& label) {
  PgQueryParseResult json = pg_query_parse(sql.c_str());
  const sqlparse::pgtree::RawParse raw(sql.c_str());
  std::size_t compared = 0;
  EXPECT_EQ(json.error == nullptr, raw.error() == nullptr) << label;
  if (!json.error && !raw.error()) {
    const nlohmann::json doc = nlohmann::json::parse(json.parse_tree);
    const nlohmann::json& stmts = doc["stmts"];
    simdjson::dom::parser parser;
    simdjson::dom::element simd_doc = parser.parse(std::string_view(json.parse_tree));
    EXPECT_EQ(stmts.size(), raw.size()) << label;
    for (std::size_t k = 0; k < raw.size() && k < stmts.size(); ++k) {
      const auto st = raw.statement(k);
      EXPECT_EQ(stmts[k].value("stmt_location", 0), st.location) << label << " statement " << k;
      EXPECT_EQ(stmts[k].value("stmt_len", 0), st.length) << label << " statement " << k;
      const Node mine = Node::raw(st.node);
      nlohmann::json shown = nlohmann::json::parse(mine.to_json());
      hide_negative_integers(shown);
      if (shown != stmts[k]["stmt"]) {
        const nlohmann::json patch = nlohmann::json::diff(stmts[k]["stmt"], shown);
        ADD_FAILURE() << label << " statement " << k << ": raw tree differs from the JSON, first difference "
                      << patch.at(0).dump() << "\n  JSON: " << stmts[k]["stmt"].dump().substr(0, 600);
      }
      const Node from_json = Node(simd_doc["stmts"].at(k).value())["stmt"];
      EXPECT_EQ(kinds_in_walk_order(from_json), kinds_in_walk_order(mine)) << label << " statement " << k;
      ++compared;
    }
  }
  pg_query_free_parse_result(json);
  return compared;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::size_t compare_tree(const fs::path& root) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file() && e.path().extension() == ".sql") files.push_back(e.path());
  std::size_t compared = 0;
  for (const fs::path& f : files) compared += expect_same_as_json(read_file(f), f.string());
  return compared;
}

TEST(PgTree, EveryFixtureReadsAsItsJson) {
  EXPECT_GT(compare_tree(SCHEMAGUARD_SOURCE_DIR "/testdata"), 1000u);
}

TEST(PgTree, EveryCorpusMigrationReadsAsItsJson) {
  const fs::path corpus = SCHEMAGUARD_SOURCE_DIR "/../shared/corpus";
  if (!fs::exists(corpus)) {
    if (std::getenv("CI")) FAIL() << "corpus not found at " << corpus << " (required when CI is set)";
    GTEST_SKIP() << "corpus not found at " << corpus;
  }
  EXPECT_GT(compare_tree(corpus), 10000u);
}

// Node kinds and field shapes the fixtures rarely reach.
TEST(PgTree, UnusualNodesReadAsTheirJson) {
  const char* cases[] = {
      "SELECT 1, 0, -5, 'x', '', NULL, true, false, 1.5, B'101', X'ff', $1, a[1:2], (a).b, *, t.*",
      "SELECT * FROM generate_series(1, 2) WITH ORDINALITY AS g(n, o), LATERAL (SELECT 1) s, ROWS FROM (f(), g())",
      "SELECT count(*) FILTER (WHERE a) OVER (PARTITION BY b ORDER BY c ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)",
      "SELECT CASE WHEN a IS NULL THEN 1 WHEN a IS NOT TRUE THEN 2 ELSE 3 END, COALESCE(a, b), GREATEST(1, 2), "
      "NULLIF(a, b), a IS DISTINCT FROM b, ARRAY[1, 2], ROW(1, 2), a::int, CAST(b AS text[]), c COLLATE \"C\"",
      "SELECT xmlelement(name a, xmlattributes(1 AS b)), xmlserialize(document x AS text), current_date, "
      "current_user, localtimestamp(3), EXISTS (SELECT 1), a = ANY (SELECT 1), a > ALL (b), ARRAY(SELECT 1)",
      "WITH RECURSIVE t(n) AS MATERIALIZED (SELECT 1 UNION ALL SELECT n + 1 FROM t) SEARCH DEPTH FIRST BY n SET o "
      "SELECT * FROM t ORDER BY n DESC NULLS LAST LIMIT 1 OFFSET 2 FOR UPDATE SKIP LOCKED",
      "INSERT INTO t (a, b) VALUES (1, DEFAULT), (2, 3) ON CONFLICT (a) WHERE b > 0 DO UPDATE SET b = excluded.b "
      "RETURNING *",
      "UPDATE t SET (a, b) = (SELECT 1, 2), c = DEFAULT FROM u WHERE CURRENT OF cur",
      "MERGE INTO t USING u ON t.id = u.id WHEN MATCHED AND u.x THEN UPDATE SET a = 1 WHEN NOT MATCHED THEN "
      "INSERT VALUES (u.id) WHEN MATCHED THEN DELETE",
      "CREATE FOREIGN TABLE f (a int OPTIONS (column_name 'b') NOT NULL) SERVER s OPTIONS (table_name 'x')",
      "CREATE TABLE p (a int GENERATED ALWAYS AS IDENTITY (START 5), b text GENERATED ALWAYS AS (upper(c)) STORED, "
      "c text COLLATE \"C\" CHECK (c <> '') NO INHERIT, EXCLUDE USING gist (a WITH =) WHERE (a > 0), "
      "FOREIGN KEY (a) REFERENCES q (id) MATCH FULL ON DELETE SET NULL (a) DEFERRABLE INITIALLY DEFERRED, "
      "LIKE r INCLUDING ALL) PARTITION BY RANGE (a, (lower(b)))",
      "CREATE TABLE c PARTITION OF p FOR VALUES FROM (MINVALUE, 1) TO (MAXVALUE, 2); "
      "CREATE TABLE h PARTITION OF p FOR VALUES WITH (MODULUS 4, REMAINDER 1); "
      "CREATE TABLE d PARTITION OF p DEFAULT; CREATE UNLOGGED TABLE u (a int) WITH (fillfactor = 70)",
      "ALTER TABLE ONLY t ALTER COLUMN a TYPE bigint USING a::bigint, ALTER COLUMN b SET STATISTICS 100, "
      "ALTER COLUMN c SET STORAGE EXTERNAL, ALTER COLUMN d ADD GENERATED BY DEFAULT AS IDENTITY, "
      "REPLICA IDENTITY FULL, SET (autovacuum_enabled = false); ALTER TABLE p DETACH PARTITION x CONCURRENTLY",
      "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON t USING btree (a DESC NULLS FIRST, lower(b) "
      "text_pattern_ops) INCLUDE (c) NULLS NOT DISTINCT WITH (fillfactor = 90) TABLESPACE s WHERE d",
      "CREATE FUNCTION f(a int DEFAULT 1, OUT b text, VARIADIC c int[]) RETURNS SETOF record LANGUAGE sql "
      "IMMUTABLE STRICT PARALLEL SAFE COST 10 ROWS 5 SET search_path = a AS $$ SELECT 1 $$",
      "CREATE TRIGGER tr BEFORE INSERT OR UPDATE OF a ON t REFERENCING NEW TABLE AS n FOR EACH ROW WHEN "
      "(new.a > 0) EXECUTE FUNCTION f('x')",
      "GRANT SELECT (a), UPDATE ON ALL TABLES IN SCHEMA s TO r WITH GRANT OPTION; REVOKE ALL ON t FROM PUBLIC "
      "CASCADE; ALTER DEFAULT PRIVILEGES FOR ROLE r GRANT SELECT ON TABLES TO s",
      "CREATE POLICY p ON t AS RESTRICTIVE FOR SELECT TO r USING (a = current_user) WITH CHECK (true); "
      "CREATE RULE r AS ON INSERT TO t DO INSTEAD NOTHING; COMMENT ON COLUMN t.a IS 'x'",
      "CREATE TYPE e AS ENUM ('a', 'b'); ALTER TYPE e ADD VALUE IF NOT EXISTS 'c' BEFORE 'a'; CREATE TYPE r AS "
      "RANGE (subtype = int4); CREATE DOMAIN d AS int CONSTRAINT c CHECK (VALUE > 0) NOT NULL DEFAULT 1",
      "COPY t (a, b) FROM STDIN WITH (FORMAT csv, HEADER true); COPY (SELECT 1) TO '/tmp/x'; "
      "VACUUM (FULL, ANALYZE) t (a); CLUSTER t USING i; REINDEX (CONCURRENTLY) INDEX i; LOCK TABLE t IN "
      "SHARE ROW EXCLUSIVE MODE NOWAIT",
      "SET LOCAL lock_timeout = '1s'; RESET ALL; SET SESSION AUTHORIZATION DEFAULT; SET TIME ZONE LOCAL; "
      "BEGIN ISOLATION LEVEL SERIALIZABLE READ ONLY; SAVEPOINT s; ROLLBACK TO s; COMMIT AND CHAIN",
      "DO LANGUAGE plpgsql $$ BEGIN NULL; END $$; CALL p(1, b => 2); EXPLAIN (ANALYZE, COSTS off) SELECT 1; "
      "PREPARE q(int) AS SELECT $1; EXECUTE q(1); DECLARE c CURSOR WITH HOLD FOR SELECT 1; FETCH FORWARD 5 FROM c",
      "CREATE PUBLICATION p FOR TABLE t (a, b) WHERE (a > 0), TABLES IN SCHEMA s; CREATE SUBSCRIPTION s "
      "CONNECTION 'x' PUBLICATION p WITH (enabled = false); CREATE STATISTICS st (ndistinct) ON a, b FROM t",
      "SELECT * FROM xmltable('/r' PASSING x COLUMNS a int PATH 'a' DEFAULT 0 NOT NULL, o FOR ORDINALITY); "
      "SELECT * FROM t TABLESAMPLE SYSTEM (10) REPEATABLE (1); SELECT a FROM t GROUP BY GROUPING SETS ((a), "
      "CUBE (b), ROLLUP (c), ()) HAVING count(*) > 1 WINDOW w AS (ORDER BY a RANGE UNBOUNDED PRECEDING)",
      "SELECT 'a' LIKE 'b' ESCAPE 'c', a BETWEEN SYMMETRIC 1 AND 2, a SIMILAR TO 'x', a IN (1, 2), NOT a, a IS NOT NULL, "
      "a AND b OR c, a OPERATOR(pg_catalog.+) b, -a, 1 + 2 * 3, f(VARIADIC ARRAY[1]), "
      "g(a ORDER BY b), percentile_cont(0.5) WITHIN GROUP (ORDER BY a), json '{}', interval '1' day",
  };
  for (const char* sql : cases) EXPECT_GT(expect_same_as_json(sql, sql), 0u);
}

TEST(PgTree, ScalarFieldsReadAsTheJsonDoes) {
  const sqlparse::pgtree::RawParse parsed(
      "CREATE TABLE t (a int DEFAULT 0, b char(2)); SELECT 1, -7 FROM t WHERE a IS NULL LIMIT 2");
  ASSERT_EQ(parsed.error(), nullptr);
  ASSERT_EQ(parsed.size(), 2u);
  const Node create = Node::raw(parsed.statement(0).node);
  EXPECT_EQ(create.kind(), "CreateStmt");
  EXPECT_EQ(create["relation"].kind(), "");  // a RangeVar *: shown without the wrapper
  EXPECT_EQ(create["relation"]["relname"].str(), "t");
  EXPECT_EQ(create["relation"]["relpersistence"].str(), "p");  // a char
  EXPECT_TRUE(create["relation"]["inh"].boolean());
  EXPECT_EQ(create["oncommit"].str(), "ONCOMMIT_NOOP");  // an enum, always present
  const Node a = create["tableElts"].at(0);
  EXPECT_EQ(a.kind(), "ColumnDef");
  EXPECT_EQ(a["typeName"]["typemod"].integer(), -1);
  EXPECT_EQ(a["typeName"]["names"].size(), 2u);
  EXPECT_EQ(join_names(a["typeName"]["names"]), "pg_catalog.int4");
  const Node default_value = a["constraints"].at(0)["raw_expr"];
  EXPECT_EQ(default_value.kind(), "A_Const");
  EXPECT_TRUE(default_value["ival"].valid());   // {"ival": {}}: an Integer 0
  EXPECT_FALSE(default_value["ival"]["ival"]);  // zero is left out
  EXPECT_EQ(default_value.integer(), 0);
  EXPECT_FALSE(default_value["sval"]);
  EXPECT_EQ(a.location(), 16);
  EXPECT_EQ(create["relation"].location(), 13);
  EXPECT_FALSE(create.field("no_such_field"));
  EXPECT_FALSE(create["tableElts"]["colname"]);  // a list has no fields

  const Node select = Node::raw(parsed.statement(1).node);
  EXPECT_EQ(select["whereClause"].field("NullTest").valid(), false);
  EXPECT_EQ(select["whereClause"].kind(), "NullTest");
  EXPECT_EQ(select["whereClause"]["nulltesttype"].str(), "IS_NULL");
  EXPECT_EQ(select["targetList"].at(0).field("ResTarget").valid(), false);
  EXPECT_EQ(select["targetList"].at(0)["val"].integer(), 1);
  std::size_t items = 0;
  for (Node target : select["targetList"]) items += target.is("ResTarget");
  EXPECT_EQ(items, 2u);
  EXPECT_EQ(select["targetList"].at(1)["val"].integer(), -7);  // the JSON said 0
  EXPECT_EQ(select["limitOption"].str(), "LIMIT_OPTION_COUNT");
}

// node["name"] finds a field by a number fixed at compile time, per node type; looking a
// name up at run time (Node::field) must agree with it, and with the JSON, for every name
// and every node, including names that belong to other node types only.
TEST(PgTree, FieldLookupByIdAgreesWithNamesAndJson) {
  const sqlparse::pgtree::RawParse parsed("CREATE TABLE t (a int DEFAULT -3, b text); "
                                          "SELECT x.y, 'z', f(1) FROM t AS x WHERE b IS NULL");
  ASSERT_EQ(parsed.error(), nullptr);
  const Node create = Node::raw(parsed.statement(0).node);
  const Node column = create["tableElts"].at(0);
  EXPECT_EQ(column["colname"].str(), "a");
  EXPECT_FALSE(create["colname"]);                  // a ColumnDef field; CreateStmt has none
  EXPECT_EQ(create["relation"]["relname"].str(), "t");
  EXPECT_FALSE(column["relname"]);                  // a RangeVar field
  EXPECT_FALSE(column["typeName"]["colname"]);
  EXPECT_EQ(create["tableElts"].field("items").valid(), false);  // a list, not a List node
  EXPECT_EQ(column["constraints"].at(0)["raw_expr"].field("ival").to_json(),
            column["constraints"].at(0)["raw_expr"]["ival"].to_json());
  EXPECT_EQ(column["constraints"].at(0)["raw_expr"].integer(), -3);
  EXPECT_FALSE(column["constraints"].at(0)["raw_expr"]["val"]);  // A_Const's union is named by type

  EXPECT_EQ(sqlparse::FieldName("relname").name(), "relname");
  EXPECT_EQ(sqlparse::FieldName::find("relname")->id(), sqlparse::FieldName("relname").id());
  EXPECT_FALSE(sqlparse::FieldName::find("no_such_field"));
  EXPECT_FALSE(sqlparse::FieldName::find(""));

  // Every name against every node of both statements, raw tree against libpg_query's JSON.
  PgQueryParseResult json = pg_query_parse(
      "CREATE TABLE t (a int DEFAULT -3, b text); SELECT x.y, 'z', f(1) FROM t AS x WHERE b IS NULL");
  ASSERT_EQ(json.error, nullptr);
  simdjson::dom::parser parser;
  const simdjson::dom::element doc = parser.parse(std::string_view(json.parse_tree));
  std::size_t compared = 0;
  for (std::size_t k = 0; k < parsed.size(); ++k) {
    std::vector<Node> raw_nodes, json_nodes;
    Node::raw(parsed.statement(k).node).walk([&](Node n) { raw_nodes.push_back(n); });
    Node(doc["stmts"].at(k).value())["stmt"].walk([&](Node n) { json_nodes.push_back(n); });
    ASSERT_EQ(raw_nodes.size(), json_nodes.size());
    for (std::size_t n = 0; n < raw_nodes.size(); ++n) {
      for (std::string_view name : sqlparse::pgtree::kFieldNames) {
        const Node by_name = raw_nodes[n].field(name);
        EXPECT_EQ(by_name.to_json(), raw_nodes[n][*sqlparse::FieldName::find(name)].to_json());
        if (name == "ival" && by_name.integer() < 0) continue;  // left out of the JSON, see above
        EXPECT_EQ(by_name.valid(), json_nodes[n].field(name).valid())
            << "field " << name << " of " << raw_nodes[n].to_json();
        ++compared;
      }
    }
  }
  pg_query_free_parse_result(json);
  EXPECT_GT(compared, 10000u);
}

// The overlaid slot table, checked whole: for every node type, every name finds exactly the
// field of that name (A_Const's union excepted: it is looked up by the value's type).
TEST(PgTree, FieldSlotsFindEveryFieldOfEveryNodeType) {
  namespace pgtree = sqlparse::pgtree;
  std::size_t types = 0, fields = 0;
  for (int tag = 0; tag < 2000; ++tag) {
    const pgtree::NodeInfo* info = pgtree::info(tag);
    if (!info) continue;
    ++types;
    for (std::string_view name : pgtree::kFieldNames) {
      const pgtree::FieldInfo* expected = nullptr;
      for (std::uint16_t k = 0; k < info->count; ++k)
        if (info->fields[k].field_name() == name && info->fields[k].kind != pgtree::FieldKind::kConstValue)
          expected = &info->fields[k];
      EXPECT_EQ(pgtree::find_field(tag, sqlparse::FieldName::find(name)->id()), expected)
          << info->node_name() << "." << name;
      fields += expected != nullptr;
    }
  }
  EXPECT_GT(types, 200u);
  EXPECT_GT(fields, 1000u);
  EXPECT_EQ(pgtree::info(-1), nullptr);
}

// JSON mode (PL/pgSQL bodies) still finds fields by their name, also names that no node
// struct has.
TEST(PgTree, JsonNodesFindFieldsByName) {
  simdjson::dom::parser parser;
  const Node n(parser.parse(std::string_view(R"({"PLpgSQL_stmt_fors": {"lineno": 4, "not_a_field": "x"}})")));
  EXPECT_EQ(n.kind(), "PLpgSQL_stmt_fors");
  EXPECT_EQ(n["lineno"].integer(), 4);
  EXPECT_EQ(n.field("lineno").integer(), 4);
  EXPECT_EQ(n.field("not_a_field").str(), "x");
  EXPECT_FALSE(n["relname"]);
}

TEST(PgTree, SyntaxErrorsCarryMessageAndPosition) {
  const sqlparse::pgtree::RawParse parsed("SELECT 1; SELEC 2");
  ASSERT_NE(parsed.error(), nullptr);
  EXPECT_EQ(parsed.error()->message, "syntax error at or near \"SELEC\"");
  EXPECT_EQ(parsed.error()->cursorpos, 11);
  EXPECT_EQ(parsed.size(), 0u);
}

}  // namespace
