// Replays a migration plan (baseline, history, files under review) against a real server
// and observes each statement under review beside the effects model's prediction.
#pragma once

#include <string>
#include <vector>

#include "analyzer/engine.h"
#include "pgtrace/compare.h"
#include "pgtrace/observer.h"

namespace pgtrace {

struct TracedStatement {
  std::string path;
  sqlparse::Position start;
  std::string sql;
  std::string kind;  // the parse tree's statement kind, e.g. "AlterTableStmt"
  analyzer::Effects predicted;
  Observation observed;
  std::vector<Difference> differences;
};

struct TraceOptions {
  int pg_version = 15;
  // A throwaway cluster: each statement's changes are kept (applied after it was observed),
  // so later statements see them; statements that cannot run in a transaction are observed
  // from a second session. Otherwise (a database the user names) nothing under review is
  // ever committed: each statement runs after the earlier ones in one transaction that is
  // rolled back, and statements that cannot run in a transaction are skipped.
  bool keep_changes = true;
};

struct TraceResult {
  std::vector<TracedStatement> statements;
  std::vector<sqlparse::InputError> errors;    // files under review that cannot be read or parsed
  std::vector<sqlparse::InputError> warnings;  // history statements the server rejected

  std::size_t difference_count() const;
};

TraceResult trace(const std::vector<analyzer::MigrationFile>& plan, Observer& observer, const TraceOptions& options);

// Number of user tables, views and sequences in the connected database (0 = empty).
long long user_relation_count(Observer& observer);

}  // namespace pgtrace
