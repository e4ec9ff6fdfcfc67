// Small helpers shared by several rules.
#pragma once

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

}  // namespace rules
