// add-exclusion-constraint: ADD CONSTRAINT ... EXCLUDE on an existing table.
#include "analyzer/rule.h"
#include "rules/common.h"

namespace rules {
namespace {

using analyzer::QualifiedName;
using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "add-exclusion-constraint",
    analyzer::Severity::error,
    analyzer::RuleGroup::locks,
    {
        "Adding an exclusion constraint builds its index under an ACCESS EXCLUSIVE lock, with no online form",
        "`ALTER TABLE ... ADD [CONSTRAINT name] EXCLUDE ...` on a table that already exists. A table created "
        "earlier in the files under review is new and empty, so it is not flagged. Severity: error.",
        "ALTER TABLE takes an ACCESS EXCLUSIVE lock on the table, then builds the constraint's index and checks "
        "every existing row against every other while holding it: reads and writes of the table stop for the "
        "whole build. None of the usual ways around this exist for exclusion constraints: PostgreSQL refuses "
        "NOT VALID (\"EXCLUDE constraints cannot be marked NOT VALID\"), and an index built beforehand with "
        "CREATE INDEX CONCURRENTLY cannot be adopted, since USING INDEX is only for primary keys and unique "
        "constraints. If a conflicting "
        "pair of rows exists, the statement fails only after the whole build.",
        "ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap\n"
        "  EXCLUDE USING gist (room_id WITH =, during WITH &&);",
        "-- There is no non-blocking way to add it to a large, busy table. Keep the lock short and safe:\n"
        "-- 1. Find conflicts first, so the build cannot fail after holding the lock throughout:\n"
        "SELECT a.id, b.id FROM bookings a JOIN bookings b\n"
        "  ON a.room_id = b.room_id AND a.during && b.during AND a.id < b.id LIMIT 10;\n"
        "-- 2. In a quiet period, with bounds on the wait and on the build:\n"
        "SET lock_timeout = '2s';\n"
        "SET statement_timeout = '5min';\n"
        "ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap\n"
        "  EXCLUDE USING gist (room_id WITH =, during WITH &&);\n"
        "-- Or define it on a new table when the table is created, and move the data there.",
        "",
    },
};

class AddExclusionConstraint : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const Node stmt = ctx.statement.tree;
    if (!stmt.is("AlterTableStmt") || stmt["objtype"].str() == "OBJECT_INDEX") return;
    const QualifiedName& table = ctx.relation();
    if (ctx.is_new_table(table)) return;
    for (Node cmd : stmt["cmds"]) {
      const Node con = cmd["def"];
      if (cmd["subtype"].str() != "AT_AddConstraint" || con["contype"].str() != "CONSTR_EXCLUSION") continue;
      const std::string name(con["conname"].str());
      out.report(ctx.statement,
                 "adding exclusion constraint " + (name.empty() ? std::string() : quote_identifier(name) + " ") +
                     "to " + table.str() +
                     " builds its index and checks every row under an ACCESS EXCLUSIVE lock that blocks reads "
                     "and writes; it cannot be added NOT VALID or USING INDEX",
                 "there is no online form: look for conflicting rows first, then add it in a quiet period with a "
                 "lock_timeout and a statement_timeout, or define it on a new table and move the data",
                 "SET lock_timeout = '2s';\nSET statement_timeout = '5min';\n" + std::string(ctx.statement.text) +
                     ";");
    }
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_add_exclusion_constraint() { return std::make_unique<AddExclusionConstraint>(); }

}  // namespace rules
