// The lock report of `lint --show-effects`: per statement under review, each lock and
// what it blocks in plain words, rewrites, scans, transaction use and known failures.
#pragma once

#include <ostream>

#include "analyzer/engine.h"

namespace analyzer::report {

// Needs LintOptions::record_statements; prints nothing for a result without statements.
void write_lock_report(std::ostream& out, const LintResult& result, bool color);

}  // namespace analyzer::report
