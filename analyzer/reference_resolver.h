// Resolves the column references of application SQL (sqlparse::analyze_query) against
// the schema model: schema-qualified tables, unqualified columns placed in the one table
// that has them, `*` expanded into columns, and what the model does not know flagged.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/names.h"
#include "analyzer/schema.h"
#include "sqlparse/column_refs.h"

namespace analyzer {

struct ResolvedRef {
  // Schema-qualified (through search_path, or its first schema for a table the model
  // does not have). Empty when the reference stays ambiguous: see `candidates`.
  QualifiedName table;
  // "" for Access::table; "*" only for a star whose table the model does not have.
  std::string column;
  sqlparse::Access access = sqlparse::Access::read;
  // Copied from the sqlparse::ColumnRef it came from (an expanded star: from the star).
  std::size_t offset = 0;
  std::size_t statement = 0;
  sqlparse::Command command = sqlparse::Command::select;
  bool target = false;

  // An unqualified column that more than one table in scope may hold: the tables of the
  // model that have it, or when none does, every table in scope.
  bool ambiguous = false;
  std::vector<QualifiedName> candidates;

  // The model has the table (when ambiguous: every candidate).
  bool table_known = false;
  // The model's table has the column (when ambiguous: every candidate does). For a table
  // ref the same as table_known; false for an unexpanded star.
  bool column_known = false;
  // One column of an expanded `*` (access star).
  bool from_star = false;

  bool known() const { return table_known && column_known; }
};

// Resolves refs in order; a star on a known table becomes one ref per column of the model,
// in the table's column order. An empty search_path means {"public"}.
std::vector<ResolvedRef> resolve_references(const Schema& schema, const std::vector<sqlparse::ColumnRef>& refs,
                                            const std::vector<std::string>& search_path);

// "app.users" -> {app, users}; "db.app.users" -> {app, users}; "users" -> {"", users}.
QualifiedName table_name_as_written(std::string_view table);

}  // namespace analyzer
