#include "cppscan/scanner.h"

#include <clang/Tooling/JSONCompilationDatabase.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>

#include "cppscan/api_table.h"
#include "cppscan/cache.h"
#include "cppscan/unit_scan.h"
#include "sqlparse/column_refs.h"
#include "sqlparse/parser.h"
#include "sqlparse/source.h"

namespace cppscan {
namespace fs = std::filesystem;
namespace {

std::string normalized(const std::string& path, const std::string& base = "") {
  fs::path p(path);
  if (p.is_relative()) p = (base.empty() ? fs::current_path() : fs::path(base)) / p;
  std::error_code ec;
  const fs::path canonical = fs::weakly_canonical(p, ec);
  return (ec ? p.lexically_normal() : canonical).string();
}

// Relative to the working directory when inside it, as the user typed paths.
std::string display_path(const std::string& path) {
  if (path.empty()) return path;
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  if (ec) return path;
  const fs::path relative = fs::path(path).lexically_relative(cwd);
  if (!relative.empty() && *relative.begin() != "..") return relative.string();
  return path;
}

std::pair<int, int> line_and_column(const std::string& text, std::size_t byte) {
  int line = 1, col = 1;
  for (std::size_t k = 0; k < byte && k < text.size(); ++k) {
    if (text[k] == '\n') {
      ++line;
      col = 1;
    } else if ((static_cast<unsigned char>(text[k]) & 0xC0) != 0x80) {
      ++col;
    }
  }
  return {line, col};
}

// Checks the database's shape first, so a broken one gets a located message.
std::optional<std::vector<CompileCommand>> load_database(const std::string& build_dir, ScanError& error) {
  const fs::path path = fs::path(build_dir) / "compile_commands.json";
  error.path = path.string();
  std::error_code ec;
  if (!fs::is_directory(build_dir, ec)) {
    error.path = build_dir;
    error.message = "build directory does not exist";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error.message = "no compilation database here (configure the build with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON)";
    return std::nullopt;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const std::string text = bytes.str();
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    std::tie(error.line, error.col) = line_and_column(text, e.byte > 0 ? e.byte - 1 : 0);
    error.message = std::string("invalid JSON: ") + e.what();
    return std::nullopt;
  }
  if (!json.is_array()) {
    error.line = error.col = 1;
    error.message = "a compilation database is a JSON array of compile commands";
    return std::nullopt;
  }
  for (std::size_t k = 0; k < json.size(); ++k) {
    const auto& entry = json[k];
    if (!entry.is_object() || !entry.contains("directory") || !entry.contains("file") ||
        !(entry.contains("command") || entry.contains("arguments"))) {
      error.message = "entry " + std::to_string(k + 1) + " lacks \"directory\", \"file\" or \"command\"/\"arguments\"";
      return std::nullopt;
    }
  }
  std::string message;
  auto database = clang::tooling::JSONCompilationDatabase::loadFromFile(
      path.string(), message, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!database) {
    error.message = message;
    return std::nullopt;
  }
  std::vector<CompileCommand> commands;
  std::set<std::string> files;
  for (const auto& command : database->getAllCompileCommands()) {
    const std::string file = normalized(command.Filename, command.Directory);
    if (!files.insert(file).second) continue;  // one configuration per file
    commands.push_back({command.Directory, file, command.CommandLine});
  }
  error = {};
  return commands;
}

bool glob_match(std::string_view pattern, std::string_view path) {
  if (pattern.empty()) return path.empty();
  if (pattern.substr(0, 3) == "**/") {
    if (glob_match(pattern.substr(3), path)) return true;
    for (std::size_t k = 0; k < path.size(); ++k)
      if (path[k] == '/' && glob_match(pattern.substr(3), path.substr(k + 1))) return true;
    return false;
  }
  if (pattern.substr(0, 2) == "**") {
    for (std::size_t k = 0; k <= path.size(); ++k)
      if (glob_match(pattern.substr(2), path.substr(k))) return true;
    return false;
  }
  if (pattern[0] == '*') {
    for (std::size_t k = 0; k <= path.size(); ++k) {
      if (glob_match(pattern.substr(1), path.substr(k))) return true;
      if (k < path.size() && path[k] == '/') break;
    }
    return false;
  }
  if (path.empty()) return false;
  if (pattern[0] == '?' ? path[0] != '/' : pattern[0] == path[0]) return glob_match(pattern.substr(1), path.substr(1));
  return false;
}

struct Merged {
  ScanResult result;
  std::set<std::string> sql_keys;
  std::map<std::tuple<std::string, int, int, std::string, std::string, std::string, std::string, std::string, bool>, std::size_t>
      reference_index;
  std::set<std::tuple<std::string, int, int, std::string, std::string>> unresolved_seen;
  std::set<std::tuple<std::string, int, int, std::string>> errors_seen;
  std::map<std::string, SourceStamp> inputs;

