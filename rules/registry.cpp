#include "rules/registry.h"

#include "analyzer/suppression.h"

namespace rules {

// Each rule file defines its factory; the lists are split by area so that they can grow
// independently.
#include "rules/list_core.inc"
#include "rules/list_catalogue.inc"
#include "rules/list_style.inc"
#include "rules/list_application.inc"

#define SCHEMAGUARD_RULES(X) \
  SCHEMAGUARD_CORE_RULES(X) SCHEMAGUARD_CATALOGUE_RULES(X) SCHEMAGUARD_STYLE_RULES(X) SCHEMAGUARD_APPLICATION_RULES(X)

#define DECLARE_FACTORY(name) std::unique_ptr<analyzer::Rule> make_##name();
SCHEMAGUARD_RULES(DECLARE_FACTORY)
#undef DECLARE_FACTORY

analyzer::RuleList make_all_rules() {
  analyzer::RuleList list;
#define ADD_RULE(name) list.push_back(make_##name());
  SCHEMAGUARD_RULES(ADD_RULE)
#undef ADD_RULE
  return list;
}

std::vector<const analyzer::RuleInfo*> catalogue() {
  static const analyzer::RuleList instances = make_all_rules();
  std::vector<const analyzer::RuleInfo*> out;
  for (const auto& rule : instances) out.push_back(&rule->info());
  out.push_back(&analyzer::invalid_suppression_rule());
  return out;
}

}  // namespace rules
