// Scans one translation unit with Clang: the SQL its project code (main file and
// non-system headers) holds or builds, the result fields it reads by name, and the
// string literals in #if branches the build does not compile.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cppscan/api_table.h"
#include "cppscan/scan_result.h"

namespace cppscan {

struct CompileCommand {
  std::string directory;
  std::string file;  // absolute
  std::vector<std::string> arguments;  // argv, compiler first
};

// A file the unit read, to tell later whether the cached result still holds.
struct Dependency {
  std::string path;
  std::uint64_t size = 0;
  std::int64_t mtime = 0;
  std::uint64_t hash = 0;  // of the content; 0 for system headers (size and mtime decide)
  bool system = false;
};

struct UnitResult {
  std::string file;
  std::vector<Reference> references;  // absolute paths
  std::vector<Unresolved> unresolved;
  std::vector<ScanError> errors;
  std::vector<std::string> sql_strings;  // "path:offset" of each SQL string's first byte
  bool had_errors = false;
  std::vector<Dependency> dependencies;
};

struct UnitOptions {
  const ApiTable* apis = nullptr;
  std::vector<std::string> extra_args;  // appended to the command, as clang-tidy's --extra-arg
};

// The command as Clang runs it: unknown (gcc-only) flags dropped, no error limit,
// no warnings, Clang 16's resource directory, then the extra arguments.
std::vector<std::string> adjusted_arguments(const CompileCommand& command, const UnitOptions& options);

UnitResult scan_unit(const CompileCommand& command, const UnitOptions& options);

}  // namespace cppscan
