// Other linters' rule names and their schemaguard equivalents, so that a team switching
// from squawk keeps its `-- squawk-ignore rule` comments working. docs/migrating.md shows
// this table (generated from it by `schemaguard rules --write-docs`).
#pragma once

#include <string_view>
#include <vector>

namespace analyzer {

struct PeerRule {
  std::string_view name;                   // the peer's rule name
  std::vector<std::string_view> rule_ids;  // schemaguard's equivalents; empty when there is none
  std::string_view note;                   // a difference worth knowing, or ""
};

// Every squawk rule name (squawk's own list, including its aliases), in squawk's order.
const std::vector<PeerRule>& squawk_rules();

// The squawk rule of that name, or nullptr when squawk has no such rule.
const PeerRule* find_squawk_rule(std::string_view name);

// The squawk names that map to a schemaguard rule.
std::vector<std::string_view> squawk_names_for(std::string_view rule_id);

}  // namespace analyzer
