#include "analyzer/cli/common.h"

#include <filesystem>

#include "analyzer/rule.h"
#include "rules/registry.h"

namespace cli {
namespace fs = std::filesystem;

void print_error(std::ostream& err, const sqlparse::InputError& e) {
  err << e.path << ":" << e.position.line << ":" << e.position.column << ": error: " << e.message << "\n";
}

analyzer::KnownNames known_names() {
  analyzer::KnownNames known;
  for (const auto* info : rules::catalogue()) known.rules.insert(std::string(info->id));
  for (auto group : {analyzer::RuleGroup::locks, analyzer::RuleGroup::backfills, analyzer::RuleGroup::destructive,
                     analyzer::RuleGroup::transactions, analyzer::RuleGroup::style, analyzer::RuleGroup::application,
                     analyzer::RuleGroup::suppressions})
    known.groups.insert(std::string(analyzer::group_name(group)));
  known.groups.insert("all");
  return known;
}

std::optional<analyzer::Config> load_project_config(const std::string& explicit_path, std::ostream& err) {
  std::string path = explicit_path;
  if (path.empty())
    if (auto found = analyzer::find_config(fs::current_path().string())) path = *found;
  if (path.empty()) return analyzer::Config{};
  sqlparse::InputError error;
  auto config = analyzer::load_config(path, known_names(), error);
  if (!config) print_error(err, error);
  return config;
}

std::string normalize_path(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(path), ec);
  return ec ? path : p.string();
}

std::string PathNormalizer::operator()(const std::string& path) {
  std::error_code ec;
  if (cwd_.empty()) {
    cwd_ = fs::current_path(ec);
    if (ec) return normalize_path(path);
  }
  const fs::path absolute = (cwd_ / path);  // `/` keeps an absolute path as it is
  const fs::path name = absolute.filename();
  if (name.empty() || name == "." || name == "..") return normalize_path(path);
  // A symbolic link resolves elsewhere: the slow way, as normalize_path.
  if (fs::is_symlink(fs::symlink_status(absolute, ec))) return normalize_path(path);
  auto [it, inserted] = directories_.try_emplace(absolute.parent_path());
  if (inserted) {
    it->second = fs::weakly_canonical(it->first, ec);
    if (ec) it->second.clear();
  }
  if (it->second.empty()) return normalize_path(path);
  return (it->second / name).string();
}

}  // namespace cli
