// `schemaguard check`: where the application's references come from (a scan or a saved
// scan's JSON), how a stale or foreign refs file is refused, and the cross-reference
// findings end to end.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzer/cli/cli.h"
#include "cppscan/cache.h"
#include "cppscan/output.h"
#include "cppscan/scanner.h"

namespace {
namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "schemaguard-check-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

struct CheckRun {
  int status;
  std::string out, err;
};

CheckRun check(std::vector<std::string> args) {
  args.insert(args.begin(), "check");
  std::ostringstream out, err;
  const int status = cli::run(args, out, err);
  return {status, out.str(), err.str()};
}

// A saved scan of one source file that reads users.email by name.
class SavedScan : public ::testing::Test {
 protected:
  void SetUp() override {
    source = dir.path() / "src/user_repo.cpp";
    write(source, "// reads users.email\nauto q = \"SELECT email FROM users WHERE id = $1\";\n");
    write(dir.path() / "migrations/0001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
    write(dir.path() / "migrations/0002_drop_email.sql", "SET lock_timeout = '2s';\nALTER TABLE users DROP COLUMN email;\n");

    cppscan::ScanResult scan;
    scan.files_scanned = 1;
    cppscan::Reference ref;
    ref.table = "users";
    ref.column = "email";
    ref.access = "read";
    ref.path = source.string();
    ref.line = 2;
    ref.col = 17;
    ref.function = "";
    ref.sql = "SELECT email FROM users WHERE id = $1";
    scan.references.push_back(ref);
    const auto stamp = cppscan::stamp_file(source.string());
    ASSERT_TRUE(stamp);
    scan.inputs.push_back({source.string(), stamp->size, stamp->hash});
    refs = dir.path() / "refs.json";
    std::ofstream out(refs);
    cppscan::write_json(out, scan);
  }

  std::vector<std::string> args(const std::string& file) const {
    return {"--migrations", (dir.path() / "migrations").string(), "--refs", refs.string(),
            (dir.path() / "migrations" / file).string()};
  }

  TempDir dir;
  fs::path source, refs;
};

TEST(CheckCommand, NeedsTheApplicationsReferences) {
  TempDir dir;
  write(dir.path() / "m.sql", "SELECT 1;\n");
  const CheckRun r = check({(dir.path() / "m.sql").string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("-p BUILD_DIR"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--refs FILE"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(CheckCommand, RefusesBothAScanAndASavedScan) {
  TempDir dir;
  write(dir.path() / "m.sql", "SELECT 1;\n");
  write(dir.path() / "refs.json", "{}");
  const CheckRun r = check({"-p", dir.path().string(), "--refs", (dir.path() / "refs.json").string(),
                       (dir.path() / "m.sql").string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("not both"), std::string::npos) << r.err;
}

TEST(CheckCommand, RefusesARefsFileThatIsNotAScan) {
  TempDir dir;
  write(dir.path() / "m.sql", "SELECT 1;\n");
  const fs::path refs = dir.path() / "refs.json";
  for (const std::string text : {"not json", "{\"schema_version\": 2, \"references\": [], \"inputs\": []}",
                                 "{\"schema_version\": 1, \"references\": []}",
                                 "{\"schema_version\": 1, \"references\": [{\"table\": 3}], \"inputs\": []}"}) {
    write(refs, text);
    const CheckRun r = check({"--refs", refs.string(), (dir.path() / "m.sql").string()});
    EXPECT_EQ(r.status, 2) << text;
    EXPECT_EQ(r.err.rfind(refs.string() + ":1:1: error: ", 0), 0u) << r.err;
    EXPECT_EQ(r.out, "") << text;
  }
}

TEST_F(SavedScan, RoundTripsThroughJson) {
  std::ifstream in(refs);
  std::stringstream text;
  text << in.rdbuf();
  std::string error;
  const auto loaded = cppscan::from_json(text.str(), error);
  ASSERT_TRUE(loaded) << error;
  ASSERT_EQ(loaded->references.size(), 1u);
  EXPECT_EQ(loaded->references[0].table, "users");
  EXPECT_EQ(loaded->references[0].column, "email");
  EXPECT_EQ(loaded->references[0].line, 2);
  EXPECT_EQ(loaded->references[0].col, 17);
  ASSERT_EQ(loaded->inputs.size(), 1u);
  EXPECT_TRUE(cppscan::changed_inputs(*loaded).empty());
}

TEST_F(SavedScan, ADroppedColumnTheCodeStillReadsIsReportedWithTheCodeLocation) {
  const CheckRun r = check(args("0002_drop_email.sql"));
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("[drop-column-still-referenced]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(source.string() + ":2:17"), std::string::npos) << r.out;
}

TEST_F(SavedScan, JsonFindingsCarryTheReferences) {
  std::vector<std::string> a = args("0002_drop_email.sql");
  a.insert(a.begin(), {"--format", "json"});
  const CheckRun r = check(a);
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.out.find("\"references\": [\n        {"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"line\": 2"), std::string::npos) << r.out;
}

TEST_F(SavedScan, ACodeChangeAfterTheScanMakesTheRefsFileStale) {
  write(source, "// the query moved\nauto q = \"SELECT id FROM users WHERE id = $1\";\n");
  const CheckRun r = check(args("0002_drop_email.sql"));
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.err.find("stale refs file"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("user_repo.cpp"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST_F(SavedScan, AGoneSourceMakesTheRefsFileStale) {
  fs::remove(source);
  const CheckRun r = check(args("0002_drop_email.sql"));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("stale refs file"), std::string::npos) << r.err;
}

TEST_F(SavedScan, PlainLintDoesNotCrossReference) {
  std::vector<std::string> a = {"lint", "--migrations", (dir.path() / "migrations").string(),
                                (dir.path() / "migrations/0002_drop_email.sql").string()};
  std::ostringstream out, err;
  cli::run(a, out, err);
  EXPECT_EQ(out.str().find("still-referenced"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("[drop-column]"), std::string::npos) << out.str();
}

// The demo end to end: its service code (testdata/demo/app, configured by CMake for its
// compilation database) against its migrations. Every application rule's firing case is
// there, and the safe variants next to them: orders.coupon_code and coupons are dropped
// too, but no code uses them any more.
class DemoCheck : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    build_ = new TempDir();
    const fs::path app = fs::path(SCHEMAGUARD_SOURCE_DIR) / "testdata/demo/app";
    const std::string command = "cmake -S '" + app.string() + "' -B '" + (build_->path() / "build").string() +
                                "' > '" + (build_->path() / "cmake.log").string() + "' 2>&1";
    configured_ = std::system(command.c_str()) == 0;
  }
  static void TearDownTestSuite() { delete build_; }

  static CheckRun run_demo(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"--config", (fs::path(SCHEMAGUARD_SOURCE_DIR) / "testdata/demo/schemaguard.toml").string(),
                                     "-p", (build_->path() / "build").string(), "--no-cache", "--color", "never"};
    args.insert(args.end(), extra.begin(), extra.end());
    return check(args);
  }

  static inline TempDir* build_ = nullptr;
  static inline bool configured_ = false;
};

TEST_F(DemoCheck, CatchesTheDropsAndRenamesTheCodeStillUses) {
  ASSERT_TRUE(configured_) << "cmake could not configure testdata/demo/app";
  const CheckRun r = run_demo();
  EXPECT_EQ(r.status, 1) << r.err;
  const auto has = [&](const std::string& text) { return r.out.find(text) != std::string::npos; };
  EXPECT_TRUE(has("0007_cleanup_orders.sql:8:1: error: ")) << r.out;
  EXPECT_TRUE(has("[drop-column-still-referenced]")) << r.out;
  EXPECT_TRUE(has("note: still read here: testdata/demo/app/src/users.cpp:14:")) << r.out;
  EXPECT_TRUE(has("[rename-column-still-referenced]")) << r.out;
  EXPECT_TRUE(has("note: still read here: testdata/demo/app/src/orders.cpp:8:")) << r.out;
  EXPECT_TRUE(has("[rename-table-still-referenced]")) << r.out;
  EXPECT_TRUE(has("testdata/demo/app/src/orders.cpp:14:")) << r.out;
  // The safe variants: dropped, but unused by the code.
  EXPECT_FALSE(has("coupon_code (") || has("public.orders.coupon_code is still")) << r.out;
  std::size_t still_referenced = 0;
  for (std::size_t at = r.out.find("still-referenced]"); at != std::string::npos;
       at = r.out.find("still-referenced]", at + 1))
    ++still_referenced;
  EXPECT_EQ(still_referenced, 3u) << r.out;
}

TEST_F(DemoCheck, LintAloneStaysBlindToTheCode) {
  std::ostringstream out, err;
  cli::run({"lint", "--config", (fs::path(SCHEMAGUARD_SOURCE_DIR) / "testdata/demo/schemaguard.toml").string()}, out,
           err);
  EXPECT_NE(out.str().find("[drop-column]"), std::string::npos) << out.str();
  EXPECT_EQ(out.str().find("still-referenced"), std::string::npos);
  EXPECT_EQ(out.str().find("app-references-unknown-column"), std::string::npos);
}

// Every application rule end to end on testdata/xref: a migration under review against a
// small libpqxx application. Each firing case has its safe variant next to it; the test
// fails on a missing and on an extra application finding.
TEST(XrefScenario, EachApplicationRuleFiresAndItsSafeVariantStaysSilent) {
  TempDir build;
  const fs::path scenario = fs::path(SCHEMAGUARD_SOURCE_DIR) / "testdata/xref";
  const std::string command = "cmake -S '" + (scenario / "app").string() + "' -B '" + (build.path() / "b").string() +
                              "' > '" + (build.path() / "cmake.log").string() + "' 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << "cmake could not configure testdata/xref/app";
  const CheckRun r = check({"--config", (scenario / "schemaguard.toml").string(), "-p", (build.path() / "b").string(),
                            "--no-cache", "--format", "json", (scenario / "migrations/0002_review.sql").string()});
  ASSERT_EQ(r.status, 1) << r.err;
  const nlohmann::json report = nlohmann::json::parse(r.out);
  const std::set<std::string> application = {"drop-column-still-referenced", "drop-table-still-referenced",
                                             "rename-column-still-referenced", "rename-table-still-referenced",
                                             "app-references-unknown-column", "app-insert-missing-required-column",
                                             "app-reads-column-added-under-review"};
  std::set<std::string> found;
  for (const auto& f : report.at("findings")) {
    const std::string rule = f.at("rule");
    if (!application.count(rule)) continue;
    const std::string path = f.at("path");
    const std::string file = fs::path(path).filename().string();
    found.insert(rule + " " + file + ":" + std::to_string(f.at("line").get<int>()));
    EXPECT_FALSE(f.at("references").empty()) << rule << " at " << path;
  }
  const std::set<std::string> expected = {
      "drop-column-still-referenced 0002_review.sql:4",
      "drop-table-still-referenced 0002_review.sql:9",
      "rename-column-still-referenced 0002_review.sql:14",
      "rename-table-still-referenced 0002_review.sql:17",
      "app-insert-missing-required-column 0002_review.sql:20",
      "app-reads-column-added-under-review 0002_review.sql:25",
      // The typo, and the code that still uses what the review drops or renames.
      "app-references-unknown-column repo.cpp:52",
      "app-references-unknown-column repo.cpp:13",
      "app-references-unknown-column repo.cpp:18",
      "app-references-unknown-column repo.cpp:23",
      "app-references-unknown-column repo.cpp:28",
  };
  EXPECT_EQ(found, expected);
}

}  // namespace
