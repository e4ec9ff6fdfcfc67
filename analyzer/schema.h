// The schema model: what the database looks like before each statement, built by
// replaying the baseline and the migration history. Every object remembers where it
// came from. DDL the model cannot follow (a DO block, a function that may change the
// schema, an ALTER it does not know) is recorded as a Note, never guessed at.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analyzer/names.h"
#include "sqlparse/parser.h"

namespace analyzer {

// Where an object came from.
struct Origin {
  enum class Kind { baseline, history, under_review };
  Kind kind = Kind::history;
  std::string path;
  int line = 0;
  int batch = -1;  // which review batch created it (see StatementContext::review_batch)
};
std::string_view origin_kind_name(Origin::Kind kind);  // "baseline", "history", "under_review"

// pg_proc.provolatile. A function declared without a marker is volatile.
enum class Volatility { immutable, stable, volatile_ };
std::string_view volatility_name(Volatility v);  // "immutable", "stable", "volatile"

// A column's or domain's type, canonical: the names PostgreSQL's catalogue uses
// (int4, int8, varchar, numeric, timestamptz, bool, text ...), typmods as numbers.
struct TypeInfo {
  std::string schema;  // "" for built-in types; the schema of an enum or domain
  std::string name;    // "varchar", "numeric", "mood"
  std::vector<std::int64_t> modifiers;  // varchar(255) -> {255}; numeric(10,2) -> {10,2}; none -> {}
  int array_dims = 0;                   // text[] -> 1
  bool serial = false;                  // declared serial/bigserial/smallserial (name is int4/int8/int2)

  bool has_modifiers() const { return !modifiers.empty(); }
};

enum class IdentityKind { none, always, by_default };

struct Column {
  std::string name;
  std::string type;  // display form, e.g. "int4", "varchar(255)", "text[]"
  bool not_null = false;
  bool has_default = false;  // a DEFAULT, an identity, a serial or a generated expression
  Origin origin;

  TypeInfo type_info;
  // The DEFAULT expression, rendered back to SQL ("now()", "nextval('t_id_seq'::regclass)").
  // Empty: none.
  std::string default_sql;
  IdentityKind identity = IdentityKind::none;
  std::string generated_sql;  // GENERATED ALWAYS AS (expr) STORED; empty when not generated
  std::string collation;      // COLLATE "C"; empty for the default
};

struct Index {
  QualifiedName name;
  QualifiedName table;
  std::vector<std::string> columns;  // key columns; "" for an expression
  bool unique = false;
  bool primary = false;
  Origin origin;

  std::vector<std::string> expressions;  // per key position: the expression's SQL, "" for a column
  std::string predicate_sql;             // WHERE of a partial index; empty when not partial
  std::string method = "btree";
  std::vector<std::string> include;      // INCLUDE (...) columns
  bool valid = true;                     // always true after replay (CONCURRENTLY failures are runtime)
  std::string constraint;                // the constraint it backs (pkey, unique, exclusion); "" if none
  // pg_index.indisclustered: set by CLUSTER t USING it and ALTER TABLE t CLUSTER ON it, cleared
  // by SET WITHOUT CLUSTER; a CLUSTER without a table name reclusters the tables that have one.
  bool clustered = false;

