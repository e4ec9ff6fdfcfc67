// Statement effects by PostgreSQL version: locks, rewrites, scans, transaction use and
// failures, against a schema model replayed from history. Each expectation was checked
// on PostgreSQL 15 (pg_locks, pg_class.relfilenode, pg_stat_xact_user_tables.seq_scan)
// where the version is 15; other versions follow the documentation.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "analyzer/cli/cli.h"

#include "analyzer/effects.h"
#include "analyzer/pg_catalog.h"
#include "analyzer/schema.h"
#include "analyzer/session.h"
#include "pgtrace/compare.h"

namespace analyzer {
namespace {

constexpr const char* kHistory = R"sql(
CREATE TABLE t (id int PRIMARY KEY, a varchar(10), ts timestamp NOT NULL, b int, c int, n numeric(10,2),
                ip cidr, tx text, ch char(5), o int, CONSTRAINT b_nn CHECK (b IS NOT NULL));
CREATE INDEX t_a_idx ON t (a);
CREATE INDEX t_ts_idx ON t (ts);
CREATE INDEX t_o_idx ON t (o);
ALTER TABLE t ADD CONSTRAINT c_nn CHECK (c IS NOT NULL) NOT VALID;
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (id int PRIMARY KEY, pid int REFERENCES p (id));
CREATE TABLE pc (id int PRIMARY KEY);
CREATE TABLE cc (id int, pid int REFERENCES pc (id) ON DELETE CASCADE);
CREATE TABLE w (id int, a varchar(10), s varchar(10) CHECK (length(s) > 0));
CREATE VIEW wv AS SELECT a FROM w;
CREATE TABLE pt (id int, v text) PARTITION BY RANGE (id);
CREATE TABLE pt_1 PARTITION OF pt FOR VALUES FROM (0) TO (100);
CREATE TABLE pt_def PARTITION OF pt DEFAULT;
CREATE TABLE pt_3 (id int, v text);
CREATE TABLE rp (id int, v text) PARTITION BY RANGE (id);
CREATE TABLE rp_1 PARTITION OF rp FOR VALUES FROM (0) TO (100);
CREATE TABLE rp_2 (id int, v text);
CREATE DOMAIN posint AS int CHECK (VALUE > 0);
CREATE DOMAIN nnint AS int NOT NULL;
CREATE DOMAIN plain_dom AS int;
CREATE TYPE mood AS ENUM ('a', 'b');
CREATE FUNCTION f_stable() RETURNS int LANGUAGE sql STABLE AS 'select 1';
CREATE FUNCTION f_vol() RETURNS int LANGUAGE sql AS 'select 1';
CREATE MATERIALIZED VIEW mv AS SELECT id FROM t;
CREATE TABLE e (id int NOT NULL);
CREATE UNIQUE INDEX e_idx ON e (id);
CREATE UNIQUE INDEX w_idx ON w (id);
CREATE UNLOGGED TABLE u (id int);
)sql";

struct Case {
  const char* name;
  int pg;
  const char* sql;       // statements under review; the effects of the last one are checked
  const char* locks;     // "relation:Mode ..." in order
  const char* rewrites;  // "relation ..."
  const char* scans;
  bool transactional = true;
  const char* failure = "";  // a substring of one failure; "" means no failure
  const char* note = "";     // a substring of one note
};

std::string join(const std::vector<QualifiedName>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : " ") + n.str();
  return out;
}

std::string join_locks(const Effects& e) {
  std::string out;
  for (const auto& l : e.locks)
    out += (out.empty() ? "" : " ") + l.relation.str() + ":" + std::string(lock_mode_name(l.mode));
  return out;
}

Effects effects_of(const std::string& history, const std::string& sql, int pg) {
  Schema schema;
  SessionState session;
  Effects last;
  const auto run = [&](const std::string& text, Origin::Kind kind, bool keep) {
    sqlparse::SourceText source("case.sql", text);
    const auto summary = sqlparse::parse_statements(source, [&](const sqlparse::Statement& st) {
      if (keep) last = compute_effects(st, schema, session, pg);
      Origin origin;
      origin.kind = kind;
      origin.batch = kind == Origin::Kind::under_review ? 0 : -1;
      schema.apply(st, origin, session.search_path);
      session.apply(st);
    });
    EXPECT_FALSE(summary.error) << summary.error->message;
  };
  run(history, Origin::Kind::history, false);
  run(sql, Origin::Kind::under_review, true);
  return last;
}

std::string describe(const Effects& e) {
  std::string out = "locks: " + join_locks(e) + "\nrewrites: " + join(e.rewrites) + "\nscans: " + join(e.scans) +
                    "\ntransactional: " + (e.transactional ? "yes" : "no");
  for (const auto& f : e.failures) out += "\nfailure: " + f;
  for (const auto& n : e.notes) out += "\nnote: " + n;
  return out;
}

void PrintTo(const Case& c, std::ostream* out) { *out << c.name; }

class EffectsTable : public ::testing::TestWithParam<Case> {};

TEST_P(EffectsTable, MatchesPostgres) {
  const Case& c = GetParam();
  const Effects e = effects_of(kHistory, c.sql, c.pg);
  SCOPED_TRACE(std::string(c.sql) + " (PostgreSQL " + std::to_string(c.pg) + ")\n" + describe(e));
  EXPECT_EQ(join_locks(e), c.locks);
  EXPECT_EQ(join(e.rewrites), c.rewrites);
  EXPECT_EQ(join(e.scans), c.scans);
  EXPECT_EQ(e.transactional, c.transactional);
  if (*c.failure) {
    bool found = false;
    for (const auto& f : e.failures) found = found || f.find(c.failure) != std::string::npos;
    EXPECT_TRUE(found) << "expected a failure mentioning: " << c.failure;
  } else {
    EXPECT_TRUE(e.failures.empty());
  }
  if (*c.note) {
    bool found = false;
    for (const auto& n : e.notes) found = found || n.find(c.note) != std::string::npos;
    EXPECT_TRUE(found) << "expected a note mentioning: " << c.note;
  }
}

constexpr const char* AEL = "public.t:AccessExclusiveLock";
constexpr const char* T = "public.t";

