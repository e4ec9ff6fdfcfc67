// Whether an UPDATE or DELETE works through a bounded batch of rows or through the
// whole table in one transaction: the analysis behind unbatched-update and
// unbatched-delete.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/rule.h"

namespace rules {

// True if the WHERE clause of `dml` (an UpdateStmt or DeleteStmt body) bounds the
// target table's rows by a key: equality, = ANY, IN (list), BETWEEN, a two-sided range,
// or a key taken from a LIMITed subquery or LIMITed CTE. `enclosing_with` is the WITH
// clause of the statement that contains `dml` when it is a data-modifying CTE.
// `variables` names PL/pgSQL variables (values fixed per execution, like parameters)
// when `dml` is inside a DO block or routine.
bool bounds_rows_by_key(const analyzer::StatementContext& ctx, sqlparse::Node dml,
                        sqlparse::Node enclosing_with = {}, const std::set<std::string>* variables = nullptr);

// Reports every UPDATE (dml_kind "UpdateStmt") or DELETE ("DeleteStmt") that runs over an
// existing table without a key bound: top-level, in a WITH clause, in a DO block, or in a
// PL/pgSQL procedure that the file creates and then CALLs. Inside PL/pgSQL a bounded
// statement must also run in a loop that COMMITs per batch, outside a transaction block.
// One per rule: it remembers the file's procedures from statement to statement.
class UnbatchedFinder {
 public:
  explicit UnbatchedFinder(std::string_view dml_kind) : dml_kind_(dml_kind) {}
  void start_file() { procedures_.clear(); }
  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out);

 private:
  struct Procedure {
    std::string name;
    std::string schema;  // as written in CREATE PROCEDURE; empty when unqualified
    std::size_t begin = 0, end = 0;  // the CREATE PROCEDURE statement in the file
  };
  // The statements of the DO block or procedure at [begin, end) of the file.
  void check_routine(const analyzer::StatementContext& ctx, analyzer::Reporter& out, std::size_t begin,
                     std::size_t end, const std::string& routine, const std::string& runner);
  void remember_procedure(const analyzer::StatementContext& ctx);
  const Procedure* called_procedure(sqlparse::Node call) const;

  std::string dml_kind_;
  std::vector<Procedure> procedures_;  // in order of creation: a later one replaces an earlier one
};

// Byte offset in `sql` of a keyword outside parentheses, quotes and comments, or npos.
std::size_t find_top_level_keyword(std::string_view sql, std::string_view keyword);

}  // namespace rules
