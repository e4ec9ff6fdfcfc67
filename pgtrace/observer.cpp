#include "pgtrace/observer.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <thread>

namespace pgtrace {

using analyzer::LockMode;
using analyzer::QualifiedName;
using analyzer::RelationLock;

const RelationLock* Observation::lock_on(const QualifiedName& relation) const {
  for (const RelationLock& l : locks)
    if (l.relation == relation) return &l;
  return nullptr;
}

const RelationLock* Observation::held_on(const QualifiedName& relation) const {
  for (const RelationLock& l : held_before)
    if (l.relation == relation) return &l;
  return nullptr;
}

bool Observation::is_index(const QualifiedName& relation) const {
  return std::find(indexes.begin(), indexes.end(), relation) != indexes.end();
}

bool parse_lock_mode(const std::string& name, LockMode& mode) {
  for (int m = static_cast<int>(LockMode::AccessShare); m <= static_cast<int>(LockMode::AccessExclusive); ++m) {
    if (analyzer::lock_mode_name(static_cast<LockMode>(m)) == name) {
      mode = static_cast<LockMode>(m);
      return true;
    }
  }
  return false;
}

namespace {

struct Relation {
  QualifiedName name;
  char kind = 'r';  // pg_class.relkind
  std::string filenode;
};
using Relations = std::map<std::string, Relation>;  // by oid
using Counters = std::map<std::string, long long>;  // seq_scan by oid

// User relations: not the catalogue, not TOAST, not temporary.
const char* const kRelationsQuery =
    "SELECT c.oid, n.nspname, c.relname, c.relkind, c.relfilenode FROM pg_class c "
    "JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') "
    "AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%' "
    "AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'i', 'I')";

Relations relations(Connection& conn) {
  Relations out;
  const QueryResult r = conn.exec(kRelationsQuery);
  for (std::size_t i = 0; i < r.rows.size(); ++i)
    out[r.at(i, 0)] = {QualifiedName{r.at(i, 1), r.at(i, 2)}, r.at(i, 3).empty() ? 'r' : r.at(i, 3)[0], r.at(i, 4)};
  return out;
}

Counters seq_scans(Connection& conn, bool in_transaction) {
  Counters out;
  const QueryResult r = conn.exec(in_transaction ? "SELECT relid, seq_scan FROM pg_stat_xact_user_tables"
                                                 : "SELECT pg_stat_clear_snapshot(); "
                                                   "SELECT relid, seq_scan FROM pg_stat_user_tables");
  for (std::size_t i = 0; i < r.rows.size(); ++i) out[r.at(i, 0)] = std::atoll(r.at(i, 1).c_str());
  return out;
}

struct LockRow {
  std::string locktype;
  std::string relation;  // oid, for relation locks
  LockMode mode = LockMode::AccessShare;
  bool granted = true;
};

std::vector<LockRow> lock_rows(Connection& conn, const std::string& pid) {
  std::vector<LockRow> out;
  const QueryResult r = conn.exec(
      "SELECT locktype, relation, mode, granted FROM pg_locks WHERE pid = " + pid +
      " AND (locktype <> 'relation' OR database = (SELECT oid FROM pg_database WHERE datname = current_database()))");
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    LockRow row{r.at(i, 0), r.at(i, 1), LockMode::AccessShare, r.at(i, 2 + 1) == "t"};
    if (!parse_lock_mode(r.at(i, 2), row.mode)) row.locktype = "other";  // ShareLock on a transaction id, ...
    out.push_back(row);
  }
  return out;
}

void add_lock(std::vector<RelationLock>& locks, const QualifiedName& relation, LockMode mode) {
  for (RelationLock& l : locks)
    if (l.relation == relation) {
      l.mode = std::max(l.mode, mode);
      return;
    }
  locks.push_back({relation, mode});
}

void add_unique(std::vector<QualifiedName>& v, const QualifiedName& name) {
  if (std::find(v.begin(), v.end(), name) == v.end()) v.push_back(name);
}

// Relation locks of existing relations, strongest per relation; `skip` holds (oid, mode)
// pairs held before the statement.
void collect_locks(const std::vector<LockRow>& rows, const Relations& before,
                   const std::set<std::pair<std::string, LockMode>>& skip, Observation& o) {
  for (const LockRow& row : rows) {
    if (row.locktype != "relation") continue;
    auto it = before.find(row.relation);
    if (it == before.end() || skip.count({row.relation, row.mode})) continue;
    add_lock(o.locks, it->second.name, row.mode);
    if (it->second.kind == 'i' || it->second.kind == 'I') add_unique(o.indexes, it->second.name);
  }
}

// What changed between two snapshots: new storage, and tables read.
void compare_storage(const Relations& before, const Relations& after, const Counters& scans_before,
                     const Counters& scans_after, Observation& o) {
  for (const auto& [oid, rel] : before) {
    auto now = after.find(oid);
    if (now == after.end() || rel.filenode == "0" || now->second.filenode == rel.filenode) continue;
    if (rel.kind == 'i') add_unique(o.rebuilt_indexes, rel.name);
    else if (rel.kind == 'r' || rel.kind == 'm') add_unique(o.rewrites, rel.name);
  }
  for (const auto& [oid, count] : scans_after) {
    auto rel = before.find(oid);
    if (rel == before.end()) continue;
    auto old = scans_before.find(oid);
    if (count > (old == scans_before.end() ? 0 : old->second)) add_unique(o.scans, rel->second.name);
  }
}

// An index rebuilt as a new relation (a column type change drops and re-creates it; REINDEX
// CONCURRENTLY swaps in a new one) keeps its name: match by name too.
void compare_storage_by_name(const Relations& before, const Relations& after, Observation& o) {
  std::map<QualifiedName, std::string> filenode_after;
  for (const auto& [oid, rel] : after) filenode_after[rel.name] = rel.filenode;
  for (const auto& [oid, rel] : before) {
    if (rel.kind != 'i') continue;
    auto now = filenode_after.find(rel.name);
    if (now != filenode_after.end() && now->second != rel.filenode) add_unique(o.rebuilt_indexes, rel.name);
  }
}

Observation failure(const QueryResult& r) {
  Observation o;
  o.status = Observation::Status::failed;
  o.error = r.error;
  o.sqlstate = r.sqlstate;
  return o;
}

}  // namespace

