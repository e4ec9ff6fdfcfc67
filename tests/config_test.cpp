#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "analyzer/config.h"

namespace {
namespace fs = std::filesystem;

const std::string kConfigDir = SCHEMAGUARD_SOURCE_DIR "/testdata/config/";

analyzer::KnownNames known() {
  analyzer::KnownNames names;
  names.rules = {"drop-column", "rename-table", "create-index-without-concurrently"};
  names.groups = {"all", "style", "locks"};
  return names;
}

// A fresh directory under the system temp dir, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "schemaguard_config_test_XXXXXX").string();
    path = ::mkdtemp(pattern.data()) ? fs::path(pattern) : fs::path();
  }
  ~TempDir() {
    std::error_code ec;
    if (!path.empty()) fs::remove_all(path, ec);
  }
};

// Runs the test body in another working directory and goes back afterwards.
struct WorkingDirectory {
  fs::path saved = fs::current_path();
  explicit WorkingDirectory(const fs::path& dir) { fs::current_path(dir); }
  ~WorkingDirectory() { fs::current_path(saved); }
};

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

TEST(Config, ReadsEveryKey) {
  sqlparse::InputError error;
  const auto config = analyzer::load_config(kConfigDir + "valid/schemaguard.toml", known(), error);
  ASSERT_TRUE(config) << error.path << ":" << error.position.line << ": " << error.message;
  EXPECT_EQ(config->path, kConfigDir + "valid/schemaguard.toml");
  EXPECT_EQ(config->pg_version, 13);
  EXPECT_EQ(config->convention, "diesel");
  EXPECT_EQ(config->wrap_in_transaction, false);
  EXPECT_EQ(config->select, (std::vector<std::string>{"style", "drop-column"}));
  EXPECT_EQ(config->ignore, (std::vector<std::string>{"rename-table"}));
  EXPECT_EQ(config->fail_on, analyzer::Severity::error);
  ASSERT_EQ(config->severity.size(), 3u);
  EXPECT_EQ(config->severity.at("drop-column"), analyzer::Severity::error);
  EXPECT_EQ(config->severity.at("rename-table"), analyzer::Severity::warning);
  EXPECT_EQ(config->severity.at("create-index-without-concurrently"), std::nullopt);
}

TEST(Config, PathsAreRelativeToTheConfigFileNotTheWorkingDirectory) {
  sqlparse::InputError error;
  const auto config = analyzer::load_config(kConfigDir + "valid/schemaguard.toml", known(), error);
  ASSERT_TRUE(config) << error.message;
  ASSERT_TRUE(config->migrations_dir && config->baseline);
  const fs::path valid = fs::path(kConfigDir + "valid").lexically_normal();
  EXPECT_EQ(fs::absolute(*config->migrations_dir).lexically_normal(), valid / "db" / "migrations");
  EXPECT_EQ(fs::absolute(*config->baseline).lexically_normal(), valid / "db" / "structure.sql");
}

TEST(Config, ResolvedPathIsRelativeInsideTheWorkingDirectoryAndAbsoluteOutside) {
  {
    WorkingDirectory cwd(kConfigDir);
    sqlparse::InputError error;
    const auto config = analyzer::load_config("valid/schemaguard.toml", known(), error);
    ASSERT_TRUE(config) << error.message;
    EXPECT_EQ(config->migrations_dir, "valid/db/migrations");
  }
  TempDir elsewhere;
  ASSERT_FALSE(elsewhere.path.empty());
  WorkingDirectory cwd(elsewhere.path);
  sqlparse::InputError error;
  const auto config = analyzer::load_config(kConfigDir + "valid/schemaguard.toml", known(), error);
  ASSERT_TRUE(config) << error.message;
  EXPECT_EQ(*config->migrations_dir, (fs::path(kConfigDir).lexically_normal() / "valid/db/migrations").string());
}

TEST(Config, AbsolutePathsAreKept) {
  TempDir dir;
  ASSERT_FALSE(dir.path.empty());
  write_file(dir.path / "schemaguard.toml", "migrations = \"/srv/app/migrations\"\n");
  sqlparse::InputError error;
  const auto config = analyzer::load_config((dir.path / "schemaguard.toml").string(), known(), error);
  ASSERT_TRUE(config) << error.message;
  EXPECT_EQ(config->migrations_dir, "/srv/app/migrations");
}

TEST(Config, EmptyFileGivesDefaults) {
  TempDir dir;
  ASSERT_FALSE(dir.path.empty());
  write_file(dir.path / "schemaguard.toml", "# nothing set\n");
  sqlparse::InputError error;
  const auto config = analyzer::load_config((dir.path / "schemaguard.toml").string(), known(), error);
  ASSERT_TRUE(config) << error.message;
  EXPECT_FALSE(config->pg_version || config->migrations_dir || config->convention || config->fail_on);
  EXPECT_TRUE(config->select.empty() && config->severity.empty());
}

struct BadConfig {
  const char* file;
  int line;
  int column;
  const char* message;  // the whole message, or a prefix ending in '*'
};

