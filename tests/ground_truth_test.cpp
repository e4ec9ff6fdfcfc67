// Ground truth for the effects model: every rule fixture and a generated matrix of schema
// changes run against a real PostgreSQL 15 (a throwaway cluster this test process starts),
// each observed statement compared with the model's prediction for version 15. How the
// server is observed: pgtrace/observer.h. A server that cannot start fails the tests.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "pgtrace/cluster.h"
#include "pgtrace/report.h"
#include "pgtrace/trace.h"

namespace {

namespace fs = std::filesystem;

const fs::path kFixtureRoot = fs::path(SCHEMAGUARD_SOURCE_DIR) / "testdata" / "rules";

// One cluster per test process, stopped and removed when the process exits.
pgtrace::Cluster* shared_cluster(std::string& error) {
  static std::unique_ptr<pgtrace::Cluster> cluster;
  static std::string start_error;
  static bool tried = false;
  if (!tried) {
    tried = true;
    const std::string bin = pgtrace::find_server_binaries(fs::exists("/usr/lib/postgresql/15/bin/postgres")
                                                              ? "/usr/lib/postgresql/15/bin"
                                                              : "");
    if (bin.empty()) start_error = "no PostgreSQL server binaries (install postgresql-15)";
    else cluster = pgtrace::Cluster::start(bin, start_error);
  }
  error = start_error;
  return cluster.get();
}

class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = fs::temp_directory_path() /
            ("schemaguard-truth-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name, std::ios::binary) << text;
    return (path_ / name).string();
  }

 private:
  fs::path path_;
};

struct CaseRun {
  pgtrace::TraceResult result;
  std::string error;  // the harness could not run the case
};

// A fresh database; the history replayed (committed); each statement under review
// observed, then applied so the next one sees it.
CaseRun run_case(const std::string& history, const std::string& review, bool wrapped) {
  CaseRun run;
  std::string error;
  pgtrace::Cluster* cluster = shared_cluster(error);
  if (!cluster) {
    run.error = "cannot start PostgreSQL: " + error;
    return run;
  }
  static int counter = 0;
  const std::string database = "truth_" + std::to_string(++counter);
  auto admin = pgtrace::Observer::connect(cluster->conninfo(), error);
  if (!admin) {
    run.error = error;
    return run;
  }
  if (const auto created = admin->run("CREATE DATABASE " + database); !created.ok) {
    run.error = created.error;
    return run;
  }
  {
    TempDir dir;
    std::vector<analyzer::MigrationFile> plan;
    if (!history.empty()) plan.push_back({dir.write("history.sql", history), false, false, false, -1});
    plan.push_back({dir.write("review.sql", review), true, wrapped, false, 0});
    auto observer = pgtrace::Observer::connect(cluster->conninfo(database), error);
    if (!observer) {
      run.error = error;
      return run;
    }
    run.result = pgtrace::trace(plan, *observer, pgtrace::TraceOptions{});
  }
  admin->run("DROP DATABASE " + database + " WITH (FORCE)");
  return run;
}

// The statement, predicted and observed, as `schemaguard trace` prints it.
std::string shown(const pgtrace::TracedStatement& statement) {
  pgtrace::TraceResult one;
  one.statements.push_back(statement);
  std::ostringstream text;
  pgtrace::write_trace_text(text, one);
  std::string s = text.str();
  return s.substr(0, s.rfind('\n', s.size() - 2) + 1);  // without the summary line
}

// ---------------------------------------------------------------------------------------
// The generated matrix: tables that hold rows, one schema change per case.

struct MatrixCase {
  std::string setup;   // history, replayed and committed
  std::string review;  // the statement(s) under review
  bool wrapped = false;
};

const std::string kTable =
    "CREATE TABLE t (id bigint PRIMARY KEY, a int, b text, c varchar(20), d numeric(10,2), e timestamp,"
    " f int NOT NULL DEFAULT 0, g int, h cidr, n int);\n"
    "INSERT INTO t SELECT i, i, 'b' || i, 'c' || i, i, '2024-01-01'::timestamp + i * interval '1 hour', i, i,"
    " '10.0.0.0/8', NULL FROM generate_series(1, 200) i;\n"
    "CREATE INDEX t_a_idx ON t (a);\n"
    "CREATE INDEX t_c_idx ON t (c);\n"
    "CREATE INDEX t_e_idx ON t (e);\n"
    "CREATE INDEX t_b_idx ON t (b);\n";
const std::string kReferencing =
    kTable +
    "CREATE TABLE r (id bigint PRIMARY KEY, t_id bigint, note text);\n"
    "INSERT INTO r SELECT i, i, 'n' FROM generate_series(1, 200) i;\n";
const std::string kForeignKey = kReferencing + "ALTER TABLE r ADD CONSTRAINT r_t_fk FOREIGN KEY (t_id) REFERENCES t (id);\n";
const std::string kChecks =
    kTable +
    "ALTER TABLE t ADD CONSTRAINT t_a_check CHECK (a > 0);\n"
    "ALTER TABLE t ADD CONSTRAINT t_g_check CHECK (g > 0) NOT VALID;\n"
    "ALTER TABLE t ADD CONSTRAINT t_n_nn CHECK (a IS NOT NULL);\n";
