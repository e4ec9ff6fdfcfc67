// A finding: one rule's report about one statement (or one place in the code).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sqlparse/source.h"

namespace analyzer {

enum class Severity { warning, error };

std::string_view severity_name(Severity s);
std::optional<Severity> parse_severity(std::string_view name);

// A place in the application code behind a cross-reference finding.
struct CodeReference {
  std::string path;
  int line = 0;
  int column = 0;
  std::string function;
  std::string access;
  std::string sql;
};

struct Finding {
  std::string rule;
  Severity severity = Severity::warning;
  std::string path;
  sqlparse::Position start;
  sqlparse::Position stop;  // exclusive
  std::string message;
  std::string help;           // what to do instead, in words
  std::string suggested_sql;  // the safe alternative as SQL; may be empty
  std::vector<CodeReference> references;
};

}  // namespace analyzer
