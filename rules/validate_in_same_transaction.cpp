// validate-in-same-transaction: VALIDATE CONSTRAINT in the transaction that added the constraint NOT VALID.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>

#include "analyzer/rule.h"
#include "rules/common.h"

namespace rules {
namespace {

using analyzer::LockMode;
using analyzer::QualifiedName;
using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "validate-in-same-transaction",
    analyzer::Severity::error,
    analyzer::RuleGroup::locks,
    {
        "VALIDATE CONSTRAINT in the transaction that added the constraint NOT VALID gains nothing",
        "`ALTER TABLE ... VALIDATE CONSTRAINT` of a constraint that was added `NOT VALID` earlier in the same "
        "transaction: after an explicit BEGIN that has not been committed yet, anywhere in a file that the "
        "migration tool runs in one transaction, or in the same ALTER TABLE statement. A constraint added NOT "
        "VALID in an earlier transaction (or migration) is the safe pattern and is not flagged, nor is a table "
        "created earlier in the files under review. Severity: error when the transaction holds an ACCESS "
        "EXCLUSIVE lock on the table during the validation (a CHECK constraint), warning when the lock blocks "
        "writes only (a foreign key: SHARE ROW EXCLUSIVE).",
        "NOT VALID exists to split the work: ADD CONSTRAINT ... NOT VALID takes its strong lock only for a "
        "catalogue change, and VALIDATE CONSTRAINT later scans the table under SHARE UPDATE EXCLUSIVE, which lets "
        "reads and writes continue. Locks are held until the transaction ends, though: validating in the same "
        "transaction scans every row while the ACCESS EXCLUSIVE lock of ADD CHECK (or the SHARE ROW EXCLUSIVE "
        "locks of ADD FOREIGN KEY, on both tables) is still held, so reads and writes stop exactly as if the "
        "constraint had been added without NOT VALID.",
        "BEGIN;\n"
        "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey\n"
        "  FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n"
        "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;\n"
        "COMMIT;",
        "-- migration 1:\n"
        "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey\n"
        "  FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n"
        "-- migration 2 (a new transaction: only SHARE UPDATE EXCLUSIVE on orders during the scan):\n"
        "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;",
        "",
    },
};

class ValidateInSameTransaction : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void start_file(const sqlparse::SourceText& source) override {
    path_ = source.path();
    transaction_start_.reset();
    held_.clear();
    added_not_valid_.clear();
  }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    track_transaction(ctx);
    const Node stmt = ctx.statement.tree;
    if (stmt.is("AlterTableStmt") && stmt["objtype"].str() != "OBJECT_INDEX") check_alter(ctx, out);
    if (transaction_start_)
      for (const analyzer::RelationLock& lock : ctx.effects.locks) {
        LockMode& held = held_.try_emplace(lock.relation, lock.mode).first->second;
        held = std::max(held, lock.mode);
      }
  }

 private:
  // The line the open transaction started on (0: the tool's transaction, from the top of the file).
  void track_transaction(const analyzer::StatementContext& ctx) {
    const std::string_view tx = analyzer::transaction_kind(ctx.statement.tree);
    if (!ctx.session.in_transaction()) {
      transaction_start_.reset();
      // clear() zeroes every bucket, as many as the largest transaction of the file needed: a
      // fresh map costs only what the next transaction holds.
      if (!held_.empty()) held_ = decltype(held_)();
      added_not_valid_.clear();
      if (tx == "TRANS_STMT_BEGIN" || tx == "TRANS_STMT_START") transaction_start_ = ctx.statement.start.line;
    } else if (!transaction_start_) {
      transaction_start_ = 0;
    }
  }

  void check_alter(const analyzer::StatementContext& ctx, analyzer::Reporter& out) {
    const Node stmt = ctx.statement.tree;
    const QualifiedName& table = ctx.relation();
    if (ctx.is_new_table(table)) return;
    const analyzer::Table* model = ctx.find_table(table);
    std::set<std::string> added_here;  // NOT VALID earlier in this very statement
    for (Node cmd : stmt["cmds"]) {
      const std::string_view sub = cmd["subtype"].str();
      if (sub == "AT_AddConstraint" && cmd["def"]["skip_validation"].boolean()) {
        const std::string name(cmd["def"]["conname"].str());
        if (name.empty()) continue;
        added_here.insert(name);
        if (transaction_start_) added_not_valid_[{table, name}] = ctx.statement.start.line;
        continue;
      }
      if (sub != "AT_ValidateConstraint") continue;
      const std::string name(cmd["name"].str());
      if (added_here.count(name)) {
        const analyzer::RelationLock* lock = ctx.effects.lock_on(table);
        report(ctx, out, table, name, "earlier in the same statement", lock ? lock->mode : LockMode::AccessExclusive);
      } else if (std::optional<int> line = added_in_transaction(model, table, name)) {
        const auto held = held_.find(table);
        report(ctx, out, table, name, "on line " + std::to_string(*line) + ", in the same transaction",
               held == held_.end() ? LockMode::AccessExclusive : held->second);
      }
    }
  }

  // The line where the open transaction added the constraint NOT VALID, if it did.
  std::optional<int> added_in_transaction(const analyzer::Table* model, const QualifiedName& table,
                                          const std::string& name) const {
    if (!transaction_start_) return std::nullopt;
    if (auto it = added_not_valid_.find({table, name}); it != added_not_valid_.end()) return it->second;
    // An unnamed constraint: the model knows the name PostgreSQL gave it and where it came from.
    const analyzer::Constraint* con = model ? model->constraint(name) : nullptr;
    if (con && !con->validated && con->origin.kind == analyzer::Origin::Kind::under_review &&
        con->origin.path == path_ && con->origin.line >= *transaction_start_)
      return con->origin.line;
    return std::nullopt;
  }

  static void report(const analyzer::StatementContext& ctx, analyzer::Reporter& out, const QualifiedName& table,
                     const std::string& name, const std::string& where, LockMode held) {
    const bool blocks_reads = analyzer::blocks_reads(held);
    const bool explicit_block = ctx.session.open_transactions > 0;
    analyzer::Finding& f = out.report(
        ctx.statement,
        "VALIDATE CONSTRAINT " + quote_identifier(name) + " on " + table.str() + " runs in the transaction that " +
            "added it NOT VALID (" + where + "): the validation scan runs while the transaction still holds " +
            std::string(analyzer::lock_mode_name(held)) + " on " + table.str() + ", which " +
            std::string(analyzer::lock_blocks_description(held)) + ", so NOT VALID gained nothing",
        explicit_block || !ctx.session.wrapped
            ? "COMMIT after ADD CONSTRAINT ... NOT VALID and validate in a new transaction, ideally a later "
              "migration"
            : "the migration tool runs this file in one transaction: move VALIDATE CONSTRAINT to the next migration",
        "-- in a new transaction (the next migration):\n" + std::string(ctx.statement.text) + ";");
    if (!blocks_reads) f.severity = analyzer::Severity::warning;
  }

  std::string path_;
  std::optional<int> transaction_start_;
  // The strongest lock the open transaction holds per relation (updated for every lock of
  // every statement: hashed).
  std::unordered_map<QualifiedName, LockMode, analyzer::NameHash, analyzer::NameEqual> held_;
  std::map<std::pair<QualifiedName, std::string>, int> added_not_valid_;  // named constraints, by line
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_validate_in_same_transaction() {
  return std::make_unique<ValidateInSameTransaction>();
}

}  // namespace rules