const std::string kView = kTable + "CREATE VIEW t_view AS SELECT id, a, c FROM t;\n";
const std::string kPartitioned =
    "CREATE TABLE p (id int, at date, v int) PARTITION BY RANGE (at);\n"
    "CREATE TABLE p_2023 PARTITION OF p FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');\n"
    "CREATE TABLE p_2024 PARTITION OF p FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\n"
    "INSERT INTO p SELECT i, '2023-01-01'::date + i, i FROM generate_series(1, 600) i;\n";
const std::string kPartitionedWithDefault =
    kPartitioned + "CREATE TABLE p_default PARTITION OF p DEFAULT;\n"
                   "INSERT INTO p VALUES (1, '2030-06-01', 1);\n";
const std::string kListPartitioned =
    "CREATE TABLE l (id int, region text, at timestamp) PARTITION BY LIST (region);\n"
    "CREATE TABLE l_eu PARTITION OF l FOR VALUES IN ('eu', 'uk');\n"
    "CREATE TABLE l_us PARTITION OF l FOR VALUES IN ('us') PARTITION BY RANGE (at);\n"
    "CREATE TABLE l_us_old PARTITION OF l_us FOR VALUES FROM (MINVALUE) TO ('2024-01-01');\n"
    "CREATE TABLE l_us_new PARTITION OF l_us FOR VALUES FROM ('2024-01-01') TO (MAXVALUE);\n"
    "CREATE TABLE l_null PARTITION OF l FOR VALUES IN (NULL);\n"
    "CREATE TABLE h (id int) PARTITION BY HASH (id);\n"
    "CREATE TABLE h0 PARTITION OF h FOR VALUES WITH (MODULUS 2, REMAINDER 0);\n"
    "CREATE TABLE h1 PARTITION OF h FOR VALUES WITH (MODULUS 2, REMAINDER 1);\n";
const std::string kLoose =
    "CREATE TABLE p_2025 (id int, at date, v int);\n"
    "INSERT INTO p_2025 SELECT i, '2025-01-01'::date + i % 300, i FROM generate_series(1, 100) i;\n";
const std::string kEnum =
    kTable + "CREATE TYPE mood AS ENUM ('sad', 'ok');\n"
             "CREATE TABLE people (id int PRIMARY KEY, m mood, label text);\n"
             "INSERT INTO people SELECT i, 'ok', 'ok' FROM generate_series(1, 100) i;\n";
const std::string kMatview =
    kTable + "CREATE MATERIALIZED VIEW t_mv AS SELECT id, a FROM t;\n"
             "CREATE UNIQUE INDEX t_mv_id ON t_mv (id);\n";
const std::string kTrigger =
    kTable + "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;\n"
             "CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();\n";

