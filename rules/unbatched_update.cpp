// unbatched-update: an UPDATE over an existing table that no key bounds to a batch.
#include "analyzer/rule.h"
#include "rules/batching.h"

namespace rules {
namespace {

using analyzer::RuleInfo;

const RuleInfo kInfo{
    "unbatched-update",
    analyzer::Severity::warning,
    analyzer::RuleGroup::backfills,
    {
        "UPDATE of a whole existing table in one transaction instead of in batches",
        "An `UPDATE` of a table that already exists (not one created earlier in the files under review) whose "
        "WHERE clause does not bound the rows by a key: no WHERE at all, or one that only filters "
        "(`WHERE email_lower IS NULL`, `WHERE created_at < now()`, a one-sided range). A statement is batched "
        "when one of its top-level AND conditions is an equality on a key (`id = $1`), `key = ANY(...)`, "
        "`key IN (list)`, `key BETWEEN a AND b`, a two-sided range (`id >= $1 AND id < $2`), or takes the keys "
        "from a LIMITed subquery or CTE (`id IN (SELECT id FROM t WHERE ... LIMIT 1000)`, "
        "`ctid = ANY(ARRAY(SELECT ctid FROM t WHERE ... LIMIT 1000))`); OR arms must all be bounded. A key is a "
        "primary-key column or the leading column of an index in the schema model, `ctid`, or `id` when the "
        "model does not know the table. `UPDATE ... FROM` is judged by how the target table is bounded; "
        "joining to a LIMITed CTE or subquery on a key counts as bounded. Data-modifying CTEs are checked too. "
        "Statements in a DO block, and in a PL/pgSQL procedure that the file creates and then CALLs, are checked "
        "too, and reported at their own line in the body. There a key-bounded statement also needs a loop "
        "around it that COMMITs per batch, and the DO block or CALL must run outside a transaction block. "
        "Defining a function or procedure runs nothing and is not checked; dynamic SQL (EXECUTE) is not "
        "followed.",
        "One UPDATE over the whole table is one transaction: it holds a row lock on every row it changes until "
        "it commits, so application writes to those rows wait behind it for the whole run; it writes a new "
        "version of every row at once (the table and its indexes can double in size, autovacuum cannot reclaim "
        "anything until it commits, and the burst of WAL lags replicas); and a failure or cancel near the end "
        "rolls back all of it. Inside the migration's transaction, every lock the migration took before it is "
        "held for the whole run as well. A loop of bounded statements in a DO block or procedure is no better "
        "without a COMMIT per batch: the whole loop is one transaction. And inside a transaction block (the "
        "migration tool's, or an explicit BEGIN) a DO block or procedure cannot COMMIT at all: PostgreSQL "
        "rejects it with `invalid transaction termination`.",
        "UPDATE users SET email_lower = lower(email) WHERE email_lower IS NULL;",
        "-- In its own migration, with the migration tool's transaction turned off (PostgreSQL 11+):\n"
        "DO $$\n"
        "DECLARE\n"
        "  batch_size  constant bigint := 10000;\n"
        "  batch_start bigint;\n"
        "  last_key    bigint;\n"
        "BEGIN\n"
        "  SELECT min(id), max(id) INTO batch_start, last_key FROM public.users;\n"
        "  WHILE batch_start <= last_key LOOP\n"
        "    UPDATE users SET email_lower = lower(email)\n"
        "    WHERE (email_lower IS NULL)\n"
        "      AND users.id >= batch_start AND users.id < batch_start + batch_size;\n"
        "    COMMIT;\n"
        "    PERFORM pg_sleep(0.1);\n"
        "    batch_start := batch_start + batch_size;\n"
        "  END LOOP;\n"
        "END $$;\n"
        "-- Or as a procedure that loops over batches, COMMITting each (CALL it outside a transaction block):\n"
        "CREATE PROCEDURE backfill_email_lower(batch_size int DEFAULT 10000) LANGUAGE plpgsql AS $$\n"
        "BEGIN\n"
        "  LOOP\n"
        "    UPDATE users SET email_lower = lower(email)\n"
        "    WHERE id IN (SELECT id FROM users WHERE email_lower IS NULL LIMIT batch_size);\n"
        "    EXIT WHEN NOT FOUND;\n"
        "    COMMIT;\n"
        "  END LOOP;\n"
        "END $$;\n"
        "CALL backfill_email_lower();\n"
        "-- Or repeat from the application, one transaction each, until it updates no row:\n"
        "UPDATE users SET email_lower = lower(email)\n"
        "WHERE id IN (SELECT id FROM users WHERE email_lower IS NULL LIMIT 10000);",
        "COMMIT inside a DO block or procedure needs PostgreSQL 11 or later (every version schemaguard supports).",
    },
};

class UnbatchedUpdate : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void start_file(const sqlparse::SourceText& /*source*/) override { finder_.start_file(); }
  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override { finder_.check(ctx, out); }

 private:
  UnbatchedFinder finder_{"UpdateStmt"};
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_unbatched_update() { return std::make_unique<UnbatchedUpdate>(); }

}  // namespace rules
