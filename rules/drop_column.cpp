// drop-column: ALTER TABLE ... DROP COLUMN on an existing table.
#include "analyzer/rule.h"
#include "rules/common.h"

namespace rules {
namespace {

using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "drop-column",
    analyzer::Severity::warning,
    analyzer::RuleGroup::destructive,
    {
        "Dropping a column breaks application code that still uses it",
        "`ALTER TABLE ... DROP COLUMN` on a table that already exists, one finding per dropped column. A table "
        "created earlier in the files under review, or a column added there, is new: no deployed code uses it, "
        "so dropping it is not flagged.",
        "During a deploy the old version of the application keeps running until the new one has replaced it, "
        "and it still names the column: its SELECTs and INSERTs fail with `column ... does not exist` the moment "
        "the migration commits, and `SELECT *` readers and ORMs that cache the column list break too. A rollback "
        "of the application cannot bring the column (or its data) back. The statement also takes an ACCESS "
        "EXCLUSIVE lock on the table, briefly.",
        "ALTER TABLE users DROP COLUMN legacy_email;",
        "-- Expand/contract, over separate deploys:\n"
        "-- 1. Deploy code that no longer reads or writes users.legacy_email (ORMs: mark it ignored first).\n"
        "-- 2. Once no running version uses it, in a later migration:\n"
        "SET lock_timeout = '2s';\n"
        "ALTER TABLE users DROP COLUMN legacy_email;",
        "",
    },
};

class DropColumn : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const auto altered = altered_existing_table(ctx);
    if (!altered) return;
    const analyzer::QualifiedName& table = *altered;
    const Node stmt = ctx.statement.tree;
    for (Node cmd : stmt["cmds"]) {
      if (cmd["subtype"].str() != "AT_DropColumn") continue;
      const std::string column(cmd["name"].str());
      if (is_new_column(ctx, table, column)) continue;
      out.report(ctx.statement,
                 "dropping column " + table.str() + "." + column +
                     " breaks application code that still reads or writes it, including the version running "
                     "during the deploy",
                 "expand/contract: first deploy code that no longer uses " + column +
                     ", then drop it in a later migration once no running version needs it",
                 "-- after a deploy in which no code uses " + table.str() + "." + column + ":\nALTER TABLE " +
                     table.str() + " DROP COLUMN " + column + ";");
    }
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_drop_column() { return std::make_unique<DropColumn>(); }

}  // namespace rules