std::vector<MatrixCase> alter_table_cases() {
  std::vector<MatrixCase> cases;
  const auto add = [&](const std::string& setup, const std::string& review) { cases.push_back({setup, review}); };
  // ADD COLUMN, every kind of default and constraint.
  for (const char* column :
       {"x int", "x int DEFAULT 0", "x int DEFAULT (random() * 10)::int", "x timestamptz DEFAULT now()",
        "x text DEFAULT 'a' || 'b'", "x int NOT NULL DEFAULT 0", "x int NOT NULL", "x serial", "x bigserial",
        "x int GENERATED ALWAYS AS (a * 2) STORED", "x int GENERATED ALWAYS AS IDENTITY",
        "x int GENERATED BY DEFAULT AS IDENTITY", "x int CHECK (x > 0)", "x int DEFAULT 1 CHECK (x > 0)",
        "x int UNIQUE", "x int PRIMARY KEY", "x uuid DEFAULT gen_random_uuid()", "x int[]", "x jsonb DEFAULT '{}'",
        "IF NOT EXISTS a int", "x int DEFAULT 0, ADD COLUMN y text"})
    add(kTable, std::string("ALTER TABLE t ADD COLUMN ") + column + ";");
  add(kReferencing, "ALTER TABLE r ADD COLUMN x bigint REFERENCES t (id);");
  add(kReferencing, "ALTER TABLE r ADD COLUMN x bigint DEFAULT 1 REFERENCES t (id);");
  // DROP COLUMN.
  add(kTable, "ALTER TABLE t DROP COLUMN b;");
  add(kTable, "ALTER TABLE t DROP COLUMN a;");
  add(kTable, "ALTER TABLE t DROP COLUMN IF EXISTS zz;");
  add(kForeignKey, "ALTER TABLE r DROP COLUMN t_id;");
  add(kForeignKey, "ALTER TABLE t DROP COLUMN id;");
  add(kForeignKey, "ALTER TABLE t DROP COLUMN id CASCADE;");
  add(kView, "ALTER TABLE t DROP COLUMN a;");
  add(kView, "ALTER TABLE t DROP COLUMN a CASCADE;");
  add(kView, "ALTER TABLE t DROP COLUMN b;");
  // ALTER COLUMN, other than TYPE.
  for (const char* sub :
       {"ALTER COLUMN a SET DEFAULT 5", "ALTER COLUMN f DROP DEFAULT", "ALTER COLUMN a SET NOT NULL",
        "ALTER COLUMN f SET NOT NULL", "ALTER COLUMN f DROP NOT NULL", "ALTER COLUMN g SET NOT NULL",
        "ALTER COLUMN a SET STATISTICS 200", "ALTER COLUMN b SET STORAGE EXTERNAL",
        "ALTER COLUMN a SET (n_distinct = 10)", "ALTER COLUMN a RESET (n_distinct)",
        "ALTER COLUMN b SET COMPRESSION pglz", "ALTER COLUMN f DROP DEFAULT, ALTER COLUMN f ADD GENERATED ALWAYS AS IDENTITY",
        "ALTER COLUMN a SET DEFAULT 1, ALTER COLUMN a SET NOT NULL"})
    add(kTable, std::string("ALTER TABLE t ") + sub + ";");
  add(kChecks, "ALTER TABLE t ALTER COLUMN a SET NOT NULL;");
  add(kChecks, "ALTER TABLE t ALTER COLUMN g SET NOT NULL;");
  // Table-level subcommands.
  for (const char* sub :
       {"SET (fillfactor = 70)", "RESET (fillfactor)", "SET (autovacuum_enabled = false)",
        "SET (toast_tuple_target = 256)", "CLUSTER ON t_a_idx", "SET WITHOUT CLUSTER", "SET UNLOGGED",
        "SET LOGGED", "SET ACCESS METHOD heap", "OWNER TO postgres", "REPLICA IDENTITY FULL",
        "REPLICA IDENTITY USING INDEX t_pkey", "ENABLE ROW LEVEL SECURITY", "FORCE ROW LEVEL SECURITY",
        "NO FORCE ROW LEVEL SECURITY", "DISABLE ROW LEVEL SECURITY", "RENAME TO t2", "RENAME COLUMN b TO b2",
        "RENAME CONSTRAINT t_pkey TO t_pk", "SET SCHEMA other", "ALTER COLUMN a SET DEFAULT 0, SET (fillfactor = 80)"})
    add(kTable + "CREATE SCHEMA other;\n", std::string("ALTER TABLE t ") + sub + ";");
  for (const char* sub : {"DISABLE TRIGGER t_touch", "ENABLE TRIGGER t_touch", "DISABLE TRIGGER ALL",
                          "ENABLE ALWAYS TRIGGER t_touch", "ENABLE REPLICA TRIGGER t_touch", "DISABLE TRIGGER USER"})
    add(kTrigger, std::string("ALTER TABLE t ") + sub + ";");
  add(kTable + "CREATE TABLE parent_t (a int);\n", "ALTER TABLE t INHERIT parent_t;");
  add(kTable + "CREATE TABLE child_t () INHERITS (t);\n", "ALTER TABLE child_t NO INHERIT t;");
  return cases;
}

std::vector<MatrixCase> type_change_cases() {
  std::vector<MatrixCase> cases;
  const auto add = [&](const std::string& setup, const std::string& review) { cases.push_back({setup, review}); };
  for (const char* change :
       {"a TYPE bigint", "a TYPE smallint", "a TYPE text", "a TYPE numeric", "a TYPE int", "id TYPE int",
        "c TYPE varchar(50)", "c TYPE varchar(10)", "c TYPE text", "c TYPE varchar", "b TYPE varchar",
        "b TYPE varchar(100)", "d TYPE numeric(12,2)", "d TYPE numeric(10,4)", "d TYPE numeric", "d TYPE numeric(8,2)",
        "e TYPE timestamptz", "e TYPE timestamp(3)", "e TYPE timestamp(6)", "e TYPE date", "h TYPE inet",
        "b TYPE text USING upper(b)", "a TYPE bigint USING a::bigint", "a TYPE int USING a", "b TYPE bytea USING b::bytea",
        "g TYPE bigint", "c TYPE char(20)", "a TYPE bigint, ALTER COLUMN g TYPE bigint"})
    add(kTable, std::string("ALTER TABLE t ALTER COLUMN ") + change + ";");
  // The session's zone decides whether timestamp <-> timestamptz rewrites.
  add(kTable, "SET timezone = 'UTC';\nALTER TABLE t ALTER COLUMN e TYPE timestamptz;");
  add(kTable, "SET timezone = 'Europe/Berlin';\nALTER TABLE t ALTER COLUMN e TYPE timestamptz;");
  // With a CHECK, a view, a foreign key on the column.
  add(kChecks, "ALTER TABLE t ALTER COLUMN a TYPE bigint;");
  add(kChecks, "ALTER TABLE t ALTER COLUMN g TYPE bigint;");
  add(kChecks + "ALTER TABLE t ADD CONSTRAINT t_c_len CHECK (length(c) < 30);\n",
      "ALTER TABLE t ALTER COLUMN c TYPE varchar(40);");
  add(kView, "ALTER TABLE t ALTER COLUMN a TYPE bigint;");
  add(kView, "ALTER TABLE t ALTER COLUMN b TYPE varchar;");
  add(kForeignKey, "ALTER TABLE r ALTER COLUMN t_id TYPE int;");
  add(kForeignKey, "ALTER TABLE t ALTER COLUMN id TYPE int;");
  add(kForeignKey, "ALTER TABLE r ALTER COLUMN note TYPE varchar(10);");
  // Domains.
  add(kTable + "CREATE DOMAIN short_text AS varchar(50);\n", "ALTER TABLE t ALTER COLUMN c TYPE short_text;");
  add(kTable + "CREATE DOMAIN positive AS int CHECK (VALUE > 0);\n", "ALTER TABLE t ALTER COLUMN a TYPE positive;");
  return cases;
}

