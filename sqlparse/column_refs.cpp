#include "sqlparse/column_refs.h"

#include <pg_query.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <set>
#include <simdjson.h>

#include "sqlparse/node.h"

namespace sqlparse {

std::string_view access_name(Access a) {
  switch (a) {
    case Access::read: return "read";
    case Access::write: return "write";
    case Access::filter: return "filter";
    case Access::star: return "star";
    case Access::table: return "table";
  }
  return "read";
}

std::string_view command_name(Command c) {
  switch (c) {
    case Command::select: return "select";
    case Command::insert: return "insert";
    case Command::update: return "update";
    case Command::delete_: return "delete";
    case Command::merge: return "merge";
    case Command::copy: return "copy";
    case Command::truncate: return "truncate";
    case Command::lock: return "lock";
  }
  return "select";
}

namespace {

// ---------------------------------------------------------------------------
// A few lexical helpers: libpg_query gives one location per ColumnRef (its first
// name) and none for bare names in USING, COPY and ON CONFLICT lists.

bool ident_start(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool ident_char(unsigned char c) { return std::isalnum(c) || c == '_' || c == '$' || c >= 0x80; }

// Skips blanks and comments (nested /* */ as PostgreSQL allows).
std::size_t skip_blanks(std::string_view s, std::size_t i) {
  while (i < s.size()) {
    if (std::isspace(static_cast<unsigned char>(s[i]))) {
      ++i;
    } else if (s.compare(i, 2, "--") == 0) {
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (s.compare(i, 2, "/*") == 0) {
      int depth = 1;
      i += 2;
      while (i < s.size() && depth > 0) {
        if (s.compare(i, 2, "/*") == 0) { ++depth; i += 2; }
        else if (s.compare(i, 2, "*/") == 0) { --depth; i += 2; }
        else ++i;
      }
    } else {
      break;
    }
  }
  return i;
}

// End of the quoted or unquoted identifier at i, or i if there is none.
std::size_t identifier_end(std::string_view s, std::size_t i) {
  if (i >= s.size()) return i;
  if (s[i] == '"') {
    std::size_t k = i + 1;
    while (k < s.size()) {
      if (s[k] == '"') {
        if (k + 1 < s.size() && s[k + 1] == '"') { k += 2; continue; }
        return k + 1;
      }
      ++k;
    }
    return i;
  }
  if (!ident_start(static_cast<unsigned char>(s[i]))) return i;
  std::size_t k = i + 1;
  while (k < s.size() && ident_char(static_cast<unsigned char>(s[k]))) ++k;
  return k;
}

// The offset of the last of `fields` dotted names starting at `begin`
// ("u . email" -> "email"); `begin` if the text does not look as expected.
std::size_t last_field_offset(std::string_view s, std::size_t begin, std::size_t fields) {
  std::size_t i = begin;
  for (std::size_t f = 1; f < fields; ++f) {
    const std::size_t end = identifier_end(s, i);
    if (end == i) return begin;
    i = skip_blanks(s, end);
    if (i >= s.size() || s[i] != '.') return begin;
    i = skip_blanks(s, i + 1);
  }
  return i < s.size() ? i : begin;
}

// Skips a string literal or dollar-quoted string at i; returns i if there is none.
std::size_t literal_end(std::string_view s, std::size_t i) {
  if (s[i] == '\'') {
    const bool backslashes = i > 0 && (s[i - 1] == 'E' || s[i - 1] == 'e');
    std::size_t k = i + 1;
    while (k < s.size()) {
      if (backslashes && s[k] == '\\') { k += 2; continue; }
      if (s[k] == '\'') {
        if (k + 1 < s.size() && s[k + 1] == '\'') { k += 2; continue; }
        return k + 1;
      }
      ++k;
    }
    return s.size();
  }
  if (s[i] == '$') {
    std::size_t k = i + 1;
    while (k < s.size() && ident_char(static_cast<unsigned char>(s[k])) && s[k] != '$') ++k;
    if (k >= s.size() || s[k] != '$' || (k > i + 1 && std::isdigit(static_cast<unsigned char>(s[i + 1]))))
      return i;
    const std::string_view tag = s.substr(i, k - i + 1);
    const std::size_t close = s.find(tag, k + 1);
    return close == std::string_view::npos ? s.size() : close + tag.size();
  }
  return i;
}

bool same_identifier(std::string_view token, std::string_view name) {
  if (!token.empty() && token.front() == '"') {
    std::string unquoted;
    for (std::size_t k = 1; k + 1 < token.size(); ++k) {
      unquoted += token[k];
      if (token[k] == '"') ++k;
    }
    return unquoted == name;
  }
  if (token.size() != name.size()) return false;
  for (std::size_t k = 0; k < token.size(); ++k)
    if (std::tolower(static_cast<unsigned char>(token[k])) != static_cast<unsigned char>(name[k])) return false;
  return true;
}

constexpr std::size_t kNotFound = std::string_view::npos;

// The next identifier or keyword token equal to `name` (as PostgreSQL folds it) at or
// after `from`, skipping literals and comments.
std::size_t find_identifier(std::string_view s, std::size_t from, std::string_view name) {
  std::size_t i = from;
  while (true) {
    i = skip_blanks(s, i);
    if (i >= s.size()) return kNotFound;
    const std::size_t lit = literal_end(s, i);
    if (lit != i) { i = lit; continue; }
    const std::size_t end = identifier_end(s, i);
    if (end == i) { ++i; continue; }
    if (same_identifier(s.substr(i, end - i), name)) return i;
    i = end;
  }
}

// Byte offset of the k-th (1-based) character: libpg_query counts characters in errors.
std::size_t byte_offset_of_character(std::string_view s, int k) {
  std::size_t i = 0;
  for (int seen = 1; seen < k && i < s.size(); ++seen) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  }
  return std::min(i, s.size());
}

// ---------------------------------------------------------------------------
// Scopes.

// What a subquery or CTE yields to the query around it.
struct Outputs {
  std::vector<std::string> names;
  // Physical tables whose `*` the body selects: a column read by a name that is not
  // in `names` comes from one of them.
  std::vector<std::string> star_tables;
};

// A FROM item visible to column references.
struct Source {
  std::string alias;     // the name that qualifies its columns
  bool aliased = false;  // written with an alias (then a bare alias is a whole-row reference)
  std::string table;     // the physical table as written; "" for subqueries, CTEs, functions
  std::string schema;    // of a physical table, as written
  std::string relname;
  Outputs outputs;       // for everything that is not a physical table
};

struct UsingColumn {
  std::string name;
  std::size_t sources_begin = 0;  // the join's left side in Scope::sources
  std::size_t sources_end = 0;
};

struct Scope {
  const Scope* parent = nullptr;
  // False for a FROM subquery that is not LATERAL: it cannot see its siblings.
  bool parent_columns_visible = true;
  Command command = Command::select;
  std::vector<Source> sources;
  std::vector<UsingColumn> using_columns;
  std::map<std::string, Outputs> ctes;

  const Outputs* find_cte(const std::string& name) const {
    for (const Scope* s = this; s; s = s->parent) {
      auto it = s->ctes.find(name);
      if (it != s->ctes.end()) return &it->second;
    }
    return nullptr;
  }
};

// Calls f(scope) for each query level whose columns are visible from `scope`, innermost first.
template <typename F>
void for_each_visible_level(const Scope& scope, F&& f) {
  bool hidden = false;
  for (const Scope* s = &scope; s; s = s->parent) {
    if (!hidden && f(*s)) return;
    hidden = !s->parent_columns_visible;
  }
}

bool contains(const std::vector<std::string>& v, std::string_view x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

void add_unique(std::vector<std::string>& v, const std::string& x) {
  if (!x.empty() && !contains(v, x)) v.push_back(x);
}

std::string join_nonempty(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += '.';
    out += p;
  }
  return out;
}

std::vector<std::string> string_list(Node list) {
  std::vector<std::string> out;
  for (Node item : list) out.emplace_back(item.str());
  return out;
}

// ---------------------------------------------------------------------------
// The walk over one statement.

class Collector {
 public:
  Collector(std::string_view sql, std::size_t statement, std::vector<ColumnRef>& out)
      : sql_(sql), statement_(statement), out_(out), first_ref_(out.size()) {}

  // Collects the refs of a column-bearing statement.
  void run(Node stmt) {
    Scope top;
    statement(stmt, top, true);
    catch_unvisited(stmt);
  }

  bool unrunnable() const { return !unrunnable_reason_.empty(); }
  const std::string& unrunnable_reason() const { return unrunnable_reason_; }
  std::size_t unrunnable_offset() const { return unrunnable_offset_; }

 private:
  // --- statements -----------------------------------------------------------

  Outputs statement(Node stmt, const Scope& parent, bool parent_columns_visible, bool targets_used = true) {
    const std::string_view kind = stmt.kind();
    if (kind == "SelectStmt") return select(stmt, parent, parent_columns_visible, targets_used);
    if (kind == "InsertStmt") return insert(stmt, parent, parent_columns_visible);
    if (kind == "UpdateStmt") return update(stmt, parent, parent_columns_visible);
    if (kind == "DeleteStmt") return remove(stmt, parent, parent_columns_visible);
    if (kind == "MergeStmt") return merge(stmt, parent, parent_columns_visible);
    if (kind == "CopyStmt") return copy(stmt, parent);
    if (kind == "TruncateStmt" || kind == "LockStmt") return relations(stmt, parent, kind == "TruncateStmt");
    if (kind == "ExplainStmt" || kind == "PrepareStmt") return statement(stmt["query"], parent, parent_columns_visible);
    mark_visited(stmt);
    return {};
  }

  static Scope child_scope(const Scope& parent, bool parent_columns_visible, Command command) {
    Scope s;
    s.parent = &parent;
    s.parent_columns_visible = parent_columns_visible;
    s.command = command;
    return s;
  }

  Outputs select(Node stmt, const Scope& parent, bool parent_columns_visible, bool targets_used) {
    Scope scope = child_scope(parent, parent_columns_visible, Command::select);
    with_clause(stmt["withClause"], scope);

    const std::string_view op = stmt["op"].str();
    if (!op.empty() && op != "SETOP_NONE") {
      // larg and rarg are SelectStmt bodies without the wrapper.
      Outputs out = select(stmt["larg"], scope, true, targets_used);
      const Outputs right = select(stmt["rarg"], scope, true, targets_used);
      for (const std::string& t : right.star_tables) add_unique(out.star_tables, t);
      // ORDER BY of a UNION names output columns only; LIMIT rarely names anything.
      mark_visited(stmt["sortClause"]);
      expressions(stmt["limitCount"], scope, Access::filter);
      expressions(stmt["limitOffset"], scope, Access::filter);
      return out;
    }

    for (Node item : stmt["fromClause"]) from_item(item, scope);

    Outputs out;
    std::set<std::string> output_aliases;  // names ORDER BY / GROUP BY may mean instead of a column
    for (Node target : stmt["targetList"]) {
      const Node value = target["val"];
      const std::string name(target["name"].str());
      if (is_star(value)) {
        if (targets_used) star(value, scope, &out);
        else mark_visited(value);
        continue;
      }
      expression(value, scope, Access::read);
      const std::string implied = implied_name(value);
      if (!name.empty()) {
        out.names.push_back(name);
        if (name != implied) output_aliases.insert(name);
      } else {
        out.names.push_back(implied);
      }
    }
    for (Node row : stmt["valuesLists"]) {
      expressions(row, scope, Access::read);
      if (out.names.empty())
        for (std::size_t k = 1; k <= row["items"].size(); ++k)
          out.names.push_back("column" + std::to_string(k));
    }

    expression(stmt["whereClause"], scope, Access::filter);
    output_name_or_expressions(stmt["groupClause"], scope, output_aliases);
    expression(stmt["havingClause"], scope, Access::filter);
    for (Node window : stmt["windowClause"]) window_def(window, scope);
    output_name_or_expressions(stmt["sortClause"], scope, output_aliases);
    output_name_or_expressions(stmt["distinctClause"], scope, output_aliases);
    expressions(stmt["limitCount"], scope, Access::filter);
    expressions(stmt["limitOffset"], scope, Access::filter);
    return out;
  }

  Outputs insert(Node stmt, const Scope& parent, bool parent_columns_visible) {
    Scope scope = child_scope(parent, parent_columns_visible, Command::insert);
    with_clause(stmt["withClause"], scope);
    const Node relation = stmt["relation"];
    const Source target = physical_source(relation);
    emit_table(target, relation, scope, true);
    for (Node col : stmt["cols"]) assignment_target(col, target, scope);

    // The source query cannot see the target table's columns.
    statement(stmt["selectStmt"], scope, true);
    scope.sources.push_back(target);

    const Node conflict = stmt["onConflictClause"];
    if (conflict) {
      Scope conflict_scope = child_scope(scope, true, Command::insert);
      Source excluded = target;
      excluded.alias = "excluded";
      excluded.aliased = true;
      conflict_scope.sources.push_back(excluded);
      const Node infer = conflict["infer"];
      std::size_t from = static_cast<std::size_t>(std::max(infer.location(), 0));
      for (Node elem : infer["indexElems"]) {
        const std::string_view name = elem["name"].str();
        if (name.empty()) {
          expression(elem["expr"], conflict_scope, Access::filter);
          continue;
        }
        const std::size_t at = find_identifier(sql_, from, name);
        if (at != kNotFound) from = at + 1;
        emit(target.table, std::string(name), Access::filter, at == kNotFound ? location_of(infer) : at, scope);
      }
      expression(infer["whereClause"], conflict_scope, Access::filter);
      assignments(conflict["targetList"], target, conflict_scope);
      expression(conflict["whereClause"], conflict_scope, Access::filter);
    }
    return returning(stmt["returningList"], scope);
  }

  Outputs update(Node stmt, const Scope& parent, bool parent_columns_visible) {
    Scope scope = child_scope(parent, parent_columns_visible, Command::update);
    with_clause(stmt["withClause"], scope);
    const Node relation = stmt["relation"];
    const Source target = physical_source(relation);
    emit_table(target, relation, scope, true);
    scope.sources.push_back(target);
    for (Node item : stmt["fromClause"]) from_item(item, scope);
    assignments(stmt["targetList"], target, scope);
    expression(stmt["whereClause"], scope, Access::filter);
    return returning(stmt["returningList"], scope);
  }

  Outputs remove(Node stmt, const Scope& parent, bool parent_columns_visible) {
    Scope scope = child_scope(parent, parent_columns_visible, Command::delete_);
    with_clause(stmt["withClause"], scope);
    const Node relation = stmt["relation"];
    const Source target = physical_source(relation);
    emit_table(target, relation, scope, true);
    scope.sources.push_back(target);
    for (Node item : stmt["usingClause"]) from_item(item, scope);
    expression(stmt["whereClause"], scope, Access::filter);
    return returning(stmt["returningList"], scope);
  }

  Outputs merge(Node stmt, const Scope& parent, bool parent_columns_visible) {
    Scope scope = child_scope(parent, parent_columns_visible, Command::merge);
    with_clause(stmt["withClause"], scope);
    const Node relation = stmt["relation"];
    const Source target = physical_source(relation);
    emit_table(target, relation, scope, true);
    scope.sources.push_back(target);
    from_item(stmt["sourceRelation"], scope);
    expression(stmt["joinCondition"], scope, Access::filter);
    for (Node when : stmt["mergeWhenClauses"]) {
      expression(when["condition"], scope, Access::filter);
      if (when["commandType"].str() == "CMD_INSERT") {
        for (Node col : when["targetList"]) assignment_target(col, target, scope);
        expressions(when["values"], scope, Access::read);
      } else {
        assignments(when["targetList"], target, scope);
      }
    }
    return {};
  }

  Outputs copy(Node stmt, const Scope& parent) {
    Scope scope = child_scope(parent, true, Command::copy);
    const Node relation = stmt["relation"];
    if (!relation) {
      statement(stmt["query"], scope, true);
      return {};
    }
    const bool into_table = stmt["is_from"].boolean();
    const Source target = physical_source(relation);
    emit_table(target, relation, scope, into_table);
    std::size_t from = location_of(relation);
    for (Node col : stmt["attlist"]) {
      const std::string name(col.str());
      const std::size_t at = find_identifier(sql_, from + 1, name);
      if (at != kNotFound) from = at;
      emit(target.table, name, into_table ? Access::write : Access::read, at == kNotFound ? from : at, scope);
    }
    if (!into_table && stmt["attlist"].size() == 0)
      emit(target.table, "*", Access::star, location_of(relation), scope);
    scope.sources.push_back(target);
    expression(stmt["whereClause"], scope, Access::filter);
    return {};
  }

  // TRUNCATE and LOCK: tables only.
  Outputs relations(Node stmt, const Scope& parent, bool modifies) {
    Scope scope = child_scope(parent, true, modifies ? Command::truncate : Command::lock);
    for (Node relation : stmt["relations"]) emit_table(physical_source(relation), relation, scope, modifies);
    return {};
  }

  void with_clause(Node with, Scope& scope) {
    if (!with) return;
    const bool recursive = with["recursive"].boolean();
    for (Node cte : with["ctes"]) {
      const std::string name(cte["ctename"].str());
      const std::vector<std::string> columns = string_list(cte["aliascolnames"]);
      if (recursive) scope.ctes[name].names = columns;  // visible to its own body
      Outputs out = statement(cte["ctequery"], scope, true);
      if (!columns.empty()) out.names = columns;
      scope.ctes[name] = std::move(out);
    }
  }

  Outputs returning(Node list, const Scope& scope) {
    Outputs out;
    for (Node target : list) {
      const Node value = target["val"];
      if (is_star(value)) {
        star(value, scope, &out);
        continue;
      }
      expression(value, scope, Access::read);
      const std::string name(target["name"].str());
      out.names.push_back(name.empty() ? implied_name(value) : name);
    }
    return out;
  }

  // UPDATE SET / ON CONFLICT DO UPDATE SET / MERGE UPDATE SET.
  void assignments(Node list, const Source& target, const Scope& scope) {
    for (Node item : list) {
      assignment_target(item, target, scope);
      const Node value = item["val"];
      if (value.is("MultiAssignRef")) {
        // (a, b) = (SELECT ...) repeats the source under each column.
        if (value["colno"].integer() <= 1) expression(value["source"], scope, Access::read);
        else mark_visited(value);
      } else {
        expression(value, scope, Access::read);
      }
    }
  }

  void assignment_target(Node res_target, const Source& target, const Scope& scope) {
    emit(target.table, std::string(res_target["name"].str()), Access::write, location_of(res_target), scope);
    expressions(res_target["indirection"], scope, Access::read);  // SET a[i] = ...
  }

  // --- FROM items ---------------------------------------------------------------

  Source physical_source(Node range_var) {
    Source s;
    s.schema = std::string(range_var["schemaname"].str());
    s.relname = std::string(range_var["relname"].str());
    s.table = join_nonempty({range_var["catalogname"].str(), s.schema, s.relname});
    const std::string_view alias = range_var["alias"]["aliasname"].str();
    s.aliased = !alias.empty();
    s.alias = s.aliased ? std::string(alias) : s.relname;
    return s;
  }

  void from_item(Node item, Scope& scope) {
    const std::string_view kind = item.kind();
    if (kind == "RangeVar") {
      Source source = physical_source(item);
      const Outputs* cte = source.schema.empty() ? scope.find_cte(source.relname) : nullptr;
      if (cte) {
        source.outputs = *cte;
        const std::vector<std::string> columns = string_list(item["alias"]["colnames"]);
        if (!columns.empty()) source.outputs.names = columns;
        source.table.clear();
      } else {
        emit_table(source, item, scope, false);
      }
      scope.sources.push_back(std::move(source));
    } else if (kind == "RangeSubselect") {
      const bool lateral = item["lateral"].boolean();
      Source source;
      source.outputs = statement(item["subquery"], scope, lateral);
      source.alias = std::string(item["alias"]["aliasname"].str());
      source.aliased = !source.alias.empty();
      rename_outputs(source.outputs, item["alias"]["colnames"]);
      scope.sources.push_back(std::move(source));
    } else if (kind == "JoinExpr") {
      const std::size_t left_begin = scope.sources.size();
      from_item(item["larg"], scope);
      const std::size_t left_end = scope.sources.size();
      from_item(item["rarg"], scope);
      const std::size_t right_end = scope.sources.size();
      std::size_t from = static_cast<std::size_t>(std::max(last_location(item["rarg"]), 0));
      const std::size_t using_keyword = item["usingClause"].size() ? find_identifier(sql_, from, "using") : kNotFound;
      if (using_keyword != kNotFound) from = using_keyword;
      for (Node name_node : item["usingClause"]) {
        const std::string name(name_node.str());
        const std::size_t at = find_identifier(sql_, from + 1, name);
        if (at != kNotFound) from = at;
        const std::size_t offset = at == kNotFound ? from : at;
        emit_among(scope, left_begin, left_end, name, Access::filter, offset);
        emit_among(scope, left_end, right_end, name, Access::filter, offset);
        scope.using_columns.push_back({name, left_begin, left_end});
      }
      expression(item["quals"], scope, Access::filter);
    } else if (kind == "RangeFunction") {
      Source source;
      for (Node function : item["functions"]) {
        // [call, column definitions] of ROWS FROM (f() AS (a int), ...)
        const Node call = function["items"].at(0);
        expression(call, scope, Access::read);  // functions in FROM are implicitly LATERAL
        for (Node def : function["items"].at(1)["items"]) source.outputs.names.emplace_back(def["colname"].str());
        if (source.alias.empty()) source.alias = implied_name(call);
      }
      const std::string_view alias = item["alias"]["aliasname"].str();
      if (!alias.empty()) source.alias = std::string(alias);
      source.aliased = true;
      rename_outputs(source.outputs, item["alias"]["colnames"]);
      if (source.outputs.names.empty()) source.outputs.names.push_back(source.alias);
      for (Node def : item["coldeflist"]) source.outputs.names.emplace_back(def["colname"].str());
      scope.sources.push_back(std::move(source));
    } else if (kind == "RangeTableSample") {
      from_item(item["relation"], scope);
      expressions(item["args"], scope, Access::read);
      expression(item["repeatable"], scope, Access::read);
    } else if (kind == "RangeTableFunc") {
      expression(item["docexpr"], scope, Access::read);
      expression(item["rowexpr"], scope, Access::read);
      Source source;
      for (Node col : item["columns"]) {
        source.outputs.names.emplace_back(col["colname"].str());
        expression(col["colexpr"], scope, Access::read);
        expression(col["coldefexpr"], scope, Access::read);
      }
      source.alias = std::string(item["alias"]["aliasname"].str());
      source.aliased = true;
      scope.sources.push_back(std::move(source));
    } else {
      mark_visited(item);
    }
  }

  static void rename_outputs(Outputs& outputs, Node colnames) {
    std::size_t k = 0;
    for (Node name : colnames) {
      if (k < outputs.names.size()) outputs.names[k] = std::string(name.str());
      else outputs.names.emplace_back(name.str());
      ++k;
    }
  }

  // --- expressions ----------------------------------------------------------------

  void expressions(Node list, const Scope& scope, Access access) {
    if (list.is_list()) {
      for (Node item : list) expression(item, scope, access);
    } else {
      expression(list, scope, access);
    }
  }

  // Every raw-expression field of PostgreSQL 15's grammar that can hold a column reference.
  static constexpr std::string_view kExpressionFields[] = {
      "args", "arg", "lexpr", "rexpr", "elements", "items", "defresult", "expr", "result",
      "testexpr", "val", "indirection", "lidx", "uidx", "named_args", "content", "source",
      "xpr", "startOffset", "endOffset"};

  void expression(Node node, const Scope& scope, Access access) {
    if (!node) return;
    if (node.is_list()) {
      for (Node item : node) expression(item, scope, access);
      return;
    }
    const std::string_view kind = node.kind();
    if (kind == "ColumnRef") {
      column_ref(node, scope, access);
    } else if (kind == "SubLink") {
      expression(node["testexpr"], scope, access);
      statement(node["subselect"], scope, true, node["subLinkType"].str() != "EXISTS_SUBLINK");
    } else if (kind == "SelectStmt") {
      statement(node, scope, true);
    } else if (kind == "FuncCall") {
      expressions(node["args"], scope, access);
      expressions(node["agg_order"], scope, Access::filter);
      expression(node["agg_filter"], scope, Access::filter);
      if (node["over"]) window_def(node["over"], scope);
    } else if (kind == "WindowDef") {
      window_def(node, scope);
    } else if (kind == "SortBy") {
      expression(node["node"], scope, access);
    } else {
      for (std::string_view field : kExpressionFields) expression(node.field(field), scope, access);
    }
  }

  void window_def(Node window, const Scope& scope) {
    expressions(window["partitionClause"], scope, Access::filter);
    expressions(window["orderClause"], scope, Access::filter);
    expression(window["startOffset"], scope, Access::filter);
    expression(window["endOffset"], scope, Access::filter);
  }

  // ORDER BY / GROUP BY / DISTINCT ON items: a bare name that is an output alias
  // is the output column, not a table column.
  void output_name_or_expressions(Node list, const Scope& scope, const std::set<std::string>& aliases) {
    for (Node item : list) {
      const Node value = item.is("SortBy") ? item["node"] : item;
      if (value.is("ColumnRef") && value["fields"].size() == 1 && aliases.count(std::string(value["fields"].at(0).str()))) {
        mark_visited(value);
        continue;
      }
      expression(value, scope, Access::filter);
    }
  }

  static bool is_star(Node value) {
    if (!value.is("ColumnRef")) return false;
    const Node fields = value["fields"];
    return fields.size() > 0 && fields.at(fields.size() - 1).is("A_Star");
  }

  // The output name PostgreSQL gives an unnamed target.
  static std::string implied_name(Node value) {
    if (value.is("ColumnRef")) {
      const Node fields = value["fields"];
      return fields.size() ? std::string(fields.at(fields.size() - 1).str()) : std::string();
    }
    if (value.is("FuncCall")) {
      const Node name = value["funcname"];
      return name.size() ? std::string(name.at(name.size() - 1).str()) : std::string();
    }
    if (value.is("TypeCast")) return implied_name(value["arg"]);
    return "?column?";
  }

  // --- column references ------------------------------------------------------------

  void column_ref(Node ref, const Scope& scope, Access access) {
    if (is_star(ref)) {
      star(ref, scope, nullptr);
      return;
    }
    visited_.insert(ref.location());
    const Node fields = ref["fields"];
    const std::size_t n = fields.size();
    if (n == 0) return;
    const std::string column(fields.at(n - 1).str());
    const std::size_t offset = last_field_offset(sql_, location_of(ref), n);
    if (n == 1) {
      unqualified(column, scope, access, offset, location_of(ref));
      return;
    }
    std::vector<std::string> qualifier;
    for (std::size_t k = 0; k + 1 < n; ++k) qualifier.emplace_back(fields.at(k).str());
    const Source* source = find_source(qualifier, scope);
    if (!source && !any_visible_source(scope)) {
      note_unrunnable("column \"" + column + "\" is read with no table to read it from", location_of(ref));
      return;
    }
    if (!source) {
      // A name PostgreSQL would reject ("missing FROM-clause entry"); kept as written
      // so the schema check can report it.
      std::string table;
      for (const std::string& q : qualifier) table = join_nonempty({table, q});
      emit(table, column, access, offset, scope);
      return;
    }
    column_of(*source, column, access, offset, scope);
  }

  // A column of a known FROM item.
  void column_of(const Source& source, const std::string& column, Access access, std::size_t offset,
                 const Scope& scope) {
    if (!source.table.empty()) {
      emit(source.table, column, access, offset, scope);
      return;
    }
    if (contains(source.outputs.names, column)) return;  // the body has the refs
    const auto& stars = source.outputs.star_tables;
    if (stars.size() == 1) emit(stars.front(), column, access, offset, scope);
    else if (stars.size() > 1) emit("", column, access, offset, scope, stars);
  }

  void unqualified(const std::string& column, const Scope& scope, Access access, std::size_t offset,
                   std::size_t token) {
    bool any_source = false;
    bool done = false;
    std::vector<std::string> candidates;
    const Scope* level_found = nullptr;
    for_each_visible_level(scope, [&](const Scope& level) {
      if (level.sources.empty()) return false;
      any_source = true;
      for (const UsingColumn& u : level.using_columns) {
        if (u.name == column) {
          emit_among(level, u.sources_begin, u.sources_end, column, access, offset, &scope);
          done = true;
          return true;
        }
      }
      for (const Source& s : level.sources) {
        if (s.table.empty() && contains(s.outputs.names, column)) {
          done = true;  // a subquery's or function's output column
          return true;
        }
      }
      for (const Source& s : level.sources) {
        if (s.aliased && s.alias == column) {
          // A whole-row reference: row_to_json(u).
          if (!s.table.empty()) emit(s.table, "*", Access::star, offset, scope);
          for (const std::string& t : s.outputs.star_tables) emit(t, "*", Access::star, offset, scope);
          done = true;
          return true;
        }
      }
      for (const Source& s : level.sources) {
        add_unique(candidates, s.table);
        for (const std::string& t : s.outputs.star_tables) add_unique(candidates, t);
      }
      if (candidates.empty()) return false;
      level_found = &level;
      return true;
    });
    if (done) return;
    if (!any_source) {
      note_unrunnable("column \"" + column + "\" is read with no table to read it from", token);
      return;
    }
    if (!level_found) return;  // names no column of the subqueries in scope
    std::vector<std::string> outer;
    bool past = false;
    for_each_visible_level(scope, [&](const Scope& level) {
      if (past) {
        for (const Source& s : level.sources) {
          add_unique(outer, s.table);
          for (const std::string& t : s.outputs.star_tables) add_unique(outer, t);
        }
      }
      if (&level == level_found) past = true;
      return false;
    });
    std::erase_if(outer, [&](const std::string& t) { return contains(candidates, t); });
    if (candidates.size() == 1) emit(candidates.front(), column, access, offset, scope, {}, outer);
    else emit("", column, access, offset, scope, candidates, outer);
  }

  // A column that one of sources[begin, end) of `level` has (JOIN USING).
  void emit_among(const Scope& level, std::size_t begin, std::size_t end, const std::string& column,
                  Access access, std::size_t offset, const Scope* ref_scope = nullptr) {
    const Scope& scope = ref_scope ? *ref_scope : level;
    std::vector<std::string> candidates;
    for (std::size_t k = begin; k < end && k < level.sources.size(); ++k) {
      const Source& s = level.sources[k];
      if (s.table.empty() && contains(s.outputs.names, column)) return;
      add_unique(candidates, s.table);
      for (const std::string& t : s.outputs.star_tables) add_unique(candidates, t);
    }
    if (candidates.size() == 1) emit(candidates.front(), column, access, offset, scope);
    else if (candidates.size() > 1) emit("", column, access, offset, scope, candidates);
  }

  static bool any_visible_source(const Scope& scope) {
    bool any = false;
    for_each_visible_level(scope, [&](const Scope& level) { return any = !level.sources.empty(); });
    return any;
  }

  const Source* find_source(const std::vector<std::string>& qualifier, const Scope& scope) {
    const Source* found = nullptr;
    for_each_visible_level(scope, [&](const Scope& level) {
      for (const Source& s : level.sources) {
        const bool match = qualifier.size() == 1
                               ? s.alias == qualifier.front()
                               : !s.aliased && !s.table.empty() && s.relname == qualifier.back() &&
                                     (s.schema.empty() || s.schema == qualifier[qualifier.size() - 2]);
        if (match) {
          found = &s;
          return true;
        }
      }
      return false;
    });
    return found;
  }

  // `*` or `t.*`; adds the star's tables to `out` when it is a target list.
  void star(Node ref, const Scope& scope, Outputs* out) {
    constexpr Access access = Access::star;
    visited_.insert(ref.location());
    const Node fields = ref["fields"];
    const std::size_t n = fields.size();
    const std::size_t offset = last_field_offset(sql_, location_of(ref), n);
    const auto one = [&](const Source& s) {
      if (!s.table.empty()) {
        emit(s.table, "*", access, offset, scope);
        if (out) add_unique(out->star_tables, s.table);
      } else if (out) {
        for (const std::string& name : s.outputs.names) out->names.push_back(name);
        for (const std::string& t : s.outputs.star_tables) add_unique(out->star_tables, t);
      }
    };
    if (n == 1) {
      if (scope.sources.empty()) {
        note_unrunnable("SELECT * with no table", location_of(ref));
        return;
      }
      for (const Source& s : scope.sources) one(s);
      return;
    }
    std::vector<std::string> qualifier;
    for (std::size_t k = 0; k + 1 < n; ++k) qualifier.emplace_back(fields.at(k).str());
    if (const Source* s = find_source(qualifier, scope)) {
      one(*s);
    } else {
      std::string table;
      for (const std::string& q : qualifier) table = join_nonempty({table, q});
      emit(table, "*", access, offset, scope);
    }
  }

  // --- output -----------------------------------------------------------------------

  void emit_table(const Source& source, Node range_var, const Scope& scope, bool target) {
    ColumnRef ref;
    ref.table = source.table;
    ref.access = Access::table;
    ref.offset = location_of(range_var);
    ref.statement = statement_;
    ref.command = scope.command;
    ref.target = target;
    out_.push_back(std::move(ref));
  }

  void emit(std::string table, std::string column, Access access, std::size_t offset, const Scope& scope,
            std::vector<std::string> candidates = {}, std::vector<std::string> outer = {}) {
    if (column.empty()) return;
    ColumnRef ref;
    ref.table = std::move(table);
    ref.candidates = std::move(candidates);
    ref.outer_candidates = std::move(outer);
    ref.column = std::move(column);
    ref.access = access;
    ref.offset = offset;
    ref.statement = statement_;
    ref.command = scope.command;
    out_.push_back(std::move(ref));
  }

  std::size_t location_of(Node node) const {
    const int loc = node.location();
    return loc < 0 ? 0 : std::min(static_cast<std::size_t>(loc), sql_.size());
  }

  static int last_location(Node node) {
    int last = -1;
    node.walk([&](Node n) { last = std::max(last, n.location()); });
    return last;
  }

  void note_unrunnable(std::string reason, std::size_t offset) {
    if (!unrunnable_reason_.empty()) return;
    unrunnable_reason_ = std::move(reason);
    unrunnable_offset_ = offset;
  }

  void mark_visited(Node node) {
    node.walk([&](Node n) {
      if (n.is("ColumnRef")) visited_.insert(n.location());
    });
  }

  // A column reference in a part of the tree this walk does not know is still reported,
  // with every table of the statement as a candidate: never silently dropped.
  void catch_unvisited(Node stmt) {
    std::vector<std::string> tables;
    for (std::size_t k = first_ref_; k < out_.size(); ++k) add_unique(tables, out_[k].table);
    stmt.walk([&](Node n) {
      if (!n.is("ColumnRef") || visited_.count(n.location())) return;
      visited_.insert(n.location());
      const Node fields = n["fields"];
      if (fields.size() == 0) return;
      const Node last = fields.at(fields.size() - 1);
      ColumnRef ref;
      ref.column = last.is("A_Star") ? "*" : std::string(last.str());
      ref.access = last.is("A_Star") ? Access::star : Access::read;
      if (tables.size() == 1) ref.table = tables.front();
      else ref.candidates = tables;
      ref.offset = last_field_offset(sql_, location_of(n), fields.size());
      ref.statement = statement_;
      out_.push_back(std::move(ref));
    });
  }

  std::string_view sql_;
  std::size_t statement_;
  std::vector<ColumnRef>& out_;
  std::size_t first_ref_;  // this statement's refs start here in out_
  std::set<int> visited_;
  std::string unrunnable_reason_;
  std::size_t unrunnable_offset_ = 0;
};

// ---------------------------------------------------------------------------
// Which statements make a query.

enum class Role { columns, session, other };

Role role_of(Node stmt) {
  const std::string_view kind = stmt.kind();
  if (kind == "SelectStmt") {
    const std::string_view op = stmt["op"].str();
    const bool set_operation = !op.empty() && op != "SETOP_NONE";
    // A bare "SELECT" is a word, not a query.
    if (set_operation || stmt["targetList"].size() || stmt["fromClause"].size() || stmt["valuesLists"].size())
      return Role::columns;
    return Role::other;
  }
  if (kind == "InsertStmt" || kind == "UpdateStmt" || kind == "DeleteStmt" || kind == "MergeStmt" ||
      kind == "CopyStmt" || kind == "TruncateStmt")
    return Role::columns;
  if (kind == "ExplainStmt" || kind == "PrepareStmt") return role_of(stmt["query"]);
  if (kind == "TransactionStmt" || kind == "VariableSetStmt" || kind == "LockStmt") return Role::session;
  return Role::other;
}

struct ParseResult {
  PgQueryParseResult r;
  ~ParseResult() { pg_query_free_parse_result(r); }
};

}  // namespace

SqlAnalysis analyze_query(std::string_view sql) {
  SqlAnalysis analysis;
  if (sql.find('\0') != std::string_view::npos) {
    analysis.error = "contains a NUL byte";
    analysis.error_offset = sql.find('\0');
    return analysis;
  }
  const std::string text(sql);
  ParseResult parsed{pg_query_parse(text.c_str())};
  if (parsed.r.error) {
    analysis.error = parsed.r.error->message ? parsed.r.error->message : "syntax error";
    // "at or near" quotes the offending token, which can be the whole string.
    constexpr std::size_t kMaxMessage = 200;
    if (analysis.error.size() > kMaxMessage) analysis.error = analysis.error.substr(0, kMaxMessage) + "...";
    analysis.error_offset = byte_offset_of_character(sql, parsed.r.error->cursorpos);
    return analysis;
  }

  thread_local simdjson::dom::parser json;
  simdjson::dom::element doc;
  const char* tree = parsed.r.parse_tree;
  if (const auto code = json.parse(tree, std::strlen(tree)).get(doc); code != simdjson::SUCCESS) {
    analysis.error = code == simdjson::DEPTH_ERROR ? "expression nested too deeply to analyze"
                                                   : "internal error: unreadable parse tree";
    return analysis;
  }

  const Node statements = Node(doc)["stmts"];
  analysis.statements = statements.size();
  bool has_columns = false;
  for (Node raw : statements) {
    const Role role = role_of(raw["stmt"]);
    if (role == Role::other) return analysis;
    has_columns = has_columns || role == Role::columns;
  }
  if (!has_columns) return analysis;

  std::size_t index = 0;
  for (Node raw : statements) {
    Collector collector(sql, index++, analysis.refs);
    collector.run(raw["stmt"]);
    if (collector.unrunnable()) {
      analysis.refs.clear();
      analysis.error = collector.unrunnable_reason();
      analysis.error_offset = collector.unrunnable_offset();
      return analysis;
    }
  }
  analysis.is_query = true;
  return analysis;
}

}  // namespace sqlparse
