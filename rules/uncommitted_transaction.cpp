// uncommitted-transaction: BEGIN without COMMIT or ROLLBACK by the end of the file.
#include <algorithm>
#include <map>

#include "analyzer/rule.h"

namespace rules {
namespace {

using analyzer::LockMode;
using analyzer::QualifiedName;
using analyzer::RuleInfo;

const RuleInfo kInfo{
    "uncommitted-transaction",
    analyzer::Severity::error,
    analyzer::RuleGroup::transactions,
    {
        "A transaction opened with BEGIN is still open at the end of the file",
        "`BEGIN` or `START TRANSACTION` with no `COMMIT`, `END`, `ROLLBACK` or `PREPARE TRANSACTION` after it "
        "in the same file, reported at the BEGIN. Not flagged in a file that the migration tool runs in its own "
        "transaction: the tool's COMMIT at the end then commits it. Severity: error.",
        "What happens next depends on the client, and none of it is good. psql and most tools end the session "
        "at the end of the script, and the server rolls the open transaction back: the migration reports "
        "success and did nothing, and the next one builds on a schema that is not there. A tool that keeps its "
        "connection open (a pool, a long-running deploy process) leaves the transaction idle in transaction, "
        "holding every lock it took, often ACCESS EXCLUSIVE on the altered tables, until the connection dies: "
        "every query on those tables waits, which is an outage.",
        "BEGIN;\n"
        "ALTER TABLE users ADD COLUMN last_seen timestamptz;\n"
        "-- end of file",
        "BEGIN;\n"
        "ALTER TABLE users ADD COLUMN last_seen timestamptz;\n"
        "COMMIT;",
        "",
    },
};

class UncommittedTransaction : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void start_file(const sqlparse::SourceText&) override {
    first_statement_ = true;
    wrapped_by_tool_ = false;
    begin_ = end_ = 0;
    begin_line_ = 0;
    held_.clear();
  }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter&) override {
    if (first_statement_) wrapped_by_tool_ = ctx.session.wrapped;
    first_statement_ = false;
    const std::string_view tx = analyzer::transaction_kind(ctx.statement.tree);
    if ((tx == "TRANS_STMT_BEGIN" || tx == "TRANS_STMT_START") && !ctx.session.in_transaction()) {
      begin_ = ctx.statement.begin;
      end_ = ctx.statement.end;
      begin_line_ = ctx.statement.start.line;
      held_.clear();
    }
    // Only the locks that block writes are reported: the weaker ones (a DML statement's, on
    // every table a foreign key links it to) need no entry.
    if (ctx.session.open_transactions > 0)
      for (const analyzer::RelationLock& lock : ctx.effects.locks)
        if (analyzer::blocks_writes(lock.mode) && !ctx.is_new_table(lock.relation)) {
          LockMode& held = held_[lock.relation];
          held = std::max(held, lock.mode);
        }
  }

  void finish_file(const analyzer::FileContext& ctx, analyzer::Reporter& out) override {
    if (wrapped_by_tool_ || ctx.session.open_transactions == 0 || begin_line_ == 0) return;
    std::string locks;
    for (const auto& [relation, mode] : held_)
      if (analyzer::blocks_writes(mode))
        locks += (locks.empty() ? "" : ", ") + std::string(analyzer::lock_mode_name(mode)) + " on " + relation.str();
    std::string message =
        "this transaction is never committed: when the session ends the server rolls it back and the migration "
        "silently does nothing";
    message += locks.empty() ? "; a client that keeps the connection open leaves it idle in transaction"
                             : "; a client that keeps the connection open leaves it idle in transaction, holding " +
                                   locks;
    out.report_at(begin_, end_, message,
                  "end the file with COMMIT (or ROLLBACK, if it is meant as a dry run)", "COMMIT;");
  }

 private:
  bool first_statement_ = true;
  bool wrapped_by_tool_ = false;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  int begin_line_ = 0;
  std::map<QualifiedName, LockMode> held_;  // locks that block writes, taken in the open transaction
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_uncommitted_transaction() { return std::make_unique<UncommittedTransaction>(); }

}  // namespace rules