std::vector<MatrixCase> constraint_cases() {
  std::vector<MatrixCase> cases;
  const auto add = [&](const std::string& setup, const std::string& review) { cases.push_back({setup, review}); };
  for (const char* not_valid : {"", " NOT VALID"}) {
    const std::string nv = not_valid;
    add(kTable, "ALTER TABLE t ADD CONSTRAINT t_chk CHECK (a > 0)" + nv + ";");
    add(kTable, "ALTER TABLE t ADD CHECK (a IS NOT NULL AND b <> '')" + nv + ";");
    add(kReferencing, "ALTER TABLE r ADD CONSTRAINT r_fk FOREIGN KEY (t_id) REFERENCES t (id)" + nv + ";");
    add(kReferencing, "ALTER TABLE r ADD FOREIGN KEY (t_id) REFERENCES t" + nv + ";");
    add(kReferencing, "ALTER TABLE r ADD FOREIGN KEY (t_id) REFERENCES t ON DELETE CASCADE" + nv + ";");
    add(kReferencing, "ALTER TABLE r ADD FOREIGN KEY (id) REFERENCES r (id)" + nv + ";");
  }
  add(kTable, "ALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE (a);");
  add(kTable, "ALTER TABLE t ADD UNIQUE (a, c);");
  add(kTable, "ALTER TABLE t DROP CONSTRAINT t_pkey, ADD PRIMARY KEY (id, f);");
  add(kTable, "ALTER TABLE t DROP CONSTRAINT t_pkey, ADD CONSTRAINT t_pk PRIMARY KEY (id, f);");
  add(kTable + "ALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE (a);\n", "ALTER TABLE t DROP CONSTRAINT t_a_key, ADD UNIQUE (a);");
  // Validating a foreign key reads the referenced table only when referencing rows have keys.
  add(kReferencing + "CREATE TABLE empty_r (id int, t_id bigint);\n",
      "ALTER TABLE empty_r ADD FOREIGN KEY (t_id) REFERENCES t;");
  add(kReferencing + "UPDATE r SET t_id = NULL;\n", "ALTER TABLE r ADD FOREIGN KEY (t_id) REFERENCES t;");
  add(kTable + "CREATE TABLE nopk (id int, v int);\nINSERT INTO nopk SELECT i, i FROM generate_series(1, 50) i;\n",
      "ALTER TABLE nopk ADD PRIMARY KEY (id);");
  add(kTable + "CREATE TABLE nopk (id int NOT NULL, v int);\nINSERT INTO nopk SELECT i, i FROM generate_series(1, 50) i;\n",
      "ALTER TABLE nopk ADD PRIMARY KEY (id);");
  add(kTable + "CREATE UNIQUE INDEX t_a_uniq ON t (a);\n", "ALTER TABLE t ADD CONSTRAINT t_a_uniq UNIQUE USING INDEX t_a_uniq;");
  add(kTable + "CREATE TABLE nopk (id int, v int);\nCREATE UNIQUE INDEX nopk_id ON nopk (id);\n",
      "ALTER TABLE nopk ADD CONSTRAINT nopk_pk PRIMARY KEY USING INDEX nopk_id;");
  add(kTable, "ALTER TABLE t ADD CONSTRAINT t_excl EXCLUDE USING btree (a WITH =);");
  add(kChecks, "ALTER TABLE t VALIDATE CONSTRAINT t_g_check;");
  add(kChecks, "ALTER TABLE t VALIDATE CONSTRAINT t_a_check;");
  add(kReferencing + "ALTER TABLE r ADD CONSTRAINT r_fk FOREIGN KEY (t_id) REFERENCES t NOT VALID;\n",
      "ALTER TABLE r VALIDATE CONSTRAINT r_fk;");
  add(kChecks, "ALTER TABLE t DROP CONSTRAINT t_a_check;");
  add(kChecks, "ALTER TABLE t DROP CONSTRAINT IF EXISTS t_zz;");
  add(kForeignKey, "ALTER TABLE r DROP CONSTRAINT r_t_fk;");
  add(kForeignKey, "ALTER TABLE t DROP CONSTRAINT t_pkey CASCADE;");
  add(kTable, "ALTER TABLE t DROP CONSTRAINT t_pkey;");
  add(kChecks, "ALTER TABLE t RENAME CONSTRAINT t_a_check TO t_a_positive;");
  return cases;
}

