// app-reads-column-added-under-review: code reads a column that a migration under review
// adds to an existing table (`check` only).
#include "analyzer/rule.h"
#include "rules/app_usage.h"
#include "rules/common.h"

namespace rules {
namespace {

using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "app-reads-column-added-under-review",
    analyzer::Severity::warning,
    analyzer::RuleGroup::application,
    {
        "Application code reads a column that a migration under review adds",
        "`ALTER TABLE ... ADD COLUMN` on an existing table while the scanned application code already reads the "
        "new column: selects it, filters or sorts on it, or reads a result field by that name. Every such place "
        "is listed; ambiguous references (an unqualified name in a query over several tables) count, and the "
        "message says how many are. Code that only writes the column is not flagged (writing both the old and "
        "the new place is the expand step), and neither are tables created in the files under review. Only with "
        "`schemaguard check`. Severity: warning: the code is right, the order of the rollout is what matters.",
        "Until the migration has committed the column does not exist, and those queries fail with `column ... "
        "does not exist`; if the code deploys first, or is rolled out to some servers before the migration runs, "
        "it breaks. Until a backfill has filled the existing rows, the column holds NULL (or its default) for them, "
        "and code that reads it gets wrong answers rather than errors.",
        "-- src/user_repo.cpp:42:  SELECT id, locale FROM users WHERE id = $1\n"
        "ALTER TABLE users ADD COLUMN locale text;",
        "-- Phased rollout:\n"
        "-- 1. Deploy the migration alone:\n"
        "ALTER TABLE users ADD COLUMN locale text;\n"
        "-- 2. Deploy code that writes locale for new and updated rows (and still reads the old source).\n"
        "-- 3. Backfill existing rows in batches until none is left:\n"
        "UPDATE users SET locale = 'en' WHERE id >= $1 AND id < $2 AND locale IS NULL;\n"
        "-- 4. Deploy the code that reads locale.",
        "",
    },
};

class AppReadsColumnAddedUnderReview : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    if (!ctx.app) return;
    const auto altered = altered_existing_table(ctx);
    if (!altered) return;
    const analyzer::QualifiedName& table = *altered;
    const Node stmt = ctx.statement.tree;
    const analyzer::Table* existing = ctx.find_table(table);
    for (Node cmd : stmt["cmds"]) {
      if (cmd["subtype"].str() != "AT_AddColumn") continue;
      const std::string column(cmd["def"]["colname"].str());
      if (existing && existing->column(column)) continue;  // ADD COLUMN IF NOT EXISTS of a column it has
      const CodeUsage usage =
          code_usage(with_access(ctx.app->uses_column(table, column), {"read", "filter", "field"}));
      if (usage.empty()) continue;
      analyzer::Finding& f = out.report(
          ctx.statement,
          "column " + table.str() + "." + column + " is added here, and the application already reads it " +
              describe_usage(usage),
          "roll out in phases: deploy this migration first, then code that writes " + column +
              ", backfill the existing rows, and only then deploy the code that reads it");
      f.references = usage.places;
    }
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_app_reads_column_added_under_review() {
  return std::make_unique<AppReadsColumnAddedUnderReview>();
}

}  // namespace rules
