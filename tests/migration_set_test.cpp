#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "analyzer/migration_set.h"

namespace {
namespace fs = std::filesystem;

const std::string kFixtures = SCHEMAGUARD_SOURCE_DIR "/testdata/migrations/";
const std::string kCorpus = SCHEMAGUARD_SOURCE_DIR "/../shared/corpus/";

std::vector<analyzer::Migration> discover(const std::string& dir, const std::string& convention = "auto",
                                          std::optional<bool> wrap = std::nullopt) {
  analyzer::MigrationSetOptions options;
  options.convention = convention;
  options.wrap_in_transaction = wrap;
  sqlparse::InputError error;
  auto found = analyzer::discover_migrations(dir, options, error);
  EXPECT_TRUE(found) << error.path << ": " << error.message;
  return found ? *found : std::vector<analyzer::Migration>{};
}

// Paths relative to `dir`, in order.
std::vector<std::string> relative_paths(const std::vector<analyzer::Migration>& migrations, const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& m : migrations) out.push_back(fs::path(m.path).lexically_relative(dir).generic_string());
  return out;
}

std::vector<bool> wrapped(const std::vector<analyzer::Migration>& migrations) {
  std::vector<bool> out;
  for (const auto& m : migrations) out.push_back(m.wrapped_in_transaction);
  return out;
}

// ---- fixtures ----------------------------------------------------------------------------

TEST(MigrationSet, DieselOrdersEveryTimestampStyleByTime) {
  const std::string dir = kFixtures + "diesel";
  const auto migrations = discover(dir);
  EXPECT_EQ(relative_paths(migrations, dir), (std::vector<std::string>{
                                                 "00000000000000_diesel_initial_setup/up.sql",
                                                 "20170102000000_numeric_style/up.sql",
                                                 "2017-08-31-120000_dashed_style/up.sql",
                                                 "2019-11-15-182353_Name with spaces/up.sql",
                                                 "2024-01-01-000000-0000_suffixed_style/up.sql",
                                                 "2024-02-12-120203_concurrent_index/up.sql",
                                                 "2024-03-01-000000_metadata_keeps_transaction/up.sql",
                                             }));
  ASSERT_EQ(migrations.size(), 7u);
  EXPECT_EQ(migrations[0].version, "00000000000000");
  EXPECT_EQ(migrations[2].version, "2017-08-31-120000");
  EXPECT_EQ(migrations[4].version, "2024-01-01-000000-0000");
  EXPECT_EQ(migrations[3].path, dir + "/2019-11-15-182353_Name with spaces/up.sql");
}

TEST(MigrationSet, DieselMetadataTomlOptsOutOfTheTransaction) {
  const auto migrations = discover(kFixtures + "diesel", "diesel");
  EXPECT_EQ(wrapped(migrations), (std::vector<bool>{true, true, true, true, true, false, true}));
}

TEST(MigrationSet, ExplicitWrapSettingKeepsPerFileOptOuts) {
  EXPECT_EQ(wrapped(discover(kFixtures + "diesel", "diesel", false)), std::vector<bool>(7, false));
  EXPECT_EQ(wrapped(discover(kFixtures + "diesel", "diesel", true)),
            (std::vector<bool>{true, true, true, true, true, false, true}));
  EXPECT_EQ(wrapped(discover(kFixtures + "plain", "plain", true)), std::vector<bool>(5, true));
}

TEST(MigrationSet, BrokenDieselMetadataIsAnErrorWithPosition) {
  analyzer::MigrationSetOptions options;
  sqlparse::InputError error;
  EXPECT_FALSE(analyzer::discover_migrations(kFixtures + "diesel_bad_metadata", options, error));
  EXPECT_EQ(error.path, kFixtures + "diesel_bad_metadata/2024-01-01-000000_x/metadata.toml");
  EXPECT_EQ(error.position.line, 1);
  EXPECT_EQ(error.position.column, 22);
  EXPECT_EQ(error.message, "run_in_transaction must be true or false");
}

