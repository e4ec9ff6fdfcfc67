// add-required-column-without-default: ADD COLUMN ... NOT NULL (or PRIMARY KEY) without a
// default on an existing table: PostgreSQL rejects it as soon as the table has a row.
#include "analyzer/rule.h"
#include "rules/common.h"

namespace rules {
namespace {

using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "add-required-column-without-default",
    analyzer::Severity::error,
    analyzer::RuleGroup::locks,
    {
        "ADD COLUMN ... NOT NULL without a DEFAULT fails on a table that has rows",
        "`ALTER TABLE ... ADD COLUMN ... NOT NULL` (or `PRIMARY KEY`) with no DEFAULT, identity, serial type or "
        "generated expression, on a table that already exists. Tables created in the files under review are new "
        "and empty, so they are not flagged. Severity: error.",
        "Existing rows get NULL in the new column, which violates NOT NULL: PostgreSQL scans the table under "
        "ACCESS EXCLUSIVE and aborts with \"column ... contains null values\" as soon as the table has a single "
        "row. The migration passes on an empty development database and fails at deploy time against "
        "production, rolling back the rest of its transaction. Even where it succeeds, the application's INSERTs "
        "that do not set the column start failing.",
        "ALTER TABLE users ADD COLUMN locale text NOT NULL;",
        "-- A constant default (PostgreSQL 11+: no rewrite, the value is stored in the catalogue):\n"
        "ALTER TABLE users ADD COLUMN locale text NOT NULL DEFAULT 'en';\n"
        "-- Or, when existing rows need computed values:\n"
        "ALTER TABLE users ADD COLUMN locale text;\n"
        "-- backfill in batches, each in its own transaction, until 0 rows:\n"
        "UPDATE users SET locale = 'en' WHERE id IN (SELECT id FROM users WHERE locale IS NULL LIMIT 10000);\n"
        "ALTER TABLE users ADD CONSTRAINT users_locale_not_null CHECK (locale IS NOT NULL) NOT VALID;\n"
        "ALTER TABLE users VALIDATE CONSTRAINT users_locale_not_null;  -- separate transaction\n"
        "ALTER TABLE users ALTER COLUMN locale SET NOT NULL;           -- 12+: no scan\n"
        "ALTER TABLE users DROP CONSTRAINT users_locale_not_null;",
        "",
    },
};

// "NOT NULL" or "PRIMARY KEY" when the new column is required and nothing fills it; empty otherwise.
std::string required_without_value(Node def) {
  if (analyzer::type_info(def["typeName"]).serial) return {};
  std::string required = def["is_not_null"].boolean() ? "NOT NULL" : "";
  for (Node con : def["constraints"]) {
    const std::string_view contype = con["contype"].str();
    if (contype == "CONSTR_DEFAULT" || contype == "CONSTR_IDENTITY" || contype == "CONSTR_GENERATED") return {};
    if (contype == "CONSTR_NOTNULL" && required.empty()) required = "NOT NULL";
    if (contype == "CONSTR_PRIMARY") required = "PRIMARY KEY";
  }
  return required;
}

class AddRequiredColumnWithoutDefault : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const Node stmt = ctx.statement.tree;
    if (!stmt.is("AlterTableStmt")) return;
    const analyzer::QualifiedName& table = ctx.relation();
    if (ctx.is_new_table(table)) return;
    for (Node cmd : stmt["cmds"]) {
      if (cmd["subtype"].str() != "AT_AddColumn") continue;
      const Node def = cmd["def"];
      const std::string required = required_without_value(def);
      if (required.empty()) continue;
      const std::string column(def["colname"].str());
      const std::string type = analyzer::type_name(def["typeName"]);
      const std::string t = table.str();
      const std::string sql = "-- with a constant default (11+: no rewrite):\n"
                              "ALTER TABLE " + t + " ADD COLUMN " + column + " " + type + " NOT NULL DEFAULT <value>;\n"
                              "-- or nullable first, backfilled in batches, then required:\n"
                              "ALTER TABLE " + t + " ADD COLUMN " + column + " " + type + ";\n" +
                              not_null_through_check_sql(table, column, "after the backfill");
      out.report(ctx.statement,
                 "ADD COLUMN " + column + " " + required + " without a default fails at deploy time if " + t +
                     " has any rows: existing rows would hold NULL",
                 "give the column a constant DEFAULT, or add it nullable, backfill in batches and then set NOT NULL "
                 "through a validated CHECK constraint",
                 sql);
    }
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_add_required_column_without_default() {
  return std::make_unique<AddRequiredColumnWithoutDefault>();
}

}  // namespace rules
