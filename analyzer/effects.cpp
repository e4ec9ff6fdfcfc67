#include "analyzer/effects.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <unordered_set>

#include "analyzer/effects_internal.h"
#include "analyzer/user_types.h"

namespace analyzer {

using sqlparse::Node;

std::string_view lock_mode_name(LockMode mode) {
  switch (mode) {
    case LockMode::AccessShare: return "AccessShareLock";
    case LockMode::RowShare: return "RowShareLock";
    case LockMode::RowExclusive: return "RowExclusiveLock";
    case LockMode::ShareUpdateExclusive: return "ShareUpdateExclusiveLock";
    case LockMode::Share: return "ShareLock";
    case LockMode::ShareRowExclusive: return "ShareRowExclusiveLock";
    case LockMode::Exclusive: return "ExclusiveLock";
    case LockMode::AccessExclusive: return "AccessExclusiveLock";
  }
  return "";
}

bool blocks_reads(LockMode mode) { return mode == LockMode::AccessExclusive; }
bool blocks_writes(LockMode mode) { return mode >= LockMode::Share; }

// The conflict table of the "Explicit Locking" documentation page, in words.
std::string_view lock_blocks_description(LockMode mode) {
  switch (mode) {
    case LockMode::AccessShare: return "blocks only ACCESS EXCLUSIVE (ALTER TABLE, DROP, TRUNCATE, VACUUM FULL)";
    case LockMode::RowShare: return "blocks only EXCLUSIVE and ACCESS EXCLUSIVE locks";
    case LockMode::RowExclusive: return "blocks SHARE locks (CREATE INDEX) and stronger";
    case LockMode::ShareUpdateExclusive: return "blocks other schema changes, VACUUM and ANALYZE; reads and writes go on";
    case LockMode::Share: return "blocks writes";
    case LockMode::ShareRowExclusive: return "blocks writes";
    case LockMode::Exclusive: return "blocks writes and SELECT ... FOR UPDATE; plain reads go on";
    case LockMode::AccessExclusive: return "blocks reads and writes";
  }
  return "";
}

const RelationLock* Effects::lock_on(const QualifiedName& relation) const {
  for (const RelationLock& l : locks)
    if (l.relation == relation) return &l;
  return nullptr;
}

const RelationLock* Effects::strongest() const {
  const RelationLock* best = nullptr;
  for (const RelationLock& l : locks)
    if (!best || l.mode > best->mode) best = &l;
  return best;
}

bool Effects::rewrites_table(const QualifiedName& relation) const {
  return std::find(rewrites.begin(), rewrites.end(), relation) != rewrites.end();
}

bool Effects::scans_table(const QualifiedName& relation) const {
  return std::find(scans.begin(), scans.end(), relation) != scans.end();
}

namespace effects_detail {
namespace {

void add_unique(std::vector<QualifiedName>& v, const QualifiedName& q) {
  if (std::find(v.begin(), v.end(), q) == v.end()) v.push_back(q);
}

// Appends the indexes' names that `v` does not hold yet. The names differ from each other (one
// index per name), so only the entries `v` had before need checking; a table with hundreds of
// indexes made one add_unique per index quadratic.
void add_unique_indexes(std::vector<QualifiedName>& v, const std::vector<const Index*>& indexes) {
  const std::size_t before = v.size();
  v.reserve(before + indexes.size());
  constexpr std::size_t linear_search_limit = 16;
  if (before <= linear_search_limit) {
    for (const Index* index : indexes)
      if (std::find(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(before), index->name) ==
          v.begin() + static_cast<std::ptrdiff_t>(before))
        v.push_back(index->name);
    return;
  }
  const std::unordered_set<QualifiedName, NameHash, NameEqual> present(v.begin(), v.end());
  for (const Index* index : indexes)
    if (!present.count(index->name)) v.push_back(index->name);
}

}  // namespace

const Table* Builder::table(const QualifiedName& qualified) const {
  auto it = schema.tables().find(qualified);
  return it == schema.tables().end() ? nullptr : &it->second;
}

std::vector<QualifiedName> Builder::partitions(const QualifiedName& qualified) const {
  std::vector<QualifiedName> out;
  for (const Table* child : schema.partitions_of(qualified)) {
    out.push_back(child->name);
    for (const QualifiedName& grandchild : partitions(child->name)) out.push_back(grandchild);
  }
  return out;
}

const Table* Builder::default_partition(const QualifiedName& parent) const {
  for (const Table* child : schema.partitions_of(parent))
    if (child->partition_bound_sql == "DEFAULT") return child;
  return nullptr;
}

void Builder::lock(const QualifiedName& qualified, LockMode mode) {
  if (!created.empty() && created.count(qualified)) return;
  std::vector<RelationLock>& locks = effects.locks;
  // A few locks: a linear search is cheaper than hashing. Past that, lock_slots_ indexes them.
  constexpr std::size_t linear_search_limit = 16;
  if (locks.size() < linear_search_limit) {
    if (locks.empty()) locks.reserve(4);  // most statements lock a relation or three: one allocation
    for (RelationLock& l : locks) {
      if (l.relation == qualified) {
        l.mode = std::max(l.mode, mode);
        return;
      }
    }
    locks.push_back({qualified, mode});
    return;
  }
  // At most half the slots in use keeps the probe sequences short.
  if (lock_slots_.size() < 2 * (locks.size() + 1)) index_locks(4 * (locks.size() + 1));
  const std::size_t mask = lock_slots_.size() - 1;
  for (std::size_t i = NameHash{}(qualified) & mask;; i = (i + 1) & mask) {
    if (lock_slots_[i] == 0) {
      lock_slots_[i] = static_cast<std::uint32_t>(locks.size() + 1);
      locks.push_back({qualified, mode});
      return;
    }
    RelationLock& l = locks[lock_slots_[i] - 1];
    if (l.relation == qualified) {
      l.mode = std::max(l.mode, mode);
      return;
    }
  }
}

void Builder::index_locks(std::size_t capacity) {
  std::size_t size = 64;
  while (size < capacity) size *= 2;  // a power of two: the hash is masked, not divided
  lock_slots_.assign(size, 0);
  const std::size_t mask = size - 1;
  const std::vector<RelationLock>& locks = effects.locks;
  for (std::size_t position = 0; position < locks.size(); ++position) {
    std::size_t i = NameHash{}(locks[position].relation) & mask;
    while (lock_slots_[i] != 0) i = (i + 1) & mask;
    lock_slots_[i] = static_cast<std::uint32_t>(position + 1);
  }
}

void Builder::lock_tree(const QualifiedName& qualified, LockMode mode) {
  lock(qualified, mode);
  for (const QualifiedName& child : partitions(qualified)) lock(child, mode);
}

void Builder::rewrite(const QualifiedName& qualified) {
  const Table* t = table(qualified);
  if (t && t->kind == RelationKind::partitioned_table) {
    for (const QualifiedName& child : partitions(qualified)) rewrite(child);
    return;
  }
  add_unique(effects.rewrites, qualified);
  add_unique(effects.scans, qualified);  // copying the rows reads them all
  add_unique_indexes(effects.rebuilt_indexes, schema.indexes_on(qualified));
}

void Builder::scan(const QualifiedName& qualified) {
  const Table* t = table(qualified);
  if (t && t->kind == RelationKind::partitioned_table) {
    for (const QualifiedName& child : partitions(qualified)) scan(child);
    return;
  }
  add_unique(effects.scans, qualified);
}

void Builder::rebuild_index(const QualifiedName& index) { add_unique(effects.rebuilt_indexes, index); }

void Builder::fail(std::string reason) {
  if (std::find(effects.failures.begin(), effects.failures.end(), reason) == effects.failures.end())
    effects.failures.push_back(std::move(reason));
}

void Builder::note(std::string text) {
  if (std::find(effects.notes.begin(), effects.notes.end(), text) == effects.notes.end())
    effects.notes.push_back(std::move(text));
}

namespace {

LockMode lock_mode_from_number(std::int64_t n) {
  // LOCK TABLE's mode is lockdefs.h's number: AccessShareLock = 1 ... AccessExclusiveLock = 8.
  if (n < 1 || n > 8) return LockMode::AccessExclusive;
  return static_cast<LockMode>(n - 1);
}

// Views read through: locking or reading a view locks the tables its query reads.
void lock_view_bases(Builder& b, const QualifiedName& relation, LockMode mode, int depth = 0) {
  const Table* t = b.table(relation);
  if (!t || t->kind != RelationKind::view || depth > 16) return;
  for (const QualifiedName& base : t->view.tables) {
    b.lock_tree(base, mode);
    lock_view_bases(b, base, mode, depth + 1);
  }
}

void create_index(Builder& b, Node stmt) {
  const QualifiedName table = b.qualify(range_var_name(stmt["relation"]));
  const bool concurrent = stmt["concurrent"].boolean();
  const Table* t = b.table(table);
  if (concurrent && t && t->kind == RelationKind::partitioned_table)
    b.fail("CREATE INDEX CONCURRENTLY is not supported on a partitioned table; create it on each partition");
  const LockMode mode = concurrent ? LockMode::ShareUpdateExclusive : LockMode::Share;
  if (concurrent) b.effects.transactional = false;
  if (stmt["relation"]["inh"].boolean()) b.lock_tree(table, mode);
  else b.lock(table, mode);
  if (t && t->kind == RelationKind::partitioned_table && !stmt["relation"]["inh"].boolean()) return;  // ON ONLY: invalid shell
  // IF NOT EXISTS checks the name after the table is locked: a relation of that name in the
  // table's schema means nothing is built (checked on 15: the lock, no scan).
  if (stmt["if_not_exists"].boolean() && !stmt["idxname"].str().empty()) {
    const QualifiedName index_name{table.schema, std::string(stmt["idxname"].str())};
    if (b.schema.indexes().count(index_name) || b.table(index_name)) {
      b.note("a relation named " + index_name.str() + " exists: IF NOT EXISTS builds nothing");
      return;
    }
  }
  b.scan(table);  // a CONCURRENTLY build's second pass, which validates the index, reads it again
}

// ---- DROP and what it takes with it ------------------------------------------------

// DROP drops, or with CASCADE also drops, what depends on the dropped objects, and takes ACCESS
// EXCLUSIVE on every relation it drops or changes (checked on 15): the partitions of a dropped
// table and the parent of a dropped partition; the tables whose foreign keys reference a dropped
// table; the views that read a dropped relation or column, and the views reading those; the
// tables that lose a column of a dropped type or domain, a default calling a dropped sequence,
// a trigger calling a dropped function. Without CASCADE any such dependent makes it fail.
class DropDependents {
 public:
  DropDependents(Builder& b, bool cascade) : b_(b), cascade_(cascade) {}

