// `schemaguard scan`: every translation unit of a compilation database (or the ones
// named), in parallel, through a content-keyed cache, plus the application's .sql
// query files; results merged, deduplicated and sorted.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cppscan/scan_result.h"

namespace cppscan {

struct ScanOptions {
  std::string build_dir;                 // holds compile_commands.json
  std::vector<std::string> sources;      // default: every file in the database
  std::vector<std::string> extra_args;   // appended to every compile command
  unsigned jobs = 0;                     // 0: one per core
  std::vector<std::string> sql_files;    // .sql query files the application ships
  std::vector<std::string> sql_functions;    // wrappers taking SQL: "NAME" or "NAME:ARG"
  std::vector<std::string> field_functions;  // result-field reads by name: "NAME" or "NAME:ARG"
  bool use_cache = true;
  std::string cache_dir;                 // default: BUILD_DIR/.schemaguard-cache
};

// Returns nullopt with `error` set on an input error: a missing or broken compile
// database, a source it does not list, a malformed API entry. A unit that does not
// compile is not one: it is scanned for what Clang could build and listed in errors.
std::optional<ScanResult> scan(const ScanOptions& options, ScanError& error);

// The inputs of a (saved) scan that have changed or gone since: paths as recorded,
// relative to the working directory the scan ran in.
std::vector<std::string> changed_inputs(const ScanResult& result);

// Files matching the glob patterns ("db/queries/**/*.sql"), relative to `base_dir`
// when relative, sorted. `*` and `?` stay within a path component, `**` spans any.
std::vector<std::string> expand_globs(const std::vector<std::string>& patterns, const std::string& base_dir);

}  // namespace cppscan
