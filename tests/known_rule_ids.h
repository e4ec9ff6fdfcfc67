// Rule ids that documentation and the squawk table may name: the rules in the catalogue,
// and the ids the project's contract reserves for rules still being written
// (../shared/contracts.md, "Rule catalogue"), when that file is there.
#pragma once

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "rules/registry.h"

namespace test_support {

// Backquoted kebab-case words in the contract's rule catalogue section.
inline std::set<std::string> contract_rule_ids() {
  std::ifstream in(std::filesystem::path(SCHEMAGUARD_SOURCE_DIR) / ".." / "shared" / "contracts.md");
  std::ostringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  std::set<std::string> ids;
  const std::size_t section = text.find("## Rule catalogue");
  if (section == std::string::npos) return ids;
  const std::size_t section_end = text.find("\n## ", section + 1);
  for (std::size_t at = text.find('`', section); at != std::string::npos && at < section_end;) {
    const std::size_t close = text.find('`', at + 1);
    if (close == std::string::npos) break;
    const std::string word = text.substr(at + 1, close - at - 1);
    if (!word.empty() && word.find_first_not_of("abcdefghijklmnopqrstuvwxyz-") == std::string::npos &&
        word.find('-') != std::string::npos)
      ids.insert(word);
    at = text.find('`', close + 1);
  }
  return ids;
}

inline std::set<std::string> catalogue_ids() {
  std::set<std::string> ids;
  for (const auto* info : rules::catalogue()) ids.insert(std::string(info->id));
  return ids;
}

inline bool known_or_reserved_rule_id(const std::string& id) {
  static const std::set<std::string> catalogue = catalogue_ids();
  static const std::set<std::string> reserved = contract_rule_ids();
  return catalogue.count(id) || reserved.count(id);
}

}  // namespace test_support
