// prefer-jsonb-over-json: json keeps the text and reparses it; jsonb is indexable and comparable.
#include "analyzer/rule.h"
#include "rules/style_columns.h"

namespace rules {
namespace {

using analyzer::RuleInfo;

const RuleInfo kInfo{
    "prefer-jsonb-over-json",
    analyzer::Severity::warning,
    analyzer::RuleGroup::style,
    {
        "A column is declared json rather than jsonb",
        "A column declared `json` (arrays too) in `CREATE TABLE`, `ALTER TABLE ... ADD COLUMN` or `ALTER COLUMN "
        "... TYPE`. Off by default (style group). Severity: warning.",
        "json stores the input text as it is and parses it again on every access to a key. It has no equality "
        "operator, so a json column cannot be used in `DISTINCT`, `GROUP BY`, `UNION` or a unique index, and it "
        "has no GIN operator class, so containment queries (`@>`) cannot use an index. jsonb stores the parsed "
        "value, supports all of that, and is usually faster to query. Converting later with `ALTER COLUMN ... "
        "TYPE jsonb` rewrites the table and its indexes under an ACCESS EXCLUSIVE lock. Keep json only when the "
        "exact text matters (key order, duplicate keys, whitespace).",
        "CREATE TABLE webhooks (id bigint PRIMARY KEY, payload json NOT NULL);",
        "CREATE TABLE webhooks (id bigint PRIMARY KEY, payload jsonb NOT NULL);",
        "",
    },
    false,  // style group: off by default
};

class PreferJsonbOverJson : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const ColumnsOfType found = columns_of_type(ctx, "json", [](const DeclaredColumn& column) {
      analyzer::TypeInfo binary = column.type;
      binary.name = "jsonb";
      return sql_type_name(binary);
    });
    for (const DeclaredColumn& column : found.columns)
      out.report(ctx.statement,
                 column_display(column) + " is declared " + sql_type_name(column.type) +
                     ": json is reparsed on every access, has no equality operator and cannot be GIN-indexed",
                 "declare it jsonb, unless the exact input text (key order, duplicate keys) must be kept",
                 found.suggestion);
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_prefer_jsonb_over_json() { return std::make_unique<PreferJsonbOverJson>(); }

}  // namespace rules
