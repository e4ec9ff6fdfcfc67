// drop-schema-or-database: DROP SCHEMA of an existing schema, DROP DATABASE.
#include <algorithm>

#include "analyzer/rule.h"
#include "rules/common.h"

namespace rules {
namespace {

using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "drop-schema-or-database",
    analyzer::Severity::error,
    analyzer::RuleGroup::destructive,
    {
        "Dropping a schema or a database destroys everything in it at once",
        "`DROP SCHEMA` of a schema that already exists (one the schema model does not know is taken to exist), "
        "and every `DROP DATABASE`. A schema created earlier in the files under review holds only new objects "
        "and dropping it is not flagged. The message names the tables the model knows in the schema. Severity: "
        "error.",
        "A migration that drops a schema removes every table, view, sequence, type and function in it, with "
        "their data; with CASCADE it also drops, without a word, the objects in other schemas that depend on "
        "them (views, foreign keys). Without CASCADE it fails unless the schema is empty, which the schema model "
        "cannot always know. DROP DATABASE removes a whole database, cannot run in a transaction block and so "
        "cannot be rolled back, and has no place in a schema migration. Either way the only way back is a "
        "restore from backup, and every running version of the application breaks on the spot.",
        "DROP SCHEMA reporting CASCADE;",
        "-- Retire what is in the schema table by table, each through expand/contract:\n"
        "-- 1. deploy code that no longer uses reporting.*;\n"
        "-- 2. keep the data around for a while: ALTER SCHEMA reporting RENAME TO reporting_retired;\n"
        "-- 3. in a later migration, once nothing needs it, drop the objects explicitly, then the empty schema:\n"
        "DROP TABLE reporting.daily_totals;\n"
        "DROP SCHEMA reporting;  -- no CASCADE: fails if anything is left",
        "",
    },
};

bool is_new_schema(const analyzer::StatementContext& ctx, const std::string& schema) {
  auto it = ctx.schema.schemas().find(schema);
  return it != ctx.schema.schemas().end() && it->second.kind == analyzer::Origin::Kind::under_review &&
         it->second.batch == ctx.review_batch;
}

// "tables a.x, a.y and 3 more" for the tables and views the model knows in the schema.
std::string contents(const analyzer::Schema& schema, const std::string& name) {
  std::vector<std::string> tables;
  for (const auto& [qualified, table] : schema.tables())
    if (qualified.schema == name) tables.push_back(qualified.str());
  if (tables.empty()) return {};
  std::string out;
  const std::size_t shown = std::min<std::size_t>(tables.size(), 5);
  for (std::size_t i = 0; i < shown; ++i) out += (i == 0 ? "" : ", ") + tables[i];
  if (tables.size() > shown) out += " and " + std::to_string(tables.size() - shown) + " more";
  return (tables.size() == 1 ? "relation " : "relations ") + out;
}

class DropSchemaOrDatabase : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const Node stmt = ctx.statement.tree;
    if (stmt.is("DropdbStmt")) {
      const std::string name(stmt["dbname"].str());
      out.report(ctx.statement,
                 "DROP DATABASE " + quote_identifier(name) +
                     " destroys the whole database; it cannot run in a transaction and cannot be undone",
                 "take DROP DATABASE out of the migrations: retire a database by hand, after a backup, once no "
                 "application connects to it");
      return;
    }
    if (!stmt.is("DropStmt") || stmt["removeType"].str() != "OBJECT_SCHEMA") return;
    const bool cascade = stmt["behavior"].str() == "DROP_CASCADE";
    for (Node object : stmt["objects"]) {
      const std::string name(object.str());
      if (is_new_schema(ctx, name)) continue;
      const std::string known = contents(ctx.schema, name);
      std::string message = "DROP SCHEMA " + quote_identifier(name) + " destroys every object in it";
      if (!known.empty())
        message += cascade ? ", including " + known + ", and their data"
                           : "; it fails unless the schema is empty, and the schema model knows " + known + " in it";
      out.report(ctx.statement, message,
                 "retire the schema's objects one by one through expand/contract (code first, then the drop in a "
                 "later migration), and drop the empty schema last, without CASCADE",
                 "-- after dropping each object in it explicitly:\nDROP SCHEMA " + quote_identifier(name) + ";");
    }
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_drop_schema_or_database() { return std::make_unique<DropSchemaOrDatabase>(); }

}  // namespace rules
