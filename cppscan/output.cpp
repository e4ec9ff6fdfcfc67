#include "cppscan/output.h"

#include <cstdio>

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

std::string hex(std::uint64_t value) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
  return buffer;
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
  nlohmann::json inputs = nlohmann::json::array();
  for (const SourceStamp& s : result.inputs) inputs.push_back({{"path", s.path}, {"size", s.size}, {"hash", hex(s.hash)}});
  return {{"schema_version", 1},
          {"files_scanned", result.files_scanned},
          {"sql_strings", result.sql_strings},
          {"units_with_errors", result.units_with_errors},
          {"references", references},
          {"unresolved", unresolved},
          {"errors", errors},
          {"inputs", inputs}};
}

void write_json(std::ostream& out, const ScanResult& result) { out << to_json(result).dump(2) << "\n"; }

std::optional<ScanResult> from_json(const std::string& text, std::string& error) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    error = "not a JSON document (expected the output of `schemaguard scan --format json`)";
    return std::nullopt;
  }
  if (j.value("schema_version", 0) != 1) {
    error = "unsupported schema_version (expected 1): rescan with this version of schemaguard";
    return std::nullopt;
  }
  if (!j.contains("inputs")) {
    error = "no \"inputs\" recorded, so whether the sources changed since cannot be told: rescan with this version "
            "of schemaguard";
    return std::nullopt;
  }
  try {
    ScanResult result;
    result.files_scanned = j.value("files_scanned", std::size_t{0});
    result.sql_strings = j.value("sql_strings", std::size_t{0});
    result.units_with_errors = j.value("units_with_errors", std::size_t{0});
    for (const auto& r : j.at("references")) {
      Reference ref;
      ref.table = r.at("table").get<std::string>();
      ref.column = r.at("column_name").get<std::string>();
      ref.access = r.at("access").get<std::string>();
      ref.path = r.at("path").get<std::string>();
      ref.line = r.at("line").get<int>();
      ref.col = r.at("column").get<int>();
      ref.function = r.value("function", "");
      ref.sql = r.value("sql", "");
      ref.api = r.value("api", "");
      ref.inactive = r.value("inactive", false);
      if (r.contains("candidates")) ref.candidates = r.at("candidates").get<std::vector<std::string>>();
      result.references.push_back(std::move(ref));
    }
    for (const auto& s : j.at("inputs")) {
      const std::string hash = s.at("hash").get<std::string>();
      result.inputs.push_back({s.at("path").get<std::string>(), s.at("size").get<std::uint64_t>(),
                               std::stoull(hash, nullptr, 16)});
    }
    return result;
  } catch (const std::exception& e) {
    error = std::string("malformed scan output: ") + e.what();
    return std::nullopt;
  }
}

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
