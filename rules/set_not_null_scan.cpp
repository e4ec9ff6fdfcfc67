// set-not-null-scan: ALTER COLUMN ... SET NOT NULL that must scan an existing table.
#include "analyzer/rule.h"
#include "rules/common.h"

namespace rules {
namespace {

using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "set-not-null-scan",
    analyzer::Severity::error,
    analyzer::RuleGroup::locks,
    {
        "SET NOT NULL scans the whole table while holding an ACCESS EXCLUSIVE lock",
        "`ALTER TABLE ... ALTER COLUMN ... SET NOT NULL` on a table that already exists, when PostgreSQL has to "
        "read every row to prove the column holds no NULL: the column is not NOT NULL yet and (on PostgreSQL 12 "
        "and later) no validated `CHECK (column IS NOT NULL)` constraint already proves it. Tables created "
        "earlier in the files under review are new and empty, so they are not flagged. Severity: error.",
        "SET NOT NULL takes an ACCESS EXCLUSIVE lock on the table and keeps it while it scans every row looking "
        "for a NULL. For the whole scan nothing else can read or write the table, and every query queued behind "
        "the lock waits too. On a large table that is an outage of minutes.",
        "ALTER TABLE orders ALTER COLUMN user_id SET NOT NULL;",
        "-- 1. Add the check without checking existing rows (brief ACCESS EXCLUSIVE lock, no scan):\n"
        "ALTER TABLE orders ADD CONSTRAINT orders_user_id_not_null CHECK (user_id IS NOT NULL) NOT VALID;\n"
        "-- 2. In a separate transaction: scan under SHARE UPDATE EXCLUSIVE (reads and writes continue):\n"
        "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_not_null;\n"
        "-- 3. The validated CHECK proves there is no NULL, so this skips the scan (PostgreSQL 12+):\n"
        "ALTER TABLE orders ALTER COLUMN user_id SET NOT NULL;\n"
        "-- 4. The CHECK is now redundant:\n"
        "ALTER TABLE orders DROP CONSTRAINT orders_user_id_not_null;",
        "PostgreSQL 12 and later skip the scan when a validated CHECK (column IS NOT NULL) exists; on 11 SET NOT "
        "NULL always scans, so keep the validated CHECK constraint instead of NOT NULL there.",
    },
};

// The effects model records when a validated CHECK spared this column's scan.
bool check_spares_scan(const analyzer::Effects& effects, const std::string& column) {
  const std::string proof = " proves " + column + " IS NOT NULL";
  for (const std::string& note : effects.notes)
    if (note.find(proof) != std::string::npos) return true;
  return false;
}

std::string safe_sequence(const analyzer::QualifiedName& table, const std::string& column, int pg_version) {
  const std::string t = qualified_sql(table);
  const std::string col = quote_identifier(column);
  const std::string check = quote_identifier(default_constraint_name(table.name, {column}, "not_null"));
  std::string sql =
      "ALTER TABLE " + t + " ADD CONSTRAINT " + check + " CHECK (" + col + " IS NOT NULL) NOT VALID;\n"
      "-- in a separate transaction (reads and writes continue during the scan):\n"
      "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + check + ";\n";
  if (pg_version < 12)
    return sql + "-- PostgreSQL " + std::to_string(pg_version) +
           " cannot use the CHECK to skip SET NOT NULL's scan: keep the validated CHECK instead of NOT NULL.";
  return sql + "ALTER TABLE " + t + " ALTER COLUMN " + col + " SET NOT NULL;  -- no scan: the CHECK proves it\n" +
         "ALTER TABLE " + t + " DROP CONSTRAINT " + check + ";";
}

class SetNotNullScan : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const Node stmt = ctx.statement.tree;
    if (!stmt.is("AlterTableStmt") || stmt["objtype"].str() == "OBJECT_INDEX") return;
    const analyzer::QualifiedName& table = ctx.relation();
    if (ctx.is_new_table(table) || !ctx.effects.scans_table(table)) return;
    const analyzer::Table* model = ctx.find_table(table);
    for (Node cmd : stmt["cmds"]) {
      if (cmd["subtype"].str() != "AT_SetNotNull") continue;
      const std::string column(cmd["name"].str());
      if (model)
        if (const analyzer::Column* c = model->column(column); c && c->not_null) continue;
      if (check_spares_scan(ctx.effects, column)) continue;
      const std::string help =
          ctx.pg_version >= 12
              ? "prove the column has no NULL with a CHECK (" + column +
                    " IS NOT NULL) NOT VALID constraint, VALIDATE it in a separate transaction, then SET NOT NULL "
                    "(no scan) and drop the CHECK"
              : "on PostgreSQL " + std::to_string(ctx.pg_version) +
                    " SET NOT NULL always scans: add a CHECK (" + column +
                    " IS NOT NULL) NOT VALID constraint and VALIDATE it in a separate transaction instead";
      out.report(ctx.statement,
                 "SET NOT NULL on " + table.str() + "." + column +
                     " scans the whole table under an ACCESS EXCLUSIVE lock that blocks reads and writes",
                 help, safe_sequence(table, column, ctx.pg_version));
    }
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_set_not_null_scan() { return std::make_unique<SetNotNullScan>(); }

}  // namespace rules