std::vector<MatrixCase> index_cases() {
  std::vector<MatrixCase> cases;
  const auto add = [&](const std::string& setup, const std::string& review) { cases.push_back({setup, review}); };
  for (const char* index :
       {"CREATE INDEX t_g_idx ON t (g)", "CREATE UNIQUE INDEX t_id_f ON t (id, f)", "CREATE INDEX ON t (a) WHERE g > 10",
        "CREATE INDEX ON t (lower(b))", "CREATE INDEX ON t (a) INCLUDE (b)", "CREATE INDEX ON t USING hash (a)",
        "CREATE INDEX ON t USING brin (e)", "CREATE INDEX ON t USING gin (to_tsvector('simple', b))",
        "CREATE INDEX IF NOT EXISTS t_a_idx ON t (a)", "CREATE INDEX IF NOT EXISTS t_new ON t (a)",
        "CREATE INDEX ON ONLY t (g)", "CREATE INDEX CONCURRENTLY t_g_idx ON t (g)",
        "CREATE UNIQUE INDEX CONCURRENTLY t_id_g ON t (id, g)", "DROP INDEX t_a_idx", "DROP INDEX IF EXISTS t_zz",
        "DROP INDEX CONCURRENTLY t_a_idx", "REINDEX INDEX t_a_idx", "REINDEX TABLE t",
        "REINDEX INDEX CONCURRENTLY t_a_idx", "REINDEX TABLE CONCURRENTLY t", "ALTER INDEX t_a_idx RENAME TO t_a_index",
        "ALTER INDEX t_a_idx SET (fillfactor = 80)", "ALTER INDEX t_a_idx RESET (fillfactor)",
        "CLUSTER t USING t_a_idx", "ALTER INDEX IF EXISTS t_zz RENAME TO t_yy",
        "ALTER INDEX IF EXISTS t_zz SET (fillfactor = 80)", "CREATE INDEX CONCURRENTLY IF NOT EXISTS t_a_idx ON t (a)"})
    add(kTable, std::string(index) + ";");
  add(kTable + "CREATE INDEX t_lower_b ON t (lower(b));\n", "ALTER INDEX t_lower_b ALTER COLUMN 1 SET STATISTICS 100;");
  add(kPartitioned, "CREATE INDEX ON p (v);");
  add(kPartitioned, "CREATE INDEX ON ONLY p (v);");
  add(kPartitioned + "CREATE INDEX p_v ON ONLY p (v);\nCREATE INDEX p_2023_v ON p_2023 (v);\n",
      "ALTER INDEX p_v ATTACH PARTITION p_2023_v;");
  add(kPartitioned, "CREATE INDEX CONCURRENTLY ON p_2023 (v);");
  return cases;
}