TEST(MigrationSet, FlywayVersionPartsCompareAsNumbersAndRepeatablesComeLast) {
  const std::string dir = kFixtures + "flyway";
  const auto migrations = discover(dir);
  EXPECT_EQ(relative_paths(migrations, dir), (std::vector<std::string>{
                                                 "V1__init.sql",
                                                 "V1_2__second.sql",
                                                 "nested/V1_3__nested.sql",
                                                 "V1.10__tenth.sql",
                                                 "V2__two.sql",
                                                 "R__a_functions.sql",
                                                 "R__views.sql",
                                             }));
  ASSERT_EQ(migrations.size(), 7u);
  EXPECT_EQ(migrations[1].version, "1_2");
  EXPECT_EQ(migrations[3].version, "1.10");
  EXPECT_EQ(migrations[5].version, "");
  EXPECT_EQ(wrapped(migrations), std::vector<bool>(7, true));
}

TEST(MigrationSet, GolangMigrateTakesUpFilesInNumericOrder) {
  const std::string dir = kFixtures + "golang_migrate";
  const auto migrations = discover(dir);
  EXPECT_EQ(relative_paths(migrations, dir),
            (std::vector<std::string>{"1_init.up.sql", "2_second.up.sql", "10_tenth.up.sql"}));
  EXPECT_EQ(wrapped(migrations), std::vector<bool>(3, true));
}

TEST(MigrationSet, SqlxHonoursNoTransactionOnTheFirstLineOnly) {
  const std::string dir = kFixtures + "sqlx";
  const auto migrations = discover(dir);
  EXPECT_EQ(relative_paths(migrations, dir),
            (std::vector<std::string>{"1_first.sql", "2_second.sql", "10_tenth.sql", "20210425153745_timestamped.sql"}));
  EXPECT_EQ(wrapped(migrations), (std::vector<bool>{true, false, true, true}));
}

TEST(MigrationSet, PopxPrefersPostgresFilesAndComparesLongVersionsExactly) {
  const std::string dir = kFixtures + "popx";
  const auto migrations = discover(dir);
  EXPECT_EQ(relative_paths(migrations, dir), (std::vector<std::string>{
                                                 "9999999999999999999_nineteen_digits.up.sql",
                                                 "20150100000001000000_networks.postgres.up.sql",
                                                 "20191100000001000000_identities.up.sql",
                                                 "20241029153900000001_identities.autocommit.up.sql",
                                                 "20241029153900000002_networks.postgres.autocommit.up.sql",
                                             }));
  EXPECT_EQ(wrapped(migrations), (std::vector<bool>{true, true, true, false, false}));
  ASSERT_FALSE(migrations.empty());
  EXPECT_EQ(migrations[1].version, "20150100000001000000");
}

TEST(MigrationSet, TemporalVersionDirectoriesInVersionOrderFilesByName) {
  const std::string dir = kFixtures + "temporal";
  const auto migrations = discover(dir);
  // v1.5's manifest.json lists executions.sql first; the manifest is not read.
  EXPECT_EQ(relative_paths(migrations, dir), (std::vector<std::string>{
                                                 "v1.0/schema.sql",
                                                 "v1.2/queue.sql",
                                                 "v1.5/cluster_membership.sql",
                                                 "v1.5/executions.sql",
                                                 "v1.10/task_queue.sql",
                                             }));
  EXPECT_EQ(wrapped(migrations), std::vector<bool>(5, false));
  ASSERT_EQ(migrations.size(), 5u);
  EXPECT_EQ(migrations[4].version, "v1.10");
}

TEST(MigrationSet, PlainTakesEverySqlFileInNaturalOrderWithoutDownFiles) {
  const std::string dir = kFixtures + "plain";
  const auto migrations = discover(dir);
  EXPECT_EQ(relative_paths(migrations, dir), (std::vector<std::string>{
                                                 "1-first.sql",
                                                 "2-second.sql",
                                                 "10-tenth.sql",
                                                 "sub/v1.2/x.sql",
                                                 "sub/v1.10/x.sql",
                                             }));
  EXPECT_EQ(wrapped(migrations), std::vector<bool>(5, false));
  ASSERT_EQ(migrations.size(), 5u);
  EXPECT_EQ(migrations[2].version, "10");
}