  // Relations the statement names: dropped together, so one depending on another needs no CASCADE.
  void named(const QualifiedName& relation) { dropped_.insert(relation); }

  void relation(const QualifiedName& name) {
    if (!visited_.insert(name).second) return;
    dropped_.insert(name);
    b_.lock(name, LockMode::AccessExclusive);
    const Table* t = b_.table(name);
    if (!t) return;
    for (const QualifiedName& child : b_.partitions(name)) relation(child);
    if (!t->partition_of.name.empty()) b_.lock(t->partition_of, LockMode::AccessExclusive);
    // Its foreign keys' triggers live on the referenced tables too.
    for (const Constraint& con : t->constraints)
      if (con.kind == ConstraintKind::foreign_key && con.references != name)
        b_.lock(con.references, LockMode::AccessExclusive);
    for (const auto& [referencing, con] : b_.schema.foreign_keys_referencing(name)) {
      if (dropped_.count(referencing->name)) continue;
      if (allowed(name.str(), "foreign key " + con->name + " on " + referencing->name.str() + " references it"))
        b_.lock_tree(referencing->name, LockMode::AccessExclusive);
    }
    for (const Table* view : b_.schema.views_reading(name)) {
      if (dropped_.count(view->name)) continue;
      if (allowed(name.str(), view->name.str() + " reads it")) relation(view->name);
    }
  }

