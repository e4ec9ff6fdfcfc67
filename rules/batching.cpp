#include "rules/batching.h"

#include "sqlparse/plpgsql.h"

#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace rules {

using analyzer::QualifiedName;
using sqlparse::Node;

namespace {

std::string_view operator_name(Node a_expr) {
  const Node name = a_expr["name"];
  return name.size() == 1 ? name.at(0).str() : std::string_view{};
}

bool is_null_constant(Node n) { return n.is("A_Const") && n["isnull"].boolean(); }

// A SELECT that returns a bounded number of rows: it has a LIMIT (or FETCH FIRST), or it
// reads only from a CTE that has one.
bool limited_select(Node select, const std::set<std::string>& limited_ctes) {
  const Node limit = select["limitCount"];
  if (limit && !is_null_constant(limit)) return true;
  const Node from = select["fromClause"];
  if (from.size() != 1) return false;
  const Node only = from.at(0);
  return only.is("RangeVar") && only["schemaname"].str().empty() &&
         limited_ctes.count(std::string(only["relname"].str()));
}

class KeyBounds {
 public:
  KeyBounds(const analyzer::StatementContext& ctx, Node dml, Node enclosing_with,
            const std::set<std::string>* variables)
      : ctx_(ctx), variables_(variables) {
    const Node relation = dml["relation"];
    table_ = ctx.qualify(analyzer::range_var_name(relation));
    known_ = ctx.find_table(analyzer::range_var_name(relation));
    alias_ = std::string(relation["alias"]["aliasname"].str());
    relname_ = std::string(relation["relname"].str());
    collect_limited_ctes(enclosing_with);
    collect_limited_ctes(dml["withClause"]);
    const Node others = dml.is("UpdateStmt") ? dml["fromClause"] : dml["usingClause"];
    has_other_relations_ = others.size() > 0;
    for (Node item : others) collect_limited_relation(item);
  }

  bool bounded(Node expr) const {
    if (expr.is("BoolExpr")) {
      const std::string_view op = expr["boolop"].str();
      if (op == "AND_EXPR") {
        std::vector<Node> conjuncts;
        flatten_and(expr, conjuncts);
        for (Node c : conjuncts)
          if (bounded(c)) return true;
        return two_sided_range(conjuncts);
      }
      if (op == "OR_EXPR") {
        for (Node arm : expr["args"])
          if (!bounded(arm)) return false;
        return expr["args"].size() > 0;
      }
      return false;
    }
    return single_bound(expr);
  }

 private:
  void collect_limited_ctes(Node with) {
    for (Node cte : with["ctes"]) {
      const Node query = cte["ctequery"];
      if (query.is("SelectStmt") && limited_select(query, limited_ctes_))
        limited_ctes_.insert(std::string(cte["ctename"].str()));
    }
  }

  // FROM/USING items whose rows are a bounded set: a LIMITed CTE or subquery.
  void collect_limited_relation(Node item) {
    if (item.is("RangeVar") && item["schemaname"].str().empty() &&
        limited_ctes_.count(std::string(item["relname"].str()))) {
      const std::string_view alias = item["alias"]["aliasname"].str();
      limited_relations_.insert(std::string(alias.empty() ? item["relname"].str() : alias));
    } else if (item.is("RangeSubselect") && limited_select(item["subquery"], limited_ctes_)) {
      limited_relations_.insert(std::string(item["alias"]["aliasname"].str()));
    }
  }

  static void flatten_and(Node expr, std::vector<Node>& out) {
    if (expr.is("BoolExpr") && expr["boolop"].str() == "AND_EXPR") {
      for (Node arg : expr["args"]) flatten_and(arg, out);
    } else {
      out.push_back(expr);
    }
  }

