// require-enum-value-ordering: ALTER TYPE ... ADD VALUE without BEFORE or AFTER.
#include "analyzer/rule.h"
#include "rules/common.h"

namespace rules {
namespace {

using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "require-enum-value-ordering",
    analyzer::Severity::warning,
    analyzer::RuleGroup::style,
    {
        "ALTER TYPE ... ADD VALUE does not say where the value goes (BEFORE or AFTER)",
        "`ALTER TYPE ... ADD VALUE` without `BEFORE` or `AFTER`. When the schema model knows the enum, the "
        "message names its current last value and the suggestion makes the position explicit. Off by default "
        "(style group). Severity: warning.",
        "An enum sorts by the order of its values, not alphabetically: `ORDER BY`, `<`, `min()`/`max()` and "
        "indexes on the column use that order. Without BEFORE or AFTER the new value goes last, which is often "
        "not where it belongs (a status added between 'pending' and 'shipped'), and the order cannot be changed "
        "later short of recreating the type and rewriting every column that uses it. Writing the position makes "
        "the choice visible in review.",
        "ALTER TYPE order_status ADD VALUE 'packed';",
        "ALTER TYPE order_status ADD VALUE 'packed' AFTER 'paid';",
        "",
    },
    false,  // style group: off by default
};

std::string literal(std::string_view value) {
  std::string out = "'";
  for (char c : value) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

class RequireEnumValueOrdering : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const Node stmt = ctx.statement.tree;
    if (!stmt.is("AlterEnumStmt") || !stmt["oldVal"].str().empty() || stmt["newVal"].str().empty()) return;
    if (!stmt["newValNeighbor"].str().empty()) return;
    const analyzer::QualifiedName written = analyzer::list_name(stmt["typeName"]);
    const analyzer::EnumType* type = ctx.schema.find_enum(written, ctx.session.search_path);
    const std::string name = type ? type->name.str() : ctx.qualify(written).str();
    const std::string value = literal(stmt["newVal"].str());
    std::string message = "ADD VALUE " + value + " to " + name + " does not say where it goes: it is sorted last";
    std::string suggestion;
    if (type && !type->values.empty()) {
      const std::string last = literal(type->values.back());
      message += ", after " + last;
      suggestion = "ALTER TYPE " + qualified_sql(type->name) + " ADD VALUE " +
                   (stmt["skipIfNewValExists"].boolean() ? "IF NOT EXISTS " : "") + value + " AFTER " + last + ";";
    }
    out.report(ctx.statement, message,
               "write BEFORE or AFTER an existing value, so the position in the sort order is a visible choice",
               suggestion);
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_require_enum_value_ordering() {
  return std::make_unique<RequireEnumValueOrdering>();
}

}  // namespace rules
