// add-foreign-key-validates: ADD FOREIGN KEY without NOT VALID on an existing table.
#include "analyzer/rule.h"
#include "rules/common.h"

namespace rules {
namespace {

using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "add-foreign-key-validates",
    analyzer::Severity::warning,
    analyzer::RuleGroup::locks,
    {
        "ADD FOREIGN KEY checks every row while blocking writes to both tables",
        "`ALTER TABLE ... ADD [CONSTRAINT name] FOREIGN KEY ... REFERENCES ...` without `NOT VALID` on a table "
        "that already exists. Tables created earlier in the files under review are new and empty, so they are "
        "not flagged. Severity: warning (the lock blocks writes, not reads).",
        "Adding a foreign key takes a SHARE ROW EXCLUSIVE lock on the referencing table and on the referenced "
        "table, and unless the constraint is NOT VALID it keeps both locks while it joins the two tables to "
        "check every existing row. Reads continue, but every INSERT, UPDATE and DELETE on either table waits "
        "for the whole check. With NOT VALID the locks are held only for a catalogue change; VALIDATE "
        "CONSTRAINT later checks the old rows under SHARE UPDATE EXCLUSIVE on the referencing table and ROW "
        "SHARE on the referenced one, which let writes continue.",
        "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id);",
        "-- 1. New and updated rows are checked from now on; existing rows are not read:\n"
        "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n"
        "-- 2. In a separate transaction (its own migration), check the old rows without blocking writes:\n"
        "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;",
        "PostgreSQL 11-17 reject NOT VALID for a foreign key on a partitioned table: add and validate it on each "
        "partition first.",
    },
};

// libpg_query's one-letter referential actions (FKCONSTR_ACTION_*).
std::string_view action_sql(std::string_view code) {
  if (code == "r") return "RESTRICT";
  if (code == "c") return "CASCADE";
  if (code == "n") return "SET NULL";
  if (code == "d") return "SET DEFAULT";
  return "";  // "a": NO ACTION, the default
}

// " FOREIGN KEY (a) REFERENCES t (b) ON DELETE CASCADE", rebuilt from the constraint node.
std::string foreign_key_clause(Node con, const std::vector<std::string>& columns,
                               const analyzer::QualifiedName& referenced) {
  std::vector<std::string> referenced_columns;
  for (Node attr : con["pk_attrs"]) referenced_columns.emplace_back(attr.str());
  std::string sql = " FOREIGN KEY (" + column_list(columns) + ") REFERENCES " + qualified_sql(referenced);
  if (!referenced_columns.empty()) sql += " (" + column_list(referenced_columns) + ")";
  if (const std::string_view a = action_sql(con["fk_del_action"].str()); !a.empty()) sql += " ON DELETE " + std::string(a);
  if (const std::string_view a = action_sql(con["fk_upd_action"].str()); !a.empty()) sql += " ON UPDATE " + std::string(a);
  return sql;
}

class AddForeignKeyValidates : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const Node stmt = ctx.statement.tree;
    if (!stmt.is("AlterTableStmt") || stmt["objtype"].str() == "OBJECT_INDEX") return;
    const analyzer::QualifiedName& table = ctx.relation();
    if (ctx.is_new_table(table) || !ctx.effects.scans_table(table)) return;
    const analyzer::Table* model = ctx.find_table(table);
    const bool partitioned = model && model->kind == analyzer::RelationKind::partitioned_table;
    for (Node cmd : stmt["cmds"]) {
      if (cmd["subtype"].str() != "AT_AddConstraint") continue;
      const Node con = cmd["def"];
      if (con["contype"].str() != "CONSTR_FOREIGN" || con["skip_validation"].boolean()) continue;
      const analyzer::QualifiedName referenced = ctx.qualify(analyzer::range_var_name(con["pktable"]));
      std::vector<std::string> columns;
      for (Node attr : con["fk_attrs"]) columns.emplace_back(attr.str());
      const std::string given(con["conname"].str());
      const std::string name = given.empty() ? default_constraint_name(table.name, columns, "fkey") : given;

      std::string first = single_constraint_sql(ctx, con, name, " NOT VALID");
      if (first.empty())
        first = "-- move the foreign key into an ALTER TABLE of its own, named, with NOT VALID at its end:\n"
                "ALTER TABLE " + qualified_sql(table) + " ADD CONSTRAINT " + quote_identifier(name) +
                foreign_key_clause(con, columns, referenced) + " NOT VALID;";
      std::string help =
          "add the foreign key NOT VALID, then VALIDATE CONSTRAINT in a separate transaction (writes continue "
          "during the check)";
      if (partitioned)
        help += "; " + table.str() +
                " is partitioned and PostgreSQL 11-17 reject NOT VALID there, so do this on each partition first";
      out.report(ctx.statement,
                 "ADD FOREIGN KEY " + (given.empty() ? std::string() : quote_identifier(given) + " ") + "on " +
                     table.str() + " checks every row while a SHARE ROW EXCLUSIVE lock blocks writes to " +
                     table.str() + " and " + referenced.str(),
                 help,
                 first + "\n-- in a separate transaction:\nALTER TABLE " + qualified_sql(table) + " VALIDATE CONSTRAINT " +
                     quote_identifier(name) + ";");
    }
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_add_foreign_key_validates() {
  return std::make_unique<AddForeignKeyValidates>();
}

}  // namespace rules
