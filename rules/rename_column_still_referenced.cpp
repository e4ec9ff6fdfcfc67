// rename-column-still-referenced: ALTER TABLE ... RENAME COLUMN while the application still
// uses the old name (`check` only).
#include "analyzer/rule.h"
#include "rules/app_usage.h"
#include "rules/common.h"

namespace rules {
namespace {

using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "rename-column-still-referenced",
    analyzer::Severity::error,
    analyzer::RuleGroup::application,
    {
        "A renamed column is still used under its old name by the application's code",
        "`ALTER TABLE ... RENAME COLUMN` on an existing table while the scanned application code still names the "
        "column by its old name (a read, a write, a filter, a result field read by name). Every such place is "
        "listed with the finding; ambiguous references (an unqualified name in a query over several tables that "
        "could hold it) count, and the message says how many are. Code that already uses the new name is not a "
        "problem for this rule. Only with `schemaguard check`; plain `lint` reports `rename-column`. "
        "Severity: error.",
        "A rename cannot be deployed without breaking something: while the deploy runs, the old version of the "
        "application and the new one both serve traffic, and whichever one disagrees with the database fails "
        "with `column ... does not exist`, before the migration (new code) or after it (old code). Code that "
        "still uses the old name breaks for good once the migration commits.",
        "-- src/user_repo.cpp:42:  SELECT email FROM users WHERE id = $1\n"
        "ALTER TABLE users RENAME COLUMN email TO email_address;",
        "-- Expand/contract, over separate deploys:\n"
        "ALTER TABLE users ADD COLUMN email_address text;                     -- 1. add the new column\n"
        "-- 2. deploy code that writes both email and email_address\n"
        "UPDATE users SET email_address = email WHERE id >= $1 AND id < $2;   -- 3. backfill in batches\n"
        "-- 4. deploy code that reads email_address only\n"
        "ALTER TABLE users DROP COLUMN email;                                 -- 5. later: drop the old one",
        "",
    },
};

class RenameColumnStillReferenced : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    if (!ctx.app) return;
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
    const CodeUsage usage = code_usage(ctx.app->uses_column(table, old_name));
    if (usage.empty()) return;
    analyzer::Finding& f = out.report(
        ctx.statement,
        "column " + table.str() + "." + old_name + " is renamed to " + new_name +
            " while the application still uses the old name " + describe_usage(usage),
        "expand/contract instead of renaming: add " + new_name + ", deploy code that writes both columns, backfill " +
            new_name + " in batches, deploy code that reads " + new_name + " only, then drop " + old_name +
            " in a later migration");
    f.references = usage.places;
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_rename_column_still_referenced() {
  return std::make_unique<RenameColumnStillReferenced>();
}

}  // namespace rules
