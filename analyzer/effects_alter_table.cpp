// ALTER TABLE: lock level, rewrite and scan per subcommand. Lock levels follow the
// ALTER TABLE reference page ("the lock level taken is ... for each subform") and were
// checked against PostgreSQL 15 with pg_locks; rewrites with pg_class.relfilenode;
// scans with pg_stat_xact_user_tables.seq_scan.
#include <algorithm>
#include <set>

#include "analyzer/effects_internal.h"
#include "analyzer/pg_catalog.h"

namespace analyzer::effects_detail {

using sqlparse::Node;

namespace {

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::string lower_no_space(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '(' || c == ')' || c == '"') continue;
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return out;
}

// A validated CHECK whose top-level AND includes `col IS NOT NULL` proves the column has
// no NULLs; SET NOT NULL then skips its scan (12+: NotNullImpliedByRelConstraints).
// A strict comparison such as CHECK (col > 0) does not: a CHECK passes on NULL.
bool check_proves_not_null(const Constraint& c, std::string_view column) {
  if (c.kind != ConstraintKind::check || !c.validated) return false;
  const std::string expr = lower_no_space(c.expression_sql);
  const std::string wanted = lower_no_space(column) + "isnotnull";
  std::size_t start = 0;
  while (start <= expr.size()) {
    std::size_t end = expr.find("and", start);
    // "and" inside an identifier is rare in a NOT NULL check; a miss only costs a scan.
    if (end == std::string::npos) end = expr.size();
    if (expr.substr(start, end - start) == wanted) return true;
    start = end + 3;
  }
  return false;
}

enum class TypeChange { in_place, rebuild_indexes, rewrite };

// Base type of a domain without constraints; a domain with a CHECK or NOT NULL makes the
// conversion a rewrite (ATColumnChangeRequiresRewrite: CoerceToDomain with constraints).
bool resolve_domain(TypeInfo& type, Builder& b) {
  const Domain* domain = b.schema.find_domain(QualifiedName{type.schema, type.name}, b.session.search_path);
  if (!domain) return true;
  if (!domain->checks.empty() || domain->not_null) return false;
  const int dims = type.array_dims;
  type = domain->base;
  type.array_dims += dims;
  return true;
}

// Does the new typmod accept every value of the old one without a conversion? The
// support functions (varchar_support, numeric_support, timestamp_support, time_support,
// varbit_support, interval_support) turn such a length coercion into a no-op.
bool typmod_widens(const TypeInfo& from, const TypeInfo& to) {
  if (from.modifiers == to.modifiers) return true;
  const std::string& t = to.name;
  const bool has_support = t == "varchar" || t == "varbit" || t == "numeric" || t == "timestamp" ||
                           t == "timestamptz" || t == "time" || t == "timetz" || t == "interval";
  if (!has_support) return false;
  if (!to.has_modifiers()) return true;  // unbounded
  if (t == "interval") return false;
  if (!from.has_modifiers()) {
    // Unconstrained time types have the maximum precision (6).
    const bool time_type = t == "timestamp" || t == "timestamptz" || t == "time" || t == "timetz";
    return time_type && to.modifiers[0] >= 6;
  }
  if (t == "numeric") {
    const std::int64_t from_scale = from.modifiers.size() > 1 ? from.modifiers[1] : 0;
    const std::int64_t to_scale = to.modifiers.size() > 1 ? to.modifiers[1] : 0;
    return from_scale == to_scale && to.modifiers[0] >= from.modifiers[0];
  }
  return to.modifiers[0] >= from.modifiers[0];
}

// Binary-coercible types whose btree index keeps working: the index is reused
// (CheckIndexCompatible: same operator class). Checked on PostgreSQL 15.
bool same_operator_class(std::string_view from, std::string_view to) {
  const auto pair = [&](std::string_view a, std::string_view b) { return from == a && to == b; };
  return pair("varchar", "text") || pair("text", "varchar") || pair("cidr", "inet");
}

bool is_identity_using(Node using_expr, std::string_view column) {
  if (!using_expr) return true;
  if (!using_expr.is("ColumnRef")) return false;
  const Node fields = using_expr["fields"];
  return fields.size() >= 1 && fields.at(fields.size() - 1).str() == column;
}

TypeChange classify_type_change(TypeInfo from, TypeInfo to, Node using_expr, std::string_view column, Builder& b) {
  if (!is_identity_using(using_expr, column)) return TypeChange::rewrite;
  from.name = pg_catalog::canonical_type(from.name);
  to.name = pg_catalog::canonical_type(to.name);
  if (!resolve_domain(to, b)) return TypeChange::rewrite;
  resolve_domain(from, b);  // reading a domain as its base type is a relabel
  if (from.array_dims != to.array_dims) return TypeChange::rewrite;
  if (from.array_dims > 0)  // element conversions go through ArrayCoerceExpr: only a no-op is free
    return from.name == to.name && from.modifiers == to.modifiers ? TypeChange::in_place : TypeChange::rewrite;
  if (from.schema != to.schema) return TypeChange::rewrite;
  if (from.name == to.name) return typmod_widens(from, to) ? TypeChange::in_place : TypeChange::rewrite;
  const bool timestamps = (from.name == "timestamp" && to.name == "timestamptz") ||
                          (from.name == "timestamptz" && to.name == "timestamp");
  if (timestamps) {
    // The conversion is a no-op only when the session's zone has a zero offset; the
    // indexes still get rebuilt (different operator class).
    if (!b.session.timezone_is_utc()) {
      b.note("timestamp <-> timestamptz rewrites unless the session TimeZone is UTC (SET timezone = 'UTC')");
      return TypeChange::rewrite;
    }
    TypeInfo relabeled = from;
    relabeled.name = to.name;
    return typmod_widens(relabeled, to) ? TypeChange::rebuild_indexes : TypeChange::rewrite;
  }
  if (pg_catalog::binary_coercible(from.name, to.name)) {
    if (to.has_modifiers()) return TypeChange::rewrite;  // a length check on values of unknown length
    return same_operator_class(from.name, to.name) ? TypeChange::in_place : TypeChange::rebuild_indexes;
  }
  return TypeChange::rewrite;
}

struct AlterContext {
  Builder& b;
  QualifiedName table;
  const Table* model;  // nullptr when the model does not know the table
  bool recurse;        // not ONLY: subcommands apply to partitions too
  LockMode mode = LockMode::AccessShare;
  std::vector<std::string> dropped_constraints;  // by earlier subcommands of the statement
  std::string what() const { return table.str(); }
};

bool table_may_hold_rows(const AlterContext& c) {
  return !c.model || c.model->origin.kind != Origin::Kind::under_review;
}

// Marks a table, or the partitions of a partitioned one, as possibly read in full.
void possible_scan(Builder& b, const QualifiedName& table) {
  const Table* t = b.table(table);
  if (t && t->kind == RelationKind::partitioned_table) {
    for (const QualifiedName& child : b.partitions(table)) possible_scan(b, child);
    return;
  }
  auto& possible = b.effects.possible_scans;
  if (std::find(possible.begin(), possible.end(), table) == possible.end()) possible.push_back(table);
}

// Validating a foreign key (RI_Initial_Check) runs one query: the referencing table LEFT JOIN
// the referenced one, keeping the referencing rows whose non-null key finds no match. Every
// referencing row is read. The referenced table is read only when a referencing row has a
// non-null key (the executor ends a join whose outer side is empty before it starts the
// inner one), and then in full only if the planner picks a hash join; a nested loop or a
// merge join looks the keys up in its index. Checked on 15: a referencing table with rows
// gets a hash join over both; an empty one reads neither the referenced table nor its index.
// "Read in full" is about rows, not the access path: on vacuumed (all-visible) tables the
// planner may read every key from an index instead (Index Only Scan, seen on 15 with 200k rows),
// which pg_stat counts as an index scan, not a sequential one.
void validate_foreign_key(Builder& b, const QualifiedName& referencing, bool referencing_may_hold_rows,
                          const QualifiedName& referenced) {
  b.scan(referencing);
  possible_scan(b, referenced);
  if (referencing_may_hold_rows)
    b.note("whether validating the foreign key on " + referencing.str() + " reads all of " + referenced.str() +
           " depends on the plan: a hash join reads it in full, index lookups only the keys they look for");
  else
    b.note("validating the foreign key on the new table " + referencing.str() + " reads " + referenced.str() +
           " only if rows with keys were added to it");
}

// Keeps a table out of possible_scans once it is scanned for certain.
void drop_certain_from_possible(Effects& e) {
  std::erase_if(e.possible_scans, [&](const QualifiedName& q) { return e.scans_table(q); });
}

void add_column(AlterContext& c, Node cmd) {
  Builder& b = c.b;
  const Node def = cmd["def"];
  const std::string column(def["colname"].str());
  TypeInfo type = type_info(def["typeName"]);
  bool rewrite = type.serial;
  if (type.serial) b.note("serial column " + column + ": its default nextval() is volatile");
  if (const Domain* domain = b.schema.find_domain(QualifiedName{type.schema, type.name}, b.session.search_path)) {
    // A domain with constraints is checked row by row (has_domain_constraints).
    if (!domain->checks.empty() || domain->not_null) {
      rewrite = true;
      b.note("domain " + domain->name.str() + " has constraints: every row is rewritten and checked");
    }
  }
  bool has_default = type.serial, not_null = false, check = false, index = false, primary = false;
  for (Node con : def["constraints"]) {
    const std::string_view contype = con["contype"].str();
    if (contype == "CONSTR_DEFAULT") {
      has_default = true;
      if (b.pg_version < 11 || expression_volatility(con["raw_expr"], b) == Volatility::volatile_) rewrite = true;
    } else if (contype == "CONSTR_IDENTITY") {
      has_default = rewrite = true;
      b.note("identity column " + column + ": each row gets nextval(), which is volatile");
    } else if (contype == "CONSTR_GENERATED") {
      has_default = rewrite = true;  // stored generated columns are computed per row
    } else if (contype == "CONSTR_NOTNULL") {
      not_null = true;
    } else if (contype == "CONSTR_CHECK") {
      check = true;
    } else if (contype == "CONSTR_PRIMARY") {
      index = primary = not_null = true;
    } else if (contype == "CONSTR_UNIQUE") {
      index = true;
    } else if (contype == "CONSTR_FOREIGN") {
      const QualifiedName referenced = b.qualify(range_var_name(con["pktable"]));
      b.lock(referenced, LockMode::ShareRowExclusive);
      // Existing rows all get the default: only a default needs checking against the key.
      if (has_default) validate_foreign_key(b, c.table, table_may_hold_rows(c), referenced);
    }
  }
  if (rewrite) b.rewrite(c.table);
  if (check || index) b.scan(c.table);
  if (not_null && !has_default) {
    b.scan(c.table);
    const std::string reason = "ADD COLUMN " + column + (primary ? " PRIMARY KEY" : " NOT NULL") +
                               " without a default fails if " + c.what() + " has any rows";
    table_may_hold_rows(c) ? b.fail(reason) : b.note(reason);
  }
}

void alter_column_type(AlterContext& c, Node cmd) {
  Builder& b = c.b;
  const std::string column(cmd["name"].str());
  const Node def = cmd["def"];
  const Column* old_column = c.model ? c.model->column(column) : nullptr;
  TypeChange change = TypeChange::rewrite;
  if (!old_column) {
    b.note("the current type of " + c.what() + "." + column + " is unknown: assuming a rewrite");
  } else {
    change = classify_type_change(old_column->type_info, type_info(def["typeName"]), def["raw_default"], column, b);
  }
  if (change == TypeChange::rewrite) {
    b.rewrite(c.table);
  } else if (change == TypeChange::rebuild_indexes) {
    b.schema.for_each_index_on(c.table, [&](const Index& index) {
      if (index.uses_column(column)) {
        b.rebuild_index(index.name);
        b.scan(c.table);
      }
    });
  }
  if (c.model) {
    // Every validated CHECK on the column is re-checked, even when the values stay as
    // they are; a NOT VALID one is re-added NOT VALID (checked on 15).
    for (const Constraint& con : c.model->constraints)
      if (con.kind == ConstraintKind::check && con.validated && contains(con.columns, column)) b.scan(c.table);
    // Foreign keys on the column are dropped and re-created: AccessExclusive on the other side.
    for (const Constraint& con : c.model->constraints) {
      if (con.kind != ConstraintKind::foreign_key || !contains(con.columns, column)) continue;
      b.lock(con.references, LockMode::AccessExclusive);
      if (change == TypeChange::rewrite) b.scan(con.references);
    }
  }
  const bool in_primary_key = contains(b.schema.primary_key(c.table), column);
  for (const auto& [referencing, con] : b.schema.foreign_keys_referencing(c.table)) {
    if (!(con->referenced_columns.empty() ? in_primary_key : contains(con->referenced_columns, column))) continue;
    b.lock(referencing->name, LockMode::AccessExclusive);
    if (change == TypeChange::rewrite) b.scan(referencing->name);
  }
  for (const Table* view : b.schema.views_reading(c.table, column))
    b.fail("cannot alter the type of " + c.what() + "." + column + ": " + view->name.str() + " reads it");
}

// Setting NOT NULL (SET NOT NULL, or ADD PRIMARY KEY on a nullable column) needs no scan when the
// column already is NOT NULL or, from 12, a validated CHECK proves it (checked on 15 for both).
bool not_null_needs_no_scan(AlterContext& c, const std::string& column) {
  if (!c.model) return false;
  if (const Column* col = c.model->column(column); col && col->not_null) return true;  // nothing to check
  if (c.b.pg_version >= 12)
    for (const Constraint& con : c.model->constraints)
      if (check_proves_not_null(con, column)) {
        c.b.note("validated CHECK " + con.name + " proves " + column + " IS NOT NULL: no scan");
        return true;
      }
  return false;
}

void set_not_null(AlterContext& c, Node cmd) {
  if (!not_null_needs_no_scan(c, std::string(cmd["name"].str()))) c.b.scan(c.table);
}

const Constraint* find_constraint(const AlterContext& c, std::string_view name) {
  return c.model ? c.model->constraint(name) : nullptr;
}

// The name PostgreSQL gives the index of a new key (ChooseIndexName): the constraint's name,
// else table_pkey, table_col1_col2_key, table_col_excl. Empty when the model cannot tell.
std::string new_key_index_name(const AlterContext& c, Node con, std::string_view contype) {
  if (!con["conname"].str().empty()) return std::string(con["conname"].str());
  if (contype == "CONSTR_PRIMARY") return c.table.name + "_pkey";
  if (contype != "CONSTR_UNIQUE") return {};
  std::string name = c.table.name;
  for (Node k : con["keys"]) name += "_" + std::string(k.str());
  return name + "_key";
}

// A key added after an earlier subcommand dropped the constraint whose index had the same
// name: the new index takes the name (the name is chosen when the ADD runs, after the DROP),
// so the index known by that name gets new storage, built by the scan.
void new_index_reuses_dropped_name(AlterContext& c, Node con, std::string_view contype) {
  const std::string name = new_key_index_name(c, con, contype);
  if (name.empty() || name.size() > 63 || !c.model) return;
  for (const std::string& dropped : c.dropped_constraints) {
    const Constraint* old = c.model->constraint(dropped);
    if (old && old->index.name == name) {
      c.b.rebuild_index(old->index);
      c.b.note("the new index takes the name of the dropped " + old->index.str() + ": built anew");
    }
  }
}

void add_constraint(AlterContext& c, Node con) {
  Builder& b = c.b;
  const std::string_view contype = con["contype"].str();
  const bool not_valid = con["skip_validation"].boolean();
  if (contype == "CONSTR_FOREIGN") {
    c.mode = std::max(c.mode, LockMode::ShareRowExclusive);
    const QualifiedName referenced = b.qualify(range_var_name(con["pktable"]));
    b.lock(referenced, LockMode::ShareRowExclusive);
    if (!not_valid) validate_foreign_key(b, c.table, table_may_hold_rows(c), referenced);
  } else if (contype == "CONSTR_CHECK") {
    c.mode = LockMode::AccessExclusive;
    if (!not_valid) b.scan(c.table);
  } else if (contype == "CONSTR_PRIMARY" || contype == "CONSTR_UNIQUE" || contype == "CONSTR_EXCLUSION") {
    c.mode = LockMode::AccessExclusive;
    const bool using_index = !con["indexname"].str().empty();
    if (!using_index) {
      b.scan(c.table);  // builds the index
      new_index_reuses_dropped_name(c, con, contype);
    }
    if (contype == "CONSTR_PRIMARY") {
      // Key columns become NOT NULL: checked by a scan unless they already are.
      std::vector<std::string> keys;
      for (Node k : con["keys"]) keys.emplace_back(k.str());
      if (using_index) {
        if (const Index* index = b.schema.find_index(QualifiedName{"", std::string(con["indexname"].str())},
                                                     {c.table.schema}))
          keys = index->columns;
      }
      for (const std::string& key : keys)
        if (!not_null_needs_no_scan(c, key)) b.scan(c.table);
    }
  } else {
    c.mode = LockMode::AccessExclusive;
  }
}

void validate_constraint(AlterContext& c, Node cmd) {
  Builder& b = c.b;
  c.mode = std::max(c.mode, LockMode::ShareUpdateExclusive);
  const Constraint* con = find_constraint(c, cmd["name"].str());
  if (con && con->validated) return;  // already valid: nothing to check
  if (con && con->kind == ConstraintKind::foreign_key) {
    // The check reads the referenced table with SELECT ... FOR KEY SHARE semantics.
    b.lock(con->references, LockMode::RowShare);
    validate_foreign_key(b, c.table, table_may_hold_rows(c), con->references);
    return;
  }
  b.scan(c.table);
}

// Does the foreign key use this key of the referenced table? It depends on the key's index:
// the primary key when it names no columns, else the key over the same columns.
bool references_key(const Constraint& foreign_key, const Constraint& key) {
  if (foreign_key.referenced_columns.empty()) return key.kind == ConstraintKind::primary_key;
  const std::set<std::string> wanted(foreign_key.referenced_columns.begin(), foreign_key.referenced_columns.end());
  return wanted == std::set<std::string>(key.columns.begin(), key.columns.end());
}

void drop_constraint(AlterContext& c, Node cmd) {
  c.mode = LockMode::AccessExclusive;
  const Constraint* con = find_constraint(c, cmd["name"].str());
  if (!con) return;
  // Removing a foreign key drops its triggers on the referenced table too.
  if (con->kind == ConstraintKind::foreign_key) {
    c.b.lock(con->references, LockMode::AccessExclusive);
    return;
  }
  if (con->kind != ConstraintKind::primary_key && con->kind != ConstraintKind::unique) return;
  // A key that foreign keys reference: CASCADE drops those foreign keys, which takes ACCESS
  // EXCLUSIVE on the referencing tables (and their partitions); without it the drop fails.
  // Checked on 15.
  const bool cascade = cmd["behavior"].str() == "DROP_CASCADE";
  for (const auto& [referencing, foreign_key] : c.b.schema.foreign_keys_referencing(c.table)) {
    if (!references_key(*foreign_key, *con)) continue;
    if (cascade) c.b.lock_tree(referencing->name, LockMode::AccessExclusive);
    else c.b.fail("cannot drop constraint " + con->name + " on " + c.what() + ": foreign key " + foreign_key->name +
                  " on " + referencing->name.str() + " references it (needs CASCADE)");
  }
}

void drop_column(AlterContext& c, Node cmd) {
  Builder& b = c.b;
  const std::string column(cmd["name"].str());
  const bool cascade = cmd["behavior"].str() == "DROP_CASCADE";
  if (c.model) {
    for (const Constraint& con : c.model->constraints)
      if (con.kind == ConstraintKind::foreign_key && contains(con.columns, column))
        b.lock(con.references, LockMode::AccessExclusive);
  }
  const bool in_primary_key = contains(b.schema.primary_key(c.table), column);
  for (const auto& [referencing, con] : b.schema.foreign_keys_referencing(c.table)) {
    const bool uses = con->referenced_columns.empty() ? in_primary_key : contains(con->referenced_columns, column);
    if (!uses) continue;
    if (cascade) b.lock(referencing->name, LockMode::AccessExclusive);
    else b.fail("cannot drop " + c.what() + "." + column + ": foreign key " + con->name + " on " +
                referencing->name.str() + " references it (needs CASCADE)");
  }
  // CASCADE drops the views reading the column, and the views reading those, at any depth.
  std::set<QualifiedName> dropped_views;
  const auto drop_view = [&](const auto& self, const Table* view) -> void {
    if (!dropped_views.insert(view->name).second) return;
    b.lock(view->name, LockMode::AccessExclusive);
    for (const Table* reader : b.schema.views_reading(view->name)) self(self, reader);
  };
  for (const Table* view : b.schema.views_reading(c.table, column)) {
    if (cascade) drop_view(drop_view, view);
    else b.fail("cannot drop " + c.what() + "." + column + ": " + view->name.str() + " reads it (needs CASCADE)");
  }
}

void attach_partition(AlterContext& c, Node cmd) {
  Builder& b = c.b;
  // From 12 the parent takes only SHARE UPDATE EXCLUSIVE (docs: ATTACH PARTITION).
  c.mode = std::max(c.mode, b.pg_version >= 12 ? LockMode::ShareUpdateExclusive : LockMode::AccessExclusive);
  const QualifiedName partition = b.qualify(range_var_name(cmd["def"]["name"]));
  b.lock_tree(partition, LockMode::AccessExclusive);
  // The partition is scanned to check the bound unless a valid CHECK implies it (not modelled).
  b.scan(partition);
  if (const Table* def = b.default_partition(c.table); def && !cmd["def"]["bound"]["is_default"].boolean()) {
    b.lock(def->name, LockMode::AccessExclusive);
    b.scan(def->name);  // no row of the default partition may belong to the new one
  }
}

void detach_partition(AlterContext& c, Node cmd) {
  Builder& b = c.b;
  const QualifiedName partition = b.qualify(range_var_name(cmd["def"]["name"]));
  const Table* def = b.default_partition(c.table);
  if (cmd["def"]["concurrent"].boolean()) {
    if (b.pg_version < 14) b.fail("DETACH PARTITION ... CONCURRENTLY needs PostgreSQL 14");
    if (def) b.fail("DETACH PARTITION ... CONCURRENTLY is not allowed when " + c.what() + " has a default partition");
    c.mode = std::max(c.mode, LockMode::ShareUpdateExclusive);
    b.lock(partition, LockMode::ShareUpdateExclusive);
    b.effects.transactional = false;
    return;
  }
  c.mode = LockMode::AccessExclusive;
  b.lock(partition, LockMode::AccessExclusive);
  if (def && def->name != partition) b.lock(def->name, LockMode::AccessExclusive);
}

LockMode subcommand_lock(std::string_view sub) {
  static const char* const kShareUpdateExclusive[] = {
      "AT_SetStatistics", "AT_SetOptions", "AT_ResetOptions", "AT_SetRelOptions", "AT_ResetRelOptions",
      "AT_ClusterOn", "AT_DropCluster", "AT_DetachPartitionFinalize"};
  static const char* const kShareRowExclusive[] = {
      "AT_EnableTrig", "AT_EnableAlwaysTrig", "AT_EnableReplicaTrig", "AT_EnableTrigAll", "AT_EnableTrigUser",
      "AT_DisableTrig", "AT_DisableTrigAll", "AT_DisableTrigUser"};
  for (const char* s : kShareUpdateExclusive)
    if (sub == s) return LockMode::ShareUpdateExclusive;
  for (const char* s : kShareRowExclusive)
    if (sub == s) return LockMode::ShareRowExclusive;
  return LockMode::AccessExclusive;
}

// Subcommands that act on the named table alone, never on its partitions.
bool recurses(std::string_view sub) {
  static const char* const kLocal[] = {"AT_AttachPartition", "AT_DetachPartition", "AT_DetachPartitionFinalize",
                                       "AT_SetRelOptions", "AT_ResetRelOptions", "AT_ReplicaIdentity",
                                       "AT_ClusterOn", "AT_DropCluster", "AT_ChangeOwner", "AT_SetTableSpace",
                                       "AT_SetLogged", "AT_SetUnLogged"};
  for (const char* s : kLocal)
    if (sub == s) return false;
  return true;
}

// ALTER INDEX parent ATTACH PARTITION child (ATExecAttachPartitionIdx, checked on 15): SHARE
// UPDATE EXCLUSIVE on the parent index, ACCESS EXCLUSIVE on the attached one, ACCESS SHARE on
// the tables of both. Returns the lock on the parent index.
LockMode attach_partition_index(Builder& b, const Index* parent, Node cmd) {
  const Index* child = b.schema.find_index(range_var_name(cmd["name"]), b.session.search_path);
  b.lock(child ? child->name : b.qualify(range_var_name(cmd["name"])), LockMode::AccessExclusive);
  if (parent) b.lock(parent->table, LockMode::AccessShare);
  if (child) b.lock(child->table, LockMode::AccessShare);
  return LockMode::ShareUpdateExclusive;
}

void alter_index(Builder& b, Node stmt) {
  const Index* index = b.schema.find_index(range_var_name(stmt["relation"]), b.session.search_path);
  if (!index && stmt["missing_ok"].boolean()) {
    // As with DROP ... IF EXISTS, an index the model does not know is taken to be missing.
    b.note("index " + range_var_name(stmt["relation"]).str() + " does not exist: IF EXISTS skips the statement");
    return;
  }
  const QualifiedName name = index ? index->name : b.qualify(range_var_name(stmt["relation"]));
  LockMode mode = LockMode::AccessShare;
  for (Node cmd : stmt["cmds"]) {
    const std::string_view sub = cmd["subtype"].str();
    if (sub == "AT_AttachPartition") mode = std::max(mode, attach_partition_index(b, index, cmd["def"]));
    else mode = std::max(mode, subcommand_lock(sub));
    if (sub == "AT_SetTableSpace") b.rebuild_index(name);
  }
  b.lock(name, mode);
}

}  // namespace

