// `schemaguard scan`: finds the columns the C++ application (and its .sql query
// files) references, through cppscan; with migrations configured, resolves them
// against the replayed schema model.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace cli {

struct ScanCommandOptions {
  std::string config_path;
  std::string build_dir;
  std::vector<std::string> sources;
  std::vector<std::string> extra_args;
  unsigned jobs = 0;
  std::string format = "text";
  bool no_cache = false;
  std::string migrations_dir;
  std::string baseline;
  std::string convention;
};

CLI::App* add_scan_command(CLI::App& app, ScanCommandOptions& options);

// Exit status: 0 scanned (units with compile errors included), 2 usage or input error.
int run_scan_command(const ScanCommandOptions& options, std::ostream& out, std::ostream& err);

}  // namespace cli
