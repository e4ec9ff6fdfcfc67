#include "rules/style_columns.h"

#include <algorithm>
#include <cctype>

namespace rules {

using analyzer::QualifiedName;
using sqlparse::Node;

std::vector<DeclaredColumn> declared_columns(const analyzer::StatementContext& ctx) {
  std::vector<DeclaredColumn> out;
  const Node stmt = ctx.statement.tree;
  const auto add = [&](DeclaredColumn::Kind kind, const QualifiedName& table, std::string column, Node def) {
    const Node type_node = def["typeName"];
    if (type_node["names"].size() == 0) return;  // PARTITION OF / typed table: no type written
    out.push_back({kind, table, std::move(column), def, type_node, analyzer::type_info(type_node)});
  };
  if (stmt.is("CreateStmt")) {
    if (stmt["relation"]["relpersistence"].str() == "t") return out;  // temporary: gone after the session
    const QualifiedName& table = ctx.relation();
    for (Node element : stmt["tableElts"])
      if (element.is("ColumnDef"))
        add(DeclaredColumn::Kind::create_table, table, std::string(element["colname"].str()), element);
  } else if (stmt.is("AlterTableStmt") && stmt["objtype"].str() == "OBJECT_TABLE") {
    const QualifiedName& table = ctx.relation();
    for (Node cmd : stmt["cmds"]) {
      const std::string_view subtype = cmd["subtype"].str();
      if (subtype == "AT_AddColumn")
        add(DeclaredColumn::Kind::add_column, table, std::string(cmd["def"]["colname"].str()), cmd["def"]);
      else if (subtype == "AT_AlterColumnType")
        add(DeclaredColumn::Kind::alter_type, table, std::string(cmd["name"].str()), cmd["def"]);
    }
  }
  return out;
}

namespace {

bool calls_nextval(Node expr) {
  bool found = false;
  expr.walk([&](Node n) {
    if (!n.is("FuncCall")) return;
    const Node names = n["funcname"];
    if (names.size() > 0 && names.at(names.size() - 1).str() == "nextval") found = true;
  });
  return found;
}

bool lists(Node names, std::string_view column) {
  for (Node n : names)
    if (n.str() == column) return true;
  return false;
}

// The role a column constraint (or a table constraint naming the column) gives it.
std::string constraint_role(const analyzer::StatementContext& ctx, Node con, std::string_view column,
                            bool table_constraint) {
  const std::string_view contype = con["contype"].str();
  if (contype == "CONSTR_PRIMARY" && (!table_constraint || lists(con["keys"], column))) return "primary key";
  if (contype == "CONSTR_FOREIGN" && (!table_constraint || lists(con["fk_attrs"], column)))
    return "foreign key to " + ctx.qualify(analyzer::range_var_name(con["pktable"])).str();
  if (table_constraint) return {};
  if (contype == "CONSTR_IDENTITY") return "identity column";
  if (contype == "CONSTR_DEFAULT" && calls_nextval(con["raw_expr"])) return "sequence default";
  return {};
}

std::string role_in_model(const analyzer::StatementContext& ctx, const DeclaredColumn& column) {
  const analyzer::Table* table = ctx.find_table(column.table);
  const analyzer::Column* c = table ? table->column(column.column) : nullptr;
  if (!c) return {};
  for (const analyzer::Constraint& con : table->constraints) {
    if (std::find(con.columns.begin(), con.columns.end(), column.column) == con.columns.end()) continue;
    if (con.kind == analyzer::ConstraintKind::primary_key) return "primary key";
    if (con.kind == analyzer::ConstraintKind::foreign_key) return "foreign key to " + con.references.str();
  }
  if (c->identity != analyzer::IdentityKind::none) return "identity column";
  if (c->type_info.serial) return "serial column";
  if (c->default_sql.find("nextval(") != std::string::npos) return "sequence default";
  return {};
}

}  // namespace

std::string key_role(const analyzer::StatementContext& ctx, const DeclaredColumn& column) {
  if (column.kind == DeclaredColumn::Kind::alter_type) return role_in_model(ctx, column);
  for (Node con : column.def["constraints"]) {
    std::string role = constraint_role(ctx, con, column.column, false);
    if (!role.empty()) return role;
  }
  if (column.type.serial) return "serial column";
  const Node stmt = ctx.statement.tree;
  if (column.kind == DeclaredColumn::Kind::create_table) {
    for (Node element : stmt["tableElts"]) {
      if (!element.is("Constraint")) continue;
      std::string role = constraint_role(ctx, element, column.column, true);
      if (!role.empty()) return role;
    }
  } else {
    for (Node cmd : stmt["cmds"]) {
      if (cmd["subtype"].str() != "AT_AddConstraint") continue;
      std::string role = constraint_role(ctx, cmd["def"], column.column, true);
      if (!role.empty()) return role;
    }
  }
  return {};
}

std::string sql_type_name(const analyzer::TypeInfo& type) {
  static const std::pair<std::string_view, std::string_view> kNames[] = {
      {"int2", "smallint"}, {"int4", "integer"}, {"int8", "bigint"}, {"bool", "boolean"},
      {"float4", "real"},   {"float8", "double precision"},             {"bpchar", "char"}};
  std::string out = type.name;
  if (type.schema.empty()) {
    for (const auto& [canonical, written] : kNames)
      if (type.name == canonical) out = written;
  } else {
    out = type.schema + "." + out;
  }
  if (type.has_modifiers()) {
    out += '(';
    for (std::size_t k = 0; k < type.modifiers.size(); ++k) out += (k ? "," : "") + std::to_string(type.modifiers[k]);
    out += ')';
  }
  for (int k = 0; k < type.array_dims; ++k) out += "[]";
  return out;
}

namespace {

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || static_cast<unsigned char>(c) >= 0x80;
}

// Past a bracketed group starting at `at` (which holds `open`); npos if unbalanced.
std::size_t skip_group(std::string_view text, std::size_t at, char open, char close) {
  int depth = 0;
  for (std::size_t k = at; k < text.size(); ++k) {
    if (text[k] == open) ++depth;
    if (text[k] == close && --depth == 0) return k + 1;
  }
  return std::string_view::npos;
}

// Past one identifier (plain or double-quoted) at `at`; `at` itself if there is none.
std::size_t skip_identifier(std::string_view text, std::size_t at) {
  if (at < text.size() && text[at] == '"') {
    for (std::size_t k = at + 1; k < text.size(); ++k) {
      if (text[k] != '"') continue;
      if (k + 1 < text.size() && text[k + 1] == '"') ++k;
      else return k + 1;
    }
    return at;
  }
  std::size_t k = at;
  while (k < text.size() && is_word_char(text[k])) ++k;
  return k;
}

// The end of a type as written from `at`: its name, further words of multi-word names
// (character varying, double precision, timestamp without time zone), typmods, array bounds.
std::size_t written_type_end(std::string_view text, std::size_t at) {
  static const std::string_view kTypeWords[] = {"varying", "precision", "with", "without", "time", "zone", "array"};
  std::size_t end = skip_identifier(text, at);
  if (end == at) return at;
  for (;;) {
    std::size_t k = end;
    while (k < text.size() && std::isspace(static_cast<unsigned char>(text[k]))) ++k;
    if (k >= text.size()) return end;
    std::size_t next = std::string_view::npos;
    if (text[k] == '.') {
      next = skip_identifier(text, k + 1);
      if (next == k + 1) next = std::string_view::npos;
    } else if (text[k] == '(') {
      next = skip_group(text, k, '(', ')');
    } else if (text[k] == '[') {
      next = skip_group(text, k, '[', ']');
    } else if (is_word_char(text[k])) {
      const std::size_t word_end = skip_identifier(text, k);
      std::string word(text.substr(k, word_end - k));
      for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (std::find(std::begin(kTypeWords), std::end(kTypeWords), word) != std::end(kTypeWords)) next = word_end;
    }
    if (next == std::string_view::npos) return end;
    end = next;
  }
}

}  // namespace

