// The database APIs the scanner knows, kept as data: where SQL goes in, where a
// prepared statement is run by name, and where a result field is read by name.
// Names are the callee's fully qualified name ("pqxx::transaction_base::exec",
// "PQexec"); a name ending in "::*" matches every function of that scope.
// Parameter indexes count the declared parameters (the object of a member call
// is not one).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cppscan {

struct SqlApi {
  std::string name;
  int sql_param = 0;          // -1: any argument that holds SQL (wrappers named without an index)
  int statement_name_param = -1;  // prepare(name, sql): the statement's name
  std::string label;          // "libpq", "libpqxx", ... as reported in `api`
};

// Runs a statement prepared earlier under a name (exec_prepared("find_user", ...)).
struct PreparedRunApi {
  std::string name;
  int statement_name_param = 0;
  std::string label;
};

struct FieldApi {
  std::string name;
  int field_param = 0;
  int result_param = -1;  // the result read from, for free functions (PQfnumber(res, "col")); -1: the object
  std::string label;
};

// libpqxx's table streams, which run COPY on a table and columns named by arguments
// rather than SQL: after the transaction (and a from_table_t tag) come the table, then
// the columns (a container, an initializer list, or two iterators). A from_query_t tag
// is followed by a query instead. Analysed as the COPY statement the stream runs.
struct TableStreamApi {
  std::string name;            // a factory function, or the class for its constructors
  bool writes = false;         // stream_to: COPY ... FROM STDIN; stream_from: COPY ... TO STDOUT
  bool quotes_names = false;   // names given one by one are quoted (libpqxx 7's table())
  std::string label;
};

struct ApiTable {
  std::vector<SqlApi> sql;
  std::vector<PreparedRunApi> prepared_runs;
  std::vector<FieldApi> fields;
  // Classes whose constructor takes SQL as its first argument (QSqlQuery).
  std::vector<SqlApi> sql_constructors;
  std::vector<TableStreamApi> table_streams;

  const SqlApi* find_sql(std::string_view qualified_name) const;
  const PreparedRunApi* find_prepared_run(std::string_view qualified_name) const;
  const FieldApi* find_field(std::string_view qualified_name) const;
  const SqlApi* find_sql_constructor(std::string_view class_name) const;
  const TableStreamApi* find_table_stream(std::string_view qualified_name) const;
};

// libpq, libpqxx, Qt SQL, SOCI and sqlite3.
ApiTable builtin_apis();

// Adds "NAME" or "NAME:INDEX" entries from the configuration (wrapper functions that
// take SQL, functions that read a result field by name). Returns the offending entry's
// message on a malformed one.
std::optional<std::string> add_configured_apis(ApiTable& table, const std::vector<std::string>& sql_functions,
                                               const std::vector<std::string>& field_functions);

}  // namespace cppscan
