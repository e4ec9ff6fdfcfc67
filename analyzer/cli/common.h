// What every subcommand shares: exit codes, error printing, the project config.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <ostream>
#include <string>

#include "analyzer/config.h"
#include "sqlparse/source.h"

namespace cli {

constexpr int kClean = 0;
constexpr int kFindings = 1;
constexpr int kInputError = 2;

// `path:line:column: error: message`, as compilers print it.
void print_error(std::ostream& err, const sqlparse::InputError& e);

// Rule ids and group names a config or a flag may name.
analyzer::KnownNames known_names();

// The config named by --config, else schemaguard.toml found upward from the working
// directory, else the defaults. Prints the error and returns nullopt when it is bad.
std::optional<analyzer::Config> load_project_config(const std::string& explicit_path, std::ostream& err);

// An absolute, normalised form of a path, for comparing paths given different ways.
std::string normalize_path(const std::string& path);

// normalize_path for many files in a few directories (a migration history): each directory
// is resolved once, then a file costs one lstat instead of a readlink per path component.
class PathNormalizer {
 public:
  std::string operator()(const std::string& path);

 private:
  std::filesystem::path cwd_;
  std::map<std::filesystem::path, std::filesystem::path> directories_;  // absolute -> resolved
};

}  // namespace cli
