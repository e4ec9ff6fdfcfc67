// The JSON report of contracts.md ("JSON output of lint and check"), schema_version 1.
// Extensions beyond the contract: "skipped_meta_commands" per file and "warnings".
#include <nlohmann/json.hpp>

#include "analyzer/report/report.h"

namespace analyzer::report {
namespace {

// Keys stay in the order the contract shows them.
using Json = nlohmann::ordered_json;

// Ranges are 1-based; end_line/end_column point just past the last character
// (end_column is exclusive, as SARIF's endColumn), columns count code points.
void put_range(Json& j, sqlparse::Position start, sqlparse::Position stop) {
  j["line"] = start.line;
  j["column"] = start.column;
  j["end_line"] = stop.line;
  j["end_column"] = stop.column;
}

Json effects_json(const StatementRecord& st) {
  Json locks = Json::array();
  for (const RelationLock& lock : st.effects.locks)
    locks.push_back(Json{{"relation", lock.relation.str()}, {"mode", std::string(lock_mode_name(lock.mode))}});
  Json rewrites = Json::array();
  for (const QualifiedName& name : st.effects.rewrites) rewrites.push_back(name.str());
  Json scans = Json::array();
  for (const QualifiedName& name : st.effects.scans) scans.push_back(name.str());
  Json j;
  j["locks"] = std::move(locks);
  j["rewrites"] = std::move(rewrites);
  j["scans"] = std::move(scans);
  j["in_transaction"] = st.in_transaction;
  // Extensions beyond contracts.md.
  j["transactional"] = st.effects.transactional;
  Json rebuilt = Json::array();
  for (const QualifiedName& name : st.effects.rebuilt_indexes) rebuilt.push_back(name.str());
  j["rebuilt_indexes"] = std::move(rebuilt);
  j["failures"] = st.effects.failures;
  j["notes"] = st.effects.notes;
  // Plan- or data-dependent effects (Effects::possible_*), only when there are any.
  if (!st.effects.possible_locks.empty()) {
    Json possible = Json::array();
    for (const RelationLock& lock : st.effects.possible_locks)
      possible.push_back(Json{{"relation", lock.relation.str()}, {"mode", std::string(lock_mode_name(lock.mode))}});
    j["possible_locks"] = std::move(possible);
  }
  if (!st.effects.possible_scans.empty()) {
    Json possible = Json::array();
    for (const QualifiedName& name : st.effects.possible_scans) possible.push_back(name.str());
    j["possible_scans"] = std::move(possible);
  }
  return j;
}

Json file_json(const FileReport& file) {
  Json statements = Json::array();
  for (const StatementRecord& st : file.statements) {
    Json s;
    put_range(s, st.start, st.stop);
    s["sql"] = st.sql;
    s["effects"] = effects_json(st);
    statements.push_back(std::move(s));
  }
  Json skipped = Json::array();
  for (const sqlparse::SkippedMetaCommand& meta : file.skipped_meta_commands)
    skipped.push_back(Json{{"line", meta.position.line}, {"column", meta.position.column}, {"text", meta.text}});
  Json j;
  j["path"] = file.path;
  j["under_review"] = file.under_review;
  j["statements"] = std::move(statements);
  j["skipped_meta_commands"] = std::move(skipped);
  return j;
}

Json finding_json(const Finding& f) {
  Json references = Json::array();
  for (const CodeReference& r : f.references) {
    Json ref;
    ref["path"] = r.path;
    ref["line"] = r.line;
    ref["column"] = r.column;
    ref["function"] = r.function;
    ref["access"] = r.access;
    ref["sql"] = r.sql;
    references.push_back(std::move(ref));
  }
  Json j;
  j["rule"] = f.rule;
  j["severity"] = std::string(severity_name(f.severity));
  j["path"] = f.path;
  put_range(j, f.start, f.stop);
  j["message"] = f.message;
  j["help"] = f.help;
  j["suggested_sql"] = f.suggested_sql;
  j["references"] = std::move(references);
  return j;
}

Json problems_json(const std::vector<sqlparse::InputError>& problems) {
  Json out = Json::array();
  for (const sqlparse::InputError& e : problems) {
    Json j;
    j["path"] = e.path;
    j["line"] = e.position.line;
    j["column"] = e.position.column;
    j["message"] = e.message;
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace

void write_json(std::ostream& out, const ReportInput& input) {
  const LintResult& result = input.result;
  Json files = Json::array();
  for (const FileReport& file : result.files) files.push_back(file_json(file));
  Json findings = Json::array();
  for (const Finding& f : result.findings) findings.push_back(finding_json(f));

  Json root;
  root["schema_version"] = 1;
  root["tool"] = Json{{"name", "schemaguard"}, {"version", SCHEMAGUARD_VERSION}};
  root["pg_version"] = input.pg_version;
  root["files"] = std::move(files);
  root["findings"] = std::move(findings);
  root["errors"] = problems_json(result.errors);
  root["warnings"] = problems_json(result.warnings);
  // Error messages may quote bytes of a file that is not UTF-8: replace, don't throw.
  out << root.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace analyzer::report
