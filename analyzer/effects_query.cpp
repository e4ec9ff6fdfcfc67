// Locks taken by DML and queries: ACCESS SHARE on what is read, ROW EXCLUSIVE on the
// table written, ROW SHARE for SELECT ... FOR UPDATE/SHARE, and the locks that
// foreign-key checks take on the other table of each key (checked on 15: an INSERT into
// a referencing table takes ROW SHARE on the referenced one).
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "analyzer/effects_internal.h"
#include "analyzer/pg_catalog.h"
#include "sqlparse/parser.h"

namespace analyzer::effects_detail {

using sqlparse::Node;

namespace {

// `executed`: the query runs (planned: partitions, the tables behind views); otherwise it is
// only analysed (CREATE VIEW), which locks the relations it names and nothing else.
void read_relation(Builder& b, const QualifiedName& name, LockMode mode, bool executed) {
  if (!executed) {
    b.lock(name, mode);
    return;
  }
  b.lock_tree(name, mode);
  const Table* t = b.table(name);
  if (!t || t->kind != RelationKind::view) return;
  for (const QualifiedName& base : t->view.tables) read_relation(b, base, mode, executed);
}

// What query_locks acts on, gathered in one pass over the statement tree: the names of the
// CTEs anywhere in it (a relation so named is the CTE), and in tree order the relations it
// reads and the SELECTs that may lock rows. They are acted on once every CTE name is known.
struct QueryNodes {
  std::set<std::string_view> ctes;
  struct Found {
    Node node;
    bool relation;  // a RangeVar; else a SelectStmt
  };
  std::vector<Found> found;
};

// What the walk does at a node, decided by its kind alone.
enum class Visit {
  relation,  // a RangeVar: recorded; only its alias is below it
  select,    // a SelectStmt: recorded, and walked
  cte,       // a CommonTableExpr: its name is noted, and it is walked
  skip,      // a kind whose subtree holds no relation, query or CTE
  descend,   // anything else: walked
};

// Every node of the statement is classified: by the kind's length first, so that each kind is
// compared with one or two names rather than with all of them.
Visit visit_for(std::string_view kind) {
  switch (kind.size()) {
    case 5: return kind == "Float" ? Visit::skip : Visit::descend;
    case 6: return kind == "String" || kind == "A_Star" ? Visit::skip : Visit::descend;
    case 7: return kind == "A_Const" || kind == "Integer" || kind == "Boolean" ? Visit::skip : Visit::descend;
    case 8: return kind == "RangeVar" ? Visit::relation : kind == "ParamRef" ? Visit::skip : Visit::descend;
    case 9: return kind == "ColumnRef" ? Visit::skip : Visit::descend;
    case 10: return kind == "SelectStmt" ? Visit::select : Visit::descend;
    case 15: return kind == "CommonTableExpr" ? Visit::cte : Visit::descend;
    default: return Visit::descend;
  }
}

void collect_query_nodes(Node n, QueryNodes& out) {
  switch (visit_for(n.kind())) {
    case Visit::relation: out.found.push_back({n, true}); return;
    case Visit::select: out.found.push_back({n, false}); break;
    case Visit::cte: out.ctes.insert(n["ctename"].str()); break;
    case Visit::skip: return;
    case Visit::descend: break;
  }
  n.for_each_child([&](Node child) { collect_query_nodes(child, out); });
}

// FOR UPDATE / FOR SHARE in a SELECT: ROW SHARE on the relations it locks.
void locking_clauses(Builder& b, Node select, const std::set<std::string_view>& ctes, bool executed) {
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
      if (executed) b.lock_tree(b.qualify(t), LockMode::RowShare);
      else b.lock(b.qualify(t), LockMode::RowShare);
    }
  }
}

