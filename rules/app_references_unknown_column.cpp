// app-references-unknown-column: application code names a table or column that the schema
// after every migration does not have (`check` only; reported in the code).
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <tuple>

#include "analyzer/rule.h"
#include "rules/app_usage.h"

namespace rules {
namespace {

using analyzer::RuleInfo;

const RuleInfo kInfo{
    "app-references-unknown-column",
    analyzer::Severity::error,
    analyzer::RuleGroup::application,
    {
        "Application code names a column or table that no migration creates",
        "A query in the scanned application code that reads or writes a column, or uses a table, that the schema "
        "model does not have after replaying every migration (baseline, history and the files under review). "
        "The finding is located in the code, one per query (or per result field read by name), naming every "
        "unknown name of that query; each place is listed. Only what the model can judge is reported: nothing "
        "when no migration defines any table; nothing when a migration ran DDL the model cannot follow (a DO "
        "block or a function that runs DDL); no column of a table the model does not know, of a view whose "
        "columns it could not work out, or of a query with a set-returning function in FROM (whose columns "
        "may be the ones named); no ambiguous reference with a table the model does not know among its "
        "candidates; no system column (ctid, xmin, ...); no table of pg_catalog, information_schema, pg_temp or "
        "named pg_*, of a schema no migration uses, of the name of a sequence, or that exists under the same "
        "name in another schema (the application's search_path is not known). CTE names and subquery aliases "
        "never reach this rule. Temporary tables the application creates itself are not visible to the scan: "
        "mark such queries with `// schemaguard: ignore`. Code still using a column or table that a migration "
        "under review drops or renames is reported here too (the code line must change) as well as at the "
        "migration by the `*-still-referenced` rules. Only with `schemaguard check`. Severity: error.",
        "The query fails with `column ... does not exist` or `relation ... does not exist` every time it runs. "
        "Either the name is a typo, or the code was merged ahead of the migration that creates the column, and "
        "it breaks as soon as it is deployed to a database that does not have it yet.",
        "-- migrations: CREATE TABLE users (id bigint PRIMARY KEY, email text);\n"
        "-- src/user_repo.cpp:42:  SELECT id, emial FROM users WHERE id = $1",
        "-- Fix the typo:  SELECT id, email FROM users WHERE id = $1\n"
        "-- or add the migration that creates the column, and deploy it before the code:\n"
        "ALTER TABLE users ADD COLUMN emial text;",
        "",
    },
};

bool is_system_column(std::string_view column) {
  static const std::set<std::string_view> kSystem{"ctid", "xmin", "xmax", "cmin", "cmax", "tableoid", "oid"};
  return kSystem.count(column) > 0;
}

// DDL the model did not follow may have created anything.
bool model_missed_ddl(const analyzer::Schema& schema) {
  return std::any_of(schema.notes().begin(), schema.notes().end(), [](const analyzer::Note& n) {
    return n.message.find("runs DDL or dynamic SQL") != std::string::npos;
  });
}

// A table the model cannot be expected to know.
bool outside_the_model(const analyzer::Schema& schema, const analyzer::QualifiedName& table) {
  const std::string& s = table.schema;
  if (s == "pg_catalog" || s == "information_schema" || s == "pg_toast" || s.rfind("pg_temp", 0) == 0) return true;
  if (table.name.rfind("pg_", 0) == 0) return true;  // system catalogs and views, found without a schema
  bool schema_used = schema.schemas().count(s) > 0;
  for (const auto& [name, unused] : schema.tables()) {
    if (name.name == table.name) return true;  // same name elsewhere: a search_path question
    schema_used = schema_used || name.schema == s;
  }
  for (const auto& [name, unused] : schema.sequences())
    if (name.name == table.name) return true;
  return !schema_used;
}

// A table whose column list the model may not have complete.
bool columns_uncertain(const analyzer::Schema& schema, const analyzer::QualifiedName& name) {
  const auto it = schema.tables().find(name);
  if (it == schema.tables().end()) return true;
  const analyzer::Table& table = it->second;
  if (table.is_view() && (table.columns.empty() || !table.view.unresolved.empty())) return true;
  const std::string shown = name.str();
  return std::any_of(schema.notes().begin(), schema.notes().end(), [&](const analyzer::Note& n) {
    return n.message.find(shown) != std::string::npos && n.message.find("missing") != std::string::npos;
  });
}

// The query has a function (or XMLTABLE) in FROM: an unqualified name may be its output.
bool has_function_in_from(const std::string& sql) {
  bool found = false;
  const sqlparse::SourceText source("<application sql>", sql);
  sqlparse::parse_statements(source, [&](const sqlparse::Statement& st) {
    st.tree.walk([&](sqlparse::Node n) { found = found || n.is("RangeFunction") || n.is("RangeTableFunc"); });
  });
  return found;
}

class AppReferencesUnknownColumn : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void finish_run(const analyzer::RunContext& ctx, analyzer::Reporter& out) override {
    if (!ctx.app || ctx.schema.tables().empty() || model_missed_ddl(ctx.schema)) return;
    // A query's unknown names, or those of one field read: (path, function, sql, line, column).
    using Key = std::tuple<std::string, std::string, std::string, int, int>;
    std::map<Key, Group> groups;
    std::vector<Key> order;
    for (const analyzer::ResolvedAppReference& r : ctx.app->all()) {
      if (r.inactive) continue;
      const std::string unknown = unknown_name(ctx.schema, r);
      if (unknown.empty()) continue;
      const bool field = r.access == "field";
      const Key key{r.code.path, r.code.function, r.code.sql, field ? r.code.line : 0, field ? r.code.column : 0};
      auto [it, inserted] = groups.try_emplace(key);
      if (inserted) order.push_back(key);
      if (std::find(it->second.names.begin(), it->second.names.end(), unknown) == it->second.names.end())
        it->second.names.push_back(unknown);
      it->second.refs.push_back(&r);
    }
    for (const Key& key : order) report(groups[key], out);
  }

