// rename-table-still-referenced: ALTER TABLE ... RENAME TO while the application still uses
// the old name (`check` only).
#include "analyzer/rule.h"
#include "rules/app_usage.h"

namespace rules {
namespace {

using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "rename-table-still-referenced",
    analyzer::Severity::error,
    analyzer::RuleGroup::application,
    {
        "A renamed table is still used under its old name by the application's code",
        "`ALTER TABLE ... RENAME TO` of an existing table while the scanned application code still queries the "
        "table by its old name. Every such place is listed with the finding; ambiguous references count, and the "
        "message says how many are. Only with `schemaguard check`; plain `lint` reports `rename-table`. "
        "Severity: error.",
        "While the deploy runs, the old and the new version of the application both serve traffic, and one of "
        "them always names the table the database does not have: `relation ... does not exist`. Code that still "
        "uses the old name breaks for good once the migration commits.",
        "-- src/customer_repo.cpp:12:  SELECT name FROM customers WHERE id = $1\n"
        "ALTER TABLE customers RENAME TO clients;",
        "-- Either expand/contract: create clients, write both tables, backfill, switch reads, drop customers.\n"
        "-- Or keep the old name alive with a view during the transition:\n"
        "BEGIN;\n"
        "SET LOCAL lock_timeout = '2s';\n"
        "ALTER TABLE customers RENAME TO clients;\n"
        "CREATE VIEW customers AS SELECT * FROM clients;  -- simple views accept INSERT/UPDATE/DELETE too\n"
        "COMMIT;\n"
        "-- deploy code that uses clients; then, in a later migration:\n"
        "DROP VIEW customers;",
        "",
    },
};

class RenameTableStillReferenced : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    if (!ctx.app) return;
    const Node stmt = ctx.statement.tree;
    if (!stmt.is("RenameStmt") || stmt["renameType"].str() != "OBJECT_TABLE") return;
    const analyzer::QualifiedName written = analyzer::range_var_name(stmt["relation"]);
    if (ctx.is_new_table(written)) return;
    const analyzer::QualifiedName table = ctx.qualify(written);
    const std::string new_name(stmt["newname"].str());
    const CodeUsage usage = code_usage(ctx.app->uses_table(table));
    if (usage.empty()) return;
    analyzer::Finding& f = out.report(
        ctx.statement,
        "table " + table.str() + " is renamed to " + new_name + " while the application still uses the old name " +
            describe_usage(usage),
        "expand/contract instead of renaming: create " + new_name + ", deploy code that writes both, backfill, "
            "deploy code that reads " + new_name + " only, then drop " + table.name +
            " later; or rename and create a view named " + table.name +
            " over the new table in the same transaction, and drop the view once no running code uses the old name");
    f.references = usage.places;
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_rename_table_still_referenced() {
  return std::make_unique<RenameTableStillReferenced>();
}

}  // namespace rules
