// table-rewrite-command: statements whose whole job is to rewrite a table under ACCESS
// EXCLUSIVE: VACUUM FULL, CLUSTER, SET TABLESPACE, SET LOGGED / SET UNLOGGED.
#include "analyzer/rule.h"

namespace rules {
namespace {

using analyzer::QualifiedName;
using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "table-rewrite-command",
    analyzer::Severity::error,
    analyzer::RuleGroup::locks,
    {
        "VACUUM FULL, CLUSTER, SET TABLESPACE and SET LOGGED/UNLOGGED rewrite the table under ACCESS EXCLUSIVE",
        "`VACUUM FULL`, `CLUSTER`, `ALTER TABLE ... SET TABLESPACE` (also `ALTER INDEX`/`ALTER MATERIALIZED VIEW`, "
        "and `ALTER TABLE ALL IN TABLESPACE ... SET TABLESPACE`), `ALTER TABLE ... SET LOGGED` and `SET UNLOGGED` "
        "on relations that already exist. `VACUUM FULL` and `CLUSTER` without a table name are flagged too: they "
        "rewrite every table (every previously clustered table). SET LOGGED on a table that is already logged (and "
        "SET UNLOGGED on an unlogged one) changes nothing and stays silent, as do tables created in the files "
        "under review. Severity: error.",
        "Each of these copies the table (and rebuilds its indexes) into new files while holding an ACCESS "
        "EXCLUSIVE lock: every read and every write waits for the whole copy, minutes to hours on a large table, "
        "and the copy needs disk space for a second version of the table. SET LOGGED also writes the whole table "
        "to the WAL, which replicas must replay.",
        "VACUUM FULL orders;\n"
        "CLUSTER orders USING orders_created_at_idx;\n"
        "ALTER TABLE orders SET TABLESPACE fast_ssd;\n"
        "ALTER TABLE import_rows SET LOGGED;",
        "-- Reclaim space or re-order rows online with pg_repack (an extension plus its client), which holds\n"
        "-- ACCESS EXCLUSIVE only for a short swap at the start and the end:\n"
        "--   pg_repack --table=orders --no-order        (instead of VACUUM FULL)\n"
        "--   pg_repack --table=orders --order-by=created_at  (instead of CLUSTER)\n"
        "--   pg_repack --table=orders --tablespace=fast_ssd --moveidx  (instead of SET TABLESPACE)\n"
        "-- Plain VACUUM (no FULL) makes dead space reusable without blocking reads or writes:\n"
        "VACUUM (ANALYZE) orders;\n"
        "-- SET LOGGED/UNLOGGED has no online form: run it in a maintenance window, or fill a new table created\n"
        "-- with the wanted persistence in batches and swap the names in one short transaction.",
        "",
    },
};

bool vacuum_full(Node stmt) {
  for (Node opt : stmt["options"])
    if (opt["defname"].str() == "full" && (!opt["arg"] || opt["arg"].str() != "false")) return true;
  return false;
}

std::string_view command_label(std::string_view subtype) {
  if (subtype == "AT_SetTableSpace") return "SET TABLESPACE";
  if (subtype == "AT_SetLogged") return "SET LOGGED";
  if (subtype == "AT_SetUnLogged") return "SET UNLOGGED";
  return {};
}

class TableRewriteCommand : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const Node stmt = ctx.statement.tree;
    const std::string_view kind = stmt.kind();
    if (kind == "VacuumStmt") {
      if (!vacuum_full(stmt)) return;
      if (stmt["rels"].size() == 0) return report_all(ctx, out, "VACUUM FULL", "every table in the database");
      for (Node rel : stmt["rels"]) report_table(ctx, out, "VACUUM FULL", ctx.qualify(analyzer::range_var_name(rel["relation"])));
    } else if (kind == "ClusterStmt") {
      if (!stmt["relation"]) return report_all(ctx, out, "CLUSTER", "every table clustered before");
      report_table(ctx, out, "CLUSTER", ctx.relation());
    } else if (kind == "AlterTableMoveAllStmt") {
      report_all(ctx, out, "ALTER ... ALL IN TABLESPACE ... SET TABLESPACE",
                 "every relation in tablespace " + std::string(stmt["orig_tablespacename"].str()));
    } else if (kind == "AlterTableStmt") {
      const QualifiedName& relation = ctx.relation();
      for (Node cmd : stmt["cmds"]) {
        const std::string_view label = command_label(cmd["subtype"].str());
        if (label.empty()) continue;
        // An index is not rewritten through the table's entry: SET TABLESPACE always copies it.
        const bool index = stmt["objtype"].str() == "OBJECT_INDEX";
        if (!index && !ctx.effects.rewrites_table(relation)) continue;
        std::string what(label);
        if (label == "SET TABLESPACE") what += " " + std::string(cmd["name"].str());
        if (index && is_new_index(ctx, relation)) continue;
        report_table(ctx, out, "ALTER " + std::string(index ? "INDEX " : "") + "... " + what, relation);
      }
    }
  }

 private:
  static bool is_new_index(const analyzer::StatementContext& ctx, const QualifiedName& name) {
    const analyzer::Index* index = ctx.schema.find_index(name, ctx.session.search_path);
    return index && index->origin.kind == analyzer::Origin::Kind::under_review &&
           index->origin.batch == ctx.review_batch;
  }

  static void report_table(const analyzer::StatementContext& ctx, analyzer::Reporter& out, const std::string& command,
                           const QualifiedName& relation) {
    if (ctx.is_new_table(relation)) return;
    out.report(ctx.statement,
               command + " rewrites " + relation.str() +
                   " under an ACCESS EXCLUSIVE lock that blocks reads and writes until the copy is done",
               help(command), suggestion(command, relation.str()));
  }

  static void report_all(const analyzer::StatementContext& ctx, analyzer::Reporter& out, const std::string& command,
                         const std::string& scope) {
    out.report(ctx.statement,
               command + " rewrites " + scope + ", each under an ACCESS EXCLUSIVE lock that blocks reads and writes",
               help(command), suggestion(command, "<table>"));
  }

  static std::string help(const std::string& command) {
    if (command.find("LOGGED") != std::string::npos)
      return "run it in a maintenance window, or copy into a new table with the wanted persistence in batches and "
             "swap the names in one short transaction";
    return "use pg_repack, which rewrites the table online and holds ACCESS EXCLUSIVE only briefly"
           " (or plain VACUUM to make dead space reusable)";
  }

  static std::string suggestion(const std::string& command, const std::string& table) {
    if (command.rfind("VACUUM", 0) == 0)
      return "-- online: pg_repack --table=" + table + " --no-order\n-- or, without reclaiming disk space:\nVACUUM (ANALYZE) " +
             table + ";";
    if (command.rfind("CLUSTER", 0) == 0) return "-- online: pg_repack --table=" + table + " --order-by=<columns>";
    if (command.find("TABLESPACE") != std::string::npos)
      return "-- online: pg_repack --table=" + table + " --tablespace=<tablespace> --moveidx";
    return "-- no online form: a maintenance window, or a new table with the wanted persistence filled in batches,\n"
           "-- then in one short transaction: ALTER TABLE " + table + " RENAME TO <old>; ALTER TABLE <new> RENAME TO " +
           table + ";";
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_table_rewrite_command() {
  return std::make_unique<TableRewriteCommand>();
}

}  // namespace rules
