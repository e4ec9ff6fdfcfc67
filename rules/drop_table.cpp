// drop-table: DROP TABLE of an existing table.
#include "analyzer/rule.h"

namespace rules {
namespace {

using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "drop-table",
    analyzer::Severity::warning,
    analyzer::RuleGroup::destructive,
    {
        "Dropping a table breaks application code that still uses it",
        "`DROP TABLE` of a table that already exists, one finding per table listed. A table created earlier in "
        "the files under review is new and dropping it is not flagged.",
        "The version of the application that is running during the deploy still queries the table: every one "
        "of those queries fails with `relation ... does not exist` from the moment the migration commits, and "
        "rolling the application back cannot restore the table or its data. DROP TABLE also takes an ACCESS "
        "EXCLUSIVE lock on the table (and locks the tables its foreign keys reference).",
        "DROP TABLE legacy_sessions;",
        "-- Expand/contract, over separate deploys:\n"
        "-- 1. Deploy code that no longer reads or writes legacy_sessions.\n"
        "-- 2. Optionally keep the data: ALTER TABLE legacy_sessions RENAME TO legacy_sessions_old; for a while.\n"
        "-- 3. Once no running version uses it, in a later migration:\n"
        "SET lock_timeout = '2s';\n"
        "DROP TABLE legacy_sessions;",
        "",
    },
};

class DropTable : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const Node stmt = ctx.statement.tree;
    if (!stmt.is("DropStmt") || stmt["removeType"].str() != "OBJECT_TABLE") return;
    for (Node object : stmt["objects"]) {
      const analyzer::QualifiedName written = analyzer::list_name(object["items"].valid() ? object["items"] : object);
      if (ctx.is_new_table(written)) continue;
      const analyzer::QualifiedName table = ctx.qualify(written);
      out.report(ctx.statement,
                 "dropping table " + table.str() +
                     " breaks application code that still uses it, including the version running during the "
                     "deploy",
                 "expand/contract: first deploy code that no longer uses " + table.str() +
                     ", then drop it in a later migration once no running version needs it",
                 "-- after a deploy in which no code uses " + table.str() + ":\nDROP TABLE " + table.str() + ";");
    }
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_drop_table() { return std::make_unique<DropTable>(); }

}  // namespace rules
