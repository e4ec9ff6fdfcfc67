// drop-column-drops-dependents: DROP COLUMN takes indexes and multi-column constraints with
// it, and fails (or, with CASCADE, drops the views and foreign keys) when others depend on it.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "analyzer/rule.h"

namespace rules {
namespace {

using analyzer::QualifiedName;
using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "drop-column-drops-dependents",
    analyzer::Severity::error,
    analyzer::RuleGroup::destructive,
    {
        "DROP COLUMN silently drops indexes and constraints, or fails because a view or foreign key uses it",
        "`ALTER TABLE ... DROP COLUMN` on a table that already exists, when the schema model knows of objects "
        "that depend on the column: an index over it together with other columns (or with it in its INCLUDE "
        "list, its WHERE clause or an expression), a constraint over it and other columns (a composite primary "
        "key, unique, foreign key, CHECK or exclusion constraint), a view or materialized view that reads it, or "
        "a foreign key in another table that references it. An index or constraint on the column alone is "
        "expected to go with it and is not reported. Severity: error when the drop fails as written (a view or a "
        "foreign key needs CASCADE) or drops a view or another table's foreign key (CASCADE); warning when it "
        "only drops indexes and constraints of the table.",
        "PostgreSQL drops every index and constraint that involves the column without a word: a composite index "
        "that served queries on the other columns disappears (those queries turn into sequential scans), a "
        "composite primary key or unique constraint stops enforcing uniqueness of the remaining columns. A view "
        "that reads the column makes the drop fail (\"cannot drop column ... because other objects depend on "
        "it\"), so the migration fails at deploy time; with CASCADE the view, or another table's foreign key, is "
        "dropped with it and the application's queries of it fail.",
        "ALTER TABLE orders DROP COLUMN region;  -- orders_region_created_at_idx (region, created_at) goes too",
        "-- migration 1: replace what the drop would take, without blocking writes\n"
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_created_at_idx ON orders (created_at);\n"
        "-- redefine views that read the column without it (DROP VIEW, then CREATE VIEW ...)\n"
        "-- migration 2: drop the dependents explicitly, then the column\n"
        "DROP INDEX CONCURRENTLY IF EXISTS orders_region_created_at_idx;\n"
        "ALTER TABLE orders DROP COLUMN region;",
        "",
    },
};

bool contains(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// An index the column takes with it that is more than an index on that column alone.
bool index_involves_more(const analyzer::Index& index) {
  if (!index.constraint.empty()) return false;  // reported as its constraint
  return index.columns.size() > 1 || !index.include.empty() || !index.predicate_sql.empty();
}

std::string column_list(const std::vector<std::string>& columns) {
  std::string out;
  for (const std::string& c : columns) out += (out.empty() ? "" : ", ") + (c.empty() ? std::string("<expr>") : c);
  return "(" + out + ")";
}

struct Dependents {
  std::vector<std::string> failures;  // the drop fails as written
  std::vector<std::string> cascaded;  // other objects CASCADE removes
  std::vector<std::string> dropped;   // indexes and constraints of the table itself
  std::vector<std::string> suggested;
  std::set<std::string> seen;

  void add(std::vector<std::string>& list, std::string what) {
    if (seen.insert(what).second) list.push_back(std::move(what));
  }
};

void collect(const analyzer::StatementContext& ctx, const analyzer::Table& table, const std::string& column,
             bool cascade, Dependents& d) {
  const QualifiedName& name = table.name;
  const std::string target = name.str() + "." + column;
  for (const analyzer::Index* index : ctx.schema.indexes_on(name)) {
    if (!index->uses_column(column) || !index_involves_more(*index)) continue;
    d.add(d.dropped, "index " + index->name.str() + " " + column_list(index->columns));
    std::vector<std::string> rest;
    for (const std::string& c : index->columns)
      if (c != column) rest.push_back(c);
    // A unique index on fewer columns would mean a stricter rule, so only plain ones get a replacement.
    if (!index->unique && !rest.empty() && !contains(rest, "") && index->predicate_sql.empty())
      d.suggested.push_back("CREATE INDEX CONCURRENTLY IF NOT EXISTS " + index->name.name + "_replacement ON " +
                            name.str() + " " + column_list(rest) + ";  -- if queries still need it");
  }
  for (const analyzer::Constraint& con : table.constraints) {
    if (!contains(con.columns, column) || con.columns.size() < 2) continue;
    d.add(d.dropped, std::string(analyzer::constraint_kind_name(con.kind)) + " constraint " + con.name + " " +
                         column_list(con.columns));
  }
  for (const auto& [referencing, con] : ctx.schema.foreign_keys_referencing(name)) {
    const bool uses = contains(con->referenced_columns, column) ||
                      (con->referenced_columns.empty() && contains(ctx.schema.primary_key(name), column));
    if (!uses) continue;
    const std::string what = "foreign key " + con->name + " on " + referencing->name.str();
    if (cascade) d.add(d.cascaded, what);
    else d.add(d.failures, what + " references " + target);
    d.suggested.push_back("ALTER TABLE " + referencing->name.str() + " DROP CONSTRAINT " + con->name + ";");
  }
  for (const analyzer::Table* view : ctx.schema.views_reading(name, column)) {
    const std::string what = std::string(view->kind == analyzer::RelationKind::view ? "view " : "materialized view ") +
                             view->name.str();
    if (cascade) d.add(d.cascaded, what);
    else d.add(d.failures, what + " reads " + target);
    d.suggested.push_back("-- redefine " + what + " without " + column +
                          " first (DROP VIEW, then CREATE VIEW without the column)");
  }
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
  return out;
}

class DropColumnDropsDependents : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const Node stmt = ctx.statement.tree;
    if (!stmt.is("AlterTableStmt")) return;
    const analyzer::Table* table = ctx.find_table(ctx.relation());
    if (!table || ctx.is_new_table(table->name)) return;
    Dependents d;
    std::vector<std::string> columns;
    for (Node cmd : stmt["cmds"]) {
      if (cmd["subtype"].str() != "AT_DropColumn") continue;
      const std::string column(cmd["name"].str());
      if (!table->column(column)) continue;
      columns.push_back(column);
      collect(ctx, *table, column, cmd["behavior"].str() == "DROP_CASCADE", d);
    }
    if (d.failures.empty() && d.cascaded.empty() && d.dropped.empty()) return;

    std::string target = table->name.str() + "." + columns.front();
    if (columns.size() > 1) target = table->name.str() + " columns " + join(columns);
    std::string message;
    if (!d.failures.empty()) {
      message = "dropping " + target + " fails without CASCADE: " + join(d.failures);
    } else {
      std::vector<std::string> gone = d.cascaded;
      gone.insert(gone.end(), d.dropped.begin(), d.dropped.end());
      message = "dropping " + target + " silently drops " + join(gone);
    }
    if (!d.failures.empty() && !d.dropped.empty()) message += "; it would also drop " + join(d.dropped);

    std::string suggested = "-- before the drop:\n";
    for (const std::string& s : d.suggested) suggested += s + "\n";
    suggested += std::string(ctx.statement.text) + ";";
    analyzer::Finding& f =
        out.report(ctx.statement, message,
                   "deal with the dependents explicitly before dropping the column: replace the indexes queries still "
                   "need (CREATE INDEX CONCURRENTLY), redefine or drop the views, drop the foreign keys",
                   suggested);
    if (d.failures.empty() && d.cascaded.empty()) f.severity = analyzer::Severity::warning;
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_drop_column_drops_dependents() {
  return std::make_unique<DropColumnDropsDependents>();
}

}  // namespace rules