std::vector<MatrixCase> partition_view_enum_cases() {
  std::vector<MatrixCase> cases;
  const auto add = [&](const std::string& setup, const std::string& review) { cases.push_back({setup, review}); };
  // Partitions.
  add(kPartitioned, "CREATE TABLE p_2025 PARTITION OF p FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');");
  add(kPartitionedWithDefault, "CREATE TABLE p_2025 PARTITION OF p FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');");
  add(kPartitioned, "CREATE TABLE p_default PARTITION OF p DEFAULT;");
  add(kPartitioned + kLoose, "ALTER TABLE p ATTACH PARTITION p_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');");
  add(kPartitionedWithDefault + kLoose,
      "ALTER TABLE p ATTACH PARTITION p_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');");
  add(kPartitioned, "ALTER TABLE p DETACH PARTITION p_2023;");
  add(kPartitionedWithDefault, "ALTER TABLE p DETACH PARTITION p_2023;");
  add(kPartitioned, "ALTER TABLE p DETACH PARTITION p_2023 CONCURRENTLY;");
  add(kPartitioned, "ALTER TABLE p ADD COLUMN x int;");
  add(kPartitioned, "ALTER TABLE p ADD COLUMN x int DEFAULT (random() * 10)::int;");
  add(kPartitioned, "ALTER TABLE p ADD CONSTRAINT p_v_check CHECK (v > 0);");
  add(kPartitioned, "ALTER TABLE ONLY p ADD COLUMN x int;");
  add(kPartitioned, "ALTER TABLE ONLY p ADD COLUMN IF NOT EXISTS v int;");
  add(kPartitioned, "ALTER TABLE p_2023 ADD COLUMN x int;");
  add(kPartitioned, "ALTER TABLE p ALTER COLUMN v TYPE bigint;");
  add(kPartitioned, "ALTER TABLE p ALTER COLUMN v SET NOT NULL;");
  add(kPartitioned, "ALTER TABLE p RENAME COLUMN v TO w;");
  add(kPartitioned, "ALTER TABLE p_2023 ALTER COLUMN v SET DEFAULT 1;");
  add(kPartitioned, "DROP TABLE p_2023;");
  add(kPartitioned, "DROP TABLE p;");
  add(kPartitioned, "TRUNCATE p;");
  add(kPartitioned, "TRUNCATE p_2023;");
  add(kPartitioned, "SELECT count(*) FROM p;");
  add(kPartitioned, "INSERT INTO p VALUES (1, '2023-05-05', 1);");
  // INSERT routing: the partitions the rows reach are locked; rows the model cannot route
  // make every partition a possible lock.
  add(kPartitioned, "INSERT INTO p (v, at, id) VALUES (1, '2024-02-01', 1), (2, '2023-02-01'::date, 2);");
  add(kPartitionedWithDefault, "INSERT INTO p VALUES (2, '2031-01-01', 1);");
  add(kPartitioned, "INSERT INTO p VALUES (1, '2026-02-01', 1);");
  add(kPartitioned, "INSERT INTO p SELECT 1, '2024-02-01', 1;");
  add(kListPartitioned, "INSERT INTO l VALUES (1, 'us', '2023-12-31 23:59:59'), (2, 'uk', now()), (3, NULL, now());");
  add(kListPartitioned, "INSERT INTO l VALUES (1, 'us', '2024-01-01');");
  add(kListPartitioned, "INSERT INTO h VALUES (1);");
  add(kPartitioned, "UPDATE p SET v = v + 1;");
  add(kPartitioned, "VACUUM p;");
  add(kPartitioned, "ANALYZE p;");
  // Views and materialized views.
  add(kTable, "CREATE VIEW v AS SELECT id, a FROM t;");
  add(kView, "CREATE VIEW v AS SELECT id FROM t_view;");  // analysed, not planned: t_view alone
  add(kView, "CREATE MATERIALIZED VIEW mv AS SELECT id FROM t_view;");
  add(kPartitioned, "CREATE VIEW pv AS SELECT id FROM p;");
  add(kView, "CREATE VIEW v AS SELECT id FROM t_view FOR UPDATE;");
  add(kView, "CREATE OR REPLACE VIEW t_view AS SELECT id, a, c, b FROM t;");
  add(kView, "DROP VIEW t_view;");
  add(kView, "ALTER VIEW t_view RENAME TO t_view2;");
  add(kView, "ALTER VIEW t_view RENAME COLUMN a TO a2;");
  add(kView, "DROP TABLE t;");
  add(kView, "DROP TABLE t CASCADE;");
  add(kView, "SELECT * FROM t_view;");
  add(kView, "COMMENT ON VIEW t_view IS 'v';");
  add(kTable, "CREATE MATERIALIZED VIEW mv AS SELECT id, a FROM t;");
  add(kMatview, "REFRESH MATERIALIZED VIEW t_mv;");
  add(kMatview, "REFRESH MATERIALIZED VIEW CONCURRENTLY t_mv;");
  add(kMatview, "DROP MATERIALIZED VIEW t_mv;");
  add(kTable, "CREATE TABLE t_copy AS SELECT * FROM t;");
  // Enums.
  add(kEnum, "ALTER TYPE mood ADD VALUE 'happy';");
  add(kEnum, "ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok';");
  add(kEnum, "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'ok';");
  add(kEnum, "ALTER TYPE mood RENAME VALUE 'sad' TO 'blue';");
  add(kEnum, "ALTER TABLE people ALTER COLUMN label TYPE mood USING label::mood;");
  add(kEnum, "ALTER TABLE people ALTER COLUMN m TYPE text;");
  add(kEnum, "CREATE TYPE size AS ENUM ('s', 'm');");
  // Other statements on tables that hold rows.
  add(kForeignKey, "TRUNCATE t;");
  add(kForeignKey, "TRUNCATE t CASCADE;");
  add(kForeignKey, "TRUNCATE r;");
  add(kForeignKey, "DROP TABLE t;");
  add(kForeignKey, "DROP TABLE r;");
  add(kForeignKey, "DROP TABLE t CASCADE;");
  add(kForeignKey, "CREATE TABLE s (id int PRIMARY KEY, t_id bigint REFERENCES t (id));");
  add(kTable, "CREATE TABLE s (LIKE t INCLUDING ALL);");
  add(kTable, "CREATE TABLE s (z int) INHERITS (t);");
  add(kForeignKey, "INSERT INTO r VALUES (1000, 1, 'x');");
  add(kForeignKey, "DELETE FROM r WHERE id = 5;");
  add(kForeignKey, "UPDATE t SET a = a + 1;");
  add(kForeignKey, "SELECT * FROM t WHERE id = 1 FOR UPDATE;");
  add(kTable, "COMMENT ON TABLE t IS 'x';");
  add(kTable, "COMMENT ON COLUMN t.a IS 'x';");
  add(kTrigger, "CREATE TRIGGER t_touch2 BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch();");
  add(kTrigger, "DROP TRIGGER t_touch ON t;");
  add(kTable, "VACUUM t;");
  add(kTable, "VACUUM FULL t;");
  add(kTable, "VACUUM (ANALYZE) t;");
  add(kTable, "ANALYZE t;");
  add(kTable, "CLUSTER t USING t_pkey;");
  add(kTable, "LOCK TABLE t IN SHARE MODE;");
  cases.push_back({kTable, "LOCK TABLE t IN SHARE MODE;", true});
  cases.push_back({kTable, "LOCK TABLE t IN ACCESS EXCLUSIVE MODE;", true});
  cases.push_back({kTable, "CREATE INDEX CONCURRENTLY t_g_idx ON t (g);", true});
  return cases;
}