  // A ColumnRef that names a PL/pgSQL variable (`batch_start`) or a field of one (`r.id`):
  // PL/pgSQL rejects names that could be both a variable and a column.
  bool is_variable(Node ref) const {
    if (!variables_ || !ref.is("ColumnRef")) return false;
    const Node fields = ref["fields"];
    if (fields.size() == 0 || !fields.at(0).is("String")) return false;
    const std::string first(fields.at(0).str());
    if (fields.size() > 1 && (first == alias_ || first == relname_)) return false;
    return variables_->count(first) > 0;
  }

  // The column of the target table a ColumnRef names, if it names one.
  std::optional<std::string> target_column(Node ref) const {
    if (!ref.is("ColumnRef") || is_variable(ref)) return std::nullopt;
    const Node fields = ref["fields"];
    const std::size_t n = fields.size();
    if (n == 0 || !fields.at(n - 1).is("String")) return std::nullopt;
    std::string column(fields.at(n - 1).str());
    if (n == 1) {
      // Unqualified: the target's unless another FROM/USING relation may own it.
      if (has_other_relations_ && known_ && column != "ctid" && !known_->column(column) &&
          !known_->columns.empty())
        return std::nullopt;
      return column;
    }
    const std::string_view qualifier = fields.at(n - 2).str();
    if (!alias_.empty()) return n == 2 && qualifier == alias_ ? std::optional(column) : std::nullopt;
    if (qualifier != relname_) return std::nullopt;
    if (n >= 3 && fields.at(n - 3).str() != table_.schema) return std::nullopt;
    return column;
  }

  std::optional<std::string> target_key(Node ref) const {
    auto column = target_column(ref);
    if (!column) return std::nullopt;
    if (*column == "ctid" || is_key_column(*column)) return column;
    if (!known_ && *column == "id") return column;  // nothing known about the table: assume the usual key
    return std::nullopt;
  }

  // Schema::is_key_column walks the table's indexes; a range names its key twice (`id >= a AND
  // id < b`), so the answers are kept for the statement.
  bool is_key_column(const std::string& column) const {
    for (const auto& [known_column, key] : key_columns_)
      if (known_column == column) return key;
    const bool key = ctx_.schema.is_key_column(table_, column);
    key_columns_.emplace_back(column, key);
    return key;
  }

  // A value the same for every row: no column reference outside a subquery, and every
  // array built from a subquery is LIMITed. Node offers only a full walk, so nodes inside
  // subqueries are told apart by their locations.
  bool row_independent(Node value) const {
    if (!value) return false;
    std::set<int> nested;
    value.walk([&](Node n) {
      if (!n.is("SubLink")) return;
      n["subselect"].walk([&](Node inner) { nested.insert(inner.location()); });
      n["testexpr"].walk([&](Node inner) { nested.insert(inner.location()); });
    });
    bool independent = true;
    value.walk([&](Node n) {
      const bool ref = n.is("ColumnRef") && !is_variable(n);
      if ((!ref && !n.is("SubLink")) || nested.count(n.location())) return;
      if (ref) {
        independent = false;
      } else {
        const std::string_view type = n["subLinkType"].str();
        if (type == "ARRAY_SUBLINK" ? !limited_select(n["subselect"], limited_ctes_) : type != "EXPR_SUBLINK")
          independent = false;
      }
    });
    return independent;
  }

  // The other side of a key comparison names a column of a LIMITed CTE or subquery.
  bool from_limited_relation(Node ref) const {
    if (!ref.is("ColumnRef")) return false;
    const Node fields = ref["fields"];
    return fields.size() == 2 && limited_relations_.count(std::string(fields.at(0).str()));
  }

  bool bounded_value(Node value) const { return row_independent(value) || from_limited_relation(value); }

  bool all_independent(Node list) const {
    if (list.is("List")) list = list["items"];
    for (Node item : list)
      if (!row_independent(item)) return false;
    return list.size() > 0;
  }

