// `schemaguard deps [-p BUILD_DIR | --refs FILE] TABLE[.COLUMN]...`: the dependency report to
// read before dropping a table or a column — the application's code that uses it, the schema
// objects that depend on it, its history in the migrations, and whether it is safe to drop.
// Exit status: 0 every target is safe to drop, 1 one is not, 2 usage or input error
// (an unknown target among them).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "analyzer/cli/app_refs.h"
#include "analyzer/cli/lint_setup.h"

namespace CLI {
class App;
}

namespace cli {

struct DepsCommandOptions {
  CommonOptions common;  // --config, --migrations, --baseline, --convention, --pg-version; --format
  AppRefOptions refs;
  std::vector<std::string> targets;
};

CLI::App* add_deps_command(CLI::App& app, DepsCommandOptions& options);

int run_deps_command(const DepsCommandOptions& options, std::ostream& out, std::ostream& err);

}  // namespace cli
