#include "analyzer/schema_print.h"

#include <nlohmann/json.hpp>

namespace analyzer {

namespace {

using nlohmann::ordered_json;

std::string defined_at(const Origin& o) {
  if (o.path.empty()) return "";
  return o.path + ":" + std::to_string(o.line);
}

std::string join(const std::vector<std::string>& items, std::string_view separator = ", ") {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

ordered_json nullable(const std::string& s) { return s.empty() ? ordered_json(nullptr) : ordered_json(s); }

std::string identity_name(IdentityKind k) {
  return k == IdentityKind::always ? "always" : k == IdentityKind::by_default ? "by_default" : "";
}

std::vector<std::string> index_keys(const Index& index) {
  std::vector<std::string> keys;
  for (std::size_t k = 0; k < index.columns.size(); ++k) {
    const std::string& expr = k < index.expressions.size() ? index.expressions[k] : "";
    keys.push_back(index.columns[k].empty() ? "(" + expr + ")" : index.columns[k]);
  }
  return keys;
}

ordered_json origin_json(ordered_json object, const Origin& o) {
  object["origin"] = std::string(origin_kind_name(o.kind));
  object["defined_at"] = nullable(defined_at(o));
  return object;
}

ordered_json constraint_json(const Constraint& c) {
  ordered_json j;
  j["name"] = c.name;
  j["kind"] = std::string(constraint_kind_name(c.kind));
  j["columns"] = c.columns;
  j["expression"] = nullable(c.expression_sql);
  if (c.kind == ConstraintKind::foreign_key) {
    j["references"] = {{"table", c.references.str()}, {"columns", c.referenced_columns}};
    j["on_delete"] = c.on_delete;
    j["on_update"] = c.on_update;
  } else {
    j["references"] = nullptr;
  }
  j["validated"] = c.validated;
  j["deferrable"] = c.deferrable;
  j["index"] = c.index.name.empty() ? ordered_json(nullptr) : ordered_json(c.index.str());
  return origin_json(std::move(j), c.origin);
}

}  // namespace

void write_schema_json(std::ostream& out, const Schema& schema) {
  ordered_json root;
  root["schema_version"] = 1;
  ordered_json schemas = ordered_json::array();
  for (const auto& [name, origin] : schema.schemas()) schemas.push_back(origin_json({{"name", name}}, origin));
  root["schemas"] = schemas;

  ordered_json tables = ordered_json::array(), views = ordered_json::array();
  for (const auto& [name, t] : schema.tables()) {
    ordered_json j;
    j["name"] = name.str();
    j["kind"] = std::string(relation_kind_name(t.kind));
    j["persistence"] = std::string(persistence_name(t.persistence));
    ordered_json columns = ordered_json::array();
    for (const Column& c : t.columns) {
      ordered_json col;
      col["name"] = c.name;
      col["type"] = c.type;
      col["type_info"] = {{"schema", nullable(c.type_info.schema)},
                          {"name", c.type_info.name},
                          {"modifiers", c.type_info.modifiers},
                          {"array_dims", c.type_info.array_dims},
                          {"serial", c.type_info.serial}};
      col["not_null"] = c.not_null;
      col["default"] = nullable(c.default_sql);
      col["identity"] = nullable(identity_name(c.identity));
      col["generated"] = nullable(c.generated_sql);
      col["collation"] = nullable(c.collation);
      columns.push_back(origin_json(std::move(col), c.origin));
    }
    if (t.is_view()) {
      j["columns"] = columns;
      ordered_json reads_tables = ordered_json::array(), reads_columns = ordered_json::array();
      for (const QualifiedName& r : t.view.tables) reads_tables.push_back(r.str());
      for (const ColumnKey& k : t.view.columns) reads_columns.push_back(k.table.str() + "." + k.column);
      j["reads_tables"] = reads_tables;
      j["reads_columns"] = reads_columns;
      j["unresolved"] = t.view.unresolved;
      ordered_json indexes = ordered_json::array();
      for (const Index* index : schema.indexes_on(name)) indexes.push_back(index->name.str());
      j["indexes"] = indexes;
      views.push_back(origin_json(std::move(j), t.origin));
      continue;
    }
    j["partition_key"] = nullable(t.partition_key_sql);
    j["partition_of"] = t.partition_of.name.empty() ? ordered_json(nullptr) : ordered_json(t.partition_of.str());
    j["partition_bound"] = nullable(t.partition_bound_sql);
    j["columns"] = columns;
    ordered_json constraints = ordered_json::array();
    for (const Constraint& c : t.constraints) constraints.push_back(constraint_json(c));
    j["constraints"] = constraints;
    ordered_json indexes = ordered_json::array();
    for (const Index* index : schema.indexes_on(name)) {
      ordered_json i;
      i["name"] = index->name.str();
      i["columns"] = index->columns;
      i["expressions"] = index->expressions;
      i["unique"] = index->unique;
      i["primary"] = index->primary;
      i["method"] = index->method;
      i["include"] = index->include;
      i["predicate"] = nullable(index->predicate_sql);
      i["valid"] = index->valid;
      i["constraint"] = nullable(index->constraint);
      indexes.push_back(origin_json(std::move(i), index->origin));
    }
    j["indexes"] = indexes;
    ordered_json triggers = ordered_json::array();
    for (const Trigger& tr : t.triggers) {
      ordered_json trj;
      trj["name"] = tr.name;
      trj["timing"] = tr.timing;
      trj["events"] = tr.events;
      trj["columns"] = tr.columns;
      trj["for_each_row"] = tr.for_each_row;
      trj["function"] = tr.function.str();
      triggers.push_back(origin_json(std::move(trj), tr.origin));
    }
    j["triggers"] = triggers;
    tables.push_back(origin_json(std::move(j), t.origin));
  }
  root["tables"] = tables;
  root["views"] = views;

  ordered_json enums = ordered_json::array();
  for (const auto& [name, e] : schema.enums())
    enums.push_back(origin_json({{"name", name.str()}, {"values", e.values}}, e.origin));
  root["enums"] = enums;

  ordered_json domains = ordered_json::array();
  for (const auto& [name, d] : schema.domains()) {
    ordered_json checks = ordered_json::array();
    for (const Constraint& c : d.checks)
      checks.push_back({{"name", c.name}, {"expression", c.expression_sql}, {"validated", c.validated}});
    domains.push_back(origin_json({{"name", name.str()},
                                   {"base_type", d.base_type},
                                   {"not_null", d.not_null},
                                   {"default", nullable(d.default_sql)},
                                   {"checks", checks}},
                                  d.origin));
  }
  root["domains"] = domains;

  ordered_json sequences = ordered_json::array();
  for (const auto& [name, s] : schema.sequences()) {
    ordered_json owned = nullptr;
    if (s.owned_by) owned = s.owned_by->table.str() + "." + s.owned_by->column;
    sequences.push_back(origin_json({{"name", name.str()}, {"type", s.type}, {"owned_by", owned}}, s.origin));
  }
  root["sequences"] = sequences;

  ordered_json functions = ordered_json::array();
  for (const auto& [name, overloads] : schema.functions())
    for (const Function& f : overloads)
      functions.push_back(origin_json({{"name", name.str()},
                                       {"kind", f.procedure ? "procedure" : "function"},
                                       {"arguments", f.argument_types},
                                       {"returns", nullable(f.returns)},
                                       {"language", nullable(f.language)},
                                       {"volatility", std::string(volatility_name(f.volatility))},
                                       {"changes_schema", f.body_changes_schema}},
                                      f.origin));
  root["functions"] = functions;

  ordered_json notes = ordered_json::array();
  for (const Note& n : schema.notes())
    notes.push_back({{"path", n.origin.path}, {"line", n.origin.line}, {"statement", n.statement}, {"message", n.message}});
  root["notes"] = notes;
  out << root.dump(2) << "\n";
}

void write_schema_text(std::ostream& out, const Schema& schema) {
  const auto at = [](const Origin& o) {
    const std::string where = defined_at(o);
    return std::string("  [") + std::string(origin_kind_name(o.kind)) + (where.empty() ? "" : " " + where) + "]";
  };
  for (const auto& [name, t] : schema.tables()) {
    if (t.is_view()) continue;
    out << relation_kind_name(t.kind) << " " << name.str();
    if (t.persistence != Persistence::permanent) out << " (" << persistence_name(t.persistence) << ")";
    if (!t.partition_key_sql.empty()) out << " PARTITION BY " << t.partition_key_sql;
    if (!t.partition_of.name.empty()) out << " PARTITION OF " << t.partition_of.str() << " " << t.partition_bound_sql;
    out << at(t.origin) << "\n";
    for (const Column& c : t.columns) {
      out << "  " << c.name << " " << c.type;
      if (!c.collation.empty()) out << " COLLATE " << c.collation;
      if (c.not_null) out << " NOT NULL";
      if (!c.default_sql.empty()) out << " DEFAULT " << c.default_sql;
      if (c.identity != IdentityKind::none)
        out << " GENERATED " << (c.identity == IdentityKind::always ? "ALWAYS" : "BY DEFAULT") << " AS IDENTITY";
      if (!c.generated_sql.empty()) out << " GENERATED ALWAYS AS (" << c.generated_sql << ") STORED";
      out << at(c.origin) << "\n";
    }
    for (const Constraint& c : t.constraints) {
      out << "  constraint " << c.name << " " << constraint_kind_name(c.kind);
      if (c.kind == ConstraintKind::check) out << " (" << c.expression_sql << ")";
      else if (c.kind == ConstraintKind::exclusion) out << " (" << c.expression_sql << ")";
      else out << " (" << join(c.columns) << ")";
      if (c.kind == ConstraintKind::foreign_key) {
        out << " REFERENCES " << c.references.str();
        if (!c.referenced_columns.empty()) out << " (" << join(c.referenced_columns) << ")";
        if (c.on_delete != "NO ACTION") out << " ON DELETE " << c.on_delete;
      }
      if (!c.validated) out << " NOT VALID";
      out << at(c.origin) << "\n";
    }
    for (const Index* index : schema.indexes_on(name)) {
      out << "  index " << index->name.str() << (index->unique ? " UNIQUE" : "") << " USING " << index->method << " ("
          << join(index_keys(*index)) << ")";
      if (!index->include.empty()) out << " INCLUDE (" << join(index->include) << ")";
      if (!index->predicate_sql.empty()) out << " WHERE " << index->predicate_sql;
      out << at(index->origin) << "\n";
    }
    for (const Trigger& tr : t.triggers)
      out << "  trigger " << tr.name << " " << tr.timing << " " << join(tr.events, " OR ") << " EXECUTE "
          << tr.function.str() << "()" << at(tr.origin) << "\n";
  }
  for (const auto& [name, t] : schema.tables()) {
    if (!t.is_view()) continue;
    out << relation_kind_name(t.kind) << " " << name.str() << at(t.origin) << "\n";
    std::vector<std::string> columns;
    for (const Column& c : t.columns) columns.push_back(c.name);
    out << "  columns: " << join(columns) << "\n";
    std::vector<std::string> reads;
    for (const ColumnKey& k : t.view.columns) reads.push_back(k.table.str() + "." + k.column);
    out << "  reads: " << join(reads) << "\n";
  }
  for (const auto& [name, e] : schema.enums()) out << "enum " << name.str() << " (" << join(e.values) << ")" << at(e.origin) << "\n";
  for (const auto& [name, d] : schema.domains()) {
    out << "domain " << name.str() << " " << d.base_type << (d.not_null ? " NOT NULL" : "");
    for (const Constraint& c : d.checks) out << " CHECK (" << c.expression_sql << ")" << (c.validated ? "" : " NOT VALID");
    out << at(d.origin) << "\n";
  }
  for (const auto& [name, s] : schema.sequences()) {
    out << "sequence " << name.str() << " " << s.type;
    if (s.owned_by) out << " OWNED BY " << s.owned_by->table.str() << "." << s.owned_by->column;
    out << at(s.origin) << "\n";
  }
  for (const auto& [name, overloads] : schema.functions())
    for (const Function& f : overloads)
      out << (f.procedure ? "procedure " : "function ") << name.str() << "(" << join(f.argument_types) << ") "
          << volatility_name(f.volatility) << at(f.origin) << "\n";
  for (const Note& n : schema.notes())
    out << "note: " << defined_at(n.origin) << ": " << n.statement << ": " << n.message << "\n";
}

}  // namespace analyzer
