// identifier-too-long: a name the statement gives to a new object (or a new name) longer
// than 63 bytes, which PostgreSQL truncates with only a NOTICE.
//
// The parser truncates identifiers as PostgreSQL's scanner does, so the tree only has the
// short form: the long one is found in the statement's text.
#include <algorithm>

#include "analyzer/rule.h"
#include "rules/common.h"
#include "rules/sql_tokens.h"

namespace rules {
namespace {

using analyzer::QualifiedName;
using analyzer::RuleInfo;
using sqlparse::Node;

constexpr std::size_t kMaxIdentifierBytes = 63;  // NAMEDATALEN - 1

const RuleInfo kInfo{
    "identifier-too-long",
    analyzer::Severity::warning,
    analyzer::RuleGroup::style,
    {
        "A new name is longer than 63 bytes and PostgreSQL truncates it",
        "A name the statement creates that is longer than 63 bytes (bytes in UTF-8, not characters): a table, "
        "column, index, constraint, sequence, schema, view or materialized view (and their column names), "
        "function or procedure, type, domain, trigger or policy, and the new name of a RENAME. Names the "
        "statement only refers to are not flagged. Off by default (style group). Severity: warning.",
        "PostgreSQL keeps at most 63 bytes of an identifier (NAMEDATALEN - 1) and cuts longer ones with only a "
        "NOTICE, which migration tools rarely show. The object then has a different name from the one in the "
        "migration, the ORM model and the application's queries: code that looks the name up in the catalogue "
        "(information_schema, pg_indexes, `DROP ... IF EXISTS` of the full name in a later migration) does not "
        "find it, and two long names that share their first 63 bytes collide (`relation already exists`). "
        "Multi-byte characters make the limit shorter than 63 characters.",
        "CREATE INDEX index_customer_subscriptions_on_billing_account_id_and_created_at ON customer_subscriptions "
        "(billing_account_id, created_at);",
        "CREATE INDEX customer_subscriptions_billing_account_created_idx ON customer_subscriptions "
        "(billing_account_id, created_at);",
        "",
    },
    false,  // style group: off by default
};

struct CreatedName {
  std::string name;  // as the parser left it (already truncated)
  std::string what;  // "index on public.orders"
};

class NameCollector {
 public:
  explicit NameCollector(const analyzer::StatementContext& ctx) : ctx_(ctx) {}

  std::vector<CreatedName> collect() {
    const Node stmt = ctx_.statement.tree;
    if (stmt.is("CreateStmt")) create_table(stmt);
    else if (stmt.is("AlterTableStmt")) alter_table(stmt);
    else if (stmt.is("IndexStmt")) add(stmt["idxname"], "index on " + table(stmt["relation"]));
    else if (stmt.is("CreateSeqStmt")) add(stmt["sequence"]["relname"], "sequence");
    else if (stmt.is("CreateSchemaStmt")) add(stmt["schemaname"], "schema");
    else if (stmt.is("ViewStmt")) relation_with_columns(stmt["view"], stmt["aliases"], "view");
    else if (stmt.is("CreateTableAsStmt"))
      relation_with_columns(stmt["into"]["rel"], stmt["into"]["colNames"],
                            stmt["objtype"].str() == "OBJECT_MATVIEW" ? "materialized view" : "table");
    else if (stmt.is("CreateFunctionStmt")) add_last(stmt["funcname"], stmt["is_procedure"].boolean() ? "procedure" : "function");
    else if (stmt.is("CompositeTypeStmt")) composite_type(stmt);
    else if (stmt.is("CreateEnumStmt") || stmt.is("CreateRangeStmt")) add_last(stmt["typeName"], "type");
    else if (stmt.is("DefineStmt")) add_last(stmt["defnames"], "object");
    else if (stmt.is("CreateDomainStmt")) create_domain(stmt);
    else if (stmt.is("AlterDomainStmt") && stmt["subtype"].str() == "C") add(stmt["def"]["conname"], "constraint");
    else if (stmt.is("CreateTrigStmt")) add(stmt["trigname"], "trigger on " + table(stmt["relation"]));
    else if (stmt.is("CreatePolicyStmt")) add(stmt["policy_name"], "policy on " + table(stmt["table"]));
    else if (stmt.is("RenameStmt")) add(stmt["newname"], "new");
    return std::move(names_);
  }

