// The command-line front end: parses arguments, ties config, migration set, engine,
// rules and reporters together, and returns the exit status.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace cli {

// Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or input error.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace cli
