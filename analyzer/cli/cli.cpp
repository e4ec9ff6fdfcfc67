#include "analyzer/cli/cli.h"
#include "analyzer/cli/common.h"

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "analyzer/cli/scan_command.h"
#include "analyzer/cli/schema_command.h"
#include "analyzer/cli/trace_command.h"
#include "analyzer/config.h"
#include "analyzer/engine.h"
#include "analyzer/migration_set.h"
#include "analyzer/report/lock_report.h"
#include "analyzer/report/report.h"
#include "analyzer/suppression.h"
#include "rules/registry.h"

namespace cli {
namespace fs = std::filesystem;
namespace {


struct CommonOptions {
  std::string config_path;
  std::string format = "text";
  std::optional<int> pg_version;
  std::string migrations_dir;
  std::string baseline;
  std::string convention;
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  std::string fail_on;
  std::optional<bool> wrap_in_transaction;
  std::string color = "auto";
  bool show_effects = false;
};

// Which rules run: the defaults, plus what select turns on, minus what ignore turns
// off. A rule named by its id wins over a group naming it.
std::optional<std::set<std::string>> enabled_rules(const std::vector<std::string>& select,
                                                   const std::vector<std::string>& ignore,
                                                   const analyzer::KnownNames& known, std::string& unknown) {
  const auto matches = [](const analyzer::RuleInfo& info, const std::string& name) {
    return name == "all" || name == info.id || name == analyzer::group_name(info.group);
  };
  for (const auto& list : {select, ignore})
    for (const std::string& name : list)
      if (!known.rules.count(name) && !known.groups.count(name)) {
        unknown = name;
        return std::nullopt;
      }
  std::set<std::string> enabled;
  for (const auto* info : rules::catalogue()) {
    const std::string id(info->id);
    const bool named_in_select = std::count(select.begin(), select.end(), id) > 0;
    const bool named_in_ignore = std::count(ignore.begin(), ignore.end(), id) > 0;
    bool on = info->enabled_by_default;
    if (std::any_of(select.begin(), select.end(), [&](const std::string& n) { return matches(*info, n); })) on = true;
    if (std::any_of(ignore.begin(), ignore.end(), [&](const std::string& n) { return matches(*info, n); })) on = false;
    if (named_in_select && !named_in_ignore) on = true;
    if (named_in_ignore) on = false;
    if (on) enabled.insert(id);
  }
  return enabled;
}

bool use_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  return ::isatty(STDOUT_FILENO) != 0;
}

void add_common_options(CLI::App& app, CommonOptions& o) {
  app.add_option("--config", o.config_path, "Config file (default: schemaguard.toml found upward)");
  app.add_option("--pg-version", o.pg_version, "Target PostgreSQL major version (11-17, default 15)")
      ->check(CLI::Range(11, 17));
  app.add_option("--migrations", o.migrations_dir, "Migrations directory (history and order)");
  app.add_option("--baseline", o.baseline, "A pg_dump --schema-only file replayed before the history");
  app.add_option("--convention", o.convention, "Migration layout: auto, diesel, flyway, golang-migrate, sqlx, popx, temporal, plain");
  app.add_option("--select", o.select, "Rules or groups to turn on, comma-separated (e.g. style)")
      ->delimiter(',')
      ->allow_extra_args(false);
  app.add_option("--ignore", o.ignore, "Rules or groups to turn off, comma-separated")->delimiter(',')->allow_extra_args(false);
  app.add_option("--fail-on", o.fail_on, "Lowest severity that fails the run: warning or error")
      ->check(CLI::IsMember({"warning", "error"}));
  app.add_flag("--wrap-in-transaction,!--no-wrap-in-transaction", o.wrap_in_transaction,
               "The migration tool runs each file inside a transaction");
  app.add_option("--color", o.color, "Colour text output: auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
}

struct Settings {
  analyzer::Config config;
  int pg_version = 15;
  std::set<std::string> enabled;
  analyzer::Severity fail_on = analyzer::Severity::warning;
  std::map<std::string, analyzer::Severity> severity;
};

// Merges config file and flags (flags win). Returns false after printing an error.
bool resolve_settings(const CommonOptions& o, Settings& s, std::ostream& err) {
  const analyzer::KnownNames known = known_names();
  auto config = load_project_config(o.config_path, err);
  if (!config) return false;
  s.config = *config;
  s.pg_version = o.pg_version.value_or(s.config.pg_version.value_or(15));
  if (s.pg_version < 11 || s.pg_version > 17) {
    err << "schemaguard: error: pg_version " << s.pg_version << " is not supported (11-17)\n";
    return false;
  }
  std::vector<std::string> select = s.config.select, ignore = s.config.ignore;
  select.insert(select.end(), o.select.begin(), o.select.end());
  ignore.insert(ignore.end(), o.ignore.begin(), o.ignore.end());
  std::string unknown;
  auto enabled = enabled_rules(select, ignore, known, unknown);
  if (!enabled) {
    err << "schemaguard: error: unknown rule or group `" << unknown << "` (see `schemaguard rules`)\n";
    return false;
  }
  for (const auto& [rule, severity] : s.config.severity) {
    if (severity) s.severity[rule] = *severity;
    else enabled->erase(rule);
  }
  s.enabled = *enabled;
  if (!o.fail_on.empty()) s.fail_on = *analyzer::parse_severity(o.fail_on);
  else if (s.config.fail_on) s.fail_on = *s.config.fail_on;
  return true;
}

int cmd_rules(const std::string& explain_id, std::ostream& out, std::ostream& err) {
  const auto catalogue = rules::catalogue();
  if (!explain_id.empty()) {
    for (const auto* info : catalogue) {
      if (info->id == explain_id) {
        out << analyzer::report::explain(*info);
        return kClean;
      }
    }
    err << "schemaguard: error: unknown rule `" << explain_id << "` (see `schemaguard rules`)\n";
    return kInputError;
  }
  std::size_t width = 0;
  for (const auto* info : catalogue) width = std::max(width, info->id.size());
  for (const auto* info : catalogue) {
    std::string id(info->id);
    id.resize(width, ' ');
    std::string severity(analyzer::severity_name(info->severity));
    severity.resize(8, ' ');
    std::string group(analyzer::group_name(info->group));
    group.resize(13, ' ');
    out << id << "  " << severity << group << (info->enabled_by_default ? "" : "(off) ") << info->doc.summary
        << "\n";
  }
  return kClean;
}

int cmd_lint(const CommonOptions& o, const std::vector<std::string>& files, std::ostream& out, std::ostream& err) {
  Settings s;
  if (!resolve_settings(o, s, err)) return kInputError;
  const auto writer = analyzer::report::writer_for(o.format);
  if (!writer) {
    err << "schemaguard: error: unknown format `" << o.format << "`\n";
    return kInputError;
  }

  // The migration set (history and order), from the flag or the config.
  std::vector<analyzer::MigrationFile> plan;
  const std::string baseline = !o.baseline.empty() ? o.baseline : s.config.baseline.value_or("");
  if (!baseline.empty()) plan.push_back({baseline, false, false, true, -1});

  const std::string dir = !o.migrations_dir.empty() ? o.migrations_dir : s.config.migrations_dir.value_or("");
  const std::optional<bool> wrap =
      o.wrap_in_transaction.has_value() ? o.wrap_in_transaction : s.config.wrap_in_transaction;
  std::vector<analyzer::Migration> migrations;
  if (!dir.empty()) {
    analyzer::MigrationSetOptions mo;
    mo.convention = !o.convention.empty() ? o.convention : s.config.convention.value_or("auto");
    mo.wrap_in_transaction = wrap;
    sqlparse::InputError error;
    auto found = analyzer::discover_migrations(dir, mo, error);
    if (!found) {
      print_error(err, error);
      return kInputError;
    }
    migrations = std::move(*found);
  } else if (files.empty()) {
    err << "schemaguard: error: nothing to lint: name migration files, or give --migrations DIR (or `migrations` "
           "in schemaguard.toml)\n";
    return kInputError;
  }

  if (files.empty()) {
    // Every migration, each against those before it.
    int batch = 0;
    for (const auto& m : migrations) plan.push_back({m.path, true, m.wrapped_in_transaction, false, batch++});
  } else {
    // Files under review: history is every migration before the first of them.
    std::map<std::string, std::size_t> position;
    for (std::size_t k = 0; k < migrations.size(); ++k) position[normalize_path(migrations[k].path)] = k;
    std::size_t first = migrations.size();
    std::vector<std::pair<std::size_t, std::string>> reviewed;
    for (const std::string& f : files) {
      auto it = position.find(normalize_path(f));
      const std::size_t at = it == position.end() ? migrations.size() : it->second;
      first = std::min(first, at);
      reviewed.push_back({at, f});
    }
    std::stable_sort(reviewed.begin(), reviewed.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t k = 0; k < first; ++k)
      plan.push_back({migrations[k].path, false, migrations[k].wrapped_in_transaction, false, -1});
    for (const auto& [at, f] : reviewed) {
      const bool wrapped = at < migrations.size() ? migrations[at].wrapped_in_transaction : wrap.value_or(false);
      plan.push_back({f, true, wrapped, false, 0});
    }
  }

  analyzer::RuleList all = rules::make_all_rules();
  analyzer::RuleList active;
  for (auto& rule : all)
    if (s.enabled.count(std::string(rule->info().id))) active.push_back(std::move(rule));

  analyzer::LintOptions options;
  options.pg_version = s.pg_version;
  options.severity_overrides = s.severity;
  options.known_rules = known_names().rules;
  options.record_statements = o.format == "json" || (o.format == "text" && o.show_effects);
  analyzer::LintResult result = analyzer::lint(plan, active, options);
  // The built-in suppression check can be turned off like any rule.
  if (!s.enabled.count(std::string(analyzer::invalid_suppression_rule().id)))
    std::erase_if(result.findings, [](const analyzer::Finding& f) { return f.rule == "invalid-suppression"; });

  const auto catalogue = rules::catalogue();
  const analyzer::report::ReportInput input{result, catalogue, s.pg_version, o.format == "text" && use_color(o.color)};
  if (o.format == "text" && o.show_effects) analyzer::report::write_lock_report(out, result, input.color);
  writer(out, input);
  for (const auto& w : result.warnings)
    err << w.path << ":" << w.position.line << ":" << w.position.column
        << ": warning: history file skipped, the schema model may be incomplete: " << w.message << "\n";
  if (o.format != "text")
    for (const auto& e : result.errors) print_error(err, e);

  if (result.has_errors()) return kInputError;
  for (const auto& f : result.findings)
    if (f.severity >= s.fail_on) return kFindings;
  return kClean;
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app{"schemaguard: keeps PostgreSQL schema changes from breaking production", "schemaguard"};
  app.set_version_flag("--version", std::string("schemaguard ") + SCHEMAGUARD_VERSION);
  app.require_subcommand(1);

  CommonOptions lint_options;
  std::vector<std::string> lint_files;
  CLI::App* lint = app.add_subcommand("lint", "Lint migration files (the FILEs are under review; earlier migrations are history)");
  add_common_options(*lint, lint_options);
  lint->add_option("--format", lint_options.format, "Output format: text, json, sarif, github, gitlab")
      ->check(CLI::IsMember(analyzer::report::format_names()));
  lint->add_option("files", lint_files, "Migration files under review");
  lint->add_flag("--show-effects", lint_options.show_effects,
                 "Text output: print each statement's locks, what they block, rewrites and scans");

  std::string explain_id;
  CLI::App* rules_cmd = app.add_subcommand("rules", "List rules, or print one rule's documentation");
  rules_cmd->add_option("--explain", explain_id, "Print the documentation of RULE");

  SchemaCommandOptions schema_options;
  CLI::App* schema_cmd = add_schema_command(app, schema_options);

  ScanCommandOptions scan_options;
  CLI::App* scan_cmd = add_scan_command(app, scan_options);

  TraceCommandOptions trace_options;
  CLI::App* trace_cmd = add_trace_command(app, trace_options);

  std::vector<std::string> argv_storage{"schemaguard"};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<const char*> argv;
  for (const auto& a : argv_storage) argv.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::CallForHelp& e) {
    out << app.help();
    return kClean;
  } catch (const CLI::CallForAllHelp& e) {
    out << app.help("", CLI::AppFormatMode::All);
    return kClean;
  } catch (const CLI::CallForVersion& e) {
    out << e.what() << "\n";
    return kClean;
  } catch (const CLI::ParseError& e) {
    // Help for a subcommand arrives as CallForHelp from that subcommand.
    if (e.get_exit_code() == 0) {
      for (CLI::App* sub : app.get_subcommands()) out << sub->help();
      return kClean;
    }
    err << "schemaguard: error: " << e.what() << "\nRun `schemaguard --help` for usage.\n";
    return kInputError;
  }

  try {
    if (lint->parsed()) return cmd_lint(lint_options, lint_files, out, err);
    if (rules_cmd->parsed()) return cmd_rules(explain_id, out, err);
    if (schema_cmd->parsed()) return run_schema_command(schema_options, out, err);
    if (scan_cmd->parsed()) return run_scan_command(scan_options, out, err);
    if (trace_cmd->parsed()) return run_trace_command(trace_options, out, err);
  } catch (const std::exception& e) {
    err << "schemaguard: internal error: " << e.what() << "\n";
    return kInputError;
  }
  return kInputError;
}

}  // namespace cli
