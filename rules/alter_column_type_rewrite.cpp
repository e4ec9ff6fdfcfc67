// alter-column-type-rewrite: ALTER COLUMN ... TYPE that rewrites the table, rebuilds its
// indexes, or fails because a view reads the column. Type changes PostgreSQL does in
// place (varchar(20) -> varchar(50), varchar -> text, ...) stay silent: the effects model knows.
#include <algorithm>

#include "analyzer/rule.h"

namespace rules {
namespace {

using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "alter-column-type-rewrite",
    analyzer::Severity::error,
    analyzer::RuleGroup::locks,
    {
        "ALTER COLUMN ... TYPE rewrites the table, rebuilds its indexes, or fails because a view reads the column",
        "`ALTER TABLE ... ALTER COLUMN ... TYPE` on an existing table when, for the column's current type in the "
        "schema model and the target PostgreSQL version, the change is not binary-coercible (int4 -> int8, "
        "text -> varchar(n), varchar(50) -> varchar(20), a USING expression that is not the column itself, a "
        "domain with constraints), or when it keeps the data but rebuilds the indexes on the column "
        "(timestamp <-> timestamptz with the session TimeZone UTC), or when a view or materialized view reads the "
        "column. Changes done in place stay silent: varchar(n) -> varchar(m >= n) or unbounded, varchar -> text, "
        "numeric(p,s) -> numeric(p' >= p,s), cidr -> inet. When the model does not know the column, a rewrite is "
        "assumed and the message says so. Severity: error.",
        "ALTER TABLE holds an ACCESS EXCLUSIVE lock for the whole change: every read and every write on the table "
        "waits. A rewrite copies every row and rebuilds every index (minutes to hours on a large table, with disk "
        "space for a second copy); an index rebuild reads the whole table for each index on the column. A view that "
        "reads the column makes PostgreSQL refuse the change (\"cannot alter type of a column used by a view or "
        "rule\"), so the migration fails at deploy time.",
        "ALTER TABLE events ALTER COLUMN id TYPE bigint;",
        "-- Expand and contract instead of changing the type in place:\n"
        "ALTER TABLE events ADD COLUMN id_new bigint;\n"
        "-- keep it in sync for new writes (a BEFORE INSERT OR UPDATE trigger setting NEW.id_new := NEW.id),\n"
        "-- then backfill in batches, each in its own transaction, until 0 rows:\n"
        "UPDATE events SET id_new = id WHERE id IN (SELECT id FROM events WHERE id_new IS NULL LIMIT 10000);\n"
        "CREATE UNIQUE INDEX CONCURRENTLY events_id_new_idx ON events (id_new);\n"
        "-- then, in one short transaction: swap the names (and the primary key USING INDEX), drop the trigger;\n"
        "-- later, once no code reads it: ALTER TABLE events DROP COLUMN id_old;\n"
        "-- A view on the column: drop and re-create it in the same transaction as the change.",
        "The effects model decides per target version which changes are done in place.",
    },
};

bool contains(const std::vector<analyzer::QualifiedName>& names, const analyzer::QualifiedName& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : ", ") + part;
  return out;
}

// The new column's value: the USING expression, or a cast of the old column.
std::string new_value(Node column_def, const std::string& column, const std::string& new_type) {
  if (column_def["raw_default"]) return analyzer::expression_sql(column_def["raw_default"]);
  return column + "::" + new_type;
}

class AlterColumnTypeRewrite : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const Node stmt = ctx.statement.tree;
    if (!stmt.is("AlterTableStmt")) return;
    const analyzer::QualifiedName& table = ctx.relation();
    if (ctx.is_new_table(table)) return;
    const analyzer::Table* model = ctx.find_table(table);
    for (Node cmd : stmt["cmds"]) {
      if (cmd["subtype"].str() != "AT_AlterColumnType") continue;
      const std::string column(cmd["name"].str());
      const std::string new_type = analyzer::type_name(cmd["def"]["typeName"]);
      std::vector<std::string> problems;
      const analyzer::Column* old_column = model ? model->column(column) : nullptr;
      if (ctx.effects.rewrites_table(table)) {
        problems.push_back(old_column ? "rewrites " + table.str() + " and all its indexes"
                                      : "may rewrite " + table.str() +
                                            " and all its indexes (the model does not know the column's current type)");
      } else {
        std::vector<std::string> rebuilt;
        for (const analyzer::Index* index : ctx.schema.indexes_on(table))
          if (index->uses_column(column) && contains(ctx.effects.rebuilt_indexes, index->name))
            rebuilt.push_back(index->name.str());
        if (!rebuilt.empty()) problems.push_back("rebuilds index " + join(rebuilt) + " (a full read of the table)");
      }
      std::vector<std::string> views;
      for (const analyzer::Table* view : ctx.schema.views_reading(table, column)) views.push_back(view->name.str());
      if (!views.empty()) problems.push_back("fails at deploy time because " + join(views) + " reads the column");
      if (problems.empty()) continue;

      std::string message = "ALTER COLUMN " + column + " TYPE " + new_type;
      if (old_column) message += " (from " + old_column->type + ")";
      message += " " + join(problems);
      if (views.empty() || problems.size() > 1) message += ", under an ACCESS EXCLUSIVE lock that blocks reads and writes";
      out.report(ctx.statement, message,
                 views.empty() ? "add a column of the new type, sync it with a trigger, backfill in batches, index it "
                                 "CONCURRENTLY, then swap and drop the old column"
                               : "drop and re-create the view around the change in one transaction, or expand and "
                                 "contract through a new column",
                 suggestion(table, column, new_type, new_value(cmd["def"], column, new_type), views));
    }
  }

 private:
  static std::string suggestion(const analyzer::QualifiedName& table, const std::string& column,
                                const std::string& new_type, const std::string& value,
                                const std::vector<std::string>& views) {
    const std::string t = table.str();
    const std::string fresh = column + "_new";
    std::string sql = "ALTER TABLE " + t + " ADD COLUMN " + fresh + " " + new_type + ";\n" +
                      "-- a BEFORE INSERT OR UPDATE trigger setting NEW." + fresh + " := " + value + " (on NEW)" +
                      ", then in batches, each in its own transaction, until no row is left:\n" +
                      "UPDATE " + t + " SET " + fresh + " = " + value + " WHERE ctid IN (SELECT ctid FROM " +
                      t + " WHERE " + fresh + " IS NULL AND " + column + " IS NOT NULL LIMIT 10000);\n" +
                      "-- CREATE INDEX CONCURRENTLY the indexes the old column had, on " + fresh + ";\n" +
                      "-- then, in one short transaction: rename " + column + " away, rename " + fresh + " to " +
                      column + ", drop the trigger.";
    if (!views.empty())
      sql += "\n-- " + join(views) + " must be dropped and re-created in that same transaction.";
    return sql;
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_alter_column_type_rewrite() {
  return std::make_unique<AlterColumnTypeRewrite>();
}

}  // namespace rules