const Case kCases[] = {
    // ADD COLUMN: fast defaults (11+) for non-volatile defaults.
    {"add_nullable", 15, "ALTER TABLE t ADD COLUMN z int", AEL, "", ""},
    {"add_const_default", 15, "ALTER TABLE t ADD COLUMN z int DEFAULT 0", AEL, "", ""},
    {"add_const_default_pg11", 11, "ALTER TABLE t ADD COLUMN z int DEFAULT 0", AEL, "", ""},
    {"add_const_default_pg17", 17, "ALTER TABLE t ADD COLUMN z int DEFAULT 0", AEL, "", ""},
    {"add_now", 15, "ALTER TABLE t ADD COLUMN z timestamptz DEFAULT now()", AEL, "", ""},
    {"add_current_timestamp", 15, "ALTER TABLE t ADD COLUMN z timestamptz DEFAULT CURRENT_TIMESTAMP", AEL, "", ""},
    {"add_now_plus_interval", 15, "ALTER TABLE t ADD COLUMN z timestamptz DEFAULT now() + interval '1 day'", AEL, "", ""},
    {"add_clock_timestamp", 15, "ALTER TABLE t ADD COLUMN z timestamptz DEFAULT clock_timestamp()", AEL, T, T},
    {"add_random", 15, "ALTER TABLE t ADD COLUMN z float8 DEFAULT random()", AEL, T, T},
    {"add_gen_random_uuid", 15, "ALTER TABLE t ADD COLUMN z uuid DEFAULT gen_random_uuid()", AEL, T, T},
    {"add_gen_random_uuid_pg13", 13, "ALTER TABLE t ADD COLUMN z uuid DEFAULT pg_catalog.gen_random_uuid()", AEL, T, T},
    {"add_nextval", 15, "ALTER TABLE t ADD COLUMN z int8 DEFAULT nextval('s')", AEL, T, T},
    {"add_serial", 15, "ALTER TABLE t ADD COLUMN z serial", AEL, T, T, true, "", "nextval"},
    {"add_bigserial", 12, "ALTER TABLE t ADD COLUMN z bigserial", AEL, T, T},
    {"add_identity", 15, "ALTER TABLE t ADD COLUMN z int GENERATED ALWAYS AS IDENTITY", AEL, T, T},
    {"add_identity_by_default", 11, "ALTER TABLE t ADD COLUMN z int GENERATED BY DEFAULT AS IDENTITY", AEL, T, T},
    {"add_generated_stored", 15, "ALTER TABLE t ADD COLUMN z int GENERATED ALWAYS AS (id * 2) STORED", AEL, T, T},
    {"add_domain_check", 15, "ALTER TABLE t ADD COLUMN z posint", AEL, T, T, true, "", "posint"},
    {"add_domain_check_default", 15, "ALTER TABLE t ADD COLUMN z posint DEFAULT 1", AEL, T, T},
    {"add_domain_not_null", 15, "ALTER TABLE t ADD COLUMN z nnint DEFAULT 1", AEL, T, T},
    {"add_domain_plain", 15, "ALTER TABLE t ADD COLUMN z plain_dom DEFAULT 1", AEL, "", ""},
    {"add_user_stable", 15, "ALTER TABLE t ADD COLUMN z int DEFAULT f_stable()", AEL, "", ""},
    {"add_user_volatile", 15, "ALTER TABLE t ADD COLUMN z int DEFAULT f_vol()", AEL, T, T},
    {"add_unknown_function", 15, "ALTER TABLE t ADD COLUMN z uuid DEFAULT uuid_generate_v4()", AEL, T, T, true, "",
     "unknown function uuid_generate_v4"},
    {"add_lower_immutable", 15, "ALTER TABLE t ADD COLUMN z text DEFAULT lower('X')", AEL, "", ""},
    {"add_not_null_no_default", 15, "ALTER TABLE t ADD COLUMN z int NOT NULL", AEL, "", T, true, "has any rows"},
    {"add_not_null_default", 15, "ALTER TABLE t ADD COLUMN z int NOT NULL DEFAULT 0", AEL, "", ""},
    {"add_not_null_volatile", 15, "ALTER TABLE t ADD COLUMN z float8 NOT NULL DEFAULT random()", AEL, T, T},
    {"add_not_null_new_table", 15, "CREATE TABLE fresh (id int); ALTER TABLE fresh ADD COLUMN z int NOT NULL",
     "public.fresh:AccessExclusiveLock", "", "public.fresh"},
    {"add_check", 15, "ALTER TABLE t ADD COLUMN z int CHECK (z > 0)", AEL, "", T},
    {"add_default_check", 15, "ALTER TABLE t ADD COLUMN z int DEFAULT 1 CHECK (z > 0)", AEL, "", T},
    {"add_unique", 15, "ALTER TABLE t ADD COLUMN z int UNIQUE", AEL, "", T},
    {"add_references", 15, "ALTER TABLE t ADD COLUMN z int REFERENCES p (id)",
     "public.p:ShareRowExclusiveLock public.t:AccessExclusiveLock", "", ""},
    {"add_column_partitioned", 15, "ALTER TABLE pt ADD COLUMN z int",
     "public.pt:AccessExclusiveLock public.pt_1:AccessExclusiveLock public.pt_def:AccessExclusiveLock", "", ""},
    {"add_column_partitioned_volatile", 15, "ALTER TABLE pt ADD COLUMN z float8 DEFAULT random()",
     "public.pt:AccessExclusiveLock public.pt_1:AccessExclusiveLock public.pt_def:AccessExclusiveLock",
     "public.pt_1 public.pt_def", "public.pt_1 public.pt_def"},

    // ALTER COLUMN TYPE.
    {"varchar_widen", 15, "ALTER TABLE t ALTER COLUMN a TYPE varchar(20)", AEL, "", ""},
    {"varchar_unbounded", 15, "ALTER TABLE t ALTER COLUMN a TYPE varchar", AEL, "", ""},
    {"varchar_to_text", 15, "ALTER TABLE t ALTER COLUMN a TYPE text", AEL, "", ""},
    {"varchar_narrow", 15, "ALTER TABLE t ALTER COLUMN a TYPE varchar(5)", AEL, T, T},
    {"varchar_same_identity_using", 15, "ALTER TABLE t ALTER COLUMN a TYPE varchar(10) USING a", AEL, "", ""},
    {"varchar_using_expression", 15, "ALTER TABLE t ALTER COLUMN a TYPE varchar(10) USING lower(a)", AEL, T, T},
    {"text_to_varchar", 15, "ALTER TABLE t ALTER COLUMN tx TYPE varchar", AEL, "", ""},
    {"text_to_varchar_n", 15, "ALTER TABLE t ALTER COLUMN tx TYPE varchar(10)", AEL, T, T},
    {"numeric_widen", 15, "ALTER TABLE t ALTER COLUMN n TYPE numeric(12,2)", AEL, "", ""},
    {"numeric_unbounded", 15, "ALTER TABLE t ALTER COLUMN n TYPE numeric", AEL, "", ""},
    {"numeric_scale", 15, "ALTER TABLE t ALTER COLUMN n TYPE numeric(12,3)", AEL, T, T},
    {"numeric_narrow", 15, "ALTER TABLE t ALTER COLUMN n TYPE numeric(8,2)", AEL, T, T},
    {"cidr_to_inet", 15, "ALTER TABLE t ALTER COLUMN ip TYPE inet", AEL, "", ""},
    {"int_to_bigint", 15, "ALTER TABLE t ALTER COLUMN b TYPE bigint", AEL, T, T},
    {"int_to_text", 15, "ALTER TABLE t ALTER COLUMN c TYPE text", AEL, T, T},
    {"int_to_oid_index_rebuilt", 15, "ALTER TABLE t ALTER COLUMN o TYPE oid", AEL, "", T},
    {"char_widen_rewrites", 15, "ALTER TABLE t ALTER COLUMN ch TYPE char(10)", AEL, T, T},
    {"ts_to_tstz_default_zone", 15, "ALTER TABLE t ALTER COLUMN ts TYPE timestamptz", AEL, T, T, true, "", "UTC"},
    {"ts_to_tstz_utc", 15, "SET timezone = 'UTC'; ALTER TABLE t ALTER COLUMN ts TYPE timestamptz", AEL, "", T},
    {"ts_to_tstz_time_zone_utc", 12, "SET TIME ZONE 'Etc/UTC'; ALTER TABLE t ALTER COLUMN ts TYPE timestamptz", AEL, "", T},
    {"ts_to_tstz_paris", 15, "SET TIME ZONE 'Europe/Paris'; ALTER TABLE t ALTER COLUMN ts TYPE timestamptz", AEL, T, T},
    {"ts_to_tstz_utc_then_reset", 15, "SET timezone = 'UTC'; RESET timezone; ALTER TABLE t ALTER COLUMN ts TYPE timestamptz",
     AEL, T, T},
    {"check_on_column_scans", 15, "ALTER TABLE w ALTER COLUMN s TYPE varchar(30)", "public.w:AccessExclusiveLock", "",
     "public.w"},
    {"view_on_column_fails", 15, "ALTER TABLE w ALTER COLUMN a TYPE varchar(30)", "public.w:AccessExclusiveLock", "", "",
     true, "public.wv reads it"},
    {"view_on_other_column", 15, "ALTER TABLE w ALTER COLUMN id TYPE bigint", "public.w:AccessExclusiveLock", "public.w",
     "public.w"},
    {"matview_on_column_fails", 15, "ALTER TABLE t ALTER COLUMN id TYPE bigint", AEL, T, T, true, "public.mv reads it"},
    {"domain_with_check_target", 15, "ALTER TABLE t ALTER COLUMN b TYPE posint", AEL, T, T},
    {"domain_plain_target_not_valid_check", 15, "ALTER TABLE t ALTER COLUMN c TYPE plain_dom", AEL, "", ""},
    {"domain_plain_target_valid_check", 15, "ALTER TABLE t ALTER COLUMN b TYPE plain_dom", AEL, "", T},
    {"fk_column_type", 15, "ALTER TABLE c ALTER COLUMN pid TYPE bigint",
     "public.p:AccessExclusiveLock public.c:AccessExclusiveLock", "public.c", "public.c public.p"},
    {"unknown_column_type", 15, "ALTER TABLE t ALTER COLUMN nope TYPE text", AEL, T, T, true, "", "unknown"},

    // NOT NULL.
    {"set_not_null", 15, "ALTER TABLE t ALTER COLUMN a SET NOT NULL", AEL, "", T},
    {"set_not_null_checked_12", 12, "ALTER TABLE t ALTER COLUMN b SET NOT NULL", AEL, "", "", true, "", "b_nn"},
    {"set_not_null_checked_15", 15, "ALTER TABLE t ALTER COLUMN b SET NOT NULL", AEL, "", ""},
    {"set_not_null_checked_11", 11, "ALTER TABLE t ALTER COLUMN b SET NOT NULL", AEL, "", T},
    {"set_not_null_not_valid_check", 15, "ALTER TABLE t ALTER COLUMN c SET NOT NULL", AEL, "", T},
    {"set_not_null_after_validate", 15,
     "ALTER TABLE t VALIDATE CONSTRAINT c_nn; ALTER TABLE t ALTER COLUMN c SET NOT NULL", AEL, "", ""},
    {"set_not_null_already", 15, "ALTER TABLE t ALTER COLUMN ts SET NOT NULL", AEL, "", ""},
    {"set_not_null_partitioned", 15, "ALTER TABLE pt ALTER COLUMN v SET NOT NULL",
     "public.pt:AccessExclusiveLock public.pt_1:AccessExclusiveLock public.pt_def:AccessExclusiveLock", "",
     "public.pt_1 public.pt_def"},
    {"drop_not_null", 15, "ALTER TABLE t ALTER COLUMN ts DROP NOT NULL", AEL, "", ""},
    {"set_default", 15, "ALTER TABLE t ALTER COLUMN a SET DEFAULT 'y'", AEL, "", ""},
    {"set_default_volatile", 15, "ALTER TABLE t ALTER COLUMN b SET DEFAULT f_vol()", AEL, "", ""},
    {"drop_default", 15, "ALTER TABLE t ALTER COLUMN a DROP DEFAULT", AEL, "", ""},

    // Constraints.
    {"add_check_constraint", 15, "ALTER TABLE t ADD CONSTRAINT k CHECK (id > 0)", AEL, "", T},
    {"add_check_not_valid", 15, "ALTER TABLE t ADD CONSTRAINT k CHECK (id > 0) NOT VALID", AEL, "", ""},
    {"add_check_partitioned", 15, "ALTER TABLE pt ADD CONSTRAINT k CHECK (id > -1)",
     "public.pt:AccessExclusiveLock public.pt_1:AccessExclusiveLock public.pt_def:AccessExclusiveLock", "",
     "public.pt_1 public.pt_def"},
    {"add_fk", 15, "ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (b) REFERENCES p (id)",
     "public.p:ShareRowExclusiveLock public.t:ShareRowExclusiveLock", "", "public.t", true, "",
     "reads all of public.p depends on the plan"},
    {"add_fk_not_valid", 15, "ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (b) REFERENCES p (id) NOT VALID",
     "public.p:ShareRowExclusiveLock public.t:ShareRowExclusiveLock", "", ""},
    {"add_fk_pg11", 11, "ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (b) REFERENCES p (id) NOT VALID",
     "public.p:ShareRowExclusiveLock public.t:ShareRowExclusiveLock", "", ""},
    {"validate_check", 15, "ALTER TABLE t VALIDATE CONSTRAINT c_nn", "public.t:ShareUpdateExclusiveLock", "", T},
    {"validate_fk", 15,
     "ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (b) REFERENCES p (id) NOT VALID; ALTER TABLE t VALIDATE CONSTRAINT fk",
     "public.p:RowShareLock public.t:ShareUpdateExclusiveLock", "", "public.t", true, "",
     "reads all of public.p depends on the plan"},
    {"validate_already_valid", 15, "ALTER TABLE t VALIDATE CONSTRAINT b_nn", "public.t:ShareUpdateExclusiveLock", "", ""},
    {"add_unique_constraint", 15, "ALTER TABLE t ADD CONSTRAINT u UNIQUE (a)", AEL, "", T},
    {"add_exclusion", 15, "ALTER TABLE t ADD CONSTRAINT ex EXCLUDE USING btree (id WITH =)", AEL, "", T},
    {"add_pk_using_index", 15, "ALTER TABLE e ADD PRIMARY KEY USING INDEX e_idx", "public.e:AccessExclusiveLock", "", ""},
    {"add_pk_using_index_nullable", 15, "ALTER TABLE w ADD PRIMARY KEY USING INDEX w_idx",
     "public.w:AccessExclusiveLock", "", "public.w"},
    {"add_unique_using_index", 15, "ALTER TABLE w ADD CONSTRAINT wu UNIQUE USING INDEX w_idx",
     "public.w:AccessExclusiveLock", "", ""},
    {"add_pk_nullable", 15, "ALTER TABLE w ADD PRIMARY KEY (id)", "public.w:AccessExclusiveLock", "", "public.w"},
    {"drop_check_constraint", 15, "ALTER TABLE t DROP CONSTRAINT b_nn", AEL, "", ""},
    {"drop_fk_constraint", 15, "ALTER TABLE c DROP CONSTRAINT c_pid_fkey",
     "public.p:AccessExclusiveLock public.c:AccessExclusiveLock", "", ""},

    // Partitions.
    {"attach_12", 12, "ALTER TABLE pt ATTACH PARTITION pt_3 FOR VALUES FROM (200) TO (300)",
     "public.pt_3:AccessExclusiveLock public.pt_def:AccessExclusiveLock public.pt:ShareUpdateExclusiveLock", "",
     "public.pt_3 public.pt_def"},
    {"attach_11", 11, "ALTER TABLE pt ATTACH PARTITION pt_3 FOR VALUES FROM (200) TO (300)",
     "public.pt_3:AccessExclusiveLock public.pt_def:AccessExclusiveLock public.pt:AccessExclusiveLock", "",
     "public.pt_3 public.pt_def"},
    {"attach_no_default", 15, "ALTER TABLE rp ATTACH PARTITION rp_2 FOR VALUES FROM (100) TO (200)",
     "public.rp_2:AccessExclusiveLock public.rp:ShareUpdateExclusiveLock", "", "public.rp_2"},
    {"detach", 15, "ALTER TABLE pt DETACH PARTITION pt_1",
     "public.pt_1:AccessExclusiveLock public.pt_def:AccessExclusiveLock public.pt:AccessExclusiveLock", "", ""},
    {"detach_concurrently_14", 14, "ALTER TABLE rp DETACH PARTITION rp_1 CONCURRENTLY",
     "public.rp_1:ShareUpdateExclusiveLock public.rp:ShareUpdateExclusiveLock", "", "", false},
    {"detach_concurrently_13", 13, "ALTER TABLE rp DETACH PARTITION rp_1 CONCURRENTLY",
     "public.rp_1:ShareUpdateExclusiveLock public.rp:ShareUpdateExclusiveLock", "", "", false, "needs PostgreSQL 14"},
    {"detach_concurrently_default", 15, "ALTER TABLE pt DETACH PARTITION pt_1 CONCURRENTLY",
     "public.pt_1:ShareUpdateExclusiveLock public.pt:ShareUpdateExclusiveLock", "", "", false, "default partition"},
    {"detach_concurrently_in_tx", 15, "BEGIN; ALTER TABLE rp DETACH PARTITION rp_1 CONCURRENTLY",
     "public.rp_1:ShareUpdateExclusiveLock public.rp:ShareUpdateExclusiveLock", "", "", false, "transaction block"},
    {"create_partition_with_default", 15, "CREATE TABLE pt_2 PARTITION OF pt FOR VALUES FROM (100) TO (200)",
     "public.pt:AccessExclusiveLock public.pt_def:AccessExclusiveLock", "", "public.pt_def"},
    {"create_partition", 15, "CREATE TABLE rp_9 PARTITION OF rp FOR VALUES FROM (900) TO (1000)",
     "public.rp:AccessExclusiveLock", "", ""},

    // Indexes.
    {"create_index", 15, "CREATE INDEX i ON t (a, id)", "public.t:ShareLock", "", T},
    {"create_index_concurrently", 15, "CREATE INDEX CONCURRENTLY i ON t (a)", "public.t:ShareUpdateExclusiveLock", "", T,
     false},
    {"create_index_concurrently_in_tx", 15, "BEGIN; CREATE INDEX CONCURRENTLY i ON t (a)",
     "public.t:ShareUpdateExclusiveLock", "", T, false, "transaction block"},
    {"create_index_partitioned", 15, "CREATE INDEX i ON pt (v)",
     "public.pt:ShareLock public.pt_1:ShareLock public.pt_def:ShareLock", "", "public.pt_1 public.pt_def"},
    {"create_index_concurrently_partitioned", 15, "CREATE INDEX CONCURRENTLY i ON pt (v)",
     "public.pt:ShareUpdateExclusiveLock public.pt_1:ShareUpdateExclusiveLock public.pt_def:ShareUpdateExclusiveLock", "",
     "public.pt_1 public.pt_def", false, "partitioned"},
    {"create_index_new_table", 15, "CREATE TABLE fresh (id int); CREATE INDEX i ON fresh (id)",
     "public.fresh:ShareLock", "", "public.fresh"},
    {"drop_index", 15, "DROP INDEX t_a_idx", AEL, "", ""},
    {"drop_index_concurrently", 15, "DROP INDEX CONCURRENTLY t_a_idx", "public.t:ShareUpdateExclusiveLock", "", "", false},
    {"rename_index_12", 12, "ALTER INDEX t_a_idx RENAME TO t_a_idx2", "public.t_a_idx:ShareUpdateExclusiveLock", "", ""},
    {"rename_index_11", 11, "ALTER INDEX t_a_idx RENAME TO t_a_idx2", "public.t_a_idx:AccessExclusiveLock", "", ""},
    {"alter_index_set", 15, "ALTER INDEX t_a_idx SET (fillfactor = 50)", "public.t_a_idx:ShareUpdateExclusiveLock", "", ""},
    {"reindex_table", 15, "REINDEX TABLE t", "public.t:ShareLock", "", T},
    {"reindex_index", 15, "REINDEX INDEX t_a_idx", "public.t:ShareLock", "", T},
    {"reindex_concurrently", 15, "REINDEX TABLE CONCURRENTLY t", "public.t:ShareUpdateExclusiveLock", "", T, false},

    // Other ALTER TABLE forms.
    {"create_trigger", 15, "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION trg()",
     "public.t:ShareRowExclusiveLock", "", ""},
    {"disable_trigger", 15, "ALTER TABLE t DISABLE TRIGGER ALL", "public.t:ShareRowExclusiveLock", "", ""},
    {"set_fillfactor", 15, "ALTER TABLE t SET (fillfactor = 70)", "public.t:ShareUpdateExclusiveLock", "", ""},
    {"reset_fillfactor", 15, "ALTER TABLE t RESET (fillfactor)", "public.t:ShareUpdateExclusiveLock", "", ""},
    {"set_statistics", 15, "ALTER TABLE t ALTER COLUMN a SET STATISTICS 500", "public.t:ShareUpdateExclusiveLock", "", ""},
    {"set_statistics_partitioned", 15, "ALTER TABLE pt ALTER COLUMN v SET STATISTICS 100",
     "public.pt:ShareUpdateExclusiveLock public.pt_1:ShareUpdateExclusiveLock public.pt_def:ShareUpdateExclusiveLock", "",
     ""},
    {"set_column_options", 15, "ALTER TABLE t ALTER COLUMN a SET (n_distinct = 10)", "public.t:ShareUpdateExclusiveLock",
     "", ""},
    {"set_storage", 15, "ALTER TABLE t ALTER COLUMN a SET STORAGE EXTERNAL", AEL, "", ""},
    {"cluster_on", 15, "ALTER TABLE t CLUSTER ON t_pkey", "public.t:ShareUpdateExclusiveLock", "", ""},
    {"mixed_subcommands", 15, "ALTER TABLE t SET (fillfactor = 70), ALTER COLUMN a SET NOT NULL", AEL, "", T},
    {"replica_identity", 15, "ALTER TABLE t REPLICA IDENTITY FULL", AEL, "", ""},
    {"owner", 15, "ALTER TABLE t OWNER TO postgres", AEL, "", ""},
    {"set_unlogged", 15, "ALTER TABLE e SET UNLOGGED", "public.e:AccessExclusiveLock", "public.e", "public.e"},
    {"set_logged", 15, "ALTER TABLE u SET LOGGED", "public.u:AccessExclusiveLock", "public.u", "public.u"},
    {"set_unlogged_already", 15, "ALTER TABLE u SET UNLOGGED", "public.u:AccessExclusiveLock", "", ""},
    {"set_tablespace", 15, "ALTER TABLE t SET TABLESPACE fast", AEL, T, T},
    {"drop_column", 15, "ALTER TABLE t DROP COLUMN tx", AEL, "", ""},
    {"drop_column_indexed", 15, "ALTER TABLE t DROP COLUMN a", AEL, "", ""},
    {"drop_column_view", 15, "ALTER TABLE w DROP COLUMN a", "public.w:AccessExclusiveLock", "", "", true,
     "public.wv reads it"},
    {"drop_column_view_cascade", 15, "ALTER TABLE w DROP COLUMN a CASCADE",
     "public.wv:AccessExclusiveLock public.w:AccessExclusiveLock", "", ""},
    {"drop_column_fk", 15, "ALTER TABLE c DROP COLUMN pid", "public.p:AccessExclusiveLock public.c:AccessExclusiveLock",
     "", ""},
    {"rename_table", 15, "ALTER TABLE t RENAME TO t2", AEL, "", ""},
    {"rename_column", 15, "ALTER TABLE t RENAME COLUMN ts TO ts2", AEL, "", ""},
    {"rename_constraint", 15, "ALTER TABLE t RENAME CONSTRAINT b_nn TO b_nn2", AEL, "", ""},
    {"set_schema", 15, "ALTER TABLE t SET SCHEMA other", AEL, "", ""},

    // Whole-table commands.
    {"vacuum_full", 15, "VACUUM FULL t", AEL, T, T, false},
    {"vacuum", 15, "VACUUM t", "public.t:ShareUpdateExclusiveLock", "", "", false},
    {"analyze", 15, "ANALYZE t", "public.t:ShareUpdateExclusiveLock", "", ""},
    {"cluster", 15, "CLUSTER t USING t_pkey", AEL, T, T},
    {"truncate", 15, "TRUNCATE e", "public.e:AccessExclusiveLock", "public.e", ""},
    {"truncate_referenced", 15, "TRUNCATE p", "public.p:AccessExclusiveLock", "public.p", "", true, "c_pid_fkey"},
    {"truncate_cascade", 15, "TRUNCATE p CASCADE", "public.p:AccessExclusiveLock public.c:AccessExclusiveLock",
     "public.p public.c", ""},
    {"truncate_partitioned", 15, "TRUNCATE pt",
     "public.pt:AccessExclusiveLock public.pt_1:AccessExclusiveLock public.pt_def:AccessExclusiveLock",
     "public.pt_1 public.pt_def", ""},
    {"refresh_matview", 15, "REFRESH MATERIALIZED VIEW mv", "public.mv:AccessExclusiveLock public.t:AccessShareLock",
     "public.mv", T},
    {"refresh_matview_concurrently", 15, "REFRESH MATERIALIZED VIEW CONCURRENTLY mv",
     "public.mv:ExclusiveLock public.t:AccessShareLock", "", "public.t public.mv", true, "needs a unique index"},
    {"lock_default", 15, "BEGIN; LOCK TABLE t", AEL, "", ""},
    {"lock_share", 15, "BEGIN; LOCK TABLE t IN SHARE MODE", "public.t:ShareLock", "", ""},
    {"lock_row_exclusive", 15, "BEGIN; LOCK t IN ROW EXCLUSIVE MODE", "public.t:RowExclusiveLock", "", ""},
    {"lock_view", 15, "BEGIN; LOCK TABLE wv IN SHARE MODE", "public.wv:ShareLock public.w:ShareLock", "", ""},
    {"lock_partitioned", 15, "BEGIN; LOCK TABLE pt IN SHARE MODE",
     "public.pt:ShareLock public.pt_1:ShareLock public.pt_def:ShareLock", "", ""},
    {"lock_only", 15, "BEGIN; LOCK TABLE ONLY pt IN SHARE MODE", "public.pt:ShareLock", "", ""},
    {"lock_outside_transaction", 15, "LOCK TABLE t", AEL, "", "", true, "transaction block"},
    {"drop_table", 15, "DROP TABLE e", "public.e:AccessExclusiveLock", "", ""},
    {"drop_table_with_fk", 15, "DROP TABLE c", "public.c:AccessExclusiveLock public.p:AccessExclusiveLock", "", ""},
    {"drop_table_referenced", 15, "DROP TABLE p", "public.p:AccessExclusiveLock", "", "", true, "needs CASCADE"},
    {"drop_table_view", 15, "DROP TABLE w", "public.w:AccessExclusiveLock", "", "", true, "public.wv reads it"},
    {"drop_view", 15, "DROP VIEW wv", "public.wv:AccessExclusiveLock", "", ""},
    {"drop_table_if_exists_missing", 15, "DROP TABLE IF EXISTS nothing_here", "", "", ""},

    // Enums.
    {"enum_add_value_11", 11, "ALTER TYPE mood ADD VALUE 'c'", "", "", "", false},
    {"enum_add_value_11_in_tx", 11, "BEGIN; ALTER TYPE mood ADD VALUE 'c'", "", "", "", false, "transaction block"},
    {"enum_add_value_12_in_tx", 12, "BEGIN; ALTER TYPE mood ADD VALUE 'c'", "", "", "", true, "", "commits"},
    {"enum_rename_value", 11, "ALTER TYPE mood RENAME VALUE 'a' TO 'aa'", "", "", ""},

    // DML and queries.
    {"select", 15, "SELECT * FROM t JOIN p ON true", "public.t:AccessShareLock public.p:AccessShareLock", "", ""},
    {"select_view", 15, "SELECT * FROM wv", "public.wv:AccessShareLock public.w:AccessShareLock", "", ""},
    {"select_partitioned", 15, "SELECT count(*) FROM pt",
     "public.pt:AccessShareLock public.pt_1:AccessShareLock public.pt_def:AccessShareLock", "", ""},
    {"select_for_update", 15, "SELECT * FROM t FOR UPDATE", "public.t:RowShareLock", "", ""},
    {"select_cte", 15, "WITH x AS (SELECT id FROM p) SELECT * FROM x", "public.p:AccessShareLock", "", ""},
    {"select_constant", 15, "SELECT 1", "", "", ""},
    {"insert", 15, "INSERT INTO e VALUES (1)", "public.e:RowExclusiveLock", "", ""},
    {"insert_fk", 15, "INSERT INTO c VALUES (2, 2)", "public.c:RowExclusiveLock public.p:RowShareLock", "", ""},
    {"insert_select", 15, "INSERT INTO e SELECT id FROM p", "public.e:RowExclusiveLock public.p:AccessShareLock", "", ""},
    {"update_fk_column", 15, "UPDATE c SET pid = 3", "public.c:RowExclusiveLock public.p:RowShareLock", "", ""},
    {"update_other_column", 15, "UPDATE c SET id = id + 1", "public.c:RowExclusiveLock", "", ""},
    {"update_from", 15, "UPDATE t SET b = 1 FROM p WHERE p.id = t.id",
     "public.t:RowExclusiveLock public.p:AccessShareLock", "", ""},
    {"delete_referenced", 15, "DELETE FROM p WHERE id = 10", "public.p:RowExclusiveLock public.c:RowShareLock", "", ""},
    {"delete_cascade", 15, "DELETE FROM pc", "public.pc:RowExclusiveLock public.cc:RowExclusiveLock", "", ""},
    {"comment_table", 15, "COMMENT ON TABLE t IS 'x'", "public.t:ShareUpdateExclusiveLock", "", ""},
    {"comment_column", 15, "COMMENT ON COLUMN t.a IS 'x'", "public.t:ShareUpdateExclusiveLock", "", ""},

    // Creating.
    {"create_table_fk", 15, "CREATE TABLE c2 (id int, pid int REFERENCES p (id))", "public.p:ShareRowExclusiveLock", "",
     ""},
    {"create_table_like", 15, "CREATE TABLE l (LIKE t)", "public.t:AccessShareLock", "", ""},
    {"create_table_inherits", 15, "CREATE TABLE ch () INHERITS (e)", "public.e:ShareUpdateExclusiveLock", "", ""},
    {"create_view", 15, "CREATE VIEW v2 AS SELECT * FROM t", "public.t:AccessShareLock", "", ""},
    {"create_matview", 15, "CREATE MATERIALIZED VIEW m2 AS SELECT * FROM t", "public.t:AccessShareLock", "", ""},
    // CREATE VIEW only analyses its query: the relations it names, not what is behind them.
    {"create_view_over_view", 15, "CREATE VIEW v2 AS SELECT a FROM wv", "public.wv:AccessShareLock", "", ""},
    {"create_view_over_partitioned", 15, "CREATE VIEW v2 AS SELECT id FROM pt", "public.pt:AccessShareLock", "", ""},
    {"create_matview_over_view", 15, "CREATE MATERIALIZED VIEW m2 AS SELECT a FROM wv",
     "public.wv:AccessShareLock public.w:AccessShareLock", "", ""},
    {"create_table_self_reference", 15, "CREATE TABLE tree (id int PRIMARY KEY, parent int REFERENCES tree (id))", "",
     "", ""},
};

