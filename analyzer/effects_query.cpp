// Locks taken by DML and queries: ACCESS SHARE on what is read, ROW EXCLUSIVE on the
// table written, ROW SHARE for SELECT ... FOR UPDATE/SHARE, and the locks that
// foreign-key checks take on the other table of each key (checked on 15: an INSERT into
// a referencing table takes ROW SHARE on the referenced one).
#include <algorithm>
#include <set>

#include "analyzer/effects_internal.h"

namespace analyzer::effects_detail {

using sqlparse::Node;

namespace {

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

void read_relation(Builder& b, const QualifiedName& name, LockMode mode) {
  b.lock_tree(name, mode);
  const Table* t = b.table(name);
  if (!t || t->kind != RelationKind::view) return;
  for (const QualifiedName& base : t->view.tables) read_relation(b, base, mode);
}

std::set<std::string> cte_names(Node stmt) {
  std::set<std::string> names;
  stmt.walk([&](Node n) {
    if (n.is("CommonTableExpr")) names.insert(std::string(n["ctename"].str()));
  });
  return names;
}

// FOR UPDATE / FOR SHARE in a SELECT: ROW SHARE on the relations it locks.
void locking_clauses(Builder& b, Node select, const std::set<std::string>& ctes) {
  for (Node clause : select["lockingClause"]) {
    std::vector<QualifiedName> targets;
    for (Node rel : clause["lockedRels"]) targets.push_back(range_var_name(rel));
    if (targets.empty()) {
      for (Node from : select["fromClause"])
        from.walk([&](Node n) {
          if (n.is("RangeVar")) targets.push_back(range_var_name(n));
        });
    }
    for (const QualifiedName& t : targets) {
      if (!t.qualified() && ctes.count(t.name)) continue;
      b.lock_tree(b.qualify(t), LockMode::RowShare);
    }
  }
}

void foreign_key_checks(Builder& b, std::string_view kind, Node stmt, const QualifiedName& target) {
  std::vector<std::string> updated;
  for (Node target_col : stmt["targetList"]) updated.emplace_back(target_col["name"].str());
  const Table* t = b.table(target);
  bool any = false;
  // This table's keys are checked against the referenced rows: SELECT ... FOR KEY SHARE.
  if (t && (kind == "InsertStmt" || kind == "UpdateStmt" || kind == "MergeStmt")) {
    for (const Constraint& con : t->constraints) {
      if (con.kind != ConstraintKind::foreign_key) continue;
      const bool touched = kind != "UpdateStmt" || std::any_of(con.columns.begin(), con.columns.end(), [&](const std::string& c) {
                             return contains(updated, c);
                           });
      if (!touched) continue;
      b.lock(con.references, LockMode::RowShare);
      any = true;
    }
  }
  // Deleting or changing referenced keys looks up (or changes) the referencing rows.
  if (kind == "DeleteStmt" || kind == "UpdateStmt" || kind == "MergeStmt") {
    const std::vector<std::string> pk = b.schema.primary_key(target);
    for (const auto& [referencing, con] : b.schema.foreign_keys_referencing(target)) {
      const std::vector<std::string>& keys = con->referenced_columns.empty() ? pk : con->referenced_columns;
      if (kind == "UpdateStmt" &&
          !std::any_of(keys.begin(), keys.end(), [&](const std::string& c) { return contains(updated, c); }))
        continue;
      const std::string& action = kind == "DeleteStmt" ? con->on_delete : con->on_update;
      const bool writes = action == "CASCADE" || action == "SET NULL" || action == "SET DEFAULT";
      b.lock(referencing->name, writes ? LockMode::RowExclusive : LockMode::RowShare);
      any = true;
    }
  }
  if (any) b.note("foreign-key checks lock the other table only when rows are affected");
}

}  // namespace

void query_locks(Builder& b, Node stmt) {
  const std::string_view kind = stmt.kind();
  const std::set<std::string> ctes = cte_names(stmt);
  if (kind == "InsertStmt" || kind == "UpdateStmt" || kind == "DeleteStmt" || kind == "MergeStmt") {
    const QualifiedName target = b.qualify(range_var_name(stmt["relation"]));
    // INSERT routes rows and locks partitions as it reaches them; UPDATE and DELETE plan all.
    if (kind == "InsertStmt") b.lock(target, LockMode::RowExclusive);
    else b.lock_tree(target, LockMode::RowExclusive);
    foreign_key_checks(b, kind, stmt, target);
  }
  stmt.walk([&](Node n) {
    if (n.is("RangeVar")) {
      const QualifiedName name = range_var_name(n);
      if (!name.qualified() && ctes.count(name.name)) return;
      read_relation(b, b.qualify(name), LockMode::AccessShare);
    } else if (n.is("SelectStmt")) {
      locking_clauses(b, n, ctes);
    }
  });
  if (kind == "SelectStmt") locking_clauses(b, stmt, ctes);
}

}  // namespace analyzer::effects_detail
