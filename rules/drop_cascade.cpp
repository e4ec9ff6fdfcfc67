// drop-cascade: DROP ... CASCADE, and ALTER TABLE DROP COLUMN / CONSTRAINT ... CASCADE, which drop
// objects the statement does not name.
#include <algorithm>
#include <cctype>
#include <set>

#include "analyzer/rule.h"
#include "rules/common.h"

namespace rules {
namespace {

using analyzer::QualifiedName;
using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "drop-cascade",
    analyzer::Severity::error,
    analyzer::RuleGroup::destructive,
    {
        "CASCADE silently drops every object that depends on what is dropped",
        "Any `DROP ... CASCADE` (table, view, schema, type, domain, index, sequence, function, DROP OWNED ...) "
        "and `ALTER TABLE ... DROP COLUMN | DROP CONSTRAINT ... CASCADE`. The message names what the schema "
        "model knows would go with it: views and materialized views, foreign keys in other tables, columns of a "
        "dropped type or domain (with their data), column defaults that use a dropped sequence, triggers that "
        "call a dropped function. Objects created earlier in the files under review (a new table, schema, type, "
        "or a column added to an old table) have no dependents in use and are not flagged. Severity: error when "
        "the model knows of dependents that would be dropped; warning when it knows of none or does not know "
        "the object, since CASCADE still drops whatever the model cannot see.",
        "Without CASCADE, PostgreSQL refuses to drop an object that others depend on and names them (\"cannot "
        "drop ... because other objects depend on it\"): the migration fails in review or staging, and someone "
        "decides. CASCADE turns that safety check off: the dependents go too, with only a NOTICE. A view the "
        "application queries, a foreign key that guarded referential integrity, or (for DROP TYPE) whole "
        "columns and their data disappear without being named in the migration, and rolling the code back "
        "cannot bring them back.",
        "DROP TABLE customers CASCADE;  -- also drops view active_customers and orders_customer_id_fkey",
        "-- Drop the dependents explicitly, each one reviewed, then the object without CASCADE:\n"
        "DROP VIEW active_customers;\n"
        "ALTER TABLE orders DROP CONSTRAINT orders_customer_id_fkey;\n"
        "DROP TABLE customers;  -- fails if anything else still depends on it",
        "",
    },
};

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i)
    out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
  return out;
}

