// The C++ scanner as the CLI reaches it. cppscan links Clang and LLVM, whose
// relocation alone costs `lint` about 20 ms at start-up, so the `schemaguard`
// executable does not link it: `scan`, `check`/`deps` with -p or --refs load
// libschemaguard-cppscan.so (a module built from cppscan and cppscan_entry.cpp) on
// first use. The test binary links cppscan directly (cppscan_linked.cpp).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cppscan/scan_result.h"
#include "cppscan/scanner.h"

namespace cli {

using CppscanLayout = std::array<std::size_t, 7>;

// The sizes of what crosses between executable and module. Both are built from the same
// headers in one build; a module from another build (a stale install) whose structures
// differ is refused rather than called.
constexpr CppscanLayout cppscan_layout() {
  return {sizeof(cppscan::ScanOptions), sizeof(cppscan::ScanResult), sizeof(cppscan::ScanError),
          sizeof(cppscan::Reference),   sizeof(cppscan::Unresolved), sizeof(cppscan::SourceStamp),
          sizeof(std::string)};
}

// cppscan's entry points (see cppscan/scanner.h and cppscan/output.h).
struct CppscanBackend {
  const char* version;  // SCHEMAGUARD_VERSION of the build
  CppscanLayout layout;
  std::optional<cppscan::ScanResult> (*scan)(const cppscan::ScanOptions&, cppscan::ScanError&);
  std::vector<std::string> (*changed_inputs)(const cppscan::ScanResult&);
  std::vector<std::string> (*expand_globs)(const std::vector<std::string>&, const std::string&);
  std::optional<cppscan::ScanResult> (*from_json)(const std::string&, std::string&);
  void (*write_json)(std::ostream&, const cppscan::ScanResult&);
  void (*write_text)(std::ostream&, const cppscan::ScanResult&);
  std::string (*summary_line)(const cppscan::ScanResult&);
};

// The scanner, or nullptr after printing why it cannot be loaded (exit status 2).
const CppscanBackend* cppscan_backend(std::ostream& err);

}  // namespace cli

// The module's one exported symbol.
extern "C" const cli::CppscanBackend* schemaguard_cppscan_entry();
