// drop-table-still-referenced: DROP TABLE of a table the application still uses (`check` only).
#include "analyzer/rule.h"
#include "rules/app_usage.h"

namespace rules {
namespace {

using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "drop-table-still-referenced",
    analyzer::Severity::error,
    analyzer::RuleGroup::application,
    {
        "A dropped table is still used by the application's code",
        "`DROP TABLE` of an existing table while the scanned application code still queries it in any way: a "
        "column read or written, a `SELECT *`, the table in FROM, DELETE, TRUNCATE. Every such place is listed "
        "with the finding; references that are ambiguous (an unqualified column that this table or another could "
        "hold) count too, and the message says how many are. Only with `schemaguard check`; plain `lint` reports "
        "`drop-table` instead. Severity: error.",
        "Every query on the table fails with `relation ... does not exist` from the moment the migration commits, "
        "in the version of the application running during the deploy and in any code under review that still "
        "uses it. Rolling the application back cannot restore the table or its data.",
        "-- src/session_store.cpp:18:  SELECT * FROM legacy_sessions WHERE token = $1\n"
        "DROP TABLE legacy_sessions;",
        "-- Expand/contract, over separate deploys:\n"
        "-- 1. Stop using legacy_sessions in code; deploy.\n"
        "-- 2. Once no running version uses it, in a later migration:\n"
        "SET lock_timeout = '2s';\n"
        "DROP TABLE legacy_sessions;",
        "",
    },
};

class DropTableStillReferenced : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    if (!ctx.app) return;
    const Node stmt = ctx.statement.tree;
    if (!stmt.is("DropStmt") || stmt["removeType"].str() != "OBJECT_TABLE") return;
    for (Node object : stmt["objects"]) {
      const analyzer::QualifiedName written = analyzer::list_name(object["items"].valid() ? object["items"] : object);
      if (ctx.is_new_table(written)) continue;
      const analyzer::QualifiedName table = ctx.qualify(written);
      const CodeUsage usage = code_usage(ctx.app->uses_table(table));
      if (usage.empty()) continue;
      analyzer::Finding& f = out.report(
          ctx.statement,
          "table " + table.str() + " is dropped while the application still uses it " + describe_usage(usage),
          "expand/contract: stop using `" + table.name + "` in code, deploy, then drop it in a later migration" +
              (usage.ambiguous_places ? " (qualify the ambiguous references so they can be told apart)" : ""));
      f.references = usage.places;
    }
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_drop_table_still_referenced() {
  return std::make_unique<DropTableStillReferenced>();
}

}  // namespace rules