INSTANTIATE_TEST_SUITE_P(Statements, EffectsTable, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

TEST(EffectsCatalog, VolatilityComesFromPgProc) {
  using pg_catalog::function_volatility;
  EXPECT_EQ(function_volatility("now", 0), Volatility::stable);
  EXPECT_EQ(function_volatility("pg_catalog.clock_timestamp", 0), Volatility::volatile_);
  EXPECT_EQ(function_volatility("random", 0), Volatility::volatile_);
  EXPECT_EQ(function_volatility("gen_random_uuid", 0), Volatility::volatile_);
  EXPECT_EQ(function_volatility("nextval", 1), Volatility::volatile_);
  EXPECT_EQ(function_volatility("lower", 1), Volatility::immutable);
  EXPECT_FALSE(function_volatility("uuid_generate_v4", 0)) << "an extension's function is not in a fresh catalogue";
  EXPECT_GE(pg_catalog::source_version(), 150000);
}

TEST(EffectsCatalog, CastsAndTypeNames) {
  EXPECT_TRUE(pg_catalog::binary_coercible("varchar", "text"));
  EXPECT_TRUE(pg_catalog::binary_coercible("cidr", "inet"));
  EXPECT_FALSE(pg_catalog::binary_coercible("inet", "cidr"));
  EXPECT_FALSE(pg_catalog::binary_coercible("int4", "int8"));
  EXPECT_EQ(pg_catalog::canonical_type("integer"), "int4");
  EXPECT_EQ(pg_catalog::canonical_type("character varying"), "varchar");
  EXPECT_EQ(pg_catalog::canonical_type("bigserial"), "int8");
  EXPECT_EQ(pg_catalog::canonical_type("mood"), "mood");
}

TEST(EffectsIndexes, RebuiltIndexesAreListed) {
  Effects e = effects_of(kHistory, "SET timezone = 'UTC'; ALTER TABLE t ALTER COLUMN ts TYPE timestamptz", 15);
  EXPECT_EQ(join(e.rebuilt_indexes), "public.t_ts_idx") << "only the index on the column gets new storage";
  e = effects_of(kHistory, "ALTER TABLE t ALTER COLUMN a TYPE text", 15);
  EXPECT_TRUE(e.rebuilt_indexes.empty()) << "varchar and text share text_ops: the index is kept";
  e = effects_of(kHistory, "ALTER TABLE t ALTER COLUMN b TYPE bigint", 15);
  EXPECT_EQ(e.rebuilt_indexes.size(), 4u) << "a rewrite rebuilds every index of the table";
}

TEST(EffectsWords, LockDescriptions) {
  EXPECT_EQ(lock_blocks_description(LockMode::AccessExclusive), "blocks reads and writes");
  EXPECT_EQ(lock_blocks_description(LockMode::Share), "blocks writes");
  EXPECT_TRUE(blocks_writes(LockMode::ShareRowExclusive));
  EXPECT_FALSE(blocks_writes(LockMode::ShareUpdateExclusive));
  EXPECT_TRUE(blocks_reads(LockMode::AccessExclusive));
  EXPECT_FALSE(blocks_reads(LockMode::Exclusive));
}

TEST(SessionTimezone, SetAndReset) {
  Schema schema;
  SessionState session;
  sqlparse::SourceText source("tz.sql",
                              "SET timezone = 'UTC'; BEGIN; SET LOCAL TIME ZONE 'Europe/Paris'; COMMIT; SET TIME ZONE DEFAULT;");
  std::vector<bool> utc;
  sqlparse::parse_statements(source, [&](const sqlparse::Statement& st) {
    session.apply(st);
    utc.push_back(session.timezone_is_utc());
  });
  EXPECT_EQ(utc, (std::vector<bool>{true, true, false, true, false}));
}

// `lint --show-effects`: the lock report in the text output.
TEST(LockReport, ShowEffectsPrintsLocksInPlainWords) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("sg_effects_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "001_init.sql") << "CREATE TABLE users (id bigint PRIMARY KEY, email varchar(50));\n"
                                          "CREATE TABLE orders (id bigint, user_id bigint);\n";
  std::ofstream(dir / "002_change.sql") << "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();\n"
                                            "CREATE INDEX orders_user ON orders (user_id);\n"
                                            "CREATE INDEX CONCURRENTLY o2 ON orders (id);\n";
  const std::string review = (dir / "002_change.sql").string();
  std::ostringstream out, err;
  cli::run({"lint", "--show-effects", "--color", "never", "--migrations", dir.string(), review}, out, err);
  const std::string text = out.str();
  EXPECT_NE(text.find(review + ":1:1: effects: ALTER TABLE users ADD COLUMN token"), std::string::npos) << text;
  EXPECT_NE(text.find("AccessExclusiveLock on public.users: blocks reads and writes"), std::string::npos) << text;
  EXPECT_NE(text.find("rewrites public.users"), std::string::npos) << text;
  EXPECT_NE(text.find("ShareLock on public.orders: blocks writes"), std::string::npos) << text;
  EXPECT_NE(text.find("cannot run inside a transaction block"), std::string::npos) << text;

  std::ostringstream plain, plain_err;
  cli::run({"lint", "--color", "never", "--migrations", dir.string(), review}, plain, plain_err);
  EXPECT_EQ(plain.str().find("effects:"), std::string::npos) << "the report is printed only when asked for";
  std::filesystem::remove_all(dir);
}


// ---------------------------------------------------------------------------------------
// Checked against PostgreSQL 15 by tests/ground_truth_test.cpp (matrix cases of the same
// statements): locks of INHERIT / NO INHERIT, index ATTACH PARTITION, IF [NOT] EXISTS on
// indexes, ONLY ... ADD COLUMN, INSERT routing, foreign-key validation scans.

constexpr const char* kRoutingHistory = R"sql(
CREATE TABLE parent_t (a int);
CREATE TABLE kid (a int) INHERITS (parent_t);
CREATE TABLE m (id int, at date, v int) PARTITION BY RANGE (at);
CREATE TABLE m_2023 PARTITION OF m FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX m_v ON ONLY m (v);
CREATE INDEX m_2023_v ON m_2023 (v);
CREATE TABLE l (id int, region text, at timestamp) PARTITION BY LIST (region);
CREATE TABLE l_eu PARTITION OF l FOR VALUES IN ('eu', 'uk');
CREATE TABLE l_us PARTITION OF l FOR VALUES IN ('us') PARTITION BY RANGE (at);
CREATE TABLE l_us_old PARTITION OF l_us FOR VALUES FROM (MINVALUE) TO ('2024-01-01');
CREATE TABLE l_us_new PARTITION OF l_us FOR VALUES FROM ('2024-01-01') TO (MAXVALUE);
CREATE TABLE l_null PARTITION OF l FOR VALUES IN (NULL);
CREATE TABLE hp (id int) PARTITION BY HASH (id);
CREATE TABLE hp_0 PARTITION OF hp FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE hp_1 PARTITION OF hp FOR VALUES WITH (MODULUS 2, REMAINDER 1);
)sql";