 private:
  std::string table(Node range_var) const { return ctx_.qualify(analyzer::range_var_name(range_var)).str(); }

  void add(Node name, std::string what) {
    if (!name.str().empty()) names_.push_back({std::string(name.str()), std::move(what)});
  }
  void add_last(Node names, std::string what) {
    if (names.size() > 0) add(names.at(names.size() - 1), std::move(what));
  }

  void column(Node def, const std::string& owner) {
    add(def["colname"], "column of " + owner);
    for (Node con : def["constraints"]) add(con["conname"], "constraint on " + owner);
  }

  void create_table(Node stmt) {
    const std::string owner = table(stmt["relation"]);
    add(stmt["relation"]["relname"], "table");
    for (Node element : stmt["tableElts"]) {
      if (element.is("ColumnDef")) column(element, owner);
      else if (element.is("Constraint")) add(element["conname"], "constraint on " + owner);
    }
  }

  void alter_table(Node stmt) {
    const std::string owner = table(stmt["relation"]);
    for (Node cmd : stmt["cmds"]) {
      const std::string_view subtype = cmd["subtype"].str();
      if (subtype == "AT_AddColumn") column(cmd["def"], owner);
      else if (subtype == "AT_AddConstraint") add(cmd["def"]["conname"], "constraint on " + owner);
    }
  }

  void relation_with_columns(Node range_var, Node columns, const std::string& kind) {
    add(range_var["relname"], kind);
    for (Node c : columns) add(c, "column of " + table(range_var));
  }

  void composite_type(Node stmt) {
    add(stmt["typevar"]["relname"], "type");
    for (Node def : stmt["coldeflist"]) add(def["colname"], "attribute of type " + table(stmt["typevar"]));
  }

  void create_domain(Node stmt) {
    add_last(stmt["domainname"], "domain");
    for (Node con : stmt["constraints"]) add(con["conname"], "constraint on domain " + analyzer::list_name(stmt["domainname"]).str());
  }

  const analyzer::StatementContext& ctx_;
  std::vector<CreatedName> names_;
};

// The first 63 bytes of a UTF-8 name, not cutting a character in two (pg_mbcliplen).
std::string truncated(const std::string& name) {
  if (name.size() <= kMaxIdentifierBytes) return name;
  std::size_t cut = kMaxIdentifierBytes;
  while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
  return name.substr(0, cut);
}

class IdentifierTooLong : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const std::vector<CreatedName> created = NameCollector(ctx).collect();
    if (created.empty()) return;
    std::vector<std::string> reported;
    for (const SqlToken& token : sql_tokens(ctx.statement.text)) {
      const std::string& written = token.value;
      if (!token.is_identifier() || written.size() <= kMaxIdentifierBytes) continue;
      if (std::find(reported.begin(), reported.end(), written) != reported.end()) continue;
      const std::string kept = truncated(written);
      const auto match = std::find_if(created.begin(), created.end(), [&](const CreatedName& c) { return c.name == kept; });
      if (match == created.end()) continue;
      reported.push_back(written);
      out.report(ctx.statement,
                 match->what + " name " + quote_identifier(written) + " is " + std::to_string(written.size()) +
                     " bytes: PostgreSQL truncates it to " + quote_identifier(kept) + " (" +
                     std::to_string(kept.size()) + " bytes) with only a NOTICE",
                 "choose a name of at most 63 bytes, so that the database, the migration and the application "
                 "agree on it");
    }
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_identifier_too_long() { return std::make_unique<IdentifierTooLong>(); }

}  // namespace rules
