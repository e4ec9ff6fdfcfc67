#include "analyzer/finding.h"

namespace analyzer {

std::string_view severity_name(Severity s) { return s == Severity::error ? "error" : "warning"; }

std::optional<Severity> parse_severity(std::string_view name) {
  if (name == "error") return Severity::error;
  if (name == "warning") return Severity::warning;
  return std::nullopt;
}

}  // namespace analyzer
