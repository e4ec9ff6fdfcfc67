// The rule interface. A rule looks at one statement at a time, with the schema and
// session as they are before it and the statement's modelled effects, and reports
// findings. Rules live in rules/, one per file.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzer/app_references.h"
#include "analyzer/effects.h"
#include "analyzer/finding.h"
#include "analyzer/schema.h"
#include "analyzer/session.h"
#include "sqlparse/parser.h"

namespace analyzer {

enum class RuleGroup { locks, backfills, destructive, transactions, style, application, suppressions };
std::string_view group_name(RuleGroup g);

// The documentation of a rule: one source for `rules --explain` and docs/rules.
struct RuleDoc {
  std::string_view summary;     // one line, for `schemaguard rules`
  std::string_view flags;       // what it flags
  std::string_view why;         // why it is dangerous: the lock, what it blocks
  std::string_view bad_sql;     // an example that fires
  std::string_view safe_sql;    // the safe alternative
  std::string_view versions;    // PostgreSQL versions it depends on ("" if none)
};

struct RuleInfo {
  std::string_view id;
  Severity severity;
  RuleGroup group;
  RuleDoc doc;
  bool enabled_by_default = true;
};

// What a rule sees for one statement.
struct StatementContext {
  const sqlparse::SourceText& source;
  const sqlparse::Statement& statement;
  const Schema& schema;          // before the statement
  const SessionState& session;   // before the statement
  const Effects& effects;
  int pg_version;
  int review_batch;  // tables whose origin has this batch were created in the files under review
  // The application's references resolved against the schema before the files under
  // review; null unless `check` supplied them (application rules then stay silent).
  const AppIndex* app = nullptr;
  mutable std::optional<QualifiedName> relation_memo{};  // for relation()
  // is_new_table's last answer: the rules mostly ask about the statement's own table, and
  // each ask looks the name up along the search path.
  mutable std::optional<std::pair<QualifiedName, bool>> new_table_memo{};

  QualifiedName qualify(const QualifiedName& name) const { return schema.qualify(name, session.search_path); }
  // The statement's own relation (its "relation" field: the table of ALTER TABLE, CREATE
  // INDEX, CREATE TRIGGER, ...), qualified: worked out once, since most rules ask.
  const QualifiedName& relation() const;
  const Table* find_table(const QualifiedName& name) const { return schema.find_table(name, session.search_path); }
  // A table created earlier in the files under review: new, empty, not yet in use.
  bool is_new_table(const QualifiedName& name) const;
};

struct FileContext {
  const sqlparse::SourceText& source;
  const SessionState& session;  // at the end of the file
  std::size_t statement_count;
};

// What a rule sees once every file has been replayed.
struct RunContext {
  const Schema& schema;  // after every file
  int pg_version;
  // The application's references resolved against that final schema; null without `check`.
  const AppIndex* app = nullptr;
};

// Collects a rule's findings about the current statement.
class Reporter {
 public:
  Reporter(const RuleInfo& rule, const sqlparse::SourceText& source, std::vector<Finding>& out)
      : rule_(rule), source_(&source), out_(out) {}
  // For findings about application code only (finish_run).
  Reporter(const RuleInfo& rule, std::vector<Finding>& out) : rule_(rule), source_(nullptr), out_(out) {}

  // A finding that spans the statement.
  Finding& report(const sqlparse::Statement& statement, std::string message, std::string help,
                  std::string suggested_sql = {});
  // A finding at a position of the file (for file-level findings).
  Finding& report_at(std::size_t begin, std::size_t end, std::string message, std::string help,
                     std::string suggested_sql = {});
  // A finding in the application's code: its path, line and column are the reference's.
  Finding& report_code(const CodeReference& where, std::string message, std::string help);

 private:
  const RuleInfo& rule_;
  const sqlparse::SourceText* source_;
  std::vector<Finding>& out_;
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  // Called before the first statement of each file under review.
  virtual void start_file(const sqlparse::SourceText& /*source*/) {}
  // Called for each statement of a file under review, in order.
  virtual void check(const StatementContext& /*ctx*/, Reporter& /*out*/) {}
  // Called once at the end of each file under review.
  virtual void finish_file(const FileContext& /*ctx*/, Reporter& /*out*/) {}
  // Called once after every file, for findings about the run as a whole (e.g. code that
  // names a column no migration creates). Only report_code is available.
  virtual void finish_run(const RunContext& /*ctx*/, Reporter& /*out*/) {}
};

using RuleList = std::vector<std::unique_ptr<Rule>>;

}  // namespace analyzer
