// drop-column-still-referenced: ALTER TABLE ... DROP COLUMN of a column the application
// still names (`check` only).
#include "analyzer/rule.h"
#include "rules/app_usage.h"
#include "rules/common.h"

namespace rules {
namespace {

using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "drop-column-still-referenced",
    analyzer::Severity::error,
    analyzer::RuleGroup::application,
    {
        "A dropped column is still used by the application's code",
        "`ALTER TABLE ... DROP COLUMN` of a column of an existing table while the scanned application code still "
        "reads, writes, filters on or reads a result field by that name. Every such place is listed with the "
        "finding. A reference is counted even when it is ambiguous (an unqualified column in a query over several "
        "tables that could hold it); the message says so. A bare `SELECT *` does not count: code that never names "
        "the column keeps working without it. `SELECT *` followed by a read of the field by name does count. "
        "Only with `schemaguard check` (the application's references are needed); plain `lint` reports "
        "`drop-column` instead. Severity: error.",
        "The queries that name the column fail with `column ... does not exist` the moment the migration commits, "
        "both in the version of the application running during the deploy and in the code under review itself "
        "if it still names the column. A rollback of the application cannot bring the column or its data back.",
        "-- src/user_repo.cpp:42:  SELECT id, email FROM users WHERE id = $1\n"
        "ALTER TABLE users DROP COLUMN email;",
        "-- Expand/contract, over separate deploys:\n"
        "-- 1. Stop reading and writing users.email in code; deploy.\n"
        "-- 2. Once no running version uses it, in a later migration:\n"
        "SET lock_timeout = '2s';\n"
        "ALTER TABLE users DROP COLUMN email;",
        "",
    },
};

class DropColumnStillReferenced : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    if (!ctx.app) return;
    const auto altered = altered_existing_table(ctx);
    if (!altered) return;
    const analyzer::QualifiedName& table = *altered;
    const Node stmt = ctx.statement.tree;
    for (Node cmd : stmt["cmds"]) {
      if (cmd["subtype"].str() != "AT_DropColumn") continue;
      const std::string column(cmd["name"].str());
      if (is_new_column(ctx, table, column)) continue;
      const CodeUsage usage = code_usage(ctx.app->uses_column(table, column));
      if (usage.empty()) continue;
      const std::string name = table.name + "." + column;
      analyzer::Finding& f =
          out.report(ctx.statement,
                     "column " + table.str() + "." + column + " is dropped while the application still uses it " +
                         describe_usage(usage),
                     "expand/contract: stop reading and writing `" + name +
                         "` in code, deploy, then drop it in a later migration" +
                         (usage.ambiguous_places ? " (qualify the ambiguous references so they can be told apart)"
                                                 : ""));
      f.references = usage.places;
    }
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_drop_column_still_referenced() {
  return std::make_unique<DropColumnStillReferenced>();
}

}  // namespace rules
