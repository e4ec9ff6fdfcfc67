#include "cppscan/api_table.h"

#include <charconv>

namespace cppscan {
namespace {

bool name_matches(std::string_view pattern, std::string_view name) {
  if (pattern.size() >= 3 && pattern.substr(pattern.size() - 3) == "::*") {
    const std::string_view scope = pattern.substr(0, pattern.size() - 1);  // keeps "::"
    return name.substr(0, scope.size()) == scope && name.find("::", scope.size()) == std::string_view::npos;
  }
  return pattern == name;
}

template <typename Entry>
const Entry* find_in(const std::vector<Entry>& entries, std::string_view name) {
  // Later entries (from the configuration) win over built-in ones.
  for (auto it = entries.rbegin(); it != entries.rend(); ++it)
    if (name_matches(it->name, name)) return &*it;
  return nullptr;
}

// "ns::f:2" -> ("ns::f", 2); "ns::f" -> ("ns::f", fallback). The index follows the last
// single colon, so "::" inside the name never splits it.
std::optional<std::pair<std::string, int>> split_entry(const std::string& entry, int fallback) {
  const std::size_t colon = entry.rfind(':');
  if (colon != std::string::npos && colon > 0 && entry[colon - 1] != ':' && colon + 1 < entry.size() &&
      entry[colon + 1] != ':') {
    int index = 0;
    const char* first = entry.data() + colon + 1;
    const char* last = entry.data() + entry.size();
    const auto [end, ec] = std::from_chars(first, last, index);
    if (ec != std::errc() || end != last || index < 0) return std::nullopt;
    return std::make_pair(entry.substr(0, colon), index);
  }
  if (entry.empty() || entry.back() == ':') return std::nullopt;
  return std::make_pair(entry, fallback);
}

}  // namespace

const SqlApi* ApiTable::find_sql(std::string_view n) const { return find_in(sql, n); }
const PreparedRunApi* ApiTable::find_prepared_run(std::string_view n) const { return find_in(prepared_runs, n); }
const FieldApi* ApiTable::find_field(std::string_view n) const { return find_in(fields, n); }
const SqlApi* ApiTable::find_sql_constructor(std::string_view n) const { return find_in(sql_constructors, n); }
const TableStreamApi* ApiTable::find_table_stream(std::string_view n) const { return find_in(table_streams, n); }

ApiTable builtin_apis() {
  ApiTable t;
  t.sql = {
      // libpq
      {"PQexec", 1, -1, "libpq"},
      {"PQexecParams", 1, -1, "libpq"},
      {"PQprepare", 2, 1, "libpq"},
      {"PQsendQuery", 1, -1, "libpq"},
      {"PQsendQueryParams", 1, -1, "libpq"},
      {"PQsendPrepare", 2, 1, "libpq"},
      // libpqxx 6 and 7
      {"pqxx::transaction_base::exec", 0, -1, "libpqxx"},
      {"pqxx::transaction_base::exec0", 0, -1, "libpqxx"},
      {"pqxx::transaction_base::exec1", 0, -1, "libpqxx"},
      {"pqxx::transaction_base::exec_n", 1, -1, "libpqxx"},
      {"pqxx::transaction_base::exec_params", 0, -1, "libpqxx"},
      {"pqxx::transaction_base::exec_params0", 0, -1, "libpqxx"},
      {"pqxx::transaction_base::exec_params1", 0, -1, "libpqxx"},
      {"pqxx::transaction_base::exec_params_n", 1, -1, "libpqxx"},
      {"pqxx::transaction_base::query", 0, -1, "libpqxx"},
      {"pqxx::transaction_base::query_value", 0, -1, "libpqxx"},
      {"pqxx::transaction_base::stream", 0, -1, "libpqxx"},
      {"pqxx::transaction_base::for_each", 0, -1, "libpqxx"},
      {"pqxx::connection_base::prepare", 1, 0, "libpqxx"},
      {"pqxx::connection::prepare", 1, 0, "libpqxx"},
      {"pqxx::pipeline::insert", 0, -1, "libpqxx"},
      {"pqxx::stream_from::query", 1, -1, "libpqxx"},  // libpqxx 7
      // Qt SQL
      {"QSqlQuery::exec", 0, -1, "Qt"},
      {"QSqlQuery::prepare", 0, -1, "Qt"},
      {"QSqlDatabase::exec", 0, -1, "Qt"},
      // SOCI: `sql << "SELECT ..."`, the operator's one parameter
      {"soci::session::operator<<", 0, -1, "SOCI"},
      {"soci::session::prepare", 0, -1, "SOCI"},
      // sqlite3
      {"sqlite3_exec", 1, -1, "sqlite3"},
      {"sqlite3_prepare", 1, -1, "sqlite3"},
      {"sqlite3_prepare_v2", 1, -1, "sqlite3"},
      {"sqlite3_prepare_v3", 1, -1, "sqlite3"},
      {"sqlite3_prepare16", 1, -1, "sqlite3"},
      {"sqlite3_prepare16_v2", 1, -1, "sqlite3"},
      {"sqlite3_prepare16_v3", 1, -1, "sqlite3"},
  };
  t.prepared_runs = {
      {"PQexecPrepared", 1, "libpq"},
      {"PQsendQueryPrepared", 1, "libpq"},
      {"pqxx::transaction_base::exec_prepared", 0, "libpqxx"},
      {"pqxx::transaction_base::exec_prepared0", 0, "libpqxx"},
      {"pqxx::transaction_base::exec_prepared1", 0, "libpqxx"},
      {"pqxx::transaction_base::exec_prepared_n", 1, "libpqxx"},
  };
  t.fields = {
      {"pqxx::row::operator[]", 0, -1, "libpqxx"},
      {"pqxx::row::at", 0, -1, "libpqxx"},
      {"pqxx::row::column_number", 0, -1, "libpqxx"},
      {"pqxx::row_ref::operator[]", 0, -1, "libpqxx"},
      {"pqxx::row_ref::at", 0, -1, "libpqxx"},
      {"pqxx::row_ref::column_number", 0, -1, "libpqxx"},
      {"pqxx::result::column_number", 0, -1, "libpqxx"},
      {"PQfnumber", 1, 0, "libpq"},
      {"QSqlQuery::value", 0, -1, "Qt"},
      {"QSqlRecord::value", 0, -1, "Qt"},
      {"QSqlRecord::indexOf", 0, -1, "Qt"},
      {"QSqlRecord::field", 0, -1, "Qt"},
      {"soci::row::get", 0, -1, "SOCI"},
      {"soci::values::get", 0, -1, "SOCI"},
  };
  t.sql_constructors = {
      {"QSqlQuery", 0, -1, "Qt"},
      {"soci::statement", 1, -1, "SOCI"},
  };
  t.table_streams = {
      // libpqxx 6 and 7: stream_from(tx, "t", columns), stream_to(tx, "t", begin, end) ...
      {"pqxx::stream_from", false, false, "libpqxx"},
      {"pqxx::stream_to", true, false, "libpqxx"},
      // libpqxx 7: table(tx, {"schema", "t"}, {"a", "b"}) quotes; raw_table(tx, "t", "a, b") does not.
      {"pqxx::stream_from::table", false, true, "libpqxx"},
      {"pqxx::stream_to::table", true, true, "libpqxx"},
      {"pqxx::stream_from::raw_table", false, false, "libpqxx"},
      {"pqxx::stream_to::raw_table", true, false, "libpqxx"},
  };
  return t;
}

std::optional<std::string> add_configured_apis(ApiTable& table, const std::vector<std::string>& sql_functions,
                                               const std::vector<std::string>& field_functions) {
  for (const std::string& entry : sql_functions) {
    const auto parsed = split_entry(entry, -1);
    if (!parsed) return "malformed SQL function \"" + entry + "\": expected NAME or NAME:ARGUMENT_INDEX";
    table.sql.push_back({parsed->first, parsed->second, -1, "wrapper"});
  }
  for (const std::string& entry : field_functions) {
    const auto parsed = split_entry(entry, 0);
    if (!parsed) return "malformed field function \"" + entry + "\": expected NAME or NAME:ARGUMENT_INDEX";
    table.fields.push_back({parsed->first, parsed->second, -1, "wrapper"});
  }
  return std::nullopt;
}

}  // namespace cppscan
