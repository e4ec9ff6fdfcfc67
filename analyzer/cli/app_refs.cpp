#include "analyzer/cli/app_refs.h"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "analyzer/cli/common.h"
#include "analyzer/cli/cppscan_backend.h"

namespace cli {
namespace fs = std::filesystem;

void add_app_ref_options(CLI::App& cmd, AppRefOptions& o) {
  cmd.add_option("-p,--build-dir", o.build_dir, "Build directory holding compile_commands.json (scan the application)");
  cmd.add_option("--refs", o.refs_file, "Reuse a saved `schemaguard scan --format json` instead of scanning");
  cmd.add_option("--extra-arg", o.extra_args, "Argument appended to every compile command (repeatable)")
      ->allow_extra_args(false);
  cmd.add_option("-j,--jobs", o.jobs, "Translation units scanned in parallel (default: all cores)");
  cmd.add_flag("--no-cache", o.no_cache, "Neither read nor write BUILD_DIR/.schemaguard-cache");
}

cppscan::ScanOptions scan_options_from(const AppRefOptions& o, const analyzer::Config& config,
                                       const CppscanBackend& cppscan) {
  cppscan::ScanOptions options;
  options.build_dir = !o.build_dir.empty() ? o.build_dir : config.scan.compile_database.value_or("");
  options.extra_args = o.extra_args;
  options.jobs = o.jobs;
  options.use_cache = !o.no_cache;
  options.sql_functions = config.scan.sql_functions;
  options.field_functions = config.scan.field_functions;
  const std::string config_dir = config.path.empty() ? "" : fs::path(config.path).parent_path().string();
  options.sql_files = cppscan.expand_globs(config.scan.sql_files, config_dir);
  return options;
}

std::vector<analyzer::AppReference> to_app_references(const std::vector<cppscan::Reference>& refs) {
  std::vector<analyzer::AppReference> out;
  out.reserve(refs.size());
  for (const cppscan::Reference& r : refs)
    out.push_back({r.table, r.candidates, r.column, r.access, r.path, r.line, r.col, r.function, r.sql, r.inactive});
  return out;
}

namespace {

std::optional<std::vector<analyzer::AppReference>> load_refs_file(const std::string& path, std::ostream& err) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    err << path << ": error: cannot read the refs file\n";
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  const CppscanBackend* cppscan = cppscan_backend(err);  // checking the sources' hashes needs it
  if (!cppscan) return std::nullopt;
  std::string error;
  auto result = cppscan->from_json(text.str(), error);
  if (!result) {
    err << path << ":1:1: error: " << error << "\n";
    return std::nullopt;
  }
  const std::vector<std::string> changed = cppscan->changed_inputs(*result);
  if (!changed.empty()) {
    err << path << ":1:1: error: stale refs file: " << changed.size() << " source"
        << (changed.size() == 1 ? "" : "s") << " changed or gone since the scan (";
    for (std::size_t k = 0; k < changed.size() && k < 5; ++k) err << (k ? ", " : "") << changed[k];
    if (changed.size() > 5) err << ", ...";
    err << "): run `schemaguard scan --format json` again\n";
    return std::nullopt;
  }
  return to_app_references(result->references);
}

}  // namespace

std::optional<std::vector<analyzer::AppReference>> obtain_app_references(const AppRefOptions& o,
                                                                         const analyzer::Config& config,
                                                                         std::ostream& err) {
  if (!o.refs_file.empty()) {
    if (!o.build_dir.empty()) {
      err << "schemaguard: error: give either -p BUILD_DIR (scan now) or --refs FILE (a saved scan), not both\n";
      return std::nullopt;
    }
    return load_refs_file(o.refs_file, err);
  }
  if (o.build_dir.empty() && config.scan.compile_database.value_or("").empty()) {
    err << "schemaguard: error: the application's references are needed: give -p BUILD_DIR (or `compile_database` "
           "under [scan] in schemaguard.toml), or --refs FILE from `schemaguard scan --format json`\n";
    return std::nullopt;
  }
  const CppscanBackend* cppscan = cppscan_backend(err);
  if (!cppscan) return std::nullopt;
  const cppscan::ScanOptions options = scan_options_from(o, config, *cppscan);
  cppscan::ScanError error;
  auto result = cppscan->scan(options, error);
  if (!result) {
    err << (error.path.empty() ? std::string("schemaguard") : error.path);
    if (error.line > 0) err << ":" << error.line << ":" << error.col;
    err << ": error: " << error.message << "\n";
    return std::nullopt;
  }
  for (const cppscan::ScanError& e : result->errors) {
    err << e.path;
    if (e.line > 0) err << ":" << e.line << ":" << e.col;
    err << ": warning: " << e.message << " (the unit was scanned for what Clang could build)\n";
  }
  return to_app_references(result->references);
}

}  // namespace cli
