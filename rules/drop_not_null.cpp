// drop-not-null: ALTER COLUMN ... DROP NOT NULL on an existing table.
#include <algorithm>

#include "analyzer/rule.h"
#include "rules/common.h"

namespace rules {
namespace {

using analyzer::QualifiedName;
using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "drop-not-null",
    analyzer::Severity::warning,
    analyzer::RuleGroup::destructive,
    {
        "DROP NOT NULL lets NULL into a column that running code assumes always has a value",
        "`ALTER TABLE ... ALTER COLUMN ... DROP NOT NULL` on a table that already exists. Not flagged: a table "
        "created, or a column added, earlier in the files under review (no deployed code reads it yet), and a "
        "column the schema model knows is already nullable (nothing changes). Severity: warning: nothing breaks "
        "until a NULL is written, but then it breaks in code that is already deployed.",
        "The statement itself is cheap (a brief ACCESS EXCLUSIVE lock, no scan), but it changes a contract. Code "
        "written while the column was NOT NULL, including the version running during the deploy and the one you "
        "would roll back to, reads it without a NULL check: a non-optional field in a struct, a value "
        "converted without a check, an aggregate or comparison that silently skips NULL rows. As soon as "
        "anything writes a NULL, those readers fail or compute wrong results, and rolling the migration back "
        "(SET NOT NULL) fails while a NULL is stored.",
        "ALTER TABLE users ALTER COLUMN phone DROP NOT NULL;",
        "-- Expand/contract, over separate deploys:\n"
        "-- 1. Deploy code that reads users.phone as optional (handles NULL everywhere).\n"
        "-- 2. Then relax the constraint:\n"
        "SET lock_timeout = '2s';\n"
        "ALTER TABLE users ALTER COLUMN phone DROP NOT NULL;\n"
        "-- 3. Only then deploy code that writes NULL.",
        "",
    },
};

// Primary-key and identity columns keep NOT NULL: PostgreSQL rejects the statement.
bool cannot_drop_not_null(const analyzer::StatementContext& ctx, const QualifiedName& table,
                          const analyzer::Table* model, const std::string& column) {
  const analyzer::Column* c = model ? model->column(column) : nullptr;
  if (c && c->identity != analyzer::IdentityKind::none) return true;
  const std::vector<std::string> key = ctx.schema.primary_key(table);
  return std::find(key.begin(), key.end(), column) != key.end();
}

class DropNotNull : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const Node stmt = ctx.statement.tree;
    if (!stmt.is("AlterTableStmt") || stmt["objtype"].str() == "OBJECT_INDEX") return;
    const QualifiedName& table = ctx.relation();
    if (ctx.is_new_table(table)) return;
    const analyzer::Table* model = ctx.find_table(table);
    for (Node cmd : stmt["cmds"]) {
      if (cmd["subtype"].str() != "AT_DropNotNull") continue;
      const std::string column(cmd["name"].str());
      if (is_new_column(ctx, table, column)) continue;
      if (model)
        if (const analyzer::Column* c = model->column(column); c && !c->not_null) continue;
      if (cannot_drop_not_null(ctx, table, model, column)) continue;  // PostgreSQL refuses: nothing changes
      const std::string target = table.str() + "." + column;
      out.report(ctx.statement,
                 "DROP NOT NULL on " + target + " lets NULL in: deployed code that assumes " + target +
                     " always has a value breaks on the first NULL written",
                 "expand/contract: first deploy code that handles NULL in " + target +
                     ", then drop NOT NULL, and only then start writing NULL",
                 "-- after a deploy in which every reader handles NULL in " + target + ":\nALTER TABLE " +
                     qualified_sql(table) + " ALTER COLUMN " + quote_identifier(column) + " DROP NOT NULL;");
    }
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_drop_not_null() { return std::make_unique<DropNotNull>(); }

}  // namespace rules