  bool single_bound(Node c) const {
    if (c.is("CurrentOfExpr")) return true;  // WHERE CURRENT OF: one row
    if (c.is("SubLink")) {
      const std::string_view type = c["subLinkType"].str();
      const Node op = c["operName"];
      const bool equality = op.size() == 0 || (op.size() == 1 && op.at(0).str() == "=");
      return type == "ANY_SUBLINK" && equality && target_key(c["testexpr"]) &&
             limited_select(c["subselect"], limited_ctes_);
    }
    if (!c.is("A_Expr")) return false;
    const std::string_view kind = c["kind"].str();
    const std::string_view op = operator_name(c);
    const Node l = c["lexpr"], r = c["rexpr"];
    if (kind == "AEXPR_OP" && op == "=")
      return (target_key(l) && bounded_value(r)) || (target_key(r) && bounded_value(l));
    if (kind == "AEXPR_OP_ANY" && op == "=") return target_key(l) && row_independent(r);
    if (kind == "AEXPR_IN" && op == "=") return target_key(l) && all_independent(r);
    if (kind == "AEXPR_BETWEEN" || kind == "AEXPR_BETWEEN_SYM") return target_key(l) && all_independent(r);
    return false;
  }

  // `key >= a AND key < b` (either operand order) on the same key column.
  bool two_sided_range(const std::vector<Node>& conjuncts) const {
    std::map<std::string, int> sides;  // bit 1: lower bound, bit 2: upper bound
    for (Node c : conjuncts) {
      if (!c.is("A_Expr") || c["kind"].str() != "AEXPR_OP") continue;
      const std::string_view op = operator_name(c);
      const bool greater = op == ">" || op == ">=";
      const bool less = op == "<" || op == "<=";
      if (!greater && !less) continue;
      if (auto key = target_key(c["lexpr"]); key && row_independent(c["rexpr"]))
        sides[*key] |= greater ? 1 : 2;
      else if (auto rkey = target_key(c["rexpr"]); rkey && row_independent(c["lexpr"]))
        sides[*rkey] |= greater ? 2 : 1;
    }
    for (const auto& [key, bits] : sides)
      if (bits == 3) return true;
    return false;
  }

