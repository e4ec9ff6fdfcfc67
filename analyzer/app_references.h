// The application's column references as `check` and `deps` use them: taken from a scan
// (fresh, or a saved `scan --format json`), resolved against the schema model, and
// indexed by table and column so rules can ask "who still uses users.email?".
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/finding.h"
#include "analyzer/names.h"
#include "analyzer/schema.h"

namespace analyzer {

// One reference as the scanner reports it. Tables are as written in the SQL, or already
// schema-qualified when the scan resolved them.
struct AppReference {
  std::string table;                    // "" when the column's table is ambiguous
  std::vector<std::string> candidates;  // tables the column may belong to
  std::string column;                   // "" for access "table"; "*" for an unexpanded star
  std::string access;                   // read, write, filter, star, table, field
  std::string path;
  int line = 0;
  int col = 0;
  std::string function;
  std::string sql;
  bool inactive = false;  // in an #if branch the build does not compile
};

struct ResolvedAppReference {
  QualifiedName table;                  // empty when ambiguous
  std::vector<QualifiedName> candidates;  // when ambiguous: the tables it may be
  std::string column;                   // "" for a table reference
  std::string access;
  bool ambiguous = false;
  bool from_star = false;               // one column of an expanded `SELECT *`
  bool table_known = false;             // the model has the table (every candidate)
  bool column_known = false;            // the model's table has the column (every candidate)
  bool inactive = false;                // in an #if branch the build does not compile
  CodeReference code;                   // where, for findings and reports
  std::size_t source = 0;               // index of the AppReference it came from
};

// References resolved against one schema: qualified through search_path (or "public"),
// unqualified columns placed in the one table in scope that has them, stars expanded into
// the model's columns, field reads by name tied to the tables that have such a column.
std::vector<ResolvedAppReference> resolve_app_references(const Schema& schema, const std::vector<AppReference>& refs);

class AppIndex {
 public:
  AppIndex() = default;
  AppIndex(const Schema& schema, const std::vector<AppReference>& refs);

  const std::vector<ResolvedAppReference>& all() const { return refs_; }

  // References that read or write `column` of `table` by name: the table's own, and the
  // ambiguous ones that have it among their candidates. A bare `SELECT *` expansion does
  // not count (code that never names the column keeps working without it).
  std::vector<const ResolvedAppReference*> uses_column(const QualifiedName& table, std::string_view column) const;
  // (References in inactive #if branches are left out of the index.)
  // Every reference to the table, whatever the column (stars and table-only refs included).
  std::vector<const ResolvedAppReference*> uses_table(const QualifiedName& table) const;

 private:
  std::vector<ResolvedAppReference> refs_;
  std::multimap<QualifiedName, std::size_t> by_table_;  // candidates included
};

// The code locations of references, deduplicated, in path/line order.
std::vector<CodeReference> code_locations(const std::vector<const ResolvedAppReference*>& refs);

}  // namespace analyzer