std::string join_possible_locks(const Effects& e) {
  std::string out;
  for (const auto& l : e.possible_locks)
    out += (out.empty() ? "" : " ") + l.relation.str() + ":" + std::string(lock_mode_name(l.mode));
  return out;
}

bool has_note(const Effects& e, std::string_view text) {
  for (const std::string& n : e.notes)
    if (n.find(text) != std::string::npos) return true;
  return false;
}

TEST(EffectsInheritance, InheritLocksTheNewParentAndNoInheritReadsTheOld) {
  const std::string history = std::string(kRoutingHistory) + "CREATE TABLE loose (a int);\n";
  Effects e = effects_of(history, "ALTER TABLE loose INHERIT parent_t", 15);
  EXPECT_EQ(join_locks(e), "public.parent_t:ShareUpdateExclusiveLock public.loose:AccessExclusiveLock");
  e = effects_of(history, "ALTER TABLE kid NO INHERIT parent_t", 15);
  EXPECT_EQ(join_locks(e), "public.parent_t:AccessShareLock public.kid:AccessExclusiveLock");
}

TEST(EffectsKeys, ReaddedKeyTakesTheDroppedIndexName) {
  // The name is chosen when the ADD runs, after the DROP: the index called t_pkey is new.
  Effects e = effects_of(kHistory, "ALTER TABLE t DROP CONSTRAINT t_pkey, ADD PRIMARY KEY (id, b)", 15);
  EXPECT_EQ(join(e.rebuilt_indexes), "public.t_pkey");
  EXPECT_EQ(join(e.scans), "public.t");
  e = effects_of(kHistory, "ALTER TABLE t DROP CONSTRAINT t_pkey, ADD CONSTRAINT t_pk PRIMARY KEY (id, b)", 15);
  EXPECT_EQ(join(e.rebuilt_indexes), "") << "a key of another name leaves no index of the old name";
  e = effects_of(std::string(kHistory) + "ALTER TABLE t ADD CONSTRAINT t_o_key UNIQUE (o);\n",
                 "ALTER TABLE t DROP CONSTRAINT t_o_key, ADD UNIQUE (o)", 15);
  EXPECT_EQ(join(e.rebuilt_indexes), "public.t_o_key") << "the default name table_column_key";
}

