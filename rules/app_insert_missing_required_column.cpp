// app-insert-missing-required-column: a migration under review makes a column required
// (NOT NULL with no default) while the application INSERTs into the table without it.
#include <algorithm>
#include <limits>
#include <map>
#include <optional>
#include <tuple>

#include "analyzer/reference_resolver.h"
#include "analyzer/rule.h"
#include "rules/common.h"
#include "rules/app_usage.h"

namespace rules {
namespace {

using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "app-insert-missing-required-column",
    analyzer::Severity::error,
    analyzer::RuleGroup::application,
    {
        "A column becomes required while application code inserts rows without it",
        "A migration under review makes a column of an existing table required — `ADD COLUMN ... NOT NULL` with "
        "no default, `ALTER COLUMN ... SET NOT NULL` or `ALTER COLUMN ... DROP DEFAULT` on a NOT NULL column — "
        "while an INSERT in the scanned application code does not supply it: its column list leaves it out, or "
        "it has no column list and supplies fewer values (or SELECT columns) than the column's position, or it "
        "is `INSERT ... DEFAULT VALUES`. An INSERT without a column list whose source is a `SELECT *` is not "
        "judged (its width is unknown), nor are MERGE and COPY. Only with `schemaguard check`. Severity: error.",
        "From the moment the migration commits, every such INSERT fails with `null value in column ... violates "
        "not-null constraint`, in the version of the application running during the deploy and in the code under "
        "review if it does not set the column. The migration itself may pass in a test database that has no "
        "traffic.",
        "-- src/user_repo.cpp:30:  INSERT INTO users (id, email) VALUES ($1, $2)\n"
        "ALTER TABLE users ALTER COLUMN locale SET NOT NULL;",
        "-- 1. Deploy code that sets locale in every INSERT (or give the column a default):\n"
        "ALTER TABLE users ALTER COLUMN locale SET DEFAULT 'en';\n"
        "-- 2. Backfill, then make it required in a later migration:\n"
        "ALTER TABLE users ALTER COLUMN locale SET NOT NULL;",
        "",
    },
};

// A column this statement makes required, and how.
struct RequiredColumn {
  std::string name;
  std::size_t position = 0;  // 0-based, in the table's column order after the statement
  std::string how;           // "ADD COLUMN ... NOT NULL without a default", "SET NOT NULL", ...
};

bool adds_required_without_value(Node def) {
  if (analyzer::type_info(def["typeName"]).serial) return false;
  bool required = def["is_not_null"].boolean();
  for (Node con : def["constraints"]) {
    const std::string_view contype = con["contype"].str();
    if (contype == "CONSTR_DEFAULT" || contype == "CONSTR_IDENTITY" || contype == "CONSTR_GENERATED") return false;
    if (contype == "CONSTR_NOTNULL" || contype == "CONSTR_PRIMARY") required = true;
  }
  return required;
}

std::optional<std::size_t> position_of(const analyzer::Table& table, std::string_view column) {
  for (std::size_t k = 0; k < table.columns.size(); ++k)
    if (table.columns[k].name == column) return k;
  return std::nullopt;
}

// The columns this statement makes required: added NOT NULL without a value, or existing
// ones that end the statement NOT NULL without a default and did not before.
std::vector<RequiredColumn> required_columns(Node stmt, const analyzer::Table& table) {
  struct State {
    bool not_null = false;
    bool has_default = false;
    bool made_not_null = false;
    bool lost_default = false;
  };
  std::vector<RequiredColumn> out;
  std::map<std::string, State> altered;
  std::vector<std::string> order;
  std::size_t next_position = table.columns.size();
  for (Node cmd : stmt["cmds"]) {
    const std::string_view subtype = cmd["subtype"].str();
    if (subtype == "AT_AddColumn") {
      const std::string name(cmd["def"]["colname"].str());
      if (table.column(name)) continue;  // IF NOT EXISTS of a column it has
      const std::size_t position = next_position++;
      if (adds_required_without_value(cmd["def"])) out.push_back({name, position, "is added NOT NULL without a default"});
      continue;
    }
    if (subtype != "AT_SetNotNull" && subtype != "AT_DropNotNull" && subtype != "AT_ColumnDefault") continue;
    const std::string name(cmd["name"].str());
    const analyzer::Column* column = table.column(name);
    if (!column) continue;
    auto [it, inserted] = altered.try_emplace(name, State{column->not_null, column->has_default});
    if (inserted) order.push_back(name);
    State& state = it->second;
    if (subtype == "AT_SetNotNull") {
      state.made_not_null = state.made_not_null || !state.not_null;
      state.not_null = true;
    }
    if (subtype == "AT_DropNotNull") state.not_null = state.made_not_null = false;
    if (subtype == "AT_ColumnDefault") {
      state.lost_default = state.has_default && !cmd["def"];
      state.has_default = static_cast<bool>(cmd["def"]);
    }
  }
  for (const std::string& name : order) {
    const State& state = altered[name];
    if (!state.not_null || state.has_default || !(state.made_not_null || state.lost_default)) continue;
    const std::string how = state.made_not_null && state.lost_default ? "is made NOT NULL and loses its default"
                            : state.made_not_null                     ? "is made NOT NULL"
                                                                      : "loses its default while NOT NULL";
    out.push_back({name, *position_of(table, name), how});
  }
  return out;
}

// How one INSERT fills the target table's columns.
struct InsertShape {
  analyzer::QualifiedName table;   // as written
  std::vector<std::string> named;  // its column list
  bool has_column_list = false;
  std::optional<std::size_t> positional_width;  // values per row without a column list; nullopt: unknown
};

std::optional<std::size_t> source_width(Node select) {
  if (!select) return 0;  // DEFAULT VALUES
  if (select["valuesLists"].size()) {
    std::size_t width = std::numeric_limits<std::size_t>::max();
    for (Node row : select["valuesLists"]) width = std::min(width, row["items"].size());
    return width;
  }
  const std::string_view op = select["op"].str();
  if (!op.empty() && op != "SETOP_NONE") return std::nullopt;
  for (Node target : select["targetList"]) {
    const Node value = target["val"];
    if (!value.is("ColumnRef")) continue;
    const Node fields = value["fields"];
    if (fields.size() && fields.at(fields.size() - 1).is("A_Star")) return std::nullopt;
  }
  return select["targetList"].size();
}

// Every INSERT in the SQL text (data-modifying CTEs included).
std::vector<InsertShape> inserts_in(const std::string& sql) {
  std::vector<InsertShape> out;
  const sqlparse::SourceText source("<application sql>", sql);
  sqlparse::parse_statements(source, [&](const sqlparse::Statement& st) {
    st.tree.walk([&](Node node) {
      if (!node.is("InsertStmt")) return;
      InsertShape shape;
      shape.table = analyzer::range_var_name(node["relation"]);
      for (Node col : node["cols"]) shape.named.emplace_back(col["name"].str());
      shape.has_column_list = !shape.named.empty();
      if (!shape.has_column_list) shape.positional_width = source_width(node["selectStmt"]);
      out.push_back(std::move(shape));
    });
  });
  return out;
}

bool supplies(const InsertShape& insert, const RequiredColumn& column) {
  if (insert.has_column_list)
    return std::find(insert.named.begin(), insert.named.end(), column.name) != insert.named.end();
  return !insert.positional_width || column.position < *insert.positional_width;  // unknown width: benefit of doubt
}

class AppInsertMissingRequiredColumn : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    if (!ctx.app) return;
    const auto altered = altered_existing_table(ctx);
    if (!altered) return;
    const Node stmt = ctx.statement.tree;
    const analyzer::Table* table = ctx.find_table(*altered);
    if (!table) return;  // the model cannot tell which columns an INSERT leaves out
    const std::vector<RequiredColumn> required = required_columns(stmt, *table);
    if (required.empty()) return;
    const std::vector<CodeInsert> inserts = inserts_into(ctx, table->name);
    for (const RequiredColumn& column : required) {
      std::vector<analyzer::CodeReference> places;
      for (const CodeInsert& s : inserts)
        if (std::any_of(s.shapes.begin(), s.shapes.end(), [&](const InsertShape& i) { return !supplies(i, column); }))
          places.push_back(s.where);
      if (places.empty()) continue;
      std::string listed;
      for (std::size_t k = 0; k < places.size() && k < 3; ++k)
        listed += (k ? ", " : "") + places[k].path + ":" + std::to_string(places[k].line);
      if (places.size() > 3) listed += ", ...";
      const std::size_t n = places.size();
      analyzer::Finding& f = out.report(
          ctx.statement,
          "column " + table->name.str() + "." + column.name + " " + column.how + ", but the application inserts into " +
              table->name.str() + " without it in " + std::to_string(n) + (n == 1 ? " place (" : " places (") +
              listed + ")",
          "first deploy code that sets " + column.name + " in every INSERT (or give the column a DEFAULT), backfill "
              "existing rows, then make it required in a later migration");
      f.references = places;
    }
  }

 private:
  // One SQL text at one place in the code, with its INSERTs into the table.
  struct CodeInsert {
    analyzer::CodeReference where;
    std::vector<InsertShape> shapes;
  };

  // The INSERTs into `table` in the application's code: the table refs of a query, grouped
  // by the SQL text and the place (path, function); the INSERT reported at its first ref.
  static std::vector<CodeInsert> inserts_into(const analyzer::StatementContext& ctx,
                                             const analyzer::QualifiedName& table) {
    using Key = std::tuple<std::string, std::string, std::string>;
    std::map<Key, analyzer::CodeReference> first_ref;
    for (const analyzer::ResolvedAppReference* r : ctx.app->uses_table(table)) {
      if (r->access != "table" || r->ambiguous) continue;
      const Key key{r->code.path, r->code.function, r->code.sql};
      auto [it, inserted] = first_ref.emplace(key, r->code);
      if (!inserted && std::tie(r->code.line, r->code.column) < std::tie(it->second.line, it->second.column))
        it->second = r->code;
    }
    static const std::vector<std::string> kDefaultPath{"public"};
    std::vector<CodeInsert> out;
    for (const auto& [key, where] : first_ref) {
      CodeInsert insert{where, {}};
      for (InsertShape& shape : inserts_in(where.sql))
        if (ctx.schema.qualify(shape.table, kDefaultPath) == table) insert.shapes.push_back(std::move(shape));
      if (!insert.shapes.empty()) out.push_back(std::move(insert));
    }
    std::sort(out.begin(), out.end(), [](const CodeInsert& a, const CodeInsert& b) {
      return std::tie(a.where.path, a.where.line, a.where.column) < std::tie(b.where.path, b.where.line, b.where.column);
    });
    return out;
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_app_insert_missing_required_column() {
  return std::make_unique<AppInsertMissingRequiredColumn>();
}

}  // namespace rules
