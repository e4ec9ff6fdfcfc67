// The SQL statements inside PL/pgSQL code: the body of a DO statement or of a
// CREATE FUNCTION / CREATE PROCEDURE ... LANGUAGE plpgsql, each with its place in the
// file and the loops around it, so rules can judge what a DO block or procedure runs.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <set>
#include <string>

#include "sqlparse/parser.h"

namespace sqlparse {

// One SQL statement that PL/pgSQL code runs: a plain statement (UPDATE ...;), or the
// query of FOR rec IN query LOOP. Dynamic SQL (EXECUTE '...') is not among them.
struct EmbeddedStatement {
  // The statement, parsed. When `located`, begin/end/start/stop/text are its place in the
  // file (text without a PL/pgSQL INTO clause); otherwise they are the routine statement's.
  // tree_base is begin: Node locations are approximate when the body doubles quotes.
  Statement statement;
  bool located = false;
  int loop_depth = 0;  // LOOP / WHILE / FOR / FOREACH statements around it
  // The body of the innermost loop around it runs a COMMIT (or COMMIT AND CHAIN), so
  // every iteration is its own transaction. A COMMIT in a block with an EXCEPTION clause
  // does not count: PostgreSQL rejects it ("cannot commit while a subtransaction is active").
  bool loop_commits = false;
};

struct PlpgsqlRoutine {
  enum class Kind { do_block, function, procedure };
  Kind kind = Kind::do_block;
  std::string name;  // "name" or "schema.name" as written; empty for a DO block
  // Names the body can use as values: parameters, declared and loop variables (lower
  // case, as PL/pgSQL folds them). A column reference with one of these names is a variable.
  std::set<std::string> variables;
  // The body does not parse as PL/pgSQL: libpg_query's message. No statement is reported then.
  std::optional<std::string> error;
};

// Reads the routine statement at bytes [begin, end) of the file: a DO block or a CREATE
// FUNCTION / PROCEDURE whose language is plpgsql. Returns nullopt for any other statement
// (another language, a SQL-standard body). Calls on_statement for each statement of the
// body in order; a statement's Nodes are valid only during its call.
std::optional<PlpgsqlRoutine> read_plpgsql_routine(
    const SourceText& source, std::size_t begin, std::size_t end,
    const std::function<void(const PlpgsqlRoutine&, const EmbeddedStatement&)>& on_statement);

}  // namespace sqlparse
