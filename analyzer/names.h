// Schema-qualified names and their resolution through search_path.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sqlparse/node.h"

namespace analyzer {

struct QualifiedName {
  std::string schema;  // empty when the SQL did not qualify the name
  std::string name;

  bool qualified() const { return !schema.empty(); }
  std::string str() const { return schema.empty() ? name : schema + "." + name; }
  friend bool operator==(const QualifiedName&, const QualifiedName&) = default;
  friend auto operator<=>(const QualifiedName&, const QualifiedName&) = default;
};

// The name in a RangeVar node ({"relname", "schemaname"}).
QualifiedName range_var_name(sqlparse::Node range_var);
// The name in a list of String nodes (["public", "users"] or ["users"]).
QualifiedName list_name(sqlparse::Node names);

}  // namespace analyzer
