// ban-char-type: char(n) / character(n) blank-pads its values and is no faster than text.
#include "analyzer/rule.h"
#include "rules/style_columns.h"

namespace rules {
namespace {

using analyzer::RuleInfo;

const RuleInfo kInfo{
    "ban-char-type",
    analyzer::Severity::warning,
    analyzer::RuleGroup::style,
    {
        "A column is declared char(n) / character(n), which pads values with blanks",
        "A column declared `char`, `char(n)`, `character(n)` or `bpchar` (arrays too) in `CREATE TABLE`, `ALTER "
        "TABLE ... ADD COLUMN` or `ALTER COLUMN ... TYPE`. The single-byte internal type `\"char\"` (quoted) is a "
        "different type and is not flagged. Off by default (style group). Severity: warning.",
        "char(n) pads every value with spaces to n characters and then treats trailing spaces as insignificant: "
        "`'a '::char(3) = 'a'` is true, `length()` does not count the padding and `||` drops it, so a value "
        "cannot end in a space and comparisons with text surprise. It stores the padding, so it takes at least "
        "as much space as text, and it is no faster in PostgreSQL. Plain `char` (or `character`) means char(1). "
        "A fixed or maximum length, if it matters, is a CHECK constraint on a text column; changing the length "
        "of char(n) later, or turning it into text, rewrites the table under an ACCESS EXCLUSIVE lock (unlike "
        "raising a varchar limit, which only touches the catalogue).",
        "CREATE TABLE countries (code char(2) PRIMARY KEY, name text NOT NULL);",
        "CREATE TABLE countries (code text PRIMARY KEY CHECK (char_length(code) = 2), name text NOT NULL);",
        "",
    },
    false,  // style group: off by default
};

class BanCharType : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const ColumnsOfType found = columns_of_type(ctx, "bpchar", [](const DeclaredColumn& column) {
      std::string text = "text";
      for (int k = 0; k < column.type.array_dims; ++k) text += "[]";
      return text;
    });
    for (const DeclaredColumn& column : found.columns) {
      const std::string written = column.type.has_modifiers() ? sql_type_name(column.type) : "bpchar";
      out.report(ctx.statement,
                 column_display(column) + " is declared " + written +
                     ": values are blank-padded and trailing spaces are ignored in comparisons, it is no faster "
                     "than text, and moving off it later rewrites the table",
                 "declare it text; if the length matters, add a CHECK (char_length(...) ...) constraint",
                 found.suggestion);
    }
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_ban_char_type() { return std::make_unique<BanCharType>(); }

}  // namespace rules