void foreign_key_checks(Builder& b, std::string_view kind, Node stmt, const QualifiedName& target) {
  const bool is_insert = kind == "InsertStmt", is_update = kind == "UpdateStmt", is_delete = kind == "DeleteStmt",
             is_merge = kind == "MergeStmt";
  // The columns an UPDATE sets (only an UPDATE asks), as the parse tree names them.
  std::vector<std::string_view> updated;
  if (is_update)
    for (Node target_col : stmt["targetList"]) updated.push_back(target_col["name"].str());
  const auto any_updated = [&](const std::vector<std::string>& columns) {
    return std::any_of(columns.begin(), columns.end(), [&](const std::string& c) {
      return std::find(updated.begin(), updated.end(), c) != updated.end();
    });
  };
  const Table* t = b.table(target);
  bool any = false;
  // This table's keys are checked against the referenced rows: SELECT ... FOR KEY SHARE.
  if (t && (is_insert || is_update || is_merge)) {
    for (const Constraint& con : t->constraints) {
      if (con.kind != ConstraintKind::foreign_key) continue;
      if (is_update && !any_updated(con.columns)) continue;
      b.lock(con.references, LockMode::RowShare);
      any = true;
    }
  }
  // Deleting or changing referenced keys looks up (or changes) the referencing rows.
  if (is_delete || is_update || is_merge) {
    const auto referencing_keys = b.schema.foreign_keys_referencing(target);
    b.effects.locks.reserve(b.effects.locks.size() + referencing_keys.size());
    // Only an UPDATE asks which keys it changes; the primary key is looked up for a foreign key
    // that names no referenced columns, once.
    std::optional<bool> pk_updated;
    const auto updates_key = [&](const Constraint& con) {
      if (!con.referenced_columns.empty()) return any_updated(con.referenced_columns);
      if (!pk_updated) pk_updated = any_updated(b.schema.primary_key(target));
      return *pk_updated;
    };
    for (const auto& [referencing, con] : referencing_keys) {
      if (is_update && !updates_key(*con)) continue;
      const std::string_view action = is_delete ? con->on_delete : con->on_update;
      const bool writes = action == "CASCADE" || action == "SET NULL" || action == "SET DEFAULT";
      b.lock(referencing->name, writes ? LockMode::RowExclusive : LockMode::RowShare);
      any = true;
    }
  }
  if (any) b.note("foreign-key checks lock the other table only when rows are affected");
}

// ---------------------------------------------------------------------------------------
// INSERT into a partitioned table locks the root when it is planned and each partition (ROW
// EXCLUSIVE) when the first row is routed to it (ExecFindPartition; checked on 15). Rows given
// as constants are routed here the way PostgreSQL routes them; otherwise every partition is
// a possible lock.

// A partition key value, or a bound datum, as far as the model can compare it.
struct KeyValue {
  enum class Kind { unknown, null, minvalue, maxvalue, value } kind = Kind::unknown;
  std::string text;       // for dates, timestamps and strings: a canonical spelling
  std::int64_t number = 0;  // for integers
};

enum class KeyType { integer, ordered_text, equality_text, other };

KeyType key_type(const Table& table, const std::string& column) {
  const Column* col = table.column(column);
  if (!col || col->type_info.array_dims > 0) return KeyType::other;
  const std::string name = pg_catalog::canonical_type(col->type_info.name);
  if (name == "int2" || name == "int4" || name == "int8") return KeyType::integer;
  if (name == "date" || name == "timestamp") return KeyType::ordered_text;
  // Strings compare by collation, but equality is bytewise for deterministic collations.
  if (name == "text" || name == "varchar") return KeyType::equality_text;
  return KeyType::other;
}

