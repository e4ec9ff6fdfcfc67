#include "pgtrace/trace.h"

#include <map>

#include "sqlparse/parser.h"

namespace pgtrace {

std::size_t TraceResult::difference_count() const {
  std::size_t n = 0;
  for (const TracedStatement& s : statements) n += s.differences.size();
  return n;
}

namespace {

std::string statement_kind(const std::string& sql) {
  std::string kind;
  sqlparse::SourceText source("", sql);
  sqlparse::parse_statements(source, [&](const sqlparse::Statement& st) {
    if (kind.empty()) kind = std::string(st.tree.kind());
  });
  return kind;
}

bool is_session_statement(std::string_view kind) {
  return kind == "VariableSetStmt" || kind == "VariableShowStmt" || kind == "DiscardStmt";
}

Observation skipped(std::string note) {
  Observation o;
  o.status = Observation::Status::skipped;
  o.note = std::move(note);
  return o;
}

// Each file starts a fresh session, as the model assumes.
void reset_session(Observer& observer) {
  observer.run("ROLLBACK");
  observer.run("RESET ALL");
}

void replay_history(const analyzer::MigrationFile& file, Observer& observer, TraceResult& result) {
  sqlparse::InputError error;
  auto source = sqlparse::SourceText::load(file.path, error);
  if (!source) {
    result.warnings.push_back(error);
    return;
  }
  reset_session(observer);
  sqlparse::parse_statements(*source, [&](const sqlparse::Statement& st) {
    const QueryResult r = observer.run(std::string(st.text));
    if (!r.ok) result.warnings.push_back({file.path, st.start, "the server rejected this history statement: " + r.error});
  });
}

class ReviewRunner {
 public:
  ReviewRunner(Observer& observer, const TraceOptions& options) : observer_(observer), options_(options) {}

  void file(const analyzer::FileReport& report, TraceResult& result) {
    reset_session(observer_);
    prelude_.clear();
    session_settings_.clear();
    for (const analyzer::StatementRecord& record : report.statements) {
      TracedStatement t{report.path, record.start, record.sql, statement_kind(record.sql), record.effects, {}, {}};
      t.observed = observe(t, record);
      CompareOptions compare_options;
      compare_options.compare_scans = scans_are_compared(t.kind);
      t.differences = compare(t.predicted, t.observed, compare_options);
      result.statements.push_back(std::move(t));
    }
  }

 private:
  Observation observe(const TracedStatement& t, const analyzer::StatementRecord& record) {
    if (t.kind == "TransactionStmt")
      return skipped("transaction control: each statement is observed in a transaction of its own");
    if (is_session_statement(t.kind)) {
      const QueryResult r = observer_.run(t.sql);
      if (!r.ok) return skipped("session setting rejected: " + r.error);
      session_settings_.push_back(t.sql);  // replayed in second sessions
      return skipped("session setting: applied");
    }
    if (t.kind == "LockStmt" && !record.in_transaction) {
      // Outside a transaction block LOCK TABLE fails: run it as it would run.
      const QueryResult r = observer_.run(t.sql);
      Observation o;
      if (!r.ok) {
        o.status = Observation::Status::failed;
        o.error = r.error;
        o.sqlstate = r.sqlstate;
      }
      return o;
    }
    if (!t.predicted.transactional && !record.in_transaction) {
      if (!options_.keep_changes)
        return skipped("cannot run inside a transaction block: not run (every statement is rolled back)");
      return observer_.from_second_session(t.sql, session_settings_);
    }
    Observation o = observer_.in_transaction(t.sql, prelude_);
    if (o.status == Observation::Status::ran) {
      if (!options_.keep_changes) {
        prelude_.push_back(t.sql);
      } else if (const QueryResult applied = observer_.run(t.sql); !applied.ok) {
        o.note = "ran in the observed transaction but failed when applied: " + applied.error;
      }
    }
    return o;
  }

  Observer& observer_;
  const TraceOptions& options_;
  std::vector<std::string> prelude_;  // statements under review so far (when nothing is kept)
  std::vector<std::string> session_settings_;  // SET, RESET, DISCARD of this file, in order
};

}  // namespace

TraceResult trace(const std::vector<analyzer::MigrationFile>& plan, Observer& observer, const TraceOptions& options) {
  TraceResult result;
  analyzer::RuleList no_rules;
  analyzer::LintOptions lint_options;
  lint_options.pg_version = options.pg_version;
  lint_options.record_statements = true;
  const analyzer::LintResult predicted = analyzer::lint(plan, no_rules, lint_options);
  if (predicted.has_errors()) {
    result.errors = predicted.errors;
    return result;
  }
  std::map<std::string, const analyzer::FileReport*> reports;
  for (const analyzer::FileReport& report : predicted.files) reports[report.path] = &report;

  ReviewRunner runner(observer, options);
  for (const analyzer::MigrationFile& file : plan) {
    if (!file.under_review) {
      replay_history(file, observer, result);
      continue;
    }
    if (auto it = reports.find(file.path); it != reports.end()) runner.file(*it->second, result);
  }
  reset_session(observer);
  return result;
}

long long user_relation_count(Observer& observer) {
  const QueryResult r = observer.run(
      "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') "
      "AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%' "
      "AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')");
  return r.ok ? std::atoll(r.at(0, 0).c_str()) : -1;
}

}  // namespace pgtrace
