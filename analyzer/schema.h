// The schema model: what the database looks like before each statement, built by
// replaying the baseline and the migration history. It starts with what the lint
// rules need (relations, columns, keys, indexes) and is meant to grow.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
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

struct Column {
  std::string name;
  std::string type;  // e.g. "int4", "varchar(255)", "text[]"
  bool not_null = false;
  bool has_default = false;
  Origin origin;
};

struct Index {
  QualifiedName name;
  QualifiedName table;
  std::vector<std::string> columns;  // key columns; "" for an expression
  bool unique = false;
  bool primary = false;
  Origin origin;
};

enum class RelationKind { table, partitioned_table, view, materialized_view, foreign_table };

struct Table {
  QualifiedName name;  // always schema-qualified
  RelationKind kind = RelationKind::table;
  std::vector<Column> columns;
  Origin origin;

  const Column* column(std::string_view column_name) const;
  Column* column(std::string_view column_name);
};

class Schema {
 public:
  // Resolves a name the way PostgreSQL does for an existing relation: a qualified
  // name as it is, an unqualified one through search_path. Returns nullptr if unknown.
  const Table* find_table(const QualifiedName& name, const std::vector<std::string>& search_path) const;
  // The schema-qualified name a statement refers to: where the relation exists,
  // else where it would be created (the first schema of search_path).
  QualifiedName qualify(const QualifiedName& name, const std::vector<std::string>& search_path) const;

  // True if `column` is usable as a key to bound a batch: part of the primary key, or
  // the leading column of an index.
  bool is_key_column(const QualifiedName& table, std::string_view column) const;
  // The primary-key columns of a table (empty if none or unknown).
  std::vector<std::string> primary_key(const QualifiedName& table) const;

  // Records what a statement does to the schema.
  void apply(const sqlparse::Statement& statement, const Origin& origin,
             const std::vector<std::string>& search_path);

  const std::map<QualifiedName, Table>& tables() const { return tables_; }
  const std::map<QualifiedName, Index>& indexes() const { return indexes_; }

 private:
  Table* mutable_table(const QualifiedName& qualified);
  void add_index(Index index);
  void drop_table(const QualifiedName& qualified);

  std::map<QualifiedName, Table> tables_;
  std::map<QualifiedName, Index> indexes_;
  std::set<std::string> schemas_{"public"};
};

// "int4", "varchar(255)", "numeric(10,2)", "text[]" from a TypeName node.
std::string type_name(sqlparse::Node type_name_node);

}  // namespace analyzer
