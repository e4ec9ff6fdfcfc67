#include "analyzer/migration_set.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <system_error>

namespace analyzer {
namespace fs = std::filesystem;
namespace {

// How a migration sorts: group, then version numbers (compared as unbounded integers),
// then text, then the path so equal versions still come out in a fixed order.
struct SortKey {
  int group = 0;
  std::vector<std::string> numbers;  // digit strings
  std::string natural;               // compared in natural order (plain)
  std::string text;
};

struct Candidate {
  Migration migration;
  SortKey key;
  std::string relative;  // tie-break
};

// Key groups, in apply order.
constexpr int kNumbered = 0;
constexpr int kTimestamp = 1;  // diesel versions of 14+ digits, after plain numbers
constexpr int kUnversioned = 2;
constexpr int kRepeatable = 3;  // flyway R__ files

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), is_digit); }

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string_view strip_leading_zeros(std::string_view digits) {
  const auto first = digits.find_first_not_of('0');
  return first == std::string_view::npos ? std::string_view() : digits.substr(first);
}

// Compares two digit strings as integers of any size ("" counts as 0).
int compare_numbers(std::string_view a, std::string_view b) {
  a = strip_leading_zeros(a);
  b = strip_leading_zeros(b);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  const int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

// The leading run of digits of a name ("" if it does not start with one).
std::string_view leading_digits(std::string_view name) {
  std::size_t n = 0;
  while (n < name.size() && is_digit(name[n])) ++n;
  return name.substr(0, n);
}

// A plain numeric version ("0042" < "100" < a 20-digit popx version).
SortKey numeric_key(std::string_view digits) {
  if (digits.empty()) return {kUnversioned, {}, {}, {}};
  return {kNumbered, {std::string(digits)}, {}, {}};
}

// Diesel: the version is the name before the first '_', dashes removed. Timestamps come in
// several widths (YYYYMMDDHHMMSS, YYYY-MM-DD-HHMMSS, YYYY-MM-DD-HHMMSS-NNNN), so a long
// version compares by its 14-digit time first and its suffix second.
SortKey diesel_key(std::string_view version) {
  std::string digits;
  for (char c : version)
    if (c != '-') digits += c;
  if (!all_digits(digits)) return {kUnversioned, {}, {}, std::string(version)};
  const std::string significant(strip_leading_zeros(digits));
  if (significant.size() < 14) return {kNumbered, {digits}, {}, {}};
  return {kTimestamp, {significant.substr(0, 14), significant.substr(14)}, {}, {}};
}

// Natural order: runs of digits compare as numbers, everything else byte by byte.
int compare_natural(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (is_digit(a[i]) && is_digit(b[j])) {
      std::size_t end_a = i, end_b = j;
      while (end_a < a.size() && is_digit(a[end_a])) ++end_a;
      while (end_b < b.size() && is_digit(b[end_b])) ++end_b;
      if (const int c = compare_numbers(a.substr(i, end_a - i), b.substr(j, end_b - j))) return c;
      i = end_a;
      j = end_b;
    } else {
      if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]) ? -1 : 1;
      ++i;
      ++j;
    }
  }
  if (i < a.size()) return 1;
  if (j < b.size()) return -1;
  return 0;
}

bool key_less(const Candidate& x, const Candidate& y) {
  const SortKey& a = x.key;
  const SortKey& b = y.key;
  if (a.group != b.group) return a.group < b.group;
  const std::size_t parts = std::max(a.numbers.size(), b.numbers.size());
  for (std::size_t k = 0; k < parts; ++k) {
    const std::string_view pa = k < a.numbers.size() ? std::string_view(a.numbers[k]) : std::string_view();
    const std::string_view pb = k < b.numbers.size() ? std::string_view(b.numbers[k]) : std::string_view();
    if (const int c = compare_numbers(pa, pb)) return c < 0;
  }
  if (const int c = compare_natural(a.natural, b.natural)) return c < 0;
  if (a.text != b.text) return a.text < b.text;
  return x.relative < y.relative;
}

