// combine-alter-table: consecutive ALTER TABLE statements on one table that could be one
// statement, taking the lock (and making any rewrite or scan) once.
#include <algorithm>
#include <optional>

#include "analyzer/rule.h"
#include "rules/common.h"
#include "rules/sql_tokens.h"

namespace rules {
namespace {

using analyzer::LockMode;
using analyzer::QualifiedName;
using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "combine-alter-table",
    analyzer::Severity::warning,
    analyzer::RuleGroup::style,
    {
        "Consecutive ALTER TABLE statements on one table could be a single statement",
        "An `ALTER TABLE` that directly follows another `ALTER TABLE` of the same existing table in the same "
        "file, when combining them gains something: outside a transaction, each statement queues for its own "
        "lock; inside one, the later statement needs a stronger lock than the earlier took (a lock upgrade), or "
        "both rewrite or both scan the table. Not flagged: tables created in the files under review, and "
        "statements that are separate on purpose or cannot be combined: `VALIDATE CONSTRAINT` (it takes a "
        "weaker lock than the `ADD ... NOT VALID` before it), `ATTACH`/`DETACH PARTITION`, and `SET NOT NULL` "
        "next to `DROP CONSTRAINT` (in one statement the CHECK that lets SET NOT NULL skip its scan is dropped "
        "first). Off by default (style group). Severity: warning.",
        "Each ALTER TABLE waits for its lock behind every running query on the table, and while it waits every "
        "new query queues behind it. Two statements outside a transaction mean two such waits. Inside a "
        "transaction the lock is held to the end, but an upgrade (SHARE UPDATE EXCLUSIVE, then ACCESS "
        "EXCLUSIVE) waits a second time while already holding the first lock, which can deadlock; and each "
        "statement that changes a column type or adds a volatile default rewrites the whole table again, where "
        "one ALTER TABLE with several subcommands rewrites it once.",
        "ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2);\n"
        "ALTER TABLE orders ALTER COLUMN tax TYPE numeric(12,2);",
        "ALTER TABLE orders\n"
        "  ALTER COLUMN total TYPE numeric(12,2),\n"
        "  ALTER COLUMN tax TYPE numeric(12,2);",
        "",
    },
    false,  // style group: off by default
};

bool has_subcommand(Node stmt, std::string_view subtype) {
  for (Node cmd : stmt["cmds"])
    if (cmd["subtype"].str() == subtype) return true;
  return false;
}

bool stands_alone(Node stmt) {
  return has_subcommand(stmt, "AT_ValidateConstraint") || has_subcommand(stmt, "AT_AttachPartition") ||
         has_subcommand(stmt, "AT_DetachPartition") || has_subcommand(stmt, "AT_DetachPartitionFinalize");
}

// The earlier ALTER TABLE of a run, as the rule remembers it.
struct Previous {
  QualifiedName table;
  bool only = false;
  bool sets_not_null = false;
  bool drops_constraint = false;
  std::optional<LockMode> lock;
  bool rewrites = false;
  bool scans = false;
  int line = 0;
  std::string combined_sql;  // the run so far as one statement, without ';'
};

// The subcommands of an ALTER TABLE as written: the text after the table's name.
std::string subcommands_sql(const sqlparse::Statement& statement) {
  const std::vector<SqlToken> tokens = sql_tokens(statement.text);
  const Node rv = statement.tree["relation"];
  if (rv.location() < 0) return {};
  std::size_t k = token_at(tokens, statement.file_offset(rv) - statement.begin);
  if (k >= tokens.size() || !tokens[k].is_identifier()) return {};
  ++k;
  while (k + 1 < tokens.size() && tokens[k].value == "." && tokens[k + 1].is_identifier()) k += 2;
  if (k < tokens.size() && tokens[k].value == "*") ++k;
  if (k >= tokens.size()) return {};
  return std::string(statement.text.substr(tokens[k].begin));
}

class CombineAlterTable : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void start_file(const sqlparse::SourceText&) override { previous_.reset(); }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const Node stmt = ctx.statement.tree;
    if (!stmt.is("AlterTableStmt") || stmt["objtype"].str() != "OBJECT_TABLE" || stands_alone(stmt)) {
      previous_.reset();
      return;
    }
    Previous current = describe(ctx, stmt);
    if (previous_ && previous_->table == current.table && previous_->only == current.only &&
        !ctx.is_new_table(current.table) && !pattern_kept_apart(*previous_, current)) {
      const std::string reason = gain(ctx, *previous_, current);
      if (!reason.empty()) {
        const std::string rest = subcommands_sql(ctx.statement);
        current.combined_sql =
            previous_->combined_sql.empty() || rest.empty() ? std::string() : previous_->combined_sql + ",\n  " + rest;
        out.report(ctx.statement,
                   "ALTER TABLE " + current.table.str() + " directly follows another ALTER TABLE of it (line " +
                       std::to_string(previous_->line) + "): " + reason,
                   "combine them into one ALTER TABLE with comma-separated subcommands",
                   current.combined_sql.empty() ? std::string() : current.combined_sql + ";");
        current.line = previous_->line;
        merge(current, *previous_);
      }
    }
    previous_ = std::move(current);
  }

 private:
  static Previous describe(const analyzer::StatementContext& ctx, Node stmt) {
    Previous p;
    p.table = ctx.relation();
    p.only = !stmt["relation"]["inh"].boolean();
    p.sets_not_null = has_subcommand(stmt, "AT_SetNotNull");
    p.drops_constraint = has_subcommand(stmt, "AT_DropConstraint");
    if (const analyzer::RelationLock* lock = ctx.effects.lock_on(p.table)) p.lock = lock->mode;
    p.rewrites = ctx.effects.rewrites_table(p.table);
    p.scans = ctx.effects.scans_table(p.table);
    p.line = ctx.statement.start.line;
    p.combined_sql = std::string(ctx.statement.text);
    return p;
  }

  // ADD CHECK ... NOT VALID / VALIDATE / SET NOT NULL / DROP CONSTRAINT must stay apart.
  static bool pattern_kept_apart(const Previous& a, const Previous& b) {
    return (a.sets_not_null && b.drops_constraint) || (a.drops_constraint && b.sets_not_null);
  }

  // Why one statement would be better; empty when combining gains nothing.
  static std::string gain(const analyzer::StatementContext& ctx, const Previous& a, const Previous& b) {
    const std::string t = b.table.str();
    if (!ctx.session.in_transaction()) {
      const std::string lock = b.lock ? std::string(analyzer::lock_mode_name(*b.lock)) : "lock";
      return "outside a transaction each statement waits for its own " + lock + " on " + t +
             ", and new queries queue behind each wait";
    }
    if (a.lock && b.lock && *b.lock > *a.lock)
      return "inside the transaction this one upgrades the " + std::string(analyzer::lock_mode_name(*a.lock)) +
             " the earlier one took to " + std::string(analyzer::lock_mode_name(*b.lock)) +
             ", waiting again while holding the first lock (a deadlock risk)";
    if (a.rewrites && b.rewrites) return "both rewrite " + t + "; one statement rewrites it once";
    if (a.scans && b.scans) return "both scan " + t + "; one statement scans it once";
    return {};
  }

  // The run so far, seen as one statement.
  static void merge(Previous& current, const Previous& earlier) {
    if (earlier.lock && (!current.lock || *earlier.lock > *current.lock)) current.lock = earlier.lock;
    current.rewrites = current.rewrites || earlier.rewrites;
    current.scans = current.scans || earlier.scans;
    current.sets_not_null = current.sets_not_null || earlier.sets_not_null;
    current.drops_constraint = current.drops_constraint || earlier.drops_constraint;
  }

  std::optional<Previous> previous_;
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_combine_alter_table() { return std::make_unique<CombineAlterTable>(); }

}  // namespace rules