  void add(const UnitResult& unit) {
    for (const Reference& ref : unit.references) {
      std::string candidates;
      for (const std::string& c : ref.candidates) candidates += c + ",";
      const auto key = std::make_tuple(ref.path, ref.line, ref.col, ref.table, candidates, ref.column, ref.access,
                                       ref.function, ref.inactive);
      const auto [it, inserted] = reference_index.emplace(key, result.references.size());
      if (inserted) {
        result.references.push_back(ref);
      } else {
        Reference& kept = result.references[it->second];
        if (kept.api.empty() && !ref.api.empty()) {
          kept.api = ref.api;
          kept.sql = ref.sql;
        }
      }
    }
    for (const Unresolved& u : unit.unresolved)
      if (unresolved_seen.insert({u.path, u.line, u.col, u.reason, u.function}).second) result.unresolved.push_back(u);
    for (const ScanError& e : unit.errors)
      if (errors_seen.insert({e.path, e.line, e.col, e.message}).second) result.errors.push_back(e);
    sql_keys.insert(unit.sql_strings.begin(), unit.sql_strings.end());
    for (const Dependency& d : unit.dependencies)
      if (!d.system) inputs.emplace(d.path, SourceStamp{d.path, d.size, d.hash});
    if (unit.had_errors) ++result.units_with_errors;
  }
};

// A .sql file the application ships: every statement's references, located in the file.
UnitResult scan_sql_file(const std::string& path) {
  UnitResult unit;
  unit.file = path;
  if (auto stamp = stamp_file(path)) unit.dependencies.push_back(*stamp);
  sqlparse::InputError load_error;
  const auto source = sqlparse::SourceText::load(path, load_error);
  if (!source) {
    unit.errors.push_back({path, load_error.position.line, load_error.position.column, load_error.message});
    unit.had_errors = true;
    return unit;
  }
  if (auto invalid = source->validate()) {
    unit.errors.push_back({path, invalid->position.line, invalid->position.column, invalid->message});
    unit.had_errors = true;
    return unit;
  }
  std::vector<std::pair<std::size_t, std::size_t>> statements;
  const sqlparse::ParseSummary summary = sqlparse::parse_statements(
      *source, [&](const sqlparse::Statement& s) { statements.push_back({s.begin, s.end}); });
  if (summary.error) {
    unit.errors.push_back({path, summary.error->position.line, summary.error->position.column, summary.error->message});
    unit.had_errors = true;
    return unit;
  }
  const std::size_t base = source->content_begin();
  const std::string_view content = std::string_view(source->bytes()).substr(base);
  const sqlparse::SqlAnalysis analysis = sqlparse::analyze_query(content);
  if (analysis.is_query) unit.sql_strings.push_back(path + ":0");
  for (const sqlparse::ColumnRef& ref : analysis.refs) {
    const std::size_t at = base + ref.offset;
    const sqlparse::Position p = source->position(at);
    std::string sql;
    for (const auto& [begin, end] : statements)
      if (at >= begin && at < end) sql = source->bytes().substr(begin, end - begin);
    unit.references.push_back({ref.table, ref.candidates, ref.column, std::string(sqlparse::access_name(ref.access)), path,
                               p.line, p.column, "", sql, "sql file", false});
  }
  return unit;
}

}  // namespace

std::vector<std::string> changed_inputs(const ScanResult& result) {
  std::vector<std::string> changed;
  for (const SourceStamp& s : result.inputs)
    if (!unchanged(Dependency{s.path, s.size, 0, s.hash, false})) changed.push_back(s.path);
  return changed;
}

std::vector<std::string> expand_globs(const std::vector<std::string>& patterns, const std::string& base_dir) {
  std::set<std::string> found;
  for (const std::string& pattern : patterns) {
    fs::path full = fs::path(pattern).is_relative() ? fs::path(base_dir.empty() ? "." : base_dir) / pattern : fs::path(pattern);
    const std::string text = full.lexically_normal().string();
    // Walk from the longest prefix without wildcards.
    const std::size_t wild = text.find_first_of("*?[");
    if (wild == std::string::npos) {
      std::error_code ec;
      if (fs::is_regular_file(text, ec)) found.insert(text);
      continue;
    }
    const std::size_t slash = text.rfind('/', wild);
    const std::string root = slash == std::string::npos ? "." : text.substr(0, slash == 0 ? 1 : slash);
    const std::string rest = slash == std::string::npos ? text : text.substr(slash + 1);
    std::error_code ec;
    if (!fs::is_directory(root, ec)) continue;
    for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      const std::string relative = it->path().lexically_relative(root).string();
      if (glob_match(rest, relative)) found.insert(it->path().lexically_normal().string());
    }
  }
  return {found.begin(), found.end()};
}

