#include "analyzer/config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "analyzer/migration_set.h"

namespace analyzer {
namespace fs = std::filesystem;
namespace {

constexpr const char* kConfigName = "schemaguard.toml";

const std::vector<std::string>& top_level_keys() {
  static const std::vector<std::string> keys = {"pg_version", "migrations", "convention", "wrap_in_transaction",
                                                "baseline",   "select",     "ignore",     "fail_on",
                                                "severity",   "scan"};
  return keys;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// ` (did you mean "x"?)` for the closest candidate, if it is close enough to be a typo.
template <typename Names>
std::string did_you_mean(std::string_view name, const Names& candidates) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, name.size() / 3) + 1;
  for (const std::string& candidate : candidates) {
    const std::size_t d = edit_distance(name, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best.empty() ? "" : " (did you mean \"" + best + "\"?)";
}

std::string type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a float";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    default: return "a value";
  }
}

// Collects the first error with its position; every check returns false after it.
class Reader {
 public:
  Reader(const std::string& path, const KnownNames& known, sqlparse::InputError& error)
      : path_(path), known_(known), error_(error) {}

  bool fail(const toml::source_region& where, const std::string& message) {
    error_.path = path_;
    error_.position = {std::max(1, static_cast<int>(where.begin.line)), std::max(1, static_cast<int>(where.begin.column))};
    error_.message = message;
    return false;
  }

  bool read(const toml::table& root, Config& config) {
    for (const auto& [key, node] : root) {
      const std::string name(key.str());
      if (!read_key(name, node, config)) {
        if (error_.message.empty()) fail(key.source(), "unknown key \"" + name + "\"" + did_you_mean(name, top_level_keys()));
        return false;
      }
    }
    return true;
  }

 private:
  // False with an empty message means "unknown key".
  bool read_key(const std::string& name, const toml::node& node, Config& config) {
    if (name == "pg_version") {
      const auto value = node.value_exact<int64_t>();
      if (!value) return fail(node.source(), "pg_version must be an integer, not " + type_name(node));
      if (*value < 11 || *value > 17)
        return fail(node.source(), "pg_version " + std::to_string(*value) + " is not supported (11-17)");
      config.pg_version = static_cast<int>(*value);
      return true;
    }
    if (name == "migrations" || name == "baseline") {
      const std::string* value = string_value(name, node);
      if (!value) return false;
      if (value->empty()) return fail(node.source(), name + " must not be empty");
      (name == "migrations" ? config.migrations_dir : config.baseline) = resolve(*value);
      return true;
    }
    if (name == "convention") {
      const std::string* value = string_value(name, node);
      if (!value) return false;
      const auto& names = convention_names();
      if (std::find(names.begin(), names.end(), *value) == names.end())
        return fail(node.source(), "unknown convention \"" + *value + "\"" + did_you_mean(*value, names) +
                                       "; expected one of: " + joined(names));
      config.convention = *value;
      return true;
    }
    if (name == "wrap_in_transaction") {
      const auto value = node.value_exact<bool>();
      if (!value) return fail(node.source(), "wrap_in_transaction must be true or false, not " + type_name(node));
      config.wrap_in_transaction = *value;
      return true;
    }
    if (name == "select" || name == "ignore") return read_rule_list(name, node, name == "select" ? config.select : config.ignore);
    if (name == "fail_on") {
      const std::string* value = string_value(name, node);
      if (!value) return false;
      const auto severity = parse_severity(*value);
      if (!severity) return fail(node.source(), "fail_on must be \"warning\" or \"error\", not \"" + *value + "\"");
      config.fail_on = severity;
      return true;
    }
    if (name == "severity") return read_severity(node, config);
    if (name == "scan") return read_scan(node, config.scan);
    return false;
  }

  bool read_scan(const toml::node& node, ScanConfig& scan) {
    static const std::vector<std::string> keys = {"compile_database", "sql_files", "sql_functions", "field_functions"};
    const auto* table = node.as_table();
    if (!table) return fail(node.source(), "scan must be a table ([scan]), not " + type_name(node));
    for (const auto& [key, value] : *table) {
      const std::string name(key.str());
      if (name == "compile_database") {
        const std::string* text = string_value("scan.compile_database", value);
        if (!text) return false;
        if (text->empty()) return fail(value.source(), "scan.compile_database must not be empty");
        scan.compile_database = resolve(*text);
      } else if (name == "sql_files" || name == "sql_functions" || name == "field_functions") {
        auto& out = name == "sql_files" ? scan.sql_files : name == "sql_functions" ? scan.sql_functions : scan.field_functions;
        if (!read_string_list("scan." + name, value, out)) return false;
      } else {
        return fail(key.source(), "unknown key \"scan." + name + "\"" + did_you_mean(name, keys));
      }
    }
    return true;
  }

