// Replays one DDL statement into the schema model, the way PostgreSQL would apply it:
// default names as PostgreSQL chooses them, IF [NOT] EXISTS, CASCADE to dependents.
// What it cannot follow becomes a Note.
#include <algorithm>
#include <cctype>
#include <functional>

#include "analyzer/schema.h"
#include "analyzer/user_types.h"

namespace analyzer {

using sqlparse::Node;

namespace {

constexpr std::size_t kMaxIdentifier = 63;  // NAMEDATALEN - 1

std::vector<std::string> string_list(Node list) {
  std::vector<std::string> out;
  for (Node n : list) out.emplace_back(n.str());
  return out;
}

void append_unique(std::vector<std::string>& v, const std::string& s) {
  if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// PostgreSQL's makeObjectName: name1_name2_label, shortening the longer of name1 and
// name2 until the whole fits in 63 bytes.
std::string make_object_name(std::string_view name1, std::string_view name2, std::string_view label) {
  std::size_t overhead = label.empty() ? 0 : label.size() + 1;
  if (!name2.empty()) overhead += 1;
  const std::size_t avail = kMaxIdentifier > overhead ? kMaxIdentifier - overhead : 0;
  std::size_t n1 = name1.size(), n2 = name2.size();
  while (n1 + n2 > avail) {
    if (n1 > n2) --n1;
    else --n2;
  }
  std::string out;
  out.reserve(n1 + n2 + overhead);
  out.append(name1.substr(0, n1));
  if (!name2.empty()) out.append(1, '_').append(name2.substr(0, n2));
  if (!label.empty()) out.append(1, '_').append(label);
  return out;
}

// Whether the map has the name (schema, name): hashed maps are asked without building a key.
template <typename T>
bool has_name(const NameMap<T>& map, std::string_view schema, std::string_view name) {
  return map.count(NameRef{schema, name}) > 0;
}
template <typename T>
bool has_name(const std::map<QualifiedName, T>& map, std::string_view schema, std::string_view name) {
  return map.count(QualifiedName{std::string(schema), std::string(name)}) > 0;
}

// ChooseIndexNameAddition / ChooseForeignKeyConstraintNameAddition: names joined by '_'.
std::string name_addition(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) {
    if (!out.empty()) out += '_';
    out += n;
    if (out.size() >= kMaxIdentifier) break;
  }
  return out;
}

// FigureIndexColname: what PostgreSQL calls an index expression when naming the index.
std::string expression_column_name(Node expr) {
  const std::string_view kind = expr.kind();
  if (kind == "FuncCall") {
    const Node names = expr["funcname"];
    return std::string(names.at(names.size() - 1).str());
  }
  if (kind == "ColumnRef") {
    const Node fields = expr["fields"];
    return std::string(fields.at(fields.size() - 1).str());
  }
  if (kind == "TypeCast") {
    std::string inner = expression_column_name(expr["arg"]);
    if (inner != "expr") return inner;
    const Node names = expr["typeName"]["names"];
    return std::string(names.at(names.size() - 1).str());
  }
  if (kind == "CoalesceExpr") return "coalesce";
  if (kind == "CaseExpr") return "case";
  return "expr";
}

// Columns an expression reads (unqualified or last field of a ColumnRef).
std::vector<std::string> referenced_columns(Node expr) {
  std::vector<std::string> out;
  expr.walk([&](Node n) {
    if (!n.is("ColumnRef")) return;
    const Node fields = n["fields"];
    const Node last = fields.at(fields.size() - 1);
    if (!last.is("A_Star")) append_unique(out, std::string(last.str()));
  });
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A procedural body that may change the schema: DDL keywords or dynamic SQL.
bool body_changes_schema(std::string_view body) {
  const std::string text = lower(body);
  const auto word = [&](std::string_view w) {
    for (std::size_t at = text.find(w); at != std::string::npos; at = text.find(w, at + 1)) {
      const bool starts = at == 0 || !(std::isalnum(static_cast<unsigned char>(text[at - 1])) || text[at - 1] == '_');
      const std::size_t end = at + w.size();
      const bool ends = end >= text.size() || !(std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_');
      if (starts && ends) return true;
    }
    return false;
  };
  return word("create") || word("alter") || word("drop") || word("execute");
}

std::string foreign_key_action(std::string_view code) {
  if (code == "r") return "RESTRICT";
  if (code == "c") return "CASCADE";
  if (code == "n") return "SET NULL";
  if (code == "d") return "SET DEFAULT";
  return "NO ACTION";
}

std::string function_signature_key(const std::vector<std::string>& types) {
  std::string out;
  for (const auto& t : types) out += t + ",";
  return out;
}

}  // namespace

// The sequence a column default's nextval('...') names, as written ("app.seq", "seq").
std::optional<QualifiedName> nextval_sequence(const std::string& default_sql) {
  const std::size_t call = default_sql.find("nextval('");
  if (call == std::string::npos) return std::nullopt;
  const std::size_t start = call + 9;
  const std::size_t end = default_sql.find('\'', start);
  if (end == std::string::npos) return std::nullopt;
  // regclass input: dot-separated identifiers, folded to lower case unless double-quoted.
  std::vector<std::string> parts(1);
  bool quoted = false;
  for (std::size_t k = start; k < end; ++k) {
    const char ch = default_sql[k];
    if (ch == '"') quoted = !quoted;
    else if (ch == '.' && !quoted) parts.emplace_back();
    else parts.back() += quoted ? ch : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  if (parts.size() == 1) return QualifiedName{"", parts[0]};
  return QualifiedName{parts[parts.size() - 2], parts.back()};
}

class SchemaReplay {
 public:
  SchemaReplay(Schema& schema, const Origin& origin, const std::vector<std::string>& search_path)
      : s_(schema), origin_(origin), search_path_(search_path) {}

  void statement(Node stmt);

 private:
  // ---- names ----
  std::string creation_schema() const { return search_path_.empty() ? "public" : search_path_.front(); }
  QualifiedName table_name(Node range_var) const { return s_.qualify(range_var_name(range_var), search_path_); }
  QualifiedName new_name(QualifiedName name) const {
    if (!name.qualified()) name.schema = creation_schema();
    return name;
  }
  template <typename Map>
  QualifiedName existing(const Map& map, const QualifiedName& name) const {
    if (name.qualified()) return name;
    for (const std::string& schema : search_path_)
      if (has_name(map, schema, name.name)) return QualifiedName{schema, name.name};
    if (has_name(map, "public", name.name)) return QualifiedName{"public", name.name};
    return new_name(name);
  }
  QualifiedName index_name(const QualifiedName& name) const { return existing(s_.indexes_, name); }
  QualifiedName sequence_name(const QualifiedName& name) const { return existing(s_.sequences_, name); }
  QualifiedName type_key(const QualifiedName& name) const {
    if (name.qualified()) return name;
    const QualifiedName as_enum = existing(s_.enums_, name);
    if (s_.enums_.count(as_enum)) return as_enum;
    return existing(s_.domains_, name);
  }
  bool relation_name_taken(NameRef name) const {
    return s_.tables_.count(name) || s_.indexes_.count(name) || s_.sequences_.count(name);
  }
  // ChooseRelationName: name1_name2_label, then label1, label2, ... until free.
  QualifiedName choose_relation_name(const std::string& schema, std::string_view name1, std::string_view name2,
                                     std::string_view label) const {
    std::string candidate = make_object_name(name1, name2, label);
    for (int pass = 1; relation_name_taken(NameRef{schema, candidate}); ++pass)
      candidate = make_object_name(name1, name2, std::string(label) + std::to_string(pass));
    return QualifiedName{schema, std::move(candidate)};
  }
  std::string choose_constraint_name(const Table& table, std::string_view name2, std::string_view label) const {
    std::string candidate = make_object_name(table.name.name, name2, label);
    for (int pass = 1; table.constraint(candidate) || s_.indexes_.count(NameRef{table.name.schema, candidate});
         ++pass)
      candidate = make_object_name(table.name.name, name2, std::string(label) + std::to_string(pass));
    return candidate;
  }

  void note(Node stmt, std::string message) {
    s_.notes_.push_back(Note{origin_, std::string(stmt.kind()), std::move(message)});
  }
  void note_kind(std::string_view kind, std::string message) {
    s_.notes_.push_back(Note{origin_, std::string(kind), std::move(message)});
  }

  // ---- tables ----
  void create_table(Node stmt);
  void create_table_as(Node stmt);
  void create_view(Node stmt);
  void fill_column(Column& col, std::string name, Node def);
  void add_column(Table& table, Node def, bool if_not_exists);
  void append_column(Table& table, std::string name, Node def);
  void column_constraints(Table& table, std::size_t position, Node def);
  // `contype` is con["contype"], which every caller has read already.
  void add_constraint(Table& table, Node con, std::string_view contype, const std::string& column_scope);
  Index constraint_index(Table& table, const Constraint& c, Node con);
  void alter_table(Node stmt);
  void alter_table_command(Table& table, Node cmd, Node stmt);
  void drop_column(Table& table, const std::string& column, bool cascade, Node stmt);
  // What DROP ... CASCADE of a type or domain, a sequence, a function takes with it.
  void drop_type_dependents(const QualifiedName& type, Node stmt);
  void drop_sequence_defaults(const QualifiedName& sequence);
  void drop_function_triggers(const QualifiedName& function);
  void drop_constraint(Table& table, const std::string& name, bool missing_ok, Node stmt);
  void rename(Node stmt);
  void rename_column(Table& table, const std::string& from, const std::string& to);
  void set_schema(Node stmt);
  void drop(Node stmt);
  void attach_partition(Table& parent, Table& partition, Node bound);
  void clone_indexes_to_partition(const Table& parent, Table& partition);
  void clone_constraints_to_partition(const Table& parent, Table& partition);
  void make_serial_sequence(Table& table, Column& column, const QualifiedName& explicit_name);
  // pg_index.indisclustered: `index` (empty: none) becomes the one clustered index of the table.
  void mark_clustered(const QualifiedName& table, const std::string& index);
  void cluster_using(const Table& table, const std::string& index);

  // ---- indexes ----
  void create_index(Node stmt);
  std::vector<std::string> index_column_names(const Index& index) const;

  // ---- views ----
  ViewQuery read_query(Node query, std::vector<Column>* output) const;

  // ---- types, sequences, functions, triggers ----
  void create_enum(Node stmt);
  void alter_enum(Node stmt);
  void create_domain(Node stmt);
  void alter_domain(Node stmt);
  void create_sequence(Node stmt);
  void alter_sequence(Node stmt);
  void set_sequence_owner(Sequence& sequence, Node owned_by);
  void create_function(Node stmt);
  void alter_function(Node stmt);
  void create_trigger(Node stmt);
  void note_schema_changing_calls(Node stmt);

  Schema& s_;
  const Origin& origin_;
  const std::vector<std::string>& search_path_;  // outlives the replay of one statement
};

void Schema::apply(const sqlparse::Statement& st, const Origin& origin, const std::vector<std::string>& search_path) {
  SchemaReplay(*this, origin, search_path).statement(st.tree);
}

// A statement kind added here must not start with a word replay_ignores() lists.
void SchemaReplay::statement(Node stmt) {
  const std::string_view kind = stmt.kind();
  if (kind == "CreateStmt") create_table(stmt);
  else if (kind == "CreateTableAsStmt") create_table_as(stmt);
  else if (kind == "ViewStmt") create_view(stmt);
  else if (kind == "CreateForeignTableStmt") {
    Table table;
    table.name = new_name(range_var_name(stmt["base"]["relation"]));
    table.kind = RelationKind::foreign_table;
    table.origin = origin_;
    for (Node elt : stmt["base"]["tableElts"])
      if (elt.is("ColumnDef")) add_column(table, elt, false);
    s_.tables_[table.name] = std::move(table);
  } else if (kind == "IndexStmt") create_index(stmt);
  else if (kind == "AlterTableStmt") alter_table(stmt);
  else if (kind == "RenameStmt") rename(stmt);
  else if (kind == "AlterObjectSchemaStmt") set_schema(stmt);
  else if (kind == "DropStmt") drop(stmt);
  else if (kind == "CreateSchemaStmt") {
    const std::string name(stmt["schemaname"].str());
    if (!name.empty() && !s_.schemas_.count(name)) s_.schemas_[name] = origin_;
    // CREATE SCHEMA s CREATE TABLE t ...: the elements are created in s.
    const std::vector<std::string> inner_path{name};
    SchemaReplay inner(s_, origin_, inner_path);
    for (Node element : stmt["schemaElts"]) inner.statement(element);
  } else if (kind == "CreateEnumStmt") create_enum(stmt);
  else if (kind == "AlterEnumStmt") alter_enum(stmt);
  else if (kind == "CreateDomainStmt") create_domain(stmt);
  else if (kind == "AlterDomainStmt") alter_domain(stmt);
  else if (kind == "CreateSeqStmt") create_sequence(stmt);
  else if (kind == "AlterSeqStmt") alter_sequence(stmt);
  else if (kind == "CreateFunctionStmt") create_function(stmt);
  else if (kind == "AlterFunctionStmt") alter_function(stmt);
  else if (kind == "CreateTrigStmt") create_trigger(stmt);
  else if (kind == "ClusterStmt") {
    // CLUSTER t USING i marks i; CLUSTER t and CLUSTER alone use the marks already there.
    const Table* table = stmt["relation"] ? s_.find_table(table_name(stmt["relation"]), {}) : nullptr;
    if (table && !stmt["indexname"].str().empty()) cluster_using(*table, std::string(stmt["indexname"].str()));
  } else if (kind == "RefreshMatViewStmt") {
    if (Table* view = s_.mutable_table(table_name(stmt["relation"]))) view->populated = !stmt["skipData"].boolean();
  } else if (kind == "DoStmt") {
    std::string body, language = "plpgsql";
    for (Node arg : stmt["args"]) {
      if (arg["defname"].str() == "as") body = std::string(arg["arg"].str());
      if (arg["defname"].str() == "language") language = std::string(arg["arg"].str());
    }
    if (body_changes_schema(body))
      note(stmt, "DO block (" + language + ") runs DDL or dynamic SQL; the model does not follow it");
  } else if (kind == "SelectStmt" || kind == "CallStmt") {
    note_schema_changing_calls(stmt);
  }
}

// ---- tables ---------------------------------------------------------------------

// A column of a domain type keeps the domain as its type: the domain carries NOT NULL and CHECKs.
void SchemaReplay::fill_column(Column& col, std::string name, Node def) {
  col.name = std::move(name);
  col.type_info = type_info(def["typeName"]);
  col.type = type_display(col.type_info);
  col.origin = origin_;
  if (const Node coll = def["collClause"]) col.collation = join_names(coll["collname"]);
  if (def["is_not_null"].boolean()) col.not_null = true;
}

void SchemaReplay::make_serial_sequence(Table& table, Column& column, const QualifiedName& explicit_name) {
  const QualifiedName seq_name = explicit_name.name.empty()
                                     ? choose_relation_name(table.name.schema, table.name.name, column.name, "seq")
                                     : QualifiedName{explicit_name.qualified() ? explicit_name.schema : table.name.schema,
                                                     explicit_name.name};
  Sequence seq;
  seq.name = seq_name;
  seq.type = column.type_info.name;
  seq.owned_by = ColumnKey{table.name, column.name};
  seq.origin = origin_;
  s_.sequences_[seq_name] = std::move(seq);
  if (column.identity == IdentityKind::none) {
    const std::string shown = seq_name.schema == table.name.schema ? seq_name.name : seq_name.str();
    column.default_sql = "nextval('" + shown + "'::regclass)";
  }
}

void SchemaReplay::add_column(Table& table, Node def, bool if_not_exists) {
  std::string name(def["colname"].str());
  if (table.column(name)) {
    if (!if_not_exists) note_kind("ColumnDef", "column " + name + " already exists in " + table.name.str() + "; kept the earlier definition");
    return;
  }
  append_column(table, std::move(name), def);
}

// A column the table does not have yet. Its constraints never add or remove columns, so the
// column stays where it is while they are replayed.
void SchemaReplay::append_column(Table& table, std::string name, Node def) {
  Column& col = table.columns.emplace_back();  // built in place: a Column is costly to move
  fill_column(col, std::move(name), def);
  column_constraints(table, table.columns.size() - 1, def);
}

// The constraints written on a column definition, for the table's column at `position`
// (constraints never add or remove columns: the position holds while they are replayed).
void SchemaReplay::column_constraints(Table& table, std::size_t position, Node def) {
  for (Node con : def["constraints"]) {
    Column& col = table.columns[position];
    const std::string_view contype = con["contype"].str();
    if (contype == "CONSTR_NOTNULL") {
      col.not_null = true;
    } else if (contype == "CONSTR_NULL") {
      col.not_null = false;
    } else if (contype == "CONSTR_DEFAULT") {
      col.default_sql = expression_sql(con["raw_expr"]);
      col.has_default = true;
    } else if (contype == "CONSTR_IDENTITY") {
      col.identity = con["generated_when"].str() == "a" ? IdentityKind::always : IdentityKind::by_default;
      col.not_null = true;
      col.has_default = true;
      QualifiedName seq;
      for (Node opt : con["options"])
        if (opt["defname"].str() == "sequence_name") seq = list_name(opt["arg"]);
      make_serial_sequence(table, col, seq);
    } else if (contype == "CONSTR_GENERATED") {
      col.generated_sql = expression_sql(con["raw_expr"]);
      col.has_default = true;
    } else {
      add_constraint(table, con, contype, col.name);
    }
  }
  Column& col = table.columns[position];
  if (col.type_info.serial && !col.has_default) {
    col.has_default = true;
    col.not_null = true;
    make_serial_sequence(table, col, {});
  }
}

Index SchemaReplay::constraint_index(Table& table, const Constraint& c, Node con) {
  Index index;
  index.table = table.name;
  index.unique = c.kind != ConstraintKind::exclusion;
  index.primary = c.kind == ConstraintKind::primary_key;
  index.origin = origin_;
  index.constraint = c.name;
  index.name = QualifiedName{table.name.schema, c.name};
  index.columns = c.columns;
  index.expressions.assign(c.columns.size(), "");
  index.include = string_list(con["including"]);
  if (const Node method = con["access_method"]) index.method = std::string(method.str());
  if (const Node where = con["where_clause"]) index.predicate_sql = expression_sql(where);
  return index;
}

void SchemaReplay::add_constraint(Table& table, Node con, std::string_view contype, const std::string& column_scope) {
  const Node conname = con["conname"];
  Constraint c;
  c.origin = origin_;
  c.validated = !con["skip_validation"].boolean();
  c.deferrable = con["deferrable"].boolean();
  std::string label;
  std::string addition;
  if (contype == "CONSTR_PRIMARY" || contype == "CONSTR_UNIQUE") {
    c.kind = contype == "CONSTR_PRIMARY" ? ConstraintKind::primary_key : ConstraintKind::unique;
    c.columns = column_scope.empty() ? string_list(con["keys"]) : std::vector<std::string>{column_scope};
    const std::string using_index(con["indexname"].str());
    if (!using_index.empty()) {
      // ADD CONSTRAINT ... USING INDEX: the index becomes the constraint's (and takes its name).
      const QualifiedName existing_index = index_name(QualifiedName{table.name.schema, using_index});
      auto it = s_.indexes_.find(existing_index);
      if (it == s_.indexes_.end()) {
        note(con, "index " + using_index + " is not in the model; constraint recorded without its columns");
      } else {
        c.columns = it->second.columns;
      }
      c.name = conname ? std::string(conname.str()) : using_index;
      if (it != s_.indexes_.end()) {
        Index index = it->second;
        s_.remove_index(existing_index);
        index.name.name = c.name;
        index.primary = c.kind == ConstraintKind::primary_key;
        index.constraint = c.name;
        c.index = index.name;
        s_.add_index(std::move(index));
      }
    } else {
      c.name = conname ? std::string(conname.str())
                              : choose_relation_name(table.name.schema, table.name.name,
                                                     c.kind == ConstraintKind::primary_key ? "" : name_addition(c.columns),
                                                     c.kind == ConstraintKind::primary_key ? "pkey" : "key")
                                    .name;
      Index index = constraint_index(table, c, con);
      c.index = index.name;
      s_.add_index(std::move(index));
    }
    if (c.kind == ConstraintKind::primary_key)
      for (const std::string& key : c.columns)
        if (Column* col = table.column(key)) col->not_null = true;
    table.constraints.push_back(std::move(c));
    return;
  }
  if (contype == "CONSTR_FOREIGN") {
    c.kind = ConstraintKind::foreign_key;
    c.columns = column_scope.empty() ? string_list(con["fk_attrs"]) : std::vector<std::string>{column_scope};
    c.references = table_name(con["pktable"]);
    c.referenced_columns = string_list(con["pk_attrs"]);
    c.on_delete = foreign_key_action(con["fk_del_action"].str());
    c.on_update = foreign_key_action(con["fk_upd_action"].str());
    label = "fkey";
    addition = name_addition(c.columns);
  } else if (contype == "CONSTR_CHECK") {
    c.kind = ConstraintKind::check;
    c.expression_sql = expression_sql(con["raw_expr"]);
    c.columns = referenced_columns(con["raw_expr"]);
    label = "check";
    if (c.columns.size() == 1) addition = c.columns.front();
  } else if (contype == "CONSTR_EXCLUSION") {
    c.kind = ConstraintKind::exclusion;
    std::string elements;
    std::vector<std::string> names;
    for (Node pair : con["exclusions"]) {
      const Node items = pair["items"];
      const Node elem = items.at(0);
      std::string column(elem["name"].str());
      std::string shown = column.empty() ? expression_sql(elem["expr"]) : column;
      if (!elements.empty()) elements += ", ";
      elements += shown + " WITH " + join_names(items.at(1)["items"].valid() ? items.at(1)["items"] : items.at(1));
      c.columns.push_back(column);
      names.push_back(column.empty() ? expression_column_name(elem["expr"]) : column);
    }
    c.expression_sql = elements;
    c.name = conname ? std::string(conname.str())
                            : choose_relation_name(table.name.schema, table.name.name, name_addition(names), "excl").name;
    Index index = constraint_index(table, c, con);
    index.expressions.clear();
    for (Node pair : con["exclusions"]) {
      const Node elem = pair["items"].at(0);
      index.expressions.push_back(elem["name"] ? "" : expression_sql(elem["expr"]));
    }
    c.index = index.name;
    s_.add_index(std::move(index));
    table.constraints.push_back(std::move(c));
    return;
  } else {
    return;  // attribute clauses (DEFERRABLE ...) arrive folded into the constraint they follow
  }
  c.name = conname ? std::string(conname.str()) : choose_constraint_name(table, addition, label);
  if (table.constraint(c.name)) {
    note(con, "constraint " + c.name + " already exists on " + table.name.str() + "; replaced");
    std::erase_if(table.constraints, [&](const Constraint& k) { return k.name == c.name; });
  }
  if (c.kind == ConstraintKind::foreign_key) s_.referencing_[c.references].insert(table.name);
  table.constraints.push_back(std::move(c));
}

void SchemaReplay::create_table(Node stmt) {
  Table table;
  const Node relation = stmt["relation"];
  table.name = new_name(range_var_name(relation));
  const std::string_view persistence = relation["relpersistence"].str();
  if (persistence == "t") {
    table.persistence = Persistence::temporary;
    if (!range_var_name(relation).qualified()) table.name.schema = "pg_temp";
  } else if (persistence == "u") {
    table.persistence = Persistence::unlogged;
  }
  if (s_.tables_.count(table.name)) {
    if (!stmt["if_not_exists"].boolean())
      note(stmt, "table " + table.name.str() + " already exists in the model; kept the earlier definition");
    return;
  }
  table.origin = origin_;
  table.kind = stmt["partspec"] ? RelationKind::partitioned_table : RelationKind::table;
  if (const Node spec = stmt["partspec"]) {
    std::string params;
    for (Node elem : spec["partParams"]) {
      const std::string column(elem["name"].str());
      if (!params.empty()) params += ", ";
      params += column.empty() ? "(" + expression_sql(elem["expr"]) + ")" : column;
      if (!column.empty()) table.partition_key_columns.push_back(column);
    }
    std::string strategy = lower(spec["strategy"].str());
    for (char& ch : strategy) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    table.partition_key_sql = strategy + " (" + params + ")";
  }

  // Columns from a parent come first: INHERITS and PARTITION OF.
  const Table* parent = nullptr;
  for (Node inh : stmt["inhRelations"]) {
    const Table* p = s_.find_table(range_var_name(inh), search_path_);
    if (!p) {
      note(stmt, "parent table " + range_var_name(inh).str() + " is not in the model; its columns are missing");
      continue;
    }
    if (stmt["partbound"]) parent = p;
    for (const Column& c : p->columns) {
      if (table.column(c.name)) continue;
      Column copy = c;
      copy.origin = origin_;
      copy.identity = IdentityKind::none;
      table.columns.push_back(std::move(copy));
    }
  }

  // The table must be in the map before its constraints: names are chosen against it.
  Table& t = s_.tables_[table.name] = std::move(table);
  const Node elements = stmt["tableElts"];
  t.columns.reserve(t.columns.size() + elements.size());
  for (Node elt : elements) {
    if (elt.is("ColumnDef")) {
      std::string name(elt["colname"].str());
      if (Column* existing = t.column(name)) {
        // A partition's (or child's) options on an inherited column.
        if (elt["is_not_null"].boolean()) existing->not_null = true;
        column_constraints(t, static_cast<std::size_t>(existing - t.columns.data()), elt);
      } else {
        append_column(t, std::move(name), elt);
      }
    } else if (elt.is("TableLikeClause")) {
      const Table* source = s_.find_table(range_var_name(elt["relation"]), search_path_);
      if (!source) {
        note(stmt, "LIKE " + range_var_name(elt["relation"]).str() + ": table not in the model; its columns are missing");
        continue;
      }
      const std::int64_t options = elt["options"].integer();
      const bool defaults = options & (1 << 3), constraints = options & (1 << 2), indexes = options & (1 << 6);
      const Table source_copy = *source;  // the map may rehash below
      for (const Column& c : source_copy.columns) {
        Column copy = c;
        copy.origin = origin_;
        if (!defaults) copy.default_sql.clear(), copy.has_default = false;
        copy.identity = IdentityKind::none;
        copy.generated_sql.clear();
        if (!copy.default_sql.empty() || !copy.generated_sql.empty()) copy.has_default = true;
        t.columns.push_back(std::move(copy));
      }
      if (constraints)
        for (const Constraint& c : source_copy.constraints)
          if (c.kind == ConstraintKind::check) {
            Constraint copy = c;
            copy.origin = origin_;
            t.constraints.push_back(std::move(copy));
          }
      if (indexes) {
        for (const Index* index : s_.indexes_on(source_copy.name)) {
          Index copy = *index;
          copy.table = t.name;
          copy.origin = origin_;
          copy.name = choose_relation_name(t.name.schema, t.name.name,
                                           copy.primary ? "" : name_addition(index_column_names(copy)),
                                           copy.primary ? "pkey" : (copy.unique ? "key" : "idx"));
          if (!copy.constraint.empty()) {
            Constraint c;
            c.kind = copy.primary ? ConstraintKind::primary_key : ConstraintKind::unique;
            c.name = copy.name.name;
            c.columns = copy.columns;
            c.index = copy.name;
            c.origin = origin_;
            copy.constraint = c.name;
            t.constraints.push_back(std::move(c));
          }
          s_.add_index(std::move(copy));
        }
      }
    } else if (elt.is("Constraint")) {
      add_constraint(t, elt, elt["contype"].str(), "");
    }
  }
  if (parent) {
    Table& parent_table = *s_.mutable_table(parent->name);
    attach_partition(parent_table, t, stmt["partbound"]);
  }
  s_.register_dependencies(t);
}

std::vector<std::string> SchemaReplay::index_column_names(const Index& index) const {
  std::vector<std::string> names;
  for (std::size_t k = 0; k < index.columns.size(); ++k) {
    std::string n = index.columns[k].empty() ? "expr" : index.columns[k];
    // ChooseIndexColumnNames: duplicates get a number.
    std::string unique = n;
    for (int i = 1; contains(names, unique); ++i) unique = n + std::to_string(i);
    names.push_back(unique);
  }
  return names;
}

void SchemaReplay::attach_partition(Table& parent, Table& partition, Node bound) {
  partition.partition_of = parent.name;
  if (bound["is_default"].boolean()) {
    partition.partition_bound_sql = "DEFAULT";
  } else if (bound["listdatums"].size() > 0) {
    partition.partition_bound_sql = "FOR VALUES IN (" + expression_sql(bound["listdatums"]) + ")";
  } else if (bound["lowerdatums"].size() > 0) {
    partition.partition_bound_sql = "FOR VALUES FROM (" + expression_sql(bound["lowerdatums"]) + ") TO (" +
                                    expression_sql(bound["upperdatums"]) + ")";
  } else if (bound["modulus"]) {
    partition.partition_bound_sql = "FOR VALUES WITH (MODULUS " + std::to_string(bound["modulus"].integer()) +
                                    ", REMAINDER " + std::to_string(bound["remainder"].integer()) + ")";
  }
  clone_constraints_to_partition(parent, partition);
  clone_indexes_to_partition(parent, partition);
  s_.register_dependencies(partition);
}

void SchemaReplay::clone_constraints_to_partition(const Table& parent, Table& partition) {
  for (const Constraint& c : parent.constraints) {
    if (c.kind != ConstraintKind::check && c.kind != ConstraintKind::foreign_key) continue;
    if (partition.constraint(c.name)) continue;
    Constraint copy = c;
    copy.origin = origin_;
    partition.constraints.push_back(std::move(copy));
  }
}

// A partition gets an index for each of its parent's, unless an equivalent one exists.
void SchemaReplay::clone_indexes_to_partition(const Table& parent, Table& partition) {
  const std::vector<const Index*> parent_indexes = s_.indexes_on(parent.name);
  if (parent_indexes.empty()) return;
  const std::vector<const Index*> own = s_.indexes_on(partition.name);
  std::vector<Index> clones;
  for (const Index* index : parent_indexes) {
    const bool present = std::any_of(own.begin(), own.end(), [&](const Index* o) {
      return o->columns == index->columns && o->expressions == index->expressions &&
             o->predicate_sql == index->predicate_sql && o->unique == index->unique;
    });
    if (present) continue;
    Index copy = *index;
    copy.table = partition.name;
    copy.origin = origin_;
    copy.name = choose_relation_name(partition.name.schema, partition.name.name,
                                     copy.primary ? "" : name_addition(index_column_names(copy)),
                                     copy.primary ? "pkey" : (!copy.constraint.empty() && copy.unique ? "key" : "idx"));
    if (!copy.constraint.empty()) {
      Constraint c;
      c.kind = copy.primary ? ConstraintKind::primary_key
                            : (copy.unique ? ConstraintKind::unique : ConstraintKind::exclusion);
      c.name = copy.name.name;
      c.columns = copy.columns;
      c.index = copy.name;
      c.origin = origin_;
      copy.constraint = c.name;
      partition.constraints.push_back(std::move(c));
    }
    clones.push_back(copy);
    s_.add_index(std::move(copy));
  }
}

void SchemaReplay::create_table_as(Node stmt) {
  const Node into = stmt["into"];
  Table table;
  table.name = new_name(range_var_name(into["rel"]));
  if (s_.tables_.count(table.name)) {
    if (!stmt["if_not_exists"].boolean())
      note(stmt, "relation " + table.name.str() + " already exists in the model; kept the earlier definition");
    return;
  }
  table.kind = stmt["objtype"].str() == "OBJECT_MATVIEW" ? RelationKind::materialized_view : RelationKind::table;
  table.origin = origin_;
  table.populated = !into["skipData"].boolean();
  std::vector<Column> output;
  ViewQuery reads = read_query(stmt["query"], &output);
  if (table.kind == RelationKind::materialized_view) table.view = std::move(reads);
  const std::vector<std::string> names = string_list(into["colNames"]);
  for (std::size_t k = 0; k < output.size(); ++k) {
    if (k < names.size()) output[k].name = names[k];
    table.columns.push_back(output[k]);
  }
  s_.register_dependencies(table);
  s_.tables_[table.name] = std::move(table);
}

void SchemaReplay::create_view(Node stmt) {
  Table table;
  table.name = new_name(range_var_name(stmt["view"]));
  const bool replace = stmt["replace"].boolean();
  if (s_.tables_.count(table.name) && !replace)
    note(stmt, "view " + table.name.str() + " already exists in the model; replaced");
  table.kind = RelationKind::view;
  table.origin = origin_;
  if (stmt["view"]["relpersistence"].str() == "t") table.persistence = Persistence::temporary;
  std::vector<Column> output;
  table.view = read_query(stmt["query"], &output);
  const std::vector<std::string> names = string_list(stmt["aliases"]);
  for (std::size_t k = 0; k < output.size(); ++k) {
    if (k < names.size()) output[k].name = names[k];
    table.columns.push_back(output[k]);
  }
  if (auto it = s_.tables_.find(table.name); it != s_.tables_.end() && replace) table.origin = it->second.origin;
  s_.register_dependencies(table);
  s_.tables_[table.name] = std::move(table);
}

// The relations and columns a query reads. One scope for the whole query: an
// unqualified column is attributed to every relation in the query that has it,
// which over-approximates (safe for dependency questions) only with subqueries.
ViewQuery SchemaReplay::read_query(Node query, std::vector<Column>* output) const {
  ViewQuery out;
  std::set<std::string> cte_names;
  query.walk([&](Node n) {
    if (n.is("CommonTableExpr")) cte_names.insert(std::string(n["ctename"].str()));
  });
  std::map<std::string, QualifiedName> aliases;  // alias or relation name -> table
  std::vector<QualifiedName> in_scope;
  query.walk([&](Node n) {
    if (!n.is("RangeVar")) return;
    const QualifiedName written = range_var_name(n);
    if (!written.qualified() && cte_names.count(written.name)) return;
    const QualifiedName q = s_.qualify(written, search_path_);
    out.tables.insert(q);
    if (std::find(in_scope.begin(), in_scope.end(), q) == in_scope.end()) in_scope.push_back(q);
    const std::string alias(n["alias"]["aliasname"].str());
    aliases[alias.empty() ? written.name : alias] = q;
    if (alias.empty() && written.qualified()) aliases[written.str()] = q;
  });
  const auto columns_of = [&](const QualifiedName& q) -> const std::vector<Column>* {
    auto it = s_.tables_.find(q);
    return it == s_.tables_.end() ? nullptr : &it->second.columns;
  };
  query.walk([&](Node n) {
    if (!n.is("ColumnRef")) return;
    const Node fields = n["fields"];
    const std::size_t count = fields.size();
    if (count == 0) return;
    const Node last = fields.at(count - 1);
    const bool star = last.is("A_Star");
    const std::string column = star ? "*" : std::string(last.str());
    if (count == 1) {
      bool found = false;
      for (const QualifiedName& q : in_scope) {
        const auto* cols = columns_of(q);
        if (!cols) continue;
        for (const Column& c : *cols) {
          if (star || c.name == column) {
            out.columns.insert(ColumnKey{q, c.name});
            found = true;
          }
        }
      }
      if (!found && !star) out.unresolved.push_back(column);
      return;
    }
    std::string qualifier(fields.at(count - 2).str());
    if (count >= 3) qualifier = std::string(fields.at(count - 3).str()) + "." + qualifier;
    auto it = aliases.find(qualifier);
    if (it == aliases.end()) {
      if (!star) out.unresolved.push_back(qualifier + "." + column);
      return;
    }
    if (star) {
      if (const auto* cols = columns_of(it->second))
        for (const Column& c : *cols) out.columns.insert(ColumnKey{it->second, c.name});
    } else {
      out.columns.insert(ColumnKey{it->second, column});
    }
  });

  if (output) {
    // Output columns of the outermost SELECT (the left arm of a set operation).
    Node select = query;
    while (select["larg"]) select = select["larg"];
    for (Node target : select["targetList"]) {
      const Node val = target["val"];
      const std::string name(target["name"].str());
      if (name.empty() && val.is("ColumnRef")) {
        const Node fields = val["fields"];
        const Node last = fields.at(fields.size() - 1);
        if (last.is("A_Star")) {
          std::vector<QualifiedName> sources = in_scope;
          if (fields.size() >= 2) {
            auto it = aliases.find(std::string(fields.at(fields.size() - 2).str()));
            sources = it == aliases.end() ? std::vector<QualifiedName>{} : std::vector<QualifiedName>{it->second};
          }
          for (const QualifiedName& q : sources)
            if (const auto* cols = columns_of(q))
              for (const Column& c : *cols) {
                Column copy;
                copy.name = c.name;
                copy.type = c.type;
                copy.type_info = c.type_info;
                copy.origin = origin_;
                output->push_back(std::move(copy));
              }
          continue;
        }
        Column c;
        c.name = std::string(last.str());
        c.origin = origin_;
        // The output column has the type of the column it passes through, when the model can
        // tell which one that is (ALTER DOMAIN checks a materialized view's columns too).
        std::vector<QualifiedName> sources = in_scope;
        if (fields.size() >= 2) {
          auto it = aliases.find(std::string(fields.at(fields.size() - 2).str()));
          sources = it == aliases.end() ? std::vector<QualifiedName>{} : std::vector<QualifiedName>{it->second};
        }
        const Column* source = nullptr;
        int matches = 0;
        for (const QualifiedName& q : sources)
          if (const auto* cols = columns_of(q))
            for (const Column& col : *cols)
              if (col.name == c.name && ++matches == 1) source = &col;
        if (matches == 1) {
          c.type = source->type;
          c.type_info = source->type_info;
        }
        output->push_back(std::move(c));
        continue;
      }
      Column c;
      c.name = !name.empty() ? name : (val.is("FuncCall") ? expression_column_name(val) : "?column?");
      if (val.is("TypeCast") && name.empty()) c.name = expression_column_name(val);
      c.origin = origin_;
      output->push_back(std::move(c));
    }
  }
  return out;
}

// ---- indexes ----------------------------------------------------------------------

void SchemaReplay::create_index(Node stmt) {
  Index index;
  const Node relation = stmt["relation"];
  index.table = table_name(relation);
  index.unique = stmt["unique"].boolean();
  index.primary = stmt["primary"].boolean();
  index.origin = origin_;
  if (const Node method = stmt["accessMethod"]) index.method = std::string(method.str());
  const std::string_view given_name = stmt["idxname"].str();
  const Node params = stmt["indexParams"];
  index.columns.reserve(params.size());
  index.expressions.reserve(params.size());
  std::vector<std::string> naming;  // what a name chosen for the index is built from
  for (Node elem : params) {
    std::string column(elem["name"].str());
    const Node expr = column.empty() ? elem["expr"] : Node();
    index.expressions.push_back(column.empty() ? expression_sql(expr) : "");
    if (given_name.empty()) naming.push_back(column.empty() ? expression_column_name(expr) : column);
    index.columns.push_back(std::move(column));
  }
  for (Node elem : stmt["indexIncludingParams"]) index.include.emplace_back(elem["name"].str());
  if (const Node where = stmt["whereClause"]) index.predicate_sql = expression_sql(where);
  const Table* table = s_.find_table(index.table, {});

  if (given_name.empty()) {
    std::vector<std::string> unique_names;
    for (const std::string& n : naming) {
      std::string candidate = n;
      for (int i = 1; contains(unique_names, candidate); ++i) candidate = n + std::to_string(i);
      unique_names.push_back(candidate);
    }
    index.name = choose_relation_name(index.table.schema, index.table.name,
                                      index.primary ? "" : name_addition(unique_names), index.primary ? "pkey" : "idx");
  } else {
    index.name = QualifiedName{index.table.schema, std::string(given_name)};
  }
  if (s_.indexes_.count(index.name)) {
    if (!stmt["if_not_exists"].boolean())
      note(stmt, "index " + index.name.str() + " already exists in the model; replaced");
    else
      return;
  }
  if (!table) note(stmt, "index " + index.name.str() + " on " + index.table.str() + ", a table not in the model");
  const bool recurse = relation["inh"].boolean() && table && table->kind == RelationKind::partitioned_table;
  const QualifiedName parent = index.table;
  s_.add_index(std::move(index));
  if (recurse) {
    for (const Table* partition : s_.partitions_of(parent))
      clone_indexes_to_partition(*table, *s_.mutable_table(partition->name));
  }
}

// ---- ALTER TABLE ------------------------------------------------------------------

void SchemaReplay::alter_table(Node stmt) {
  const std::string_view objtype = stmt["objtype"].str();
  if (objtype == "OBJECT_INDEX" || objtype == "OBJECT_SEQUENCE" || objtype == "OBJECT_TYPE") return;
  const QualifiedName name = table_name(stmt["relation"]);
  Table* table = s_.mutable_table(name);
  if (!table) {
    if (!stmt["missing_ok"].boolean())
      note(stmt, "ALTER on " + name.str() + ", a relation not in the model; not replayed");
    return;
  }
  bool first = true;
  for (Node cmd : stmt["cmds"]) {
    if (!first) {
      table = s_.mutable_table(name);  // the command before may have changed the map
      if (!table) return;
    }
    first = false;
    alter_table_command(*table, cmd, stmt);
  }
}

void SchemaReplay::alter_table_command(Table& table, Node cmd, Node stmt) {
  const std::string_view sub = cmd["subtype"].str();
  const std::string col(cmd["name"].str());
  const bool missing_ok = cmd["missing_ok"].boolean();
  const auto column = [&]() -> Column* {
    Column* c = table.column(col);
    if (!c) note(stmt, "column " + col + " of " + table.name.str() + " is not in the model; " + std::string(sub) + " not replayed");
    return c;
  };
  if (sub == "AT_AddColumn") {
    add_column(table, cmd["def"], missing_ok);
  } else if (sub == "AT_DropColumn") {
    if (!table.column(col)) {
      if (!missing_ok) column();
      return;
    }
    drop_column(table, col, cmd["behavior"].str() == "DROP_CASCADE", stmt);
  } else if (sub == "AT_AlterColumnType") {
    if (Column* c = column()) {
      c->type_info = type_info(cmd["def"]["typeName"]);
      c->type_info.serial = false;
      c->type = type_display(c->type_info);
      if (cmd["def"]["collClause"]) c->collation = join_names(cmd["def"]["collClause"]["collname"]);
    }
  } else if (sub == "AT_SetNotNull") {
    if (Column* c = column()) c->not_null = true;
  } else if (sub == "AT_DropNotNull") {
    if (Column* c = column()) c->not_null = false;
  } else if (sub == "AT_ColumnDefault") {
    if (Column* c = column()) {
      const Node def = cmd["def"];
      c->default_sql = def ? expression_sql(def) : "";
      c->has_default = def || c->identity != IdentityKind::none || !c->generated_sql.empty();
    }
  } else if (sub == "AT_DropExpression") {
    if (Column* c = column()) {
      c->generated_sql.clear();
      c->has_default = !c->default_sql.empty() || c->identity != IdentityKind::none;
    }
  } else if (sub == "AT_AddIdentity") {
    if (Column* c = column()) {
      const Node con = cmd["def"];
      c->identity = con["generated_when"].str() == "a" ? IdentityKind::always : IdentityKind::by_default;
      c->has_default = c->not_null = true;
      QualifiedName seq;
      for (Node opt : con["options"])
        if (opt["defname"].str() == "sequence_name") seq = list_name(opt["arg"]);
      make_serial_sequence(table, *c, seq);
    }
  } else if (sub == "AT_SetIdentity") {
    if (Column* c = column())
      for (Node opt : cmd["def"])
        if (opt["defname"].str() == "generated")
          c->identity = opt["arg"].integer() == 'a' ? IdentityKind::always : IdentityKind::by_default;
  } else if (sub == "AT_DropIdentity") {
    Column* c = table.column(col);
    if (!c) {
      if (!missing_ok) column();
      return;
    }
    c->identity = IdentityKind::none;
    c->has_default = !c->default_sql.empty() || !c->generated_sql.empty();
    const ColumnKey key{table.name, col};
    erase_if(s_.sequences_, [&](const auto& e) { return e.second.owned_by == key; });
  } else if (sub == "AT_AddConstraint") {
    const Node con = cmd["def"];
    add_constraint(table, con, con["contype"].str(), "");
  } else if (sub == "AT_ValidateConstraint") {
    if (Constraint* c = table.constraint(col)) c->validated = true;
    else note(stmt, "constraint " + col + " of " + table.name.str() + " is not in the model");
  } else if (sub == "AT_DropConstraint") {
    drop_constraint(table, col, missing_ok, stmt);
  } else if (sub == "AT_AlterConstraint") {
    const Node con = cmd["def"];
    if (Constraint* c = table.constraint(con["conname"].str())) c->deferrable = con["deferrable"].boolean();
  } else if (sub == "AT_SetLogged") {
    table.persistence = Persistence::permanent;
  } else if (sub == "AT_SetUnLogged") {
    table.persistence = Persistence::unlogged;
  } else if (sub == "AT_AttachPartition") {
    const Node part = cmd["def"];
    Table* partition = s_.mutable_table(table_name(part["name"]));
    if (!partition) {
      note(stmt, "partition " + range_var_name(part["name"]).str() + " is not in the model");
      return;
    }
    attach_partition(table, *partition, part["bound"]);
  } else if (sub == "AT_DetachPartition") {
    if (Table* partition = s_.mutable_table(table_name(cmd["def"]["name"]))) {
      partition->partition_of = {};
      partition->partition_bound_sql.clear();
    }
  } else if (sub == "AT_ClusterOn") {
    if (table.kind != RelationKind::partitioned_table) mark_clustered(table.name, col);
  } else if (sub == "AT_DropCluster") {
    mark_clustered(table.name, "");
  } else if (sub == "AT_DetachPartitionFinalize" || sub == "AT_SetStatistics" || sub == "AT_SetOptions" ||
             sub == "AT_ResetOptions" || sub == "AT_SetStorage" || sub == "AT_SetCompression" ||
             sub == "AT_SetAccessMethod" ||
             sub == "AT_SetTableSpace" || sub == "AT_SetRelOptions" || sub == "AT_ResetRelOptions" ||
             sub == "AT_ReplaceRelOptions" || sub.starts_with("AT_EnableTrig") || sub.starts_with("AT_DisableTrig") ||
             sub == "AT_EnableAlwaysTrig" || sub == "AT_EnableReplicaTrig" || sub.starts_with("AT_EnableRule") ||
             sub == "AT_EnableAlwaysRule" || sub == "AT_EnableReplicaRule" || sub == "AT_DisableRule" ||
             sub == "AT_ReplicaIdentity" || sub.ends_with("RowSecurity") || sub == "AT_GenericOptions" ||
             sub == "AT_ChangeOwner" || sub == "AT_AlterColumnGenericOptions" || sub == "AT_AddInherit" ||
             sub == "AT_DropInherit" || sub == "AT_AddOf" || sub == "AT_DropOf" || sub == "AT_DropOids") {
    // Storage, statistics, ownership and triggers' enabled state: not in the model.
  } else {
    note(stmt, "ALTER TABLE " + std::string(sub) + " on " + table.name.str() + " is not modelled");
  }
}

void SchemaReplay::drop_column(Table& table, const std::string& column, bool cascade, Node stmt) {
  const QualifiedName name = table.name;
  const ColumnKey key{name, column};
  std::erase_if(table.columns, [&](const Column& c) { return c.name == column; });
  // Indexes and constraints that use the column go with it (multi-column ones too).
  std::vector<QualifiedName> doomed;
  for (const Index* index : s_.indexes_on(name))
    if (index->uses_column(column)) doomed.push_back(index->name);
  for (const QualifiedName& index : doomed) s_.remove_index(index);
  std::erase_if(table.constraints, [&](const Constraint& c) {
    return contains(c.columns, column) || std::find(doomed.begin(), doomed.end(), c.index) != doomed.end();
  });
  std::erase_if(table.triggers, [&](const Trigger& t) { return contains(t.columns, column); });
  erase_if(s_.sequences_, [&](const auto& e) { return e.second.owned_by == key; });
  for (const QualifiedName& other_name : s_.dependents_of(name)) {
    Table& other = *s_.mutable_table(other_name);
    std::erase_if(other.constraints, [&](const Constraint& c) {
      const bool hit = c.kind == ConstraintKind::foreign_key && c.references == name && contains(c.referenced_columns, column);
      if (hit && !cascade)
        note(stmt, "foreign key " + c.name + " on " + other_name.str() + " references " + name.str() + "." + column +
                       "; PostgreSQL refuses the drop without CASCADE");
      return hit;
    });
  }
  std::vector<QualifiedName> views;
  for (const Table* v : s_.views_reading(name, column)) views.push_back(v->name);
  for (const QualifiedName& v : views) {
    if (!cascade)
      note(stmt, "view " + v.str() + " reads " + name.str() + "." + column +
                     "; PostgreSQL refuses the drop without CASCADE (view dropped in the model)");
    s_.drop_table(v, true);
  }
}

void SchemaReplay::drop_type_dependents(const QualifiedName& type, Node stmt) {
  // Domains based on the type (at any depth) go too, and so does every column of any of them.
  const std::set<QualifiedName> doomed = with_domains_over({type}, s_, search_path_);
  const auto resolved = [&](const TypeInfo& t) { return user_type_name(t, s_, search_path_); };
  std::vector<QualifiedName> views;
  std::vector<ColumnKey> columns;
  for (const auto& [name, table] : s_.tables_)
    for (const Column& col : table.columns)
      if (doomed.count(resolved(col.type_info))) {
        if (table.is_view()) views.push_back(name);
        else columns.push_back({name, col.name});
      }
  for (const ColumnKey& c : columns)
    if (Table* table = s_.mutable_table(c.table)) drop_column(*table, c.column, true, stmt);
  for (const QualifiedName& v : views) s_.drop_table(v, true);
  for (const QualifiedName& name : doomed) {
    s_.enums_.erase(name);
    s_.domains_.erase(name);
  }
}

void SchemaReplay::drop_sequence_defaults(const QualifiedName& sequence) {
  for (auto& [name, table] : s_.tables_)
    for (Column& col : table.columns) {
      const std::optional<QualifiedName> used = nextval_sequence(col.default_sql);
      if (!used || used->name != sequence.name) continue;
      if (used->qualified() ? used->schema != sequence.schema : existing(s_.sequences_, *used) != sequence) continue;
      col.default_sql.clear();
      col.has_default = col.identity != IdentityKind::none || !col.generated_sql.empty();
    }
}

void SchemaReplay::drop_function_triggers(const QualifiedName& function) {
  for (auto& [name, table] : s_.tables_)
    std::erase_if(table.triggers, [&](const Trigger& t) {
      const QualifiedName called = t.function.qualified() ? t.function : existing(s_.functions_, t.function);
      return called == function;
    });
}

void SchemaReplay::drop_constraint(Table& table, const std::string& name, bool missing_ok, Node stmt) {
  const Constraint* c = table.constraint(name);
  if (!c) {
    if (!missing_ok) note(stmt, "constraint " + name + " of " + table.name.str() + " is not in the model");
    return;
  }
  if (!c->index.name.empty()) s_.remove_index(c->index);
  std::erase_if(table.constraints, [&](const Constraint& k) { return k.name == name; });
}

void SchemaReplay::mark_clustered(const QualifiedName& table, const std::string& index) {
  auto by_table = s_.indexes_by_table_.find(table);
  if (by_table == s_.indexes_by_table_.end()) return;
  // The index is named without a schema: it lives in its table's schema.
  for (const auto& [name, unused] : by_table->second) s_.indexes_.at(name).clustered = name.name == index;
}

// CLUSTER t USING i. On a partitioned table the partitioned index is not marked, but each
// leaf partition's index of the same definition is (checked on 15: a later CLUSTER without a
// table reclusters the partitions).
void SchemaReplay::cluster_using(const Table& table, const std::string& index) {
  if (table.kind != RelationKind::partitioned_table) return mark_clustered(table.name, index);
  auto parent = s_.indexes_.find(QualifiedName{table.name.schema, index});
  if (parent == s_.indexes_.end()) return;
  const Index model = parent->second;
  std::vector<const Table*> pending = s_.partitions_of(table.name);
  while (!pending.empty()) {
    const Table* partition = pending.back();
    pending.pop_back();
    if (partition->kind == RelationKind::partitioned_table) {
      for (const Table* child : s_.partitions_of(partition->name)) pending.push_back(child);
      continue;
    }
    for (const Index* own : s_.indexes_on(partition->name))
      if (own->columns == model.columns && own->expressions == model.expressions &&
          own->predicate_sql == model.predicate_sql && own->unique == model.unique)
        mark_clustered(partition->name, own->name.name);
  }
}

// ---- RENAME, SET SCHEMA, DROP -------------------------------------------------------

void Schema::move_table(const QualifiedName& from, const QualifiedName& to) {
  auto node = tables_.extract(from);
  if (node.empty()) return;
  node.key() = to;
  node.mapped().name = to;
  tables_.insert(std::move(node));
  // Its indexes follow it (to its new schema) and keep pointing at it.
  if (auto by_table = indexes_by_table_.extract(from); !by_table.empty()) {
    // Copied first: the keys borrow the index names renamed below.
    std::vector<QualifiedName> index_names;
    for (const auto& [index_name, unused] : by_table.mapped())
      index_names.push_back(QualifiedName{std::string(index_name.schema), std::string(index_name.name)});
    IndexesByName moved;
    for (const QualifiedName& index_name : index_names) {
      auto index = indexes_.extract(index_name);
      if (index.empty()) continue;
      QualifiedName renamed{to.schema, index_name.name};
      index.key() = renamed;
      index.mapped().name = std::move(renamed);
      index.mapped().table = to;
      const auto placed = indexes_.insert(std::move(index));
      moved.emplace(NameRef{placed.position->first}, &placed.position->second);
    }
    indexes_by_table_[to] = std::move(moved);
  }
  for (Constraint& c : tables_.at(to).constraints) {
    if (c.references == from) c.references = to;  // a self-reference
    if (!c.index.name.empty()) c.index.schema = to.schema;
  }
  // Whatever pointed at the old name points at the new one.
  const std::vector<QualifiedName> dependents = dependents_of(from);
  for (Dependents* map : {&referencing_, &readers_, &partitions_}) {
    if (auto entry = map->extract(from); !entry.empty()) (*map)[to].insert(entry.mapped().begin(), entry.mapped().end());
  }
  register_dependencies(tables_.at(to));
  for (const QualifiedName& dependent : dependents) {
    auto found = tables_.find(dependent);
    if (found == tables_.end()) continue;
    Table& table = found->second;
    if (table.partition_of == from) table.partition_of = to;
    for (Constraint& c : table.constraints)
      if (c.references == from) c.references = to;
    if (!table.is_view()) continue;
    if (table.view.tables.erase(from)) table.view.tables.insert(to);
    std::set<ColumnKey> columns;
    for (ColumnKey key : table.view.columns) {
      if (key.table == from) key.table = to;
      columns.insert(std::move(key));
    }
    table.view.columns = std::move(columns);
  }
  for (auto it = sequences_.begin(); it != sequences_.end();) {
    Sequence& seq = it->second;
    if (seq.owned_by && seq.owned_by->table == from) {
      seq.owned_by->table = to;
      if (from.schema != to.schema) {  // owned sequences move with their table
        auto node_seq = sequences_.extract(it++);
        node_seq.key().schema = to.schema;
        node_seq.mapped().name.schema = to.schema;
        sequences_.insert(std::move(node_seq));
        continue;
      }
    }
    ++it;
  }
}

void SchemaReplay::rename_column(Table& table, const std::string& from, const std::string& to) {
  Column* c = table.column(from);
  if (!c) return;
  c->name = to;
  const QualifiedName name = table.name;
  for (const Index* index : s_.indexes_on(name)) {
    Index& mutable_index = s_.indexes_[index->name];
    std::replace(mutable_index.columns.begin(), mutable_index.columns.end(), from, to);
    std::replace(mutable_index.include.begin(), mutable_index.include.end(), from, to);
  }
  for (Constraint& k : table.constraints) std::replace(k.columns.begin(), k.columns.end(), from, to);
  for (Trigger& t : table.triggers) std::replace(t.columns.begin(), t.columns.end(), from, to);
  std::replace(table.partition_key_columns.begin(), table.partition_key_columns.end(), from, to);
  for (const QualifiedName& other_name : s_.dependents_of(name)) {
    Table& other = *s_.mutable_table(other_name);
    for (Constraint& k : other.constraints)
      if (k.kind == ConstraintKind::foreign_key && k.references == name)
        std::replace(k.referenced_columns.begin(), k.referenced_columns.end(), from, to);
    if (other.is_view() && other.view.columns.erase(ColumnKey{name, from})) other.view.columns.insert(ColumnKey{name, to});
  }
  for (auto& [seq_name, seq] : s_.sequences_)
    if (seq.owned_by && *seq.owned_by == ColumnKey{name, from}) seq.owned_by->column = to;
}

void SchemaReplay::rename(Node stmt) {
  const std::string_view type = stmt["renameType"].str();
  const std::string to(stmt["newname"].str());
  const bool missing_ok = stmt["missing_ok"].boolean();
  const auto missing = [&](const std::string& what) {
    if (!missing_ok) note(stmt, what + " is not in the model; rename not replayed");
  };
  if (type == "OBJECT_TABLE" || type == "OBJECT_VIEW" || type == "OBJECT_MATVIEW" || type == "OBJECT_FOREIGN_TABLE") {
    const QualifiedName from = table_name(stmt["relation"]);
    if (!s_.tables_.count(from)) return missing("relation " + from.str());
    s_.move_table(from, QualifiedName{from.schema, to});
  } else if (type == "OBJECT_COLUMN") {
    const QualifiedName name = table_name(stmt["relation"]);
    Table* table = s_.mutable_table(name);
    const std::string from(stmt["subname"].str());
    if (!table || !table->column(from)) return missing("column " + name.str() + "." + from);
    rename_column(*table, from, to);
  } else if (type == "OBJECT_INDEX") {
    const QualifiedName from = index_name(range_var_name(stmt["relation"]));
    if (!s_.indexes_.count(from)) {
      // ALTER INDEX also renames other relations.
      const QualifiedName rel = table_name(stmt["relation"]);
      if (s_.tables_.count(rel)) return s_.move_table(rel, QualifiedName{rel.schema, to});
      return missing("index " + from.str());
    }
    s_.rename_index(from, to);
  } else if (type == "OBJECT_TABCONSTRAINT") {
    const QualifiedName name = table_name(stmt["relation"]);
    Table* table = s_.mutable_table(name);
    const std::string from(stmt["subname"].str());
    Constraint* c = table ? table->constraint(from) : nullptr;
    if (!c) return missing("constraint " + from + " of " + name.str());
    if (!c->index.name.empty()) {
      s_.rename_index(c->index, to);  // renames the constraint too
    } else {
      c->name = to;
    }
  } else if (type == "OBJECT_SEQUENCE") {
    const QualifiedName from = sequence_name(range_var_name(stmt["relation"]));
    auto node = s_.sequences_.extract(from);
    if (node.empty()) return missing("sequence " + from.str());
    node.key().name = to;
    node.mapped().name.name = to;
    s_.sequences_.insert(std::move(node));
  } else if (type == "OBJECT_TYPE" || type == "OBJECT_DOMAIN") {
    const QualifiedName from = type_key(list_name(stmt["object"]));
    if (auto node = s_.enums_.extract(from); !node.empty()) {
      node.key().name = to;
      node.mapped().name.name = to;
      s_.enums_.insert(std::move(node));
    } else if (auto dnode = s_.domains_.extract(from); !dnode.empty()) {
      dnode.key().name = to;
      dnode.mapped().name.name = to;
      s_.domains_.insert(std::move(dnode));
    } else {
      return;  // composite and range types are not modelled
    }
  } else if (type == "OBJECT_SCHEMA") {
    const std::string from(stmt["subname"].str());
    note(stmt, "schema " + from + " renamed to " + to + "; objects in it keep their old schema in the model");
  } else if (type == "OBJECT_TRIGGER") {
    Table* table = s_.mutable_table(table_name(stmt["relation"]));
    if (!table) return;
    for (Trigger& t : table->triggers)
      if (t.name == stmt["subname"].str()) t.name = to;
  } else if (type == "OBJECT_FUNCTION" || type == "OBJECT_PROCEDURE" || type == "OBJECT_ROUTINE") {
    const QualifiedName from = existing(s_.functions_, list_name(stmt["object"]["objname"]));
    auto node = s_.functions_.extract(from);
    if (node.empty()) return;
    node.key().name = to;
    for (Function& f : node.mapped()) f.name.name = to;
    auto& target = s_.functions_[node.key()];
    for (Function& f : node.mapped()) target.push_back(std::move(f));
  } else if (type == "OBJECT_DOMCONSTRAINT") {
    auto it = s_.domains_.find(type_key(list_name(stmt["object"])));
    if (it != s_.domains_.end())
      for (Constraint& c : it->second.checks)
        if (c.name == stmt["subname"].str()) c.name = to;
  }
}

void SchemaReplay::set_schema(Node stmt) {
  const std::string_view type = stmt["objectType"].str();
  const std::string to_schema(stmt["newschema"].str());
  if (type == "OBJECT_TABLE" || type == "OBJECT_VIEW" || type == "OBJECT_MATVIEW" || type == "OBJECT_FOREIGN_TABLE") {
    const QualifiedName from = table_name(stmt["relation"]);
    if (!s_.tables_.count(from)) {
      if (!stmt["missing_ok"].boolean()) note(stmt, "relation " + from.str() + " is not in the model");
      return;
    }
    s_.move_table(from, QualifiedName{to_schema, from.name});
  } else if (type == "OBJECT_SEQUENCE") {
    auto node = s_.sequences_.extract(sequence_name(range_var_name(stmt["relation"])));
    if (node.empty()) return;
    node.key().schema = to_schema;
    node.mapped().name.schema = to_schema;
    s_.sequences_.insert(std::move(node));
  } else if (type == "OBJECT_TYPE" || type == "OBJECT_DOMAIN") {
    const QualifiedName from = type_key(list_name(stmt["object"]));
    if (auto node = s_.enums_.extract(from); !node.empty()) {
      node.key().schema = to_schema;
      node.mapped().name.schema = to_schema;
      s_.enums_.insert(std::move(node));
    } else if (auto dnode = s_.domains_.extract(from); !dnode.empty()) {
      dnode.key().schema = to_schema;
      dnode.mapped().name.schema = to_schema;
      s_.domains_.insert(std::move(dnode));
    }
  } else if (type == "OBJECT_FUNCTION" || type == "OBJECT_PROCEDURE") {
    auto node = s_.functions_.extract(existing(s_.functions_, list_name(stmt["object"]["objname"])));
    if (node.empty()) return;
    node.key().schema = to_schema;
    for (Function& f : node.mapped()) f.name.schema = to_schema;
    auto& target = s_.functions_[node.key()];
    for (Function& f : node.mapped()) target.push_back(std::move(f));
  }
}

void Schema::drop_table(const QualifiedName& qualified, bool cascade) {
  auto it = tables_.find(qualified);
  if (it == tables_.end()) return;
  const bool partitioned = it->second.kind == RelationKind::partitioned_table;
  tables_.erase(it);
  if (auto by_table = indexes_by_table_.extract(qualified); !by_table.empty())
    for (const auto& [index, unused] : by_table.mapped()) indexes_.erase(index);
  erase_if(sequences_, [&](const auto& e) { return e.second.owned_by && e.second.owned_by->table == qualified; });
  std::vector<QualifiedName> dependents;
  for (const QualifiedName& name : dependents_of(qualified)) {
    Table& table = tables_.at(name);
    // Foreign keys into the dropped table go (CASCADE drops them; without it PostgreSQL refuses).
    std::erase_if(table.constraints, [&](const Constraint& c) {
      return c.kind == ConstraintKind::foreign_key && c.references == qualified;
    });
    if (partitioned && table.partition_of == qualified) dependents.push_back(name);
    if (cascade && table.is_view() && table.view.tables.count(qualified)) dependents.push_back(name);
  }
  for (const QualifiedName& d : dependents) drop_table(d, cascade);
}

void SchemaReplay::drop(Node stmt) {
  const std::string_view type = stmt["removeType"].str();
  const bool cascade = stmt["behavior"].str() == "DROP_CASCADE";
  const bool missing_ok = stmt["missing_ok"].boolean();
  for (Node object : stmt["objects"]) {
    if (type == "OBJECT_TABLE" || type == "OBJECT_VIEW" || type == "OBJECT_MATVIEW" || type == "OBJECT_FOREIGN_TABLE") {
      const QualifiedName name = s_.qualify(list_name(object["items"].valid() ? object["items"] : object), search_path_);
      if (!s_.tables_.count(name)) {
        if (!missing_ok) note(stmt, "relation " + name.str() + " is not in the model");
        continue;
      }
      if (!cascade) {
        for (const Table* v : s_.views_reading(name))
          note(stmt, "view " + v->name.str() + " reads " + name.str() +
                         "; PostgreSQL refuses the drop without CASCADE (the view stays in the model)");
        for (const auto& [t, c] : s_.foreign_keys_referencing(name))
          if (t->name != name)
            note(stmt, "foreign key " + c->name + " on " + t->name.str() + " references " + name.str() +
                           "; PostgreSQL refuses the drop without CASCADE");
      }
      s_.drop_table(name, cascade);
    } else if (type == "OBJECT_INDEX") {
      const QualifiedName name = index_name(list_name(object["items"].valid() ? object["items"] : object));
      if (!s_.indexes_.count(name)) {
        if (!missing_ok) note(stmt, "index " + name.str() + " is not in the model");
        continue;
      }
      s_.remove_index(name);
    } else if (type == "OBJECT_SEQUENCE") {
      const QualifiedName name = sequence_name(list_name(object["items"].valid() ? object["items"] : object));
      if (cascade) drop_sequence_defaults(name);
      s_.sequences_.erase(name);
    } else if (type == "OBJECT_TYPE" || type == "OBJECT_DOMAIN") {
      const QualifiedName name = type_key(list_name(object["names"]));
      if (cascade) drop_type_dependents(name, stmt);
      s_.enums_.erase(name);
      s_.domains_.erase(name);
    } else if (type == "OBJECT_SCHEMA") {
      const std::string schema(object.str());
      if (!s_.schemas_.count(schema) && !missing_ok) note(stmt, "schema " + schema + " is not in the model");
      s_.schemas_.erase(schema);
      std::vector<QualifiedName> tables;
      for (const auto& [name, t] : s_.tables_)
        if (name.schema == schema) tables.push_back(name);
      for (const QualifiedName& t : tables) s_.drop_table(t, true);
      const auto in_schema = [&](const auto& e) { return e.first.schema == schema; };
      std::erase_if(s_.enums_, in_schema);
      std::erase_if(s_.domains_, in_schema);
      erase_if(s_.sequences_, in_schema);
      std::erase_if(s_.functions_, in_schema);
      std::vector<QualifiedName> indexes;
      for (const auto& [name, index] : s_.indexes_)
        if (name.schema == schema) indexes.push_back(name);
      for (const QualifiedName& i : indexes) s_.remove_index(i);
    } else if (type == "OBJECT_FUNCTION" || type == "OBJECT_PROCEDURE" || type == "OBJECT_ROUTINE") {
      const QualifiedName name = existing(s_.functions_, list_name(object["objname"]));
      auto it = s_.functions_.find(name);
      if (it == s_.functions_.end()) continue;
      // Trigger functions take no arguments: CASCADE drops the triggers that call one.
      if (cascade && (object["args_unspecified"].boolean() || !object["objargs"] || object["objargs"].size() == 0))
        drop_function_triggers(name);
      if (object["args_unspecified"].boolean() || !object["objargs"]) {
        s_.functions_.erase(it);
        continue;
      }
      std::vector<std::string> args;
      for (Node arg : object["objargs"]) args.push_back(type_display(type_info(arg)));
      std::erase_if(it->second, [&](const Function& f) { return f.argument_types == args; });
      if (it->second.empty()) s_.functions_.erase(it);
    } else if (type == "OBJECT_TRIGGER") {
      const Node items = object["items"];
      const std::size_t n = items.size();
      if (n < 2) continue;
      QualifiedName table{n >= 3 ? std::string(items.at(n - 3).str()) : "", std::string(items.at(n - 2).str())};
      if (Table* t = s_.mutable_table(s_.qualify(table, search_path_))) {
        const std::string trigger(items.at(n - 1).str());
        std::erase_if(t->triggers, [&](const Trigger& tr) { return tr.name == trigger; });
      }
    }
  }
}

// ---- enums, domains, sequences, functions, triggers -----------------------------------

void SchemaReplay::create_enum(Node stmt) {
  EnumType e;
  e.name = new_name(list_name(stmt["typeName"]));
  e.values = string_list(stmt["vals"]);
  e.origin = origin_;
  s_.enums_[e.name] = std::move(e);
}

void SchemaReplay::alter_enum(Node stmt) {
  auto it = s_.enums_.find(type_key(list_name(stmt["typeName"])));
  if (it == s_.enums_.end()) {
    note(stmt, "enum type " + list_name(stmt["typeName"]).str() + " is not in the model");
    return;
  }
  std::vector<std::string>& values = it->second.values;
  const std::string new_value(stmt["newVal"].str());
  if (stmt["oldVal"]) {
    std::replace(values.begin(), values.end(), std::string(stmt["oldVal"].str()), new_value);
    return;
  }
  if (contains(values, new_value)) {
    if (!stmt["skipIfNewValExists"].boolean()) note(stmt, "enum value " + new_value + " already exists");
    return;
  }
  const std::string neighbor(stmt["newValNeighbor"].str());
  auto at = std::find(values.begin(), values.end(), neighbor);
  if (neighbor.empty() || at == values.end()) {
    values.push_back(new_value);
  } else {
    values.insert(stmt["newValIsAfter"].boolean() ? at + 1 : at, new_value);
  }
}

void SchemaReplay::create_domain(Node stmt) {
  Domain d;
  d.name = new_name(list_name(stmt["domainname"]));
  d.base = type_info(stmt["typeName"]);
  d.base_type = type_display(d.base);
  d.origin = origin_;
  for (Node con : stmt["constraints"]) {
    const std::string_view contype = con["contype"].str();
    if (contype == "CONSTR_NOTNULL") d.not_null = true;
    else if (contype == "CONSTR_NULL") d.not_null = false;
    else if (contype == "CONSTR_DEFAULT") d.default_sql = expression_sql(con["raw_expr"]);
    else if (contype == "CONSTR_CHECK") {
      Constraint c;
      c.kind = ConstraintKind::check;
      c.expression_sql = expression_sql(con["raw_expr"]);
      c.name = con["conname"] ? std::string(con["conname"].str()) : d.name.name + "_check";
      c.validated = !con["skip_validation"].boolean();
      c.origin = origin_;
      d.checks.push_back(std::move(c));
    }
  }
  s_.domains_[d.name] = std::move(d);
}

void SchemaReplay::alter_domain(Node stmt) {
  auto it = s_.domains_.find(type_key(list_name(stmt["typeName"])));
  if (it == s_.domains_.end()) {
    if (!stmt["missing_ok"].boolean()) note(stmt, "domain " + list_name(stmt["typeName"]).str() + " is not in the model");
    return;
  }
  Domain& d = it->second;
  const std::string_view sub = stmt["subtype"].str();
  const std::string name(stmt["name"].str());
  if (sub == "T") {
    d.default_sql = expression_sql(stmt["def"]);
  } else if (sub == "N") {
    d.not_null = false;
  } else if (sub == "O") {
    d.not_null = true;
  } else if (sub == "C") {
    const Node con = stmt["def"];
    if (con["contype"].str() == "CONSTR_NOTNULL") {
      d.not_null = true;
      return;
    }
    Constraint c;
    c.kind = ConstraintKind::check;
    c.expression_sql = expression_sql(con["raw_expr"]);
    c.name = con["conname"] ? std::string(con["conname"].str()) : d.name.name + "_check";
    for (int pass = 1; std::any_of(d.checks.begin(), d.checks.end(), [&](const Constraint& k) { return k.name == c.name; });
         ++pass)
      c.name = d.name.name + "_check" + std::to_string(pass);
    c.validated = !con["skip_validation"].boolean();
    c.origin = origin_;
    d.checks.push_back(std::move(c));
  } else if (sub == "X") {
    std::erase_if(d.checks, [&](const Constraint& c) { return c.name == name; });
  } else if (sub == "V") {
    for (Constraint& c : d.checks)
      if (c.name == name) c.validated = true;
  }
}

void SchemaReplay::set_sequence_owner(Sequence& seq, Node owned_by) {
  const Node items = owned_by["items"].valid() ? owned_by["items"] : owned_by;
  const std::size_t n = items.size();
  if (n == 1 && lower(items.at(0).str()) == "none") {
    seq.owned_by.reset();
    return;
  }
  if (n < 2) return;
  QualifiedName table{n >= 3 ? std::string(items.at(n - 3).str()) : "", std::string(items.at(n - 2).str())};
  seq.owned_by = ColumnKey{s_.qualify(table, search_path_), std::string(items.at(n - 1).str())};
}

void SchemaReplay::create_sequence(Node stmt) {
  Sequence seq;
  seq.name = new_name(range_var_name(stmt["sequence"]));
  if (s_.sequences_.count(seq.name) && stmt["if_not_exists"].boolean()) return;
  seq.origin = origin_;
  for (Node opt : stmt["options"]) {
    const std::string_view name = opt["defname"].str();
    if (name == "as") seq.type = type_info(opt["arg"]).name;
    else if (name == "owned_by") set_sequence_owner(seq, opt["arg"]);
  }
  s_.sequences_[seq.name] = std::move(seq);
}

void SchemaReplay::alter_sequence(Node stmt) {
  auto it = s_.sequences_.find(sequence_name(range_var_name(stmt["sequence"])));
  if (it == s_.sequences_.end()) {
    if (!stmt["missing_ok"].boolean())
      note(stmt, "sequence " + range_var_name(stmt["sequence"]).str() + " is not in the model");
    return;
  }
  for (Node opt : stmt["options"]) {
    const std::string_view name = opt["defname"].str();
    if (name == "as") it->second.type = type_info(opt["arg"]).name;
    else if (name == "owned_by") set_sequence_owner(it->second, opt["arg"]);
  }
}

void SchemaReplay::create_function(Node stmt) {
  Function f;
  f.name = new_name(list_name(stmt["funcname"]));
  f.procedure = stmt["is_procedure"].boolean();
  f.origin = origin_;
  for (Node param : stmt["parameters"]) {
    const std::string_view mode = param["mode"].str();
    if (mode == "FUNC_PARAM_OUT" || mode == "FUNC_PARAM_TABLE") continue;
    f.argument_types.push_back(type_display(type_info(param["argType"])));
  }
  if (stmt["returnType"]) f.returns = type_display(type_info(stmt["returnType"]));
  std::string body;
  for (Node opt : stmt["options"]) {
    const std::string_view name = opt["defname"].str();
    if (name == "volatility") {
      const std::string_view v = opt["arg"].str();
      f.volatility = v == "immutable" ? Volatility::immutable : v == "stable" ? Volatility::stable : Volatility::volatile_;
    } else if (name == "language") {
      f.language = std::string(opt["arg"].str());
    } else if (name == "as") {
      for (Node part : opt["arg"]["items"]) body += std::string(part.str()) + "\n";
      if (opt["arg"].str().size()) body += opt["arg"].str();
    }
  }
  f.body_changes_schema = body_changes_schema(body);
  auto& overloads = s_.functions_[f.name];
  const std::string key = function_signature_key(f.argument_types);
  std::erase_if(overloads, [&](const Function& g) { return function_signature_key(g.argument_types) == key; });
  overloads.push_back(std::move(f));
}

void SchemaReplay::alter_function(Node stmt) {
  auto it = s_.functions_.find(existing(s_.functions_, list_name(stmt["func"]["objname"])));
  if (it == s_.functions_.end()) return;
  std::vector<std::string> args;
  for (Node arg : stmt["func"]["objargs"]) args.push_back(type_display(type_info(arg)));
  for (Node action : stmt["actions"]) {
    if (action["defname"].str() != "volatility") continue;
    const std::string_view v = action["arg"].str();
    const Volatility volatility =
        v == "immutable" ? Volatility::immutable : v == "stable" ? Volatility::stable : Volatility::volatile_;
    for (Function& f : it->second)
      if (stmt["func"]["args_unspecified"].boolean() || f.argument_types == args) f.volatility = volatility;
  }
}

void SchemaReplay::create_trigger(Node stmt) {
  Table* table = s_.mutable_table(table_name(stmt["relation"]));
  if (!table) {
    note(stmt, "trigger on " + range_var_name(stmt["relation"]).str() + ", a relation not in the model");
    return;
  }
  Trigger t;
  t.name = std::string(stmt["trigname"].str());
  t.function = list_name(stmt["funcname"]);
  const std::int64_t timing = stmt["timing"].integer();  // TRIGGER_TYPE_BEFORE 2, INSTEAD 64
  t.timing = (timing & 2) ? "BEFORE" : (timing & 64) ? "INSTEAD OF" : "AFTER";
  const std::int64_t events = stmt["events"].integer();  // INSERT 4, DELETE 8, UPDATE 16, TRUNCATE 32
  if (events & 4) t.events.push_back("INSERT");
  if (events & 16) t.events.push_back("UPDATE");
  if (events & 8) t.events.push_back("DELETE");
  if (events & 32) t.events.push_back("TRUNCATE");
  t.columns = string_list(stmt["columns"]);
  t.for_each_row = stmt["row"].boolean();
  t.origin = origin_;
  const bool replace = stmt["replace"].boolean();
  auto existing_trigger = std::find_if(table->triggers.begin(), table->triggers.end(),
                                       [&](const Trigger& k) { return k.name == t.name; });
  if (existing_trigger != table->triggers.end()) {
    if (!replace) note(stmt, "trigger " + t.name + " already exists on " + table->name.str() + "; replaced");
    *existing_trigger = std::move(t);
  } else {
    table->triggers.push_back(std::move(t));
  }
}

// SELECT f() or CALL p() of a user function whose body runs DDL.
void SchemaReplay::note_schema_changing_calls(Node stmt) {
  std::set<std::string> noted;
  stmt.walk([&](Node n) {
    if (!n.is("FuncCall")) return;
    const QualifiedName name = list_name(n["funcname"]);
    for (const Function* f : s_.find_functions(name, search_path_)) {
      if (f->body_changes_schema && noted.insert(f->name.str()).second)
        note(stmt, std::string(f->procedure ? "procedure " : "function ") + f->name.str() +
                       " runs DDL or dynamic SQL; the model does not follow it");
    }
  });
}

}  // namespace analyzer