std::optional<ScanResult> scan(const ScanOptions& options, ScanError& error) {
  ApiTable apis = builtin_apis();
  if (auto problem = add_configured_apis(apis, options.sql_functions, options.field_functions)) {
    error = {"", 0, 0, *problem};
    return std::nullopt;
  }
  auto commands = load_database(options.build_dir, error);
  if (!commands) return std::nullopt;

  std::vector<CompileCommand> selected;
  if (options.sources.empty()) {
    selected = *commands;
  } else {
    for (const std::string& source : options.sources) {
      const std::string file = normalized(source);
      const auto it = std::find_if(commands->begin(), commands->end(), [&](const CompileCommand& c) { return c.file == file; });
      if (it == commands->end()) {
        error = {source, 0, 0, "not in the compilation database " + (fs::path(options.build_dir) / "compile_commands.json").string()};
        return std::nullopt;
      }
      selected.push_back(*it);
    }
  }

  UnitOptions unit_options;
  unit_options.apis = &apis;
  unit_options.extra_args = options.extra_args;
  std::string salt = scanner_fingerprint();
  for (const auto& list : {options.sql_functions, options.field_functions})
    for (const std::string& entry : list) salt += "|" + entry;
  const UnitCache cache(options.cache_dir.empty() ? (fs::path(options.build_dir) / ".schemaguard-cache").string()
                                                  : options.cache_dir);

  std::vector<UnitResult> units(selected.size());
  std::vector<char> from_cache(selected.size(), 0);
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t k = next++; k < selected.size(); k = next++) {
      const CompileCommand& command = selected[k];
      const std::string key = UnitCache::key(command, adjusted_arguments(command, unit_options), salt);
      if (options.use_cache) {
        if (auto cached = cache.load(key)) {
          units[k] = std::move(*cached);
          from_cache[k] = 1;
          continue;
        }
      }
      try {
        units[k] = scan_unit(command, unit_options);
      } catch (const std::exception& e) {  // one unit's failure is that unit's error, not the scan's
        units[k] = UnitResult{};
        units[k].file = command.file;
        units[k].had_errors = true;
        units[k].errors.push_back({command.file, 0, 0, std::string("scanning this unit failed: ") + e.what()});
        continue;
      }
      if (options.use_cache) cache.store(key, units[k]);
    }
  };
  unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, std::max<std::size_t>(1, selected.size())));
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(work);
  work();
  for (std::thread& t : threads) t.join();

  Merged merged;
  for (std::size_t k = 0; k < units.size(); ++k) {
    merged.add(units[k]);
    merged.result.units_from_cache += from_cache[k] ? 1 : 0;
  }
  for (const std::string& path : options.sql_files) merged.add(scan_sql_file(normalized(path)));

  ScanResult result = std::move(merged.result);
  // A namespace-scope constant used inside a function is reported there; its bare
  // initializer would only repeat the same tokens without the function.
  std::set<std::tuple<std::string, int, int, std::string, std::string, std::string>> inside_functions;
  for (const Reference& r : result.references)
    if (!r.function.empty()) inside_functions.insert({r.path, r.line, r.col, r.table, r.column, r.access});
  std::erase_if(result.references, [&](const Reference& r) {
    return r.function.empty() && inside_functions.count({r.path, r.line, r.col, r.table, r.column, r.access});
  });
  result.files_scanned = selected.size() + options.sql_files.size();
  result.sql_strings = merged.sql_keys.size();
  for (Reference& r : result.references) r.path = display_path(r.path);
  for (Unresolved& u : result.unresolved) u.path = display_path(u.path);
  for (ScanError& e : result.errors) e.path = display_path(e.path);
  for (auto& [path, stamp] : merged.inputs) {
    result.inputs.push_back(stamp);
    result.inputs.back().path = display_path(path);
  }
  std::sort(result.references.begin(), result.references.end(), [](const Reference& a, const Reference& b) {
    return std::tie(a.path, a.line, a.col, a.access, a.table, a.column, a.function) <
           std::tie(b.path, b.line, b.col, b.access, b.table, b.column, b.function);
  });
  std::sort(result.unresolved.begin(), result.unresolved.end(), [](const Unresolved& a, const Unresolved& b) {
    return std::tie(a.path, a.line, a.col, a.reason) < std::tie(b.path, b.line, b.col, b.reason);
  });
  std::sort(result.errors.begin(), result.errors.end(), [](const ScanError& a, const ScanError& b) {
    return std::tie(a.path, a.line, a.col, a.message) < std::tie(b.path, b.line, b.col, b.message);
  });
  return result;
}

}  // namespace cppscan
