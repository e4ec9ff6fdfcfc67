// Prediction (the effects model) against observation (a real server), per statement.
#pragma once

#include <string>
#include <vector>

#include "analyzer/effects.h"
#include "pgtrace/observer.h"

namespace pgtrace {

struct Difference {
  std::string aspect;    // "lock", "rewrite", "rebuilt index", "scan", "outcome"
  std::string relation;  // schema-qualified; empty for "outcome"
  std::string predicted;
  std::string observed;

  std::string text() const;  // "lock on public.users: predicted ShareLock, observed AccessExclusiveLock"
};

struct CompareOptions {
  // Scans are the statement's own (a rewrite, a validation, an index build). A query's
  // (SELECT, INSERT, UPDATE, DELETE, MERGE, CREATE TABLE AS) depend on the plan: not compared.
  bool compare_scans = true;
};

// Empty when they agree, or when the statement was skipped.
std::vector<Difference> compare(const analyzer::Effects& predicted, const Observation& observed,
                                const CompareOptions& options = {});

// True for statement kinds whose scans depend on the planner (CREATE TABLE AS included).
bool is_query_kind(std::string_view kind);
// False for queries, and for TRUNCATE: its index rebuild reads the new, empty storage, which
// pg_stat counts as a sequential scan.
bool scans_are_compared(std::string_view kind);

}  // namespace pgtrace
