#include "cppscan/output.h"

namespace cppscan {
namespace {

std::string target(const Reference& r) {
  std::string table = r.table;
  if (table.empty()) {
    if (r.candidates.empty()) {
      table = "?";
    } else {
      table = "{";
      for (std::size_t k = 0; k < r.candidates.size(); ++k) table += (k ? "," : "") + r.candidates[k];
      table += "}";
    }
  }
  return r.column.empty() ? table : table + "." + r.column;
}

}  // namespace

nlohmann::json to_json(const ScanResult& result) {
  nlohmann::json references = nlohmann::json::array();
  for (const Reference& r : result.references) {
    nlohmann::json j = {{"table", r.table}, {"column_name", r.column}, {"access", r.access}, {"path", r.path},
                        {"line", r.line},   {"column", r.col},         {"function", r.function}, {"sql", r.sql}};
    if (!r.candidates.empty()) j["candidates"] = r.candidates;
    if (!r.api.empty()) j["api"] = r.api;
    if (r.inactive) j["inactive"] = true;
    references.push_back(std::move(j));
  }
  nlohmann::json unresolved = nlohmann::json::array();
  for (const Unresolved& u : result.unresolved) {
    nlohmann::json j = {{"path", u.path},         {"line", u.line}, {"column", u.col},
                        {"function", u.function}, {"sql", u.sql},   {"reason", u.reason}};
    if (u.inactive) j["inactive"] = true;
    unresolved.push_back(std::move(j));
  }
  nlohmann::json errors = nlohmann::json::array();
  for (const ScanError& e : result.errors)
    errors.push_back({{"path", e.path}, {"line", e.line}, {"column", e.col}, {"message", e.message}});
  return {{"schema_version", 1},
          {"files_scanned", result.files_scanned},
          {"sql_strings", result.sql_strings},
          {"units_with_errors", result.units_with_errors},
          {"references", references},
          {"unresolved", unresolved},
          {"errors", errors}};
}

void write_json(std::ostream& out, const ScanResult& result) { out << to_json(result).dump(2) << "\n"; }

void write_text(std::ostream& out, const ScanResult& result) {
  for (const Reference& r : result.references) {
    out << r.path << ":" << r.line << ":" << r.col << ": " << target(r) << " (" << r.access << ")";
    if (!r.function.empty()) out << " in " << r.function;
    if (r.inactive) out << " [inactive #if branch]";
    out << "\n";
  }
  for (const Unresolved& u : result.unresolved) {
    out << u.path << ":" << u.line << ":" << u.col << ": unresolved: " << u.reason;
    if (!u.function.empty()) out << " in " << u.function;
    out << "\n";
  }
  for (const ScanError& e : result.errors) {
    out << e.path;
    if (e.line > 0) out << ":" << e.line << ":" << e.col;
    out << ": error: " << e.message << "\n";
  }
}

std::string summary_line(const ScanResult& result) {
  return std::to_string(result.files_scanned) + " files scanned (" + std::to_string(result.units_from_cache) +
         " from cache), " + std::to_string(result.sql_strings) + " SQL strings, " +
         std::to_string(result.references.size()) + " references, " + std::to_string(result.unresolved.size()) +
         " unresolved, " + std::to_string(result.units_with_errors) + " units with errors";
}

}  // namespace cppscan
