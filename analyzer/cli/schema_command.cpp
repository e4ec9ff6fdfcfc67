#include "analyzer/cli/schema_command.h"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <map>

#include "analyzer/cli/common.h"
#include "analyzer/cli/lint_setup.h"
#include "analyzer/config.h"
#include "analyzer/engine.h"
#include "analyzer/migration_set.h"
#include "analyzer/schema_print.h"

namespace cli {
namespace fs = std::filesystem;


CLI::App* add_schema_command(CLI::App& app, SchemaCommandOptions& o) {
  CLI::App* cmd = app.add_subcommand("schema", "Print the schema model after replaying the baseline and migrations");
  cmd->add_option("--config", o.config_path, "Config file (default: schemaguard.toml found upward)");
  cmd->add_option("--migrations", o.migrations_dir, "Migrations directory (history and order)");
  cmd->add_option("--baseline", o.baseline, "A pg_dump --schema-only file replayed before the history");
  cmd->add_option("--convention", o.convention, "Migration layout: auto, diesel, flyway, golang-migrate, sqlx, popx, temporal, plain");
  cmd->add_option("--format", o.format, "Output format: text, json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("files", o.files, "Migration files replayed after the history (as under review)");
  return cmd;
}

int run_schema_command(const SchemaCommandOptions& o, std::ostream& out, std::ostream& err) {
  const auto loaded = load_project_config(o.config_path, err);
  if (!loaded) return kInputError;
  const analyzer::Config& config = *loaded;

  std::vector<analyzer::MigrationFile> plan;
  const std::string baseline = !o.baseline.empty() ? o.baseline : config.baseline.value_or("");
  if (!baseline.empty()) {
    std::error_code ec;
    if (!fs::is_regular_file(baseline, ec)) {
      err << baseline << ":1:1: error: cannot read the baseline file\n";
      return kInputError;
    }
    plan.push_back({baseline, false, false, true, -1});
  }

  const std::string dir = !o.migrations_dir.empty() ? o.migrations_dir : config.migrations_dir.value_or("");
  std::map<std::string, bool> named;
  for (const std::string& f : o.files) named[normalize_path(f)] = false;
  if (!dir.empty()) {
    analyzer::MigrationSetOptions mo;
    mo.convention = !o.convention.empty() ? o.convention : config.convention.value_or("auto");
    mo.wrap_in_transaction = config.wrap_in_transaction;
    sqlparse::InputError error;
    auto migrations = analyzer::discover_migrations(dir, mo, error);
    if (!migrations) {
      print_error(err, error);
      return kInputError;
    }
    // Every migration, in order; the named ones count as under review.
    for (const auto& m : *migrations) {
      auto it = named.find(normalize_path(m.path));
      const bool reviewed = it != named.end();
      if (reviewed) it->second = true;
      plan.push_back({m.path, reviewed, m.wrapped_in_transaction, false, reviewed ? 0 : -1});
    }
  }
  for (const std::string& f : o.files)
    if (!named[normalize_path(f)]) plan.push_back({f, true, false, false, 0});
  if (plan.empty()) {
    err << "schemaguard: error: nothing to replay: give --baseline FILE, --migrations DIR (or `baseline` / "
           "`migrations` in schemaguard.toml), or migration files\n";
    return kInputError;
  }

  analyzer::RuleList no_rules;
  analyzer::LintOptions options;
  options.parse_threads = parse_threads(0);
  const analyzer::LintResult result = analyzer::lint(plan, no_rules, options);
  for (const auto& e : result.errors) print_error(err, e);
  if (result.has_errors()) return kInputError;
  for (const auto& w : result.warnings)
    err << w.path << ":" << w.position.line << ":" << w.position.column
        << ": warning: file skipped, the schema model may be incomplete: " << w.message << "\n";
  if (o.format == "json") analyzer::write_schema_json(out, result.schema);
  else analyzer::write_schema_text(out, result.schema);
  return kClean;
}

}  // namespace cli