  // True if the index mentions the column as a key, an INCLUDE column, in an
  // expression or in its predicate (dropping the column drops the index).
  bool uses_column(std::string_view column) const;
};

enum class ConstraintKind { primary_key, unique, foreign_key, check, exclusion };
std::string_view constraint_kind_name(ConstraintKind kind);  // "primary_key", "foreign_key", ...

struct Constraint {
  std::string name;  // as PostgreSQL names it: t_pkey, t_a_key, t_a_fkey, t_a_check, t_a_excl
  ConstraintKind kind = ConstraintKind::check;
  // Key columns; for a CHECK, the columns its expression reads; for an exclusion, its columns.
  std::vector<std::string> columns;
  std::string expression_sql;  // CHECK expression; exclusion elements "col WITH op, ..."
  QualifiedName references;    // foreign key: the referenced table
  std::vector<std::string> referenced_columns;  // foreign key: empty means its primary key
  std::string on_delete = "NO ACTION";          // NO ACTION, RESTRICT, CASCADE, SET NULL, SET DEFAULT
  std::string on_update = "NO ACTION";
  bool validated = true;  // false after NOT VALID until VALIDATE CONSTRAINT
  bool deferrable = false;
  QualifiedName index;  // the backing index of a primary key, unique or exclusion constraint
  Origin origin;
};

struct Trigger {
  std::string name;
  QualifiedName function;
  std::string timing;               // "BEFORE", "AFTER", "INSTEAD OF"
  std::vector<std::string> events;  // "INSERT", "UPDATE", "DELETE", "TRUNCATE"
  std::vector<std::string> columns; // UPDATE OF columns
  bool for_each_row = false;
  Origin origin;
};

enum class RelationKind { table, partitioned_table, view, materialized_view, foreign_table };
std::string_view relation_kind_name(RelationKind kind);
enum class Persistence { permanent, unlogged, temporary };
std::string_view persistence_name(Persistence p);

struct ColumnKey {
  QualifiedName table;
  std::string column;
  friend bool operator==(const ColumnKey&, const ColumnKey&) = default;
  friend auto operator<=>(const ColumnKey&, const ColumnKey&) = default;
};

// What a view's (or materialized view's) query reads, resolved against the model
// when the view was created: `SELECT *` lists every column the table had then.
struct ViewQuery {
  std::set<QualifiedName> tables;
  std::set<ColumnKey> columns;
  // Column references the model could not attribute to one table (unknown table,
  // ambiguous unqualified name): as written.
  std::vector<std::string> unresolved;
};

struct Table {
  QualifiedName name;  // always schema-qualified
  RelationKind kind = RelationKind::table;
  std::vector<Column> columns;
  Origin origin;

  Persistence persistence = Persistence::permanent;
  std::string partition_key_sql;            // "RANGE (created_at)"; empty when not partitioned
  std::vector<std::string> partition_key_columns;
  QualifiedName partition_of;               // the parent of a partition; empty otherwise
  std::string partition_bound_sql;          // "FOR VALUES FROM (...) TO (...)", "DEFAULT"
  std::vector<Constraint> constraints;
  std::vector<Trigger> triggers;
  ViewQuery view;                           // views and materialized views only
  // A materialized view created or refreshed WITH NO DATA holds no rows and cannot be read
  // (nor refreshed CONCURRENTLY) until a plain REFRESH fills it.
  bool populated = true;

  const Column* column(std::string_view column_name) const;
  Column* column(std::string_view column_name);
  const Constraint* constraint(std::string_view constraint_name) const;
  Constraint* constraint(std::string_view constraint_name);
  bool is_view() const { return kind == RelationKind::view || kind == RelationKind::materialized_view; }
};

struct EnumType {
  QualifiedName name;
  std::vector<std::string> values;  // in sort order
  Origin origin;
};

struct Domain {
  QualifiedName name;
  std::string base_type;  // display form
  TypeInfo base;
  bool not_null = false;
  std::string default_sql;
  std::vector<Constraint> checks;  // kind check; validated false after ADD ... NOT VALID
  Origin origin;
};

struct Sequence {
  QualifiedName name;
  std::string type = "int8";
  std::optional<ColumnKey> owned_by;
  Origin origin;
};

struct Function {
  QualifiedName name;
  std::vector<std::string> argument_types;  // display forms of the IN arguments
  std::string returns;                      // display form; "" for a procedure
  std::string language;
  Volatility volatility = Volatility::volatile_;
  bool procedure = false;
  // The body runs DDL or dynamic SQL (CREATE, ALTER, DROP, EXECUTE): calling it from a
  // migration may change the schema in ways the model cannot follow.
  bool body_changes_schema = false;
  Origin origin;
};

// A statement the model did not (fully) follow. The model stays as it was for the part
// it could not follow; the note says so.
struct Note {
  Origin origin;
  std::string statement;  // the node kind, e.g. "DoStmt"
  std::string message;
};

// A schema-qualified name borrowed from strings that outlive it: hashed lookups by
// (schema, name) without building a QualifiedName.
struct NameRef {
  std::string_view schema;
  std::string_view name;
  NameRef(std::string_view schema_name, std::string_view relation_name) : schema(schema_name), name(relation_name) {}
  NameRef(const QualifiedName& qualified) : schema(qualified.schema), name(qualified.name) {}
};

// Hash and equality for QualifiedName and NameRef alike (transparent: a lookup by NameRef
// needs no temporary key).
struct NameHash {
  using is_transparent = void;
  std::size_t operator()(NameRef ref) const;
};
struct NameEqual {
  using is_transparent = void;
  bool operator()(NameRef a, NameRef b) const { return a.name == b.name && a.schema == b.schema; }
};
// Schema, then name: the order of QualifiedName's operator<=>.
struct NameLess {
  bool operator()(NameRef a, NameRef b) const {
    const int schema = a.schema.compare(b.schema);
    return schema != 0 ? schema < 0 : a.name < b.name;
  }
};

// Objects by schema-qualified name: an ordered map, since printing and reports iterate
// in name order, with a hash index beside it, since resolving names is most of the model's
// work (relations for every statement, index and sequence names for every default name
// chosen). Every way to add or remove an entry goes through this class, so the index
// cannot go stale; entries' keys are const.
template <typename T>
class NameMap {
 public:
  using Map = std::map<QualifiedName, T>;
  using value_type = typename Map::value_type;
  using mapped_type = T;
  using iterator = typename Map::iterator;
  using const_iterator = typename Map::const_iterator;
  using node_type = typename Map::node_type;
  using insert_return_type = typename Map::insert_return_type;