  // Types and domains that go (`what` names them in a failure): the domains based on them and
  // every column of any of them, arrays included.
  void types(const std::set<QualifiedName>& dropped_types, const std::string& what) {
    const std::set<QualifiedName> all = with_domains_over(dropped_types, b_.schema, b_.session.search_path);
    for (const QualifiedName& domain : all)
      if (!dropped_types.count(domain)) allowed(what, "domain " + domain.str() + " is based on it");
    for (const auto& [name, table] : b_.schema.tables()) {
      if (dropped_.count(name)) continue;
      for (const Column& col : table.columns) {
        if (!all.count(user_type_name(col.type_info, b_.schema, b_.session.search_path))) continue;
        if (!allowed(what, "column " + name.str() + "." + col.name + " uses it")) continue;
        if (table.is_view()) relation(name);
        else column(table, col.name);
      }
    }
  }

  void sequence(const QualifiedName& name) {
    if (const Sequence* seq = b_.schema.find_sequence(name, {}); seq && seq->owned_by) {
      const Table* owner = b_.table(seq->owned_by->table);
      const Column* col = owner ? owner->column(seq->owned_by->column) : nullptr;
      if (col && col->identity != IdentityKind::none && !dropped_.count(owner->name))
        b_.fail("cannot drop sequence " + name.str() + ": identity column " + owner->name.str() + "." + col->name +
                " requires it (drop the column or its identity instead)");
    }
    for (const auto& [table_name, table] : b_.schema.tables()) {
      if (dropped_.count(table_name)) continue;
      for (const Column& col : table.columns) {
        const std::optional<QualifiedName> used = nextval_sequence(col.default_sql);
        if (!used || used->name != name.name) continue;
        const bool same = used->qualified() ? used->schema == name.schema
                                            : name.schema == table_name.schema || name.schema == "public" ||
                                                  std::find(b_.session.search_path.begin(), b_.session.search_path.end(),
                                                            name.schema) != b_.session.search_path.end();
        if (same && allowed(name.str(), "the default of " + table_name.str() + "." + col.name + " uses it"))
          b_.lock(table_name, LockMode::AccessExclusive);  // the default is removed
      }
    }
  }

