#include "analyzer/cli/trace_command.h"

#include <CLI/CLI.hpp>

#include "analyzer/cli/common.h"
#include "analyzer/cli/lint_setup.h"
#include "analyzer/cli/trace_backend.h"

namespace cli {
namespace {

int report(const TraceCommandOptions& o, const TraceBackend& backend, const pgtrace::TraceResult& result,
           std::ostream& out, std::ostream& err) {
  if (!result.errors.empty()) {
    for (const auto& e : result.errors) print_error(err, e);
    return kInputError;
  }
  if (o.format == "json") backend.write_json(out, result, kTracedVersion);
  else backend.write_text(out, result);
  return backend.difference_count(result) > 0 ? kFindings : kClean;
}

}  // namespace

CLI::App* add_trace_command(CLI::App& app, TraceCommandOptions& o) {
  CLI::App* cmd =
      app.add_subcommand("trace", "Run migrations against a real PostgreSQL and compare with the prediction");
  cmd->add_option("--config", o.config_path, "Config file (default: schemaguard.toml found upward)");
  cmd->add_option("--migrations", o.migrations_dir, "Migrations directory (history and order)");
  cmd->add_option("--baseline", o.baseline, "A pg_dump --schema-only file replayed before the history");
  cmd->add_option("--convention", o.convention,
                  "Migration layout: auto, diesel, flyway, golang-migrate, sqlx, popx, temporal, plain");
  cmd->add_option("--pg-bin", o.pg_bin,
                  "PostgreSQL server binaries (initdb, postgres) for the throwaway cluster (default: found)");
  cmd->add_option("--database-url", o.database_url,
                  "An empty scratch database instead of a throwaway cluster: the history is replayed into it; "
                  "statements under review are rolled back");
  cmd->add_option("--format", o.format, "Output format: text, json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("files", o.files, "Migration files under review");
  return cmd;
}

int run_trace_command(const TraceCommandOptions& o, std::ostream& out, std::ostream& err) {
  if (!o.pg_bin.empty() && !o.database_url.empty()) {
    err << "schemaguard: error: give --pg-bin (a throwaway cluster) or --database-url (a scratch database), not "
           "both\n";
    return kInputError;
  }
  // The run's files as `lint` plans them: baseline, history, files under review.
  CommonOptions common;
  common.config_path = o.config_path;
  common.migrations_dir = o.migrations_dir;
  common.baseline = o.baseline;
  common.convention = o.convention;
  Settings settings;
  if (!resolve_settings(common, settings, err)) return kInputError;
  if (o.files.empty() && o.migrations_dir.empty() && !settings.config.migrations_dir) {
    err << "schemaguard: error: nothing to trace: name migration files, or give --migrations DIR (or `migrations` "
           "in schemaguard.toml)\n";
    return kInputError;
  }
  const auto planned = plan_files(common, settings, o.files, err);
  if (!planned) return kInputError;
  const std::vector<analyzer::MigrationFile>& plan = *planned;
  // Files under review must exist and parse before anything touches a server.
  for (const auto& file : plan) {
    if (!file.under_review) continue;
    sqlparse::InputError error;
    if (!sqlparse::SourceText::load(file.path, error)) {
      print_error(err, error);
      return kInputError;
    }
  }
  // libpq is loaded only now (trace_backend.h).
  const TraceBackend* backend = trace_backend(err);
  if (!backend) return kInputError;
  std::string error;
  const auto result = backend->run(plan, TraceServer{o.pg_bin, o.database_url}, error);
  if (!result) {
    err << "schemaguard: error: " << error << "\n";
    return kInputError;
  }
  return report(o, *backend, *result, out, err);
}

}  // namespace cli