  NameMap() = default;
  NameMap(const NameMap& other) : map_(other.map_) { rebuild_index(); }
  // A moved std::map keeps its nodes, so the index (iterators and borrowed keys) moves along.
  NameMap(NameMap&& other) noexcept : map_(std::move(other.map_)), index_(std::move(other.index_)) { other.clear(); }
  NameMap& operator=(const NameMap& other) {
    if (this != &other) {
      map_ = other.map_;
      rebuild_index();
    }
    return *this;
  }
  NameMap& operator=(NameMap&& other) noexcept {
    if (this != &other) {
      map_ = std::move(other.map_);
      index_ = std::move(other.index_);
      other.clear();
    }
    return *this;
  }

  const Map& map() const { return map_; }
  iterator begin() { return map_.begin(); }
  iterator end() { return map_.end(); }
  const_iterator begin() const { return map_.begin(); }
  const_iterator end() const { return map_.end(); }
  std::size_t size() const { return map_.size(); }
  bool empty() const { return map_.empty(); }

  const T* lookup(NameRef name) const {
    auto it = index_.find(name);
    return it == index_.end() ? nullptr : &it->second->second;
  }
  T* lookup(NameRef name) {
    auto it = index_.find(name);
    return it == index_.end() ? nullptr : &it->second->second;
  }
  iterator find(NameRef name) {
    auto it = index_.find(name);
    return it == index_.end() ? map_.end() : it->second;
  }
  const_iterator find(NameRef name) const {
    auto it = index_.find(name);
    return it == index_.end() ? map_.end() : const_iterator(it->second);
  }
  std::size_t count(NameRef name) const { return index_.count(name); }
  T& at(NameRef name) {
    if (T* value = lookup(name)) return *value;
    throw std::out_of_range("NameMap::at");
  }
  const T& at(NameRef name) const {
    if (const T* value = lookup(name)) return *value;
    throw std::out_of_range("NameMap::at");
  }

