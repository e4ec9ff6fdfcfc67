// The tables and columns a query or DML statement reads and writes, as written in
// the SQL: aliases resolved within the statement, but not yet against a schema
// (the analyzer does that with its model). Used by cppscan on SQL found in C++.
//
// What counts as a query (SqlAnalysis::is_query):
// - column-bearing statements: SELECT (with a target list, a FROM clause or VALUES),
//   VALUES, INSERT, UPDATE, DELETE, MERGE, COPY, TRUNCATE, each with or without WITH,
//   also behind EXPLAIN or PREPARE ... AS;
// - session statements that applications send alongside them — BEGIN/COMMIT/ROLLBACK/
//   SAVEPOINT, SET/RESET, LOCK — are accepted next to a column-bearing statement
//   ("BEGIN; UPDATE ...; COMMIT") but never make a query on their own;
// - anything else in the string (DDL, a bare "SELECT", "BEGIN", "SET x = 1") makes the
//   whole string not a query, and so does a column reference that no FROM item can
//   supply ("select an option" parses as SELECT an AS option, which PostgreSQL would
//   reject at run time).
// Text that PostgreSQL's grammar accepts is a query even when it was meant as prose
// ("delete from the list" deletes from table "the" aliased "list"): its tables then
// fail to resolve against the schema, which is where such strings are told apart.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sqlparse {

enum class Access {
  read,    // SELECT list, RETURNING, SET right-hand side, COPY ... TO column list
  write,   // INSERT column list, UPDATE SET target, ON CONFLICT DO UPDATE SET target,
           // MERGE UPDATE SET / INSERT column list, COPY ... FROM column list
  filter,  // WHERE, JOIN ... ON / USING, ORDER BY, GROUP BY, HAVING, DISTINCT ON, window
           // PARTITION BY / ORDER BY, aggregate FILTER / ORDER BY, LIMIT, ON CONFLICT target,
           // MERGE join condition and WHEN conditions
  star,    // SELECT * or t.*, RETURNING *, a whole-row reference (row_to_json(u)),
           // COPY t TO without a column list: every column of the table
  table,   // the table itself (FROM, JOIN, DELETE FROM, INSERT INTO, UPDATE, TRUNCATE ...)
};
std::string_view access_name(Access a);

// The command of the query level a reference sits in: a subquery inside an UPDATE is a
// select; a data-modifying CTE is the command it runs.
enum class Command { select, insert, update, delete_, merge, copy, truncate, lock };
std::string_view command_name(Command c);

struct ColumnRef {
  // The table the column belongs to, as written ("users", "app.users"), after alias
  // resolution within the statement. Empty when the column is unqualified and more
  // than one table is in scope: then `candidates` lists them.
  std::string table;
  std::vector<std::string> candidates;
  // For an unqualified column: the tables of the enclosing query levels (innermost first)
  // that a correlated reference could come from. PostgreSQL looks there only when no
  // table of the innermost level (`table` / `candidates`) has the column.
  std::vector<std::string> outer_candidates;
  std::string column;  // "" for Access::table, "*" for Access::star
  Access access = Access::read;
  // Byte offset in the SQL text of the column's token (for "u.email", of "email"; for
  // "t.*", of "*"), or of the table name's first token for Access::table.
  std::size_t offset = 0;
  std::size_t statement = 0;  // 0-based index of the statement in a multi-statement text
  Command command = Command::select;
  // On Access::table refs: the table the statement modifies (INSERT INTO, UPDATE,
  // DELETE FROM, MERGE INTO, COPY ... FROM, TRUNCATE), as opposed to one it reads.
  bool target = false;
};

struct SqlAnalysis {
  // False when the text is not SQL that PostgreSQL parses as a query or DML statement
  // (see the rules at the top of this file). refs is then empty.
  bool is_query = false;
  // Why it is not a query, when it is not for a reason other than being empty or
  // holding only non-query statements: libpg_query's syntax error, or an unrunnable query.
  std::string error;
  std::size_t error_offset = 0;  // byte offset of the error in the SQL text
  std::size_t statements = 0;    // statements parsed (0 on a syntax error)
  // In statement order, and within a statement roughly in clause order: the statement's
  // own tables first, then FROM items, target list, WHERE and the rest.
  std::vector<ColumnRef> refs;
};

// Parses `sql` (one or several statements) and lists its references. Never throws on
// input; thread-safe (cppscan calls it from several threads). Parameters ($1) are
// ignored, so a template with its placeholders replaced by $n parameters still yields
// the references of its constant parts.
//
// Within the statement: an INSERT without a column list (and COPY ... FROM without one)
// writes columns by position and yields only its Access::table ref; a reference to a CTE
// or a FROM subquery yields nothing of its own (the body has its refs), except a column
// read by name through a `SELECT *` in that body, which is attributed to the star's table.
SqlAnalysis analyze_query(std::string_view sql);

}  // namespace sqlparse
