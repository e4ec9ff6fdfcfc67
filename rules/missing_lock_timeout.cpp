// missing-lock-timeout: a lock that blocks normal traffic, taken with no lock_timeout set.
#include "analyzer/rule.h"

namespace rules {
namespace {

using analyzer::RuleInfo;

const RuleInfo kInfo{
    "missing-lock-timeout",
    analyzer::Severity::warning,
    analyzer::RuleGroup::locks,
    {
        "A statement takes a lock that blocks reads or writes while no lock_timeout is set",
        "A statement that takes a SHARE lock or stronger (SHARE, SHARE ROW EXCLUSIVE, EXCLUSIVE, ACCESS "
        "EXCLUSIVE: the modes that conflict with INSERT/UPDATE/DELETE, and ACCESS EXCLUSIVE also with SELECT) on "
        "a table that already exists, when no `lock_timeout` is in effect for the session: not set, set to 0, "
        "RESET, or set with SET LOCAL in a transaction that has since ended. Tables created earlier in the files "
        "under review are not in use yet and are not counted. SHARE UPDATE EXCLUSIVE (CREATE INDEX CONCURRENTLY, "
        "VALIDATE CONSTRAINT, VACUUM) is not counted: it conflicts with no ordinary read or write, so queries "
        "arriving while it waits are not held up. Reported once per file, at the first statement that would "
        "wait without a timeout; one SET at the top of the file covers them all.",
        "Taking the lock is the dangerous part, not holding it: if any transaction, even an idle one, holds a "
        "conflicting lock on the table, the statement waits in the lock queue, and every query that arrives "
        "after it queues behind it, because a waiting ACCESS EXCLUSIVE request blocks all later requests for "
        "the table. Until the long transaction ends, reads and writes of the table stop: an outage caused by a "
        "statement that has not even started running. With a lock_timeout the statement gives up after a few "
        "seconds instead, traffic resumes, and the migration can be retried.",
        "ALTER TABLE users ADD COLUMN last_seen timestamptz;",
        "SET lock_timeout = '2s';            -- or SET LOCAL inside the migration's transaction\n"
        "ALTER TABLE users ADD COLUMN last_seen timestamptz;\n"
        "-- If it times out, nothing happened: retry the migration (with backoff) until it gets the lock.",
        "",
    },
};

class MissingLockTimeout : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void start_file(const sqlparse::SourceText&) override { reported_ = false; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    if (reported_ || ctx.session.lock_timeout_set) return;
    const analyzer::RelationLock* worst = nullptr;
    for (const analyzer::RelationLock& lock : ctx.effects.locks) {
      if (!analyzer::blocks_writes(lock.mode) || ctx.is_new_table(lock.relation)) continue;
      if (!worst || lock.mode > worst->mode) worst = &lock;
    }
    if (!worst) return;
    reported_ = true;
    const bool in_transaction = ctx.session.in_transaction();
    const std::string blocked = analyzer::blocks_reads(worst->mode) ? "every query" : "every write";
    out.report(ctx.statement,
               "the statement takes " + std::string(analyzer::lock_mode_name(worst->mode)) + " on " +
                   worst->relation.str() + " with no lock_timeout set: while it waits behind a long transaction, " +
                   blocked + " on " + worst->relation.str() + " queues behind it",
               std::string("set a lock_timeout before the first statement that takes a lock (") +
                   (in_transaction ? "SET LOCAL inside the transaction" : "SET for the session") +
                   ") and retry the migration when it times out",
               in_transaction ? "SET LOCAL lock_timeout = '2s';" : "SET lock_timeout = '2s';");
  }

 private:
  bool reported_ = false;
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_missing_lock_timeout() { return std::make_unique<MissingLockTimeout>(); }

}  // namespace rules
