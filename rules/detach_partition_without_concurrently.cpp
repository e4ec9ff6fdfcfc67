// detach-partition-without-concurrently: ALTER TABLE ... DETACH PARTITION without CONCURRENTLY (14+).
#include "analyzer/rule.h"
#include "rules/common.h"

namespace rules {
namespace {

using analyzer::QualifiedName;
using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "detach-partition-without-concurrently",
    analyzer::Severity::warning,
    analyzer::RuleGroup::locks,
    {
        "DETACH PARTITION without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the partitioned table",
        "`ALTER TABLE ... DETACH PARTITION` without `CONCURRENTLY` on a partitioned table that already exists, "
        "when linting for PostgreSQL 14 or later. Not flagged where the concurrent form cannot be used: before "
        "14, and when the schema model knows the table has a default partition. A partitioned table created "
        "earlier in the files under review is not in use and is not flagged. Severity: warning: the detach "
        "itself is a catalogue change, the danger is the wait for the lock.",
        "A plain DETACH PARTITION locks both the partitioned table and the partition in ACCESS EXCLUSIVE mode "
        "(checked on PostgreSQL 15), which conflicts with every query, SELECTs included, on every partition "
        "reached through the parent. Waiting for that lock behind one long transaction stops all traffic to the "
        "table, and inside a transaction block the lock is held until COMMIT. DETACH PARTITION ... CONCURRENTLY "
        "takes only SHARE UPDATE EXCLUSIVE on the parent and waits for running transactions instead.",
        "ALTER TABLE measurements DETACH PARTITION measurements_2019;",
        "-- Outside a transaction block (its own migration, the tool's transaction off):\n"
        "ALTER TABLE measurements DETACH PARTITION measurements_2019 CONCURRENTLY;\n"
        "-- If it is interrupted, the partition stays 'detach pending'; complete it with:\n"
        "-- ALTER TABLE measurements DETACH PARTITION measurements_2019 FINALIZE;",
        "DETACH PARTITION ... CONCURRENTLY exists from PostgreSQL 14; on 11-13 there is no alternative and the "
        "rule stays silent (missing-lock-timeout still asks for a lock_timeout). It cannot be used when the "
        "table has a default partition.",
    },
};

class DetachPartitionWithoutConcurrently : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const Node stmt = ctx.statement.tree;
    if (ctx.pg_version < 14 || !stmt.is("AlterTableStmt")) return;
    const QualifiedName& parent = ctx.relation();
    if (ctx.is_new_table(parent) || has_default_partition(ctx, parent)) return;
    for (Node cmd : stmt["cmds"]) {
      if (cmd["subtype"].str() != "AT_DetachPartition" || cmd["def"]["concurrent"].boolean()) continue;
      const QualifiedName partition = ctx.qualify(analyzer::range_var_name(cmd["def"]["name"]));
      out.report(ctx.statement,
                 "DETACH PARTITION " + partition.str() + " without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on " +
                     parent.str() + ": while it waits for the lock, and until the transaction ends, every query on " +
                     parent.str() + " queues behind it",
                 "detach with CONCURRENTLY (PostgreSQL 14+), outside a transaction block (a migration of its own "
                 "with the tool's transaction off); if it is interrupted, finish with DETACH PARTITION ... FINALIZE",
                 "ALTER TABLE " + qualified_sql(parent) + " DETACH PARTITION " + qualified_sql(partition) +
                     " CONCURRENTLY;");
    }
  }

 private:
  static bool has_default_partition(const analyzer::StatementContext& ctx, const QualifiedName& parent) {
    for (const analyzer::Table* child : ctx.schema.partitions_of(parent))
      if (child->partition_bound_sql == "DEFAULT") return true;
    return false;
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_detach_partition_without_concurrently() {
  return std::make_unique<DetachPartitionWithoutConcurrently>();
}

}  // namespace rules
