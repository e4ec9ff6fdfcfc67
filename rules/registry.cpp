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
  X(rename_table)                              \
  X(add_column_volatile_default) \
  X(add_column_stored_generated) \
  X(add_required_column_without_default) \
  X(alter_column_type_rewrite) \
  X(table_rewrite_command) \
  X(set_not_null_scan) \
  X(add_check_constraint_validates) \
  X(add_foreign_key_validates) \
  X(add_unique_constraint_builds_index) \
  X(foreign_key_without_index) \
  X(add_enum_value_in_transaction) \
  X(statements_after_access_exclusive) \
  X(drop_column_drops_dependents) \
  X(missing_statement_timeout)

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
