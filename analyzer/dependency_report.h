// What `schemaguard deps` reports before a drop: who still uses a table or a column.
// The application's code (an AppIndex resolved against the final schema), the schema
// objects that depend on it (the model after every migration), what the migrations did
// to it over time (followed back through renames), and a verdict with its reasons.
// Plain data: the writers are in analyzer/report/deps_report.h, the command in analyzer/cli.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/app_references.h"
#include "analyzer/finding.h"
#include "analyzer/names.h"
#include "analyzer/rule.h"
#include "analyzer/schema.h"

namespace analyzer {

// A table, or one of its columns, as the final schema names it.
struct DepsTarget {
  QualifiedName table;  // schema-qualified
  std::string column;   // "" for the table itself

  bool is_column() const { return !column.empty(); }
  std::string str() const { return column.empty() ? table.str() : table.str() + "." + column; }
};

// One thing a migration did to a table or a column.
struct HistoryEvent {
  std::string path;
  int line = 0;
  std::string action;     // added, altered, backfilled, renamed, dropped
  std::string sql;        // the statement, whitespace collapsed
  std::string renamed_from;  // for "renamed": the name before, as "public.users.mail"
};

// A row-level security policy, as far as the migrations show it (the schema model does not
// keep policies; the recorder follows CREATE/ALTER/DROP POLICY and renames itself).
struct PolicyRecord {
  std::string name;
  std::set<std::string> columns;  // columns of the table its USING / WITH CHECK expressions name
  std::string path;
  int line = 0;
};

// Every migration's effect on tables and columns, by the names they had at the time, so
// that an object's history can be followed back through renames.
class MigrationHistory {
 public:
  MigrationHistory();
  ~MigrationHistory();
  MigrationHistory(const MigrationHistory&) = delete;
  MigrationHistory& operator=(const MigrationHistory&) = delete;

  // A rule that records each statement it is shown. Lint every migration (and the baseline)
  // as under review with it as the only rule; it must not outlive this history.
  std::unique_ptr<Rule> recorder();

  // What happened to the target, oldest first: for a column, its own events and the table's
  // renames and drop, under every name it had; for a table, the table's events.
  std::vector<HistoryEvent> of(const DepsTarget& target) const;
  // The statement after which no object by this name existed (its drop, or a rename of it or
  // of its table), for "it was dropped by ..." messages.
  std::optional<HistoryEvent> last_departure(const QualifiedName& table, std::string_view column) const;
  // Policies on the table after every migration.
  std::vector<PolicyRecord> policies_on(const QualifiedName& table) const;

  struct Entry {
    QualifiedName table;  // at the time of the statement (after it, for a rename)
    std::string column;   // "" for a table-level event
    HistoryEvent event;
    QualifiedName old_table;  // renames: the name before
    std::string old_column;
  };
  struct State;  // what the recorder tracks between statements

 private:
  std::unique_ptr<State> state_;
};

// Parses "users", "public.users", "users.email" or "public.users.email" (double quotes keep
// case and dots) and finds it in the schema. nullopt with `error` set when the schema does
// not have it, with the closest name as a suggestion, or the migration that dropped it.
std::optional<DepsTarget> resolve_deps_target(const Schema& schema, const MigrationHistory& history,
                                              std::string_view text, std::string& error);

// A place in the code that uses the target.
struct CodeUse {
  CodeReference code;
  bool ambiguous = false;               // an unqualified column several tables could hold
  std::vector<std::string> candidates;  // those tables
};

// A schema object that depends on the target (contracts.md "kind": index, constraint,
// foreign_key, view, trigger, generated_column, policy).
struct SchemaDependency {
  std::string kind;
  std::string name;        // schema-qualified for relations and indexes, as PostgreSQL shows it otherwise
  std::string detail;      // "UNIQUE (email)", "public.orders (user_id) references public.users (id)"
  std::string defined_at;  // path:line, "" when the model does not know where
  bool blocks_drop = false;  // the drop fails without CASCADE, or takes something others rely on
};

struct DependencyReport {
  DepsTarget target;
  std::vector<CodeUse> code_references;  // uses that break when it is dropped
  std::vector<CodeUse> star_references;  // column targets: `SELECT *` only, not blocking
  std::vector<SchemaDependency> schema_dependencies;
  std::vector<HistoryEvent> migrations;
  bool safe_to_drop = true;
  std::vector<std::string> reasons;  // why not safe, one per kind of dependency
  std::vector<std::string> notes;    // what a drop takes with it, and what was not checked
};

DependencyReport build_dependency_report(const Schema& schema, const AppIndex& app, const MigrationHistory& history,
                                         const DepsTarget& target);

// SQL on one line, shortened to `max` bytes (whole UTF-8 characters) with " ...".
std::string one_line(std::string_view sql, std::size_t max = 200);

}  // namespace analyzer
