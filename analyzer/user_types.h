// Enums and domains as the schema model names them: shared by the effects model (what a DROP
// or ALTER DOMAIN reaches) and the replay (what DROP TYPE ... CASCADE removes).
#pragma once

#include <set>
#include <string>
#include <vector>

#include "analyzer/schema.h"

namespace analyzer {

// A declared type as the model names it: an enum's or domain's schema-qualified name (found
// through search_path when written without a schema); a built-in type as written.
QualifiedName user_type_name(const TypeInfo& type, const Schema& schema, const std::vector<std::string>& search_path);

// The types given, and every domain based on one of them (a domain over a domain, at any depth).
std::set<QualifiedName> with_domains_over(std::set<QualifiedName> types, const Schema& schema,
                                          const std::vector<std::string>& search_path);

}  // namespace analyzer