TEST(EffectsIndexes, IfNotExistsOnAnExistingIndexBuildsNothing) {
  Effects e = effects_of(kHistory, "CREATE INDEX IF NOT EXISTS t_a_idx ON t (a)", 15);
  EXPECT_EQ(join_locks(e), "public.t:ShareLock") << "the table is locked before the name is checked";
  EXPECT_EQ(join(e.scans), "");
  EXPECT_TRUE(has_note(e, "IF NOT EXISTS builds nothing"));
  e = effects_of(kHistory, "CREATE INDEX IF NOT EXISTS t_b_idx ON t (b)", 15);
  EXPECT_EQ(join(e.scans), "public.t");
  e = effects_of(kHistory, "CREATE INDEX CONCURRENTLY IF NOT EXISTS t_a_idx ON t (a)", 15);
  EXPECT_EQ(join(e.scans), "");
  EXPECT_FALSE(e.transactional) << "CONCURRENTLY still cannot run in a transaction block";
}

TEST(EffectsIndexes, IfExistsOnAMissingIndexLocksNothing) {
  Effects e = effects_of(kHistory, "ALTER INDEX IF EXISTS t_zz RENAME TO t_yy", 15);
  EXPECT_EQ(join_locks(e), "");
  e = effects_of(kHistory, "ALTER INDEX IF EXISTS t_zz SET (fillfactor = 80)", 15);
  EXPECT_EQ(join_locks(e), "");
  e = effects_of(kHistory, "ALTER INDEX IF EXISTS t_a_idx RENAME TO t_a2", 15);
  EXPECT_EQ(join_locks(e), "public.t_a_idx:ShareUpdateExclusiveLock");
}

TEST(EffectsIndexes, AttachPartitionIndexLocks) {
  const Effects e = effects_of(kRoutingHistory, "ALTER INDEX m_v ATTACH PARTITION m_2023_v", 15);
  EXPECT_EQ(join_locks(e),
            "public.m_2023_v:AccessExclusiveLock public.m:AccessShareLock public.m_2023:AccessShareLock "
            "public.m_v:ShareUpdateExclusiveLock");
}

