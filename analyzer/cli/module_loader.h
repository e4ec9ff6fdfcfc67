// Finding and loading schemaguard's modules. Some commands need large libraries that every
// other command would pay for at start-up if the executable linked them: Clang and LLVM for
// the C++ scanner, libpq (with libssl, Kerberos, LDAP) for `trace`. Each is a module
// (libschemaguard-<name>.so) that exports one C function returning a table of entry points,
// the backend; the executable loads it on first use, the test binary links it directly.
#pragma once

#include <ostream>
#include <string>

namespace cli {

struct ModuleSpec {
  const char* file_name;     // "libschemaguard-cppscan.so"
  const char* entry_symbol;  // its one exported function, returning the backend
  const char* description;   // for messages: "the C++ scanner module"
};

// Looks for the module in the executable's own directory (a build tree), then in the library
// directory of the installation it belongs to (bin/../lib/schemaguard), then in the configured
// install directory; loads the first found and returns its entry function. nullptr with the
// reason in `problem` when none is found (naming every place looked in) or it cannot be loaded.
void* load_module_entry(const ModuleSpec& spec, std::string& path, std::string& problem);

// Every backend starts with the version of its build and the sizes of the structures that
// cross between executable and module. Both are built from the same headers in one build; a
// module from another build (a stale install) is refused rather than called.
template <class Backend, class Layout>
const Backend* load_backend(const ModuleSpec& spec, const Layout& layout, std::string& problem) {
  std::string path;
  void* entry = load_module_entry(spec, path, problem);
  if (!entry) return nullptr;
  const Backend* backend = reinterpret_cast<const Backend* (*)()>(entry)();
  if (std::string(backend->version) != SCHEMAGUARD_VERSION || backend->layout != layout) {
    problem = path + " is from another build of schemaguard (version " + backend->version + ", this is " +
              SCHEMAGUARD_VERSION + "): reinstall both together";
    return nullptr;
  }
  return backend;
}

// The backend of a module, loaded on the first call (one module per Backend type); nullptr
// after printing why it cannot be loaded (exit status 2).
template <class Backend, class Layout>
const Backend* module_backend(const ModuleSpec& spec, const Layout& layout, std::ostream& err) {
  static std::string problem;
  static const Backend* const backend = load_backend<Backend>(spec, layout, problem);
  if (!backend) err << "schemaguard: error: " << problem << "\n";
  return backend;
}

}  // namespace cli
