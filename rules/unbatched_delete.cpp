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
        "checked too. Statements inside function bodies and DO blocks are not checked.",
        "One DELETE over the whole table is one transaction: it locks every row it removes until it commits, so "
        "application updates of those rows wait behind it; every removed row stays on disk as a dead tuple that "
        "autovacuum can only reclaim after the commit, the burst of WAL lags replicas, and a failure near the "
        "end rolls back all of it. Foreign keys that cascade or check referencing tables multiply the work and "
        "the locks. Inside the migration's transaction, every lock the migration took before it is held for the "
        "whole run as well. (If nothing reads the table any more and every row must go, TRUNCATE is instant, "
        "but it takes an ACCESS EXCLUSIVE lock.)",
        "DELETE FROM events WHERE created_at < now() - interval '90 days';",
        "-- Repeat, one transaction each, until it deletes no row (from the application, or a DO block\n"
        "-- with COMMIT between batches on PostgreSQL 11+, outside the migration's transaction):\n"
        "DELETE FROM events\n"
        "WHERE ctid = ANY (ARRAY(\n"
        "  SELECT ctid FROM events\n"
        "  WHERE created_at < now() - interval '90 days'\n"
        "  LIMIT 10000));",
        "COMMIT inside a DO block or procedure needs PostgreSQL 11 or later (every version schemaguard supports).",
    },
};

class UnbatchedDelete : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    report_unbatched(ctx, out, "DeleteStmt");
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_unbatched_delete() { return std::make_unique<UnbatchedDelete>(); }

}  // namespace rules
