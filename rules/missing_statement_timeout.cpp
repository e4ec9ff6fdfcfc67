// missing-statement-timeout: a statement that rewrites or scans an existing table while no
// statement_timeout is set.
#include "analyzer/rule.h"

namespace rules {
namespace {

using analyzer::QualifiedName;
using analyzer::RuleInfo;

const RuleInfo kInfo{
    "missing-statement-timeout",
    analyzer::Severity::warning,
    analyzer::RuleGroup::locks,
    {
        "A statement rewrites or scans an existing table while no statement_timeout is set",
        "A statement that rewrites a table that already exists (a type change, a volatile default, VACUUM FULL, "
        "CLUSTER, ...) or reads it in full while holding its lock (a constraint validation, SET NOT NULL, CREATE "
        "INDEX, ATTACH PARTITION), when no `statement_timeout` is in effect for the session: not set, set to 0, "
        "RESET, or set with SET LOCAL in a transaction that has since ended. Tables created earlier in the files "
        "under review are empty and not counted. Reported once per file, at the first such statement; one SET at "
        "the top of the file covers them all. Work under SHARE UPDATE EXCLUSIVE (VALIDATE CONSTRAINT, CREATE INDEX "
        "CONCURRENTLY) is not counted: reads and writes go on while it runs, so it is the safe way to do long "
        "work and is expected to take long.",
        "Once it has its lock, a rewrite or a scan takes time proportional to the table: minutes to hours on a "
        "big one, during which its lock blocks writes (SHARE), or reads and writes (ACCESS EXCLUSIVE), of the "
        "table. Without a statement_timeout nothing stops it when the table turns out bigger, or the disk slower, "
        "than in testing: the outage lasts as long as the statement. With a timeout the statement is cancelled, "
        "its transaction rolls back, the locks are released, and the migration can be redone the safe way.",
        "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);",
        "SET statement_timeout = '5s';      -- or SET LOCAL inside the migration's transaction\n"
        "SET lock_timeout = '2s';\n"
        "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;\n"
        "-- VALIDATE takes SHARE UPDATE EXCLUSIVE only: give it a longer timeout of its own\n"
        "SET statement_timeout = '30min';\n"
        "ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;",
        "",
    },
};

class MissingStatementTimeout : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void start_file(const sqlparse::SourceText&) override { reported_ = false; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    if (reported_ || ctx.session.statement_timeout_set) return;
    const QualifiedName* table = nullptr;
    const char* what = "rewrites";
    for (const QualifiedName& t : ctx.effects.rewrites)
      if (!table && counts(ctx, t)) table = &t;
    if (!table) {
      what = "scans";
      for (const QualifiedName& t : ctx.effects.scans)
        if (!table && counts(ctx, t)) table = &t;
    }
    if (!table) return;
    reported_ = true;
    const bool in_transaction = ctx.session.in_transaction();
    std::string lock_words;
    if (const analyzer::RelationLock* lock = ctx.effects.lock_on(*table))
      lock_words = " while its " + std::string(analyzer::lock_mode_name(lock->mode)) + " " +
                   std::string(analyzer::lock_blocks_description(lock->mode));
    out.report(ctx.statement,
               "the statement " + std::string(what) + " " + table->str() + " with no statement_timeout set: it runs " +
                   "as long as the table takes" + lock_words,
               std::string("set a statement_timeout before the first statement that rewrites or scans a table (") +
                   (in_transaction ? "SET LOCAL inside the transaction" : "SET for the session") +
                   "), so a statement that runs too long is cancelled and its locks released",
               in_transaction ? "SET LOCAL statement_timeout = '5s';" : "SET statement_timeout = '5s';");
  }

 private:
  // Work on an existing table under a lock that holds back its writes. A scan under SHARE UPDATE
  // EXCLUSIVE (VALIDATE CONSTRAINT, CREATE INDEX CONCURRENTLY) is the safe pattern: it may run long.
  static bool counts(const analyzer::StatementContext& ctx, const QualifiedName& table) {
    if (ctx.is_new_table(table)) return false;
    const analyzer::RelationLock* lock = ctx.effects.lock_on(table);
    return lock && analyzer::blocks_writes(lock->mode);
  }

  bool reported_ = false;
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_missing_statement_timeout() {
  return std::make_unique<MissingStatementTimeout>();
}

}  // namespace rules
