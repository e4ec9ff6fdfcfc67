// `schemaguard trace`: runs the migrations under review against a real PostgreSQL and
// prints, per statement, the locks, rewrites and scans observed beside the prediction.
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
  std::vector<std::string> files;
};

CLI::App* add_trace_command(CLI::App& app, TraceCommandOptions& options);

int run_trace_command(const TraceCommandOptions& options, std::ostream& out, std::ostream& err);

}  // namespace cli
