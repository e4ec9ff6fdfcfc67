// Scan results of translation units, stored under the build directory and keyed by
// the compile command; an entry holds only while every file the unit read is
// unchanged: project files by content hash, system headers by size and mtime.
#pragma once

#include <optional>
#include <string>

#include "cppscan/unit_scan.h"

namespace cppscan {

// Whether the file still has the size (and, outside system headers, the content) recorded.
bool unchanged(const Dependency& dependency);
// The stamp of a project file as it is now; nullopt when it cannot be read.
std::optional<Dependency> stamp_file(const std::string& path);

// Identifies the code that produced a result: the GNU build ids of the loaded objects
// holding cppscan, sqlparse, libpg_query and Clang (a file's size and mtime when it has
// none). Part of every cache key, so a rebuilt or upgraded scanner never trusts the
// entries of another. Computed once per process.
const std::string& scanner_fingerprint();

class UnitCache {
 public:
  explicit UnitCache(std::string directory) : directory_(std::move(directory)) {}

  // `salt` covers what else changes results: the scanner's fingerprint, configured APIs.
  static std::string key(const CompileCommand& command, const std::vector<std::string>& arguments, const std::string& salt);

  std::optional<UnitResult> load(const std::string& key) const;
  // Best effort: a cache that cannot be written only costs time.
  void store(const std::string& key, const UnitResult& result) const;

 private:
  std::string directory_;
};

}  // namespace cppscan
