// What a statement does to the relations it touches: the lock it takes on each,
// whether it rewrites or scans them, whether it can run inside a transaction, and
// whether it will fail as written. Built from the PostgreSQL documentation (11-17)
// and checked against a PostgreSQL 15 server (pg_locks, relfilenode, seq_scan).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyzer/names.h"
#include "analyzer/schema.h"
#include "analyzer/session.h"

namespace analyzer {

// PostgreSQL's table-level lock modes, weakest first.
enum class LockMode {
  AccessShare,
  RowShare,
  RowExclusive,
  ShareUpdateExclusive,
  Share,
  ShareRowExclusive,
  Exclusive,
  AccessExclusive,
};

// The name pg_locks shows: "AccessExclusiveLock".
std::string_view lock_mode_name(LockMode mode);
// True if the mode blocks plain reads (SELECT) or writes (INSERT/UPDATE/DELETE).
bool blocks_reads(LockMode mode);
bool blocks_writes(LockMode mode);

struct RelationLock {
  QualifiedName relation;  // schema-qualified
  LockMode mode;
};

struct Effects {
  // Strongest lock per relation, existing relations only (a relation the model does not
  // know is taken to exist). Tables, views, materialized views; an index only when the
  // statement targets the index alone (ALTER INDEX).
  std::vector<RelationLock> locks;
  std::vector<QualifiedName> rewrites;  // new relfilenode for the table (and all its indexes)
  std::vector<QualifiedName> scans;     // read in full while the lock is held (rewrites included)
  // Indexes that get new storage: every index of a rewritten table, and indexes rebuilt
  // on their own (a type change the old index cannot serve, REINDEX).
  std::vector<QualifiedName> rebuilt_indexes;
  bool transactional = true;  // false: cannot run inside a transaction block
  // Why the statement fails as written ("a view reads public.users.email").
  std::vector<std::string> failures;
  // Assumptions behind the answer ("unknown function f(): treated as volatile").
  std::vector<std::string> notes;
  // What the statement may also do, depending on the plan or the data rather than on the
  // statement: the referenced table of a foreign-key validation is read in full only when the
  // planner joins it by a sequential scan and the referencing table has keys to check; an
  // INSERT into a partitioned table locks the partitions its rows reach, which the model
  // cannot always tell. A possible scan is never in `scans` too; a possible lock is stronger
  // than the relation's lock in `locks`, if it has one.
  std::vector<QualifiedName> possible_scans;
  std::vector<RelationLock> possible_locks;

  const RelationLock* lock_on(const QualifiedName& relation) const;
  // The strongest lock on any relation, if any.
  const RelationLock* strongest() const;
  bool rewrites_table(const QualifiedName& relation) const;
  bool scans_table(const QualifiedName& relation) const;
};

// Plain words for what a lock blocks: "blocks reads and writes", "blocks writes",
// "blocks other schema changes", ...
std::string_view lock_blocks_description(LockMode mode);

// How volatile an expression is (a column default, say), by PostgreSQL's catalogue and the
// model's user functions: the same answer compute_effects uses for fast defaults.
Volatility expression_volatility(sqlparse::Node expr, const Schema& schema, const SessionState& session,
                                 int pg_version);

Effects compute_effects(const sqlparse::Statement& statement, const Schema& schema,
                        const SessionState& session, int pg_version);

}  // namespace analyzer
