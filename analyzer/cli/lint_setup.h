// What lint, check and deps share: the common options, the settings they resolve to
// (config file and flags merged), and the run's files (baseline, history, review).
#pragma once

#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "analyzer/config.h"
#include "analyzer/engine.h"

namespace CLI {
class App;
}

namespace cli {

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
  unsigned jobs = 0;  // lint: threads parsing the SQL, the main one included (0: one per core)
};

// --config, --pg-version, --migrations, --baseline, --convention, --select, --ignore,
// --fail-on, --[no-]wrap-in-transaction, --color.
void add_common_options(CLI::App& app, CommonOptions& options);

struct Settings {
  analyzer::Config config;
  int pg_version = 15;
  std::set<std::string> enabled;
  analyzer::Severity fail_on = analyzer::Severity::warning;
  std::map<std::string, analyzer::Severity> severity;
};

// Merges config file and flags (flags win). Returns false after printing an error.
bool resolve_settings(const CommonOptions& options, Settings& settings, std::ostream& err);

bool use_color(const std::string& mode);

// LintOptions::parse_threads for `-j N`: N threads parse the SQL, the main thread (which
// analyses) included, so N - 1 workers; 0 means one thread per core (at most 4).
unsigned parse_threads(unsigned jobs);

// The run's files in order: the baseline, then the history (every migration before the
// first file under review), then the files under review; with no `files`, every
// migration under review, each against those before it. nullopt after printing an error.
std::optional<std::vector<analyzer::MigrationFile>> plan_files(const CommonOptions& options, const Settings& settings,
                                                               const std::vector<std::string>& files,
                                                               std::ostream& err);

// The enabled rules' fresh instances.
analyzer::RuleList active_rules(const Settings& settings);

}  // namespace cli
