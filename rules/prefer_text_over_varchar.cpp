// prefer-text-over-varchar: varchar(n); text with a CHECK on its length does the same and
// its limit can be changed without a rewrite or a long lock.
#include "analyzer/rule.h"
#include "rules/common.h"
#include "rules/style_columns.h"

namespace rules {
namespace {

using analyzer::RuleInfo;

const RuleInfo kInfo{
    "prefer-text-over-varchar",
    analyzer::Severity::warning,
    analyzer::RuleGroup::style,
    {
        "A column is declared varchar(n) rather than text with a CHECK on its length",
        "A column declared `varchar(n)` / `character varying(n)` (arrays too) in `CREATE TABLE`, `ALTER TABLE "
        "... ADD COLUMN` or `ALTER COLUMN ... TYPE`. `varchar` without a length is the same as text and is not "
        "flagged. Off by default (style group). Severity: warning.",
        "In PostgreSQL varchar(n) is text plus a length check: it is stored and compared the same way and is no "
        "faster. The limit is the problem: it lives in the column's type, so changing it is `ALTER COLUMN ... "
        "TYPE`, under an ACCESS EXCLUSIVE lock. Raising the limit is binary-coercible and only touches the "
        "catalogue, but lowering it (or going from text to varchar(n)) rewrites the table and all its indexes "
        "while every read and write waits. A CHECK constraint on a text column expresses the same limit and is "
        "replaced without a rewrite: add the new one NOT VALID (a brief lock), validate it under SHARE UPDATE "
        "EXCLUSIVE (reads and writes continue), then drop the old one.",
        "CREATE TABLE users (id bigint PRIMARY KEY, email varchar(255) NOT NULL);",
        "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL CHECK (char_length(email) <= 255));\n"
        "-- On an existing table, changing varchar(n) to text is binary-coercible (no rewrite):\n"
        "ALTER TABLE users ALTER COLUMN email TYPE text;\n"
        "ALTER TABLE users ADD CONSTRAINT users_email_length_check CHECK (char_length(email) <= 255) NOT VALID;\n"
        "ALTER TABLE users VALIDATE CONSTRAINT users_email_length_check;",
        "",
    },
    false,  // style group: off by default
};

bool limited_varchar(const analyzer::TypeInfo& type) {
  return type.name == "varchar" && type.schema.empty() && type.has_modifiers();
}

std::string length_check(const DeclaredColumn& column) {
  return "CHECK (char_length(" + quote_identifier(column.column) + ") <= " +
         std::to_string(column.type.modifiers.front()) + ")";
}

class PreferTextOverVarchar : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    std::vector<DeclaredColumn> flagged;
    std::vector<TypeReplacement> replacements;
    std::string separate_checks;
    for (DeclaredColumn& column : declared_columns(ctx)) {
      if (!limited_varchar(column.type)) continue;
      std::string text_type = "text";
      if (column.type.array_dims > 0) {
        for (int k = 0; k < column.type.array_dims; ++k) text_type += "[]";  // no length check on arrays
      } else if (column.kind == DeclaredColumn::Kind::create_table) {
        text_type += " " + length_check(column);
      } else {
        const std::string name =
            quote_identifier(default_constraint_name(column.table.name, {column.column}, "length_check"));
        const std::string table = qualified_sql(column.table);
        separate_checks += "\nALTER TABLE " + table + " ADD CONSTRAINT " + name + " " + length_check(column) +
                           " NOT VALID;\nALTER TABLE " + table + " VALIDATE CONSTRAINT " + name + ";";
      }
      replacements.push_back({column.type_node, text_type});
      flagged.push_back(std::move(column));
    }
    if (flagged.empty()) return;
    std::string suggestion = statement_with_types(ctx, replacements);
    if (!suggestion.empty()) suggestion += separate_checks;
    for (const DeclaredColumn& column : flagged) {
      std::string message = column_display(column) + " is declared " + sql_type_name(column.type) +
                            ": raising the limit later only touches the catalogue, but lowering it rewrites the "
                            "table under an ACCESS EXCLUSIVE lock";
      if (column.kind == DeclaredColumn::Kind::alter_type && ctx.effects.rewrites_table(column.table))
        message += " (this statement rewrites " + column.table.str() + " already)";
      out.report(ctx.statement, message,
                 "declare it text and put the limit in a CHECK (char_length(...) <= n) constraint, which can be "
                 "replaced NOT VALID and validated without blocking reads or writes",
                 suggestion);
    }
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_prefer_text_over_varchar() { return std::make_unique<PreferTextOverVarchar>(); }

}  // namespace rules
