// Runs one statement against a real PostgreSQL and observes what it does to the existing
// relations:
//   locks    pg_locks rows of the backend that runs it (relation locks; strongest mode per
//            relation), for relations that existed before the statement;
//   rewrites pg_class.relfilenode of each table (and index: rebuilt_indexes) before and after;
//   scans    the seq_scan counter of each table before and after. Inside a transaction this
//            is pg_stat_xact_user_tables, which includes the running transaction's counts.
//            It counts every heap scan PostgreSQL starts as a sequential scan: a rewrite's copy,
//            a CHECK or NOT NULL validation, an index build, and the join that validates a
//            foreign key (whichever plan the planner picks: an index scan would not count).
//
// Transactional statements run inside BEGIN ... ROLLBACK: nothing they do is kept.
// Statements that cannot run in a transaction block (CREATE INDEX CONCURRENTLY, VACUUM, ...)
// run in autocommit on a second connection and are observed from this one while they run:
// every existing table is first locked in SHARE mode (a materialized view: SHARE UPDATE
// EXCLUSIVE) by a blocking session of its own, so the
// statement waits on each table it asks a SHARE UPDATE EXCLUSIVE or stronger lock on; the
// observer reads the mode it waits for from pg_locks, then releases that one table. Weaker
// locks (ACCESS SHARE, ROW SHARE) pass and are seen only when a poll catches them, and a later,
// stronger request on a table already released is seen only the same way. Scans are read
// from pg_stat_user_tables, both sessions' pending statistics flushed before each reading
// (pg_stat_force_next_flush). Such a statement's changes are committed.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "analyzer/effects.h"
#include "pgtrace/connection.h"

namespace pgtrace {

struct Observation {
  enum class Status { ran, failed, skipped };
  Status status = Status::ran;
  std::string error;     // failed: the server's message
  std::string sqlstate;  // failed: its SQLSTATE
  std::string note;      // skipped: why; ran: anything that qualifies the observation
  bool second_session = false;  // observed from a second session (not transactional)

  std::vector<analyzer::RelationLock> locks;  // strongest new mode per existing relation
  std::vector<analyzer::RelationLock> held_before;  // locked by earlier statements of the transaction
  std::vector<analyzer::QualifiedName> indexes;     // relations among locks that are indexes
  std::vector<analyzer::QualifiedName> rewrites;
  std::vector<analyzer::QualifiedName> rebuilt_indexes;
  std::vector<analyzer::QualifiedName> scans;

  const analyzer::RelationLock* lock_on(const analyzer::QualifiedName& relation) const;
  const analyzer::RelationLock* held_on(const analyzer::QualifiedName& relation) const;
  bool is_index(const analyzer::QualifiedName& relation) const;
};

class Observer {
 public:
  static std::unique_ptr<Observer> connect(const std::string& conninfo, std::string& error);

  // Runs SQL in autocommit (history, session settings) and keeps its effects.
  QueryResult run(const std::string& sql) { return conn_->exec(sql); }
  // BEGIN; the prelude (unobserved); the statement (observed); ROLLBACK.
  Observation in_transaction(const std::string& sql, const std::vector<std::string>& prelude = {});
  // Autocommit on a second connection, observed from this one (see above). The session
  // settings (SET search_path ..., in order) run there first, as they ran in this session.
  Observation from_second_session(const std::string& sql, const std::vector<std::string>& session_settings = {});

 private:
  Observer(std::string conninfo, std::unique_ptr<Connection> conn)
      : conninfo_(std::move(conninfo)), conn_(std::move(conn)) {}
  std::string conninfo_;
  std::unique_ptr<Connection> conn_;
};

// "AccessExclusiveLock" -> LockMode; false if the name is not a table lock mode.
bool parse_lock_mode(const std::string& name, analyzer::LockMode& mode);

}  // namespace pgtrace