// DROP ... CASCADE and its dependents, domains, and maintenance commands without a table list.
std::vector<MatrixCase> cascade_and_maintenance_cases() {
  std::vector<MatrixCase> cases;
  const auto add = [&](const std::string& setup, const std::string& review) { cases.push_back({setup, review}); };
  const std::string schema =
      kTable + "CREATE SCHEMA s;\nCREATE TABLE s.x (id int, v int);\n"
               "INSERT INTO s.x SELECT i, i FROM generate_series(1, 100) i;\n"
               "CREATE VIEW s.x_view AS SELECT id FROM s.x;\nCREATE VIEW outside AS SELECT v FROM s.x;\n";
  add(schema, "DROP SCHEMA s CASCADE;");
  add(schema, "DROP SCHEMA s;");  // not empty: fails
  const std::string typed = kEnum + "CREATE VIEW people_view AS SELECT id, m FROM people;\n";
  add(typed, "DROP TYPE mood CASCADE;");
  add(typed, "DROP TYPE mood;");
  const std::string domain =
      kTable + "CREATE DOMAIN positive AS int;\nCREATE TABLE amounts (id int, v positive);\n"
               "INSERT INTO amounts SELECT i, i FROM generate_series(1, 100) i;\n"
               "CREATE VIEW amounts_view AS SELECT id, v FROM amounts;\n";
  add(domain, "DROP DOMAIN positive CASCADE;");
  add(domain, "DROP DOMAIN positive;");
  add(domain, "ALTER DOMAIN positive ADD CONSTRAINT positive_check CHECK (VALUE > 0);");
  add(domain, "ALTER DOMAIN positive ADD CONSTRAINT positive_check CHECK (VALUE > 0) NOT VALID;");
  add(domain + "ALTER DOMAIN positive ADD CONSTRAINT positive_check CHECK (VALUE > 0) NOT VALID;\n",
      "ALTER DOMAIN positive VALIDATE CONSTRAINT positive_check;");
  add(domain, "ALTER DOMAIN positive SET NOT NULL;");
  const std::string sequence = kTable + "CREATE SEQUENCE t_seq;\nALTER TABLE t ALTER COLUMN g SET DEFAULT nextval('t_seq');\n";
  add(sequence, "DROP SEQUENCE t_seq CASCADE;");
  add(sequence, "DROP SEQUENCE t_seq;");
  add(kTrigger, "DROP FUNCTION touch() CASCADE;");
  add(kTrigger, "DROP FUNCTION touch();");
  const std::string view_chain = kView + "CREATE VIEW t_view2 AS SELECT id, a FROM t_view;\n"
                                         "CREATE VIEW t_view3 AS SELECT id FROM t_view2;\n";
  add(view_chain, "DROP VIEW t_view CASCADE;");
  add(view_chain, "DROP VIEW t_view;");
  add(view_chain, "ALTER TABLE t DROP COLUMN a CASCADE;");
  add(view_chain, "ALTER TABLE t DROP COLUMN a;");
  // Maintenance without a table list: every table (CLUSTER: every table clustered before).
  add(kTable + "CLUSTER t USING t_a_idx;\n", "CLUSTER;");
  add(kTable, "VACUUM FULL;");
  add(kTable, "VACUUM;");
  add(kTable, "ANALYZE;");
  add(kMatview, "VACUUM FULL;");  // the observer must hold the materialized view too
  add(kMatview, "VACUUM;");
  add(kMatview, "REFRESH MATERIALIZED VIEW t_mv WITH NO DATA;");
  add(kMatview, "REFRESH MATERIALIZED VIEW CONCURRENTLY t_mv;");
  return cases;
}

std::size_t matrix_size() {
  return alter_table_cases().size() + type_change_cases().size() + constraint_cases().size() + index_cases().size() +
         partition_view_enum_cases().size() + cascade_and_maintenance_cases().size();
}

