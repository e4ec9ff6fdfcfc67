// rename-column: ALTER TABLE ... RENAME COLUMN on an existing table.
#include "analyzer/rule.h"
#include "rules/common.h"

namespace rules {
namespace {

using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "rename-column",
    analyzer::Severity::warning,
    analyzer::RuleGroup::destructive,
    {
        "Renaming a column breaks application code that still uses the old name",
        "`ALTER TABLE ... RENAME COLUMN` on a table that already exists. A table created earlier in the files "
        "under review, or a column added there, is new and renaming it is not flagged.",
        "The rename is instant, and that is the problem: the version of the application running during the "
        "deploy still uses the old name, so its queries fail with `column ... does not exist` from the moment "
        "the migration commits until the new version has fully replaced it, and the new version cannot run "
        "before the migration. A rollback of the application breaks again. The statement also takes an ACCESS "
        "EXCLUSIVE lock on the table, briefly.",
        "ALTER TABLE users RENAME COLUMN email TO email_address;",
        "-- Expand/contract, over separate deploys:\n"
        "ALTER TABLE users ADD COLUMN email_address text;                       -- 1. add the new column\n"
        "-- 2. deploy code that writes both columns\n"
        "UPDATE users SET email_address = email WHERE id >= $1 AND id < $2;     -- 3. backfill in batches\n"
        "-- 4. deploy code that reads email_address only; 5. in a later migration:\n"
        "ALTER TABLE users DROP COLUMN email;\n"
        "-- (or bridge the gap: rename, and give old code a view exposing the old name until it is gone)",
        "",
    },
};

class RenameColumn : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const Node stmt = ctx.statement.tree;
    if (!stmt.is("RenameStmt") || stmt["renameType"].str() != "OBJECT_COLUMN" ||
        stmt["relationType"].str() != "OBJECT_TABLE")
      return;
    const analyzer::QualifiedName written = analyzer::range_var_name(stmt["relation"]);
    if (ctx.is_new_table(written)) return;
    const analyzer::QualifiedName table = ctx.qualify(written);
    const std::string old_name(stmt["subname"].str());
    const std::string new_name(stmt["newname"].str());
    if (is_new_column(ctx, table, old_name)) return;
    out.report(ctx.statement,
               "renaming column " + table.str() + "." + old_name + " to " + new_name +
                   " breaks application code that still uses the old name, including the version running during "
                   "the deploy",
               "expand/contract: add " + new_name + ", write both columns, backfill it in batches, switch reads to " +
                   new_name + ", then drop " + old_name + " in a later migration (or bridge with a view)",
               "ALTER TABLE " + table.str() + " ADD COLUMN " + new_name + " <type of " + old_name + ">;\n"
               "-- deploy code that writes both " + old_name + " and " + new_name + ", then backfill in batches:\n"
               "UPDATE " + table.str() + " SET " + new_name + " = " + old_name + " WHERE <key range of one batch>;\n"
               "-- deploy code that reads " + new_name + " only, then in a later migration:\n"
               "ALTER TABLE " + table.str() + " DROP COLUMN " + old_name + ";");
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_rename_column() { return std::make_unique<RenameColumn>(); }

}  // namespace rules
