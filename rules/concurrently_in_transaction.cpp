// concurrently-in-transaction: a statement that cannot run in a transaction block, inside one.
#include "analyzer/rule.h"

namespace rules {
namespace {

using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "concurrently-in-transaction",
    analyzer::Severity::error,
    analyzer::RuleGroup::locks,
    {
        "A statement that cannot run inside a transaction block runs inside one",
        "`CREATE INDEX CONCURRENTLY`, `DROP INDEX CONCURRENTLY`, `REINDEX ... CONCURRENTLY`, "
        "`ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY` and `VACUUM` while a transaction is open: after an "
        "explicit BEGIN that has not been committed yet, or anywhere in a file that the migration tool runs in "
        "one transaction (its default for most tools; the `wrap_in_transaction` setting).",
        "PostgreSQL refuses these statements inside a transaction block (\"cannot run inside a transaction "
        "block\"), so the migration fails at deploy time, typically after the statements before it already "
        "took their locks and did their work, which the failed transaction then rolls back. The concurrent "
        "forms commit internally between phases so they never hold a lock that blocks writes; that is exactly "
        "what a surrounding transaction would prevent.",
        "BEGIN;\n"
        "ALTER TABLE orders ADD COLUMN shipped_at timestamptz;\n"
        "CREATE INDEX CONCURRENTLY orders_shipped_at_idx ON orders (shipped_at);\n"
        "COMMIT;",
        "-- migration 1 (in a transaction as usual):\n"
        "ALTER TABLE orders ADD COLUMN shipped_at timestamptz;\n"
        "-- migration 2, alone, with the tool's transaction turned off:\n"
        "--   diesel: metadata.toml `run_in_transaction = false`; sqlx: first line `-- no-transaction`;\n"
        "--   Flyway: `executeInTransaction=false` (script config); popx: name it `*.autocommit.up.sql`\n"
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_shipped_at_idx ON orders (shipped_at);",
        "REINDEX CONCURRENTLY needs PostgreSQL 12+, DETACH PARTITION CONCURRENTLY 14+.",
    },
};

std::string statement_label(Node stmt) {
  const std::string_view kind = stmt.kind();
  if (kind == "IndexStmt") return "CREATE INDEX CONCURRENTLY";
  if (kind == "DropStmt") return "DROP INDEX CONCURRENTLY";
  if (kind == "ReindexStmt") return "REINDEX CONCURRENTLY";
  if (kind == "AlterTableStmt") return "DETACH PARTITION CONCURRENTLY";
  if (kind == "VacuumStmt") return "VACUUM";
  return "this statement";
}

class ConcurrentlyInTransaction : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void start_file(const sqlparse::SourceText&) override { begin_line_ = 0; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const std::string_view tx = analyzer::transaction_kind(ctx.statement.tree);
    if ((tx == "TRANS_STMT_BEGIN" || tx == "TRANS_STMT_START") && ctx.session.open_transactions == 0)
      begin_line_ = ctx.statement.start.line;
    if (ctx.effects.transactional || !ctx.session.in_transaction()) return;

    const std::string label = statement_label(ctx.statement.tree);
    const bool explicit_block = ctx.session.open_transactions > 0;
    const std::string where = explicit_block
                                  ? "inside the transaction opened by BEGIN on line " + std::to_string(begin_line_)
                                  : "inside the transaction the migration tool wraps this file in";
    std::string help =
        "give it a migration of its own and turn the migration tool's transaction off for that file "
        "(diesel: metadata.toml `run_in_transaction = false`; sqlx: first line `-- no-transaction`; "
        "Flyway: `executeInTransaction=false`; popx: an `.autocommit.up.sql` file)";
    if (explicit_block) help = "move it out of the BEGIN ... COMMIT block; " + help;
    out.report(ctx.statement, label + " cannot run " + where + ": PostgreSQL rejects it at deploy time", help,
               "-- Alone in its own migration, with the tool's transaction turned off:\n" +
                   std::string(ctx.statement.text) + ";");
  }

 private:
  int begin_line_ = 0;
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_concurrently_in_transaction() {
  return std::make_unique<ConcurrentlyInTransaction>();
}

}  // namespace rules