TEST(MigrationSet, AutoDetectsEachFixtureLayout) {
  EXPECT_EQ(analyzer::detect_convention(kFixtures + "diesel"), "diesel");
  EXPECT_EQ(analyzer::detect_convention(kFixtures + "flyway"), "flyway");
  EXPECT_EQ(analyzer::detect_convention(kFixtures + "golang_migrate"), "golang-migrate");
  EXPECT_EQ(analyzer::detect_convention(kFixtures + "sqlx"), "sqlx");
  EXPECT_EQ(analyzer::detect_convention(kFixtures + "popx"), "popx");
  EXPECT_EQ(analyzer::detect_convention(kFixtures + "temporal"), "temporal");
  EXPECT_EQ(analyzer::detect_convention(kFixtures + "plain"), "plain");
}

TEST(MigrationSet, ExplicitConventionOverridesDetection) {
  // Read as golang-migrate, the sqlx directory has no .up.sql files.
  EXPECT_TRUE(discover(kFixtures + "sqlx", "golang-migrate").empty());
  // Read as plain, the diesel tree yields every up.sql plus the stray script, unwrapped.
  const auto plain = discover(kFixtures + "diesel", "plain");
  EXPECT_EQ(plain.size(), 8u);
  EXPECT_EQ(wrapped(plain), std::vector<bool>(8, false));
}

TEST(MigrationSet, OrderIsDeterministicForEqualVersions) {
  const std::string dir = kFixtures + "flyway";
  for (int k = 0; k < 3; ++k) EXPECT_EQ(relative_paths(discover(dir), dir), relative_paths(discover(dir), dir));
}

TEST(MigrationSet, Errors) {
  analyzer::MigrationSetOptions options;
  sqlparse::InputError error;
  EXPECT_FALSE(analyzer::discover_migrations(kFixtures + "no_such_dir", options, error));
  EXPECT_EQ(error.path, kFixtures + "no_such_dir");
  EXPECT_EQ(error.message, "migrations directory does not exist");

  EXPECT_FALSE(analyzer::discover_migrations(kFixtures + "plain/1-first.sql", options, error));
  EXPECT_EQ(error.path, kFixtures + "plain/1-first.sql");
  EXPECT_EQ(error.message, "migrations path is not a directory");

  options.convention = "rails";
  EXPECT_FALSE(analyzer::discover_migrations(kFixtures + "plain", options, error));
  EXPECT_EQ(error.path, kFixtures + "plain");
  EXPECT_EQ(error.message.rfind("unknown migration convention `rails` (expected one of: auto, diesel", 0), 0u)
      << error.message;
}

TEST(MigrationSet, ConventionNamesStartWithAuto) {
  const auto& names = analyzer::convention_names();
  ASSERT_FALSE(names.empty());
  EXPECT_EQ(names.front(), "auto");
  for (const char* name : {"diesel", "flyway", "golang-migrate", "sqlx", "popx", "temporal", "plain"})
    EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
}

TEST(MigrationSet, EmptyDirectoryHasNoMigrations) {
  std::string pattern = (fs::temp_directory_path() / "schemaguard_migrations_XXXXXX").string();
  ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
  EXPECT_TRUE(discover(pattern).empty());
  EXPECT_EQ(analyzer::detect_convention(pattern), "plain");
  fs::remove_all(pattern);
}

// ---- the real corpus (/work/shared/corpus, beside the repository) ------------------------

#define REQUIRE_CORPUS()                                                                              \
  do {                                                                                                \
    if (!fs::is_directory(kCorpus)) {                                                                 \
      if (std::getenv("CI")) FAIL() << "corpus not found at " << kCorpus << " (required when CI is set)"; \
      GTEST_SKIP() << "corpus not found at " << kCorpus;                                              \
    }                                                                                                 \
  } while (0)