std::unique_ptr<Observer> Observer::connect(const std::string& conninfo, std::string& error) {
  auto conn = Connection::open(conninfo, error);
  if (!conn) return nullptr;
  return std::unique_ptr<Observer>(new Observer(conninfo, std::move(conn)));
}

Observation Observer::in_transaction(const std::string& sql, const std::vector<std::string>& prelude) {
  Connection& c = *conn_;
  c.exec("BEGIN");
  for (const std::string& earlier : prelude) {
    const QueryResult r = c.exec(earlier);
    if (!r.ok) {
      c.exec("ROLLBACK");
      Observation o;
      o.status = Observation::Status::skipped;
      o.note = "an earlier statement under review failed when replayed: " + r.error;
      return o;
    }
  }
  const std::string pid = std::to_string(c.backend_pid());
  const Relations before = relations(c);
  const Counters scans_before = seq_scans(c, true);
  std::set<std::pair<std::string, LockMode>> held;
  Observation o;
  for (const LockRow& row : lock_rows(c, pid)) {
    if (row.locktype != "relation") continue;
    held.insert({row.relation, row.mode});
    if (auto it = before.find(row.relation); it != before.end()) add_lock(o.held_before, it->second.name, row.mode);
  }

  const QueryResult r = c.exec(sql);
  if (!r.ok) {
    c.exec("ROLLBACK");
    return failure(r);
  }
  collect_locks(lock_rows(c, pid), before, held, o);
  const Relations after = relations(c);
  compare_storage(before, after, scans_before, seq_scans(c, true), o);
  compare_storage_by_name(before, after, o);
  c.exec("ROLLBACK");
  return o;
}

