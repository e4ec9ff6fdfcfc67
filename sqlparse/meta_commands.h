// psql meta-commands (backslash commands) and COPY ... FROM STDIN data blocks:
// the client consumes them, the server never parses them.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace sqlparse {

struct MetaCommandSpan {
  std::size_t begin = 0;  // the backslash
  std::size_t end = 0;    // end of line (exclusive, before \r\n)
  bool is_copy_data = false;
};

// Finds meta-commands and COPY data outside of literals, comments and dollar quotes.
std::vector<MetaCommandSpan> find_meta_commands(const std::string& text, std::size_t from);

}  // namespace sqlparse