void alter_table(Builder& b, Node stmt) {
  if (stmt["objtype"].str() == "OBJECT_INDEX") return alter_index(b, stmt);
  const QualifiedName table = b.qualify(range_var_name(stmt["relation"]));
  AlterContext c{b, table, b.table(table), stmt["relation"]["inh"].boolean(), LockMode::AccessShare, {}};
  bool any_recursive = false;
  for (Node cmd : stmt["cmds"]) {
    const std::string_view sub = cmd["subtype"].str();
    const LockMode before = c.mode;
    c.mode = std::max(c.mode, subcommand_lock(sub));
    if (sub == "AT_AddColumn" || sub == "AT_AddColumnToView") {
      add_column(c, cmd);
      const std::string column(cmd["def"]["colname"].str());
      const bool skipped = cmd["missing_ok"].boolean() && c.model && c.model->column(column);  // IF NOT EXISTS
      // Checked on 15. A partition takes its columns from its parent only (ATPrepAddColumn);
      // without recursion there must be no child tables (ATExecAddColumn; inheritance children
      // are not in the model, partitions are).
      if (c.model && !c.model->partition_of.name.empty())
        b.fail("cannot add column " + column + " to " + c.what() + ": it is a partition (add it to " +
               c.model->partition_of.str() + ")");
      else if (!c.recurse && !skipped && !b.partitions(table).empty())
        b.fail("ALTER TABLE ONLY " + c.what() + " ADD COLUMN " + column + ": column must be added to child tables too (" +
               c.what() + " has partitions)");
    } else if (sub == "AT_AddInherit") {
      // The new parent is opened with SHARE UPDATE EXCLUSIVE (checked on 15).
      b.lock(b.qualify(range_var_name(cmd["def"])), LockMode::ShareUpdateExclusive);
    } else if (sub == "AT_DropInherit") {
      b.lock(b.qualify(range_var_name(cmd["def"])), LockMode::AccessShare);  // read only (checked on 15)
    } else if (sub == "AT_AlterColumnType") {
      alter_column_type(c, cmd);
    } else if (sub == "AT_SetNotNull") {
      set_not_null(c, cmd);
    } else if (sub == "AT_AddConstraint") {
      c.mode = before;
      add_constraint(c, cmd["def"]);
    } else if (sub == "AT_ValidateConstraint") {
      c.mode = before;
      validate_constraint(c, cmd);
    } else if (sub == "AT_DropConstraint") {
      drop_constraint(c, cmd);
      c.dropped_constraints.emplace_back(cmd["name"].str());
    } else if (sub == "AT_DropColumn") {
      drop_column(c, cmd);
    } else if (sub == "AT_AttachPartition") {
      c.mode = before;
      attach_partition(c, cmd);
    } else if (sub == "AT_DetachPartition") {
      c.mode = before;
      detach_partition(c, cmd);
    } else if (sub == "AT_SetLogged" || sub == "AT_SetUnLogged") {
      const Persistence target = sub == "AT_SetLogged" ? Persistence::permanent : Persistence::unlogged;
      if (!c.model || c.model->persistence != target) b.rewrite(table);
    } else if (sub == "AT_SetTableSpace") {
      b.rewrite(table);  // the files are copied to the new tablespace
    }
    if (recurses(sub)) any_recursive = true;
  }
  if (stmt["cmds"].size() == 0) return;
  if (any_recursive && c.recurse) b.lock_tree(table, c.mode);
  else b.lock(table, c.mode);
  drop_certain_from_possible(b.effects);
}

}  // namespace analyzer::effects_detail
