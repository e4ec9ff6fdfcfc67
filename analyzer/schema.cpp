#include "analyzer/schema.h"

#include <algorithm>

namespace analyzer {

using sqlparse::Node;

const Column* Table::column(std::string_view column_name) const {
  for (const Column& c : columns)
    if (c.name == column_name) return &c;
  return nullptr;
}

Column* Table::column(std::string_view column_name) {
  for (Column& c : columns)
    if (c.name == column_name) return &c;
  return nullptr;
}

std::string type_name(Node tn) {
  std::string out;
  const Node names = tn["names"];
  if (names.size() > 0) out = std::string(names.at(names.size() - 1).str());
  const Node mods = tn["typmods"];
  if (mods.size() > 0) {
    out += '(';
    bool first = true;
    for (Node m : mods) {
      if (!first) out += ',';
      first = false;
      out += std::to_string(m.integer());
    }
    out += ')';
  }
  for (std::size_t k = 0; k < tn["arrayBounds"].size(); ++k) out += "[]";
  return out;
}

const Table* Schema::find_table(const QualifiedName& name, const std::vector<std::string>& search_path) const {
  if (name.qualified()) {
    auto it = tables_.find(name);
    return it == tables_.end() ? nullptr : &it->second;
  }
  for (const std::string& schema : search_path) {
    auto it = tables_.find(QualifiedName{schema, name.name});
    if (it != tables_.end()) return &it->second;
  }
  return nullptr;
}

QualifiedName Schema::qualify(const QualifiedName& name, const std::vector<std::string>& search_path) const {
  if (name.qualified()) return name;
  if (const Table* t = find_table(name, search_path)) return t->name;
  return QualifiedName{search_path.empty() ? "public" : search_path.front(), name.name};
}

Table* Schema::mutable_table(const QualifiedName& qualified) {
  auto it = tables_.find(qualified);
  return it == tables_.end() ? nullptr : &it->second;
}

bool Schema::is_key_column(const QualifiedName& table, std::string_view column) const {
  for (const auto& [name, index] : indexes_)
    if (index.table == table && !index.columns.empty() && index.columns.front() == column) return true;
  const auto pk = primary_key(table);
  return std::find(pk.begin(), pk.end(), column) != pk.end();
}

std::vector<std::string> Schema::primary_key(const QualifiedName& table) const {
  for (const auto& [name, index] : indexes_)
    if (index.table == table && index.primary) return index.columns;
  return {};
}

void Schema::add_index(Index index) { indexes_[index.name] = std::move(index); }

void Schema::drop_table(const QualifiedName& qualified) {
  tables_.erase(qualified);
  std::erase_if(indexes_, [&](const auto& entry) { return entry.second.table == qualified; });
}

namespace {

std::vector<std::string> string_list(Node list) {
  std::vector<std::string> out;
  for (Node n : list) out.emplace_back(n.str());
  return out;
}

// Default index names as PostgreSQL derives them (good enough to find them again).
QualifiedName implied_index_name(const QualifiedName& table, const std::vector<std::string>& columns,
                                 std::string_view suffix) {
  std::string name = table.name;
  if (suffix == "pkey") return QualifiedName{table.schema, name + "_pkey"};
  for (const auto& c : columns) name += "_" + c;
  return QualifiedName{table.schema, name + "_" + std::string(suffix)};
}

}  // namespace

void Schema::apply(const sqlparse::Statement& st, const Origin& origin,
                   const std::vector<std::string>& search_path) {
  const Node stmt = st.tree;
  const std::string_view kind = stmt.kind();
  const auto qualified = [&](Node range_var) { return qualify(range_var_name(range_var), search_path); };

  // A constraint that creates an index: PRIMARY KEY or UNIQUE.
  const auto constraint_index = [&](const QualifiedName& table, Node con, const std::vector<std::string>& cols) {
    const std::string_view contype = con["contype"].str();
    if (contype != "CONSTR_PRIMARY" && contype != "CONSTR_UNIQUE") return;
    const bool primary = contype == "CONSTR_PRIMARY";
    Index index;
    index.table = table;
    index.columns = cols;
    index.unique = true;
    index.primary = primary;
    index.origin = origin;
    const std::string_view explicit_name = con["conname"].str();
    index.name = explicit_name.empty() ? implied_index_name(table, cols, primary ? "pkey" : "key")
                                       : QualifiedName{table.schema, std::string(explicit_name)};
    if (!con["indexname"].str().empty()) index.name = QualifiedName{table.schema, std::string(con["indexname"].str())};
    add_index(std::move(index));
  };

  const auto add_column = [&](Table& table, Node def) {
    Column col;
    col.name = std::string(def["colname"].str());
    col.type = type_name(def["typeName"]);
    col.origin = origin;
    for (Node con : def["constraints"]) {
      const std::string_view contype = con["contype"].str();
      if (contype == "CONSTR_NOTNULL" || contype == "CONSTR_PRIMARY") col.not_null = true;
      if (contype == "CONSTR_DEFAULT" || contype == "CONSTR_IDENTITY" || contype == "CONSTR_GENERATED")
        col.has_default = true;
      constraint_index(table.name, con, {col.name});
    }
    if (col.type == "serial" || col.type == "bigserial" || col.type == "smallserial" ||
        col.type == "serial4" || col.type == "serial8" || col.type == "serial2") {
      col.has_default = true;
      col.not_null = true;
    }
    if (Column* existing = table.column(col.name)) *existing = col;
    else table.columns.push_back(std::move(col));
  };

  if (kind == "CreateStmt") {
    Table table;
    table.name = qualified(stmt["relation"]);
    if (tables_.count(table.name) && stmt["if_not_exists"].boolean()) return;
    table.kind = stmt["partspec"] ? RelationKind::partitioned_table : RelationKind::table;
    table.origin = origin;
    for (Node elt : stmt["tableElts"]) {
      if (elt.is("ColumnDef")) add_column(table, elt);
      else if (elt.is("Constraint")) constraint_index(table.name, elt, string_list(elt["keys"]));
    }
    tables_[table.name] = std::move(table);
  } else if (kind == "CreateTableAsStmt") {
    Table table;
    table.name = qualified(stmt["into"]["rel"]);
    table.kind = stmt["objtype"].str() == "OBJECT_MATVIEW" ? RelationKind::materialized_view : RelationKind::table;
    table.origin = origin;
    for (Node col : stmt["into"]["colNames"]) table.columns.push_back(Column{std::string(col.str()), "", false, false, origin});
    if (!tables_.count(table.name)) tables_[table.name] = std::move(table);
  } else if (kind == "ViewStmt") {
    Table table;
    table.name = qualified(stmt["view"]);
    table.kind = RelationKind::view;
    table.origin = origin;
    tables_[table.name] = std::move(table);
  } else if (kind == "CreateForeignTableStmt") {
    Table table;
    table.name = qualified(stmt["base"]["relation"]);
    table.kind = RelationKind::foreign_table;
    table.origin = origin;
    tables_[table.name] = std::move(table);
  } else if (kind == "CreateSchemaStmt") {
    schemas_.insert(std::string(stmt["schemaname"].str()));
  } else if (kind == "IndexStmt") {
    Index index;
    index.table = qualified(stmt["relation"]);
    for (Node elem : stmt["indexParams"]) index.columns.emplace_back(elem["name"].str());
    index.unique = stmt["unique"].boolean();
    index.primary = stmt["primary"].boolean();
    index.origin = origin;
    std::string name(stmt["idxname"].str());
    if (name.empty()) {
      name = index.table.name;
      for (const auto& c : index.columns) name += "_" + (c.empty() ? std::string("expr") : c);
      name += "_idx";
    }
    index.name = QualifiedName{index.table.schema, name};
    if (indexes_.count(index.name) && stmt["if_not_exists"].boolean()) return;
    add_index(std::move(index));
  } else if (kind == "AlterTableStmt") {
    const QualifiedName name = qualified(stmt["relation"]);
    Table* table = mutable_table(name);
    if (!table) return;  // unknown relation: nothing to record
    for (Node cmd : stmt["cmds"]) {
      const std::string_view sub = cmd["subtype"].str();
      const std::string col(cmd["name"].str());
      if (sub == "AT_AddColumn") {
        add_column(*table, cmd["def"]);
      } else if (sub == "AT_DropColumn") {
        std::erase_if(table->columns, [&](const Column& c) { return c.name == col; });
        std::erase_if(indexes_, [&](const auto& e) {
          const auto& cols = e.second.columns;
          return e.second.table == name && std::find(cols.begin(), cols.end(), col) != cols.end();
        });
      } else if (sub == "AT_AlterColumnType") {
        if (Column* c = table->column(col)) c->type = type_name(cmd["def"]["typeName"]);
      } else if (sub == "AT_SetNotNull") {
        if (Column* c = table->column(col)) c->not_null = true;
      } else if (sub == "AT_DropNotNull") {
        if (Column* c = table->column(col)) c->not_null = false;
      } else if (sub == "AT_ColumnDefault") {
        if (Column* c = table->column(col)) c->has_default = static_cast<bool>(cmd["def"]);
      } else if (sub == "AT_AddConstraint") {
        const Node con = cmd["def"];
        constraint_index(name, con, string_list(con["keys"]));
        if (con["contype"].str() == "CONSTR_PRIMARY")
          for (Node key : con["keys"])
            if (Column* c = table->column(key.str())) c->not_null = true;
      } else if (sub == "AT_DropConstraint") {
        indexes_.erase(QualifiedName{name.schema, col});
      }
    }
  } else if (kind == "RenameStmt") {
    const std::string_view type = stmt["renameType"].str();
    const std::string new_name(stmt["newname"].str());
    if (type == "OBJECT_TABLE" || type == "OBJECT_VIEW" || type == "OBJECT_MATVIEW" || type == "OBJECT_FOREIGN_TABLE") {
      const QualifiedName old_name = qualified(stmt["relation"]);
      auto node = tables_.extract(old_name);
      if (node.empty()) return;
      const QualifiedName renamed{old_name.schema, new_name};
      node.key() = renamed;
      node.mapped().name = renamed;
      tables_.insert(std::move(node));
      for (auto& [key, index] : indexes_)
        if (index.table == old_name) index.table = renamed;
    } else if (type == "OBJECT_COLUMN") {
      const QualifiedName table_name = qualified(stmt["relation"]);
      if (Table* table = mutable_table(table_name)) {
        const std::string old_col(stmt["subname"].str());
        if (Column* c = table->column(old_col)) c->name = new_name;
        for (auto& [key, index] : indexes_)
          if (index.table == table_name) std::replace(index.columns.begin(), index.columns.end(), old_col, new_name);
      }
    } else if (type == "OBJECT_INDEX") {
      const QualifiedName rv = range_var_name(stmt["relation"]);
      for (auto it = indexes_.begin(); it != indexes_.end(); ++it) {
        if (it->first.name == rv.name && (!rv.qualified() || it->first.schema == rv.schema)) {
          Index index = it->second;
          indexes_.erase(it);
          index.name.name = new_name;
          add_index(std::move(index));
          break;
        }
      }
    }
  } else if (kind == "AlterObjectSchemaStmt") {
    if (stmt["objectType"].str() != "OBJECT_TABLE") return;
    const QualifiedName old_name = qualified(stmt["relation"]);
    auto node = tables_.extract(old_name);
    if (node.empty()) return;
    const QualifiedName moved{std::string(stmt["newschema"].str()), old_name.name};
    node.key() = moved;
    node.mapped().name = moved;
    tables_.insert(std::move(node));
  } else if (kind == "DropStmt") {
    const std::string_view type = stmt["removeType"].str();
    for (Node object : stmt["objects"]) {
      const QualifiedName name = list_name(object["items"].valid() ? object["items"] : object);
      if (type == "OBJECT_TABLE" || type == "OBJECT_VIEW" || type == "OBJECT_MATVIEW" || type == "OBJECT_FOREIGN_TABLE") {
        drop_table(qualify(name, search_path));
      } else if (type == "OBJECT_INDEX") {
        for (auto it = indexes_.begin(); it != indexes_.end(); ++it) {
          if (it->first.name == name.name && (!name.qualified() || it->first.schema == name.schema)) {
            indexes_.erase(it);
            break;
          }
        }
      } else if (type == "OBJECT_SCHEMA") {
        const std::string schema(object.str());
        schemas_.erase(schema);
        std::erase_if(tables_, [&](const auto& e) { return e.first.schema == schema; });
        std::erase_if(indexes_, [&](const auto& e) { return e.first.schema == schema; });
      }
    }
  }
}

}  // namespace analyzer
