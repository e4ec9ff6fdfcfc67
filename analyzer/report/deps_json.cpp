// `deps --format json`: contracts.md "JSON output of deps", schema_version 1.
// Extensions beyond the contract: "ambiguous" and "candidates" on code references, "detail"
// and "blocks_drop" on schema dependencies, "sql" and "renamed_from" on migrations, and
// "star_references" (`SELECT *` uses, not blocking) and "notes" at the end.
#include <nlohmann/json.hpp>

#include "analyzer/report/deps_report.h"
#include "analyzer/report/report_support.h"

namespace analyzer::report {
namespace {

// Keys stay in the order the contract shows them.
using Json = nlohmann::ordered_json;

Json uses_json(const std::vector<CodeUse>& uses) {
  Json out = Json::array();
  for (const CodeUse& use : uses) {
    Json j;
    j["path"] = forward_slashes(use.code.path);
    j["line"] = use.code.line;
    j["column"] = use.code.column;
    j["function"] = use.code.function;
    j["access"] = use.code.access;
    j["sql"] = use.code.sql;
    j["ambiguous"] = use.ambiguous;
    if (use.ambiguous) j["candidates"] = use.candidates;
    out.push_back(std::move(j));
  }
  return out;
}

Json report_json(const DependencyReport& r) {
  Json j;
  j["schema_version"] = 1;
  j["target"] = r.target.str();
  j["code_references"] = uses_json(r.code_references);
  Json dependencies = Json::array();
  for (const SchemaDependency& d : r.schema_dependencies)
    dependencies.push_back(Json{{"kind", d.kind},
                                {"name", d.name},
                                {"defined_at", forward_slashes(d.defined_at)},
                                {"detail", d.detail},
                                {"blocks_drop", d.blocks_drop}});
  j["schema_dependencies"] = std::move(dependencies);
  Json migrations = Json::array();
  for (const HistoryEvent& e : r.migrations) {
    Json m{{"path", forward_slashes(e.path)}, {"line", e.line}, {"action", e.action}, {"sql", e.sql}};
    if (!e.renamed_from.empty()) m["renamed_from"] = e.renamed_from;
    migrations.push_back(std::move(m));
  }
  j["migrations"] = std::move(migrations);
  j["safe_to_drop"] = r.safe_to_drop;
  j["reasons"] = r.reasons;
  j["star_references"] = uses_json(r.star_references);
  j["notes"] = r.notes;
  return j;
}

}  // namespace

void write_deps_json(std::ostream& out, const std::vector<DependencyReport>& reports) {
  if (reports.size() == 1) {
    out << report_json(reports.front()).dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
    return;
  }
  Json all = Json::array();
  for (const DependencyReport& r : reports) all.push_back(report_json(r));
  out << all.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace analyzer::report