  // The entry under `name`, default-constructed if absent (like std::map).
  T& operator[](const QualifiedName& name) { return try_emplace(name).first->second; }
  std::pair<iterator, bool> try_emplace(const QualifiedName& name) {
    if (auto found = index_.find(NameRef{name}); found != index_.end()) return {found->second, false};
    const iterator it = map_.try_emplace(name).first;
    index_.emplace(NameRef{it->first}, it);
    return {it, true};
  }
  node_type extract(NameRef name) {
    auto found = index_.find(name);
    if (found == index_.end()) return {};
    const iterator it = found->second;
    index_.erase(found);
    return map_.extract(it);
  }
  node_type extract(const_iterator it) {
    index_.erase(NameRef{it->first});
    return map_.extract(it);
  }
  insert_return_type insert(node_type&& node) {
    insert_return_type result = map_.insert(std::move(node));
    if (result.inserted) index_.emplace(NameRef{result.position->first}, result.position);
    return result;
  }
  iterator erase(iterator it) {
    index_.erase(NameRef{it->first});
    return map_.erase(it);
  }
  std::size_t erase(NameRef name) {
    auto found = index_.find(name);
    if (found == index_.end()) return 0;
    const iterator it = found->second;
    index_.erase(found);
    map_.erase(it);
    return 1;
  }
  // Removes the entries (key, value) for which pred holds; returns how many.
  template <typename Pred>
  friend std::size_t erase_if(NameMap& names, Pred pred) {
    std::size_t removed = 0;
    for (auto it = names.map_.begin(); it != names.map_.end();) {
      if (pred(*it)) {
        it = names.erase(it);
        ++removed;
      } else {
        ++it;
      }
    }
    return removed;
  }

 private:
  void clear() {
    map_.clear();
    index_.clear();
  }
  void rebuild_index() {
    index_.clear();
    index_.reserve(map_.size());
    for (auto it = map_.begin(); it != map_.end(); ++it) index_.emplace(NameRef{it->first}, it);
  }

  Map map_;
  // Keys borrow the strings of map_'s keys (map nodes never move while they are in it).
  std::unordered_map<NameRef, iterator, NameHash, NameEqual> index_;
};

using TableMap = NameMap<Table>;

class Schema {
 public:
  // Movable, not copyable: the per-table index lists point into indexes_'s nodes, which a
  // move keeps and a copy would not.
  Schema() = default;
  Schema(const Schema&) = delete;
  Schema& operator=(const Schema&) = delete;
  Schema(Schema&&) = default;
  Schema& operator=(Schema&&) = default;

  // Resolves a name the way PostgreSQL does for an existing relation: a qualified
  // name as it is, an unqualified one through search_path. Returns nullptr if unknown.
  const Table* find_table(const QualifiedName& name, const std::vector<std::string>& search_path) const;
  // The schema-qualified name a statement refers to: where the relation exists,
  // else where it would be created (the first schema of search_path).
  QualifiedName qualify(const QualifiedName& name, const std::vector<std::string>& search_path) const;

  const Index* find_index(const QualifiedName& name, const std::vector<std::string>& search_path) const;
  // Every index on a table (by index name order).
  std::vector<const Index*> indexes_on(const QualifiedName& table) const;
  // Calls f(const Index&) for each index on a table, in the same order, without copying them.
  template <typename F>
  void for_each_index_on(const QualifiedName& table, F&& f) const {
    if (auto it = indexes_by_table_.find(table); it != indexes_by_table_.end())
      for (const auto& [name, index] : it->second) f(*index);
  }
  const EnumType* find_enum(const QualifiedName& name, const std::vector<std::string>& search_path) const;
  const Domain* find_domain(const QualifiedName& name, const std::vector<std::string>& search_path) const;
  const Sequence* find_sequence(const QualifiedName& name, const std::vector<std::string>& search_path) const;
  // Overloads of a user function; empty if unknown.
  std::vector<const Function*> find_functions(const QualifiedName& name,
                                              const std::vector<std::string>& search_path) const;
  // Declared volatility of a user function (the most volatile overload), or nullopt if
  // the model does not know it (built-ins come from the effects engine's catalogue).
  std::optional<Volatility> function_volatility(const QualifiedName& name,
                                                const std::vector<std::string>& search_path) const;
  // Views and materialized views whose query reads the table (column empty) or the column.
  std::vector<const Table*> views_reading(const QualifiedName& table, std::string_view column = {}) const;
  // Foreign keys in any table that reference `table`: (referencing table, constraint).
  std::vector<std::pair<const Table*, const Constraint*>> foreign_keys_referencing(const QualifiedName& table) const;
  // Partitions of a partitioned table.
  std::vector<const Table*> partitions_of(const QualifiedName& table) const;

