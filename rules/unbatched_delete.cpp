// unbatched-delete: a DELETE over an existing table that no key bounds to a batch.
#include "analyzer/rule.h"
#include "rules/batching.h"

namespace rules {
namespace {

using analyzer::RuleInfo;

const RuleInfo kInfo{
    "unbatched-delete",
    analyzer::Severity::warning,
    analyzer::RuleGroup::backfills,
    {
        "DELETE from a whole existing table in one transaction instead of in batches",
        "A `DELETE` from a table that already exists (not one created earlier in the files under review) whose "
        "WHERE clause does not bound the rows by a key: no WHERE at all, or one that only filters "
        "(`WHERE deleted_at IS NOT NULL`, `WHERE created_at < now() - interval '90 days'`). A statement is "
        "batched when one of its top-level AND conditions is an equality on a key (`id = $1`), `key = ANY(...)`, "
        "`key IN (list)`, `key BETWEEN a AND b`, a two-sided range (`id >= $1 AND id < $2`), or takes the keys "
        "from a LIMITed subquery or CTE (`ctid = ANY(ARRAY(SELECT ctid FROM t WHERE ... LIMIT 1000))`); OR arms "
        "must all be bounded. A key is a primary-key column or the leading column of an index in the schema "
        "model, `ctid`, or `id` when the model does not know the table. `DELETE ... USING` is judged by how the "
        "target table is bounded. Data-modifying CTEs (`WITH moved AS (DELETE ... RETURNING *) INSERT ...`) are "
        "checked too. Statements in a DO block, and in a PL/pgSQL procedure that the file creates and then "
        "CALLs, are checked too, and reported at their own line in the body. There a key-bounded statement "
        "also needs a loop around it that COMMITs per batch, and the DO block or CALL must run outside a "
        "transaction block. Defining a function or procedure runs nothing and is not checked; dynamic SQL "
        "(EXECUTE) is not followed.",
        "One DELETE over the whole table is one transaction: it locks every row it removes until it commits, so "
        "application updates of those rows wait behind it; every removed row stays on disk as a dead tuple that "
        "autovacuum can only reclaim after the commit, the burst of WAL lags replicas, and a failure near the "
        "end rolls back all of it. Foreign keys that cascade or check referencing tables multiply the work and "
        "the locks. Inside the migration's transaction, every lock the migration took before it is held for the "
        "whole run as well. A loop of bounded DELETEs in a DO block or procedure is no better without a COMMIT "
        "per batch: the whole loop is one transaction; and inside a transaction block (the migration tool's, or "
        "an explicit BEGIN) a DO block or procedure cannot COMMIT at all: PostgreSQL rejects it with "
        "`invalid transaction termination`. (If nothing reads the table any more and every row must go, TRUNCATE is instant, "
        "but it takes an ACCESS EXCLUSIVE lock.)",
        "DELETE FROM events WHERE created_at < now() - interval '90 days';",
        "-- Repeat, one transaction each, until it deletes no row (from the application):\n"
        "DELETE FROM events\n"
        "WHERE ctid = ANY (ARRAY(\n"
        "  SELECT ctid FROM events\n"
        "  WHERE created_at < now() - interval '90 days'\n"
        "  LIMIT 10000));\n"
        "-- Or loop in a procedure with COMMIT per batch (PostgreSQL 11+), in its own migration with\n"
        "-- the migration tool's transaction turned off (a DO block works the same way):\n"
        "CREATE PROCEDURE purge_old_events(batch_size int DEFAULT 10000) LANGUAGE plpgsql AS $$\n"
        "BEGIN\n"
        "  LOOP\n"
        "    DELETE FROM events\n"
        "    WHERE ctid = ANY (ARRAY(\n"
        "      SELECT ctid FROM events\n"
        "      WHERE created_at < now() - interval '90 days'\n"
        "      LIMIT batch_size));\n"
        "    EXIT WHEN NOT FOUND;\n"
        "    COMMIT;\n"
        "    PERFORM pg_sleep(0.1);\n"
        "  END LOOP;\n"
        "END $$;\n"
        "CALL purge_old_events();",
        "COMMIT inside a DO block or procedure needs PostgreSQL 11 or later (every version schemaguard supports).",
    },
};

class UnbatchedDelete : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void start_file(const sqlparse::SourceText& /*source*/) override { finder_.start_file(); }
  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override { finder_.check(ctx, out); }

 private:
  UnbatchedFinder finder_{"DeleteStmt"};
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_unbatched_delete() { return std::make_unique<UnbatchedDelete>(); }

}  // namespace rules