  bool read_string_list(const std::string& name, const toml::node& node, std::vector<std::string>& out) {
    const auto* array = node.as_array();
    if (!array) return fail(node.source(), name + " must be an array of strings, not " + type_name(node));
    for (const toml::node& item : *array) {
      const auto* value = item.as_string();
      if (!value) return fail(item.source(), name + " entries must be strings, not " + type_name(item));
      if (value->get().empty()) return fail(item.source(), name + " entries must not be empty");
      out.push_back(value->get());
    }
    return true;
  }

  const std::string* string_value(const std::string& name, const toml::node& node) {
    const auto* value = node.as_string();
    if (!value) {
      fail(node.source(), name + " must be a string, not " + type_name(node));
      return nullptr;
    }
    return &value->get();
  }

  bool read_rule_list(const std::string& name, const toml::node& node, std::vector<std::string>& out) {
    const auto* array = node.as_array();
    if (!array) return fail(node.source(), name + " must be an array of rule ids or group names, not " + type_name(node));
    for (const toml::node& item : *array) {
      const auto* value = item.as_string();
      if (!value) return fail(item.source(), name + " entries must be strings, not " + type_name(item));
      const std::string& id = value->get();
      if (!known_.rules.count(id) && !known_.groups.count(id))
        return fail(item.source(), "unknown rule or group \"" + id + "\"" + suggest_rule_or_group(id));
      out.push_back(id);
    }
    return true;
  }

  bool read_severity(const toml::node& node, Config& config) {
    const auto* table = node.as_table();
    if (!table) return fail(node.source(), "severity must be a table ([severity]), not " + type_name(node));
    for (const auto& [key, value] : *table) {
      const std::string rule(key.str());
      if (!known_.rules.count(rule)) {
        if (known_.groups.count(rule))
          return fail(key.source(), "severity takes rule ids, not groups: \"" + rule + "\" is a group");
        return fail(key.source(), "unknown rule \"" + rule + "\"" + did_you_mean(rule, known_.rules));
      }
      const auto* text = value.as_string();
      if (!text) return fail(value.source(), "severity of " + rule + " must be a string, not " + type_name(value));
      if (text->get() == "off") {
        config.severity[rule] = std::nullopt;
      } else if (const auto severity = parse_severity(text->get())) {
        config.severity[rule] = *severity;
      } else {
        return fail(value.source(),
                    "severity of " + rule + " must be \"warning\", \"error\" or \"off\", not \"" + text->get() + "\"");
      }
    }
    return true;
  }

  std::string suggest_rule_or_group(const std::string& name) const {
    std::vector<std::string> all(known_.rules.begin(), known_.rules.end());
    all.insert(all.end(), known_.groups.begin(), known_.groups.end());
    return did_you_mean(name, all);
  }

  static std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
  }

  // A path in the file is relative to the file's directory. The result works from the
  // working directory: relative to it when inside it, absolute otherwise.
  std::string resolve(const std::string& value) const {
    fs::path p(value);
    if (p.is_relative()) p = fs::path(path_).parent_path() / p;
    std::error_code ec;
    const fs::path absolute = fs::absolute(p, ec).lexically_normal();
    if (ec) return p.lexically_normal().string();
    const fs::path cwd = fs::current_path(ec);
    if (!ec) {
      const fs::path relative = absolute.lexically_relative(cwd);
      if (!relative.empty() && *relative.begin() != "..") return relative.string();
    }
    return absolute.string();
  }

  const std::string& path_;
  const KnownNames& known_;
  sqlparse::InputError& error_;
};

}  // namespace

std::optional<std::string> find_config(const std::string& start_dir) {
  std::error_code ec;
  fs::path dir = fs::absolute(start_dir, ec);
  if (ec) return std::nullopt;
  dir = dir.lexically_normal();
  while (true) {
    const fs::path candidate = dir / kConfigName;
    if (fs::is_regular_file(candidate, ec)) return candidate.string();
    const fs::path parent = dir.parent_path();
    if (parent.empty() || parent == dir) return std::nullopt;
    dir = parent;
  }
}

std::optional<Config> load_config(const std::string& path, const KnownNames& known, sqlparse::InputError& error) {
  error = {};
  const auto source = sqlparse::SourceText::load(path, error);
  if (!source) return std::nullopt;
  Config config;
  config.path = path;
  toml::table root;
  try {
    root = toml::parse(std::string_view(source->bytes()), path);
  } catch (const toml::parse_error& e) {
    error.path = path;
    error.position = {std::max(1, static_cast<int>(e.source().begin.line)),
                      std::max(1, static_cast<int>(e.source().begin.column))};
    error.message = "invalid TOML: " + std::string(e.description());
    return std::nullopt;
  }
  Reader reader(path, known, error);
  if (!reader.read(root, config)) return std::nullopt;
  return config;
}

}  // namespace analyzer
