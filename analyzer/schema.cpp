#include "analyzer/schema.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace analyzer {

using sqlparse::Node;

bool replay_ignores(std::string_view first_word) {
  // Data and privilege statements: Schema::apply and SessionState::apply act on none of
  // them (a SELECT may call a schema-changing function, so it is not here).
  static constexpr std::string_view kIgnored[] = {"insert", "update", "delete",  "merge",  "comment", "grant",
                                                  "revoke", "analyze", "vacuum", "notify", "truncate", "copy"};
  for (std::string_view word : kIgnored)
    if (word == first_word) return true;
  return false;
}

std::string_view origin_kind_name(Origin::Kind kind) {
  switch (kind) {
    case Origin::Kind::baseline: return "baseline";
    case Origin::Kind::history: return "history";
    case Origin::Kind::under_review: return "under_review";
  }
  return "";
}

std::string_view volatility_name(Volatility v) {
  switch (v) {
    case Volatility::immutable: return "immutable";
    case Volatility::stable: return "stable";
    case Volatility::volatile_: return "volatile";
  }
  return "";
}

std::string_view constraint_kind_name(ConstraintKind kind) {
  switch (kind) {
    case ConstraintKind::primary_key: return "primary_key";
    case ConstraintKind::unique: return "unique";
    case ConstraintKind::foreign_key: return "foreign_key";
    case ConstraintKind::check: return "check";
    case ConstraintKind::exclusion: return "exclusion";
  }
  return "";
}

std::string_view relation_kind_name(RelationKind kind) {
  switch (kind) {
    case RelationKind::table: return "table";
    case RelationKind::partitioned_table: return "partitioned_table";
    case RelationKind::view: return "view";
    case RelationKind::materialized_view: return "materialized_view";
    case RelationKind::foreign_table: return "foreign_table";
  }
  return "";
}

std::string_view persistence_name(Persistence p) {
  switch (p) {
    case Persistence::permanent: return "permanent";
    case Persistence::unlogged: return "unlogged";
    case Persistence::temporary: return "temporary";
  }
  return "";
}

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

const Constraint* Table::constraint(std::string_view constraint_name) const {
  for (const Constraint& c : constraints)
    if (c.name == constraint_name) return &c;
  return nullptr;
}

Constraint* Table::constraint(std::string_view constraint_name) {
  for (Constraint& c : constraints)
    if (c.name == constraint_name) return &c;
  return nullptr;
}

namespace {

// Whether `text` mentions `word` as a whole identifier (for expressions kept as SQL).
bool mentions_identifier(std::string_view text, std::string_view word) {
  if (word.empty()) return false;
  const auto is_ident = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80;
  };
  for (std::size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
    const bool starts = at == 0 || !is_ident(text[at - 1]);
    const bool ends = at + word.size() == text.size() || !is_ident(text[at + word.size()]);
    if (starts && ends) return true;
  }
  return false;
}

}  // namespace

bool Index::uses_column(std::string_view column) const {
  if (std::find(columns.begin(), columns.end(), column) != columns.end()) return true;
  if (std::find(include.begin(), include.end(), column) != include.end()) return true;
  for (const std::string& e : expressions)
    if (mentions_identifier(e, column)) return true;
  return mentions_identifier(predicate_sql, column);
}

// ---- types ---------------------------------------------------------------------

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

TypeInfo type_info(Node tn) {
  TypeInfo t;
  const Node names = tn["names"];
  const std::size_t n = names.size();
  // Read as views and copied once: a column's type is read for every column replayed.
  std::string_view name = n > 0 ? names.at(n - 1).str() : std::string_view{};
  std::string_view schema = n > 1 ? names.at(n - 2).str() : std::string_view{};
  if (schema == "pg_catalog") schema = {};
  for (Node m : tn["typmods"]) {
    // A_Const integer, or a ColumnRef/String for interval field names (kept out).
    if (m["ival"] || m["val"]) t.modifiers.push_back(m.integer());
  }
  t.array_dims = static_cast<int>(tn["arrayBounds"].size());
  if (schema.empty()) {
    // Names written as identifiers rather than through the grammar's keywords.
    static constexpr std::pair<std::string_view, std::string_view> kAliases[] = {
        {"serial", "int4"},  {"serial4", "int4"},   {"bigserial", "int8"}, {"serial8", "int8"},
        {"smallserial", "int2"}, {"serial2", "int2"}, {"int", "int4"},     {"integer", "int4"},
        {"smallint", "int2"}, {"bigint", "int8"},   {"boolean", "bool"},   {"decimal", "numeric"},
        {"real", "float4"},  {"float", "float8"}};
    for (const auto& [alias, canonical] : kAliases) {
      if (name == alias) {
        t.serial = alias.find("serial") != std::string_view::npos;
        name = canonical;
        break;
      }
    }
  }
  t.schema = schema;
  t.name = name;
  return t;
}

