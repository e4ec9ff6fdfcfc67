// Helpers for the style rules about column types: the columns a statement declares a
// type for, whether a column is a key, and the statement rewritten with other types.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/rule.h"

namespace rules {

// A column whose type a statement declares: CREATE TABLE, ADD COLUMN, ALTER COLUMN TYPE.
struct DeclaredColumn {
  enum class Kind { create_table, add_column, alter_type };
  Kind kind = Kind::create_table;
  analyzer::QualifiedName table;  // schema-qualified
  std::string column;
  sqlparse::Node def;        // the ColumnDef
  sqlparse::Node type_node;  // its TypeName
  analyzer::TypeInfo type;   // canonical (int4, varchar, timestamp, bpchar, ...)
};

std::vector<DeclaredColumn> declared_columns(const analyzer::StatementContext& ctx);

// Why the column holds key values that grow with the table: "primary key", "foreign key",
// "identity column", "serial column", "sequence default"; empty when it is no key.
// ALTER COLUMN TYPE looks the column up in the schema model.
std::string key_role(const analyzer::StatementContext& ctx, const DeclaredColumn& column);

// The SQL name of a canonical built-in type: int8 -> "bigint", timestamptz -> "timestamptz".
std::string sql_type_name(const analyzer::TypeInfo& type);

// A column type to write in place of another one in the statement's text.
struct TypeReplacement {
  sqlparse::Node type_node;
  std::string sql;  // "bigint", "text CHECK (char_length(name) <= 80)"
};

// The statement as written (with ';') with each type replaced; empty when a type's
// position in the text is unknown.
std::string statement_with_types(const analyzer::StatementContext& ctx,
                                 const std::vector<TypeReplacement>& replacements);

// "public.users.id" for messages.
std::string column_display(const DeclaredColumn& column);

// The columns a statement declares with the built-in type `name` (any modifiers, arrays
// included), and the statement with each of their types replaced by `replace(column)`.
struct ColumnsOfType {
  std::vector<DeclaredColumn> columns;
  std::string suggestion;  // empty when none, or when a type's position is unknown
};
ColumnsOfType columns_of_type(const analyzer::StatementContext& ctx, std::string_view name,
                              const std::function<std::string(const DeclaredColumn&)>& replace);

// A narrow integer type that key columns outgrow.
struct NarrowKeyType {
  std::string_view name;    // canonical: "int4", "int2"
  std::string_view plain;   // as messages say it: "integer"
  std::string_view serial;  // its serial form: "serial"
  std::string_view limit;   // "2,147,483,647"
};

// One finding per key column the statement declares with `type`, suggesting the statement
// with bigint (bigserial) in its place.
void report_narrow_key_columns(const analyzer::StatementContext& ctx, analyzer::Reporter& out,
                               const NarrowKeyType& type);

}  // namespace rules
