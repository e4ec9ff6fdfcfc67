// drop-index-without-concurrently: DROP INDEX of an index on an existing table without CONCURRENTLY.
#include "analyzer/rule.h"
#include "rules/common.h"

namespace rules {
namespace {

using analyzer::QualifiedName;
using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "drop-index-without-concurrently",
    analyzer::Severity::warning,
    analyzer::RuleGroup::locks,
    {
        "DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the table",
        "`DROP INDEX` without `CONCURRENTLY` of an index on a table that already exists (an index the schema "
        "model does not know is taken to be on one). An index on a table created earlier in the files under "
        "review is not flagged, nor are the cases where no concurrent form exists: an index that backs a "
        "constraint (DROP INDEX refuses it; drop the constraint) and an index on a partitioned table. Severity: "
        "warning: the drop itself is quick, the danger is the wait for the lock.",
        "A plain DROP INDEX locks the index's table in ACCESS EXCLUSIVE mode, which conflicts with everything, "
        "plain SELECTs included. To get it, the statement waits for every transaction using the table to end, "
        "and while it waits every new query on the table queues behind it; inside a transaction the lock is then "
        "held until COMMIT. DROP INDEX CONCURRENTLY instead waits for those transactions without taking a lock "
        "that blocks reads or writes.",
        "DROP INDEX orders_status_idx;",
        "-- Outside a transaction block (its own migration, the tool's transaction off); one index per statement,\n"
        "-- and no CASCADE:\n"
        "DROP INDEX CONCURRENTLY IF EXISTS orders_status_idx;",
        "",
    },
};

class DropIndexWithoutConcurrently : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const Node stmt = ctx.statement.tree;
    if (!stmt.is("DropStmt") || stmt["removeType"].str() != "OBJECT_INDEX" || stmt["concurrent"].boolean()) return;
    const bool if_exists = stmt["missing_ok"].boolean();
    for (Node object : stmt["objects"]) {
      const QualifiedName written = analyzer::list_name(object["items"].valid() ? object["items"] : object);
      const analyzer::Index* index = ctx.schema.find_index(written, ctx.session.search_path);
      if (index && !has_concurrent_drop(ctx, *index)) continue;
      const QualifiedName name = index ? index->name : ctx.qualify(written);
      const std::string table = index ? index->table.str() : "its table";
      out.report(ctx.statement,
                 "DROP INDEX " + name.str() + " without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on " + table +
                     ": while it waits for the lock, and until the transaction ends, reads and writes of " + table +
                     " queue behind it",
                 "drop it with DROP INDEX CONCURRENTLY, one index per statement and outside a transaction block "
                 "(a migration of its own with the tool's transaction off)",
                 std::string("DROP INDEX CONCURRENTLY ") + (if_exists ? "IF EXISTS " : "") + qualified_sql(name) +
                     ";");
    }
  }

 private:
  // False where DROP INDEX CONCURRENTLY cannot be used or the table is not in use yet.
  static bool has_concurrent_drop(const analyzer::StatementContext& ctx, const analyzer::Index& index) {
    if (ctx.is_new_table(index.table) || !index.constraint.empty()) return false;
    const analyzer::Table* table = ctx.find_table(index.table);
    return !(table && table->kind == analyzer::RelationKind::partitioned_table);
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_drop_index_without_concurrently() {
  return std::make_unique<DropIndexWithoutConcurrently>();
}

}  // namespace rules
