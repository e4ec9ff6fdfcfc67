#include "cppscan/cache.h"

#include <clang/Basic/Version.h>
#include <dlfcn.h>
#include <link.h>
#include <llvm/Support/xxhash.h>
#include <pg_query.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "sqlparse/column_refs.h"

namespace cppscan {
namespace fs = std::filesystem;
namespace {

constexpr int kFormat = 1;

std::string hex(std::uint64_t value) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
  return buffer;
}

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

struct ObjectSearch {
  std::uintptr_t address = 0;
  std::string build_id;  // hex; empty when the object has none
  bool found = false;
};

// The NT_GNU_BUILD_ID note of the loaded object that maps `address`.
int find_build_id(dl_phdr_info* info, std::size_t, void* data) {
  auto& search = *static_cast<ObjectSearch*>(data);
  bool maps_address = false;
  for (int k = 0; k < info->dlpi_phnum; ++k) {
    const ElfW(Phdr)& segment = info->dlpi_phdr[k];
    const std::uintptr_t begin = info->dlpi_addr + segment.p_vaddr;
    if (segment.p_type == PT_LOAD && search.address >= begin && search.address < begin + segment.p_memsz) maps_address = true;
  }
  if (!maps_address) return 0;
  search.found = true;
  for (int k = 0; k < info->dlpi_phnum; ++k) {
    const ElfW(Phdr)& segment = info->dlpi_phdr[k];
    if (segment.p_type != PT_NOTE) continue;
    const char* note = reinterpret_cast<const char*>(info->dlpi_addr + segment.p_vaddr);
    const char* end = note + segment.p_memsz;
    while (note + sizeof(ElfW(Nhdr)) <= end) {
      const auto* header = reinterpret_cast<const ElfW(Nhdr)*>(note);
      const char* name = note + sizeof(ElfW(Nhdr));
      const char* desc = name + ((header->n_namesz + 3) & ~3u);
      if (desc + header->n_descsz > end) break;
      if (header->n_type == NT_GNU_BUILD_ID && header->n_namesz == 4 && std::string_view(name, 3) == "GNU") {
        for (unsigned byte = 0; byte < header->n_descsz; ++byte) {
          char two[3];
          std::snprintf(two, sizeof two, "%02x", static_cast<unsigned char>(desc[byte]));
          search.build_id += two;
        }
        return 1;
      }
      note = desc + ((header->n_descsz + 3) & ~3u);
    }
  }
  return 1;
}

std::string identify_object(const void* address) {
  if (!address) return "";
  ObjectSearch search;
  search.address = reinterpret_cast<std::uintptr_t>(address);
  dl_iterate_phdr(find_build_id, &search);
  if (!search.build_id.empty()) return search.build_id;
  Dl_info info{};
  struct stat file {};
  if (dladdr(address, &info) && info.dli_fname && ::stat(info.dli_fname, &file) == 0)
    return std::string(info.dli_fname) + ":" + std::to_string(file.st_size) + ":" + std::to_string(file.st_mtime);
  return "";
}

}  // namespace

const std::string& scanner_fingerprint() {
  static const std::string fingerprint = [] {
    // Function addresses inside each object (the one holding this code may be the
    // executable, the test binary or the scanner module).
    const void* const addresses[] = {
        reinterpret_cast<const void*>(&scanner_fingerprint),
        reinterpret_cast<const void*>(&sqlparse::analyze_query),
        reinterpret_cast<const void*>(&pg_query_parse),
        reinterpret_cast<const void*>(&clang::getClangFullVersion),
    };
    std::set<std::string> ids;
    for (const void* address : addresses)
      if (std::string id = identify_object(address); !id.empty()) ids.insert(std::move(id));
    std::string all;
    for (const std::string& id : ids) all += id + ";";
    return all;
  }();
  return fingerprint;
}

bool unchanged(const Dependency& d) {
  struct stat info {};
  if (::stat(d.path.c_str(), &info) != 0) return false;
  if (d.system) return static_cast<std::uint64_t>(info.st_size) == d.size && info.st_mtime == d.mtime;
  if (static_cast<std::uint64_t>(info.st_size) != d.size) return false;
  const auto content = read_file(d.path);
  return content && llvm::xxHash64(*content) == d.hash;
}

