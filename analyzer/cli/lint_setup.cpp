#include "analyzer/cli/lint_setup.h"

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <thread>

#include "analyzer/cli/common.h"
#include "analyzer/migration_set.h"
#include "rules/registry.h"

namespace cli {
namespace {

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

}  // namespace

unsigned parse_threads(unsigned jobs) {
  // The main thread parses too while it waits; parsing is a third of a lint at most, so
  // more than a few threads gain nothing.
  const unsigned threads = std::min(jobs ? jobs : std::thread::hardware_concurrency(), 4u);
  return threads > 1 ? threads - 1 : 0;
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

std::optional<std::vector<analyzer::MigrationFile>> plan_files(const CommonOptions& o, const Settings& s,
                                                               const std::vector<std::string>& files,
                                                               std::ostream& err) {
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
      return std::nullopt;
    }
    migrations = std::move(*found);
  } else if (files.empty()) {
    err << "schemaguard: error: nothing to lint: name migration files, or give --migrations DIR (or `migrations` "
           "in schemaguard.toml)\n";
    return std::nullopt;
  }

  if (files.empty()) {
    // Every migration, each against those before it.
    int batch = 0;
    for (const auto& m : migrations) plan.push_back({m.path, true, m.wrapped_in_transaction, false, batch++});
  } else {
    // Files under review: history is every migration before the first of them.
    PathNormalizer normalized;
    std::map<std::string, std::size_t> position;
    for (std::size_t k = 0; k < migrations.size(); ++k) position[normalized(migrations[k].path)] = k;
    std::size_t first = migrations.size();
    std::vector<std::pair<std::size_t, std::string>> reviewed;
    for (const std::string& f : files) {
      auto it = position.find(normalized(f));
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

  return plan;
}

analyzer::RuleList active_rules(const Settings& s) {
  analyzer::RuleList all = rules::make_all_rules();
  analyzer::RuleList active;
  for (auto& rule : all)
    if (s.enabled.count(std::string(rule->info().id))) active.push_back(std::move(rule));
  return active;
}

}  // namespace cli
