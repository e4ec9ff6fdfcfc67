#include "analyzer/cli/scan_command.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>

#include "analyzer/cli/common.h"
#include "analyzer/cli/lint_setup.h"
#include "analyzer/config.h"
#include "analyzer/engine.h"
#include "analyzer/migration_set.h"
#include "analyzer/app_references.h"
#include "analyzer/cli/app_refs.h"
#include "analyzer/cli/cppscan_backend.h"
#include "cppscan/scanner.h"

namespace cli {
namespace fs = std::filesystem;
namespace {

// Replays the baseline and migrations into the schema model; nullopt when none are configured.
std::optional<analyzer::Schema> replay_schema(const ScanCommandOptions& o, const analyzer::Config& config, bool& failed,
                                              std::ostream& err) {
  std::vector<analyzer::MigrationFile> plan;
  const std::string baseline = !o.baseline.empty() ? o.baseline : config.baseline.value_or("");
  if (!baseline.empty()) plan.push_back({baseline, false, false, true, -1});
  const std::string dir = !o.migrations_dir.empty() ? o.migrations_dir : config.migrations_dir.value_or("");
  if (!dir.empty()) {
    analyzer::MigrationSetOptions mo;
    mo.convention = !o.convention.empty() ? o.convention : config.convention.value_or("auto");
    mo.wrap_in_transaction = config.wrap_in_transaction;
    sqlparse::InputError error;
    auto migrations = analyzer::discover_migrations(dir, mo, error);
    if (!migrations) {
      print_error(err, error);
      failed = true;
      return std::nullopt;
    }
    for (const auto& m : *migrations) plan.push_back({m.path, false, m.wrapped_in_transaction, false, -1});
  }
  if (plan.empty()) return std::nullopt;
  analyzer::RuleList no_rules;
  analyzer::LintOptions options;
  options.parse_threads = parse_threads(0);
  analyzer::LintResult result = analyzer::lint(plan, no_rules, options);
  for (const auto& e : result.errors) print_error(err, e);
  if (result.has_errors()) {
    failed = true;
    return std::nullopt;
  }
  return std::move(result.schema);
}

// Qualifies tables, places unqualified columns, expands `*`, and ties field reads
// nobody could follow to every table that has such a column.
void resolve(cppscan::ScanResult& result, const analyzer::Schema& schema) {
  std::vector<cppscan::Reference> resolved;
  for (const analyzer::ResolvedAppReference& r :
       analyzer::resolve_app_references(schema, to_app_references(result.references))) {
    cppscan::Reference out = result.references[r.source];
    out.table = r.ambiguous ? "" : r.table.str();
    out.candidates.clear();
    for (const auto& c : r.candidates) out.candidates.push_back(c.str());
    out.column = r.column;
    out.access = r.access;
    resolved.push_back(std::move(out));
  }
  result.references = std::move(resolved);
}

}  // namespace

CLI::App* add_scan_command(CLI::App& app, ScanCommandOptions& o) {
  CLI::App* cmd = app.add_subcommand("scan", "Scan C++ sources (through their compilation database) for column references");
  cmd->add_option("--config", o.config_path, "Config file (default: schemaguard.toml found upward)");
  cmd->add_option("-p,--build-dir", o.build_dir, "Build directory holding compile_commands.json");
  cmd->add_option("--extra-arg", o.extra_args, "Argument appended to every compile command (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("-j,--jobs", o.jobs, "Translation units scanned in parallel (default: all cores)");
  cmd->add_option("--format", o.format, "Output format: text, json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_flag("--no-cache", o.no_cache, "Neither read nor write BUILD_DIR/.schemaguard-cache");
  cmd->add_option("--migrations", o.migrations_dir, "Migrations directory: resolve references against the replayed schema");
  cmd->add_option("--baseline", o.baseline, "A pg_dump --schema-only file replayed before the history");
  cmd->add_option("--convention", o.convention, "Migration layout: auto, diesel, flyway, golang-migrate, sqlx, popx, temporal, plain");
  cmd->add_option("sources", o.sources, "Source files to scan (default: every file in the database)");
  return cmd;
}

int run_scan_command(const ScanCommandOptions& o, std::ostream& out, std::ostream& err) {
  const auto loaded = load_project_config(o.config_path, err);
  if (!loaded) return kInputError;
  const analyzer::Config& config = *loaded;

  cppscan::ScanOptions options;
  options.build_dir = !o.build_dir.empty() ? o.build_dir : config.scan.compile_database.value_or("");
  if (options.build_dir.empty()) {
    err << "schemaguard: error: no compilation database: give -p BUILD_DIR (or `compile_database` under [scan] in "
           "schemaguard.toml)\n";
    return kInputError;
  }
  const CppscanBackend* cppscan = cppscan_backend(err);
  if (!cppscan) return kInputError;
  options.sources = o.sources;
  options.extra_args = o.extra_args;
  options.jobs = o.jobs;
  options.use_cache = !o.no_cache;
  options.sql_functions = config.scan.sql_functions;
  options.field_functions = config.scan.field_functions;
  const std::string config_dir = config.path.empty() ? "" : fs::path(config.path).parent_path().string();
  options.sql_files = cppscan->expand_globs(config.scan.sql_files, config_dir);

  cppscan::ScanError error;
  auto result = cppscan->scan(options, error);
  if (!result) {
    err << (error.path.empty() ? std::string("schemaguard") : error.path);
    if (error.line > 0) err << ":" << error.line << ":" << error.col;
    err << ": error: " << error.message << "\n";
    return kInputError;
  }
  bool failed = false;
  if (auto schema = replay_schema(o, config, failed, err)) resolve(*result, *schema);
  if (failed) return kInputError;

  if (o.format == "json") cppscan->write_json(out, *result);
  else cppscan->write_text(out, *result);
  err << cppscan->summary_line(*result) << "\n";
  return kClean;
}

}  // namespace cli