Observation Observer::from_second_session(const std::string& sql, const std::vector<std::string>& session_settings) {
  Connection& c = *conn_;
  std::string error;
  auto worker = Connection::open(conninfo_, error);
  if (!worker) {
    Observation o;
    o.status = Observation::Status::skipped;
    o.note = "cannot open a second session: " + error;
    return o;
  }
  for (const std::string& setting : session_settings) {
    const QueryResult applied = worker->exec(setting);
    if (!applied.ok) {
      Observation o;
      o.status = Observation::Status::skipped;
      o.note = "the second session rejected a session setting: " + applied.error;
      return o;
    }
  }
  const Relations before = relations(c);
  // This session's own scans (history, earlier statements applied here) are reported to the
  // statistics system at most once a second while idle: flush them now, or they may land
  // between the two readings and pass for the statement's.
  c.exec("SELECT pg_stat_force_next_flush()");
  const Counters scans_before = seq_scans(c, false);

  // One blocking session per table, each holding a lock on its relation alone that lets
  // reads pass and makes every mode from SHARE UPDATE EXCLUSIVE up wait (and show in
  // pg_locks). Tables: LOCK TABLE ... IN SHARE MODE. PostgreSQL refuses LOCK TABLE on a
  // materialized view; an uncommitted ALTER MATERIALIZED VIEW ... SET (autovacuum_enabled)
  // holds SHARE UPDATE EXCLUSIVE on it instead, which conflicts with the same modes except
  // ROW EXCLUSIVE, a mode nothing takes on a materialized view (no INSERT/UPDATE/DELETE).
  std::map<std::string, std::unique_ptr<Connection>> blockers;
  for (const auto& [oid, rel] : before) {
    if (rel.kind != 'r' && rel.kind != 'p' && rel.kind != 'm') continue;
    auto blocker = Connection::open(conninfo_, error);
    if (!blocker) break;
    const std::string name = quote_ident(rel.name.schema) + "." + quote_ident(rel.name.name);
    const QueryResult locked =
        blocker->exec(rel.kind == 'm' ? "BEGIN; ALTER MATERIALIZED VIEW " + name + " SET (autovacuum_enabled = true)"
                                      : "BEGIN; LOCK TABLE ONLY " + name + " IN SHARE MODE");
    if (locked.ok) blockers[oid] = std::move(blocker);
  }
  const auto release = [&](const std::string& oid) {
    auto it = blockers.find(oid);
    if (it == blockers.end()) return;
    it->second->exec("ROLLBACK");
    blockers.erase(it);
  };

  Observation o;
  o.second_session = true;
  const std::string pid = std::to_string(worker->backend_pid());
  worker->send(sql);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (worker->busy()) {
    bool waits_elsewhere = false;
    for (const LockRow& row : lock_rows(c, pid)) {
      if (row.granted) {
        collect_locks({row}, before, {}, o);
      } else if (row.locktype == "relation" && blockers.count(row.relation)) {
        collect_locks({row}, before, {}, o);  // the mode it asks for
        release(row.relation);
      } else {
        waits_elsewhere = true;  // on another transaction, or a relation nobody here blocks
      }
    }
    if (waits_elsewhere) blockers.clear();  // closing the sessions rolls them back
    if (std::chrono::steady_clock::now() > deadline) {
      worker->cancel();
      blockers.clear();
      o.note = "cancelled after 60 s";
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  blockers.clear();
  const QueryResult r = worker->finish();
  if (!r.ok) return failure(r);
  // Make the second session's scan counts visible to this one: a backend reports them when
  // it goes idle, before it answers, and pg_stat_force_next_flush() lifts the once-a-second
  // limit on that report.
  worker->exec("SELECT pg_stat_force_next_flush()");
  const Relations after = relations(c);
  compare_storage(before, after, scans_before, seq_scans(c, false), o);
  compare_storage_by_name(before, after, o);
  return o;
}

}  // namespace pgtrace
