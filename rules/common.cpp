#include "rules/common.h"

namespace rules {

bool is_new_column(const analyzer::StatementContext& ctx, const analyzer::QualifiedName& table,
                   std::string_view column) {
  const analyzer::Table* t = ctx.find_table(table);
  const analyzer::Column* c = t ? t->column(column) : nullptr;
  return c && c->origin.kind == analyzer::Origin::Kind::under_review && c->origin.batch == ctx.review_batch;
}

}  // namespace rules
