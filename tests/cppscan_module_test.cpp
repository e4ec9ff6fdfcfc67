// The schemaguard executable reaches the C++ scanner (Clang, LLVM) through the
// libschemaguard-cppscan.so module, loaded only by the commands that scan, and pgtrace
// (libpq) through libschemaguard-trace.so, loaded only by `trace`: `lint` must start
// without Clang or libpq, and a missing module must be a clear input error.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {
namespace fs = std::filesystem;

const fs::path kDemo = fs::path(SCHEMAGUARD_SOURCE_DIR) / "testdata" / "demo";

struct Outcome {
  int status = -1;
  std::string out, err;
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs `command` through the shell.
Outcome run(const std::string& command, const fs::path& scratch) {
  const fs::path out = scratch / "stdout.txt", err = scratch / "stderr.txt";
  const int raw = std::system((command + " >" + out.string() + " 2>" + err.string()).c_str());
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, read_file(out), read_file(err)};
}

class Modules : public ::testing::Test {
 protected:
  void SetUp() override {
    scratch_ = fs::temp_directory_path() / ("schemaguard-module-" + std::to_string(::getpid()));
    fs::create_directories(scratch_);
  }
  void TearDown() override { fs::remove_all(scratch_); }
  // The executable alone, away from the build tree; it looks for its modules next to itself,
  // in ../lib/schemaguard and in the configured install directory.
  fs::path copy_executable_alone() {
    const fs::path alone = scratch_ / "bin" / "schemaguard";
    fs::create_directories(alone.parent_path());
    fs::copy_file(SCHEMAGUARD_BINARY, alone);
    return alone;
  }
  fs::path scratch_;
};

const std::string kDemoConfig = " --config " + (kDemo / "schemaguard.toml").string();

TEST_F(Modules, ExecutableLinksNeitherClangNorLibpq) {
  const Outcome r = run("ldd " + std::string(SCHEMAGUARD_BINARY), scratch_);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("libpg_query"), std::string::npos) << r.out;
  for (const char* library : {"libpq", "libssl", "libcrypto", "libgnutls", "libkrb5", "libldap", "libclang", "libLLVM"})
    EXPECT_EQ(r.out.find(library), std::string::npos) << library << " in\n" << r.out;
}

TEST_F(Modules, LintStartsWithoutClangOrLibpq) {
  // The dynamic loader lists every library it loads (LD_DEBUG=libs, on stderr).
  const std::string lint = "LD_DEBUG=libs " + std::string(SCHEMAGUARD_BINARY) + " lint --config " +
                           (kDemo / "schemaguard.toml").string();
  const Outcome r = run(lint, scratch_);
  EXPECT_EQ(r.status, 1) << r.err;  // the demo migrations have findings
  EXPECT_NE(r.err.find("libpg_query"), std::string::npos) << "LD_DEBUG output missing:\n" << r.err;
  EXPECT_EQ(r.err.find("libclang-cpp"), std::string::npos);
  EXPECT_EQ(r.err.find("libLLVM"), std::string::npos);
  EXPECT_EQ(r.err.find("libschemaguard-cppscan"), std::string::npos);
  EXPECT_EQ(r.err.find("libpq"), std::string::npos);
  EXPECT_EQ(r.err.find("libssl"), std::string::npos);
  EXPECT_EQ(r.err.find("libschemaguard-trace"), std::string::npos);
}