bool contains(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// What a CASCADE takes along, as far as the model knows.
struct Casualties {
  bool known_object = false;              // the model knows the object being dropped
  std::vector<std::string> items;         // "view public.v", "foreign key f on public.t"
  std::vector<std::string> explicit_sql;  // the explicit statements that replace CASCADE
  std::set<std::string> seen;

  void add(std::string item, std::string sql) {
    if (!seen.insert(item).second) return;
    items.push_back(std::move(item));
    explicit_sql.push_back(std::move(sql));
  }
};

void add_view(Casualties& c, const analyzer::Table& view) {
  const bool materialized = view.kind == analyzer::RelationKind::materialized_view;
  c.add(std::string(materialized ? "materialized view " : "view ") + view.name.str(),
        std::string(materialized ? "DROP MATERIALIZED VIEW " : "DROP VIEW ") + qualified_sql(view.name) + ";");
}

void add_foreign_key(Casualties& c, const analyzer::Table& referencing, const analyzer::Constraint& con) {
  c.add("foreign key " + con.name + " on " + referencing.name.str(),
        "ALTER TABLE " + qualified_sql(referencing.name) + " DROP CONSTRAINT " + quote_identifier(con.name) + ";");
}

// Foreign keys that reference `columns` of `table` (empty referenced columns mean its primary key).
void add_foreign_keys_on(const analyzer::StatementContext& ctx, Casualties& c, const QualifiedName& table,
                         const std::vector<std::string>& columns, bool match_all) {
  const std::vector<std::string> primary = ctx.schema.primary_key(table);
  for (const auto& [referencing, con] : ctx.schema.foreign_keys_referencing(table)) {
    const std::vector<std::string>& referenced = con->referenced_columns.empty() ? primary : con->referenced_columns;
    const bool uses = match_all ? referenced == columns
                                : std::any_of(columns.begin(), columns.end(),
                                              [&](const std::string& col) { return contains(referenced, col); });
    if (uses) add_foreign_key(c, *referencing, *con);
  }
}

void relation_casualties(const analyzer::StatementContext& ctx, Casualties& c, const QualifiedName& name) {
  c.known_object = c.known_object || ctx.find_table(name);
  for (const analyzer::Table* view : ctx.schema.views_reading(name))
    if (view->name != name) add_view(c, *view);
  for (const auto& [referencing, con] : ctx.schema.foreign_keys_referencing(name))
    if (referencing->name != name) add_foreign_key(c, *referencing, *con);
}

void type_casualties(const analyzer::StatementContext& ctx, Casualties& c, const QualifiedName& type) {
  for (const auto& [table_name, table] : ctx.schema.tables()) {
    for (const analyzer::Column& column : table.columns) {
      if (column.type_info.schema != type.schema || column.type_info.name != type.name) continue;
      c.add("column " + table_name.str() + "." + column.name + " with its data",
            "-- first move " + table_name.str() + "." + column.name + " off " + type.str() +
                " (ALTER COLUMN ... TYPE), or drop the column deliberately");
    }
  }
  for (const auto& [domain_name, domain] : ctx.schema.domains())
    if (domain.base.schema == type.schema && domain.base.name == type.name)
      c.add("domain " + domain_name.str(), "DROP DOMAIN " + qualified_sql(domain_name) + ";");
}

void sequence_casualties(const analyzer::StatementContext& ctx, Casualties& c, const QualifiedName& sequence) {
  for (const auto& [table_name, table] : ctx.schema.tables())
    for (const analyzer::Column& column : table.columns)
      if (column.default_sql.find("'" + sequence.name + "'") != std::string::npos ||
          column.default_sql.find("'" + sequence.str() + "'") != std::string::npos)
        c.add("the default of " + table_name.str() + "." + column.name,
              "ALTER TABLE " + qualified_sql(table_name) + " ALTER COLUMN " + quote_identifier(column.name) +
                  " DROP DEFAULT;");
}

void function_casualties(const analyzer::StatementContext& ctx, Casualties& c, const QualifiedName& function) {
  for (const auto& [table_name, table] : ctx.schema.tables())
    for (const analyzer::Trigger& trigger : table.triggers)
      if (trigger.function.name == function.name &&
          (trigger.function.schema.empty() || function.schema.empty() || trigger.function.schema == function.schema))
        c.add("trigger " + trigger.name + " on " + table_name.str(),
              "DROP TRIGGER " + quote_identifier(trigger.name) + " ON " + qualified_sql(table_name) + ";");
}

void index_casualties(const analyzer::StatementContext& ctx, Casualties& c, const analyzer::Index& index) {
  // A foreign key depends on the unique index that serves its referenced columns.
  if (index.unique) add_foreign_keys_on(ctx, c, index.table, index.columns, true);
}

bool is_new_schema(const analyzer::StatementContext& ctx, const std::string& schema) {
  auto it = ctx.schema.schemas().find(schema);
  return it != ctx.schema.schemas().end() && it->second.kind == analyzer::Origin::Kind::under_review &&
         it->second.batch == ctx.review_batch;
}

bool is_new(const analyzer::Origin& origin, const analyzer::StatementContext& ctx) {
  return origin.kind == analyzer::Origin::Kind::under_review && origin.batch == ctx.review_batch;
}

void schema_casualties(const analyzer::StatementContext& ctx, Casualties& c, const std::string& schema) {
  c.known_object = ctx.schema.schemas().count(schema) > 0;
  std::size_t relations = 0;
  for (const auto& [name, table] : ctx.schema.tables()) {
    if (name.schema != schema) continue;
    ++relations;
    // Dependents outside the schema: the objects inside are dropped by DROP SCHEMA itself.
    for (const analyzer::Table* view : ctx.schema.views_reading(name))
      if (view->name.schema != schema) add_view(c, *view);
    for (const auto& [referencing, con] : ctx.schema.foreign_keys_referencing(name))
      if (referencing->name.schema != schema) add_foreign_key(c, *referencing, *con);
  }
  for (const auto& [type, e] : ctx.schema.enums())
    if (type.schema == schema) type_casualties(ctx, c, type);
  for (const auto& [type, d] : ctx.schema.domains())
    if (type.schema == schema) type_casualties(ctx, c, type);
  if (relations > 0)
    c.add("the " + std::to_string(relations) + (relations == 1 ? " relation" : " relations") + " in " + schema,
          "-- drop the objects in " + schema + " one by one");
}

// The label PostgreSQL's syntax uses for a DropStmt's object type: "TABLE", "MATERIALIZED VIEW".
std::string object_label(std::string_view remove_type) {
  if (remove_type == "OBJECT_MATVIEW") return "MATERIALIZED VIEW";
  std::string label(remove_type.substr(remove_type.rfind("OBJECT_", 0) == 0 ? 7 : 0));
  std::replace(label.begin(), label.end(), '_', ' ');
  return label;
}

// The statement without its CASCADE keywords (outside quotes).
std::string without_cascade(std::string_view sql) {
  std::string out;
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char ch = sql[i];
    if (quote) {
      if (ch == quote) quote = 0;
    } else if (ch == '\'' || ch == '"') {
      quote = ch;
    } else if (i + 7 <= sql.size() && (i == 0 || !std::isalnum(static_cast<unsigned char>(sql[i - 1]))) &&
               (i + 7 == sql.size() || !std::isalnum(static_cast<unsigned char>(sql[i + 7])))) {
      std::string word(sql.substr(i, 7));
      for (char& w : word) w = static_cast<char>(std::toupper(static_cast<unsigned char>(w)));
      if (word == "CASCADE") {
        while (!out.empty() && out.back() == ' ') out.pop_back();
        i += 6;
        continue;
      }
    }
    out += ch;
  }
  return out;
}