class BadConfigTest : public testing::TestWithParam<BadConfig> {};

TEST_P(BadConfigTest, ReportsFileLineColumnAndWhatIsWrong) {
  const BadConfig& bad = GetParam();
  const std::string path = kConfigDir + bad.file;
  sqlparse::InputError error;
  const auto config = analyzer::load_config(path, known(), error);
  ASSERT_FALSE(config);
  EXPECT_EQ(error.path, path);
  EXPECT_EQ(error.position.line, bad.line) << error.message;
  EXPECT_EQ(error.position.column, bad.column) << error.message;
  std::string expected = bad.message;
  if (!expected.empty() && expected.back() == '*') {
    expected.pop_back();
    EXPECT_EQ(error.message.substr(0, expected.size()), expected) << error.message;
  } else {
    EXPECT_EQ(error.message, expected);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Config, BadConfigTest,
    testing::Values(
        BadConfig{"unknown_key.toml", 3, 1, "unknown key \"pg_verison\" (did you mean \"pg_version\"?)"},
        BadConfig{"unknown_key_far.toml", 3, 1, "unknown key \"pg_version_extra\""},
        BadConfig{"bad_type.toml", 1, 14, "pg_version must be an integer, not a string"},
        BadConfig{"out_of_range.toml", 1, 14, "pg_version 18 is not supported (11-17)"},
        BadConfig{"unknown_rule.toml", 2, 11, "unknown rule or group \"drop-colum\" (did you mean \"drop-column\"?)"},
        BadConfig{"ignore_not_array.toml", 1, 10, "ignore must be an array of rule ids or group names, not a string"},
        BadConfig{"bad_convention.toml", 1, 14, "unknown convention \"dissel\" (did you mean \"diesel\"?); expected one of: *"},
        BadConfig{"bad_fail_on.toml", 1, 11, "fail_on must be \"warning\" or \"error\", not \"fatal\""},
        BadConfig{"bad_wrap.toml", 1, 23, "wrap_in_transaction must be true or false, not a string"},
        BadConfig{"bad_severity_value.toml", 2, 15,
                  "severity of drop-column must be \"warning\", \"error\" or \"off\", not \"critical\""},
        BadConfig{"severity_group.toml", 2, 1, "severity takes rule ids, not groups: \"style\" is a group"},
        BadConfig{"severity_unknown_rule.toml", 2, 1, "unknown rule \"drop-colunm\" (did you mean \"drop-column\"?)"},
        BadConfig{"severity_not_table.toml", 1, 12, "severity must be a table ([severity]), not a string"},
        BadConfig{"syntax_error.toml", 2, 28, "invalid TOML: *"},
        BadConfig{"duplicate_key.toml", 2, 1, "invalid TOML: *"}));

TEST(Config, MissingFileIsAnError) {
  sqlparse::InputError error;
  EXPECT_FALSE(analyzer::load_config(kConfigDir + "does_not_exist.toml", known(), error));
  EXPECT_EQ(error.path, kConfigDir + "does_not_exist.toml");
  EXPECT_FALSE(error.message.empty());
}

TEST(Config, FindsTheNearestFileUpward) {
  TempDir root;
  ASSERT_FALSE(root.path.empty());
  fs::create_directories(root.path / "a" / "b" / "c");
  write_file(root.path / "schemaguard.toml", "pg_version = 14\n");
  write_file(root.path / "a" / "schemaguard.toml", "pg_version = 15\n");
  // A directory with the config's name is not a config file.
  fs::create_directories(root.path / "a" / "b" / "schemaguard.toml");

  const auto found = analyzer::find_config((root.path / "a" / "b" / "c").string());
  ASSERT_TRUE(found);
  EXPECT_EQ(fs::path(*found), root.path / "a" / "schemaguard.toml");
  EXPECT_EQ(analyzer::find_config((root.path / "a").string()), (root.path / "a" / "schemaguard.toml").string());
}

TEST(Config, UpwardSearchReachesTheRootWithoutFindingOneInsideTheTree) {
  TempDir root;
  ASSERT_FALSE(root.path.empty());
  fs::create_directories(root.path / "x" / "y");
  const auto found = analyzer::find_config((root.path / "x" / "y").string());
  // Whatever lies above the temp dir is not ours; nothing inside it may be returned.
  if (found) {
    EXPECT_TRUE(fs::is_regular_file(*found));
    EXPECT_EQ(fs::path(*found).filename(), "schemaguard.toml");
    EXPECT_NE(fs::path(*found).string().rfind(root.path.string(), 0), 0u) << *found;
  }
}

TEST(Config, RelativeStartDirectoryIsResolvedAgainstTheWorkingDirectory) {
  TempDir root;
  ASSERT_FALSE(root.path.empty());
  fs::create_directories(root.path / "sub");
  write_file(root.path / "schemaguard.toml", "");
  WorkingDirectory cwd(root.path / "sub");
  const auto found = analyzer::find_config(".");
  ASSERT_TRUE(found);
  EXPECT_TRUE(fs::equivalent(*found, root.path / "schemaguard.toml"));
}

}  // namespace
