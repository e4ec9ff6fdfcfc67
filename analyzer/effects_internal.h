// Shared by the effects_*.cpp files: the builder that collects a statement's effects.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "analyzer/effects.h"

namespace analyzer::effects_detail {

class Builder {
 public:
  Builder(const Schema& schema, const SessionState& session, int pg_version)
      : schema(schema), session(session), pg_version(pg_version) {}

  const Schema& schema;
  const SessionState& session;
  const int pg_version;
  Effects effects;
  std::set<QualifiedName> created;  // relations the statement itself creates: no lock entry

  QualifiedName qualify(const QualifiedName& written) const { return schema.qualify(written, session.search_path); }
  const Table* table(const QualifiedName& qualified) const;
  // Every partition below a partitioned table (partitions of partitions included).
  std::vector<QualifiedName> partitions(const QualifiedName& qualified) const;
  const Table* default_partition(const QualifiedName& parent) const;

  void lock(const QualifiedName& qualified, LockMode mode);
  void lock_tree(const QualifiedName& qualified, LockMode mode);  // the table and its partitions
  // Rewrites or scans what holds the data: the table, or the partitions of a partitioned one.
  void rewrite(const QualifiedName& qualified);
  void scan(const QualifiedName& qualified);
  void rebuild_index(const QualifiedName& index);
  void fail(std::string reason);
  void note(std::string text);

 private:
  // An open-addressing index of effects.locks by relation, built once a statement locks many
  // relations (a DELETE on a table that thousands of foreign keys reference), so that lock()
  // stays linear. A slot holds a position in effects.locks plus one; 0 is empty. It stores no
  // names of its own: lock() is the only writer of effects.locks, so the index stays complete.
  std::vector<std::uint32_t> lock_slots_;
  void index_locks(std::size_t capacity);
};

// The most volatile function an expression calls. Functions neither in PostgreSQL's
// catalogue nor in the model count as volatile, with a note naming them.
Volatility expression_volatility(sqlparse::Node expr, Builder& b);

void alter_table(Builder& b, sqlparse::Node stmt);

// DML and queries: the relations read (AccessShare), written (RowExclusive), locked FOR UPDATE.
// A query that is only analysed, never planned (CREATE VIEW's), locks just the relations it
// names: not the partitions, nor the relations behind a view it reads.
void query_locks(Builder& b, sqlparse::Node stmt, bool executed = true);

}  // namespace analyzer::effects_detail
