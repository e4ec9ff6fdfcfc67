// foreign-key-without-index: a foreign key whose columns do not lead any index of the referencing table.
#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "analyzer/rule.h"
#include "rules/common.h"

namespace rules {
namespace {

using analyzer::QualifiedName;
using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "foreign-key-without-index",
    analyzer::Severity::warning,
    analyzer::RuleGroup::destructive,
    {
        "A foreign key has no index on its referencing columns",
        "A foreign key added in the files under review (in `CREATE TABLE` or `ALTER TABLE`, as a column or a "
        "table constraint) whose referencing columns are not the leading columns, in any order, of a btree "
        "index without a WHERE clause on the referencing table (a primary key or unique constraint counts). "
        "New tables are flagged too: they are empty now, but the missing index hurts as soon as they fill. "
        "The check is made at the end of each file, so an index created later in the same file (or in the "
        "same CREATE TABLE) satisfies it; an index created only in a later file does not, because each "
        "migration may be deployed on its own. Severity: warning.",
        "PostgreSQL indexes the referenced key but not the referencing columns. Every DELETE of a referenced "
        "row, and every UPDATE of its key, must look for referencing rows, and without an index that is a "
        "sequential scan of the referencing table per row: deleting a few thousand users scans orders a few "
        "thousand times, while the deleting transaction holds its row locks. ON DELETE CASCADE and SET NULL "
        "make it worse: they also modify what they find. Joins on the key lose their index as well.",
        "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));",
        "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));\n"
        "CREATE INDEX orders_user_id_idx ON orders (user_id);\n"
        "-- On a table that already holds rows, outside a transaction block:\n"
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_user_id_idx ON orders (user_id);",
        "",
    },
};

// An index's key columns as far as a foreign key lookup can use them.
struct IndexKeys {
  QualifiedName table;
  std::vector<std::string> columns;  // "" for an expression
};

// Whether the first fk_columns.size() index columns are fk_columns in some order. Called for
// every pending key against every index of its table: compares in place, no copies.
bool leads_with(const std::vector<std::string>& index_columns, const std::vector<std::string>& fk_columns) {
  const std::size_t n = fk_columns.size();
  if (n == 0 || index_columns.size() < n) return false;
  if (n == 1) return index_columns.front() == fk_columns.front();
  // As multisets: every name occurs as often among the leading columns as among the key's.
  const auto leading_begin = index_columns.begin(), leading_end = leading_begin + static_cast<std::ptrdiff_t>(n);
  for (const std::string& column : fk_columns)
    if (std::count(leading_begin, leading_end, column) != std::count(fk_columns.begin(), fk_columns.end(), column))
      return false;
  return true;
}

// The first `width` columns in sorted order, as one string: equal for two lists exactly when
// leads_with would match them.
std::string column_set_key(const std::vector<std::string>& columns, std::size_t width) {
  if (width == 1) return columns.front();
  std::vector<std::string_view> sorted(columns.begin(), columns.begin() + static_cast<std::ptrdiff_t>(width));
  std::sort(sorted.begin(), sorted.end());
  std::string key;
  for (const std::string_view column : sorted) key.append(column).push_back('\0');
  return key;
}

bool usable(const analyzer::Index& index) {
  // A partial index serves only queries that imply its predicate; the RI check does not.
  if (!index.predicate_sql.empty()) return false;
  return index.method == "btree" || (index.method == "hash" && index.columns.size() == 1);
}

std::vector<std::string> names(Node list) {
  std::vector<std::string> out;
  for (Node item : list) out.emplace_back(item.str());
  return out;
}

struct ForeignKey {
  QualifiedName table;
  std::vector<std::string> columns;
  QualifiedName referenced;
  std::string name;  // as written; empty when unnamed
  bool new_table = false;
  bool known_table = false;  // the model knows the table (it may vanish later: dropped or renamed)
  std::size_t begin = 0, end = 0;
  std::size_t order = 0;  // among the file's keys, to report them in the order they were added
};

class ForeignKeyWithoutIndex : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void start_file(const sqlparse::SourceText&) override {
    pending_.clear();
    touched_.clear();
    touched_all_ = false;
    added_ = 0;
  }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter&) override {
    // The schema now holds every earlier statement, including the ones that added the keys.
    // Only the tables the previous statement locked can have gained an index or gone away:
    // re-checking every pending key at every statement made long files quadratic.
    if (touched_all_) {
      for (auto it = pending_.begin(); it != pending_.end();)
        it = drop_settled(ctx.schema, it->first, it->second) ? pending_.erase(it) : std::next(it);
    } else {
      for (const QualifiedName& table : touched_)
        if (auto it = pending_.find(table); it != pending_.end() && drop_settled(ctx.schema, table, it->second))
          pending_.erase(it);
    }
    touched_.clear();
    const Node stmt = ctx.statement.tree;
    const std::string_view kind = stmt.kind();
    std::vector<IndexKeys> declared;
    std::vector<ForeignKey> added;
    if (kind == "IndexStmt") {
      collect_index(ctx, stmt, declared);
    } else if (kind == "CreateStmt") {
      collect_create_table(ctx, stmt, declared, added);
    } else if (kind == "AlterTableStmt" && stmt["objtype"].str() != "OBJECT_INDEX") {
      collect_alter_table(ctx, stmt, declared, added);
    }
    for (ForeignKey& fk : added)
      if (!covered_by_schema(ctx.schema, fk)) {
        fk.order = added_++;
        pending_[fk.table].push_back(std::move(fk));
      }
    for (const IndexKeys& index : declared) {
      auto it = pending_.find(index.table);
      if (it == pending_.end()) continue;
      std::erase_if(it->second, [&](const ForeignKey& fk) { return leads_with(index.columns, fk.columns); });
      if (it->second.empty()) pending_.erase(it);
    }
    // Only DDL gives a table an index or makes it go away; DML locks tables too. With no key
    // left pending the next statement has nothing to settle. The locks name each relation
    // once; only the ones with keys pending are kept.
    if (!pending_.empty() && may_settle_keys(kind, stmt))
      for (const analyzer::RelationLock& lock : ctx.effects.locks)
        if (pending_.count(lock.relation)) touched_.push_back(lock.relation);
    // Whole schemas dropped: their tables are not listed one by one.
    touched_all_ = kind == "DropStmt" && stmt["removeType"].str() == "OBJECT_SCHEMA";
  }

  void finish_file(const analyzer::FileContext&, analyzer::Reporter& out) override {
    std::vector<const ForeignKey*> left;
    for (const auto& [table, keys] : pending_)
      for (const ForeignKey& fk : keys) left.push_back(&fk);
    std::sort(left.begin(), left.end(), [](const ForeignKey* a, const ForeignKey* b) { return a->order < b->order; });
    for (const ForeignKey* fk : left) report(*fk, out);
    pending_.clear();
  }

 private:
  // Whether the statement may give a table an index or key, or take a table away: only then
  // can it settle a pending key of a table it locks. Most ALTER TABLEs change columns alone
  // (a type, a default, NOT NULL, a new column, a foreign key or CHECK), which leaves every
  // table's indexes, keys and name as they were.
  static bool may_settle_keys(std::string_view kind, Node stmt) {
    if (kind == "IndexStmt" || kind == "RenameStmt" || kind == "DropStmt") return true;
    if (kind != "AlterTableStmt") return false;
    const auto builds_index = [](Node con) {
      const std::string_view contype = con["contype"].str();
      return contype == "CONSTR_PRIMARY" || contype == "CONSTR_UNIQUE" || contype == "CONSTR_EXCLUSION";
    };
    for (Node cmd : stmt["cmds"]) {
      const std::string_view sub = cmd["subtype"].str();
      if (sub == "AT_AlterColumnType" || sub == "AT_ColumnDefault" || sub == "AT_SetNotNull" ||
          sub == "AT_DropNotNull" || sub == "AT_ValidateConstraint")
        continue;
      if (sub == "AT_AddConstraint" && !builds_index(cmd["def"])) continue;
      if (sub == "AT_AddColumn") {
        bool index = false;
        for (Node con : cmd["def"]["constraints"]) index = index || builds_index(con);
        if (!index) continue;
      }
      return true;
    }
    return false;
  }

  // Drops the keys on `table` that the schema now indexes, or that went away with the table.
  // True when none is left.
  static bool drop_settled(const analyzer::Schema& schema, const QualifiedName& table, std::vector<ForeignKey>& keys) {
    const auto found = schema.tables().find(table);
    if (found == schema.tables().end()) {
      std::erase_if(keys, [](const ForeignKey& fk) { return fk.known_table; });
      if (keys.empty()) return true;
    }
    // An index or key can settle a pending key only if it starts with one of the key's columns;
    // most of a table's indexes do not, and are passed over after a comparison or two. The
    // leading columns of the others, as many as each pending key has, are gathered once for all
    // the keys: a lookup per key, not a scan per key.
    std::vector<std::string_view> key_columns;
    std::vector<std::size_t> widths;
    for (const ForeignKey& fk : keys) {
      for (const std::string& column : fk.columns)
        if (key_columns.empty() || key_columns.back() != column) key_columns.push_back(column);
      if (std::find(widths.begin(), widths.end(), fk.columns.size()) == widths.end())
        widths.push_back(fk.columns.size());
    }
    std::sort(key_columns.begin(), key_columns.end());
    key_columns.erase(std::unique(key_columns.begin(), key_columns.end()), key_columns.end());
    // Keys usually share a column or two: comparing for equality first tells most names apart
    // by their length alone.
    constexpr std::size_t linear_search_limit = 8;
    const auto is_key_column = [&](std::string_view column) {
      if (key_columns.size() <= linear_search_limit)
        return std::find(key_columns.begin(), key_columns.end(), column) != key_columns.end();
      return std::binary_search(key_columns.begin(), key_columns.end(), column);
    };
    std::unordered_set<std::string> leading;
    auto add = [&](const std::vector<std::string>& columns) {
      for (const std::size_t width : widths)
        if (width > 0 && columns.size() >= width) leading.insert(column_set_key(columns, width));
    };
    schema.for_each_index_on(table, [&](const analyzer::Index& index) {
      if (!index.columns.empty() && is_key_column(index.columns.front()) && usable(index)) add(index.columns);
    });
    if (found != schema.tables().end())
      for (const analyzer::Constraint& c : found->second.constraints)
        if ((c.kind == analyzer::ConstraintKind::primary_key || c.kind == analyzer::ConstraintKind::unique) &&
            !c.columns.empty() && is_key_column(c.columns.front()))
          add(c.columns);
    if (!leading.empty())
      std::erase_if(keys, [&](const ForeignKey& fk) {
        return !fk.columns.empty() && leading.count(column_set_key(fk.columns, fk.columns.size()));
      });
    return keys.empty();
  }

  static bool covered_by_schema(const analyzer::Schema& schema, const ForeignKey& fk) {
    bool covered = false;
    schema.for_each_index_on(fk.table, [&](const analyzer::Index& index) {
      covered = covered || (usable(index) && leads_with(index.columns, fk.columns));
    });
    if (covered) return true;
    if (auto it = schema.tables().find(fk.table); it != schema.tables().end())
      for (const analyzer::Constraint& c : it->second.constraints)
        if ((c.kind == analyzer::ConstraintKind::primary_key || c.kind == analyzer::ConstraintKind::unique) &&
            leads_with(c.columns, fk.columns))
          return true;
    return false;
  }

  static void collect_index(const analyzer::StatementContext& ctx, Node stmt, std::vector<IndexKeys>& declared) {
    if (stmt["whereClause"]) return;
    const std::string_view method = stmt["accessMethod"].str();
    IndexKeys index{ctx.relation(), {}};
    for (Node param : stmt["indexParams"]) index.columns.emplace_back(param["name"].str());
    if (method == "btree" || method.empty() || (method == "hash" && index.columns.size() == 1))
      declared.push_back(std::move(index));
  }

  // Column-level and table-level PRIMARY KEY, UNIQUE and FOREIGN KEY constraints.
  static void collect_constraint(const analyzer::StatementContext& ctx, const ForeignKey& where, Node con,
                                 std::string_view column, std::vector<IndexKeys>& declared,
                                 std::vector<ForeignKey>& added) {
    const std::string_view contype = con["contype"].str();
    if (contype == "CONSTR_PRIMARY" || contype == "CONSTR_UNIQUE") {
      std::vector<std::string> keys = names(con["keys"]);
      if (const std::string_view using_index = con["indexname"].str(); !using_index.empty()) {
        if (const analyzer::Index* index =
                ctx.schema.find_index(QualifiedName{where.table.schema, std::string(using_index)}, {}))
          keys = index->columns;
      }
      if (keys.empty() && !column.empty()) keys.emplace_back(column);
      declared.push_back({where.table, keys});
    } else if (contype == "CONSTR_FOREIGN") {
      ForeignKey fk = where;
      fk.columns = names(con["fk_attrs"]);
      if (fk.columns.empty() && !column.empty()) fk.columns.emplace_back(column);
      fk.referenced = ctx.qualify(analyzer::range_var_name(con["pktable"]));
      fk.name = std::string(con["conname"].str());
      if (!fk.columns.empty()) added.push_back(std::move(fk));
    }
  }

  static void collect_column(const analyzer::StatementContext& ctx, const ForeignKey& where, Node column_def,
                             std::vector<IndexKeys>& declared, std::vector<ForeignKey>& added) {
    const std::string_view column = column_def["colname"].str();
    for (Node con : column_def["constraints"]) collect_constraint(ctx, where, con, column, declared, added);
  }

  static ForeignKey site(const analyzer::StatementContext& ctx, const QualifiedName& table, bool new_table,
                         bool known_table) {
    ForeignKey where;
    where.table = table;
    where.new_table = new_table;
    where.known_table = known_table;
    where.begin = ctx.statement.begin;
    where.end = ctx.statement.end;
    return where;
  }

  static void collect_create_table(const analyzer::StatementContext& ctx, Node stmt,
                                   std::vector<IndexKeys>& declared, std::vector<ForeignKey>& added) {
    const ForeignKey where = site(ctx, ctx.relation(), true, true);
    for (Node element : stmt["tableElts"]) {
      if (element.is("ColumnDef")) collect_column(ctx, where, element, declared, added);
      else if (element.is("Constraint")) collect_constraint(ctx, where, element, "", declared, added);
    }
    for (Node con : stmt["constraints"]) collect_constraint(ctx, where, con, "", declared, added);
  }

  static void collect_alter_table(const analyzer::StatementContext& ctx, Node stmt,
                                  std::vector<IndexKeys>& declared, std::vector<ForeignKey>& added) {
    const QualifiedName& table = ctx.relation();
    const std::size_t added_before = added.size();
    const ForeignKey where = site(ctx, table, false, false);
    for (Node cmd : stmt["cmds"]) {
      const std::string_view sub = cmd["subtype"].str();
      if (sub == "AT_AddConstraint") collect_constraint(ctx, where, cmd["def"], "", declared, added);
      else if (sub == "AT_AddColumn") collect_column(ctx, where, cmd["def"], declared, added);
    }
    // Looked up only for a statement that adds a key: most ALTER TABLEs add none.
    if (added.size() == added_before) return;
    const bool new_table = ctx.is_new_table(table), known_table = ctx.find_table(table) != nullptr;
    for (std::size_t i = added_before; i < added.size(); ++i) {
      added[i].new_table = new_table;
      added[i].known_table = known_table;
    }
  }

  static void report(const ForeignKey& fk, analyzer::Reporter& out) {
    std::string columns;
    for (const std::string& c : fk.columns) columns += (columns.empty() ? "" : ", ") + quote_identifier(c);
    const std::string index = quote_identifier(default_constraint_name(fk.table.name, fk.columns, "idx"));
    std::string sql;
    if (fk.new_table) {
      sql = "CREATE INDEX " + index + " ON " + qualified_sql(fk.table) + " (" + columns + ");";
    } else {
      sql = "-- outside a transaction block (its own migration, the tool's transaction off):\n"
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS " + index + " ON " + qualified_sql(fk.table) + " (" + columns + ");";
    }
    out.report_at(fk.begin, fk.end,
                  "foreign key " + (fk.name.empty() ? std::string() : quote_identifier(fk.name) + " ") + "on " +
                      fk.table.str() + " (" + columns + ") has no index leading with its columns: each DELETE or "
                      "key UPDATE on " + fk.referenced.str() + " scans " + fk.table.str(),
                  fk.new_table ? "create an index on the referencing columns in the same migration"
                               : "create an index on the referencing columns with CREATE INDEX CONCURRENTLY",
                  sql);
  }

  // By referencing table. Looked up at every DDL statement, and a long file leaves a key
  // pending on each of thousands of tables: hashed. Reports follow ForeignKey::order.
  std::unordered_map<QualifiedName, std::vector<ForeignKey>, analyzer::NameHash, analyzer::NameEqual> pending_;
  std::vector<QualifiedName> touched_;  // tables with keys pending that the previous statement locked
  bool touched_all_ = false;
  std::size_t added_ = 0;
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_foreign_key_without_index() {
  return std::make_unique<ForeignKeyWithoutIndex>();
}

}  // namespace rules