std::string statement_with_types(const analyzer::StatementContext& ctx,
                                 const std::vector<TypeReplacement>& replacements) {
  const std::string_view text = ctx.statement.text;
  struct Span {
    std::size_t begin, end;
    const std::string* sql;
  };
  std::vector<Span> spans;
  for (const TypeReplacement& r : replacements) {
    if (r.type_node.location() < 0) return {};
    const std::size_t begin = ctx.statement.file_offset(r.type_node) - ctx.statement.begin;
    if (begin >= text.size()) return {};
    const std::size_t end = written_type_end(text, begin);
    if (end == begin) return {};
    spans.push_back({begin, end, &r.sql});
  }
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.begin > b.begin; });
  std::string out(text);
  for (const Span& s : spans) out.replace(s.begin, s.end - s.begin, *s.sql);
  return out + ";";
}

std::string column_display(const DeclaredColumn& column) { return column.table.str() + "." + column.column; }

ColumnsOfType columns_of_type(const analyzer::StatementContext& ctx, std::string_view name,
                              const std::function<std::string(const DeclaredColumn&)>& replace) {
  ColumnsOfType found;
  std::vector<TypeReplacement> replacements;
  for (DeclaredColumn& column : declared_columns(ctx)) {
    if (column.type.name != name || !column.type.schema.empty()) continue;
    replacements.push_back({column.type_node, replace(column)});
    found.columns.push_back(std::move(column));
  }
  if (!found.columns.empty()) found.suggestion = statement_with_types(ctx, replacements);
  return found;
}

void report_narrow_key_columns(const analyzer::StatementContext& ctx, analyzer::Reporter& out,
                               const NarrowKeyType& type) {
  std::vector<std::pair<DeclaredColumn, std::string>> flagged;
  std::vector<TypeReplacement> replacements;
  for (DeclaredColumn& column : declared_columns(ctx)) {
    if (column.type.name != type.name || !column.type.schema.empty() || column.type.array_dims) continue;
    std::string role = key_role(ctx, column);
    if (role.empty()) continue;
    replacements.push_back({column.type_node, column.type.serial ? "bigserial" : "bigint"});
    flagged.emplace_back(std::move(column), std::move(role));
  }
  if (flagged.empty()) return;
  const std::string suggestion = statement_with_types(ctx, replacements);
  for (const auto& [column, role] : flagged)
    out.report(ctx.statement,
               column_display(column) + " (" + role + ") is declared " +
                   std::string(column.type.serial ? type.serial : type.plain) + ": it runs out at " +
                   std::string(type.limit) +
                   ", and widening it later rewrites the table under an ACCESS EXCLUSIVE lock",
               "declare it bigint" + std::string(column.type.serial ? " (bigserial)" : "") +
                   "; the columns that reference it should be bigint too",
               suggestion);
}

}  // namespace rules