  // True if `column` is usable as a key to bound a batch: part of the primary key, or
  // the leading column of an index.
  bool is_key_column(const QualifiedName& table, std::string_view column) const;
  // The primary-key columns of a table (empty if none or unknown).
  std::vector<std::string> primary_key(const QualifiedName& table) const;

  // Records what a statement does to the schema. search_path is the session's.
  void apply(const sqlparse::Statement& statement, const Origin& origin,
             const std::vector<std::string>& search_path);

  // In name order, like the other maps; find/count/at of tables, indexes and sequences are hashed.
  const TableMap& tables() const { return tables_; }
  const NameMap<Index>& indexes() const { return indexes_; }
  const std::map<QualifiedName, EnumType>& enums() const { return enums_; }
  const std::map<QualifiedName, Domain>& domains() const { return domains_; }
  const NameMap<Sequence>& sequences() const { return sequences_; }
  const std::map<QualifiedName, std::vector<Function>>& functions() const { return functions_; }
  const std::map<std::string, Origin>& schemas() const { return schemas_; }
  const std::vector<Note>& notes() const { return notes_; }

 private:
  friend class SchemaReplay;
  // Outer maps hashed (only looked up, never iterated); the sets stay ordered (results follow them).
  using Dependents = std::unordered_map<QualifiedName, std::set<QualifiedName>, NameHash, NameEqual>;

  Table* mutable_table(const QualifiedName& qualified);
  void add_index(Index index);
  void remove_index(const QualifiedName& name);
  void rename_index(const QualifiedName& name, const std::string& new_name);
  void drop_table(const QualifiedName& qualified, bool cascade);
  void move_table(const QualifiedName& from, const QualifiedName& to);
  // Records what `table` points at (foreign keys, the tables a view reads, its
  // partition parent) in the maps below, so reverse lookups need not scan every table.
  void register_dependencies(const Table& table);
  // The existing relations that may depend on `target` in any way.
  std::vector<QualifiedName> dependents_of(const QualifiedName& target) const;
  template <typename Match>
  std::vector<const Table*> dependents_matching(const Dependents& map, const QualifiedName& target,
                                                Match&& match) const;

  TableMap tables_;
  NameMap<Index> indexes_;
  // Table -> its indexes by name (nodes of indexes_). Only looked up, never iterated: hashed.
  // The inner keys borrow the names of indexes_'s keys (no copy per index).
  using IndexesByName = std::map<NameRef, const Index*, NameLess>;
  std::unordered_map<QualifiedName, IndexesByName, NameHash, NameEqual> indexes_by_table_;
  // Relation -> relations that may depend on it, by kind of dependency. Supersets:
  // entries are never removed, lookups check the dependent's current definition.
  Dependents referencing_;  // foreign keys
  Dependents readers_;      // views and materialized views
  Dependents partitions_;   // partitions
  std::map<QualifiedName, EnumType> enums_;
  std::map<QualifiedName, Domain> domains_;
  NameMap<Sequence> sequences_;
  std::map<QualifiedName, std::vector<Function>> functions_;
  std::map<std::string, Origin> schemas_{{"public", Origin{Origin::Kind::baseline, "", 0, -1}}};
  std::vector<Note> notes_;
};

// True for the first word (lower case) of a statement that changes neither the schema
// model nor the session state (INSERT, UPDATE, COMMENT ...): replaying history may skip
// parsing it (sqlparse::ParseOptions::skip).
bool replay_ignores(std::string_view first_word);

// "int4", "varchar(255)", "numeric(10,2)", "text[]" from a TypeName node (as written:
// "serial" stays "serial").
std::string type_name(sqlparse::Node type_name_node);
// The canonical type of a TypeName node (serial types become int4/int8/int2, serial set).
TypeInfo type_info(sqlparse::Node type_name_node);
// Display form of a TypeInfo: "varchar(255)", "public.mood[]".
std::string type_display(const TypeInfo& type);

// SQL text of an expression node, rendered back from the parse tree (for display and
// for comparing expressions); "<expr>" parts for nodes it does not know.
std::string expression_sql(sqlparse::Node expr);

// The sequence a column default's nextval('...') names, as written ("app.seq", "seq").
std::optional<QualifiedName> nextval_sequence(const std::string& default_sql);

}  // namespace analyzer
