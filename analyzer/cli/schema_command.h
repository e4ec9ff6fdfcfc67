// `schemaguard schema`: replays the baseline, the migrations and the named files, then
// prints the schema model (text or json).
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace cli {

struct SchemaCommandOptions {
  std::string config_path;
  std::string format = "text";
  std::string migrations_dir;
  std::string baseline;
  std::string convention;
  std::vector<std::string> files;
};

// Registers the subcommand and its options on `app`; the options land in `options`.
CLI::App* add_schema_command(CLI::App& app, SchemaCommandOptions& options);

// Exit status: 0 printed, 2 usage or input error.
int run_schema_command(const SchemaCommandOptions& options, std::ostream& out, std::ostream& err);

}  // namespace cli