std::string type_display(const TypeInfo& type) {
  std::string out = type.schema.empty() ? type.name : type.schema + "." + type.name;
  if (!type.modifiers.empty()) {
    out += '(';
    for (std::size_t k = 0; k < type.modifiers.size(); ++k) {
      if (k) out += ',';
      out += std::to_string(type.modifiers[k]);
    }
    out += ')';
  }
  for (int k = 0; k < type.array_dims; ++k) out += "[]";
  return out;
}

// ---- the relation index ---------------------------------------------------------

namespace {

// Relation names are short and hashed for nearly every statement: eight bytes at a time,
// each folded in by one 64x64->128-bit multiplication, costs a fraction of std::hash's
// byte-oriented Murmur (called once per part).
std::uint64_t fold(std::uint64_t h, std::uint64_t word) {
  const unsigned __int128 product = static_cast<unsigned __int128>(h ^ word) * 0x9e3779b97f4a7c15ULL;
  return static_cast<std::uint64_t>(product) ^ static_cast<std::uint64_t>(product >> 64);
}

template <typename Word>
Word load(const char* at) {
  Word word;
  std::memcpy(&word, at, sizeof word);  // a fixed size: compiled to one load
  return word;
}

std::uint64_t hash_part(std::uint64_t h, std::string_view part) {
  const char* p = part.data();
  const std::size_t n = part.size();
  // The length first, as a word of its own: the tail loads below are only unambiguous
  // for a known length, and it keeps "a"+"bc" apart from "ab"+"c".
  h = fold(h, n);
  std::uint64_t tail = 0;
  if (n >= 8) {
    std::size_t k = 0;
    for (; k + 8 <= n; k += 8) h = fold(h, load<std::uint64_t>(p + k));
    if (k < n) tail = load<std::uint64_t>(p + n - 8);  // the last eight bytes, overlapping
  } else if (n >= 4) {
    tail = (static_cast<std::uint64_t>(load<std::uint32_t>(p)) << 32) | load<std::uint32_t>(p + n - 4);
  } else if (n > 0) {
    const auto byte = [&](std::size_t k) { return static_cast<std::uint64_t>(static_cast<unsigned char>(p[k])); };
    tail = (byte(0) << 16) | (byte(n / 2) << 8) | byte(n - 1);
  }
  return fold(h, tail);
}

}  // namespace

std::size_t NameHash::operator()(NameRef ref) const {
  return hash_part(hash_part(0x243f6a8885a308d3ULL, ref.schema), ref.name);
}

// ---- lookups -------------------------------------------------------------------

namespace {

// find_table's resolution for the other kinds of objects, kept in plain ordered maps.
template <typename Map>
auto find_in_path(const Map& map, const QualifiedName& name, const std::vector<std::string>& search_path)
    -> const typename Map::mapped_type* {
  if (name.qualified()) {
    auto it = map.find(name);
    return it == map.end() ? nullptr : &it->second;
  }
  for (const std::string& schema : search_path) {
    auto it = map.find(QualifiedName{schema, name.name});
    if (it != map.end()) return &it->second;
  }
  if (search_path.empty()) {
    auto it = map.find(QualifiedName{"public", name.name});
    if (it != map.end()) return &it->second;
  }
  return nullptr;
}

}  // namespace

const Table* Schema::find_table(const QualifiedName& name, const std::vector<std::string>& search_path) const {
  // Hashed lookups by borrowed (schema, name): no QualifiedName is built per candidate schema.
  if (name.qualified()) return tables_.lookup(name);
  for (const std::string& schema : search_path)
    if (const Table* table = tables_.lookup(NameRef{schema, name.name})) return table;
  return search_path.empty() ? tables_.lookup(NameRef{"public", name.name}) : nullptr;
}

QualifiedName Schema::qualify(const QualifiedName& name, const std::vector<std::string>& search_path) const {
  if (name.qualified()) return name;
  if (const Table* t = find_table(name, search_path)) return t->name;
  return QualifiedName{search_path.empty() ? "public" : search_path.front(), name.name};
}

const Index* Schema::find_index(const QualifiedName& name, const std::vector<std::string>& search_path) const {
  return find_in_path(indexes_, name, search_path);
}

std::vector<const Index*> Schema::indexes_on(const QualifiedName& table) const {
  std::vector<const Index*> out;
  auto it = indexes_by_table_.find(table);
  if (it == indexes_by_table_.end()) return out;
  out.reserve(it->second.size());
  for (const auto& [name, index] : it->second) out.push_back(index);
  return out;
}

const EnumType* Schema::find_enum(const QualifiedName& name, const std::vector<std::string>& search_path) const {
  return find_in_path(enums_, name, search_path);
}

const Domain* Schema::find_domain(const QualifiedName& name, const std::vector<std::string>& search_path) const {
  return find_in_path(domains_, name, search_path);
}

const Sequence* Schema::find_sequence(const QualifiedName& name, const std::vector<std::string>& search_path) const {
  return find_in_path(sequences_, name, search_path);
}

std::vector<const Function*> Schema::find_functions(const QualifiedName& name,
                                                    const std::vector<std::string>& search_path) const {
  std::vector<const Function*> out;
  if (const auto* overloads = find_in_path(functions_, name, search_path))
    for (const Function& f : *overloads) out.push_back(&f);
  return out;
}