std::vector<std::string> names_of(const std::vector<analyzer::Migration>& migrations, const std::string& dir) {
  return relative_paths(migrations, dir);
}

std::ptrdiff_t index_of(const std::vector<std::string>& names, const std::string& name) {
  const auto it = std::find(names.begin(), names.end(), name);
  return it == names.end() ? -1 : it - names.begin();
}

TEST(MigrationSetCorpus, CratesIoMixedTimestampStylesInTimeOrder) {
  REQUIRE_CORPUS();
  const std::string dir = kCorpus + "crates.io/migrations";
  EXPECT_EQ(analyzer::detect_convention(dir), "diesel");
  const auto migrations = discover(dir);
  const auto names = names_of(migrations, dir);
  ASSERT_EQ(names.size(), 285u);
  EXPECT_EQ(names.front(), "00000000000000_diesel_initial_setup/up.sql");
  EXPECT_EQ(names.back(), "2026-07-30-140000-0000_add_users_username_index/up.sql");
  // A byte-wise sort would put 2017-08-31-... before 20170102...: '-' < '0'.
  const auto last_undashed = index_of(names, "20170820180453_readme_rendering_tracking/up.sql");
  const auto first_dashed = index_of(names, "2017-08-31-230457_invitations/up.sql");
  ASSERT_GE(last_undashed, 0);
  EXPECT_EQ(first_dashed, last_undashed + 1);
  // ...and so would every other 2017 undashed directory; all of them come first here.
  for (std::size_t k = 0; k < names.size(); ++k) {
    if (names[k].rfind("2017", 0) == 0 && names[k][4] != '-') {
      EXPECT_LT(static_cast<std::ptrdiff_t>(k), first_dashed) << names[k];
    }
  }
  EXPECT_GE(index_of(names, "2019-11-15-182353_Add email notifications to crate owners/up.sql"), 0);
  // The whole sequence is non-decreasing in time (first 14 digits of the dash-free version).
  std::string previous;
  for (const auto& m : migrations) {
    std::string digits;
    for (char c : m.version)
      if (c != '-') digits += c;
    digits.resize(14, '0');
    EXPECT_LE(previous, digits) << m.path;
    previous = digits;
  }
  // No metadata.toml was copied into the corpus, so every migration runs in a transaction.
  EXPECT_EQ(wrapped(migrations), std::vector<bool>(285, true));
}

TEST(MigrationSetCorpus, LemmyMigrationsDirectory) {
  REQUIRE_CORPUS();
  const std::string dir = kCorpus + "lemmy/migrations";
  const auto names = names_of(discover(dir), dir);
  ASSERT_EQ(names.size(), 342u);
  EXPECT_EQ(names.front(), "00000000000000_diesel_initial_setup/up.sql");
  EXPECT_EQ(names[1], "2019-02-26-002946_create_user/up.sql");
  EXPECT_TRUE(std::is_sorted(names.begin() + 1, names.end()));  // lexicographic = diesel order here
}

TEST(MigrationSetCorpus, LemmyRootAsPlainAlsoPicksUpReplaceableSchema) {
  REQUIRE_CORPUS();
  // Documented behaviour: plain takes every .sql under the directory, so pointed at the
  // project root it lists lemmy's replaceable_schema files, which are not migrations.
  const std::string dir = kCorpus + "lemmy";
  EXPECT_EQ(analyzer::detect_convention(dir), "plain");
  const auto names = names_of(discover(dir), dir);
  EXPECT_EQ(names.size(), 344u);
  EXPECT_GE(index_of(names, "crates/diesel_utils/replaceable_schema/utils.sql"), 0);
}

