// The table of pgtrace's entry points: the one exported symbol of the
// libschemaguard-trace.so module, and linked directly into the test binary.
#include "analyzer/cli/trace_backend.h"

#include "pgtrace/cluster.h"
#include "pgtrace/report.h"

namespace {

// A scratch database the user names: refused unless it holds no tables, views or sequences.
std::optional<pgtrace::TraceResult> trace_in_database(const std::vector<analyzer::MigrationFile>& plan,
                                                      const std::string& database_url, std::string& error) {
  auto observer = pgtrace::Observer::connect(database_url, error);
  if (!observer) {
    error = "cannot connect to --database-url: " + error;
    return std::nullopt;
  }
  const long long relations = pgtrace::user_relation_count(*observer);
  if (relations != 0) {
    error = "the database of --database-url is not empty (" + std::to_string(relations) +
            " tables, views or sequences); trace replays the history into it, so give it an empty scratch database";
    return std::nullopt;
  }
  pgtrace::TraceOptions options;
  options.pg_version = cli::kTracedVersion;
  options.keep_changes = false;
  return pgtrace::trace(plan, *observer, options);
}

std::optional<pgtrace::TraceResult> trace_in_cluster(const std::vector<analyzer::MigrationFile>& plan,
                                                     const std::string& pg_bin, std::string& error) {
  const std::string bin = pgtrace::find_server_binaries(pg_bin);
  if (bin.empty()) {
    error = "no PostgreSQL server binaries found: give their directory with --pg-bin DIR "
            "(e.g. /usr/lib/postgresql/15/bin), or a scratch database with --database-url";
    return std::nullopt;
  }
  auto cluster = pgtrace::Cluster::start(bin, error);
  if (!cluster) {
    error = "cannot start a throwaway PostgreSQL cluster: " + error;
    return std::nullopt;
  }
  auto observer = pgtrace::Observer::connect(cluster->conninfo(), error);
  if (!observer) {
    error = "cannot connect to the throwaway cluster: " + error;
    return std::nullopt;
  }
  pgtrace::TraceOptions options;
  options.pg_version = cli::kTracedVersion;
  return pgtrace::trace(plan, *observer, options);
}

std::optional<pgtrace::TraceResult> run(const std::vector<analyzer::MigrationFile>& plan,
                                        const cli::TraceServer& server, std::string& error) {
  return server.database_url.empty() ? trace_in_cluster(plan, server.pg_bin, error)
                                     : trace_in_database(plan, server.database_url, error);
}

std::size_t difference_count(const pgtrace::TraceResult& result) { return result.difference_count(); }

}  // namespace

extern "C" const cli::TraceBackend* schemaguard_trace_entry() {
  static const cli::TraceBackend backend{SCHEMAGUARD_VERSION,     cli::trace_layout(),        run,
                                         difference_count,        pgtrace::write_trace_text, pgtrace::write_trace_json};
  return &backend;
}