 private:
  struct Group {
    std::vector<std::string> names;  // "column public.users.emial", "table public.ordrs"
    std::vector<const analyzer::ResolvedAppReference*> refs;
  };

  // "" when the reference is known or cannot be judged.
  std::string unknown_name(const analyzer::Schema& schema, const analyzer::ResolvedAppReference& r) {
    if (r.access == "table") {
      if (r.table_known || outside_the_model(schema, r.table)) return {};
      return "table " + r.table.str();
    }
    if (r.access == "star" || r.from_star || r.column_known || !r.table_known || is_system_column(r.column))
      return {};
    if (r.access != "field" && !r.code.sql.empty() && function_in_from(r.code.sql)) return {};
    if (!r.ambiguous) return columns_uncertain(schema, r.table) ? "" : "column " + r.table.str() + "." + r.column;
    for (const analyzer::QualifiedName& c : r.candidates)
      if (columns_uncertain(schema, c)) return {};
    return "column " + r.column + " (in none of " + table_list(r.candidates) + ")";
  }

  bool function_in_from(const std::string& sql) {
    auto it = function_in_from_.find(sql);
    if (it == function_in_from_.end()) it = function_in_from_.emplace(sql, has_function_in_from(sql)).first;
    return it->second;
  }

  static void report(const Group& group, analyzer::Reporter& out) {
    std::vector<analyzer::CodeReference> places = code_usage(group.refs).places;
    std::string names;
    for (std::size_t k = 0; k < group.names.size(); ++k)
      names += (k == 0 ? "" : k + 1 == group.names.size() ? " and " : ", ") + group.names[k];
    // "reads" only when the query reads: a write, or the table of an INSERT/UPDATE/DELETE, "uses".
    const auto modifies = [](const std::string& sql) {
      const std::size_t start = sql.find_first_not_of(" \t\r\n(");
      std::string word = start == std::string::npos ? "" : sql.substr(start, 6);
      for (char& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      return word == "INSERT" || word == "UPDATE" || word == "DELETE";
    };
    const bool writes = std::any_of(group.refs.begin(), group.refs.end(), [&](const analyzer::ResolvedAppReference* r) {
      return r->access == "write" || (r->access == "table" && modifies(r->code.sql));
    });
    const bool field = group.refs.front()->access == "field";
    analyzer::Finding& f = out.report_code(
        places.front(),
        std::string("the application ") + (writes ? "uses " : "reads ") + names +
            (field ? " (a result field read by name)" : "") +
            ", which the schema does not have after every migration",
        "fix the name if it is a typo; if a migration that creates it is still to come, merge it and deploy it "
        "before this code");
    f.references = std::move(places);
  }

  std::map<std::string, bool> function_in_from_;
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_app_references_unknown_column() {
  return std::make_unique<AppReferencesUnknownColumn>();
}

}  // namespace rules
