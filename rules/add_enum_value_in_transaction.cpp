// add-enum-value-in-transaction: ALTER TYPE ... ADD VALUE inside a transaction block that
// fails (before 12) or whose new value is used before the transaction commits (12+).
#include <set>
#include <string>
#include <vector>

#include "analyzer/rule.h"

namespace rules {
namespace {

using analyzer::QualifiedName;
using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "add-enum-value-in-transaction",
    analyzer::Severity::error,
    analyzer::RuleGroup::locks,
    {
        "ALTER TYPE ... ADD VALUE in a transaction fails (before 12) or its value is used before it commits",
        "`ALTER TYPE ... ADD VALUE` on an enum type while a transaction is open (after an explicit BEGIN, or in "
        "a file the migration tool runs in one transaction). Before PostgreSQL 12 the statement itself is "
        "flagged. From 12 on, it is flagged at each later statement of the same transaction that uses the new "
        "value as a string literal (`'archived'`, `'archived'::status`). An enum type created earlier in the "
        "same transaction is exempt: PostgreSQL allows both on it.",
        "Before 12, PostgreSQL refuses the statement in a transaction block (\"ALTER TYPE ... ADD cannot run "
        "inside a transaction block\"): the migration fails at deploy time. From 12 the statement runs, but the "
        "new value is unusable until the transaction commits (\"unsafe use of new value\"), because an "
        "uncommitted value could reach an index and break it if the transaction rolled back; the UPDATE or "
        "INSERT that uses it fails at deploy time, and the whole migration rolls back with it. Both errors are "
        "error severity.",
        "BEGIN;\n"
        "ALTER TYPE order_status ADD VALUE 'archived';\n"
        "UPDATE orders SET status = 'archived' WHERE closed_at < now() - interval '1 year';\n"
        "COMMIT;",
        "-- migration 1 (before PostgreSQL 12: alone, with the tool's transaction turned off):\n"
        "ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'archived';\n"
        "-- migration 2, after migration 1 has committed (a backfill: in batches):\n"
        "UPDATE orders SET status = 'archived' WHERE id IN (\n"
        "  SELECT id FROM orders WHERE closed_at < now() - interval '1 year' AND status <> 'archived' LIMIT 5000);",
        "Before 12, ADD VALUE cannot run in a transaction block at all (unless the type was created in it); "
        "from 12 it can, but the value is usable only after COMMIT.",
    },
};

struct AddedValue {
  QualifiedName type;
  std::string value;
  int line = 0;
};

bool ends_transaction(std::string_view tx) {
  return tx == "TRANS_STMT_COMMIT" || tx == "TRANS_STMT_ROLLBACK" || tx == "TRANS_STMT_COMMIT_PREPARED" ||
         tx == "TRANS_STMT_ROLLBACK_PREPARED" || tx == "TRANS_STMT_PREPARE";
}

// The first string literal in the statement equal to one of the values, or nullptr.
const AddedValue* first_use(Node stmt, const std::vector<AddedValue>& added) {
  const AddedValue* found = nullptr;
  stmt.walk([&](Node node) {
    if (found || !node.is("A_Const")) return;
    const std::string_view text = node["sval"]["sval"].str();
    if (text.empty()) return;
    for (const AddedValue& v : added)
      if (v.value == text) {
        found = &v;
        return;
      }
  });
  return found;
}

class AddEnumValueInTransaction : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void start_file(const sqlparse::SourceText&) override { reset(); }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const Node stmt = ctx.statement.tree;
    if (ends_transaction(analyzer::transaction_kind(stmt)) || !ctx.session.in_transaction()) {
      reset();
      return;
    }
    if (stmt.is("CreateEnumStmt")) {
      created_in_transaction_.insert(ctx.qualify(analyzer::list_name(stmt["typeName"])));
      return;
    }
    if (stmt.is("AlterEnumStmt")) {
      check_add_value(ctx, stmt, out);
      return;
    }
    if (added_.empty()) return;
    if (const AddedValue* use = first_use(stmt, added_)) {
      out.report(ctx.statement,
                 "uses '" + use->value + "', added to " + use->type.str() + " on line " + std::to_string(use->line) +
                     " in the same transaction: PostgreSQL rejects an enum value before its transaction commits "
                     "(\"unsafe use of new value\")",
                 "commit the ALTER TYPE ... ADD VALUE first: put it in a migration of its own and use the value in a "
                 "later one",
                 "-- migration 1:\nALTER TYPE " + use->type.str() + " ADD VALUE IF NOT EXISTS '" + use->value +
                     "';\n-- migration 2 (after migration 1 has committed):\n" + std::string(ctx.statement.text) +
                     ";");
    }
  }

 private:
  void check_add_value(const analyzer::StatementContext& ctx, Node stmt, analyzer::Reporter& out) {
    if (stmt["oldVal"]) return;  // RENAME VALUE is transactional
    const std::string value(stmt["newVal"].str());
    const QualifiedName written = analyzer::list_name(stmt["typeName"]);
    const analyzer::EnumType* existing = ctx.schema.find_enum(written, ctx.session.search_path);
    const QualifiedName type = existing ? existing->name : ctx.qualify(written);
    if (created_in_transaction_.count(type)) return;
    if (ctx.pg_version < 12) {
      out.report(ctx.statement,
                 "ALTER TYPE " + type.str() + " ADD VALUE cannot run inside a transaction block on PostgreSQL " +
                     std::to_string(ctx.pg_version) + ": the migration fails at deploy time",
                 "give it a migration of its own with the migration tool's transaction turned off (or upgrade to "
                 "PostgreSQL 12+, where it may run in a transaction)",
                 "-- Alone in its own migration, with the tool's transaction turned off:\nALTER TYPE " + type.str() +
                     " ADD VALUE IF NOT EXISTS '" + value + "';");
      return;
    }
    added_.push_back({type, value, ctx.statement.start.line});
  }

  void reset() {
    created_in_transaction_.clear();
    added_.clear();
  }

  std::set<QualifiedName> created_in_transaction_;
  std::vector<AddedValue> added_;  // values added in the open transaction, not usable yet
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_add_enum_value_in_transaction() {
  return std::make_unique<AddEnumValueInTransaction>();
}

}  // namespace rules
