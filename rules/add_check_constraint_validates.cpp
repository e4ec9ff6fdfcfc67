// add-check-constraint-validates: ADD CONSTRAINT ... CHECK without NOT VALID on an existing table.
#include "analyzer/rule.h"
#include "rules/common.h"

namespace rules {
namespace {

using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "add-check-constraint-validates",
    analyzer::Severity::error,
    analyzer::RuleGroup::locks,
    {
        "ADD CHECK validates every row while holding an ACCESS EXCLUSIVE lock",
        "`ALTER TABLE ... ADD [CONSTRAINT name] CHECK (...)` without `NOT VALID` on a table that already exists. "
        "Tables created earlier in the files under review are new and empty, so they are not flagged. "
        "Severity: error.",
        "Adding a CHECK constraint takes an ACCESS EXCLUSIVE lock on the table and, unless the constraint is "
        "NOT VALID, keeps it while it scans every row to check the expression. Nothing can read or write the "
        "table until the scan ends, and every query queued behind the lock waits as well. With NOT VALID the "
        "lock is held only for a catalogue change; VALIDATE CONSTRAINT later checks the old rows under a SHARE "
        "UPDATE EXCLUSIVE lock, which lets reads and writes continue.",
        "ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0);",
        "-- 1. New and updated rows are checked from now on; existing rows are not read:\n"
        "ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0) NOT VALID;\n"
        "-- 2. In a separate transaction (its own migration), scan without blocking reads or writes:\n"
        "ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_positive;",
        "",
    },
};

class AddCheckConstraintValidates : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const Node stmt = ctx.statement.tree;
    if (!stmt.is("AlterTableStmt") || stmt["objtype"].str() == "OBJECT_INDEX") return;
    const analyzer::QualifiedName& table = ctx.relation();
    if (ctx.is_new_table(table) || !ctx.effects.scans_table(table)) return;
    for (Node cmd : stmt["cmds"]) {
      if (cmd["subtype"].str() != "AT_AddConstraint") continue;
      const Node con = cmd["def"];
      if (con["contype"].str() != "CONSTR_CHECK" || con["skip_validation"].boolean()) continue;
      const std::string given(con["conname"].str());
      std::string name = given;
      if (name.empty()) name = default_constraint_name(table.name, {}, "check");
      std::string first = single_constraint_sql(ctx, con, name, " NOT VALID");
      if (first.empty()) {
        // Rendered from the parse tree; "<expr>" marks a part it cannot print.
        std::string expression = analyzer::expression_sql(con["raw_expr"]);
        if (expression.find("<expr>") != std::string::npos) expression = "...";
        first = "-- move the CHECK into an ALTER TABLE of its own, named, with NOT VALID at its end:\n"
                "ALTER TABLE " + qualified_sql(table) + " ADD CONSTRAINT " + quote_identifier(name) + " CHECK (" +
                expression + ") NOT VALID;";
      }
      out.report(ctx.statement,
                 "ADD CHECK " + (given.empty() ? std::string() : quote_identifier(given) + " ") + "on " + table.str() +
                     " scans every row under an ACCESS EXCLUSIVE lock that blocks reads and writes",
                 "add the constraint NOT VALID, then VALIDATE CONSTRAINT in a separate transaction "
                 "(SHARE UPDATE EXCLUSIVE: reads and writes continue during the scan)",
                 first + "\n-- in a separate transaction:\nALTER TABLE " + qualified_sql(table) + " VALIDATE CONSTRAINT " +
                     quote_identifier(name) + ";");
    }
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_add_check_constraint_validates() {
  return std::make_unique<AddCheckConstraintValidates>();
}

}  // namespace rules
