// cppscan loaded on first use, for the `schemaguard` executable: from the executable's
// own directory (a build tree), else from the library directory of the installation it
// belongs to (bin/../lib/schemaguard), else from the configured install prefix.
#include <dlfcn.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "analyzer/cli/cppscan_backend.h"

namespace cli {
namespace fs = std::filesystem;
namespace {

constexpr const char* kModuleName = "libschemaguard-cppscan.so";

std::vector<fs::path> module_candidates() {
  std::vector<fs::path> candidates;
  std::error_code ec;
  const fs::path executable = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path dir = executable.parent_path();
    candidates.push_back(dir / kModuleName);
    candidates.push_back((dir / SCHEMAGUARD_MODULE_DIR_FROM_BINDIR / kModuleName).lexically_normal());
  }
  const fs::path configured = fs::path(SCHEMAGUARD_MODULE_DIR) / kModuleName;
  if (std::find(candidates.begin(), candidates.end(), configured) == candidates.end())
    candidates.push_back(configured);
  return candidates;
}

const CppscanBackend* load(std::string& problem) {
  const std::vector<fs::path> candidates = module_candidates();
  for (const fs::path& path : candidates) {
    std::error_code ec;
    if (!fs::exists(path, ec)) continue;
    // Never closed: LLVM's global state must outlive every use, up to exit.
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      problem = std::string("cannot load the C++ scanner: ") + dlerror();
      return nullptr;
    }
    auto entry = reinterpret_cast<const CppscanBackend* (*)()>(dlsym(handle, "schemaguard_cppscan_entry"));
    if (!entry) {
      problem = path.string() + " is not schemaguard's C++ scanner module (no schemaguard_cppscan_entry)";
      return nullptr;
    }
    const CppscanBackend* backend = entry();
    if (std::string(backend->version) != SCHEMAGUARD_VERSION || backend->layout != cppscan_layout()) {
      problem = path.string() + " is from another build of schemaguard (version " + backend->version +
                ", this is " + SCHEMAGUARD_VERSION + "): reinstall both together";
      return nullptr;
    }
    return backend;
  }
  problem = std::string("the C++ scanner module ") + kModuleName + " is not installed (looked for ";
  for (std::size_t k = 0; k < candidates.size(); ++k) problem += (k ? ", " : "") + candidates[k].string();
  problem += "); it is built and installed with schemaguard";
  return nullptr;
}

}  // namespace

const CppscanBackend* cppscan_backend(std::ostream& err) {
  static std::string problem;
  static const CppscanBackend* const backend = load(problem);
  if (!backend) err << "schemaguard: error: " << problem << "\n";
  return backend;
}

}  // namespace cli
