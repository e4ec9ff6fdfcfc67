// What a statement does to the relations it touches: the lock it takes on each,
// whether it rewrites or scans them, whether it can run inside a transaction.
// This first model covers the common DDL and DML; the ground-truth issue proves
// and extends it per PostgreSQL version.
#pragma once

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
  std::vector<RelationLock> locks;      // strongest lock per relation, existing relations only
  std::vector<QualifiedName> rewrites;  // new relfilenode
  std::vector<QualifiedName> scans;     // read in full while the lock is held
  bool transactional = true;            // false: cannot run inside a transaction block

  const RelationLock* lock_on(const QualifiedName& relation) const;
  // The strongest lock on any relation, if any.
  const RelationLock* strongest() const;
};

Effects compute_effects(const sqlparse::Statement& statement, const Schema& schema,
                        const SessionState& session, int pg_version);

}  // namespace analyzer
