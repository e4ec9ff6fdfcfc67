// rename-table: ALTER TABLE ... RENAME TO on an existing table.
#include "analyzer/rule.h"

namespace rules {
namespace {

using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "rename-table",
    analyzer::Severity::warning,
    analyzer::RuleGroup::destructive,
    {
        "Renaming a table breaks application code that still uses the old name",
        "`ALTER TABLE ... RENAME TO` on a table that already exists. A table created earlier in the files under "
        "review is new and renaming it is not flagged.",
        "The rename is instant, and that is the problem: the version of the application running during the "
        "deploy still uses the old name, so its queries fail with `relation ... does not exist` from the moment "
        "the migration commits until the new version has fully replaced it. A rollback of the application "
        "breaks again. The statement also takes an ACCESS EXCLUSIVE lock on the table, briefly.",
        "ALTER TABLE customers RENAME TO accounts;",
        "-- Rename and leave a bridge under the old name, in one transaction:\n"
        "BEGIN;\n"
        "SET LOCAL lock_timeout = '2s';\n"
        "ALTER TABLE customers RENAME TO accounts;\n"
        "CREATE VIEW customers AS SELECT * FROM accounts;  -- simple views accept INSERT/UPDATE/DELETE\n"
        "COMMIT;\n"
        "-- Deploy code that uses accounts only, then in a later migration:\n"
        "DROP VIEW customers;",
        "",
    },
};

class RenameTable : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const Node stmt = ctx.statement.tree;
    if (!stmt.is("RenameStmt") || stmt["renameType"].str() != "OBJECT_TABLE") return;
    const analyzer::QualifiedName written = analyzer::range_var_name(stmt["relation"]);
    if (ctx.is_new_table(written)) return;
    const analyzer::QualifiedName table = ctx.qualify(written);
    const analyzer::QualifiedName renamed{table.schema, std::string(stmt["newname"].str())};
    out.report(ctx.statement,
               "renaming table " + table.str() + " to " + renamed.str() +
                   " breaks application code that still uses the old name, including the version running during "
                   "the deploy",
               "keep the old name working until no running code uses it: rename and create a view under the old "
               "name in the same transaction, deploy code that uses the new name, then drop the view later",
               "BEGIN;\nSET LOCAL lock_timeout = '2s';\nALTER TABLE " + table.str() + " RENAME TO " + renamed.name +
                   ";\nCREATE VIEW " + table.str() + " AS SELECT * FROM " + renamed.str() +
                   ";\nCOMMIT;\n-- after a deploy in which no code uses the old name:\nDROP VIEW " + table.str() +
                   ";");
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_rename_table() { return std::make_unique<RenameTable>(); }

}  // namespace rules
