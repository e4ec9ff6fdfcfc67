// Volatility of expressions (ADD COLUMN ... DEFAULT): PostgreSQL evaluates a
// non-volatile default once and stores it in the catalogue (fast default, 11+);
// a volatile one is evaluated per row, which rewrites the table.
#include "analyzer/effects_internal.h"
#include "analyzer/pg_catalog.h"

namespace analyzer::effects_detail {

using sqlparse::Node;

namespace {

Volatility function_call_volatility(const QualifiedName& name, int nargs, Builder& b) {
  // pg_catalog is searched before the search_path unless named explicitly.
  if (!name.qualified() || name.schema == "pg_catalog")
    if (auto v = pg_catalog::function_volatility("pg_catalog." + name.name, nargs)) return *v;
  if (auto v = b.schema.function_volatility(name, b.session.search_path)) return *v;
  if (name.qualified())
    if (auto v = pg_catalog::function_volatility(name.str(), nargs)) return *v;
  b.note("unknown function " + name.str() + "(): treated as volatile");
  return Volatility::volatile_;
}

}  // namespace

Volatility expression_volatility(Node expr, Builder& b) {
  Volatility worst = Volatility::immutable;
  expr.walk([&](Node n) {
    if (n.is("FuncCall")) {
      const QualifiedName name = list_name(n["funcname"]);
      worst = std::max(worst, function_call_volatility(name, static_cast<int>(n["args"].size()), b));
    } else if (n.is("SQLValueFunction")) {
      // CURRENT_TIMESTAMP, CURRENT_DATE, LOCALTIMESTAMP, CURRENT_USER: stable.
      worst = std::max(worst, Volatility::stable);
    }
  });
  return worst;
}

}  // namespace analyzer::effects_detail
