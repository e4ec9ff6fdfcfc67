#include "analyzer/user_types.h"

namespace analyzer {

QualifiedName user_type_name(const TypeInfo& type, const Schema& schema, const std::vector<std::string>& search_path) {
  const QualifiedName written{type.schema, type.name};
  if (const EnumType* e = schema.find_enum(written, search_path)) return e->name;
  if (const Domain* d = schema.find_domain(written, search_path)) return d->name;
  return written;
}

std::set<QualifiedName> with_domains_over(std::set<QualifiedName> types, const Schema& schema,
                                          const std::vector<std::string>& search_path) {
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& [name, domain] : schema.domains())
      if (!types.count(name) && types.count(user_type_name(domain.base, schema, search_path)))
        grew = types.insert(name).second;
  }
  return types;
}

}  // namespace analyzer