  const analyzer::StatementContext& ctx_;
  const std::set<std::string>* variables_;
  QualifiedName table_;
  const analyzer::Table* known_ = nullptr;
  std::string alias_;
  std::string relname_;
  bool has_other_relations_ = false;
  std::set<std::string> limited_ctes_;
  std::set<std::string> limited_relations_;
  mutable std::vector<std::pair<std::string, bool>> key_columns_;  // is_key_column's answers
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// The column to walk batches by: the first primary-key column, else `id`.
std::string batch_key(const analyzer::StatementContext& ctx, const QualifiedName& table) {
  const auto pk = ctx.schema.primary_key(table);
  return pk.empty() || pk.front().empty() ? std::string("id") : pk.front();
}

// The statement rewritten as one key-range batch, using the variables of the loop.
std::string batched_statement(std::string_view sql, const std::string& key_ref, std::string_view lower,
                              std::string_view upper) {
  const std::size_t where_at = find_top_level_keyword(sql, "WHERE");
  const std::size_t returning_at = find_top_level_keyword(sql, "RETURNING");
  const std::size_t head_end = std::min(where_at, std::min(returning_at, sql.size()));
  std::string out(trim(sql.substr(0, head_end)));
  std::string_view condition;
  if (where_at != std::string_view::npos) {
    const std::size_t cond_begin = where_at + 5;
    const std::size_t cond_end = returning_at == std::string_view::npos || returning_at < cond_begin
                                     ? sql.size() : returning_at;
    condition = trim(sql.substr(cond_begin, cond_end - cond_begin));
  }
  out += "\n    WHERE ";
  if (!condition.empty()) out += "(" + std::string(condition) + ")\n      AND ";
  // Appended piece by piece: gcc 12 warns (-Wrestrict, falsely) on the chained + in Release.
  out += key_ref;
  out += " >= ";
  out += lower;
  out += " AND ";
  out += key_ref;
  out += " < ";
  out += upper;
  return out;
}

std::string suggested_batches(const analyzer::StatementContext& ctx, Node dml, std::string_view sql) {
  const Node relation = dml["relation"];
  const QualifiedName table = ctx.qualify(analyzer::range_var_name(relation));
  const std::string key = batch_key(ctx, table);
  std::string reference(relation["alias"]["aliasname"].str());
  if (reference.empty()) {
    reference = std::string(relation["relname"].str());
    if (!relation["schemaname"].str().empty()) reference = std::string(relation["schemaname"].str()) + "." + reference;
  }
  const std::string key_ref = reference + "." + key;

  return "-- In its own migration, with the migration tool's transaction turned off.\n"
         "-- Assumes an integer key; for other keys walk it with ORDER BY " + key + " LIMIT n instead.\n"
         "DO $batches$\n"
         "DECLARE\n"
         "  batch_size  constant bigint := 10000;\n"
         "  batch_start bigint;\n"
         "  last_key    bigint;\n"
         "BEGIN\n"
         "  SELECT min(" + key + "), max(" + key + ") INTO batch_start, last_key FROM " + table.str() + ";\n"
         "  WHILE batch_start <= last_key LOOP\n"
         "    " + batched_statement(sql, key_ref, "batch_start", "batch_start + batch_size") + ";\n"
         "    COMMIT;                  -- row locks and the snapshot last one batch only\n"
         "    PERFORM pg_sleep(0.1);   -- let replicas and autovacuum keep up\n"
         "    batch_start := batch_start + batch_size;\n"
         "  END LOOP;\n"
         "END $batches$;";
}

// Where an UPDATE or DELETE runs, for the finding's place and wording.
struct Site {
  std::size_t begin = 0, end = 0;  // the finding's range in the file
  std::string_view text;           // the statement's SQL, for the suggested rewrite
  std::string routine;             // "" at top level, "in a DO block", "in procedure p, ..."
  std::string runner;              // what runs the routine: "the DO block", "the CALL"
  const sqlparse::EmbeddedStatement* embedded = nullptr;
  const std::set<std::string>* variables = nullptr;
};

std::string parenthesised(const std::string& a, const std::string& b) {
  if (a.empty() && b.empty()) return "";
  return " (" + a + (a.empty() || b.empty() ? "" : ", ") + b + ")";
}

// Checks one UPDATE or DELETE; `in_cte` when it is a data-modifying CTE of `enclosing_with`.
void check_dml(const analyzer::StatementContext& ctx, analyzer::Reporter& out, const Site& site, Node dml,
               Node enclosing_with, bool in_cte) {
  const QualifiedName name = analyzer::range_var_name(dml["relation"]);
  if (ctx.is_new_table(name)) return;
  const bool bounded = bounds_rows_by_key(ctx, dml, enclosing_with, site.variables);
  const sqlparse::EmbeddedStatement* embedded = site.embedded;
  if (bounded && (!embedded || embedded->loop_depth == 0)) return;

  const bool is_update = dml.is("UpdateStmt");
  const QualifiedName table = ctx.qualify(name);
  const std::string subject = std::string(is_update ? "UPDATE" : "DELETE") + " on " + table.str() +
                              parenthesised(in_cte ? "in a WITH clause" : "", site.routine);
  if (!bounded) {
    const std::string scope =
        dml["whereClause"] ? " filters rows but does not bound them by a key" : " has no WHERE clause";
    // The suggested rewrite replaces a whole top-level statement; inside a body only the help applies.
    const bool suggest = !in_cte && !embedded;
    out.report_at(site.begin, site.end,
                  subject + scope + ": it " + (is_update ? "rewrites" : "deletes") +
                      " every matching row in one transaction, holding their row locks until it commits",
                  "batch it: bound each statement by a key (a range of " + batch_key(ctx, table) +
                      ", or `= ANY(ARRAY(SELECT ctid ... LIMIT n))`) and COMMIT after every batch, pausing "
                      "between batches; drive the loop from a DO block or procedure with COMMIT (PostgreSQL "
                      "11+), run outside the migration's transaction, or from the application",
                  suggest ? suggested_batches(ctx, dml, site.text) : std::string());
  } else if (!embedded->loop_commits) {
    out.report_at(site.begin, site.end,
                  subject + " is bounded by a key, but its loop does not COMMIT per batch: the whole loop is "
                            "one transaction, holding the row locks of every batch until it commits",
                  "COMMIT after every batch inside the loop (PostgreSQL 11+; not in a block with an EXCEPTION "
                  "clause, where COMMIT fails), and run " + site.runner + " outside the migration's transaction");
  } else if (ctx.session.in_transaction()) {
    out.report_at(site.begin, site.end,
                  subject + " is batched by a loop that COMMITs, but " + site.runner +
                      " runs inside a transaction block, where the batching does not help: PostgreSQL rejects "
                      "the COMMIT (`invalid transaction termination`), so no batch commits on its own; the whole "
                      "loop is one transaction, and the migration fails at its first COMMIT",
                  "run " + site.runner + " in its own migration with the migration tool's transaction turned off "
                  "(and no BEGIN around it), so each COMMIT ends a batch");
  }
}

// The statement's UPDATEs or DELETEs: itself, or data-modifying CTEs
// (WITH moved AS (DELETE FROM ... RETURNING *) INSERT ...).
void check_statement(const analyzer::StatementContext& ctx, analyzer::Reporter& out, const Site& site,
                     Node stmt, std::string_view dml_kind) {
  const std::string_view kind = stmt.kind();
  if (kind == dml_kind) check_dml(ctx, out, site, stmt, {}, false);
  // Only these statements have a WITH clause; the others need no field lookup.
  if (kind != "InsertStmt" && kind != "UpdateStmt" && kind != "DeleteStmt" && kind != "SelectStmt" &&
      kind != "MergeStmt")
    return;
  const Node with = stmt["withClause"];
  for (Node cte : with["ctes"]) {
    const Node query = cte["ctequery"];
    if (query.is(dml_kind)) check_dml(ctx, out, site, query, with, true);
  }
}

}  // namespace

bool bounds_rows_by_key(const analyzer::StatementContext& ctx, Node dml, Node enclosing_with,
                        const std::set<std::string>* variables) {
  const Node where = dml["whereClause"];
  if (!where) return false;
  return KeyBounds(ctx, dml, enclosing_with, variables).bounded(where);
}

void UnbatchedFinder::check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) {
  const sqlparse::Statement& st = ctx.statement;
  const Node stmt = st.tree;
  const std::string_view kind = stmt.kind();
  if (kind == "DoStmt") {
    check_routine(ctx, out, st.begin, st.end, "in a DO block", "the DO block");
  } else if (kind == "CreateFunctionStmt") {
    remember_procedure(ctx);  // defining a function or procedure runs nothing
  } else if (kind == "CallStmt") {
    if (const Procedure* procedure = called_procedure(stmt["funccall"]))
      check_routine(ctx, out, procedure->begin, procedure->end,
                    "in procedure " + (procedure->schema.empty() ? "" : procedure->schema + ".") + procedure->name +
                        ", run by the CALL on line " + std::to_string(st.start.line),
                    "the CALL");
  } else {
    Site site;
    site.begin = st.begin;
    site.end = st.end;
    site.text = st.text;
    check_statement(ctx, out, site, stmt, dml_kind_);
  }
}

