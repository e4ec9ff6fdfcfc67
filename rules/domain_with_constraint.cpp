// domain-with-constraint: a CHECK (or NOT NULL) on a domain: adding or validating one
// scans every column of that type while blocking writes to their tables.
#include "analyzer/rule.h"
#include "rules/common.h"

namespace rules {
namespace {

using analyzer::QualifiedName;
using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "domain-with-constraint",
    analyzer::Severity::warning,
    analyzer::RuleGroup::style,
    {
        "A constraint on a domain: changing it later checks every column of that type under a write-blocking lock",
        "`CREATE DOMAIN ... CHECK (...)`, `ALTER DOMAIN ... ADD CONSTRAINT`, `ALTER DOMAIN ... VALIDATE "
        "CONSTRAINT` and `ALTER DOMAIN ... SET NOT NULL`. For the ALTER forms the message lists the columns the "
        "schema model knows to be of that domain. Off by default (style group). Severity: warning.",
        "A domain constraint belongs to the type, not to a table. `ALTER DOMAIN ... ADD CONSTRAINT`, `VALIDATE "
        "CONSTRAINT` and `SET NOT NULL` check every column of every table that uses the domain, holding a SHARE "
        "lock on each of those tables for the whole scan: every INSERT, UPDATE and DELETE on them waits. Unlike a "
        "table's, a domain's `VALIDATE CONSTRAINT` takes that same SHARE lock, so `NOT VALID` only postpones "
        "the blocking scan. Changing a domain's CHECK therefore means either that scan or switching every column "
        "to another type (a rewrite each). A CHECK constraint on each column can be added NOT VALID and "
        "validated under SHARE UPDATE EXCLUSIVE, which blocks neither reads nor writes.",
        "CREATE DOMAIN email AS text CHECK (VALUE ~ '^[^@]+@[^@]+$');\n"
        "CREATE TABLE users (id bigint PRIMARY KEY, email email NOT NULL);",
        "CREATE TABLE users (\n"
        "  id bigint PRIMARY KEY,\n"
        "  email text NOT NULL CONSTRAINT users_email_format CHECK (email ~ '^[^@]+@[^@]+$')\n"
        ");",
        "",
    },
    false,  // style group: off by default
};

// "public.users.email, public.orders.contact" for the columns of the domain's type.
std::string columns_of(const analyzer::StatementContext& ctx, const QualifiedName& domain) {
  std::string out;
  for (const auto& [name, table] : ctx.schema.tables())
    for (const analyzer::Column& column : table.columns)
      if (column.type_info.name == domain.name &&
          (column.type_info.schema.empty() || column.type_info.schema == domain.schema))
        out += (out.empty() ? "" : ", ") + name.str() + "." + column.name;
  return out;
}

class DomainWithConstraint : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const Node stmt = ctx.statement.tree;
    if (stmt.is("CreateDomainStmt")) return create_domain(ctx, stmt, out);
    if (!stmt.is("AlterDomainStmt")) return;
    const std::string_view subtype = stmt["subtype"].str();
    std::string action;
    if (subtype == "C" && stmt["def"]["contype"].str() == "CONSTR_CHECK")
      action = stmt["def"]["skip_validation"].boolean() ? "ADD CONSTRAINT ... NOT VALID" : "ADD CONSTRAINT";
    else if (subtype == "V") action = "VALIDATE CONSTRAINT";
    else if (subtype == "O") action = "SET NOT NULL";
    else return;
    const QualifiedName written = analyzer::list_name(stmt["typeName"]);
    const analyzer::Domain* domain = ctx.schema.find_domain(written, ctx.session.search_path);
    const QualifiedName name = domain ? domain->name : written;
    const std::string columns = columns_of(ctx, name);
    std::string message = "ALTER DOMAIN " + name.str() + " " + action;
    if (subtype == "C" && stmt["def"]["skip_validation"].boolean())
      message += " postpones the check, but its VALIDATE CONSTRAINT scans every column of the domain under a "
                 "SHARE lock that blocks writes";
    else
      message += " scans every column of the domain under a SHARE lock that blocks writes to their tables";
    if (!columns.empty()) message += " (" + columns + ")";
    out.report(ctx.statement, message,
               "put CHECK constraints on the columns instead (ADD CONSTRAINT ... NOT VALID, then VALIDATE "
               "CONSTRAINT, which blocks neither reads nor writes)");
  }

 private:
  static void create_domain(const analyzer::StatementContext& ctx, Node stmt, analyzer::Reporter& out) {
    bool has_check = false;
    for (Node con : stmt["constraints"]) has_check = has_check || con["contype"].str() == "CONSTR_CHECK";
    if (!has_check) return;
    const QualifiedName name = ctx.qualify(analyzer::list_name(stmt["domainname"]));
    out.report(ctx.statement,
               "domain " + name.str() +
                   " has a CHECK constraint: changing it later scans every column of the domain while blocking "
                   "writes to their tables",
               "use the base type " + analyzer::type_name(stmt["typeName"]) +
                   " with a CHECK constraint on each column, which can be replaced without blocking writes");
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_domain_with_constraint() { return std::make_unique<DomainWithConstraint>(); }

}  // namespace rules
