// prefer-robust-statements: DDL outside a transaction that fails, or leaves a duplicate or an
// INVALID index behind, when the migration is run again after failing halfway.
#include <algorithm>
#include <set>

#include "analyzer/rule.h"
#include "rules/common.h"
#include "rules/sql_tokens.h"

namespace rules {
namespace {

using analyzer::QualifiedName;
using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "prefer-robust-statements",
    analyzer::Severity::warning,
    analyzer::RuleGroup::style,
    {
        "DDL outside a transaction is not safe to run again after a partial failure",
        "Statements that run outside a transaction (the file is not wrapped by the migration tool and no BEGIN "
        "is open, or the statement cannot run in one) and fail or misbehave when the migration is retried: "
        "`CREATE TABLE/SEQUENCE/SCHEMA/EXTENSION/MATERIALIZED VIEW/TABLE AS` without IF NOT EXISTS; `CREATE "
        "VIEW/FUNCTION/PROCEDURE/TRIGGER` without OR REPLACE (TRIGGER: PostgreSQL 14+); `DROP ...` without IF "
        "EXISTS; `ALTER TABLE ... ADD COLUMN` without IF NOT EXISTS, `DROP COLUMN`/`DROP CONSTRAINT` without IF "
        "EXISTS, `ADD CONSTRAINT` (no IF NOT EXISTS exists: drop it IF EXISTS first; an unnamed one is added "
        "again under a new name); `ALTER TYPE ... ADD VALUE` without IF NOT EXISTS; `CREATE INDEX` without IF NOT "
        "EXISTS, and `CREATE INDEX CONCURRENTLY` unless the same index was dropped IF EXISTS just before it. "
        "Off by default (style group). Severity: warning.",
        "Outside a transaction each statement commits on its own. When a later statement fails (a lock timeout, "
        "a deploy killed halfway), the earlier ones stay applied, and the migration tool runs the whole file "
        "again: the first `CREATE TABLE` or `ADD COLUMN` now fails with `already exists`, and the migration is "
        "stuck until someone edits the database by hand. A failed `CREATE INDEX CONCURRENTLY` is worse: it "
        "leaves an INVALID index behind, which `IF NOT EXISTS` then skips with a notice, so the retry "
        "\"succeeds\" without a usable index (and an unnamed one is built again under a new name on every "
        "retry). Dropping the index IF EXISTS before building it covers both cases.",
        "-- no transaction (the file also builds an index CONCURRENTLY):\n"
        "ALTER TABLE accounts ADD COLUMN billing_email text;\n"
        "CREATE INDEX CONCURRENTLY accounts_billing_email_idx ON accounts (billing_email);",
        "ALTER TABLE accounts ADD COLUMN IF NOT EXISTS billing_email text;\n"
        "DROP INDEX CONCURRENTLY IF EXISTS accounts_billing_email_idx;  -- an INVALID leftover of a failed run\n"
        "CREATE INDEX CONCURRENTLY accounts_billing_email_idx ON accounts (billing_email);",
        "`CREATE OR REPLACE TRIGGER` needs PostgreSQL 14; before that, drop the trigger IF EXISTS first.",
    },
    false,  // style group: off by default
};

// What to change in the statement: text inserted at a byte offset of the statement.
struct Fix {
  std::string problem;
  std::size_t at = std::string::npos;  // npos: no automatic edit
  std::string insert;
};

const std::set<std::string, std::less<>> kObjectWords = {
    "table",   "index",   "concurrently", "materialized", "view",   "sequence",  "type",      "domain",
    "function", "procedure", "trigger",   "policy",       "schema", "extension", "foreign",   "routine",
    "aggregate", "rule",    "collation",  "statistics",   "server", "publication", "subscription"};

class PreferRobustStatements : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void start_file(const sqlparse::SourceText&) override { dropped_indexes_.clear(); }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    const Node stmt = ctx.statement.tree;
    remember_dropped_index(ctx, stmt);
    if (ctx.session.in_transaction()) return;  // a failure rolls the whole transaction back
    tokens_ = sql_tokens(ctx.statement.text);
    std::vector<Fix> fixes;
    std::string prefix;  // statements to run first
    if (stmt.is("IndexStmt")) {
      index_fixes(ctx, stmt, fixes, prefix);
    } else if (stmt.is("CreateStmt") || stmt.is("CreateSeqStmt") || stmt.is("CreateTableAsStmt")) {
      const Node rv = stmt.is("CreateStmt") ? stmt["relation"] : stmt.is("CreateSeqStmt") ? stmt["sequence"] : stmt["into"]["rel"];
      if (!stmt["if_not_exists"].boolean() && rv["relpersistence"].str() != "t")
        fixes.push_back({"CREATE without IF NOT EXISTS fails with `already exists`",
                         ctx.statement.file_offset(rv) - ctx.statement.begin, "IF NOT EXISTS "});
    } else if (stmt.is("CreateSchemaStmt") || stmt.is("CreateExtensionStmt")) {
      if (!stmt["if_not_exists"].boolean())
        fixes.push_back({"CREATE without IF NOT EXISTS fails with `already exists`",
                         after_word(stmt.is("CreateSchemaStmt") ? "schema" : "extension"), "IF NOT EXISTS "});
    } else if (stmt.is("ViewStmt") || stmt.is("CreateFunctionStmt") || stmt.is("CreateTrigStmt")) {
      or_replace_fixes(ctx, stmt, fixes, prefix);
    } else if (stmt.is("DropStmt")) {
      if (!stmt["missing_ok"].boolean()) fixes.push_back({"DROP without IF EXISTS fails with `does not exist`", after_drop_words(), "IF EXISTS "});
    } else if (stmt.is("AlterTableStmt")) {
      alter_table_fixes(ctx, stmt, fixes);
    } else if (stmt.is("AlterEnumStmt") && stmt["oldVal"].str().empty() && !stmt["skipIfNewValExists"].boolean()) {
      fixes.push_back({"ADD VALUE without IF NOT EXISTS fails with `already exists`", after_word("value"), "IF NOT EXISTS "});
    }
    if (fixes.empty()) return;
    report(ctx, out, fixes, prefix);
  }

 private:
  void remember_dropped_index(const analyzer::StatementContext& ctx, Node stmt) {
    if (!stmt.is("DropStmt") || stmt["removeType"].str() != "OBJECT_INDEX" || !stmt["missing_ok"].boolean()) return;
    for (Node object : stmt["objects"]) dropped_indexes_.insert(index_key(ctx, analyzer::list_name(object["items"])));
  }

  // An index name as the file refers to it (unqualified names resolve in the first schema of the path).
  static QualifiedName index_key(const analyzer::StatementContext& ctx, QualifiedName name) {
    if (!name.qualified()) name.schema = ctx.session.search_path.empty() ? "public" : ctx.session.search_path.front();
    return name;
  }

  void index_fixes(const analyzer::StatementContext& ctx, Node stmt, std::vector<Fix>& fixes, std::string& prefix) {
    const std::string idxname(stmt["idxname"].str());
    const bool concurrent = stmt["concurrent"].boolean();
    const std::size_t name_at = after_index_words();
    if (idxname.empty()) {
      fixes.push_back({concurrent ? "an unnamed CREATE INDEX CONCURRENTLY leaves another INVALID index on each failed run"
                                  : "an unnamed CREATE INDEX builds a duplicate index on every run",
                       std::string::npos, ""});
      return;
    }
    const QualifiedName& table = ctx.relation();
    const QualifiedName index{table.schema, idxname};
    if (!concurrent) {
      if (!stmt["if_not_exists"].boolean())
        fixes.push_back({"CREATE INDEX without IF NOT EXISTS fails with `already exists`", name_at, "IF NOT EXISTS "});
      return;
    }
    if (dropped_indexes_.count(index) || dropped_indexes_.count(index_key(ctx, {"", idxname}))) return;
    fixes.push_back({stmt["if_not_exists"].boolean()
                         ? "CREATE INDEX CONCURRENTLY IF NOT EXISTS skips the INVALID index a failed run leaves behind"
                         : "CREATE INDEX CONCURRENTLY fails with `already exists` after a failed run left an INVALID "
                           "index behind",
                     std::string::npos, ""});
    prefix = "DROP INDEX CONCURRENTLY IF EXISTS " + qualified_sql(index) + ";\n";
  }

  void or_replace_fixes(const analyzer::StatementContext& ctx, Node stmt, std::vector<Fix>& fixes,
                        std::string& prefix) {
    if (stmt["replace"].boolean()) return;
    if (stmt.is("CreateTrigStmt") && ctx.pg_version < 14) {
      fixes.push_back({"CREATE TRIGGER fails with `already exists`", std::string::npos, ""});
      prefix = "DROP TRIGGER IF EXISTS " + quote_identifier(stmt["trigname"].str()) + " ON " +
               qualified_sql(ctx.relation()) + ";\n";
      return;
    }
    fixes.push_back({"CREATE without OR REPLACE fails with `already exists`", after_word("create"), "OR REPLACE "});
  }

  void alter_table_fixes(const analyzer::StatementContext& ctx, Node stmt, std::vector<Fix>& fixes) {
    std::set<std::string, std::less<>> dropped_first;  // DROP CONSTRAINT IF EXISTS earlier in the statement
    for (Node cmd : stmt["cmds"]) {
      const std::string_view subtype = cmd["subtype"].str();
      if (subtype == "AT_DropConstraint" && cmd["missing_ok"].boolean()) dropped_first.emplace(cmd["name"].str());
      if (cmd["missing_ok"].boolean()) continue;
      if (subtype == "AT_AddColumn") {
        fixes.push_back({"ADD COLUMN " + quote_identifier(cmd["def"]["colname"].str()) +
                             " without IF NOT EXISTS fails with `already exists`",
                         ctx.statement.file_offset(cmd["def"]) - ctx.statement.begin, "IF NOT EXISTS "});
      } else if (subtype == "AT_DropColumn" || subtype == "AT_DropConstraint") {
        const bool column = subtype == "AT_DropColumn";
        fixes.push_back({std::string(column ? "DROP COLUMN " : "DROP CONSTRAINT ") + quote_identifier(cmd["name"].str()) +
                             " without IF EXISTS fails with `does not exist`",
                         dropped_name(column ? "column" : "constraint", cmd["name"].str()), "IF EXISTS "});
      } else if (subtype == "AT_AddConstraint") {
        const std::string name(cmd["def"]["conname"].str());
        if (dropped_first.count(name)) continue;
        if (name.empty()) {
          fixes.push_back({"an unnamed ADD CONSTRAINT adds the constraint again, under a new name, on every run",
                           std::string::npos, ""});
        } else {
          fixes.push_back({"ADD CONSTRAINT " + quote_identifier(name) + " fails with `already exists`",
                           add_constraint_start(name), "DROP CONSTRAINT IF EXISTS " + quote_identifier(name) + ", "});
        }
      }
    }
  }

  // Just past the first word `word`; npos if absent.
  std::size_t after_word(std::string_view word) const {
    for (std::size_t k = 0; k + 1 < tokens_.size(); ++k)
      if (tokens_[k].is_word(word)) return tokens_[k + 1].begin;
    return std::string::npos;
  }

  // DROP [MATERIALIZED VIEW | INDEX CONCURRENTLY | ...] here name
  std::size_t after_drop_words() const {
    std::size_t k = 1;
    while (k < tokens_.size() && tokens_[k].kind == SqlToken::Kind::word && kObjectWords.count(tokens_[k].value)) ++k;
    return k < tokens_.size() ? tokens_[k].begin : std::string::npos;
  }

  // CREATE [UNIQUE] INDEX [CONCURRENTLY] here name
  std::size_t after_index_words() const {
    for (std::size_t k = 0; k + 1 < tokens_.size(); ++k) {
      if (!tokens_[k].is_word("index")) continue;
      if (tokens_[k + 1].is_word("concurrently")) ++k;
      return k + 1 < tokens_.size() ? tokens_[k + 1].begin : std::string::npos;
    }
    return std::string::npos;
  }

  // DROP [COLUMN|CONSTRAINT] here name
  std::size_t dropped_name(std::string_view keyword, std::string_view name) const {
    for (std::size_t k = 0; k + 1 < tokens_.size(); ++k) {
      if (!tokens_[k].is_word("drop")) continue;
      std::size_t n = k + 1;
      if (tokens_[n].is_word(keyword)) ++n;
      if (n < tokens_.size() && tokens_[n].is_identifier() && tokens_[n].value == name) return tokens_[n].begin;
    }
    return std::string::npos;
  }

  // here ADD CONSTRAINT name
  std::size_t add_constraint_start(std::string_view name) const {
    for (std::size_t k = 0; k + 2 < tokens_.size(); ++k)
      if (tokens_[k].is_word("add") && tokens_[k + 1].is_word("constraint") && tokens_[k + 2].value == name)
        return tokens_[k].begin;
    return std::string::npos;
  }

  void report(const analyzer::StatementContext& ctx, analyzer::Reporter& out, std::vector<Fix>& fixes,
              const std::string& prefix) const {
    std::string problems;
    bool editable = true;
    for (const Fix& f : fixes) {
      problems += (problems.empty() ? "" : "; ") + f.problem;
      editable = editable && (f.at != std::string::npos || f.insert.empty());
    }
    std::string suggestion;
    const bool any_edit = std::any_of(fixes.begin(), fixes.end(), [](const Fix& f) { return !f.insert.empty(); });
    if (editable && (any_edit || !prefix.empty())) {
      std::sort(fixes.begin(), fixes.end(), [](const Fix& a, const Fix& b) { return a.at > b.at; });
      std::string sql(ctx.statement.text);
      for (const Fix& f : fixes)
        if (!f.insert.empty() && f.at <= sql.size()) sql.insert(f.at, f.insert);
      suggestion = prefix + sql + ";";
    }
    out.report(ctx.statement,
               "outside a transaction, a retry after a partial failure runs this again: " + problems,
               "make the statement safe to run twice (IF [NOT] EXISTS, OR REPLACE, drop-then-create), or run the "
               "file in a transaction if nothing in it needs to run outside one",
               suggestion);
  }

  std::vector<SqlToken> tokens_;
  std::set<QualifiedName> dropped_indexes_;  // dropped IF EXISTS earlier in the file
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_prefer_robust_statements() { return std::make_unique<PreferRobustStatements>(); }

}  // namespace rules