bool all_digits(std::string_view s, std::size_t from, std::size_t to) {
  if (to > s.size()) return false;
  for (std::size_t i = from; i < to; ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

// 'YYYY-MM-DD' for a date; 'YYYY-MM-DD HH:MM:SS' for a timestamp (a date alone is midnight).
// Any other spelling is left to the server: unknown.
std::optional<std::string> canonical_datetime(std::string_view s, const std::string& type) {
  const bool date = all_digits(s, 0, 4) && s.size() >= 10 && s[4] == '-' && all_digits(s, 5, 7) && s[7] == '-' &&
                    all_digits(s, 8, 10);
  if (!date) return std::nullopt;
  if (type == "date") return s.size() == 10 ? std::optional<std::string>(std::string(s)) : std::nullopt;
  if (s.size() == 10) return std::string(s) + " 00:00:00";
  if (s.size() == 19 && (s[10] == ' ' || s[10] == 'T') && all_digits(s, 11, 13) && s[13] == ':' &&
      all_digits(s, 14, 16) && s[16] == ':' && all_digits(s, 17, 19))
    return std::string(s.substr(0, 10)) + " " + std::string(s.substr(11));
  return std::nullopt;
}

KeyValue key_value(Node expr, KeyType type, const std::string& type_name) {
  KeyValue v;
  while (expr.is("TypeCast")) expr = expr["arg"];
  if (expr.is("ColumnRef") && expr["fields"].size() == 1) {  // MINVALUE / MAXVALUE in a range bound
    const std::string_view word = expr["fields"].at(0).str();
    if (word == "minvalue") v.kind = KeyValue::Kind::minvalue;
    if (word == "maxvalue") v.kind = KeyValue::Kind::maxvalue;
    return v;
  }
  if (!expr.is("A_Const")) return v;
  if (expr["isnull"].boolean()) {
    v.kind = KeyValue::Kind::null;
    return v;
  }
  if (type == KeyType::integer && expr["ival"]) {
    v.kind = KeyValue::Kind::value;
    v.number = expr.integer();
  } else if (type == KeyType::ordered_text && expr["sval"]) {
    if (auto text = canonical_datetime(expr.str(), type_name)) {
      v.kind = KeyValue::Kind::value;
      v.text = *text;
    }
  } else if (type == KeyType::equality_text && expr["sval"]) {
    v.kind = KeyValue::Kind::value;
    v.text = std::string(expr.str());
  }
  return v;
}

// -1, 0, 1; nullopt when the model cannot compare (strings by collation, unknown values).
std::optional<int> compare_key(const KeyValue& a, const KeyValue& b, KeyType type) {
  using K = KeyValue::Kind;
  if (a.kind == K::unknown || b.kind == K::unknown || a.kind == K::null || b.kind == K::null) return std::nullopt;
  const auto rank = [](K k) { return k == K::minvalue ? 0 : k == K::value ? 1 : 2; };
  if (a.kind != K::value || b.kind != K::value) {
    if (rank(a.kind) == rank(b.kind)) return 0;
    return rank(a.kind) < rank(b.kind) ? -1 : 1;
  }
  if (type == KeyType::integer) return a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
  if (type == KeyType::ordered_text) return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
  return std::nullopt;
}

// A partitioned table's key and its partitions' bounds, as values the model can compare.
struct Level {
  std::vector<std::string> columns;
  std::vector<KeyType> types;
  std::vector<std::string> type_names;
  struct Partition {
    const Table* table = nullptr;
    bool is_default = false;
    bool known = false;  // parsed, not hash, every datum readable
    std::vector<KeyValue> list, lower, upper;
  };
  std::vector<Partition> partitions;
  bool known = false;  // the key is plain columns of types the model compares
};

// Reads a partition's bound back from the model's "FOR VALUES ..." text with the parser.
Level::Partition read_bound(const Table& partition, const Level& level) {
  Level::Partition out;
  out.table = &partition;
  if (partition.partition_bound_sql == "DEFAULT") {
    out.is_default = out.known = true;
    return out;
  }
  const auto read = [&](Node datums, std::size_t column, std::vector<KeyValue>& into) {
    for (Node d : datums) {
      const std::size_t i = std::min(column++, level.types.size() - 1);
      into.push_back(key_value(d, level.types[i], level.type_names[i]));
      if (into.back().kind == KeyValue::Kind::unknown) out.known = false;
    }
  };
  const sqlparse::SourceText source("<partition bound>", "CREATE TABLE x PARTITION OF y " + partition.partition_bound_sql);
  sqlparse::parse_statements(source, [&](const sqlparse::Statement& st) {
    const Node spec = st.tree["partbound"];
    if (!spec || spec["strategy"].str() == "h") return;
    out.known = true;
    read(spec["listdatums"], 0, out.list);
    read(spec["lowerdatums"], 0, out.lower);
    read(spec["upperdatums"], 0, out.upper);
    if (out.list.empty() && (out.lower.size() != level.columns.size() || out.upper.size() != level.columns.size()))
      out.known = false;
  });
  return out;
}

Level read_level(Builder& b, const Table& parent) {
  Level level;
  level.known = !parent.partition_key_columns.empty();
  for (const std::string& column : parent.partition_key_columns) {
    const KeyType type = key_type(parent, column);
    if (column.empty() || type == KeyType::other) level.known = false;
    if (!level.known) break;
    level.columns.push_back(column);
    level.types.push_back(type);
    level.type_names.push_back(pg_catalog::canonical_type(parent.column(column)->type_info.name));
  }
  if (!level.known) return level;
  for (const Table* partition : b.schema.partitions_of(parent.name)) {
    level.partitions.push_back(read_bound(*partition, level));
    if (!level.partitions.back().known) level.known = false;
  }
  return level;
}

enum class Match { no, yes, unknown };

// Does a row's key (one value per key column) fall within the bound? Range bounds are
// [lower, upper) compared column by column; NULL keys belong only to a list bound naming NULL
// or to the default partition.
Match bound_matches(const Level::Partition& bound, const std::vector<KeyValue>& key, const Level& level) {
  if (bound.is_default) return Match::no;  // the fallback, decided by the caller
  if (!bound.list.empty()) {
    if (key.size() != 1) return Match::unknown;
    for (const KeyValue& v : bound.list) {
      if (key[0].kind == KeyValue::Kind::null || v.kind == KeyValue::Kind::null) {
        if (key[0].kind == v.kind) return Match::yes;
        continue;
      }
      if (level.types[0] == KeyType::equality_text) {
        if (v.text == key[0].text) return Match::yes;
        continue;
      }
      const auto c = compare_key(key[0], v, level.types[0]);
      if (!c) return Match::unknown;
      if (*c == 0) return Match::yes;
    }
    return Match::no;
  }
  for (const KeyValue& k : key)
    if (k.kind == KeyValue::Kind::null) return Match::no;
  const auto compare_tuple = [&](const std::vector<KeyValue>& datums) -> std::optional<int> {
    for (std::size_t i = 0; i < key.size(); ++i) {
      const auto c = compare_key(key[i], datums[i], level.types[i]);
      if (!c) return std::nullopt;
      if (*c != 0 || datums[i].kind != KeyValue::Kind::value) return *c;
    }
    return 0;
  };
  const auto low = compare_tuple(bound.lower), high = compare_tuple(bound.upper);
  if (!low || !high) return Match::unknown;
  return *low >= 0 && *high < 0 ? Match::yes : Match::no;
}

// Routes rows down a partition tree; each level's bounds are read once per statement.
class Router {
 public:
  explicit Router(Builder& b) : b_(b) {}

  // The partitions (partitioned ones included) a row with these column values passes
  // through below `parent`; nullopt when the model cannot tell. An empty path with `fails`
  // set: no partition accepts the row.
  std::optional<std::vector<QualifiedName>> route(const Table& parent, const std::map<std::string, Node>& row,
                                                  bool& fails) {
    auto it = levels_.find(parent.name);
    if (it == levels_.end()) it = levels_.emplace(parent.name, read_level(b_, parent)).first;
    const Level& level = it->second;
    if (!level.known) return std::nullopt;
    std::vector<KeyValue> key;
    for (std::size_t i = 0; i < level.columns.size(); ++i) {
      auto value = row.find(level.columns[i]);
      if (value == row.end()) return std::nullopt;  // the column's default: not evaluated here
      key.push_back(key_value(value->second, level.types[i], level.type_names[i]));
      if (key.back().kind == KeyValue::Kind::unknown) return std::nullopt;
    }
    const Table* chosen = nullptr;
    const Table* fallback = nullptr;
    for (const Level::Partition& partition : level.partitions) {
      if (partition.is_default) fallback = partition.table;
      const Match match = bound_matches(partition, key, level);
      if (match == Match::unknown) return std::nullopt;
      if (match == Match::yes && !chosen) chosen = partition.table;
    }
    if (!chosen) chosen = fallback;
    if (!chosen) {
      fails = true;
      return std::vector<QualifiedName>{};
    }
    std::vector<QualifiedName> path{chosen->name};
    if (chosen->kind == RelationKind::partitioned_table) {
      auto below = route(*chosen, row, fails);
      if (!below) return std::nullopt;
      path.insert(path.end(), below->begin(), below->end());
    }
    return path;
  }

 private:
  Builder& b_;
  std::map<QualifiedName, Level> levels_;
};

void insert_into_partitioned(Builder& b, Node stmt, const Table& root) {
  std::vector<std::string> columns;
  for (Node target : stmt["cols"]) columns.emplace_back(target["name"].str());
  if (columns.empty())
    for (const Column& col : root.columns) columns.push_back(col.name);
  const Node values = stmt["selectStmt"]["valuesLists"];
  bool known = values.size() > 0 && !stmt["selectStmt"]["withClause"];
  std::vector<QualifiedName> reached;
  bool fails = false;
  Router router(b);
  for (std::size_t r = 0; known && r < values.size(); ++r) {
    const Node items = values.at(r)["items"];
    if (items.size() > columns.size()) {
      known = false;
      break;
    }
    std::map<std::string, Node> row;
    for (std::size_t i = 0; i < items.size(); ++i) row[columns[i]] = items.at(i);
    auto path = router.route(root, row, fails);
    if (!path) known = false;
    else
      for (const QualifiedName& q : *path)
        if (std::find(reached.begin(), reached.end(), q) == reached.end()) reached.push_back(q);
  }
  if (!known) {
    for (const QualifiedName& partition : b.partitions(root.name))
      if (!b.effects.lock_on(partition)) b.effects.possible_locks.push_back({partition, LockMode::RowExclusive});
    b.note("the partitions of " + root.name.str() +
           " an INSERT locks are the ones its rows reach: the model cannot route these rows");
    return;
  }
  // Rows routed to a partition before one that fits nowhere have locked theirs already.
  for (const QualifiedName& q : reached) b.lock(q, LockMode::RowExclusive);
  if (fails) b.fail("no partition of " + root.name.str() + " accepts a row of the INSERT");
}

}  // namespace

void query_locks(Builder& b, Node stmt, bool executed) {
  const std::string_view kind = stmt.kind();
  QueryNodes nodes;
  collect_query_nodes(stmt, nodes);
  if (kind == "InsertStmt" || kind == "UpdateStmt" || kind == "DeleteStmt" || kind == "MergeStmt") {
    const QualifiedName target = b.qualify(range_var_name(stmt["relation"]));
    // INSERT routes rows and locks partitions as it reaches them; UPDATE and DELETE plan all.
    if (kind == "InsertStmt") {
      b.lock(target, LockMode::RowExclusive);
      if (const Table* t = b.table(target); t && t->kind == RelationKind::partitioned_table)
        insert_into_partitioned(b, stmt, *t);
    } else {
      b.lock_tree(target, LockMode::RowExclusive);
    }
    foreign_key_checks(b, kind, stmt, target);
  }
  // A SELECT statement is its own first SelectStmt, so its locking clauses are among these.
  for (const QueryNodes::Found& found : nodes.found) {
    if (!found.relation) {
      locking_clauses(b, found.node, nodes.ctes, executed);
      continue;
    }
    const QualifiedName name = range_var_name(found.node);
    if (!name.qualified() && nodes.ctes.count(name.name)) continue;
    read_relation(b, b.qualify(name), LockMode::AccessShare, executed);
  }
}

}  // namespace analyzer::effects_detail
