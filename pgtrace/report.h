// The output of `schemaguard trace`: per statement, what PostgreSQL did beside what
// schemaguard predicted, every difference flagged.
#pragma once

#include <ostream>

#include "pgtrace/trace.h"

namespace pgtrace {

// path:line:column: the statement, then observed and predicted locks, rewrites, rebuilt
// indexes and scans, then `difference:` lines (or a note why it was not observed), and a
// summary line.
void write_trace_text(std::ostream& out, const TraceResult& result);

// {"schema_version": 1, "tool": ..., "pg_version": 15, "statements": [{"path", "line",
//  "column", "sql", "kind", "status": "ran|failed|skipped", "observed_from": "transaction|second
//  session", "note", "error", "predicted": {...}, "observed": {...}, "differences": [...]}],
//  "summary": {...}, "warnings": [...]}
void write_trace_json(std::ostream& out, const TraceResult& result, int pg_version);

}  // namespace pgtrace