std::optional<Dependency> stamp_file(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return std::nullopt;
  const auto content = read_file(path);
  if (!content) return std::nullopt;
  return Dependency{path, content->size(), static_cast<std::int64_t>(info.st_mtime), llvm::xxHash64(*content), false};
}

namespace {

nlohmann::json to_json(const UnitResult& r) {
  nlohmann::json refs = nlohmann::json::array();
  for (const Reference& x : r.references)
    refs.push_back({{"table", x.table}, {"candidates", x.candidates}, {"column", x.column}, {"access", x.access},
                    {"path", x.path}, {"line", x.line}, {"col", x.col}, {"function", x.function}, {"sql", x.sql},
                    {"api", x.api}, {"inactive", x.inactive}});
  nlohmann::json unresolved = nlohmann::json::array();
  for (const Unresolved& x : r.unresolved)
    unresolved.push_back({{"path", x.path}, {"line", x.line}, {"col", x.col}, {"function", x.function}, {"sql", x.sql},
                          {"reason", x.reason}, {"inactive", x.inactive}});
  nlohmann::json errors = nlohmann::json::array();
  for (const ScanError& x : r.errors)
    errors.push_back({{"path", x.path}, {"line", x.line}, {"col", x.col}, {"message", x.message}});
  nlohmann::json deps = nlohmann::json::array();
  for (const Dependency& d : r.dependencies)
    deps.push_back({{"path", d.path}, {"size", d.size}, {"mtime", d.mtime}, {"hash", d.hash}, {"system", d.system}});
  return {{"format", kFormat}, {"file", r.file},           {"references", refs},         {"unresolved", unresolved},
          {"errors", errors},  {"sql_strings", r.sql_strings}, {"had_errors", r.had_errors}, {"dependencies", deps}};
}

UnitResult from_json(const nlohmann::json& j) {
  UnitResult r;
  r.file = j.at("file").get<std::string>();
  for (const auto& x : j.at("references"))
    r.references.push_back({x.at("table"), x.at("candidates"), x.at("column"), x.at("access"), x.at("path"), x.at("line"),
                            x.at("col"), x.at("function"), x.at("sql"), x.at("api"), x.at("inactive")});
  for (const auto& x : j.at("unresolved"))
    r.unresolved.push_back({x.at("path"), x.at("line"), x.at("col"), x.at("function"), x.at("sql"), x.at("reason"),
                            x.at("inactive")});
  for (const auto& x : j.at("errors")) r.errors.push_back({x.at("path"), x.at("line"), x.at("col"), x.at("message")});
  r.sql_strings = j.at("sql_strings").get<std::vector<std::string>>();
  r.had_errors = j.at("had_errors").get<bool>();
  for (const auto& d : j.at("dependencies"))
    r.dependencies.push_back({d.at("path"), d.at("size"), d.at("mtime"), d.at("hash"), d.at("system")});
  return r;
}

}  // namespace

std::string UnitCache::key(const CompileCommand& command, const std::vector<std::string>& arguments, const std::string& salt) {
  std::string material = salt + '\0' + command.directory + '\0' + command.file;
  for (const std::string& arg : arguments) material += '\0' + arg;
  return hex(llvm::xxHash64(material));
}

std::optional<UnitResult> UnitCache::load(const std::string& key) const {
  const auto text = read_file((fs::path(directory_) / (key + ".json")).string());
  if (!text) return std::nullopt;
  try {
    const nlohmann::json j = nlohmann::json::parse(*text);
    if (j.value("format", 0) != kFormat) return std::nullopt;
    UnitResult result = from_json(j);
    for (const Dependency& d : result.dependencies)
      if (!unchanged(d)) return std::nullopt;
    return result;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;  // a damaged entry is a miss
  }
}

void UnitCache::store(const std::string& key, const UnitResult& result) const {
  std::error_code ec;
  fs::create_directories(directory_, ec);
  if (ec) return;
  const fs::path target = fs::path(directory_) / (key + ".json");
  const fs::path temporary = fs::path(directory_) / (key + ".tmp." + std::to_string(::getpid()));
  {
    std::ofstream out(temporary, std::ios::binary);
    if (!out) return;
    out << to_json(result).dump();
    if (!out) return;
  }
  fs::rename(temporary, target, ec);
  if (ec) fs::remove(temporary, ec);
}

}  // namespace cppscan