std::optional<Volatility> Schema::function_volatility(const QualifiedName& name,
                                                      const std::vector<std::string>& search_path) const {
  std::optional<Volatility> out;
  for (const Function* f : find_functions(name, search_path))
    if (!out || f->volatility > *out) out = f->volatility;
  return out;
}

template <typename Match>
std::vector<const Table*> Schema::dependents_matching(const Dependents& map, const QualifiedName& target,
                                                      Match&& match) const {
  std::vector<const Table*> out;
  auto it = map.find(target);
  if (it == map.end()) return out;
  for (const QualifiedName& name : it->second) {
    const Table* table = tables_.lookup(name);
    if (table && match(*table)) out.push_back(table);
  }
  return out;
}

std::vector<QualifiedName> Schema::dependents_of(const QualifiedName& target) const {
  std::set<QualifiedName> names;
  for (const Dependents* map : {&referencing_, &readers_, &partitions_})
    for (const Table* t : dependents_matching(*map, target, [](const Table&) { return true; })) names.insert(t->name);
  return {names.begin(), names.end()};
}

void Schema::register_dependencies(const Table& table) {
  if (!table.partition_of.name.empty()) partitions_[table.partition_of].insert(table.name);
  for (const Constraint& c : table.constraints)
    if (c.kind == ConstraintKind::foreign_key) referencing_[c.references].insert(table.name);
  for (const QualifiedName& read : table.view.tables) readers_[read].insert(table.name);
}

std::vector<const Table*> Schema::views_reading(const QualifiedName& table, std::string_view column) const {
  return dependents_matching(readers_, table, [&](const Table& t) {
    if (!t.is_view()) return false;
    return column.empty() ? t.view.tables.count(table) > 0
                          : t.view.columns.count(ColumnKey{table, std::string(column)}) > 0;
  });
}

std::vector<std::pair<const Table*, const Constraint*>> Schema::foreign_keys_referencing(
    const QualifiedName& table) const {
  std::vector<std::pair<const Table*, const Constraint*>> out;
  auto candidates = referencing_.find(table);
  if (candidates == referencing_.end()) return out;
  for (const QualifiedName& name : candidates->second)
    if (const Table* t = tables_.lookup(name))
      for (const Constraint& c : t->constraints)
        if (c.kind == ConstraintKind::foreign_key && c.references == table) out.push_back({t, &c});
  return out;
}

std::vector<const Table*> Schema::partitions_of(const QualifiedName& table) const {
  return dependents_matching(partitions_, table, [&](const Table& t) { return t.partition_of == table; });
}

Table* Schema::mutable_table(const QualifiedName& qualified) { return tables_.lookup(qualified); }

bool Schema::is_key_column(const QualifiedName& table, std::string_view column) const {
  // Walks the per-table index map in place: indexes_on would copy it into a vector.
  if (auto by_table = indexes_by_table_.find(table); by_table != indexes_by_table_.end())
    for (const auto& [name, index] : by_table->second)
      if (!index->columns.empty() && index->columns.front() == column) return true;
  const auto pk = primary_key(table);
  return std::find(pk.begin(), pk.end(), column) != pk.end();
}

std::vector<std::string> Schema::primary_key(const QualifiedName& table) const {
  if (const Table* t = tables_.lookup(table))
    for (const Constraint& c : t->constraints)
      if (c.kind == ConstraintKind::primary_key) return c.columns;
  if (auto by_table = indexes_by_table_.find(table); by_table != indexes_by_table_.end())
    for (const auto& [name, index] : by_table->second)
      if (index->primary) return index->columns;
  return {};
}

// ---- mutations kept consistent with the per-table index --------------------------

void Schema::add_index(Index index) {
  remove_index(index.name);
  const auto [it, inserted] = indexes_.try_emplace(index.name);
  it->second = std::move(index);
  indexes_by_table_[it->second.table].emplace(it->first, &it->second);
}

void Schema::remove_index(const QualifiedName& name) {
  auto it = indexes_.find(name);
  if (it == indexes_.end()) return;
  auto by_table = indexes_by_table_.find(it->second.table);
  if (by_table != indexes_by_table_.end()) {
    by_table->second.erase(name);
    if (by_table->second.empty()) indexes_by_table_.erase(by_table);
  }
  indexes_.erase(it);
}

void Schema::rename_index(const QualifiedName& name, const std::string& new_name) {
  auto it = indexes_.find(name);
  if (it == indexes_.end()) return;
  Index index = it->second;  // a copy: remove_index reads the table name from the original
  remove_index(name);
  const std::string old_name = index.name.name;
  index.name.name = new_name;
  // A constraint's index renamed renames the constraint too (PostgreSQL keeps them equal).
  if (Table* table = mutable_table(index.table)) {
    for (Constraint& c : table->constraints) {
      if (c.index == name) {
        c.index = index.name;
        if (c.name == old_name) c.name = new_name;
      }
    }
  }
  if (index.constraint == old_name) index.constraint = new_name;
  add_index(std::move(index));
}

}  // namespace analyzer
