#include "analyzer/cli/trace_command.h"

#include <CLI/CLI.hpp>

#include "analyzer/cli/common.h"
#include "analyzer/cli/lint_setup.h"
#include "pgtrace/cluster.h"
#include "pgtrace/report.h"
#include "pgtrace/trace.h"

namespace cli {
namespace {

// The effects model is checked against the server it runs on, as PostgreSQL 15.
constexpr int kTracedVersion = 15;

int report(const TraceCommandOptions& o, const pgtrace::TraceResult& result, std::ostream& out, std::ostream& err) {
  if (!result.errors.empty()) {
    for (const auto& e : result.errors) print_error(err, e);
    return kInputError;
  }
  if (o.format == "json") pgtrace::write_trace_json(out, result, kTracedVersion);
  else pgtrace::write_trace_text(out, result);
  return result.difference_count() > 0 ? kFindings : kClean;
}

// A scratch database the user names: refused unless it holds no tables, views or sequences.
int trace_in_database(const TraceCommandOptions& o, const std::vector<analyzer::MigrationFile>& plan,
                      std::ostream& out, std::ostream& err) {
  std::string error;
  auto observer = pgtrace::Observer::connect(o.database_url, error);
  if (!observer) {
    err << "schemaguard: error: cannot connect to --database-url: " << error << "\n";
    return kInputError;
  }
  const long long relations = pgtrace::user_relation_count(*observer);
  if (relations != 0) {
    err << "schemaguard: error: the database of --database-url is not empty (" << relations
        << " tables, views or sequences); trace replays the history into it, so give it an empty scratch "
           "database\n";
    return kInputError;
  }
  pgtrace::TraceOptions options;
  options.pg_version = kTracedVersion;
  options.keep_changes = false;
  return report(o, pgtrace::trace(plan, *observer, options), out, err);
}

int trace_in_cluster(const TraceCommandOptions& o, const std::vector<analyzer::MigrationFile>& plan,
                     std::ostream& out, std::ostream& err) {
  const std::string bin = pgtrace::find_server_binaries(o.pg_bin);
  if (bin.empty()) {
    err << "schemaguard: error: no PostgreSQL server binaries found: give their directory with --pg-bin DIR "
           "(e.g. /usr/lib/postgresql/15/bin), or a scratch database with --database-url\n";
    return kInputError;
  }
  std::string error;
  auto cluster = pgtrace::Cluster::start(bin, error);
  if (!cluster) {
    err << "schemaguard: error: cannot start a throwaway PostgreSQL cluster: " << error << "\n";
    return kInputError;
  }
  auto observer = pgtrace::Observer::connect(cluster->conninfo(), error);
  if (!observer) {
    err << "schemaguard: error: cannot connect to the throwaway cluster: " << error << "\n";
    return kInputError;
  }
  pgtrace::TraceOptions options;
  options.pg_version = kTracedVersion;
  return report(o, pgtrace::trace(plan, *observer, options), out, err);
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
  return o.database_url.empty() ? trace_in_cluster(o, plan, out, err) : trace_in_database(o, plan, out, err);
}

}  // namespace cli