TEST(EffectsPartitions, OnlyAddColumnFailsOnATableWithPartitions) {
  Effects e = effects_of(kRoutingHistory, "ALTER TABLE ONLY m ADD COLUMN x int", 15);
  ASSERT_EQ(e.failures.size(), 1u);
  EXPECT_NE(e.failures[0].find("column must be added to child tables too"), std::string::npos) << e.failures[0];
  e = effects_of(kRoutingHistory, "ALTER TABLE ONLY m ADD COLUMN IF NOT EXISTS v int", 15);
  EXPECT_TRUE(e.failures.empty()) << "an existing column is skipped before the check";
  e = effects_of(kRoutingHistory + std::string("CREATE TABLE m_empty (id int) PARTITION BY RANGE (id);\n"),
                 "ALTER TABLE ONLY m_empty ADD COLUMN x int", 15);
  EXPECT_TRUE(e.failures.empty()) << "no partitions yet";
  e = effects_of(kRoutingHistory, "ALTER TABLE m ADD COLUMN x int", 15);
  EXPECT_TRUE(e.failures.empty());
  e = effects_of(kRoutingHistory, "ALTER TABLE m_2023 ADD COLUMN x int", 15);
  ASSERT_EQ(e.failures.size(), 1u) << "a partition takes its columns from its parent only";
  EXPECT_NE(e.failures[0].find("it is a partition"), std::string::npos) << e.failures[0];
}

TEST(EffectsPartitions, InsertLocksThePartitionsItsRowsReach) {
  Effects e = effects_of(kRoutingHistory, "INSERT INTO m VALUES (1, '2023-05-05', 1)", 15);
  EXPECT_EQ(join_locks(e), "public.m:RowExclusiveLock public.m_2023:RowExclusiveLock");
  EXPECT_TRUE(e.possible_locks.empty());
  e = effects_of(kRoutingHistory,
                 "INSERT INTO m (v, at, id) VALUES (1, '2024-02-01', 1), (2, '2023-02-01'::date, 2)", 15);
  EXPECT_EQ(join_locks(e), "public.m:RowExclusiveLock public.m_2024:RowExclusiveLock public.m_2023:RowExclusiveLock");
  // Lists, NULL, MINVALUE / MAXVALUE, a partition of a partition, timestamps given as dates.
  e = effects_of(kRoutingHistory,
                 "INSERT INTO l VALUES (1, 'us', '2023-12-31 23:59:59'), (2, 'uk', now()), (3, NULL, now())", 15);
  EXPECT_EQ(join_locks(e),
            "public.l:RowExclusiveLock public.l_us:RowExclusiveLock public.l_us_old:RowExclusiveLock "
            "public.l_eu:RowExclusiveLock public.l_null:RowExclusiveLock");
  e = effects_of(kRoutingHistory, "INSERT INTO l VALUES (1, 'us', '2024-01-01')", 15);
  EXPECT_EQ(join_locks(e), "public.l:RowExclusiveLock public.l_us:RowExclusiveLock public.l_us_new:RowExclusiveLock");
}

TEST(EffectsPartitions, InsertTheModelCannotRouteMayLockEveryPartition) {
  Effects e = effects_of(kRoutingHistory, "INSERT INTO m SELECT 1, '2024-02-01', 1", 15);
  EXPECT_EQ(join_locks(e), "public.m:RowExclusiveLock");
  EXPECT_EQ(join_possible_locks(e), "public.m_2023:RowExclusiveLock public.m_2024:RowExclusiveLock");
  e = effects_of(kRoutingHistory, "INSERT INTO hp VALUES (1)", 15);
  EXPECT_EQ(join_possible_locks(e), "public.hp_0:RowExclusiveLock public.hp_1:RowExclusiveLock")
      << "hash partitions: the model does not compute the hash";
  e = effects_of(kRoutingHistory, "INSERT INTO m VALUES (1, '2023-5-5', 1)", 15);
  EXPECT_EQ(join_possible_locks(e), "public.m_2023:RowExclusiveLock public.m_2024:RowExclusiveLock")
      << "a date in another spelling is left to the server";
}

TEST(EffectsPartitions, InsertWithoutAPartitionForItsRowFails) {
  const Effects e = effects_of(kRoutingHistory, "INSERT INTO m VALUES (1, '2026-02-01', 1)", 15);
  ASSERT_EQ(e.failures.size(), 1u);
  EXPECT_NE(e.failures[0].find("no partition of public.m"), std::string::npos);
  // With a default partition the row goes there.
  const Effects d = effects_of(std::string(kRoutingHistory) + "CREATE TABLE m_default PARTITION OF m DEFAULT;\n",
                               "INSERT INTO m VALUES (1, '2026-02-01', 1)", 15);
  EXPECT_TRUE(d.failures.empty());
  EXPECT_EQ(join_locks(d), "public.m:RowExclusiveLock public.m_default:RowExclusiveLock");
}

TEST(EffectsForeignKeys, ValidationReadsTheReferencingTableAndMayReadTheReferencedOne) {
  Effects e = effects_of(kHistory, "ALTER TABLE c ADD CONSTRAINT c_fk2 FOREIGN KEY (pid) REFERENCES p (id)", 15);
  EXPECT_EQ(join(e.scans), "public.c");
  EXPECT_EQ(join(e.possible_scans), "public.p");
  EXPECT_TRUE(has_note(e, "depends on the plan"));
  e = effects_of(kHistory,
                 "ALTER TABLE c ADD CONSTRAINT c_fk2 FOREIGN KEY (pid) REFERENCES p (id) NOT VALID;\n"
                 "ALTER TABLE c VALIDATE CONSTRAINT c_fk2",
                 15);
  EXPECT_EQ(join(e.scans), "public.c");
  EXPECT_EQ(join(e.possible_scans), "public.p");
  e = effects_of(kHistory, "CREATE TABLE s (id int, pid int);\nALTER TABLE s ADD FOREIGN KEY (pid) REFERENCES p (id)", 15);
  EXPECT_EQ(join(e.scans), "public.s");
  EXPECT_EQ(join(e.possible_scans), "public.p") << "a new table has no keys unless rows were added to it";
  e = effects_of(kHistory, "ALTER TABLE p ADD FOREIGN KEY (id) REFERENCES p (id)", 15);
  EXPECT_EQ(join(e.scans), "public.p");
  EXPECT_EQ(join(e.possible_scans), "") << "a table scanned for certain is not also a possible scan";
}

// A referenced table with more referencing tables than lock() searches linearly (16), and than
// its first index holds (64 slots at half load): every table is locked once, in order, with the
// strongest mode any part of the statement asks for.
TEST(EffectsForeignKeys, ManyReferencingTablesAreEachLockedOnce) {
  std::string history = "CREATE TABLE hub (id int PRIMARY KEY, code int UNIQUE);\n";
  std::string expected_delete = "public.hub:RowExclusiveLock", expected_update = "public.hub:RowExclusiveLock";
  for (int i = 0; i < 80; ++i) {
    const std::string name = (i < 10 ? "r0" : "r") + std::to_string(i);
    const bool by_code = i % 10 == 3, cascade = i % 7 == 0;
    history += "CREATE TABLE " + name + " (id int, hub_ref int REFERENCES hub " + (by_code ? "(code)" : "(id)") +
               (cascade ? " ON DELETE CASCADE" : "") + ");\n";
    // r05 is also read by the DELETE's subquery: ACCESS SHARE does not weaken its ROW SHARE.
    expected_delete += " public." + name + (cascade ? ":RowExclusiveLock" : ":RowShareLock");
    if (by_code) expected_update += " public." + name + ":RowShareLock";
  }
  Effects e = effects_of(history, "DELETE FROM hub WHERE id IN (SELECT hub_ref FROM r05)", 15);
  EXPECT_EQ(join_locks(e), expected_delete) << describe(e);
  e = effects_of(history, "UPDATE hub SET code = 1", 15);
  EXPECT_EQ(join_locks(e), expected_update) << "only the keys over code: " << describe(e);
  e = effects_of(history, "UPDATE hub SET id = 1, code = 2 WHERE id = 3", 15);
  EXPECT_EQ(e.locks.size(), 81u) << describe(e);
}

// The CTE names of the whole statement are known before any relation is locked: a relation
// named like a CTE defined further on (here inside a later LATERAL subquery) is that CTE, even
// where a table of that name exists.
TEST(EffectsQueries, CteNamesAnywhereInTheStatementHideTables) {
  Effects e = effects_of(kHistory, "SELECT * FROM (SELECT * FROM c) s, LATERAL (WITH c AS (SELECT 1) SELECT * FROM c) x", 15);
  EXPECT_EQ(join_locks(e), "") << describe(e);
  e = effects_of(kHistory, "SELECT * FROM p, (SELECT * FROM public.c) s FOR UPDATE OF p", 15);
  EXPECT_EQ(join_locks(e), "public.p:RowShareLock public.c:AccessShareLock") << describe(e);
  e = effects_of(kHistory, "INSERT INTO c SELECT id, id FROM p WHERE id IN (SELECT id FROM pc WHERE id > 1)", 15);
  EXPECT_EQ(join_locks(e), "public.c:RowExclusiveLock public.p:RowShareLock public.pc:AccessShareLock")
      << describe(e);
}

