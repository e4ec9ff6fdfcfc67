#include "rules/common.h"

namespace rules {

bool is_new_column(const analyzer::StatementContext& ctx, const analyzer::QualifiedName& table,
                   std::string_view column) {
  const analyzer::Table* t = ctx.find_table(table);
  const analyzer::Column* c = t ? t->column(column) : nullptr;
  return c && c->origin.kind == analyzer::Origin::Kind::under_review && c->origin.batch == ctx.review_batch;
}

std::string quote_identifier(std::string_view name) {
  bool plain = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
  for (char c : name) plain = plain && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
  if (plain) return std::string(name);
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string single_constraint_sql(const analyzer::StatementContext& ctx, sqlparse::Node constraint,
                                  const std::string& name, std::string_view suffix) {
  if (ctx.statement.tree["cmds"].size() != 1) return {};
  std::string sql(ctx.statement.text);
  if (constraint["conname"].str().empty() && constraint.location() >= 0) {
    const std::size_t at = ctx.statement.file_offset(constraint) - ctx.statement.begin;
    if (at <= sql.size()) sql.insert(at, "CONSTRAINT " + quote_identifier(name) + " ");
  }
  return sql + std::string(suffix) + ";";
}

std::string default_constraint_name(const std::string& table, const std::vector<std::string>& columns,
                                    std::string_view suffix) {
  std::string name = table;
  for (const std::string& column : columns) name += "_" + column;
  // PostgreSQL truncates identifiers to 63 bytes.
  const std::string tail = "_" + std::string(suffix);
  if (name.size() + tail.size() > 63) name.resize(63 - tail.size());
  return name + tail;
}

std::string qualified_sql(const analyzer::QualifiedName& name) {
  return name.schema.empty() ? quote_identifier(name.name)
                             : quote_identifier(name.schema) + "." + quote_identifier(name.name);
}

std::string column_list(const std::vector<std::string>& columns) {
  std::string out;
  for (const std::string& c : columns) out += (out.empty() ? "" : ", ") + quote_identifier(c);
  return out;
}

std::string not_null_through_check_sql(const analyzer::QualifiedName& table, const std::string& column,
                                       std::string_view validate_note) {
  const std::string t = qualified_sql(table);
  const std::string col = quote_identifier(column);
  const std::string check = quote_identifier(default_constraint_name(table.name, {column}, "not_null"));
  return "ALTER TABLE " + t + " ADD CONSTRAINT " + check + " CHECK (" + col + " IS NOT NULL) NOT VALID;\n" +
         "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + check + ";  -- " + std::string(validate_note) + "\n" +
         "ALTER TABLE " + t + " ALTER COLUMN " + col + " SET NOT NULL;  -- no scan on PostgreSQL 12+\n" +
         "ALTER TABLE " + t + " DROP CONSTRAINT " + check + ";";
}

std::optional<analyzer::QualifiedName> altered_existing_table(const analyzer::StatementContext& ctx) {
  const sqlparse::Node stmt = ctx.statement.tree;
  if (!stmt.is("AlterTableStmt") || stmt["objtype"].str() != "OBJECT_TABLE") return std::nullopt;
  // The qualified name finds the same table as the written one: it is where that one was found.
  const analyzer::QualifiedName& table = ctx.relation();
  if (ctx.is_new_table(table)) return std::nullopt;
  return table;
}

}  // namespace rules
