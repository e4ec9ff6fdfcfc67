// Small helpers shared by several rules.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/rule.h"

namespace rules {

// A column added earlier in the files under review (to a table that existed before):
// no deployed code can use it yet.
bool is_new_column(const analyzer::StatementContext& ctx, const analyzer::QualifiedName& table,
                   std::string_view column);

}  // namespace rules

namespace rules {

// An identifier as SQL must spell it: double-quoted unless it is lower-case letters,
// digits and underscores.
std::string quote_identifier(std::string_view name);

// The table an ALTER TABLE statement (not ALTER INDEX, VIEW, ...) changes, schema-qualified;
// nullopt for other statements and for a table created earlier in the files under review.
std::optional<analyzer::QualifiedName> altered_existing_table(const analyzer::StatementContext& ctx);

// The ALTER TABLE statement as written, with `CONSTRAINT name` given to an unnamed
// table constraint and `suffix` (" NOT VALID") appended. Empty when the statement has
// more than one subcommand: the constraint's end in the text is not known then.
std::string single_constraint_sql(const analyzer::StatementContext& ctx, sqlparse::Node constraint,
                                  const std::string& name, std::string_view suffix);

// A constraint or index name in PostgreSQL's style: table_col1_col2_suffix (no column: table_suffix),
// cut to the 63-byte identifier limit.
std::string default_constraint_name(const std::string& table, const std::vector<std::string>& columns,
                                    std::string_view suffix);

// A schema-qualified name as SQL must spell it ("public.\"Users\"").
std::string qualified_sql(const analyzer::QualifiedName& name);

// Column names as SQL must spell them, comma-separated: a, "B", c.
std::string column_list(const std::vector<std::string>& columns);

// Making a column NOT NULL without a long ACCESS EXCLUSIVE scan: a CHECK added NOT VALID,
// validated under a weaker lock, then SET NOT NULL (which trusts a validated CHECK from
// PostgreSQL 12) and the CHECK dropped. `validate_note` comments the VALIDATE line.
std::string not_null_through_check_sql(const analyzer::QualifiedName& table, const std::string& column,
                                       std::string_view validate_note);

}  // namespace rules
