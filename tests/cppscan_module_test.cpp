// The schemaguard executable reaches the C++ scanner (Clang, LLVM) through the
// libschemaguard-cppscan.so module, loaded only by the commands that scan: `lint`
// must start without Clang, and a missing module must be a clear input error.
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
  std::string err;
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs `command` through the shell, stdout discarded, stderr kept.
Outcome run(const std::string& command, const fs::path& scratch) {
  const fs::path err = scratch / "stderr.txt";
  const int raw = std::system((command + " >/dev/null 2>" + err.string()).c_str());
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, read_file(err)};
}

class CppscanModule : public ::testing::Test {
 protected:
  void SetUp() override {
    scratch_ = fs::temp_directory_path() / ("schemaguard-module-" + std::to_string(::getpid()));
    fs::create_directories(scratch_);
  }
  void TearDown() override { fs::remove_all(scratch_); }
  fs::path scratch_;
};

TEST_F(CppscanModule, LintStartsWithoutClangOrLlvm) {
  // The dynamic loader lists every library it loads (LD_DEBUG=libs, on stderr).
  const std::string lint = "LD_DEBUG=libs " + std::string(SCHEMAGUARD_BINARY) + " lint --config " +
                           (kDemo / "schemaguard.toml").string();
  const Outcome r = run(lint, scratch_);
  EXPECT_EQ(r.status, 1) << r.err;  // the demo migrations have findings
  EXPECT_NE(r.err.find("libpg_query"), std::string::npos) << "LD_DEBUG output missing:\n" << r.err;
  EXPECT_EQ(r.err.find("libclang-cpp"), std::string::npos);
  EXPECT_EQ(r.err.find("libLLVM"), std::string::npos);
  EXPECT_EQ(r.err.find("libschemaguard-cppscan"), std::string::npos);
}

TEST_F(CppscanModule, MissingModuleIsAnInputErrorForTheCommandsThatScan) {
  // The executable alone, away from the build tree; it looks next to itself, in
  // ../lib/schemaguard and in the configured install directory.
  if (fs::exists(fs::path(SCHEMAGUARD_MODULE_DIR) / "libschemaguard-cppscan.so"))
    GTEST_SKIP() << "a schemaguard is installed in " << SCHEMAGUARD_MODULE_DIR;
  const fs::path alone = scratch_ / "bin" / "schemaguard";
  fs::create_directories(alone.parent_path());
  fs::copy_file(SCHEMAGUARD_BINARY, alone);
  const std::string config = " --config " + (kDemo / "schemaguard.toml").string();
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

}  // namespace
