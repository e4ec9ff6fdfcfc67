// `schemaguard trace`: runs the migrations under review against a real PostgreSQL and
// prints, per statement, the locks, rewrites and scans observed beside the prediction.
// By default on a throwaway cluster it starts (server binaries from --pg-bin DIR or found);
// with --database-url on an empty scratch database, where every statement under review is
// rolled back. Exit status: 0 all agree, 1 a difference, 2 input or server errors.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace cli {

struct TraceCommandOptions {
  std::string config_path;
  std::string format = "text";
  std::string migrations_dir;
  std::string baseline;
  std::string convention;
  std::string pg_bin;
  std::string database_url;
  std::vector<std::string> files;
};

CLI::App* add_trace_command(CLI::App& app, TraceCommandOptions& options);

int run_trace_command(const TraceCommandOptions& options, std::ostream& out, std::ostream& err);

}  // namespace cli
