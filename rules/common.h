// Small helpers shared by several rules.
#pragma once

#include <string_view>

#include "analyzer/rule.h"

namespace rules {

// A column added earlier in the files under review (to a table that existed before):
// no deployed code can use it yet.
bool is_new_column(const analyzer::StatementContext& ctx, const analyzer::QualifiedName& table,
                   std::string_view column);

}  // namespace rules