  // A function without arguments (as trigger functions are): the triggers that call it go.
  // `function` is unqualified when the model does not know it.
  void trigger_function(const QualifiedName& function) {
    for (const auto& [table_name, table] : b_.schema.tables()) {
      if (dropped_.count(table_name)) continue;
      for (const Trigger& trigger : table.triggers) {
        const std::vector<const Function*> found = b_.schema.find_functions(trigger.function, b_.session.search_path);
        const QualifiedName called = found.empty() ? trigger.function : found.front()->name;
        if (called.name != function.name ||
            (called.qualified() && function.qualified() && called.schema != function.schema))
          continue;
        if (allowed(function.str() + "()", "trigger " + trigger.name + " on " + table_name.str() + " calls it"))
          b_.lock(table_name, LockMode::AccessExclusive);
      }
    }
  }

 private:
  // A column that goes (a dropped type): its table changes, and its own dependents go.
  void column(const Table& table, const std::string& column) {
    b_.lock_tree(table.name, LockMode::AccessExclusive);
    for (const Constraint& con : table.constraints)
      if (con.kind == ConstraintKind::foreign_key && con.references != table.name &&
          std::find(con.columns.begin(), con.columns.end(), column) != con.columns.end())
        b_.lock(con.references, LockMode::AccessExclusive);
    const std::vector<std::string> key = b_.schema.primary_key(table.name);
    for (const auto& [referencing, con] : b_.schema.foreign_keys_referencing(table.name)) {
      const auto& cols = con->referenced_columns.empty() ? key : con->referenced_columns;
      if (!dropped_.count(referencing->name) && std::find(cols.begin(), cols.end(), column) != cols.end())
        b_.lock_tree(referencing->name, LockMode::AccessExclusive);
    }
    for (const Table* view : b_.schema.views_reading(table.name, column))
      if (!dropped_.count(view->name)) relation(view->name);
  }

  bool allowed(const std::string& what, const std::string& dependent) {
    if (cascade_) return true;
    b_.fail("cannot drop " + what + ": " + dependent + " (needs CASCADE)");
    return false;
  }