void run_matrix(const std::vector<MatrixCase>& cases) {
  std::string error;
  ASSERT_NE(shared_cluster(error), nullptr) << "PostgreSQL 15 must start for the ground-truth tests: " << error;
  int observed = 0;
  for (const MatrixCase& c : cases) {
    const CaseRun run = run_case(c.setup, c.review, c.wrapped);
    ASSERT_TRUE(run.error.empty()) << c.review << ": " << run.error;
    for (const auto& e : run.result.errors) ADD_FAILURE() << c.review << ": " << e.message;
    for (const auto& w : run.result.warnings) ADD_FAILURE() << c.review << ": setup: " << w.message;
    bool any = false;
    for (const pgtrace::TracedStatement& s : run.result.statements) {
      if (s.observed.status == pgtrace::Observation::Status::skipped) continue;
      any = true;
      if (!s.differences.empty()) ADD_FAILURE() << "the effects model disagrees with PostgreSQL 15:\n" << shown(s);
    }
    EXPECT_TRUE(any) << c.review << ": nothing was observed";
    observed += any;
  }
  EXPECT_EQ(observed, static_cast<int>(cases.size()));
}

TEST(GroundTruth, MatrixHasAtLeast150Cases) { EXPECT_GE(matrix_size(), 150u); }

TEST(GroundTruth, AlterTableSubcommands) { run_matrix(alter_table_cases()); }
TEST(GroundTruth, ColumnTypeChanges) { run_matrix(type_change_cases()); }
TEST(GroundTruth, Constraints) { run_matrix(constraint_cases()); }
TEST(GroundTruth, Indexes) { run_matrix(index_cases()); }
TEST(GroundTruth, PartitionsViewsEnumsAndMore) { run_matrix(partition_view_enum_cases()); }
TEST(GroundTruth, CascadesDomainsAndMaintenance) { run_matrix(cascade_and_maintenance_cases()); }

// ---------------------------------------------------------------------------------------
// Every rule fixture (format: testdata/rules/README.md), as PostgreSQL 15.

struct Fixture {
  std::string history, review;
  bool wrapped = false;
  int pg_version = 15;
};

Fixture read_fixture(const fs::path& path) {
  Fixture f;
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> lines;
  std::string line;
  int marker = 0;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
    if (line.rfind("-- fixture: review", 0) == 0) marker = static_cast<int>(lines.size());
    if (line.rfind("-- fixture: wrap-in-transaction", 0) == 0) f.wrapped = true;
    if (line.rfind("-- fixture: pg-version ", 0) == 0) f.pg_version = std::atoi(line.c_str() + 23);
  }
  for (int i = 0; i < static_cast<int>(lines.size()); ++i) {
    const std::string& text = lines[static_cast<std::size_t>(i)];
    if (i + 1 < marker) f.history += text + "\n";
    f.review += (i + 1 > marker ? text : std::string()) + "\n";
  }
  return f;
}

TEST(GroundTruth, RuleFixtures) {
  std::string error;
  ASSERT_NE(shared_cluster(error), nullptr) << "PostgreSQL 15 must start for the ground-truth tests: " << error;
  std::vector<fs::path> files;
  for (const auto& dir : fs::directory_iterator(kFixtureRoot))
    if (dir.is_directory())
      for (const auto& file : fs::directory_iterator(dir.path()))
        if (file.path().extension() == ".sql") files.push_back(file.path());
  std::sort(files.begin(), files.end());
  int compared = 0, not_runnable = 0;
  for (const fs::path& path : files) {
    const Fixture fixture = read_fixture(path);
    if (fixture.pg_version != 15) continue;
    const std::string name = fs::relative(path, kFixtureRoot).string();
    const CaseRun run = run_case(fixture.history, fixture.review, fixture.wrapped);
    ASSERT_TRUE(run.error.empty()) << name << ": " << run.error;
    for (const auto& e : run.result.errors) ADD_FAILURE() << name << ": " << e.message;
    bool diverged = !run.result.warnings.empty();
    for (const pgtrace::TracedStatement& s : run.result.statements) {
      const auto& o = s.observed;
      if (o.status == pgtrace::Observation::Status::skipped) continue;
      // Fixtures are written for the linter, not for a server: they use tables they never
      // create (the model takes them to exist), parameters, other databases, and empty
      // tables where the model reasons about rows. Such a statement is not compared, and
      // neither is anything after the first one (the server's schema no longer matches).
      const bool server_refused = o.status == pgtrace::Observation::Status::failed && s.predicted.failures.empty();
      const bool needs_rows = o.status == pgtrace::Observation::Status::ran && !s.predicted.failures.empty();
      if (diverged || server_refused || needs_rows) {
        diverged = diverged || server_refused;
        ++not_runnable;
        continue;
      }
      ++compared;
      if (!s.differences.empty())
        ADD_FAILURE() << "testdata/rules/" << name << ":" << s.start.line
                      << ": the effects model disagrees with PostgreSQL 15:\n" << shown(s);
    }
  }
  std::cout << "[ ground truth ] " << compared << " fixture statements compared, " << not_runnable
            << " use objects their fixture never creates\n";
  EXPECT_GE(compared, 100);
}

}  // namespace
