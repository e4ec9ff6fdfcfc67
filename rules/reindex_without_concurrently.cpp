// reindex-without-concurrently: REINDEX of existing indexes without CONCURRENTLY.
#include "analyzer/rule.h"
#include "rules/common.h"

namespace rules {
namespace {

using analyzer::QualifiedName;
using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "reindex-without-concurrently",
    analyzer::Severity::error,
    analyzer::RuleGroup::locks,
    {
        "REINDEX without CONCURRENTLY blocks writes to the table, and queries planned on it, for the whole rebuild",
        "`REINDEX INDEX`, `REINDEX TABLE`, `REINDEX SCHEMA` and `REINDEX DATABASE` without `CONCURRENTLY`, on "
        "objects that already exist. An index on a table created earlier in the files under review, such a "
        "table, or a schema created there is new and not in use, so it is not flagged. Not flagged either where "
        "no concurrent form exists: `REINDEX SYSTEM` (system catalogues), and an index that backs an exclusion "
        "constraint. Severity: error.",
        "REINDEX takes a SHARE lock on the table, which blocks every INSERT, UPDATE and DELETE, and an ACCESS "
        "EXCLUSIVE lock on each index it rebuilds. Planning a query on a table opens all of its indexes, so "
        "in practice SELECTs on the table wait as well (checked on PostgreSQL 15: a SELECT filtering on a column "
        "the index does not cover waits behind REINDEX INDEX). Both locks are held until the rebuild is done, "
        "minutes on a large index; REINDEX TABLE, SCHEMA and DATABASE hold them table by table.",
        "REINDEX INDEX orders_user_id_idx;",
        "-- PostgreSQL 12+, outside a transaction block (its own migration, the tool's transaction off):\n"
        "REINDEX INDEX CONCURRENTLY orders_user_id_idx;\n"
        "-- If it fails it leaves an invalid orders_user_id_idx_ccnew behind: DROP INDEX CONCURRENTLY it, retry.\n"
        "\n"
        "-- PostgreSQL 11: build a copy without blocking writes and swap it in:\n"
        "CREATE INDEX CONCURRENTLY orders_user_id_idx_new ON orders (user_id);\n"
        "DROP INDEX CONCURRENTLY orders_user_id_idx;\n"
        "ALTER INDEX orders_user_id_idx_new RENAME TO orders_user_id_idx;",
        "REINDEX ... CONCURRENTLY exists from PostgreSQL 12. On 11 there is no non-blocking REINDEX: the finding "
        "suggests CREATE INDEX CONCURRENTLY of a copy, DROP INDEX CONCURRENTLY of the old index and a rename.",
    },
};

// "CREATE [UNIQUE] INDEX CONCURRENTLY <name> ON <table> ..." as the model knows the index.
std::string index_copy_sql(const analyzer::Index& index, const std::string& copy_name) {
  std::string sql = std::string("CREATE ") + (index.unique ? "UNIQUE " : "") + "INDEX CONCURRENTLY " +
                    quote_identifier(copy_name) + " ON " + qualified_sql(index.table);
  if (index.method != "btree") sql += " USING " + index.method;
  std::string keys;
  for (std::size_t i = 0; i < index.columns.size(); ++i) {
    const bool expression = i < index.expressions.size() && !index.expressions[i].empty();
    keys += (keys.empty() ? "" : ", ") +
            (expression ? "(" + index.expressions[i] + ")" : quote_identifier(index.columns[i]));
  }
  sql += " (" + keys + ")";
  if (!index.include.empty()) sql += " INCLUDE (" + column_list(index.include) + ")";
  if (!index.predicate_sql.empty()) sql += " WHERE " + index.predicate_sql;
  return sql + ";";
}

// PostgreSQL 11: the copy-and-swap that replaces REINDEX INDEX CONCURRENTLY.
std::string copy_and_swap_sql(const analyzer::Index* index, const QualifiedName& name) {
  const std::string copy = name.name + "_new";
  if (index && !index->constraint.empty())
    return "-- " + name.str() + " backs constraint " + index->constraint + ": build a copy with CREATE UNIQUE INDEX "
           "CONCURRENTLY, then swap it in with ALTER TABLE ... DROP CONSTRAINT, ADD CONSTRAINT ... USING INDEX "
           "in one short transaction";
  std::string sql = "-- outside a transaction block:\n";
  sql += index ? index_copy_sql(*index, copy)
               : "CREATE INDEX CONCURRENTLY " + quote_identifier(copy) + " ON ...;  -- the definition of " +
                     name.str() + " (pg_indexes.indexdef)";
  return sql + "\nDROP INDEX CONCURRENTLY " + qualified_sql(name) + ";\nALTER INDEX " +
         qualified_sql(QualifiedName{name.schema, copy}) + " RENAME TO " + quote_identifier(name.name) + ";";
}

bool backs_exclusion_constraint(const analyzer::StatementContext& ctx, const analyzer::Index& index) {
  if (index.constraint.empty()) return false;
  const analyzer::Table* table = ctx.find_table(index.table);
  const analyzer::Constraint* con = table ? table->constraint(index.constraint) : nullptr;
  return con && con->kind == analyzer::ConstraintKind::exclusion;
}

bool is_new_schema(const analyzer::StatementContext& ctx, const std::string& schema) {
  auto it = ctx.schema.schemas().find(schema);
  return it != ctx.schema.schemas().end() && it->second.kind == analyzer::Origin::Kind::under_review &&
         it->second.batch == ctx.review_batch;
}

struct Target {
  std::string keyword;  // INDEX, TABLE, SCHEMA, DATABASE
  std::string name;     // as SQL must spell it
  std::string locks;    // what the message says is locked
};

class ReindexWithoutConcurrently : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const Node stmt = ctx.statement.tree;
    if (!stmt.is("ReindexStmt")) return;
    for (Node param : stmt["params"])
      if (param["defname"].str() == "concurrently") return;
    const std::string_view kind = stmt["kind"].str();
    const analyzer::Index* index = nullptr;
    Target target;
    if (kind == "REINDEX_OBJECT_INDEX") {
      const QualifiedName written = analyzer::range_var_name(stmt["relation"]);
      index = ctx.schema.find_index(written, ctx.session.search_path);
      if (index && (ctx.is_new_table(index->table) || backs_exclusion_constraint(ctx, *index))) return;
      const QualifiedName name = index ? index->name : ctx.qualify(written);
      target = {"INDEX", qualified_sql(name),
                index ? "a SHARE lock on " + index->table.str() + " and an ACCESS EXCLUSIVE lock on " + name.str()
                      : "a SHARE lock on its table and an ACCESS EXCLUSIVE lock on " + name.str()};
      if (ctx.pg_version < 12) return report_pg11(ctx, out, target, copy_and_swap_sql(index, name));
    } else if (kind == "REINDEX_OBJECT_TABLE") {
      const QualifiedName& table = ctx.relation();
      if (ctx.is_new_table(table)) return;
      target = {"TABLE", qualified_sql(table),
                "a SHARE lock on " + table.str() + " and an ACCESS EXCLUSIVE lock on each of its indexes"};
      if (ctx.pg_version < 12) {
        std::string sql;
        for (const analyzer::Index* each : ctx.schema.indexes_on(table))
          sql += (sql.empty() ? "" : "\n") + copy_and_swap_sql(each, each->name);
        if (sql.empty()) sql = copy_and_swap_sql(nullptr, QualifiedName{table.schema, "<index>"});
        return report_pg11(ctx, out, target, sql);
      }
    } else if (kind == "REINDEX_OBJECT_SCHEMA" || kind == "REINDEX_OBJECT_DATABASE") {
      const std::string name(stmt["name"].str());
      const bool schema = kind == "REINDEX_OBJECT_SCHEMA";
      if (schema && is_new_schema(ctx, name)) return;
      target = {schema ? "SCHEMA" : "DATABASE", quote_identifier(name),
                "a SHARE lock on each table " + std::string(schema ? "in schema " : "of database ") + name +
                    " and an ACCESS EXCLUSIVE lock on each of its indexes, table by table"};
      if (ctx.pg_version < 12) {
        return report_pg11(ctx, out, target,
                           "-- for each index: CREATE INDEX CONCURRENTLY a copy, DROP INDEX CONCURRENTLY the old "
                           "one, rename the copy");
      }
    } else {
      return;  // REINDEX SYSTEM: no concurrent form exists
    }
    out.report(ctx.statement,
               "REINDEX " + target.keyword + " " + target.name + " without CONCURRENTLY holds " + target.locks +
                   " for the whole rebuild: writes wait, and so do queries planned on the table",
               "rebuild with REINDEX ... CONCURRENTLY, outside a transaction block (a migration of its own with "
               "the tool's transaction off)",
               "REINDEX " + target.keyword + " CONCURRENTLY " + target.name + ";");
  }

 private:
  static void report_pg11(const analyzer::StatementContext& ctx, analyzer::Reporter& out, const Target& target,
                          std::string suggested) {
    out.report(ctx.statement,
               "REINDEX " + target.keyword + " " + target.name + " holds " + target.locks +
                   " for the whole rebuild: writes wait, and so do queries planned on the table",
               "PostgreSQL " + std::to_string(ctx.pg_version) +
                   " has no REINDEX CONCURRENTLY (it arrived in 12): the only non-blocking way is to build a copy "
                   "with CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY the old index and rename the copy",
               std::move(suggested));
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_reindex_without_concurrently() {
  return std::make_unique<ReindexWithoutConcurrently>();
}

}  // namespace rules