// A table with more indexes than the statement's rebuilt list is searched linearly for: each
// index is listed once, also when two subcommands rewrite the table.
TEST(EffectsIndexes, RewriteOfATableWithManyIndexesListsEachOnce) {
  std::string history = "CREATE TABLE wide (id int PRIMARY KEY, a int, b int);\n";
  for (int i = 0; i < 40; ++i) history += "CREATE INDEX wide_" + std::to_string(i) + " ON wide (a);\n";
  Effects e = effects_of(history, "ALTER TABLE wide ALTER COLUMN a TYPE bigint", 15);
  EXPECT_EQ(e.rebuilt_indexes.size(), 41u) << describe(e);
  const std::vector<QualifiedName> once = e.rebuilt_indexes;
  e = effects_of(history, "ALTER TABLE wide ALTER COLUMN a TYPE bigint, ALTER COLUMN b TYPE bigint", 15);
  EXPECT_EQ(join(e.rebuilt_indexes), join(once)) << "the second rewrite adds nothing";
  e = effects_of(history, "ALTER TABLE wide ALTER COLUMN a TYPE bigint, SET TABLESPACE pg_default", 15);
  EXPECT_EQ(join(e.rebuilt_indexes), join(once));
}

TEST(EffectsCompare, PossibleScansAndLocksAgreeEitherWay) {
  Effects predicted;
  predicted.locks = {{QualifiedName{"public", "m"}, LockMode::RowExclusive}};
  predicted.possible_locks = {{QualifiedName{"public", "m_2023"}, LockMode::RowExclusive}};
  predicted.scans = {QualifiedName{"public", "c"}};
  predicted.possible_scans = {QualifiedName{"public", "p"}};
  pgtrace::Observation observed;
  observed.locks = predicted.locks;
  observed.scans = {QualifiedName{"public", "c"}};
  EXPECT_TRUE(pgtrace::compare(predicted, observed).empty()) << "possible lock and scan not taken";
  observed.locks.push_back({QualifiedName{"public", "m_2023"}, LockMode::RowExclusive});
  observed.scans.push_back(QualifiedName{"public", "p"});
  EXPECT_TRUE(pgtrace::compare(predicted, observed).empty()) << "possible lock and scan taken";
  // A certain scan that did not happen, and a lock or scan nobody predicted, still differ.
  observed.scans = {QualifiedName{"public", "p"}, QualifiedName{"public", "x"}};
  observed.locks.push_back({QualifiedName{"public", "m_2024"}, LockMode::RowExclusive});
  const auto differences = pgtrace::compare(predicted, observed);
  std::string text;
  for (const auto& d : differences) text += d.text() + "\n";
  EXPECT_EQ(text,
            "lock on public.m_2024: predicted none, observed RowExclusiveLock\n"
            "scan of public.c: predicted yes, observed no\n"
            "scan of public.x: predicted no, observed yes\n");
}


// ---- DROP, TRUNCATE, REFRESH, CLUSTER, VACUUM and ALTER DOMAIN: what PostgreSQL 15 does to
// the relations beyond the one named (each checked with `schemaguard trace` on 15).

bool has_failure(const Effects& e, std::string_view text) {
  for (const auto& f : e.failures)
    if (f.find(text) != std::string::npos) return true;
  return false;
}

constexpr const char* kKeys = R"sql(
CREATE TABLE k (id int PRIMARY KEY, code int UNIQUE);
CREATE TABLE kp (id int, k_id int REFERENCES k) PARTITION BY RANGE (id);
CREATE TABLE kp_1 PARTITION OF kp FOR VALUES FROM (0) TO (10);
CREATE TABLE kc (id int PRIMARY KEY, k_code int REFERENCES k (code));
CREATE TABLE kcc (id int, kc_id int REFERENCES kc);
)sql";

TEST(EffectsDropConstraint, KeyWithCascadeLocksTheReferencingTables) {
  Effects e = effects_of(kKeys, "ALTER TABLE k DROP CONSTRAINT k_pkey CASCADE", 15);
  EXPECT_EQ(join_locks(e), "public.kp:AccessExclusiveLock public.kp_1:AccessExclusiveLock public.k:AccessExclusiveLock")
      << describe(e);
  EXPECT_TRUE(e.failures.empty());
  e = effects_of(kKeys, "ALTER TABLE k DROP CONSTRAINT k_code_key CASCADE", 15);
  EXPECT_EQ(join_locks(e), "public.kc:AccessExclusiveLock public.k:AccessExclusiveLock") << "only the key's users";
  e = effects_of(kKeys, "ALTER TABLE k DROP CONSTRAINT k_pkey", 15);
  EXPECT_TRUE(has_failure(e, "foreign key kp_k_id_fkey on public.kp references it (needs CASCADE)")) << describe(e);
  e = effects_of(kKeys, "ALTER TABLE kcc DROP CONSTRAINT kcc_kc_id_fkey", 15);
  EXPECT_TRUE(e.failures.empty()) << "a foreign key is nobody's key";
}

TEST(EffectsDrop, PartitionLocksItsParent) {
  const char* history = "CREATE TABLE p (id int, at int) PARTITION BY RANGE (at);\n"
                        "CREATE TABLE p_1 PARTITION OF p FOR VALUES FROM (0) TO (10) PARTITION BY RANGE (at);\n"
                        "CREATE TABLE p_1a PARTITION OF p_1 FOR VALUES FROM (0) TO (5);\n";
  EXPECT_EQ(join_locks(effects_of(history, "DROP TABLE p_1a", 15)),
            "public.p_1a:AccessExclusiveLock public.p_1:AccessExclusiveLock")
      << "the direct parent only";
  EXPECT_EQ(join_locks(effects_of(history, "DROP TABLE p_1", 15)),
            "public.p_1:AccessExclusiveLock public.p_1a:AccessExclusiveLock public.p:AccessExclusiveLock");
}

TEST(EffectsDrop, CascadeFollowsViewsOfViews) {
  const char* history = "CREATE TABLE k (id int PRIMARY KEY);\nCREATE VIEW kv AS SELECT id FROM k;\n"
                        "CREATE VIEW kv2 AS SELECT id FROM kv;\nCREATE TABLE other (id int);\n";
  Effects e = effects_of(history, "DROP TABLE k CASCADE", 15);
  EXPECT_EQ(join_locks(e),
            "public.k:AccessExclusiveLock public.kv:AccessExclusiveLock public.kv2:AccessExclusiveLock");
  e = effects_of(history, "DROP VIEW kv2, kv", 15);
  EXPECT_TRUE(e.failures.empty()) << "views dropped together need no CASCADE: " << describe(e);
}

TEST(EffectsDrop, TypesSequencesAndFunctionsTakeTheirUsers) {
  const char* history = R"sql(
CREATE SCHEMA s;
CREATE TYPE s.mood AS ENUM ('a', 'b');
CREATE DOMAIN dm AS s.mood;
CREATE TABLE c1 (id int PRIMARY KEY, m dm);
CREATE TABLE c2 (id int, ms s.mood[]);
CREATE TABLE c3 (id int);
CREATE VIEW c1v AS SELECT id FROM c1;
CREATE VIEW c1vm AS SELECT id, m FROM c1;
CREATE VIEW c1vm2 AS SELECT * FROM c1vm;
CREATE SEQUENCE s.numbers;
CREATE TABLE inv (id int, n bigint DEFAULT nextval('s.numbers'));
CREATE TABLE ser (id serial PRIMARY KEY);
CREATE TABLE ident (id int GENERATED ALWAYS AS IDENTITY);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TRIGGER c3_touch BEFORE UPDATE ON c3 FOR EACH ROW EXECUTE FUNCTION touch();
)sql";
  // The enum's domain goes, the columns of both (arrays too), the views reading those columns.
  Effects e = effects_of(history, "DROP TYPE s.mood CASCADE", 15);
  EXPECT_EQ(join_locks(e),
            "public.c1:AccessExclusiveLock public.c1vm:AccessExclusiveLock public.c1vm2:AccessExclusiveLock "
            "public.c2:AccessExclusiveLock")
      << describe(e);
  e = effects_of(history, "DROP TYPE s.mood", 15);
  EXPECT_TRUE(has_failure(e, "domain public.dm is based on it")) << describe(e);
  EXPECT_TRUE(has_failure(e, "column public.c2.ms uses it"));
  e = effects_of(history, "DROP DOMAIN dm CASCADE", 15);
  EXPECT_EQ(join_locks(e), "public.c1:AccessExclusiveLock public.c1vm:AccessExclusiveLock public.c1vm2:AccessExclusiveLock");
  // A sequence: the defaults calling it go (a serial column's too).
  EXPECT_EQ(join_locks(effects_of(history, "DROP SEQUENCE s.numbers CASCADE", 15)), "public.inv:AccessExclusiveLock");
  EXPECT_EQ(join_locks(effects_of(history, "DROP SEQUENCE ser_id_seq CASCADE", 15)), "public.ser:AccessExclusiveLock");
  EXPECT_TRUE(has_failure(effects_of(history, "DROP SEQUENCE ser_id_seq", 15), "the default of public.ser.id uses it"));
  EXPECT_TRUE(has_failure(effects_of(history, "DROP SEQUENCE ident_id_seq CASCADE", 15), "identity column public.ident.id"));
  // A function: the triggers calling it go.
  EXPECT_EQ(join_locks(effects_of(history, "DROP FUNCTION touch() CASCADE", 15)), "public.c3:AccessExclusiveLock");
  EXPECT_TRUE(has_failure(effects_of(history, "DROP FUNCTION touch()", 15), "trigger c3_touch on public.c3 calls it"));
  EXPECT_TRUE(effects_of(history, "DROP FUNCTION touch(int) CASCADE", 15).locks.empty()) << "another overload";
}