class DropCascade : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const Node stmt = ctx.statement.tree;
    const std::string_view kind = stmt.kind();
    if (kind == "AlterTableStmt") return check_alter_table(ctx, out);  // CASCADE is per subcommand
    if (kind != "DropStmt" && kind != "DropOwnedStmt") return;
    if (stmt["behavior"].str() != "DROP_CASCADE") return;
    if (kind == "DropStmt") return check_drop(ctx, out);
    report(ctx, out, "DROP OWNED ... CASCADE drops every object the role owns", Casualties{});
  }

 private:
  void check_drop(const analyzer::StatementContext& ctx, analyzer::Reporter& out) {
    const Node stmt = ctx.statement.tree;
    const std::string_view type = stmt["removeType"].str();
    for (Node object : stmt["objects"]) {
      Casualties c;
      std::string what;
      if (type == "OBJECT_TABLE" || type == "OBJECT_VIEW" || type == "OBJECT_MATVIEW" ||
          type == "OBJECT_FOREIGN_TABLE") {
        const QualifiedName written = analyzer::list_name(object["items"].valid() ? object["items"] : object);
        if (ctx.is_new_table(written)) continue;
        const QualifiedName name = ctx.qualify(written);
        relation_casualties(ctx, c, name);
        what = name.str();
      } else if (type == "OBJECT_SCHEMA") {
        const std::string schema(object.str());
        if (is_new_schema(ctx, schema)) continue;
        schema_casualties(ctx, c, schema);
        what = schema;
      } else if (type == "OBJECT_TYPE" || type == "OBJECT_DOMAIN") {
        const QualifiedName written = analyzer::list_name(object["names"]);
        const analyzer::EnumType* e = ctx.schema.find_enum(written, ctx.session.search_path);
        const analyzer::Domain* d = ctx.schema.find_domain(written, ctx.session.search_path);
        if ((e && is_new(e->origin, ctx)) || (d && is_new(d->origin, ctx))) continue;
        const QualifiedName name = e ? e->name : d ? d->name : written;
        c.known_object = e || d;
        if (c.known_object) type_casualties(ctx, c, name);
        what = name.str();
      } else if (type == "OBJECT_INDEX") {
        const QualifiedName written = analyzer::list_name(object["items"].valid() ? object["items"] : object);
        const analyzer::Index* index = ctx.schema.find_index(written, ctx.session.search_path);
        if (index && ctx.is_new_table(index->table)) continue;
        c.known_object = index != nullptr;
        if (index) index_casualties(ctx, c, *index);
        what = index ? index->name.str() : written.str();
      } else if (type == "OBJECT_SEQUENCE") {
        const QualifiedName written = analyzer::list_name(object["items"].valid() ? object["items"] : object);
        const analyzer::Sequence* sequence = ctx.schema.find_sequence(written, ctx.session.search_path);
        if (sequence && is_new(sequence->origin, ctx)) continue;
        c.known_object = sequence != nullptr;
        if (sequence) sequence_casualties(ctx, c, sequence->name);
        what = sequence ? sequence->name.str() : written.str();
      } else if (type == "OBJECT_FUNCTION" || type == "OBJECT_PROCEDURE" || type == "OBJECT_ROUTINE") {
        const QualifiedName written = analyzer::list_name(object["objname"]);
        const std::vector<const analyzer::Function*> functions =
            ctx.schema.find_functions(written, ctx.session.search_path);
        if (!functions.empty() && is_new(functions.front()->origin, ctx)) continue;
        c.known_object = !functions.empty();
        const QualifiedName name = functions.empty() ? written : functions.front()->name;
        function_casualties(ctx, c, name);
        what = name.str();
      } else {
        what = std::string(object.str());
        if (what.empty()) what = analyzer::list_name(object["items"].valid() ? object["items"] : object).str();
      }
      report(ctx, out, "DROP " + object_label(type) + " " + what + " CASCADE", c);
    }
  }

  void check_alter_table(const analyzer::StatementContext& ctx, analyzer::Reporter& out) {
    const Node stmt = ctx.statement.tree;
    const QualifiedName& table = ctx.relation();
    if (ctx.is_new_table(table)) return;
    const analyzer::Table* model = ctx.find_table(table);
    for (Node cmd : stmt["cmds"]) {
      if (cmd["behavior"].str() != "DROP_CASCADE") continue;
      const std::string_view sub = cmd["subtype"].str();
      const std::string name(cmd["name"].str());
      Casualties c;
      if (sub == "AT_DropColumn") {
        if (is_new_column(ctx, table, name)) continue;
        c.known_object = model && model->column(name);
        for (const analyzer::Table* view : ctx.schema.views_reading(table, name)) add_view(c, *view);
        add_foreign_keys_on(ctx, c, table, {name}, false);
        report(ctx, out, "DROP COLUMN " + table.str() + "." + name + " CASCADE", c);
      } else if (sub == "AT_DropConstraint") {
        const analyzer::Constraint* con = model ? model->constraint(name) : nullptr;
        if (con && is_new(con->origin, ctx)) continue;
        c.known_object = con != nullptr;
        if (con && (con->kind == analyzer::ConstraintKind::primary_key ||
                    con->kind == analyzer::ConstraintKind::unique))
          add_foreign_keys_on(ctx, c, table, con->columns, true);
        report(ctx, out, "DROP CONSTRAINT " + name + " on " + table.str() + " CASCADE", c);
      }
    }
  }

  static void report(const analyzer::StatementContext& ctx, analyzer::Reporter& out, const std::string& what,
                     const Casualties& c) {
    std::string message = what;
    if (!c.items.empty())
      message += " also drops " + join(c.items) + ", which the statement does not name";
    else if (c.known_object)
      message += " drops whatever depends on it without naming it: the schema model knows of no dependent "
                 "object, but CASCADE also drops those it cannot see";
    else
      message += " drops whatever depends on it without naming it (the schema model does not know the object)";
    std::string sql;
    for (const std::string& s : c.explicit_sql) sql += s + "\n";
    sql += without_cascade(ctx.statement.text) + ";";
    analyzer::Finding& f =
        out.report(ctx.statement, message,
                   "drop the dependents explicitly, each one reviewed, then drop without CASCADE so that PostgreSQL "
                   "refuses if anything else still depends on it",
                   sql);
    if (c.items.empty()) f.severity = analyzer::Severity::warning;
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_drop_cascade() { return std::make_unique<DropCascade>(); }

}  // namespace rules
