// nested-transaction: BEGIN while a transaction is already open (an explicit one or the migration
// tool's), and COMMIT or ROLLBACK with no transaction of the file's own open.
#include "analyzer/rule.h"

namespace rules {
namespace {

using analyzer::RuleInfo;

const RuleInfo kInfo{
    "nested-transaction",
    analyzer::Severity::warning,
    analyzer::RuleGroup::transactions,
    {
        "BEGIN inside an open transaction, or COMMIT/ROLLBACK with none open, does not do what it says",
        "`BEGIN` or `START TRANSACTION` while a transaction is already open: after an earlier BEGIN not yet "
        "ended, or anywhere in a file that the migration tool runs in one transaction (its default for most "
        "tools; the `wrap_in_transaction` setting). Also `COMMIT`, `END` or `ROLLBACK` with no BEGIN of the "
        "file's own open: in a wrapped file it ends the tool's transaction early, otherwise there is no "
        "transaction to end. Severity: warning.",
        "PostgreSQL has no nested transactions. A BEGIN inside a transaction only raises a WARNING (\"there is "
        "already a transaction in progress\") and changes nothing, so the first COMMIT or ROLLBACK ends the outer "
        "transaction: in a wrapped file it commits the tool's transaction halfway, the statements after it run "
        "one by one outside any transaction (a failure there leaves the migration half applied, and the tool "
        "may not have recorded it as run), and the tool's own COMMIT finds nothing to commit. A ROLLBACK meant "
        "for the inner block throws away the outer work too. A COMMIT or ROLLBACK with no transaction open "
        "only raises a WARNING (\"there is no transaction in progress\"): the statements before it were "
        "already committed one at a time, and a ROLLBACK undoes none of them.",
        "-- the migration tool runs this file in a transaction:\n"
        "BEGIN;\n"
        "ALTER TABLE users ADD COLUMN last_seen timestamptz;\n"
        "COMMIT;\n"
        "UPDATE users SET last_seen = now() WHERE id = 1;",
        "-- Let the tool's transaction cover the file:\n"
        "ALTER TABLE users ADD COLUMN last_seen timestamptz;\n"
        "UPDATE users SET last_seen = now() WHERE id = 1;\n"
        "-- A scope inside a transaction that can be rolled back on its own is a savepoint:\n"
        "SAVEPOINT before_backfill;\n"
        "-- ... ROLLBACK TO SAVEPOINT before_backfill; or RELEASE SAVEPOINT before_backfill;",
        "",
    },
};

const char kToolTransaction[] = "the transaction the migration tool wraps this file in";

class NestedTransaction : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void start_file(const sqlparse::SourceText&) override { begin_line_ = 0; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const std::string_view tx = analyzer::transaction_kind(ctx.statement.tree);
    const analyzer::SessionState& session = ctx.session;
    if (tx == "TRANS_STMT_BEGIN" || tx == "TRANS_STMT_START") {
      if (!session.in_transaction()) {
        begin_line_ = ctx.statement.start.line;
        return;
      }
      // A BEGIN inside the tool's transaction counts as open but opened nothing: the outer one is the tool's.
      const bool explicit_outer = session.open_transactions > 0 && begin_line_ > 0;
      const std::string outer = explicit_outer ? "the transaction opened on line " + std::to_string(begin_line_)
                                               : std::string(kToolTransaction);
      out.report(ctx.statement,
                 "BEGIN inside " + outer +
                     " opens no new transaction (PostgreSQL only warns): the next COMMIT or ROLLBACK ends " + outer,
                 explicit_outer
                     ? "remove the inner BEGIN and its COMMIT; for a scope that can be rolled back on its own, use "
                       "SAVEPOINT and ROLLBACK TO SAVEPOINT"
                     : "remove BEGIN and COMMIT and let the tool's transaction cover the file, or turn the tool's "
                       "transaction off for this file if it must control its own transactions");
    } else if (tx == "TRANS_STMT_COMMIT" || tx == "TRANS_STMT_ROLLBACK") {
      if (session.open_transactions > 0) return;
      const std::string verb = tx == "TRANS_STMT_COMMIT" ? "COMMIT" : "ROLLBACK";
      if (session.wrapped) {
        out.report(ctx.statement,
                   verb + " ends " + kToolTransaction +
                       " early: the statements after it run outside any transaction, and the tool's own COMMIT "
                       "finds none",
                   "remove it and let the tool's transaction cover the file, or turn the tool's transaction off "
                   "for this file and open and end transactions in the file itself");
      } else {
        out.report(ctx.statement,
                   verb + " with no transaction open (PostgreSQL only warns): the statements before it were "
                          "already committed one by one" +
                       (verb == "ROLLBACK" ? std::string(", and none of them is rolled back") : std::string()),
                   "remove it, or add the BEGIN it was meant to end");
      }
    }
  }

 private:
  int begin_line_ = 0;
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_nested_transaction() { return std::make_unique<NestedTransaction>(); }

}  // namespace rules