std::string join(const std::string& dir, const fs::path& relative) { return (fs::path(dir) / relative).string(); }

bool hidden(const std::string& name) { return !name.empty() && name[0] == '.'; }

// The entries of one directory, sorted by name; errors go to `error`.
struct Entry {
  std::string name;
  bool is_dir = false;
  bool is_file = false;
};

bool list_dir(const fs::path& dir, std::vector<Entry>& out, sqlparse::InputError& error) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (hidden(name)) continue;
    std::error_code type_ec;
    Entry e{name, it->is_directory(type_ec), it->is_regular_file(type_ec)};
    out.push_back(std::move(e));
  }
  if (ec) {
    error.path = dir.string();
    error.message = "cannot read migrations directory: " + ec.message();
    return false;
  }
  std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });
  return true;
}

// A regular file found under a directory: its path relative to the directory, and the path
// as the directory iterator spelled it (the directory joined with `relative`, which is what
// join() would build again).
struct TreeFile {
  fs::path relative;
  std::string path;
};

// Every regular file under `dir` (recursively).
bool list_tree(const fs::path& dir, std::vector<TreeFile>& out, sqlparse::InputError& error) {
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code type_ec;
    if (hidden(name)) {
      if (it->is_directory(type_ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(type_ec)) out.push_back({it->path().lexically_relative(dir), it->path().string()});
  }
  if (ec) {
    error.path = dir.string();
    error.message = "cannot read migrations directory: " + ec.message();
    return false;
  }
  return true;
}

bool is_down(std::string_view name) { return name == "down.sql" || ends_with(name, ".down.sql"); }

// "<digits>_<rest>" -> the digits; "" otherwise.
std::string_view version_prefix(std::string_view name) {
  const std::string_view digits = leading_digits(name);
  if (digits.empty() || digits.size() >= name.size() || name[digits.size()] != '_') return {};
  return digits;
}

const std::vector<std::string> kPopxDialects = {"postgres", "mysql", "sqlite3", "cockroach"};

struct PopxName {
  std::string version;
  std::string dialect;  // "" = every dialect
  bool autocommit = false;
  bool up = false;
};

// <version>_<name>[.<dialect>][.autocommit].(up|down).sql
std::optional<PopxName> parse_popx_name(std::string_view name) {
  PopxName p;
  const std::string_view version = version_prefix(name);
  if (version.empty()) return std::nullopt;
  p.version = std::string(version);
  if (ends_with(name, ".up.sql")) {
    p.up = true;
    name.remove_suffix(7);
  } else if (ends_with(name, ".down.sql")) {
    name.remove_suffix(9);
  } else {
    return std::nullopt;
  }
  if (ends_with(name, ".autocommit")) {
    p.autocommit = true;
    name.remove_suffix(11);
  }
  for (const std::string& dialect : kPopxDialects) {
    if (ends_with(name, "." + dialect)) {
      p.dialect = dialect;
      break;
    }
  }
  return p;
}

bool is_popx_marked(std::string_view name) {
  const auto p = parse_popx_name(name);
  return p && (!p->dialect.empty() || p->autocommit);
}

struct FlywayName {
  char prefix = 'V';
  std::vector<std::string> parts;
  std::string description;
};

// V<version>__<description>.sql, U<version>__..., R__<description>.sql.
std::optional<FlywayName> parse_flyway_name(std::string_view name) {
  if (!ends_with(name, ".sql") || name.size() < 2) return std::nullopt;
  name.remove_suffix(4);
  FlywayName f;
  f.prefix = name[0];
  if (f.prefix != 'V' && f.prefix != 'U' && f.prefix != 'R') return std::nullopt;
  const std::size_t separator = name.find("__", 1);
  if (separator == std::string_view::npos) return std::nullopt;
  const std::string_view version = name.substr(1, separator - 1);
  f.description = std::string(name.substr(separator + 2));
  if (f.prefix == 'R') return version.empty() ? std::optional(f) : std::nullopt;
  std::size_t k = 0;
  while (k <= version.size()) {
    std::size_t end = version.find_first_of("._", k);
    if (end == std::string_view::npos) end = version.size();
    const std::string_view part = version.substr(k, end - k);
    if (!all_digits(part)) return std::nullopt;
    f.parts.emplace_back(part);
    k = end + 1;
  }
  return f;
}

// v<N>.<N>[...] -> the numbers.
std::optional<std::vector<std::string>> parse_temporal_dir(std::string_view name) {
  if (name.size() < 2 || name[0] != 'v') return std::nullopt;
  std::vector<std::string> numbers;
  std::size_t k = 1;
  while (k <= name.size()) {
    std::size_t end = name.find('.', k);
    if (end == std::string_view::npos) end = name.size();
    const std::string_view part = name.substr(k, end - k);
    if (!all_digits(part)) return std::nullopt;
    numbers.emplace_back(part);
    k = end + 1;
  }
  return numbers;
}

bool file_starts_with(const std::string& path, std::string_view prefix) {
  std::ifstream in(path, std::ios::binary);
  std::string head(prefix.size() + 3, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  if (head.rfind("\xEF\xBB\xBF", 0) == 0) head.erase(0, 3);
  return head.rfind(prefix, 0) == 0;
}

// Diesel's metadata.toml: `run_in_transaction = false` opts the migration out.
bool diesel_runs_in_transaction(const fs::path& metadata, sqlparse::InputError& error, bool& ok) {
  ok = true;
  std::error_code ec;
  if (!fs::is_regular_file(metadata, ec)) return true;
  try {
    const toml::table table = toml::parse_file(metadata.string());
    if (const auto* node = table.get("run_in_transaction")) {
      if (const auto value = node->value<bool>()) return *value;
      error.path = metadata.string();
      error.position = {static_cast<int>(node->source().begin.line), static_cast<int>(node->source().begin.column)};
      error.message = "run_in_transaction must be true or false";
      ok = false;
    }
  } catch (const toml::parse_error& e) {
    error.path = metadata.string();
    error.position = {std::max(1, static_cast<int>(e.source().begin.line)),
                      std::max(1, static_cast<int>(e.source().begin.column))};
    error.message = "invalid TOML: " + std::string(e.description());
    ok = false;
  }
  return true;
}

using Candidates = std::vector<Candidate>;

bool collect_diesel(const std::string& dir, bool wrap, Candidates& out, sqlparse::InputError& error) {
  std::vector<Entry> entries;
  if (!list_dir(dir, entries, error)) return false;
  for (const Entry& e : entries) {
    if (!e.is_dir) continue;
    const fs::path up = fs::path(dir) / e.name / "up.sql";
    std::error_code ec;
    if (!fs::is_regular_file(up, ec)) continue;
    bool ok = true;
    const bool in_transaction = diesel_runs_in_transaction(fs::path(dir) / e.name / "metadata.toml", error, ok);
    if (!ok) return false;
    const std::string version = e.name.substr(0, e.name.find('_'));
    const fs::path relative = fs::path(e.name) / "up.sql";
    out.push_back({{join(dir, relative), version, wrap && in_transaction}, diesel_key(version), relative.string()});
  }
  return true;
}

bool collect_flyway(const std::string& dir, bool wrap, Candidates& out, sqlparse::InputError& error) {
  std::vector<TreeFile> files;
  if (!list_tree(dir, files, error)) return false;
  for (const auto& [relative, path] : files) {
    const auto f = parse_flyway_name(relative.filename().string());
    if (!f || f->prefix == 'U') continue;
    SortKey key;
    std::string version;
    if (f->prefix == 'R') {
      key = {kRepeatable, {}, {}, f->description};
    } else {
      key = {kNumbered, f->parts, {}, {}};
      const std::string name = relative.filename().string();
      version = name.substr(1, name.find("__") - 1);
    }
    out.push_back({{path, version, wrap}, key, relative.generic_string()});
  }
  return true;
}

// golang-migrate and sqlx: flat directories of <version>_<name>[.up].sql.
bool collect_flat(const std::string& dir, bool wrap, bool sqlx, Candidates& out, sqlparse::InputError& error) {
  std::vector<Entry> entries;
  if (!list_dir(dir, entries, error)) return false;
  for (const Entry& e : entries) {
    if (!e.is_file) continue;
    const std::string_view version = version_prefix(e.name);
    if (version.empty() || is_down(e.name)) continue;
    if (sqlx ? !ends_with(e.name, ".sql") : !ends_with(e.name, ".up.sql")) continue;
    const std::string path = join(dir, e.name);
    const bool opted_out = sqlx && file_starts_with(path, "-- no-transaction");
    out.push_back({{path, std::string(version), wrap && !opted_out}, numeric_key(version), e.name});
  }
  return true;
}

bool collect_popx(const std::string& dir, bool wrap, Candidates& out, sqlparse::InputError& error) {
  std::vector<Entry> entries;
  if (!list_dir(dir, entries, error)) return false;
  // Per version, the postgres file if there is one, else the dialect-less one.
  std::map<std::string, std::pair<std::string, PopxName>> chosen;
  for (const Entry& e : entries) {
    if (!e.is_file) continue;
    const auto p = parse_popx_name(e.name);
    if (!p || !p->up || (!p->dialect.empty() && p->dialect != "postgres")) continue;
    auto it = chosen.find(p->version);
    if (it == chosen.end() || (it->second.second.dialect.empty() && p->dialect == "postgres"))
      chosen[p->version] = {e.name, *p};
  }
  for (const auto& [version, file] : chosen) {
    const auto& [name, p] = file;
    out.push_back({{join(dir, name), version, wrap && !p.autocommit}, numeric_key(version), name});
  }
  return true;
}

bool collect_temporal(const std::string& dir, bool wrap, Candidates& out, sqlparse::InputError& error) {
  std::vector<Entry> entries;
  if (!list_dir(dir, entries, error)) return false;
  for (const Entry& e : entries) {
    const auto numbers = e.is_dir ? parse_temporal_dir(e.name) : std::nullopt;
    if (!numbers) continue;
    std::vector<Entry> files;
    if (!list_dir(fs::path(dir) / e.name, files, error)) return false;
    for (const Entry& f : files) {
      if (!f.is_file || !ends_with(f.name, ".sql")) continue;
      const fs::path relative = fs::path(e.name) / f.name;
      out.push_back({{join(dir, relative), e.name, wrap}, {kNumbered, *numbers, {}, f.name}, relative.generic_string()});
    }
  }
  return true;
}

// The leading number of the file name, else of the nearest directory that has one
// (DIR/2024-01-01-000000_x/up.sql -> "2024-01-01-000000").
std::string plain_version(const fs::path& relative) {
  for (fs::path p = relative; !p.empty(); p = p.parent_path()) {
    const std::string name = p.filename().string();
    std::size_t n = 0;
    while (n < name.size() && (is_digit(name[n]) || (n > 0 && name[n] == '-' && n + 1 < name.size() && is_digit(name[n + 1])))) ++n;
    if (n > 0) return name.substr(0, n);
  }
  return {};
}

bool collect_plain(const std::string& dir, bool wrap, Candidates& out, sqlparse::InputError& error) {
  std::vector<TreeFile> files;
  if (!list_tree(dir, files, error)) return false;
  for (auto& [relative, path] : files) {
    const std::string name = relative.filename().string();
    if (!ends_with(name, ".sql") || is_down(name)) continue;
    std::string generic = relative.generic_string();
    SortKey key{kNumbered, {}, generic, {}};
    out.push_back({{std::move(path), plain_version(relative), wrap}, std::move(key), std::move(generic)});
  }
  return true;
}

bool default_wrap(const std::string& convention) { return convention != "plain" && convention != "temporal"; }

}  // namespace

const std::vector<std::string>& convention_names() {
  static const std::vector<std::string> names = {"auto", "diesel", "flyway", "golang-migrate", "sqlx",
                                                 "popx", "temporal", "plain"};
  return names;
}

std::string detect_convention(const std::string& dir) {
  sqlparse::InputError ignored;
  std::vector<Entry> entries;
  if (!list_dir(dir, entries, ignored)) return "plain";
  std::error_code ec;
  for (const Entry& e : entries)
    if (e.is_dir && fs::is_regular_file(fs::path(dir) / e.name / "up.sql", ec)) return "diesel";
  for (const Entry& e : entries) {
    if (!e.is_dir || !parse_temporal_dir(e.name)) continue;
    std::vector<Entry> files;
    if (!list_dir(fs::path(dir) / e.name, files, ignored)) continue;
    for (const Entry& f : files)
      if (f.is_file && ends_with(f.name, ".sql")) return "temporal";
  }
  for (const Entry& e : entries)
    if (e.is_file && is_popx_marked(e.name)) return "popx";
  std::vector<TreeFile> tree;
  if (list_tree(dir, tree, ignored)) {
    for (const TreeFile& file : tree) {
      const auto f = parse_flyway_name(file.relative.filename().string());
      if (f && f->prefix != 'U') return "flyway";
    }
  }
  for (const Entry& e : entries)
    if (e.is_file && !version_prefix(e.name).empty() && ends_with(e.name, ".up.sql")) return "golang-migrate";
  for (const Entry& e : entries)
    if (e.is_file && !version_prefix(e.name).empty() && ends_with(e.name, ".sql")) return "sqlx";
  return "plain";
}

std::optional<std::vector<Migration>> discover_migrations(const std::string& dir, const MigrationSetOptions& options,
                                                         sqlparse::InputError& error) {
  error = {};
  error.path = dir;
  const auto& names = convention_names();
  if (std::find(names.begin(), names.end(), options.convention) == names.end()) {
    std::string list;
    for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
    error.message = "unknown migration convention `" + options.convention + "` (expected one of: " + list + ")";
    return std::nullopt;
  }
  std::error_code ec;
  const fs::file_status status = fs::status(dir, ec);
  if (!fs::exists(status)) {
    error.message = "migrations directory does not exist";
    return std::nullopt;
  }
  if (!fs::is_directory(status)) {
    error.message = "migrations path is not a directory";
    return std::nullopt;
  }

  const std::string convention = options.convention == "auto" ? detect_convention(dir) : options.convention;
  const bool wrap = options.wrap_in_transaction.value_or(default_wrap(convention));
  Candidates found;
  bool ok = false;
  if (convention == "diesel") ok = collect_diesel(dir, wrap, found, error);
  else if (convention == "flyway") ok = collect_flyway(dir, wrap, found, error);
  else if (convention == "golang-migrate") ok = collect_flat(dir, wrap, false, found, error);
  else if (convention == "sqlx") ok = collect_flat(dir, wrap, true, found, error);
  else if (convention == "popx") ok = collect_popx(dir, wrap, found, error);
  else if (convention == "temporal") ok = collect_temporal(dir, wrap, found, error);
  else ok = collect_plain(dir, wrap, found, error);
  if (!ok) return std::nullopt;

  // Sorted by address: a Candidate is large to move, and key_less is a total order (the
  // relative paths differ), so the order is the same as sorting the candidates themselves.
  std::vector<Candidate*> order;
  order.reserve(found.size());
  for (Candidate& c : found) order.push_back(&c);
  std::sort(order.begin(), order.end(), [](const Candidate* a, const Candidate* b) { return key_less(*a, *b); });
  std::vector<Migration> migrations;
  migrations.reserve(found.size());
  for (Candidate* c : order) migrations.push_back(std::move(c->migration));
  error = {};
  return migrations;
}

}  // namespace analyzer
