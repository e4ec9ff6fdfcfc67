// Facts from PostgreSQL's own catalogue, compiled in: function volatility
// (pg_proc.provolatile), binary-coercible casts (pg_cast castmethod 'b') and the SQL
// spellings of built-in types. The data is generated from a real server by
// tools/gen_pg_catalog.sh into pg_catalog_data.cpp.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "analyzer/schema.h"  // Volatility

namespace analyzer {
namespace pg_catalog {

// The volatility of a built-in function called with `nargs` arguments. An unqualified
// name is looked up in pg_catalog (always searched first). With several overloads of
// that arity the most volatile wins; with none of that arity (variadic calls), any
// overload of the name. nullopt when the catalogue has no such function.
std::optional<Volatility> function_volatility(std::string_view name, int nargs);

// True if a value of type `from` can be reinterpreted as `to` without conversion
// (pg_cast castmethod 'b'). Type names as pg_type.typname ("varchar", "int4").
bool binary_coercible(std::string_view from, std::string_view to);

// pg_type.typname for a built-in SQL spelling ("integer" -> "int4",
// "character varying" -> "varchar"); the input unchanged when it is not an alias.
std::string canonical_type(std::string_view sql_name);

// server_version_num of the server the data came from.
int source_version();

}  // namespace pg_catalog

namespace pg_catalog_data {

struct ProcEntry {
  const char* name;  // schema-qualified: "pg_catalog.now"
  int nargs;
  char volatility;  // 'i', 's' or 'v'
};
struct CastEntry {
  const char* from;
  const char* to;
};

// Sorted by name (bytewise), then nargs.
extern const ProcEntry kProcs[];
extern const std::size_t kProcCount;
// Sorted by from, then to.
extern const CastEntry kBinaryCasts[];
extern const std::size_t kBinaryCastCount;
// SQL spelling -> typname, sorted by spelling.
extern const CastEntry kTypeAliases[];
extern const std::size_t kTypeAliasCount;
extern const int kServerVersionNum;

}  // namespace pg_catalog_data
}  // namespace analyzer
