// cppscan linked in: for the test binary, which runs `scan` and `check -p` in-process.
#include "analyzer/cli/cppscan_backend.h"

namespace cli {

const CppscanBackend* cppscan_backend(std::ostream&) { return schemaguard_cppscan_entry(); }

}  // namespace cli
