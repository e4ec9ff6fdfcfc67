#include "analyzer/cli/deps_command.h"

#include <CLI/CLI.hpp>

#include "analyzer/cli/common.h"
#include "analyzer/cli/lint_setup.h"
#include "analyzer/dependency_report.h"
#include "analyzer/engine.h"
#include "analyzer/report/deps_report.h"

namespace cli {
namespace {

// The baseline and every migration, all "under review" so the history recorder sees each
// statement with the schema as it was before it. nullopt after printing an error.
std::optional<std::vector<analyzer::MigrationFile>> plan_history(const CommonOptions& o, const Settings& s,
                                                                 std::ostream& err) {
  const std::string dir = !o.migrations_dir.empty() ? o.migrations_dir : s.config.migrations_dir.value_or("");
  const std::string baseline = !o.baseline.empty() ? o.baseline : s.config.baseline.value_or("");
  std::vector<analyzer::MigrationFile> plan;
  if (dir.empty()) {
    if (baseline.empty()) {
      err << "schemaguard: error: deps needs the schema: give --migrations DIR or --baseline FILE (or `migrations` / "
             "`baseline` in schemaguard.toml)\n";
      return std::nullopt;
    }
    plan.push_back({baseline, false, false, true, -1});
  } else {
    auto planned = plan_files(o, s, {}, err);
    if (!planned) return std::nullopt;
    plan = std::move(*planned);
  }
  for (analyzer::MigrationFile& file : plan) file.under_review = true;
  return plan;
}

}  // namespace

CLI::App* add_deps_command(CLI::App& app, DepsCommandOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "deps", "Dependency report before a drop: code, schema objects and migrations that use TABLE[.COLUMN]");
  cmd->add_option("--config", o.common.config_path, "Config file (default: schemaguard.toml found upward)");
  cmd->add_option("--pg-version", o.common.pg_version, "Target PostgreSQL major version (11-17, default 15)")
      ->check(CLI::Range(11, 17));
  cmd->add_option("--migrations", o.common.migrations_dir, "Migrations directory (history and order)");
  cmd->add_option("--baseline", o.common.baseline, "A pg_dump --schema-only file replayed before the history");
  cmd->add_option("--convention", o.common.convention,
                  "Migration layout: auto, diesel, flyway, golang-migrate, sqlx, popx, temporal, plain");
  add_app_ref_options(*cmd, o.refs);
  cmd->add_option("--format", o.common.format, "Output format: text, markdown, json")
      ->check(CLI::IsMember({"text", "markdown", "json"}));
  cmd->add_option("targets", o.targets, "TABLE, SCHEMA.TABLE, TABLE.COLUMN or SCHEMA.TABLE.COLUMN")->required();
  return cmd;
}

int run_deps_command(const DepsCommandOptions& o, std::ostream& out, std::ostream& err) {
  Settings s;
  if (!resolve_settings(o.common, s, err)) return kInputError;
  const auto writer = analyzer::report::deps_writer_for(o.common.format);
  if (!writer) {
    err << "schemaguard: error: unknown format `" << o.common.format << "` for deps (text, markdown, json)\n";
    return kInputError;
  }
  const auto plan = plan_history(o.common, s, err);
  if (!plan) return kInputError;

  analyzer::MigrationHistory history;
  analyzer::RuleList rules;
  rules.push_back(history.recorder());
  analyzer::LintOptions options;
  options.pg_version = s.pg_version;
  options.known_rules = known_names().rules;
  options.parse_threads = parse_threads(0);
  const analyzer::LintResult result = analyzer::lint(*plan, rules, options);
  for (const auto& e : result.errors) print_error(err, e);
  if (result.has_errors()) return kInputError;

  // Every target first: an unknown one stops the run before the (slow) scan.
  std::vector<analyzer::DepsTarget> targets;
  bool unknown = false;
  for (const std::string& text : o.targets) {
    std::string error;
    if (auto target = analyzer::resolve_deps_target(result.schema, history, text, error)) {
      targets.push_back(*target);
    } else {
      err << "schemaguard: error: " << error << "\n";
      unknown = true;
    }
  }
  if (unknown) return kInputError;

  const auto references = obtain_app_references(o.refs, s.config, err);
  if (!references) return kInputError;
  const analyzer::AppIndex app(result.schema, *references);
  std::vector<analyzer::DependencyReport> reports;
  for (const analyzer::DepsTarget& target : targets)
    reports.push_back(analyzer::build_dependency_report(result.schema, app, history, target));
  writer(out, reports);
  for (const analyzer::DependencyReport& r : reports)
    if (!r.safe_to_drop) return kFindings;
  return kClean;
}

}  // namespace cli
