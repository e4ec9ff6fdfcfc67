// pgtrace linked in: for the test binary, which runs `trace` in-process.
#include "analyzer/cli/trace_backend.h"

namespace cli {

const TraceBackend* trace_backend(std::ostream&) { return schemaguard_trace_entry(); }

}  // namespace cli
