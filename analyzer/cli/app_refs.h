// Where `check` and `deps` get the application's column references: a fresh scan
// through the compilation database, or a saved `scan --format json` (--refs) that is
// checked against the sources before it is trusted.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "analyzer/app_references.h"
#include "analyzer/config.h"
#include "cppscan/scan_result.h"
#include "cppscan/scanner.h"

namespace CLI {
class App;
}

namespace cli {

struct CppscanBackend;

struct AppRefOptions {
  std::string build_dir;  // -p
  std::string refs_file;  // --refs
  std::vector<std::string> extra_args;
  unsigned jobs = 0;
  bool no_cache = false;
};

// -p/--build-dir, --refs, --extra-arg, -j, --no-cache.
void add_app_ref_options(CLI::App& cmd, AppRefOptions& options);

cppscan::ScanOptions scan_options_from(const AppRefOptions& options, const analyzer::Config& config,
                                       const CppscanBackend& cppscan);

std::vector<analyzer::AppReference> to_app_references(const std::vector<cppscan::Reference>& refs);

// The references, or nullopt after printing why not (exit status 2): no compilation
// database and no --refs, a scan that failed, a refs file that is unreadable, of another
// schema version, or stale (a source it recorded changed or is gone).
std::optional<std::vector<analyzer::AppReference>> obtain_app_references(const AppRefOptions& options,
                                                                         const analyzer::Config& config,
                                                                         std::ostream& err);

}  // namespace cli