void UnbatchedFinder::check_routine(const analyzer::StatementContext& ctx, analyzer::Reporter& out,
                                    std::size_t begin, std::size_t end, const std::string& routine,
                                    const std::string& runner) {
  // A body that is not valid PL/pgSQL fails when it runs; nothing to judge.
  sqlparse::read_plpgsql_routine(
      ctx.source, begin, end, [&](const sqlparse::PlpgsqlRoutine& r, const sqlparse::EmbeddedStatement& e) {
        Site site;
        site.begin = e.statement.begin;
        site.end = e.statement.end;
        site.text = e.statement.text;
        site.routine = routine;
        site.runner = runner;
        site.embedded = &e;
        site.variables = &r.variables;
        check_statement(ctx, out, site, e.statement.tree, dml_kind_);
      });
}

void UnbatchedFinder::remember_procedure(const analyzer::StatementContext& ctx) {
  const Node stmt = ctx.statement.tree;
  if (!stmt["is_procedure"].boolean()) return;
  const Node names = stmt["funcname"];
  if (names.size() == 0) return;
  Procedure p;
  p.name = std::string(names.at(names.size() - 1).str());
  if (names.size() > 1) p.schema = std::string(names.at(names.size() - 2).str());
  p.begin = ctx.statement.begin;
  p.end = ctx.statement.end;
  procedures_.push_back(std::move(p));
}

