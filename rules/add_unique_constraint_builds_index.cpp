// add-unique-constraint-builds-index: ADD UNIQUE / PRIMARY KEY that builds its index under ACCESS EXCLUSIVE.
#include "analyzer/rule.h"
#include "rules/common.h"

namespace rules {
namespace {

using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "add-unique-constraint-builds-index",
    analyzer::Severity::error,
    analyzer::RuleGroup::locks,
    {
        "ADD UNIQUE or PRIMARY KEY builds its index while holding an ACCESS EXCLUSIVE lock",
        "`ALTER TABLE ... ADD [CONSTRAINT name] UNIQUE (...)` or `... PRIMARY KEY (...)` on a table that already "
        "exists, without `USING INDEX`. Tables created earlier in the files under review are new and empty, so "
        "they are not flagged. Severity: error.",
        "The constraint needs a unique index, and without USING INDEX PostgreSQL builds it inside the ALTER TABLE, "
        "holding an ACCESS EXCLUSIVE lock for the whole build: no read or write of the table can run, and every "
        "query queued behind the lock waits too. A PRIMARY KEY also makes its columns NOT NULL, which scans the "
        "table when they are not NOT NULL already. Building the index first with CREATE UNIQUE INDEX "
        "CONCURRENTLY lets reads and writes continue; attaching it with USING INDEX is then a catalogue change.",
        "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);",
        "-- 1. Outside a transaction block (its own migration, the tool's transaction off):\n"
        "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_key ON users (email);\n"
        "-- 2. Attach it: a brief ACCESS EXCLUSIVE lock, no build (the index is renamed to the constraint):\n"
        "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;\n"
        "-- For a PRIMARY KEY, first make the key columns NOT NULL without a long lock (PostgreSQL 12+):\n"
        "--   CHECK (id IS NOT NULL) NOT VALID -> VALIDATE CONSTRAINT -> SET NOT NULL -> DROP CONSTRAINT,\n"
        "-- then: ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY USING INDEX users_id_idx;",
        "CREATE INDEX CONCURRENTLY and USING INDEX are not supported on partitioned tables (11-17): build the "
        "unique index CONCURRENTLY on each partition instead, so the constraint on the parent attaches them.",
    },
};

class AddUniqueConstraintBuildsIndex : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const Node stmt = ctx.statement.tree;
    if (!stmt.is("AlterTableStmt") || stmt["objtype"].str() == "OBJECT_INDEX") return;
    const analyzer::QualifiedName& table = ctx.relation();
    if (ctx.is_new_table(table) || !ctx.effects.scans_table(table)) return;
    const analyzer::Table* model = ctx.find_table(table);
    for (Node cmd : stmt["cmds"]) {
      if (cmd["subtype"].str() != "AT_AddConstraint") continue;
      const Node con = cmd["def"];
      const std::string_view contype = con["contype"].str();
      const bool primary = contype == "CONSTR_PRIMARY";
      if ((!primary && contype != "CONSTR_UNIQUE") || !con["indexname"].str().empty()) continue;
      report(ctx, out, table, model, con, primary);
    }
  }

 private:
  static void report(const analyzer::StatementContext& ctx, analyzer::Reporter& out,
                     const analyzer::QualifiedName& table, const analyzer::Table* model, Node con, bool primary) {
    std::vector<std::string> keys;
    for (Node k : con["keys"]) keys.emplace_back(k.str());
    std::vector<std::string> include;
    for (Node k : con["including"]) include.emplace_back(k.str());
    const std::string given(con["conname"].str());
    const std::string name =
        given.empty() ? default_constraint_name(table.name, primary ? std::vector<std::string>{} : keys,
                                                primary ? "pkey" : "key")
                      : given;
    const std::string kind = primary ? "PRIMARY KEY" : "UNIQUE";
    const std::string t = qualified_sql(table);
    const std::string index = quote_identifier(name);

    std::string sql = "-- outside a transaction block (its own migration, the tool's transaction off):\n"
                      "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS " + index + " ON " + t + " (" +
                      column_list(keys) + ")";
    if (!include.empty()) sql += " INCLUDE (" + column_list(include) + ")";
    if (con["nulls_not_distinct"].boolean()) sql += " NULLS NOT DISTINCT";
    sql += ";\n";
    if (primary) {
      // ADD PRIMARY KEY USING INDEX still sets NOT NULL on nullable key columns, with a scan.
      for (const std::string& key : keys) {
        const analyzer::Column* column = model ? model->column(key) : nullptr;
        if (column && column->not_null) continue;
        sql += not_null_through_check_sql(table, key, "in a separate transaction") + "\n";
      }
    }
    std::string constraint_options;
    if (con["deferrable"].boolean()) constraint_options += " DEFERRABLE";
    if (con["initdeferred"].boolean()) constraint_options += " INITIALLY DEFERRED";
    sql += "ALTER TABLE " + t + " ADD CONSTRAINT " + index + " " + kind + " USING INDEX " + index +
           constraint_options + ";";

    std::string help =
        "build the unique index with CREATE UNIQUE INDEX CONCURRENTLY first, then add the constraint with "
        "USING INDEX, which only attaches it";
    if (model && model->kind == analyzer::RelationKind::partitioned_table)
      help += "; " + t +
              " is partitioned, where neither is supported (PostgreSQL 11-17): build the index CONCURRENTLY on "
              "each partition so the constraint on the parent attaches them instead of building";
    out.report(ctx.statement,
               "ADD " + kind + (given.empty() ? std::string() : " " + quote_identifier(given)) + " on " + t +
                   " builds its unique index under an ACCESS EXCLUSIVE lock that blocks reads and writes",
               help, sql);
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_add_unique_constraint_builds_index() {
  return std::make_unique<AddUniqueConstraintBuildsIndex>();
}

}  // namespace rules
