// add-column-stored-generated: ADD COLUMN ... GENERATED ALWAYS AS (expr) STORED on an
// existing table: every row's value is computed and written, so the table is rewritten.
#include "analyzer/rule.h"

namespace rules {
namespace {

using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "add-column-stored-generated",
    analyzer::Severity::error,
    analyzer::RuleGroup::locks,
    {
        "ADD COLUMN ... GENERATED ALWAYS AS (...) STORED rewrites the whole table",
        "`ALTER TABLE ... ADD COLUMN ... GENERATED ALWAYS AS (expr) STORED` on a table that already exists. "
        "Tables created in the files under review are new and empty, so they are not flagged. Severity: error.",
        "A stored generated column is computed for every existing row and written into it, so PostgreSQL "
        "rewrites the table and all of its indexes while ALTER TABLE holds an ACCESS EXCLUSIVE lock: every read "
        "and every write on the table waits for the whole rewrite (minutes to hours on a large table), and the "
        "rewrite needs disk space for a second copy of the table.",
        "ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (quantity * unit_cents) STORED;",
        "-- 1. A plain column: instant.\n"
        "ALTER TABLE orders ADD COLUMN total_cents bigint;\n"
        "-- 2. Keep it up to date for new and changed rows.\n"
        "CREATE FUNCTION orders_total_cents() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        "BEGIN NEW.total_cents := NEW.quantity * NEW.unit_cents; RETURN NEW; END $$;\n"
        "CREATE TRIGGER orders_total_cents BEFORE INSERT OR UPDATE ON orders\n"
        "  FOR EACH ROW EXECUTE FUNCTION orders_total_cents();\n"
        "-- 3. Backfill existing rows in batches, each in its own transaction; repeat until 0 rows.\n"
        "UPDATE orders SET total_cents = quantity * unit_cents\n"
        "WHERE id IN (SELECT id FROM orders WHERE total_cents IS NULL LIMIT 10000);\n"
        "-- Or compute the value where it is read (a view or the query) and store nothing.",
        "Stored generated columns exist from PostgreSQL 12.",
    },
};

Node generated_constraint(Node column_def) {
  for (Node con : column_def["constraints"])
    if (con["contype"].str() == "CONSTR_GENERATED") return con;
  return {};
}

class AddColumnStoredGenerated : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const Node stmt = ctx.statement.tree;
    if (!stmt.is("AlterTableStmt")) return;
    const analyzer::QualifiedName& table = ctx.relation();
    if (ctx.is_new_table(table) || !ctx.effects.rewrites_table(table)) return;
    for (Node cmd : stmt["cmds"]) {
      if (cmd["subtype"].str() != "AT_AddColumn") continue;
      const Node def = cmd["def"];
      const Node generated = generated_constraint(def);
      if (!generated) continue;
      const std::string column(def["colname"].str());
      const std::string expr = analyzer::expression_sql(generated["raw_expr"]);
      const std::string t = table.str();
      std::string sql = "ALTER TABLE " + t + " ADD COLUMN " + column + " " + analyzer::type_name(def["typeName"]) +
                        ";\n-- a BEFORE INSERT OR UPDATE trigger that sets NEW." + column + " := " + expr +
                        ", then in batches, each in its own transaction, until no row is left:\n" + "UPDATE " + t +
                        " SET " + column + " = " + expr + " WHERE ctid IN (SELECT ctid FROM " +
                        t + " WHERE " + column + " IS NULL LIMIT 10000);";
      out.report(ctx.statement,
                 "ADD COLUMN " + column + " GENERATED ALWAYS AS (" + expr + ") STORED rewrites " + t +
                     " and its indexes under an ACCESS EXCLUSIVE lock that blocks reads and writes",
                 "add a plain column, keep it current with a trigger and backfill existing rows in batches (or "
                 "compute the value where it is read)",
                 sql);
    }
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_add_column_stored_generated() {
  return std::make_unique<AddColumnStoredGenerated>();
}

}  // namespace rules
