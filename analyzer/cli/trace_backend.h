// pgtrace as `schemaguard trace` reaches it. pgtrace talks to the server with libpq, which
// pulls in libssl, libcrypto, GnuTLS, Kerberos and LDAP: 22 libraries, about 8,000 relocations
// and 4 ms of a 5.5 ms start-up. So the `schemaguard` executable does not link it: `trace` loads
// libschemaguard-trace.so (a module built from pgtrace and trace_entry.cpp) on first use,
// the test binary links pgtrace directly (trace_linked.cpp). See module_loader.h.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "analyzer/engine.h"
#include "pgtrace/trace.h"

namespace cli {

// The effects model is checked against the server it runs on, as PostgreSQL 15.
constexpr int kTracedVersion = 15;

// Where the plan runs.
struct TraceServer {
  std::string pg_bin;        // a throwaway cluster from these server binaries; found when empty
  std::string database_url;  // instead, an empty scratch database (nothing under review is committed)
};

using TraceLayout = std::array<std::size_t, 9>;

constexpr TraceLayout trace_layout() {
  return {sizeof(TraceServer),           sizeof(analyzer::MigrationFile), sizeof(pgtrace::TraceResult),
          sizeof(pgtrace::TracedStatement), sizeof(pgtrace::Observation), sizeof(pgtrace::Difference),
          sizeof(analyzer::Effects),     sizeof(sqlparse::InputError),    sizeof(std::string)};
}

struct TraceBackend {
  const char* version;  // SCHEMAGUARD_VERSION of the build
  TraceLayout layout;
  // Runs the plan (baseline, history, files under review) on the server and observes each
  // statement under review. nullopt with the reason in `error` when no server can be started
  // or reached, or the scratch database is not empty.
  std::optional<pgtrace::TraceResult> (*run)(const std::vector<analyzer::MigrationFile>& plan,
                                              const TraceServer& server, std::string& error);
  std::size_t (*difference_count)(const pgtrace::TraceResult&);
  void (*write_text)(std::ostream&, const pgtrace::TraceResult&);
  void (*write_json)(std::ostream&, const pgtrace::TraceResult&, int pg_version);
};

// pgtrace, or nullptr after printing why it cannot be loaded (exit status 2).
const TraceBackend* trace_backend(std::ostream& err);

}  // namespace cli

// The module's one exported symbol.
extern "C" const cli::TraceBackend* schemaguard_trace_entry();
