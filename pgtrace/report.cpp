#include "pgtrace/report.h"

#include <nlohmann/json.hpp>

namespace pgtrace {
namespace {

using Json = nlohmann::ordered_json;
using analyzer::QualifiedName;
using analyzer::RelationLock;

std::string names_text(const std::vector<QualifiedName>& names) {
  if (names.empty()) return "none";
  std::string out;
  for (const QualifiedName& n : names) out += (out.empty() ? "" : ", ") + n.str();
  return out;
}

std::string locks_text(const std::vector<RelationLock>& locks) {
  if (locks.empty()) return "none";
  std::string out;
  for (const RelationLock& l : locks)
    out += (out.empty() ? "" : ", ") + l.relation.str() + " " + std::string(analyzer::lock_mode_name(l.mode));
  return out;
}

// The statement on one line, shortened.
std::string one_line(const std::string& sql) {
  std::string out;
  for (char c : sql) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out += c;
  }
  return out.size() > 100 ? out.substr(0, 97) + "..." : out;
}

void write_effects(std::ostream& out, const char* label, const std::vector<RelationLock>& locks,
                   const std::vector<QualifiedName>& rewrites, const std::vector<QualifiedName>& rebuilt,
                   const std::vector<QualifiedName>& scans) {
  out << "  " << label << " locks " << locks_text(locks) << "; rewrites " << names_text(rewrites)
      << "; rebuilt indexes " << names_text(rebuilt) << "; scans " << names_text(scans) << "\n";
}

const char* status_name(Observation::Status s) {
  switch (s) {
    case Observation::Status::ran: return "ran";
    case Observation::Status::failed: return "failed";
    case Observation::Status::skipped: return "skipped";
  }
  return "";
}

Json names_json(const std::vector<QualifiedName>& names) {
  Json j = Json::array();
  for (const QualifiedName& n : names) j.push_back(n.str());
  return j;
}

Json locks_json(const std::vector<RelationLock>& locks) {
  Json j = Json::array();
  for (const RelationLock& l : locks)
    j.push_back(Json{{"relation", l.relation.str()}, {"mode", std::string(analyzer::lock_mode_name(l.mode))}});
  return j;
}

struct Counts {
  std::size_t agree = 0, differ = 0, skipped = 0;
};

Counts count(const TraceResult& result) {
  Counts c;
  for (const TracedStatement& s : result.statements) {
    if (!s.differences.empty()) ++c.differ;
    else if (s.observed.status == Observation::Status::skipped) ++c.skipped;
    else ++c.agree;
  }
  return c;
}

}  // namespace

void write_trace_text(std::ostream& out, const TraceResult& result) {
  for (const TracedStatement& s : result.statements) {
    out << s.path << ":" << s.start.line << ":" << s.start.column << ": " << one_line(s.sql) << "\n";
    const Observation& o = s.observed;
    if (o.status == Observation::Status::skipped) {
      out << "  not observed: " << o.note << "\n";
      continue;
    }
    if (o.status == Observation::Status::failed) out << "  observed:  fails: " << o.error << "\n";
    else write_effects(out, "observed: ", o.locks, o.rewrites, o.rebuilt_indexes, o.scans);
    if (!s.predicted.failures.empty()) out << "  predicted: fails: " << s.predicted.failures.front() << "\n";
    else write_effects(out, "predicted:", s.predicted.locks, s.predicted.rewrites, s.predicted.rebuilt_indexes,
                       s.predicted.scans);
    if (!s.predicted.possible_locks.empty() || !s.predicted.possible_scans.empty())
      out << "  predicted, by plan or data: may lock " << locks_text(s.predicted.possible_locks) << "; may scan "
          << names_text(s.predicted.possible_scans) << "\n";
    if (o.second_session) out << "  (observed from a second session: it cannot run inside a transaction)\n";
    if (!o.note.empty()) out << "  note: " << o.note << "\n";
    if (!scans_are_compared(s.kind)) out << "  (scans not compared: " << (is_query_kind(s.kind) ? "a query's scans depend on its plan" : "TRUNCATE's index rebuild reads the new, empty storage") << ")\n";
    for (const Difference& d : s.differences) out << "  difference: " << d.text() << "\n";
    if (s.differences.empty()) out << "  agrees\n";
  }
  for (const auto& w : result.warnings)
    out << w.path << ":" << w.position.line << ":" << w.position.column << ": warning: " << w.message << "\n";
  const Counts c = count(result);
  out << result.statements.size() << " statements traced: " << c.agree << " agree, " << c.differ << " differ, "
      << c.skipped << " not observed\n";
}

void write_trace_json(std::ostream& out, const TraceResult& result, int pg_version) {
  Json j;
  j["schema_version"] = 1;
  j["tool"] = Json{{"name", "schemaguard"}, {"version", SCHEMAGUARD_VERSION}};
  j["pg_version"] = pg_version;
  Json statements = Json::array();
  for (const TracedStatement& s : result.statements) {
    const Observation& o = s.observed;
    Json st;
    st["path"] = s.path;
    st["line"] = s.start.line;
    st["column"] = s.start.column;
    st["sql"] = s.sql;
    st["kind"] = s.kind;
    st["status"] = status_name(o.status);
    st["observed_from"] = o.second_session ? "second session" : "transaction";
    st["note"] = o.note;
    st["error"] = o.error;
    st["predicted"] = Json{{"locks", locks_json(s.predicted.locks)},
                           {"rewrites", names_json(s.predicted.rewrites)},
                           {"rebuilt_indexes", names_json(s.predicted.rebuilt_indexes)},
                           {"scans", names_json(s.predicted.scans)},
                           {"possible_locks", locks_json(s.predicted.possible_locks)},
                           {"possible_scans", names_json(s.predicted.possible_scans)},
                           {"failures", s.predicted.failures}};
    st["observed"] = Json{{"locks", locks_json(o.locks)},
                          {"rewrites", names_json(o.rewrites)},
                          {"rebuilt_indexes", names_json(o.rebuilt_indexes)},
                          {"scans", names_json(o.scans)},
                          {"scans_compared", scans_are_compared(s.kind)}};
    Json differences = Json::array();
    for (const Difference& d : s.differences)
      differences.push_back(
          Json{{"aspect", d.aspect}, {"relation", d.relation}, {"predicted", d.predicted}, {"observed", d.observed}});
    st["agrees"] = s.differences.empty();
    st["differences"] = std::move(differences);
    statements.push_back(std::move(st));
  }
  j["statements"] = std::move(statements);
  const Counts c = count(result);
  j["summary"] = Json{{"statements", result.statements.size()},
                      {"agree", c.agree},
                      {"differ", c.differ},
                      {"not_observed", c.skipped}};
  Json warnings = Json::array();
  for (const auto& w : result.warnings)
    warnings.push_back(
        Json{{"path", w.path}, {"line", w.position.line}, {"column", w.position.column}, {"message", w.message}});
  j["warnings"] = std::move(warnings);
  out << j.dump(2) << "\n";
}

}  // namespace pgtrace
