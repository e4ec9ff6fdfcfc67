// The table of cppscan's entry points: the one exported symbol of the
// libschemaguard-cppscan.so module, and linked directly into the test binary.
#include "analyzer/cli/cppscan_backend.h"

#include "cppscan/output.h"

extern "C" const cli::CppscanBackend* schemaguard_cppscan_entry() {
  static const cli::CppscanBackend backend{
      SCHEMAGUARD_VERSION, cli::cppscan_layout(), cppscan::scan,         cppscan::changed_inputs, cppscan::expand_globs,
      cppscan::from_json,  cppscan::write_json,   cppscan::write_text,   cppscan::summary_line};
  return &backend;
}
