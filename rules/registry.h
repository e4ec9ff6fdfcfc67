// Every rule schemaguard knows, in catalogue order.
#pragma once

#include <vector>

#include "analyzer/rule.h"

namespace rules {

// Fresh instances of every rule (rules may keep per-file state).
analyzer::RuleList make_all_rules();

// The documentation of every rule, including the engine's built-in ones.
std::vector<const analyzer::RuleInfo*> catalogue();

}  // namespace rules
