// truncate-table: TRUNCATE of an existing table (and what CASCADE empties with it).
#include <algorithm>
#include <set>

#include "analyzer/rule.h"
#include "rules/common.h"

namespace rules {
namespace {

using analyzer::QualifiedName;
using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "truncate-table",
    analyzer::Severity::error,
    analyzer::RuleGroup::destructive,
    {
        "TRUNCATE deletes every row of an existing table, and with CASCADE of tables it does not name",
        "`TRUNCATE` of a table that already exists, one finding per table listed. With `CASCADE` the message "
        "names the tables the schema model knows would be emptied too (every table with a foreign key to a "
        "truncated one, and so on down). A table created earlier in the files under review is new and empty, "
        "so truncating it is not flagged. Severity: error.",
        "TRUNCATE removes all rows at once and cannot be undone once committed: the only way back is a restore. "
        "In a migration it runs against production data that was never looked at in review. CASCADE extends it, "
        "silently, to every table that references the truncated one through a foreign key. TRUNCATE also takes "
        "an ACCESS EXCLUSIVE lock on each table, blocking reads and writes until the transaction ends, and it is "
        "not MVCC-safe: transactions whose snapshot predates it see the table as empty.",
        "TRUNCATE sessions CASCADE;",
        "-- If the rows may be needed, keep a copy first:\n"
        "CREATE TABLE archive.sessions_2024 AS TABLE sessions;\n"
        "-- Delete in batches (ROW EXCLUSIVE lock: reads and writes go on); repeat until no row is left:\n"
        "DELETE FROM sessions WHERE id IN (SELECT id FROM sessions ORDER BY id LIMIT 10000);\n"
        "-- When emptying the table is really intended, say so where it is reviewed:\n"
        "-- schemaguard: ignore truncate-table -- sessions are recreated on the next login\n"
        "TRUNCATE sessions;",
        "",
    },
};

// Every table that CASCADE empties along with `roots`, by foreign keys, excluding the roots.
std::vector<QualifiedName> cascaded_tables(const analyzer::Schema& schema, const std::vector<QualifiedName>& roots) {
  std::set<QualifiedName> seen(roots.begin(), roots.end());
  std::vector<QualifiedName> queue = roots;
  std::vector<QualifiedName> out;
  while (!queue.empty()) {
    const QualifiedName next = queue.back();
    queue.pop_back();
    for (const auto& [referencing, con] : schema.foreign_keys_referencing(next)) {
      if (!seen.insert(referencing->name).second) continue;
      out.push_back(referencing->name);
      queue.push_back(referencing->name);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string join(const std::vector<QualifiedName>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i)
    out += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i].str();
  return out;
}

// A DELETE of one batch, by primary key when the model knows it (ctid otherwise).
std::string batched_delete_sql(const analyzer::Schema& schema, const QualifiedName& table) {
  const std::vector<std::string> key = schema.primary_key(table);
  const std::string columns = key.empty() ? "ctid" : column_list(key);
  const std::string row = key.size() > 1 ? "(" + columns + ")" : columns;
  const std::string order = key.empty() ? "" : " ORDER BY " + columns;
  return "-- in batches, repeated until no row is left (reads and writes go on):\nDELETE FROM " +
         qualified_sql(table) + " WHERE " + row + " IN (SELECT " + columns + " FROM " + qualified_sql(table) + order +
         " LIMIT 10000);";
}

class TruncateTable : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const Node stmt = ctx.statement.tree;
    if (!stmt.is("TruncateStmt")) return;
    std::vector<QualifiedName> listed;
    for (Node rel : stmt["relations"]) listed.push_back(ctx.qualify(analyzer::range_var_name(rel)));
    const bool cascade = stmt["behavior"].str() == "DROP_CASCADE";
    for (const QualifiedName& table : listed) {
      if (ctx.is_new_table(table)) continue;
      std::string message = "TRUNCATE deletes every row of " + table.str();
      if (cascade) {
        const std::vector<QualifiedName> others = cascaded_tables(ctx.schema, {table});
        std::vector<QualifiedName> unnamed;
        for (const QualifiedName& other : others)
          if (std::find(listed.begin(), listed.end(), other) == listed.end()) unnamed.push_back(other);
        if (others.empty() && !ctx.find_table(table))
          message += ", and through CASCADE of any table that references it";
        else if (!unnamed.empty())
          message += ", and through CASCADE of " + join(unnamed) + ", which the statement does not name";
      }
      message += "; it cannot be undone once committed";
      out.report(ctx.statement, message,
                 "keep a copy of rows that may be needed and delete in batches; if emptying " + table.str() +
                     " is really intended, say so with an ignore comment and a reason",
                 batched_delete_sql(ctx.schema, table));
    }
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_truncate_table() { return std::make_unique<TruncateTable>(); }

}  // namespace rules
