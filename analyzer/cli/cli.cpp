#include "analyzer/cli/cli.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "analyzer/cli/app_refs.h"
#include "analyzer/cli/common.h"
#include "analyzer/cli/deps_command.h"
#include "analyzer/cli/lint_setup.h"
#include "analyzer/cli/scan_command.h"
#include "analyzer/cli/schema_command.h"
#include "analyzer/cli/trace_command.h"
#include "analyzer/config.h"
#include "analyzer/engine.h"
#include "analyzer/report/lock_report.h"
#include "analyzer/report/report.h"
#include "analyzer/report/rule_docs.h"
#include "analyzer/suppression.h"
#include "rules/registry.h"

namespace cli {
namespace {


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

// A lint result, once reported, is left to the operating system: freeing a long history's
// schema model node by node took 5 % of a pre-commit run, and the process ends right after.
// As with clang's -disable-free, the result stays reachable (leak checkers stay quiet); a
// process keeps one per lint it runs.
struct LeaveToExit {
  void operator()(analyzer::LintResult* result) const {
    static auto* const kept = new std::vector<analyzer::LintResult*>;
    kept->push_back(result);
  }
};

// Lints the planned files (with the application's references for `check`) and writes
// the report; returns the exit status.
int run_lint(const CommonOptions& o, const Settings& s, const std::vector<analyzer::MigrationFile>& plan,
             const std::vector<analyzer::AppReference>* app_references, std::ostream& out, std::ostream& err) {
  const auto writer = analyzer::report::writer_for(o.format);
  analyzer::RuleList active = active_rules(s);
  analyzer::LintOptions options;
  options.pg_version = s.pg_version;
  options.severity_overrides = s.severity;
  options.known_rules = known_names().rules;
  options.record_statements = o.format == "json" || (o.format == "text" && o.show_effects);
  options.app_references = app_references;
  options.parse_threads = parse_threads(o.jobs);
  const std::unique_ptr<analyzer::LintResult, LeaveToExit> kept(new analyzer::LintResult(analyzer::lint(plan, active, options)));
  analyzer::LintResult& result = *kept;
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

bool known_format(const std::string& format, std::ostream& err) {
  if (analyzer::report::writer_for(format)) return true;
  err << "schemaguard: error: unknown format `" << format << "`\n";
  return false;
}

int cmd_lint(const CommonOptions& o, const std::vector<std::string>& files, std::ostream& out, std::ostream& err) {
  Settings s;
  if (!resolve_settings(o, s, err) || !known_format(o.format, err)) return kInputError;
  const auto plan = plan_files(o, s, files, err);
  if (!plan) return kInputError;
  return run_lint(o, s, *plan, nullptr, out, err);
}

// lint + the application's references: what CI and the pre-commit hook run.
int cmd_check(const CommonOptions& o, const AppRefOptions& refs_options, const std::vector<std::string>& files,
              std::ostream& out, std::ostream& err) {
  Settings s;
  if (!resolve_settings(o, s, err) || !known_format(o.format, err)) return kInputError;
  const auto plan = plan_files(o, s, files, err);
  if (!plan) return kInputError;
  const auto references = obtain_app_references(refs_options, s.config, err);
  if (!references) return kInputError;
  CommonOptions with_jobs = o;
  with_jobs.jobs = refs_options.jobs;  // check's -j counts scan and parse threads alike
  return run_lint(with_jobs, s, *plan, &*references, out, err);
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
  lint->add_option("-j,--jobs", lint_options.jobs, "Threads parsing SQL, the main one included (default: all cores, at most 4)");
  lint->add_flag("--show-effects", lint_options.show_effects,
                 "Text output: print each statement's locks, what they block, rewrites and scans");

  CommonOptions check_options;
  AppRefOptions check_refs;
  std::vector<std::string> check_files;
  CLI::App* check = app.add_subcommand(
      "check", "Lint migrations and cross-reference them with the application's code (what CI runs)");
  add_common_options(*check, check_options);
  add_app_ref_options(*check, check_refs);
  check->add_option("--format", check_options.format, "Output format: text, json, sarif, github, gitlab")
      ->check(CLI::IsMember(analyzer::report::format_names()));
  check->add_option("files", check_files, "Migration files under review");
  check->add_flag("--show-effects", check_options.show_effects,
                  "Text output: print each statement's locks, what they block, rewrites and scans");

  std::string explain_id;
  CLI::App* rules_cmd = app.add_subcommand("rules", "List rules, or print one rule's documentation");
  rules_cmd->add_option("--explain", explain_id, "Print the documentation of RULE");
  std::string docs_dir;  // hidden, for maintainers: regenerates docs/rules and docs/migrating.md's squawk table
  rules_cmd->add_option("--write-docs", docs_dir, "Regenerate the generated documentation in DIR")->group("");

  SchemaCommandOptions schema_options;
  CLI::App* schema_cmd = add_schema_command(app, schema_options);

  ScanCommandOptions scan_options;
  CLI::App* scan_cmd = add_scan_command(app, scan_options);

  TraceCommandOptions trace_options;
  CLI::App* trace_cmd = add_trace_command(app, trace_options);
  DepsCommandOptions deps_options;
  CLI::App* deps_cmd = add_deps_command(app, deps_options);

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
    if (check->parsed()) return cmd_check(check_options, check_refs, check_files, out, err);
    if (rules_cmd->parsed() && !docs_dir.empty())
      return analyzer::report::write_docs(docs_dir, rules::catalogue(), out, err) ? kClean : kInputError;
    if (rules_cmd->parsed()) return cmd_rules(explain_id, out, err);
    if (schema_cmd->parsed()) return run_schema_command(schema_options, out, err);
    if (scan_cmd->parsed()) return run_scan_command(scan_options, out, err);
    if (trace_cmd->parsed()) return run_trace_command(trace_options, out, err);
    if (deps_cmd->parsed()) return run_deps_command(deps_options, out, err);
  } catch (const std::exception& e) {
    err << "schemaguard: internal error: " << e.what() << "\n";
    return kInputError;
  }
  return kInputError;
}

}  // namespace cli
