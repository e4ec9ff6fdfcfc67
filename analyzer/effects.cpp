#include "analyzer/effects.h"

#include <algorithm>

#include "analyzer/effects_internal.h"

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
  if (created.count(qualified)) return;
  for (RelationLock& l : effects.locks) {
    if (l.relation == qualified) {
      l.mode = std::max(l.mode, mode);
      return;
    }
  }
  effects.locks.push_back({qualified, mode});
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
  for (const Index* index : schema.indexes_on(qualified)) add_unique(effects.rebuilt_indexes, index->name);
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
  if (stmt["relation"]["inh"].boolean()) b.lock_tree(table, mode);
  else b.lock(table, mode);
  if (t && t->kind == RelationKind::partitioned_table && !stmt["relation"]["inh"].boolean()) return;  // ON ONLY: invalid shell
  b.scan(table);
  if (concurrent) {
    b.scan(table);  // a second pass validates the index
    b.effects.transactional = false;
  }
}

void drop(Builder& b, Node stmt) {
  const std::string_view type = stmt["removeType"].str();
  const bool concurrent = stmt["concurrent"].boolean();
  const bool cascade = stmt["behavior"].str() == "DROP_CASCADE";
  const bool missing_ok = stmt["missing_ok"].boolean();
  for (Node object : stmt["objects"]) {
    const Node names = object["items"].valid() ? object["items"] : object;
    if (type == "OBJECT_TABLE" || type == "OBJECT_VIEW" || type == "OBJECT_MATVIEW" || type == "OBJECT_FOREIGN_TABLE") {
      const QualifiedName name = b.qualify(list_name(names));
      const Table* t = b.table(name);
      if (!t && missing_ok) continue;
      b.lock_tree(name, LockMode::AccessExclusive);
      if (!t) continue;
      // Its foreign keys' triggers live on the referenced tables too.
      for (const Constraint& con : t->constraints)
        if (con.kind == ConstraintKind::foreign_key && con.references != name)
          b.lock(con.references, LockMode::AccessExclusive);
      for (const auto& [referencing, con] : b.schema.foreign_keys_referencing(name)) {
        if (referencing->name == name) continue;
        if (cascade) b.lock(referencing->name, LockMode::AccessExclusive);
        else b.fail("cannot drop " + name.str() + ": foreign key " + con->name + " on " + referencing->name.str() +
                    " references it (needs CASCADE)");
      }
      for (const Table* view : b.schema.views_reading(name)) {
        if (cascade) b.lock(view->name, LockMode::AccessExclusive);
        else b.fail("cannot drop " + name.str() + ": " + view->name.str() + " reads it (needs CASCADE)");
      }
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
    }
  }
  if (concurrent) b.effects.transactional = false;
}

void rename(Builder& b, Node stmt) {
  const std::string_view type = stmt["renameType"].str();
  if (type == "OBJECT_INDEX") {
    // ALTER INDEX ... RENAME locks the index alone: SHARE UPDATE EXCLUSIVE from 12.
    const Index* index = b.schema.find_index(range_var_name(stmt["relation"]), b.session.search_path);
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
  for (Node rel : stmt["relations"]) {
    const QualifiedName name = b.qualify(range_var_name(rel));
    targets.push_back(name);
    if (rel["inh"].boolean())
      for (const QualifiedName& child : b.partitions(name)) targets.push_back(child);
  }
  for (const QualifiedName& name : targets) {
    b.lock(name, LockMode::AccessExclusive);
    const Table* t = b.table(name);
    if (!t || t->kind != RelationKind::partitioned_table) {
      // New, empty storage: nothing is copied, but the relfilenode changes.
      b.effects.rewrites.push_back(name);
      for (const Index* index : b.schema.indexes_on(name)) b.rebuild_index(index->name);
    }
    for (const auto& [referencing, con] : b.schema.foreign_keys_referencing(name)) {
      if (std::find(targets.begin(), targets.end(), referencing->name) != targets.end()) continue;
      if (cascade) b.lock(referencing->name, LockMode::AccessExclusive);
      else b.fail("cannot truncate " + name.str() + ": foreign key " + con->name + " on " + referencing->name.str() +
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

void refresh_materialized_view(Builder& b, Node stmt) {
  const QualifiedName view = b.qualify(range_var_name(stmt["relation"]));
  const bool concurrent = stmt["concurrent"].boolean();
  b.lock(view, concurrent ? LockMode::Exclusive : LockMode::AccessExclusive);
  if (!concurrent) {
    b.effects.rewrites.push_back(view);  // the query's result replaces the storage
    for (const Index* index : b.schema.indexes_on(view)) b.rebuild_index(index->name);
  } else if (stmt["skipData"].boolean()) {
    b.fail("REFRESH MATERIALIZED VIEW CONCURRENTLY cannot be used WITH NO DATA");
  }
  if (const Table* t = b.table(view)) {
    for (const QualifiedName& base : t->view.tables) {
      b.lock_tree(base, LockMode::AccessShare);
      if (!stmt["skipData"].boolean()) b.scan(base);
    }
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

void vacuum(Builder& b, Node stmt) {
  bool full = false;
  for (Node opt : stmt["options"])
    if (opt["defname"].str() == "full" && (!opt["arg"] || opt["arg"].str() != "false")) full = true;
  for (Node rel : stmt["rels"]) {
    const QualifiedName name = b.qualify(range_var_name(rel["relation"]));
    if (full) {
      b.lock_tree(name, LockMode::AccessExclusive);
      b.rewrite(name);
    } else {
      b.lock_tree(name, LockMode::ShareUpdateExclusive);
    }
  }
  if (stmt["is_vacuumcmd"].boolean()) b.effects.transactional = false;
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
    if (stmt["relation"]) {
      const QualifiedName table = b.qualify(range_var_name(stmt["relation"]));
      b.lock_tree(table, LockMode::AccessExclusive);
      b.rewrite(table);
    } else {
      b.effects.transactional = false;  // CLUSTER without a table
    }
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
    query_locks(b, stmt["query"]);
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