// The latest procedure of this file that a CALL may name. Overloads are not told apart.
const UnbatchedFinder::Procedure* UnbatchedFinder::called_procedure(Node call) const {
  const Node names = call["funcname"];
  if (names.size() == 0) return nullptr;
  const std::string_view name = names.at(names.size() - 1).str();
  const std::string_view schema = names.size() > 1 ? names.at(names.size() - 2).str() : std::string_view{};
  for (auto it = procedures_.rbegin(); it != procedures_.rend(); ++it)
    if (it->name == name && (schema.empty() || it->schema.empty() || it->schema == schema)) return &*it;
  return nullptr;
}

std::size_t find_top_level_keyword(std::string_view sql, std::string_view keyword) {
  const auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; };
  int depth = 0;
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      while (i < sql.size() && sql[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      int nesting = 0;
      do {
        if (sql.substr(i, 2) == "/*") ++nesting, i += 2;
        else if (sql.substr(i, 2) == "*/") --nesting, i += 2;
        else ++i;
      } while (i < sql.size() && nesting > 0);
    } else if (c == '\'' || c == '"') {
      // E'...' strings may escape the quote with a backslash.
      const bool escapes = c == '\'' && i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e');
      ++i;
      while (i < sql.size()) {
        if (escapes && sql[i] == '\\') { i += 2; continue; }
        if (sql[i] == c) {
          if (i + 1 < sql.size() && sql[i + 1] == c) { i += 2; continue; }
          break;
        }
        ++i;
      }
      ++i;
    } else if (c == '$' && (i == 0 || !is_word(sql[i - 1]))) {
      // Dollar quote: $tag$ ... $tag$
      std::size_t j = i + 1;
      while (j < sql.size() && sql[j] != '$' && (std::isalnum(static_cast<unsigned char>(sql[j])) || sql[j] == '_')) ++j;
      if (j < sql.size() && sql[j] == '$' && !(j > i + 1 && std::isdigit(static_cast<unsigned char>(sql[i + 1])))) {
        const std::string_view tag = sql.substr(i, j - i + 1);
        const std::size_t close = sql.find(tag, j + 1);
        i = close == std::string_view::npos ? sql.size() : close + tag.size();
      } else {
        i = j;
      }
    } else if (c == '(') {
      ++depth, ++i;
    } else if (c == ')') {
      --depth, ++i;
    } else if (is_word(c)) {
      std::size_t j = i;
      while (j < sql.size() && is_word(sql[j])) ++j;
      if (depth == 0 && j - i == keyword.size()) {
        bool match = true;
        for (std::size_t k = 0; k < keyword.size() && match; ++k)
          match = std::toupper(static_cast<unsigned char>(sql[i + k])) == keyword[k];
        if (match) return i;
      }
      i = j;
    } else {
      ++i;
    }
  }
  return std::string_view::npos;
}

}  // namespace rules
