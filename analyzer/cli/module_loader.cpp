#include "analyzer/cli/module_loader.h"

#include <dlfcn.h>

#include <algorithm>
#include <filesystem>
#include <vector>

namespace cli {
namespace fs = std::filesystem;
namespace {

std::vector<fs::path> module_candidates(const char* file_name) {
  std::vector<fs::path> candidates;
  std::error_code ec;
  const fs::path executable = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path dir = executable.parent_path();
    candidates.push_back(dir / file_name);
    candidates.push_back((dir / SCHEMAGUARD_MODULE_DIR_FROM_BINDIR / file_name).lexically_normal());
  }
  const fs::path configured = fs::path(SCHEMAGUARD_MODULE_DIR) / file_name;
  if (std::find(candidates.begin(), candidates.end(), configured) == candidates.end())
    candidates.push_back(configured);
  return candidates;
}

}  // namespace

void* load_module_entry(const ModuleSpec& spec, std::string& path, std::string& problem) {
  const std::vector<fs::path> candidates = module_candidates(spec.file_name);
  for (const fs::path& candidate : candidates) {
    std::error_code ec;
    if (!fs::exists(candidate, ec)) continue;
    path = candidate.string();
    // Never closed: a module's libraries (LLVM's global state, say) must outlive every use, up to exit.
    void* handle = dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      problem = std::string("cannot load ") + spec.description + ": " + dlerror();
      return nullptr;
    }
    void* entry = dlsym(handle, spec.entry_symbol);
    if (!entry) problem = path + " is not " + spec.description + " (no " + spec.entry_symbol + ")";
    return entry;
  }
  problem = spec.description + std::string(" ") + spec.file_name + " is not installed (looked for ";
  for (std::size_t k = 0; k < candidates.size(); ++k) problem += (k ? ", " : "") + candidates[k].string();
  problem += "); it is built and installed with schemaguard";
  return nullptr;
}

}  // namespace cli
