// require-schema-qualified-name: an object created, altered or dropped by a name without
// a schema, so where it lands depends on the session's search_path.
#include "analyzer/rule.h"
#include "rules/common.h"

namespace rules {
namespace {

using analyzer::QualifiedName;
using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "require-schema-qualified-name",
    analyzer::Severity::warning,
    analyzer::RuleGroup::style,
    {
        "An object is created, altered or dropped without a schema-qualified name",
        "DDL that names its object without a schema: `CREATE TABLE/VIEW/MATERIALIZED VIEW/SEQUENCE/FUNCTION/"
        "PROCEDURE/TYPE/DOMAIN`, `CREATE TABLE ... AS`, `CREATE INDEX` and `CREATE TRIGGER`/`CREATE POLICY` (by "
        "their table), `ALTER TABLE/SEQUENCE/TYPE/DOMAIN`, `ALTER ... RENAME`, `ALTER ... SET SCHEMA` and "
        "`DROP` of tables, views, indexes, sequences, types, domains, functions, triggers and policies. "
        "Temporary tables are not flagged. The message says where the name resolves with the search_path the "
        "file has at that point. Off by default (style group). Severity: warning.",
        "An unqualified name is resolved through the session's search_path, which the migration does not "
        "control: the tool's connection settings, the role's `ALTER ROLE ... SET search_path`, a `SET "
        "search_path` left by an earlier migration or a `pg_dump` file all change it. The same migration then "
        "creates the table in another schema on one environment, or alters or drops a same-named object in the "
        "first schema of the path instead of the intended one, and later migrations and the application look "
        "for it in the wrong place.",
        "CREATE TABLE invoices (id bigint PRIMARY KEY);\n"
        "CREATE INDEX invoices_created_idx ON invoices (id);",
        "CREATE TABLE billing.invoices (id bigint PRIMARY KEY);\n"
        "CREATE INDEX invoices_created_idx ON billing.invoices (id);",
        "",
    },
    false,  // style group: off by default
};

// An unqualified name the statement acts on, with a position to write the schema at.
struct Unqualified {
  std::string kind;   // "table", "function", ...
  std::string name;
  Node located;       // a node whose location is the name's first character; may be empty
  bool creates = false;
};

void check_range_var(Node rv, std::string kind, bool creates, std::vector<Unqualified>& out) {
  if (!rv["relname"].str().empty() && rv["schemaname"].str().empty() && rv["relpersistence"].str() != "t")
    out.push_back({kind.empty() ? "relation" : std::move(kind), std::string(rv["relname"].str()), rv, creates});
}

void check_names(Node names, std::string kind, bool creates, std::vector<Unqualified>& out) {
  if (names.size() == 1) out.push_back({std::move(kind), std::string(names.at(0).str()), Node(), creates});
}

std::string object_kind(std::string_view object_type) {
  static const std::pair<std::string_view, std::string_view> kKinds[] = {
      {"OBJECT_TABLE", "table"},       {"OBJECT_VIEW", "view"},         {"OBJECT_MATVIEW", "materialized view"},
      {"OBJECT_INDEX", "index"},       {"OBJECT_SEQUENCE", "sequence"}, {"OBJECT_TYPE", "type"},
      {"OBJECT_DOMAIN", "domain"},     {"OBJECT_FUNCTION", "function"}, {"OBJECT_PROCEDURE", "procedure"},
      {"OBJECT_TRIGGER", "trigger"},   {"OBJECT_POLICY", "policy"},     {"OBJECT_FOREIGN_TABLE", "foreign table"},
      {"OBJECT_COLUMN", "table"},      {"OBJECT_TABCONSTRAINT", "table"}};
  for (const auto& [type, kind] : kKinds)
    if (type == object_type) return std::string(kind);
  return {};
}

void drop_objects(Node stmt, std::vector<Unqualified>& out) {
  const std::string kind = object_kind(stmt["removeType"].str());
  if (kind.empty()) return;
  for (Node object : stmt["objects"]) {
    if (kind == "trigger" || kind == "policy") {
      const Node items = object["items"];  // [table..., name]
      if (items.size() == 2) out.push_back({"table", std::string(items.at(0).str()), Node(), false});
    } else if (object.is("TypeName")) {
      check_names(object["names"], kind, false, out);
    } else if (object.is("ObjectWithArgs")) {
      check_names(object["objname"], kind, false, out);
    } else {
      check_names(object["items"], kind, false, out);
    }
  }
}

std::vector<Unqualified> unqualified_names(Node stmt) {
  std::vector<Unqualified> out;
  if (stmt.is("CreateStmt")) check_range_var(stmt["relation"], "table", true, out);
  else if (stmt.is("CreateTableAsStmt"))
    check_range_var(stmt["into"]["rel"], stmt["objtype"].str() == "OBJECT_MATVIEW" ? "materialized view" : "table", true, out);
  else if (stmt.is("ViewStmt")) check_range_var(stmt["view"], "view", true, out);
  else if (stmt.is("CreateSeqStmt")) check_range_var(stmt["sequence"], "sequence", true, out);
  else if (stmt.is("IndexStmt")) check_range_var(stmt["relation"], "table", false, out);
  else if (stmt.is("CreateTrigStmt")) check_range_var(stmt["relation"], "table", false, out);
  else if (stmt.is("CreatePolicyStmt")) check_range_var(stmt["table"], "table", false, out);
  else if (stmt.is("CreateFunctionStmt"))
    check_names(stmt["funcname"], stmt["is_procedure"].boolean() ? "procedure" : "function", true, out);
  else if (stmt.is("CompositeTypeStmt")) check_range_var(stmt["typevar"], "type", true, out);
  else if (stmt.is("CreateEnumStmt") || stmt.is("CreateRangeStmt")) check_names(stmt["typeName"], "type", true, out);
  else if (stmt.is("CreateDomainStmt")) check_names(stmt["domainname"], "domain", true, out);
  else if (stmt.is("AlterTableStmt"))
    check_range_var(stmt["relation"], object_kind(stmt["objtype"].str()), false, out);
  else if (stmt.is("AlterSeqStmt")) check_range_var(stmt["sequence"], "sequence", false, out);
  else if (stmt.is("AlterEnumStmt")) check_names(stmt["typeName"], "type", false, out);
  else if (stmt.is("AlterDomainStmt")) check_names(stmt["typeName"], "domain", false, out);
  else if (stmt.is("RenameStmt") || stmt.is("AlterObjectSchemaStmt")) {
    const std::string kind = object_kind((stmt.is("RenameStmt") ? stmt["renameType"] : stmt["objectType"]).str());
    if (kind.empty()) return out;
    if (stmt["relation"]) check_range_var(stmt["relation"], kind, false, out);
    else if (stmt["object"].is("ObjectWithArgs")) check_names(stmt["object"]["objname"], kind, false, out);
    else check_names(stmt["object"]["items"], kind, false, out);
  } else if (stmt.is("DropStmt")) drop_objects(stmt, out);
  return out;
}

// The schema an unqualified name lands in or resolves to.
std::string resolved_schema(const analyzer::StatementContext& ctx, const Unqualified& u) {
  const QualifiedName name{"", u.name};
  if (!u.creates) {
    if (u.kind == "type" || u.kind == "domain") {
      if (const auto* e = ctx.schema.find_enum(name, ctx.session.search_path)) return e->name.schema;
      if (const auto* d = ctx.schema.find_domain(name, ctx.session.search_path)) return d->name.schema;
    } else if (u.kind == "function" || u.kind == "procedure") {
      const auto found = ctx.schema.find_functions(name, ctx.session.search_path);
      if (!found.empty()) return found.front()->name.schema;
    } else if (u.kind == "index") {
      if (const auto* index = ctx.schema.find_index(name, ctx.session.search_path)) return index->name.schema;
    } else if (u.kind == "sequence") {
      if (const auto* seq = ctx.schema.find_sequence(name, ctx.session.search_path)) return seq->name.schema;
    } else {
      return ctx.qualify(name).schema;
    }
  }
  return ctx.session.search_path.empty() ? "public" : ctx.session.search_path.front();
}

class RequireSchemaQualifiedName : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const std::vector<Unqualified> names = unqualified_names(ctx.statement.tree);
    for (const Unqualified& u : names) {
      const std::string schema = resolved_schema(ctx, u);
      const std::string qualified = qualified_sql({schema, u.name});
      std::string message = u.kind + " " + quote_identifier(u.name) + " has no schema: ";
      message += u.creates ? "it is created in " + quote_identifier(schema) + ", the first schema of search_path"
                           : "it resolves through search_path, to " + qualified + " with the current one";
      out.report(ctx.statement, message, "write the schema: " + qualified, with_schema(ctx, u, schema));
    }
  }

 private:
  // The statement with the schema written before the name; empty when the name's position is unknown.
  static std::string with_schema(const analyzer::StatementContext& ctx, const Unqualified& u, const std::string& schema) {
    if (!u.located || u.located.location() < 0) return {};
    const std::size_t at = ctx.statement.file_offset(u.located) - ctx.statement.begin;
    if (at >= ctx.statement.text.size()) return {};
    std::string sql(ctx.statement.text);
    sql.insert(at, quote_identifier(schema) + ".");
    return sql + ";";
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_require_schema_qualified_name() {
  return std::make_unique<RequireSchemaQualifiedName>();
}

}  // namespace rules