TEST(MigrationSetCorpus, Vaultwarden) {
  REQUIRE_CORPUS();
  const std::string dir = kCorpus + "vaultwarden/migrations/postgresql";
  const auto names = names_of(discover(dir), dir);
  ASSERT_EQ(names.size(), 46u);
  EXPECT_EQ(names.front(), "2019-09-12-100000_create_tables/up.sql");
  EXPECT_EQ(names.back(), "2026-05-05-120000_sso_auth_error/up.sql");
}

TEST(MigrationSetCorpus, Atuin) {
  REQUIRE_CORPUS();
  const std::string dir = kCorpus + "atuin/crates/atuin-server-postgres/migrations";
  EXPECT_EQ(analyzer::detect_convention(dir), "sqlx");
  const auto migrations = discover(dir);
  const auto names = names_of(migrations, dir);
  ASSERT_EQ(names.size(), 20u);
  EXPECT_EQ(names.front(), "20210425153745_create_history.sql");
  EXPECT_EQ(names.back(), "20260127000000_remove-email-verification.sql");
  EXPECT_EQ(wrapped(migrations), std::vector<bool>(20, true));
}

TEST(MigrationSetCorpus, Harbor) {
  REQUIRE_CORPUS();
  const std::string dir = kCorpus + "harbor/make/migrations/postgresql";
  EXPECT_EQ(analyzer::detect_convention(dir), "golang-migrate");
  const auto migrations = discover(dir);
  const auto names = names_of(migrations, dir);
  ASSERT_EQ(names.size(), 39u);
  EXPECT_EQ(names.front(), "0001_initial_schema.up.sql");
  EXPECT_EQ(names.back(), "0190_2.16.0_schema.up.sql");
  EXPECT_EQ(wrapped(migrations), std::vector<bool>(39, true));
}

TEST(MigrationSetCorpus, Kratos) {
  REQUIRE_CORPUS();
  const std::string dir = kCorpus + "kratos/persistence/sql/migrations/sql";
  EXPECT_EQ(analyzer::detect_convention(dir), "popx");
  const auto migrations = discover(dir);
  const auto names = names_of(migrations, dir);
  ASSERT_EQ(names.size(), 346u);
  EXPECT_EQ(names.front(), "20150100000001000000_networks.postgres.up.sql");
  EXPECT_EQ(names.back(), "20260703000000000000_courier_messages_status_created_at_idx.postgres.autocommit.up.sql");
  const auto flags = wrapped(migrations);
  EXPECT_EQ(std::count(flags.begin(), flags.end(), false), 10);
  for (const auto& m : migrations)
    EXPECT_EQ(m.wrapped_in_transaction, m.path.find(".autocommit.") == std::string::npos) << m.path;
}

TEST(MigrationSetCorpus, TemporalVersionDirectories) {
  REQUIRE_CORPUS();
  const std::string dir = kCorpus + "temporal/schema/postgresql/v12/temporal/versioned";
  EXPECT_EQ(analyzer::detect_convention(dir), "temporal");
  const auto migrations = discover(dir);
  const auto names = names_of(migrations, dir);
  ASSERT_EQ(names.size(), 25u);
  EXPECT_EQ(names.front(), "v1.0/schema.sql");
  EXPECT_EQ(names.back(), "v1.19/current_chasm_executions.sql");
  EXPECT_EQ(index_of(names, "v1.2/queue.sql") + 1, index_of(names, "v1.3/visibility_tasks.sql"));
  EXPECT_LT(index_of(names, "v1.9/history_tasks_table.sql"), index_of(names, "v1.10/task_queue_user_data.sql"));
  EXPECT_EQ(wrapped(migrations), std::vector<bool>(25, false));

  const std::string visibility = kCorpus + "temporal/schema/postgresql/v12/visibility/versioned";
  const auto visibility_names = names_of(discover(visibility), visibility);
  ASSERT_EQ(visibility_names.size(), 19u);
  EXPECT_LT(index_of(visibility_names, "v1.2/advanced_visibility.sql"), index_of(visibility_names, "v1.10/add_temporal_reported_columns.sql"));
}

}  // namespace