TEST(EffectsDrop, SchemaCascadeLocksItsRelationsAndTheirDependents) {
  const char* history = R"sql(
CREATE SCHEMA reporting;
CREATE TABLE reporting.totals (day date PRIMARY KEY, total numeric);
CREATE VIEW reporting.weekly AS SELECT day FROM reporting.totals;
CREATE VIEW public.dashboard AS SELECT day, total FROM reporting.totals;
CREATE TABLE public.notes (day date REFERENCES reporting.totals);
CREATE TABLE public.pp (id int, at int) PARTITION BY RANGE (at);
CREATE TABLE reporting.pp_1 PARTITION OF public.pp FOR VALUES FROM (0) TO (10);
CREATE SCHEMA empty;
)sql";
  Effects e = effects_of(history, "DROP SCHEMA reporting CASCADE", 15);
  EXPECT_EQ(join_locks(e),
            "reporting.pp_1:AccessExclusiveLock public.pp:AccessExclusiveLock reporting.totals:AccessExclusiveLock "
            "public.notes:AccessExclusiveLock public.dashboard:AccessExclusiveLock reporting.weekly:AccessExclusiveLock")
      << describe(e);
  EXPECT_TRUE(e.failures.empty());
  EXPECT_TRUE(has_failure(effects_of(history, "DROP SCHEMA reporting", 15), "not empty (needs CASCADE)"));
  e = effects_of(std::string(history) + "CREATE TABLE reporting.ids (id int GENERATED ALWAYS AS IDENTITY);\n",
                 "DROP SCHEMA reporting CASCADE", 15);
  EXPECT_TRUE(e.failures.empty()) << "an identity sequence goes with its table: " << describe(e);
  e = effects_of(history, "DROP SCHEMA empty", 15);
  EXPECT_TRUE(e.failures.empty() && e.locks.empty()) << describe(e);
}

TEST(EffectsTruncate, CascadeTruncatesReferencingTablesTransitively) {
  const Effects e = effects_of(kKeys, "TRUNCATE k CASCADE", 15);
  EXPECT_EQ(join_locks(e),
            "public.k:AccessExclusiveLock public.kc:AccessExclusiveLock public.kp:AccessExclusiveLock "
            "public.kp_1:AccessExclusiveLock public.kcc:AccessExclusiveLock")
      << describe(e);
  EXPECT_EQ(join(e.rewrites), "public.k public.kc public.kp_1 public.kcc") << "a partitioned table has no storage";
  EXPECT_TRUE(e.failures.empty());
}

TEST(EffectsRefresh, IndexesAreRebuiltFromTheNewContents) {
  const char* history = R"sql(
CREATE TABLE t (id int PRIMARY KEY, a int);
CREATE MATERIALIZED VIEW plain AS SELECT id, a FROM t;
CREATE MATERIALIZED VIEW keyed AS SELECT id, a FROM t;
CREATE UNIQUE INDEX keyed_id ON keyed (id);
CREATE MATERIALIZED VIEW partial_key AS SELECT id, a FROM t;
CREATE UNIQUE INDEX partial_key_id ON partial_key (id) WHERE a > 0;
CREATE MATERIALIZED VIEW empty AS SELECT id, a FROM t WITH NO DATA;
CREATE UNIQUE INDEX empty_id ON empty (id);
)sql";
  Effects e = effects_of(history, "REFRESH MATERIALIZED VIEW plain", 15);
  EXPECT_EQ(join(e.scans), "public.t") << "no index: the new storage is not read again";
  e = effects_of(history, "REFRESH MATERIALIZED VIEW keyed", 15);
  EXPECT_EQ(join(e.scans), "public.t public.keyed");
  e = effects_of(history, "REFRESH MATERIALIZED VIEW keyed WITH NO DATA", 15);
  EXPECT_EQ(join_locks(e), "public.keyed:AccessExclusiveLock") << "the query does not run";
  EXPECT_EQ(join(e.scans), "public.keyed") << "the index is rebuilt on the empty storage";
  e = effects_of(history, "REFRESH MATERIALIZED VIEW CONCURRENTLY keyed", 15);
  EXPECT_EQ(join(e.scans), "public.t public.keyed") << "the view is read to find the rows that changed";
  EXPECT_TRUE(e.failures.empty()) << describe(e);
  EXPECT_TRUE(has_failure(effects_of(history, "REFRESH MATERIALIZED VIEW CONCURRENTLY partial_key", 15),
                          "needs a unique index"));
  EXPECT_TRUE(has_failure(effects_of(history, "REFRESH MATERIALIZED VIEW CONCURRENTLY empty", 15), "not populated"));
  EXPECT_TRUE(effects_of(history, "REFRESH MATERIALIZED VIEW empty; REFRESH MATERIALIZED VIEW CONCURRENTLY empty", 15)
                  .failures.empty())
      << "a plain refresh populates it";
}

TEST(EffectsCluster, WithoutATableReclustersTheMarkedTables) {
  const char* history = R"sql(
CREATE TABLE a (id int PRIMARY KEY, v int);
CREATE INDEX a_v ON a (v);
CREATE TABLE b (id int PRIMARY KEY);
CREATE TABLE c (id int PRIMARY KEY);
CREATE TABLE p (id int, v int) PARTITION BY RANGE (id);
CREATE TABLE p_1 PARTITION OF p FOR VALUES FROM (0) TO (10);
CREATE INDEX p_v ON p (v);
CLUSTER a USING a_v;
ALTER TABLE b CLUSTER ON b_pkey;
ALTER TABLE c CLUSTER ON c_pkey;
ALTER TABLE c SET WITHOUT CLUSTER;
)sql";
  Effects e = effects_of(history, "CLUSTER", 15);
  EXPECT_EQ(join_locks(e), "public.a:AccessExclusiveLock public.b:AccessExclusiveLock") << describe(e);
  EXPECT_EQ(join(e.rewrites), "public.a public.b");
  EXPECT_FALSE(e.transactional);
  // A partitioned table: each partition's copy of the index is marked, in a transaction of its own.
  e = effects_of(history, "CLUSTER p USING p_v", 15);
  EXPECT_FALSE(e.transactional);
  e = effects_of(history, "CLUSTER p USING p_v; CLUSTER", 15);
  EXPECT_EQ(join(e.rewrites), "public.a public.b public.p_1") << describe(e);
  EXPECT_TRUE(has_failure(effects_of(history, "CLUSTER c", 15), "no previously clustered index"));
  EXPECT_TRUE(effects_of(history, "CLUSTER a", 15).failures.empty());
}

TEST(EffectsVacuum, WithoutATableListEveryTableIsProcessed) {
  const char* history = R"sql(
CREATE TABLE t (id int PRIMARY KEY);
CREATE TABLE p (id int) PARTITION BY RANGE (id);
CREATE TABLE p_1 PARTITION OF p FOR VALUES FROM (0) TO (10);
CREATE VIEW v AS SELECT id FROM t;
CREATE MATERIALIZED VIEW mv AS SELECT id FROM t;
)sql";
  Effects e = effects_of(history, "VACUUM FULL", 15);
  EXPECT_EQ(join_locks(e),
            "public.mv:AccessExclusiveLock public.p:AccessExclusiveLock public.p_1:AccessExclusiveLock "
            "public.t:AccessExclusiveLock")
      << "a partitioned table is locked, a view is not";
  EXPECT_EQ(join(e.rewrites), "public.mv public.p_1 public.t");
  EXPECT_FALSE(e.transactional);
  e = effects_of(history, "ANALYZE", 15);
  EXPECT_EQ(join_locks(e),
            "public.mv:ShareUpdateExclusiveLock public.p:ShareUpdateExclusiveLock public.p_1:ShareUpdateExclusiveLock "
            "public.t:ShareUpdateExclusiveLock");
  EXPECT_TRUE(e.rewrites.empty() && e.transactional);
}

TEST(EffectsDomain, ValidationLocksAndScansEveryStoredColumn) {
  const char* history = R"sql(
CREATE DOMAIN amount AS numeric;
CREATE DOMAIN small_amount AS amount;
CREATE DOMAIN nn AS int NOT NULL;
CREATE TABLE a1 (id int, x amount);
CREATE TABLE a2 (id int, x small_amount);
CREATE TABLE pa (id int, x amount) PARTITION BY RANGE (id);
CREATE TABLE pa_1 PARTITION OF pa FOR VALUES FROM (0) TO (100);
CREATE TABLE a4 (id int, y nn);
CREATE VIEW va AS SELECT x FROM a1;
CREATE MATERIALIZED VIEW mva AS SELECT x FROM a1;
ALTER DOMAIN amount ADD CONSTRAINT below CHECK (VALUE < 100) NOT VALID;
)sql";
  const char* shared = "public.a1:ShareLock public.a2:ShareLock public.mva:ShareLock public.pa_1:ShareLock";
  Effects e = effects_of(history, "ALTER DOMAIN amount ADD CONSTRAINT positive CHECK (VALUE > 0)", 15);
  EXPECT_EQ(join_locks(e), shared) << "not the partitioned table or the view, which store nothing";
  EXPECT_EQ(join(e.scans), "public.a1 public.a2 public.mva public.pa_1");
  EXPECT_EQ(join_locks(effects_of(history, "ALTER DOMAIN amount VALIDATE CONSTRAINT below", 15)), shared);
  EXPECT_EQ(join_locks(effects_of(history, "ALTER DOMAIN amount SET NOT NULL", 15)), shared);
  e = effects_of(history, "ALTER DOMAIN amount ADD CONSTRAINT positive CHECK (VALUE > 0) NOT VALID", 15);
  EXPECT_TRUE(e.locks.empty() && e.scans.empty()) << describe(e);
  EXPECT_TRUE(effects_of(history, "ALTER DOMAIN nn SET NOT NULL", 15).locks.empty()) << "already NOT NULL";
  EXPECT_TRUE(effects_of(history, "ALTER DOMAIN amount DROP CONSTRAINT below", 15).locks.empty());
  e = effects_of(std::string(history) + "CREATE TABLE a3 (id int, xs amount[]);\n",
                 "ALTER DOMAIN amount ADD CONSTRAINT positive CHECK (VALUE > 0)", 15);
  EXPECT_TRUE(has_failure(e, "column public.a3.xs is an array of it")) << describe(e);
}

}  // namespace
}  // namespace analyzer