  Builder& b_;
  const bool cascade_;
  std::set<QualifiedName> dropped_;  // dropped, or named by the statement
  std::set<QualifiedName> visited_;  // relations whose dependents were looked at
};

// DROP SCHEMA: everything in it goes, and with CASCADE whatever outside depends on that.
void drop_schema(Builder& b, const std::string& schema, bool cascade) {
  std::vector<QualifiedName> relations, types, sequences, functions;
  for (const auto& [name, unused] : b.schema.tables())
    if (name.schema == schema) relations.push_back(name);
  for (const auto& [name, unused] : b.schema.enums())
    if (name.schema == schema) types.push_back(name);
  for (const auto& [name, unused] : b.schema.domains())
    if (name.schema == schema) types.push_back(name);
  for (const auto& [name, unused] : b.schema.sequences())
    if (name.schema == schema) sequences.push_back(name);
  for (const auto& [name, unused] : b.schema.functions())
    if (name.schema == schema) functions.push_back(name);
  const bool empty = relations.empty() && types.empty() && sequences.empty() && functions.empty();
  if (!cascade) {
    if (!empty) b.fail("cannot drop schema " + schema + ": it is not empty (needs CASCADE)");
    return;
  }
  DropDependents drop(b, true);
  for (const QualifiedName& name : relations) drop.named(name);
  for (const QualifiedName& name : relations) drop.relation(name);
  drop.types({types.begin(), types.end()}, "schema " + schema);
  for (const QualifiedName& name : sequences) drop.sequence(name);
  for (const QualifiedName& name : functions) drop.trigger_function(name);
}

void drop(Builder& b, Node stmt) {
  const std::string_view type = stmt["removeType"].str();
  const bool concurrent = stmt["concurrent"].boolean();
  const bool cascade = stmt["behavior"].str() == "DROP_CASCADE";
  const bool missing_ok = stmt["missing_ok"].boolean();
  DropDependents dependents(b, cascade);
  const auto names_of = [](Node object) { return object["items"].valid() ? object["items"] : object; };
  const bool relation_type =
      type == "OBJECT_TABLE" || type == "OBJECT_VIEW" || type == "OBJECT_MATVIEW" || type == "OBJECT_FOREIGN_TABLE";
  if (relation_type)
    for (Node object : stmt["objects"]) dependents.named(b.qualify(list_name(names_of(object))));
  for (Node object : stmt["objects"]) {
    const Node names = names_of(object);
    if (relation_type) {
      const QualifiedName name = b.qualify(list_name(names));
      if (!b.table(name) && missing_ok) continue;
      dependents.relation(name);
    } else if (type == "OBJECT_INDEX") {
      const Index* index = b.schema.find_index(list_name(names), b.session.search_path);
      if (!index) {
        if (!missing_ok) b.note("index " + list_name(names).str() + " is not in the schema model: its table is unknown");
        continue;
      }
      b.lock(index->table, concurrent ? LockMode::ShareUpdateExclusive : LockMode::AccessExclusive);
    } else if (type == "OBJECT_TRIGGER" || type == "OBJECT_RULE" || type == "OBJECT_POLICY") {
      // [schema.]table.trigger: the table is everything but the last name.
      const std::size_t n = names.size();
      if (n < 2) continue;
      QualifiedName table;
      table.name = std::string(names.at(n - 2).str());
      if (n >= 3) table.schema = std::string(names.at(n - 3).str());
      b.lock(b.qualify(table), LockMode::AccessExclusive);
    } else if (type == "OBJECT_TYPE" || type == "OBJECT_DOMAIN") {
      const QualifiedName written = list_name(object["names"]);
      QualifiedName name;
      if (const EnumType* e = b.schema.find_enum(written, b.session.search_path)) name = e->name;
      else if (const Domain* d = b.schema.find_domain(written, b.session.search_path)) name = d->name;
      else continue;  // a type the model does not know: nothing known depends on it
      dependents.types({name}, (type == "OBJECT_TYPE" ? "type " : "domain ") + name.str());
    } else if (type == "OBJECT_SEQUENCE") {
      if (const Sequence* seq = b.schema.find_sequence(list_name(names), b.session.search_path))
        dependents.sequence(seq->name);
    } else if (type == "OBJECT_FUNCTION" || type == "OBJECT_PROCEDURE" || type == "OBJECT_ROUTINE") {
      // Triggers call functions without arguments: DROP FUNCTION f(int) drops none of them.
      if (!object["args_unspecified"].boolean() && object["objargs"].size() > 0) continue;
      const QualifiedName written = list_name(object["objname"]);
      const std::vector<const Function*> found = b.schema.find_functions(written, b.session.search_path);
      dependents.trigger_function(found.empty() ? written : found.front()->name);
    } else if (type == "OBJECT_SCHEMA") {
      drop_schema(b, std::string(object.str()), cascade);
    }
  }
  if (concurrent) b.effects.transactional = false;
}

void rename(Builder& b, Node stmt) {
  const std::string_view type = stmt["renameType"].str();
  if (type == "OBJECT_INDEX") {
    // ALTER INDEX ... RENAME locks the index alone: SHARE UPDATE EXCLUSIVE from 12.
    const Index* index = b.schema.find_index(range_var_name(stmt["relation"]), b.session.search_path);
    if (!index && stmt["missing_ok"].boolean()) return;  // IF EXISTS: an unknown index is taken to be missing
    const QualifiedName name = index ? index->name : b.qualify(range_var_name(stmt["relation"]));
    b.lock(name, b.pg_version >= 12 ? LockMode::ShareUpdateExclusive : LockMode::AccessExclusive);
  } else if (stmt["relation"]) {
    const QualifiedName table = b.qualify(range_var_name(stmt["relation"]));
    // Renaming a column or constraint recurses to partitions and children.
    if (type == "OBJECT_COLUMN" || type == "OBJECT_TABCONSTRAINT") b.lock_tree(table, LockMode::AccessExclusive);
    else b.lock(table, LockMode::AccessExclusive);
  }
}

void truncate(Builder& b, Node stmt) {
  const bool cascade = stmt["behavior"].str() == "DROP_CASCADE";
  std::vector<QualifiedName> targets;
  const auto add = [&](const QualifiedName& name) {
    if (std::find(targets.begin(), targets.end(), name) == targets.end()) targets.push_back(name);
  };
  for (Node rel : stmt["relations"]) {
    const QualifiedName name = b.qualify(range_var_name(rel));
    add(name);
    if (rel["inh"].boolean())
      for (const QualifiedName& child : b.partitions(name)) add(child);
  }
  // CASCADE truncates every table whose foreign key references a truncated one, and the tables
  // referencing those, until none is left (heap_truncate_find_FKs; checked on 15).
  if (cascade) {
    for (std::size_t k = 0; k < targets.size(); ++k) {
      for (const auto& [referencing, con] : b.schema.foreign_keys_referencing(targets[k])) {
        add(referencing->name);
        for (const QualifiedName& child : b.partitions(referencing->name)) add(child);
      }
    }
  }
  for (const QualifiedName& name : targets) {
    b.lock(name, LockMode::AccessExclusive);
    const Table* t = b.table(name);
    if (!t || t->kind != RelationKind::partitioned_table) {
      // New, empty storage: nothing is copied, but the relfilenode changes.
      if (!b.effects.rewrites_table(name)) b.effects.rewrites.push_back(name);
      for (const Index* index : b.schema.indexes_on(name)) b.rebuild_index(index->name);
    }
    if (cascade) continue;
    for (const auto& [referencing, con] : b.schema.foreign_keys_referencing(name)) {
      if (std::find(targets.begin(), targets.end(), referencing->name) != targets.end()) continue;
      b.fail("cannot truncate " + name.str() + ": foreign key " + con->name + " on " + referencing->name.str() +
             " references it (truncate both, or CASCADE)");
    }
  }
  if (!targets.empty()) b.note("TRUNCATE gives the table new, empty storage (no rows are copied)");
}

void create_table(Builder& b, Node stmt) {
  const QualifiedName created = b.qualify(range_var_name(stmt["relation"]));
  b.created.insert(created);
  const auto reference = [&](Node con) {
    if (con["contype"].str() == "CONSTR_FOREIGN") {
      const QualifiedName referenced = b.qualify(range_var_name(con["pktable"]));
      if (referenced != created) b.lock(referenced, LockMode::ShareRowExclusive);
    }
  };
  for (Node elt : stmt["tableElts"]) {
    if (elt.is("Constraint")) reference(elt);
    for (Node con : elt["constraints"]) reference(con);
    if (elt.is("TableLikeClause")) b.lock(b.qualify(range_var_name(elt["relation"])), LockMode::AccessShare);
  }
  for (Node parent_node : stmt["inhRelations"]) {
    const QualifiedName parent = b.qualify(range_var_name(parent_node));
    if (!stmt["partbound"]) {
      b.lock(parent, LockMode::ShareUpdateExclusive);  // INHERITS
      continue;
    }
    // PARTITION OF: the parent is locked ACCESS EXCLUSIVE; a default partition is
    // scanned for rows that now belong to the new partition.
    b.lock(parent, LockMode::AccessExclusive);
    if (stmt["partbound"]["is_default"].boolean()) continue;
    if (const Table* def = b.default_partition(parent)) {
      b.lock(def->name, LockMode::AccessExclusive);
      b.scan(def->name);
    }
  }
}

// CONCURRENTLY needs a unique index over plain columns, without a WHERE clause.
bool has_refresh_key(const Builder& b, const QualifiedName& view) {
  for (const Index* index : b.schema.indexes_on(view)) {
    const bool plain = std::all_of(index->expressions.begin(), index->expressions.end(),
                                   [](const std::string& e) { return e.empty(); });
    if (index->unique && plain && index->predicate_sql.empty() && !index->columns.empty()) return true;
  }
  return false;
}

void refresh_materialized_view(Builder& b, Node stmt) {
  const QualifiedName view = b.qualify(range_var_name(stmt["relation"]));
  const bool concurrent = stmt["concurrent"].boolean();
  const bool no_data = stmt["skipData"].boolean();
  const Table* t = b.table(view);
  b.lock(view, concurrent ? LockMode::Exclusive : LockMode::AccessExclusive);
  if (concurrent) {
    if (no_data) b.fail("REFRESH MATERIALIZED VIEW CONCURRENTLY cannot be used WITH NO DATA");
    if (t && !t->populated)
      b.fail("REFRESH MATERIALIZED VIEW CONCURRENTLY cannot be used while " + view.str() +
             " is not populated (WITH NO DATA): refresh it once without CONCURRENTLY");
    if (t && !has_refresh_key(b, view))
      b.fail("REFRESH MATERIALIZED VIEW CONCURRENTLY needs a unique index on " + view.str() +
             " over plain columns, without a WHERE clause");
  }
  // WITH NO DATA does not run the query: the tables it reads are not touched (checked on 15).
  if (t && !no_data) {
    for (const QualifiedName& base : t->view.tables) {
      b.lock_tree(base, LockMode::AccessShare);
      b.scan(base);
    }
  }
  if (!concurrent) {
    b.effects.rewrites.push_back(view);  // the query's result replaces the storage
    const std::vector<const Index*> indexes = b.schema.indexes_on(view);
    for (const Index* index : indexes) b.rebuild_index(index->name);
    // The indexes are built anew from the new storage, which reads it (empty or not).
    if (!indexes.empty()) b.scan(view);
  } else {
    b.scan(view);  // the new result is compared with the whole view to find the rows to change
  }
}

void lock_table(Builder& b, Node stmt) {
  const LockMode mode = lock_mode_from_number(stmt["mode"].integer());
  for (Node rel : stmt["relations"]) {
    const QualifiedName name = b.qualify(range_var_name(rel));
    if (rel["inh"].boolean()) b.lock_tree(name, mode);
    else b.lock(name, mode);
    lock_view_bases(b, name, mode);
  }
  if (!b.session.in_transaction()) b.fail("LOCK TABLE can only be used in a transaction block");
}

// The relations VACUUM, ANALYZE and CLUSTER process when no table is named: tables,
// partitioned tables and materialized views, not views, foreign or temporary tables.
std::vector<const Table*> database_tables(const Builder& b) {
  std::vector<const Table*> out;
  for (const auto& [name, t] : b.schema.tables())
    if ((t.kind == RelationKind::table || t.kind == RelationKind::partitioned_table ||
         t.kind == RelationKind::materialized_view) &&
        t.persistence != Persistence::temporary)
      out.push_back(&t);
  return out;
}

void vacuum(Builder& b, Node stmt) {
  bool full = false;
  for (Node opt : stmt["options"])
    if (opt["defname"].str() == "full" && (!opt["arg"] || opt["arg"].str() != "false")) full = true;
  const auto process = [&](const QualifiedName& name) {
    if (full) {
      b.lock_tree(name, LockMode::AccessExclusive);
      b.rewrite(name);
    } else {
      b.lock_tree(name, LockMode::ShareUpdateExclusive);
    }
  };
  for (Node rel : stmt["rels"]) process(b.qualify(range_var_name(rel["relation"])));
  if (stmt["rels"].size() == 0) {
    // Every table of the database (checked on 15: a partitioned table is locked too).
    for (const Table* t : database_tables(b)) process(t->name);
    b.note("without a table list it processes every table the role may " +
           std::string(stmt["is_vacuumcmd"].boolean() ? "vacuum" : "analyze") +
           " (all of them for the owner or a superuser)");
  }
  if (stmt["is_vacuumcmd"].boolean()) b.effects.transactional = false;
}

void cluster(Builder& b, Node stmt) {
  if (!stmt["relation"]) {
    // Every table with an index marked clustered (pg_index.indisclustered), each in a
    // transaction of its own.
    b.effects.transactional = false;
    for (const auto& [name, index] : b.schema.indexes()) {
      if (!index.clustered) continue;
      b.lock(index.table, LockMode::AccessExclusive);
      b.rewrite(index.table);
    }
    b.note("CLUSTER without a table reclusters every table clustered before that the role owns");
    return;
  }
  const QualifiedName table = b.qualify(range_var_name(stmt["relation"]));
  const Table* t = b.table(table);
  b.lock_tree(table, LockMode::AccessExclusive);
  b.rewrite(table);
  // A partitioned table is clustered one partition per transaction (checked on 15).
  if (t && t->kind == RelationKind::partitioned_table) b.effects.transactional = false;
  if (t && stmt["indexname"].str().empty()) {
    const auto indexes = b.schema.indexes_on(table);
    if (std::none_of(indexes.begin(), indexes.end(), [](const Index* i) { return i->clustered; }))
      b.fail("there is no previously clustered index for " + table.str() + ": name one with CLUSTER ... USING");
  }
}

// ALTER DOMAIN ... ADD CONSTRAINT (without NOT VALID), VALIDATE CONSTRAINT and SET NOT NULL
// check every stored column of the domain, or of a domain over it: SHARE on each table and
// materialized view holding one, and a scan (validateDomainConstraint; checked on 15, where a
// partitioned table and a view holding the column are not locked). A column that is an array
// of the domain makes the statement fail.
void alter_domain(Builder& b, Node stmt) {
  const Domain* domain = b.schema.find_domain(list_name(stmt["typeName"]), b.session.search_path);
  if (!domain) return;
  const std::string_view sub = stmt["subtype"].str();
  const bool checks = (sub == "C" && !stmt["def"]["skip_validation"].boolean()) || sub == "V" ||
                      (sub == "O" && !domain->not_null);
  if (!checks) return;
  const std::set<QualifiedName> domains = with_domains_over({domain->name}, b.schema, b.session.search_path);
  for (const auto& [name, table] : b.schema.tables()) {
    if (table.kind != RelationKind::table && table.kind != RelationKind::materialized_view) continue;
    for (const Column& col : table.columns) {
      if (!domains.count(user_type_name(col.type_info, b.schema, b.session.search_path))) continue;
      if (col.type_info.array_dims > 0) {
        b.fail("cannot alter domain " + domain->name.str() + ": column " + name.str() + "." + col.name +
               " is an array of it");
        continue;
      }
      b.lock(name, LockMode::Share);
      b.scan(name);
    }
  }
}

void reindex(Builder& b, Node stmt) {
  bool concurrent = false;
  for (Node opt : stmt["params"])
    if (opt["defname"].str() == "concurrently") concurrent = true;
  const std::string_view target = stmt["kind"].str();
  const LockMode mode = concurrent ? LockMode::ShareUpdateExclusive : LockMode::Share;
  if (target == "REINDEX_OBJECT_TABLE" && stmt["relation"]) {
    const QualifiedName table = b.qualify(range_var_name(stmt["relation"]));
    b.lock_tree(table, mode);
    b.scan(table);
    for (const Index* index : b.schema.indexes_on(table)) b.rebuild_index(index->name);
  } else if (target == "REINDEX_OBJECT_INDEX" && stmt["relation"]) {
    if (const Index* index = b.schema.find_index(range_var_name(stmt["relation"]), b.session.search_path)) {
      b.lock(index->table, mode);
      b.scan(index->table);
      b.rebuild_index(index->name);
    }
  }
  if (concurrent || target == "REINDEX_OBJECT_SCHEMA" || target == "REINDEX_OBJECT_SYSTEM" ||
      target == "REINDEX_OBJECT_DATABASE")
    b.effects.transactional = false;
}

void comment(Builder& b, Node stmt) {
  // COMMENT ON TABLE / COLUMN / VIEW takes SHARE UPDATE EXCLUSIVE on the relation (checked on 15).
  const std::string_view type = stmt["objtype"].str();
  const Node names = stmt["object"]["items"].valid() ? stmt["object"]["items"] : stmt["object"];
  if (type == "OBJECT_TABLE" || type == "OBJECT_VIEW" || type == "OBJECT_MATVIEW") {
    b.lock(b.qualify(list_name(names)), LockMode::ShareUpdateExclusive);
  } else if (type == "OBJECT_COLUMN" && names.size() >= 2) {
    QualifiedName table;
    table.name = std::string(names.at(names.size() - 2).str());
    if (names.size() >= 3) table.schema = std::string(names.at(names.size() - 3).str());
    b.lock(b.qualify(table), LockMode::ShareUpdateExclusive);
  }
}

void alter_enum(Builder& b, Node stmt) {
  if (stmt["oldVal"]) return;  // RENAME VALUE
  // ALTER TYPE ... ADD VALUE could not run in a transaction block before 12; from 12 it
  // can, but the new value cannot be used until the transaction commits.
  if (b.pg_version < 12) b.effects.transactional = false;
  else if (b.session.in_transaction())
    b.note("the new enum value cannot be used until the transaction commits");
}

}  // namespace
}  // namespace effects_detail

Volatility expression_volatility(sqlparse::Node expr, const Schema& schema, const SessionState& session,
                                 int pg_version) {
  effects_detail::Builder builder(schema, session, pg_version);
  return effects_detail::expression_volatility(expr, builder);
}

Effects compute_effects(const sqlparse::Statement& statement, const Schema& schema, const SessionState& session,
                        int pg_version) {
  using namespace effects_detail;
  Builder b(schema, session, pg_version);
  const Node stmt = statement.tree;
  const std::string_view kind = stmt.kind();

  if (kind == "IndexStmt") {
    create_index(b, stmt);
  } else if (kind == "AlterTableStmt") {
    alter_table(b, stmt);
  } else if (kind == "DropStmt") {
    drop(b, stmt);
  } else if (kind == "RenameStmt") {
    rename(b, stmt);
  } else if (kind == "AlterObjectSchemaStmt") {
    if (stmt["relation"]) b.lock(b.qualify(range_var_name(stmt["relation"])), LockMode::AccessExclusive);
  } else if (kind == "UpdateStmt" || kind == "DeleteStmt" || kind == "InsertStmt" || kind == "SelectStmt" ||
             kind == "MergeStmt") {
    query_locks(b, stmt);
  } else if (kind == "TruncateStmt") {
    truncate(b, stmt);
  } else if (kind == "CreateTrigStmt") {
    b.lock(b.qualify(range_var_name(stmt["relation"])), LockMode::ShareRowExclusive);
  } else if (kind == "ClusterStmt") {
    cluster(b, stmt);
  } else if (kind == "AlterDomainStmt") {
    alter_domain(b, stmt);
  } else if (kind == "VacuumStmt") {
    vacuum(b, stmt);
  } else if (kind == "ReindexStmt") {
    reindex(b, stmt);
  } else if (kind == "CreateStmt") {
    create_table(b, stmt);
  } else if (kind == "ViewStmt" || kind == "CreateTableAsStmt") {
    const QualifiedName created =
        b.qualify(range_var_name(kind == "ViewStmt" ? stmt["view"] : stmt["into"]["rel"]));
    if (kind == "ViewStmt" && stmt["replace"].boolean() && b.table(created))
      b.lock(created, LockMode::AccessExclusive);
    else
      b.created.insert(created);
    query_locks(b, stmt["query"], kind == "CreateTableAsStmt");
  } else if (kind == "RefreshMatViewStmt") {
    refresh_materialized_view(b, stmt);
  } else if (kind == "LockStmt") {
    lock_table(b, stmt);
  } else if (kind == "CommentStmt") {
    comment(b, stmt);
  } else if (kind == "AlterEnumStmt") {
    alter_enum(b, stmt);
  } else if (kind == "CreatedbStmt" || kind == "DropdbStmt" || kind == "AlterSystemStmt" ||
             kind == "CreateTableSpaceStmt" || kind == "DropTableSpaceStmt") {
    b.effects.transactional = false;
  } else if (kind == "DoStmt") {
    b.note("DO block: its effects are not modelled");
  }

  if (!b.effects.transactional && session.in_transaction())
    b.fail("cannot run inside a transaction block");
  return std::move(b.effects);
}

}  // namespace analyzer