TEST_F(Modules, MissingModuleIsAnInputErrorForTheCommandsThatScan) {
  if (fs::exists(fs::path(SCHEMAGUARD_MODULE_DIR) / "libschemaguard-cppscan.so"))
    GTEST_SKIP() << "a schemaguard is installed in " << SCHEMAGUARD_MODULE_DIR;
  const fs::path alone = copy_executable_alone();
  const std::string config = kDemoConfig;
  const std::string missing = "libschemaguard-cppscan.so is not installed";

  const Outcome scan = run(alone.string() + " scan -p " + scratch_.string(), scratch_);
  EXPECT_EQ(scan.status, 2);
  EXPECT_NE(scan.err.find("schemaguard: error: the C++ scanner module " + missing), std::string::npos) << scan.err;
  EXPECT_NE(scan.err.find((scratch_ / "bin" / "libschemaguard-cppscan.so").string()), std::string::npos) << scan.err;

  const Outcome check = run(alone.string() + " check" + config + " -p " + scratch_.string(), scratch_);
  EXPECT_EQ(check.status, 2);
  EXPECT_NE(check.err.find(missing), std::string::npos) << check.err;

  // A saved scan is checked against the sources' hashes, which is the module's work too.
  std::ofstream(scratch_ / "refs.json") << "{}";
  const Outcome refs = run(alone.string() + " check" + config + " --refs " + (scratch_ / "refs.json").string(), scratch_);
  EXPECT_EQ(refs.status, 2);
  EXPECT_NE(refs.err.find(missing), std::string::npos) << refs.err;

  // Everything else works without it.
  const Outcome lint = run(alone.string() + " lint" + config, scratch_);
  EXPECT_EQ(lint.status, 1) << lint.err;
  EXPECT_EQ(lint.err.find(missing), std::string::npos) << lint.err;
}

TEST_F(Modules, MissingTraceModuleIsAnInputError) {
  if (fs::exists(fs::path(SCHEMAGUARD_MODULE_DIR) / "libschemaguard-trace.so"))
    GTEST_SKIP() << "a schemaguard is installed in " << SCHEMAGUARD_MODULE_DIR;
  const fs::path alone = copy_executable_alone();
  const Outcome trace = run(alone.string() + " trace" + kDemoConfig, scratch_);
  EXPECT_EQ(trace.status, 2);
  const std::string missing = "schemaguard: error: the trace module libschemaguard-trace.so is not installed (looked for " +
                              (scratch_ / "bin" / "libschemaguard-trace.so").string() + ", " +
                              (scratch_ / "lib" / "schemaguard" / "libschemaguard-trace.so").string();
  EXPECT_NE(trace.err.find(missing), std::string::npos) << trace.err;
  EXPECT_NE(trace.err.find(SCHEMAGUARD_MODULE_DIR), std::string::npos) << trace.err;
  EXPECT_EQ(trace.out, "");
}

TEST_F(Modules, ALibraryWithoutTheEntryPointIsRefused) {
  // Another shared object under the trace module's name: loaded, then refused.
  const fs::path alone = copy_executable_alone();
  fs::copy_file(fs::path(SCHEMAGUARD_BINARY).parent_path() / "libschemaguard-cppscan.so",
                alone.parent_path() / "libschemaguard-trace.so");
  const Outcome trace = run(alone.string() + " trace" + kDemoConfig, scratch_);
  EXPECT_EQ(trace.status, 2);
  EXPECT_NE(trace.err.find("schemaguard: error: " + (alone.parent_path() / "libschemaguard-trace.so").string() +
                           " is not the trace module (no schemaguard_trace_entry)"),
            std::string::npos)
      << trace.err;
}

TEST_F(Modules, TraceLoadsLibpqThroughItsModule) {
  if (!fs::exists("/usr/lib/postgresql/15/bin/postgres")) GTEST_SKIP() << "no PostgreSQL 15 server";
  std::ofstream(scratch_ / "add_column.sql") << "CREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN n int;\n";
  const Outcome r = run("cd " + scratch_.string() + " && LD_DEBUG=libs " + SCHEMAGUARD_BINARY +
                            " trace --pg-bin /usr/lib/postgresql/15/bin add_column.sql",
                        scratch_);
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("2 statements traced: 2 agree, 0 differ"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("libschemaguard-trace.so"), std::string::npos);
  EXPECT_NE(r.err.find("libpq"), std::string::npos);
}

}  // namespace
