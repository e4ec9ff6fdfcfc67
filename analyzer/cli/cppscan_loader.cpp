// cppscan loaded on first use, for the `schemaguard` executable (see module_loader.h).
#include "analyzer/cli/cppscan_backend.h"
#include "analyzer/cli/module_loader.h"

namespace cli {

const CppscanBackend* cppscan_backend(std::ostream& err) {
  static constexpr ModuleSpec kModule{"libschemaguard-cppscan.so", "schemaguard_cppscan_entry", "the C++ scanner module"};
  return module_backend<CppscanBackend>(kModule, cppscan_layout(), err);
}

}  // namespace cli
