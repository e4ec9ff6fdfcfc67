#include "rules/registry.h"

#include "analyzer/suppression.h"

namespace rules {

// Each rule file defines its factory.
#define SCHEMAGUARD_RULES(X)                  \
  X(create_index_without_concurrently)        \
  X(concurrently_in_transaction)              \
  X(missing_lock_timeout)                     \
  X(unbatched_update)                         \
  X(unbatched_delete)                         \
  X(drop_column)                              \
  X(drop_table)                               \
  X(rename_column)                            \
  X(rename_table)

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
