// Follows string values through one function: literals, concatenation, appends,
// format templates, constants, and where they end up (a database API, a variable, a
// call), then ties result-field reads to the query whose result they read.
#pragma once

#include <clang/AST/Decl.h>

#include "cppscan/unit_context.h"

namespace cppscan {

void scan_function(UnitContext& unit, const clang::FunctionDecl* function);
void scan_global_initializer(UnitContext& unit, const clang::VarDecl* variable);

}  // namespace cppscan
