// schemaguard.toml: project settings, found upward from the working directory.
//
//   pg_version = 15
//   migrations = "db/migrations"         # directory, relative to this file
//   convention = "auto"                  # auto | diesel | flyway | golang-migrate | sqlx | popx | temporal | plain
//   wrap_in_transaction = true           # the migration tool runs each file in a transaction
//   baseline = "db/structure.sql"        # pg_dump --schema-only file replayed before the history
//   select = ["style"]                   # rules or groups to turn on (added to the defaults)
//   ignore = ["rename-table"]            # rules or groups to turn off
//   fail_on = "warning"                  # warning | error
//   [severity]
//   drop-column = "error"                # per-rule severity: warning | error | off
//   [scan]
//   compile_database = "build"           # directory holding compile_commands.json
//   sql_files = ["db/queries/**/*.sql"]  # query files the application ships (globs)
//   sql_functions = ["db::Client::query:0"]  # wrappers taking SQL: NAME or NAME:ARGUMENT_INDEX
//   field_functions = ["db::Row::get:0"]     # result fields read by name: NAME or NAME:ARGUMENT_INDEX
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analyzer/finding.h"
#include "sqlparse/source.h"

namespace analyzer {

// The [scan] table. Paths and globs are relative to the config file's directory
// (compile_database resolved like migrations; sql_files kept as written).
struct ScanConfig {
  std::optional<std::string> compile_database;
  std::vector<std::string> sql_files;
  std::vector<std::string> sql_functions;
  std::vector<std::string> field_functions;
};

struct Config {
  std::string path;  // the file it was read from ("" for defaults)
  std::optional<int> pg_version;
  std::optional<std::string> migrations_dir;  // absolute or relative to the working directory
  std::optional<std::string> convention;
  std::optional<bool> wrap_in_transaction;
  std::optional<std::string> baseline;
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  std::map<std::string, std::optional<Severity>> severity;  // nullopt = "off"
  std::optional<Severity> fail_on;
  ScanConfig scan;
};

// What the config may name: rule ids and group names.
struct KnownNames {
  std::set<std::string> rules;
  std::set<std::string> groups;
};

// The nearest schemaguard.toml in `start_dir` or one of its parents up to the filesystem
// root, if any (a directory of that name does not count). The path is absolute.
std::optional<std::string> find_config(const std::string& start_dir);

// Reads and validates a config file. Unknown keys, unknown rule or group names, wrong
// types and out-of-range values are errors with the file's line and column (a TOML syntax
// error too); an unknown key, rule or convention gets a did-you-mean when one is close.
// `severity` takes rule ids only. Paths in the file are relative to the file's directory;
// migrations_dir and baseline hold them resolved for use from the working directory:
// relative to it when inside it, absolute otherwise.
std::optional<Config> load_config(const std::string& path, const KnownNames& known, sqlparse::InputError& error);

}  // namespace analyzer
