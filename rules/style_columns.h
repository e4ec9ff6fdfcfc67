// Helpers for the style rules about column types: the columns a statement declares a
// type for, whether a column is a key, and the statement rewritten with other types.
#pragma once

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

}  // namespace rules
