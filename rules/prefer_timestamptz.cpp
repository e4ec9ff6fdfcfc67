// prefer-timestamptz: timestamp without time zone stores wall-clock readings, not instants.
#include "analyzer/rule.h"
#include "rules/style_columns.h"

namespace rules {
namespace {

using analyzer::RuleInfo;

const RuleInfo kInfo{
    "prefer-timestamptz",
    analyzer::Severity::warning,
    analyzer::RuleGroup::style,
    {
        "A column is declared timestamp (without time zone) rather than timestamptz",
        "A column declared `timestamp` / `timestamp without time zone` (with a precision, arrays too) in `CREATE "
        "TABLE`, `ALTER TABLE ... ADD COLUMN` or `ALTER COLUMN ... TYPE`. Off by default (style group). "
        "Severity: warning.",
        "timestamp stores a wall-clock reading with no time zone. `now()` and every timestamptz value are "
        "converted to it through the session's TimeZone setting, so two application servers (or a developer's "
        "psql) configured differently write readings that look alike but mean different instants, and arithmetic "
        "across a daylight-saving change is off by an hour. timestamptz stores the instant (as UTC) in the same 8 "
        "bytes and shows it in the session's zone. Converting later with `ALTER COLUMN ... TYPE timestamptz` "
        "rewrites the table and its indexes under an ACCESS EXCLUSIVE lock, unless the session's TimeZone is UTC "
        "(PostgreSQL 12+), and it interprets every stored reading in that zone.",
        "CREATE TABLE events (id bigint PRIMARY KEY, happened_at timestamp NOT NULL DEFAULT now());",
        "CREATE TABLE events (id bigint PRIMARY KEY, happened_at timestamptz NOT NULL DEFAULT now());",
        "From PostgreSQL 12, converting timestamp to timestamptz skips the rewrite when the session TimeZone is UTC.",
    },
    false,  // style group: off by default
};

class PreferTimestamptz : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const ColumnsOfType found = columns_of_type(ctx, "timestamp", [](const DeclaredColumn& column) {
      analyzer::TypeInfo with_zone = column.type;
      with_zone.name = "timestamptz";
      return sql_type_name(with_zone);
    });
    for (const DeclaredColumn& column : found.columns)
      out.report(ctx.statement,
                 column_display(column) + " is declared " + sql_type_name(column.type) +
                     " (without time zone): it stores wall-clock readings that depend on each writer's TimeZone "
                     "setting, and converting it later rewrites the table unless the session time zone is UTC",
                 "declare it timestamptz: the same 8 bytes, storing the instant itself", found.suggestion);
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_prefer_timestamptz() { return std::make_unique<PreferTimestamptz>(); }

}  // namespace rules
