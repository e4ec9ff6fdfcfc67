// pgtrace loaded on first use, for the `schemaguard` executable (see module_loader.h).
#include "analyzer/cli/module_loader.h"
#include "analyzer/cli/trace_backend.h"

namespace cli {

const TraceBackend* trace_backend(std::ostream& err) {
  static constexpr ModuleSpec kModule{"libschemaguard-trace.so", "schemaguard_trace_entry", "the trace module"};
  return module_backend<TraceBackend>(kModule, trace_layout(), err);
}

}  // namespace cli
