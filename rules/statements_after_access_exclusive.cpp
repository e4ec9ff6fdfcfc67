// statements-after-access-exclusive: a transaction keeps doing expensive work after an
// earlier statement in it took ACCESS EXCLUSIVE on an existing table.
#include <string>
#include <vector>

#include "analyzer/rule.h"

namespace rules {
namespace {

using analyzer::QualifiedName;
using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "statements-after-access-exclusive",
    analyzer::Severity::error,
    analyzer::RuleGroup::locks,
    {
        "A transaction keeps working while it holds ACCESS EXCLUSIVE on an existing table",
        "A statement that does real work inside a transaction after an earlier statement of the same "
        "transaction took ACCESS EXCLUSIVE on a table that already exists (explicit BEGIN ... COMMIT, or a file "
        "the migration tool runs in one transaction). Real work means: the statement rewrites or scans an "
        "existing table (a type change, a validation, CREATE INDEX, ...); UPDATE, DELETE or MERGE on an existing "
        "table; INSERT ... SELECT or SELECT reading from tables; CALL and DO (their work is unknown). Catalog-only "
        "statements (ADD COLUMN without a volatile default, SET DEFAULT, DROP COLUMN, RENAME, COMMENT, SET, "
        "INSERT ... VALUES) are cheap and not flagged; neither is work on tables created in the files under "
        "review (empty). Every such statement is reported, naming the table held and where the lock was taken. "
        "COMMIT and ROLLBACK release the locks.",
        "Locks are held until the transaction ends. ACCESS EXCLUSIVE blocks every read and write of the table, "
        "so a backfill, an index build or a validation that runs after it in the same transaction keeps the "
        "table unavailable for its whole duration: a quick catalog change becomes an outage as long as the "
        "slowest statement that follows it. Error severity: the table is blocked while another table (or the "
        "same one) is scanned or rewritten.",
        "BEGIN;\n"
        "ALTER TABLE users ADD COLUMN email_normalized text;\n"
        "UPDATE users SET email_normalized = lower(email);\n"
        "COMMIT;",
        "-- migration 1: the catalog change alone, committed at once\n"
        "SET lock_timeout = '2s';\n"
        "ALTER TABLE users ADD COLUMN email_normalized text;\n"
        "-- migration 2 (no ACCESS EXCLUSIVE held): backfill in batches, each batch its own transaction\n"
        "UPDATE users SET email_normalized = lower(email)\n"
        "WHERE id IN (SELECT id FROM users WHERE email_normalized IS NULL LIMIT 5000);",
        "",
    },
};

struct HeldLock {
  QualifiedName relation;
  int line = 0;
};

bool ends_transaction(std::string_view tx) {
  return tx == "TRANS_STMT_COMMIT" || tx == "TRANS_STMT_ROLLBACK" || tx == "TRANS_STMT_COMMIT_PREPARED" ||
         tx == "TRANS_STMT_ROLLBACK_PREPARED" || tx == "TRANS_STMT_PREPARE";
}

// What makes the statement expensive, or empty when it is cheap.
std::string expensive_work(const analyzer::StatementContext& ctx) {
  for (const QualifiedName& t : ctx.effects.rewrites)
    if (!ctx.is_new_table(t)) return "rewrites " + t.str();
  for (const QualifiedName& t : ctx.effects.scans)
    if (!ctx.is_new_table(t)) return "scans " + t.str();
  const Node stmt = ctx.statement.tree;
  const std::string_view kind = stmt.kind();
  if (kind == "UpdateStmt" || kind == "DeleteStmt" || kind == "MergeStmt") {
    const QualifiedName& target = ctx.relation();
    if (ctx.is_new_table(target)) return {};
    return std::string(kind == "UpdateStmt" ? "UPDATE" : kind == "DeleteStmt" ? "DELETE" : "MERGE") + " of " +
           target.str();
  }
  if (kind == "InsertStmt" && stmt["selectStmt"]["fromClause"].size() > 0) return "INSERT ... SELECT";
  if (kind == "SelectStmt" && stmt["fromClause"].size() > 0) return "a query reading tables";
  if (kind == "CallStmt") return "CALL (work of unknown length)";
  if (kind == "DoStmt") return "a DO block (work of unknown length)";
  return {};
}

class StatementsAfterAccessExclusive : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void start_file(const sqlparse::SourceText&) override { held_.clear(); }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    if (ends_transaction(analyzer::transaction_kind(ctx.statement.tree)) || !ctx.session.in_transaction()) {
      held_.clear();
      return;
    }
    if (!held_.empty()) {
      if (const std::string work = expensive_work(ctx); !work.empty()) report(ctx, work, out);
    }
    for (const analyzer::RelationLock& lock : ctx.effects.locks) {
      if (lock.mode != analyzer::LockMode::AccessExclusive || ctx.is_new_table(lock.relation) || holds(lock.relation))
        continue;
      held_.push_back({lock.relation, ctx.statement.start.line});
    }
  }

 private:
  bool holds(const QualifiedName& relation) const {
    for (const HeldLock& h : held_)
      if (h.relation == relation) return true;
    return false;
  }

  void report(const analyzer::StatementContext& ctx, const std::string& work, analyzer::Reporter& out) {
    const HeldLock& first = held_.front();
    std::string held = first.relation.str() + " (taken on line " + std::to_string(first.line) + ")";
    if (held_.size() > 1) held += " and " + std::to_string(held_.size() - 1) + " more";
    out.report(ctx.statement,
               "this statement (" + work + ") runs while the transaction holds ACCESS EXCLUSIVE on " + held +
                   ": every read and write of " + first.relation.str() + " waits until COMMIT",
               "commit the statement that takes ACCESS EXCLUSIVE first, and run this one in a later transaction "
               "(a backfill in batches, an index with CONCURRENTLY)",
               "COMMIT;  -- end the transaction holding ACCESS EXCLUSIVE on " + first.relation.str() +
                   "\n-- then, in a migration of its own:\n" + std::string(ctx.statement.text) + ";");
  }

  std::vector<HeldLock> held_;  // ACCESS EXCLUSIVE locks the open transaction holds, in order taken
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_statements_after_access_exclusive() {
  return std::make_unique<StatementsAfterAccessExclusive>();
}

}  // namespace rules
