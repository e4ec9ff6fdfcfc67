// The engine: replays history into the schema model, then runs the rules over the
// files under review, statement by statement.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "analyzer/effects.h"
#include "analyzer/finding.h"
#include "analyzer/rule.h"
#include "sqlparse/parser.h"

namespace analyzer {

struct MigrationFile {
  std::string path;
  bool under_review = false;
  bool wrapped_in_transaction = false;  // the migration tool runs it inside one transaction
  bool baseline = false;                // a pg_dump --schema-only file replayed first
  // Files under review with the same batch see each other's tables as new.
  int review_batch = 0;
};

struct StatementRecord {
  sqlparse::Position start;
  sqlparse::Position stop;
  std::string sql;
  Effects effects;
  bool in_transaction = false;
};

struct FileReport {
  std::string path;
  bool under_review = false;
  std::vector<StatementRecord> statements;
  std::vector<sqlparse::SkippedMetaCommand> skipped_meta_commands;
};

struct LintOptions {
  int pg_version = 15;
  std::map<std::string, Severity> severity_overrides;
  std::set<std::string> known_rules;  // every rule id, enabled or not (for suppressions)
  bool record_statements = false;     // keep per-statement effects (JSON output)
  // The application's column references (`check`): resolved against the schema before the
  // first file under review for the statements' rules, and against the final schema for
  // the rules' finish_run. Null for a plain lint.
  const std::vector<AppReference>* app_references = nullptr;
  // Worker threads that parse the files ahead of the analysis (the calling thread parses
  // too while it waits); 0: every parse on the calling thread.
  unsigned parse_threads = 0;
};

struct LintResult {
  std::vector<FileReport> files;  // files under review, in order
  std::vector<Finding> findings;
  std::vector<sqlparse::InputError> errors;    // unreadable or unparsable files under review
  std::vector<sqlparse::InputError> warnings;  // history that could not be replayed
  Schema schema;                               // after every file

  bool has_errors() const { return !errors.empty(); }
};

// Runs over the files in order (baseline, history, then files under review).
LintResult lint(const std::vector<MigrationFile>& files, RuleList& rules, const LintOptions& options);

}  // namespace analyzer
