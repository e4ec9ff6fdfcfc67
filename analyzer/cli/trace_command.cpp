#include "analyzer/cli/trace_command.h"

#include <CLI/CLI.hpp>

#include "analyzer/cli/common.h"

namespace cli {

CLI::App* add_trace_command(CLI::App& app, TraceCommandOptions& o) {
  CLI::App* cmd = app.add_subcommand("trace", "Run migrations against a real PostgreSQL and compare with the prediction");
  cmd->add_option("files", o.files, "Migration files under review");
  return cmd;
}

int run_trace_command(const TraceCommandOptions&, std::ostream&, std::ostream& err) {
  err << "schemaguard: error: trace is not built yet\n";
  return kInputError;
}

}  // namespace cli
