#include "analyzer/names.h"

namespace analyzer {

QualifiedName range_var_name(sqlparse::Node rv) {
  return QualifiedName{std::string(rv["schemaname"].str()), std::string(rv["relname"].str())};
}

QualifiedName list_name(sqlparse::Node names) {
  QualifiedName out;
  const std::size_t n = names.size();
  if (n == 0) return out;
  out.name = std::string(names.at(n - 1).str());
  if (n >= 2) out.schema = std::string(names.at(n - 2).str());
  return out;
}

}  // namespace analyzer
