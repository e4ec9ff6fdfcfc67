// Whether an UPDATE or DELETE works through a bounded batch of rows or through the
// whole table in one transaction: the analysis behind unbatched-update and
// unbatched-delete.
#pragma once

#include <string_view>

#include "analyzer/rule.h"

namespace rules {

// True if the WHERE clause of `dml` (an UpdateStmt or DeleteStmt body) bounds the
// target table's rows by a key: equality, = ANY, IN (list), BETWEEN, a two-sided range,
// or a key taken from a LIMITed subquery or LIMITed CTE. `enclosing_with` is the WITH
// clause of the statement that contains `dml` when it is a data-modifying CTE.
bool bounds_rows_by_key(const analyzer::StatementContext& ctx, sqlparse::Node dml,
                        sqlparse::Node enclosing_with = {});

// Reports every UPDATE (dml_kind "UpdateStmt") or DELETE ("DeleteStmt") of the statement,
// top-level or in a WITH clause, that runs over an existing table without a key bound.
void report_unbatched(const analyzer::StatementContext& ctx, analyzer::Reporter& out, std::string_view dml_kind);

// Byte offset in `sql` of a keyword outside parentheses, quotes and comments, or npos.
std::size_t find_top_level_keyword(std::string_view sql, std::string_view keyword);

}  // namespace rules
