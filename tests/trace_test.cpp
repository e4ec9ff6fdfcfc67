// `schemaguard trace`: its refusal rules (input errors before any server is touched, a
// database that is not empty), what it does to a database the user names (nothing under
// review is committed), its exit statuses, and its text and JSON output.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "analyzer/cli/cli.h"
#include "pgtrace/cluster.h"
#include "pgtrace/report.h"

namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = fs::temp_directory_path() /
            ("schemaguard-trace-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string write(const std::string& name, const std::string& text) const {
    fs::create_directories((path_ / name).parent_path());
    std::ofstream(path_ / name, std::ios::binary) << text;
    return (path_ / name).string();
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

struct TraceRun {
  int status = -1;
  std::string out, err;
};

TraceRun trace(std::vector<std::string> args) {
  args.insert(args.begin(), "trace");
  TraceRun r;
  std::ostringstream out, err;
  r.status = cli::run(args, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

// One cluster for this test process.
pgtrace::Cluster& cluster() {
  static std::unique_ptr<pgtrace::Cluster> started;
  static std::string error;
  if (!started && error.empty()) {
    started = pgtrace::Cluster::start(pgtrace::find_server_binaries(""), error);
    if (!started && error.empty()) error = "unknown";
  }
  if (!started) throw std::runtime_error("PostgreSQL must start for the trace tests: " + error);
  return *started;
}

// A fresh database; `sql` run in it first.
std::string database(const std::string& sql) {
  static int counter = 0;
  const std::string name = "trace_" + std::to_string(++counter);
  std::string error;
  auto admin = pgtrace::Observer::connect(cluster().conninfo(), error);
  if (!admin || !admin->run("CREATE DATABASE " + name).ok) throw std::runtime_error("CREATE DATABASE failed");
  if (!sql.empty()) {
    auto conn = pgtrace::Observer::connect(cluster().conninfo(name), error);
    if (!conn || !conn->run(sql).ok) throw std::runtime_error("setup failed");
  }
  return cluster().conninfo(name);
}

const char* const kHistory =
    "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n"
    "INSERT INTO users SELECT i, 'u' || i FROM generate_series(1, 100) i;\n";

// ---- Refusals: each an input error (2) with a message, before any server is started.

TEST(Trace, RefusesPgBinTogetherWithDatabaseUrl) {
  TempDir dir;
  const TraceRun r = trace({"--pg-bin", "/usr/lib/postgresql/15/bin", "--database-url", "dbname=x",
                       dir.write("a.sql", "SELECT 1;\n")});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("not both"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(Trace, RefusesWhenThereIsNothingToTrace) {
  TempDir dir;
  const TraceRun r = trace({"--config", dir.write("schemaguard.toml", "")});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("nothing to trace"), std::string::npos) << r.err;
}

TEST(Trace, RefusesAMissingFileBeforeStartingAServer) {
  TempDir dir;
  const std::string missing = (dir.path() / "missing.sql").string();
  const TraceRun r = trace({"--pg-bin", "/nonexistent/bin", missing});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find(missing + ":1:1: error:"), std::string::npos) << r.err;
}

TEST(Trace, RefusesServerBinariesThatAreNotThere) {
  TempDir dir;
  const TraceRun r = trace({"--pg-bin", (dir.path() / "bin").string(), dir.write("a.sql", "SELECT 1;\n")});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("cannot start a throwaway PostgreSQL cluster"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--pg-bin"), std::string::npos) << r.err;
}

TEST(Trace, RefusesADatabaseItCannotReach) {
  TempDir dir;
  const TraceRun r = trace({"--database-url", "host=" + (dir.path() / "no-socket").string() + " dbname=x connect_timeout=2",
                       dir.write("a.sql", "SELECT 1;\n")});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("cannot connect to --database-url"), std::string::npos) << r.err;
}

TEST(Trace, RefusesADatabaseThatIsNotEmpty) {
  TempDir dir;
  const std::string url = database("CREATE TABLE precious (id int); INSERT INTO precious VALUES (1);");
  const TraceRun r = trace({"--database-url", url, dir.write("a.sql", "DROP TABLE precious;\n")});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("is not empty (1 tables, views or sequences)"), std::string::npos) << r.err;
  // Untouched.
  std::string error;
  auto check = pgtrace::Observer::connect(url, error);
  ASSERT_TRUE(check) << error;
  EXPECT_EQ(check->run("SELECT count(*) FROM precious").at(0, 0), "1");
}

// ---- A database the user names: history replayed, nothing under review committed.

TEST(Trace, DatabaseUrlRollsBackEveryStatementUnderReview) {
  TempDir dir;
  dir.write("migrations/001_users.sql", kHistory);
  const std::string review = dir.write("migrations/002_change.sql",
                                       "ALTER TABLE users ADD COLUMN age int;\n"
                                       "CREATE INDEX users_age ON users (age);\n"
                                       "CREATE INDEX CONCURRENTLY users_email ON users (email);\n");
  const std::string url = database("");
  const TraceRun r = trace({"--database-url", url, "--migrations", (dir.path() / "migrations").string(), "--convention",
                       "plain", "--format", "json", review});
  ASSERT_EQ(r.status, 0) << r.out << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["statements"].size(), 3u);
  // The index on the new column runs after the ALTER, in the same rolled-back transaction.
  EXPECT_EQ(j["statements"][1]["status"], "ran");
  EXPECT_EQ(j["statements"][1]["observed"]["locks"][0]["mode"], "ShareLock");
  EXPECT_EQ(j["statements"][2]["status"], "skipped");
  EXPECT_NE(j["statements"][2]["note"].get<std::string>().find("cannot run inside a transaction block"),
            std::string::npos);
  std::string error;
  auto check = pgtrace::Observer::connect(url, error);
  ASSERT_TRUE(check) << error;
  EXPECT_EQ(check->run("SELECT count(*) FROM users").at(0, 0), "100");  // the history was replayed
  EXPECT_EQ(check->run("SELECT count(*) FROM information_schema.columns WHERE column_name = 'age'").at(0, 0), "0");
  EXPECT_EQ(check->run("SELECT count(*) FROM pg_indexes WHERE tablename = 'users'").at(0, 0), "1");  // the key only
}

// ---- A throwaway cluster: exit statuses and output.

TEST(Trace, AgreementExitsZeroAndPrintsBothSides) {
  TempDir dir;
  dir.write("m/001_users.sql", kHistory);
  const std::string review = dir.write("m/002_change.sql",
                                       "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n"
                                       "CREATE INDEX CONCURRENTLY users_email ON users (email);\n");
  const TraceRun r = trace({"--migrations", (dir.path() / "m").string(), "--convention", "plain", review});
  ASSERT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_NE(r.out.find(review + ":1:1: ALTER TABLE users ALTER COLUMN email SET NOT NULL\n"
                                "  observed:  locks public.users AccessExclusiveLock; rewrites none; rebuilt indexes "
                                "none; scans public.users\n"
                                "  predicted: locks public.users AccessExclusiveLock; rewrites none; rebuilt indexes "
                                "none; scans public.users\n"
                                "  agrees\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("(observed from a second session: it cannot run inside a transaction)"), std::string::npos);
  EXPECT_NE(r.out.find("2 statements traced: 2 agree, 0 differ, 0 not observed\n"), std::string::npos) << r.out;
}

TEST(Trace, ADifferenceExitsOne) {
  // The model does not look inside DO blocks: the server shows the lock it takes.
  TempDir dir;
  const std::string file = dir.write(
      "a.sql", std::string(kHistory) + "DO $$BEGIN EXECUTE 'ALTER TABLE users ADD COLUMN age int'; END$$;\n");
  const TraceRun r = trace({file});
  ASSERT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("  difference: lock on public.users: predicted none, observed AccessExclusiveLock\n"),
            std::string::npos)
      << r.out;
}

TEST(Trace, SecondSessionStatementsSeeTheSessionSearchPath) {
  // VACUUM FULL cannot run in a transaction: it runs in a second session, which must resolve
  // `orders` by the file's search_path (app.orders), not the default one (public.orders).
  TempDir dir;
  const std::string file = dir.write("a.sql",
                                     "CREATE SCHEMA app;\n"
                                     "CREATE TABLE app.orders (id int);\n"
                                     "CREATE TABLE public.orders (id int);\n"
                                     "INSERT INTO app.orders SELECT generate_series(1, 50);\n"
                                     "SET search_path = app;\n"
                                     "VACUUM FULL orders;\n");
  const TraceRun r = trace({"--format", "json", file});
  ASSERT_EQ(r.status, 0) << r.out << r.err;
  const auto j = nlohmann::json::parse(r.out);
  const auto& vacuum = j["statements"].back();
  EXPECT_EQ(vacuum["observed_from"], "second session");
  EXPECT_EQ(vacuum["observed"]["locks"],
            nlohmann::json::parse(R"([{"relation": "app.orders", "mode": "AccessExclusiveLock"}])"));
  EXPECT_EQ(vacuum["observed"]["rewrites"], nlohmann::json::array({"app.orders"}));
  EXPECT_EQ(vacuum["agrees"], true);
}

// ---- The formats, on a result built by hand.

pgtrace::TraceResult sample_result() {
  pgtrace::TraceResult result;
  pgtrace::TracedStatement differs;
  differs.path = "m/002.sql";
  differs.start = {3, 1};
  differs.sql = "ALTER TABLE users\n  ALTER COLUMN id TYPE int";
  differs.kind = "AlterTableStmt";
  differs.predicted.locks = {{{"public", "users"}, analyzer::LockMode::Share}};
  differs.predicted.possible_scans = {{"public", "accounts"}};
  differs.predicted.possible_locks = {{{"public", "accounts"}, analyzer::LockMode::RowShare}};
  differs.observed.locks = {{{"public", "users"}, analyzer::LockMode::AccessExclusive}};
  differs.observed.rewrites = {{"public", "users"}};
  differs.differences = pgtrace::compare(differs.predicted, differs.observed);
  result.statements.push_back(differs);
  pgtrace::TracedStatement skipped;
  skipped.path = "m/002.sql";
  skipped.start = {5, 1};
  skipped.sql = "VACUUM users";
  skipped.kind = "VacuumStmt";
  skipped.observed.status = pgtrace::Observation::Status::skipped;
  skipped.observed.note = "cannot run inside a transaction block: not run";
  result.statements.push_back(skipped);
  return result;
}

TEST(TraceFormat, CompareNamesEveryDifference) {
  const auto differences = sample_result().statements[0].differences;
  ASSERT_EQ(differences.size(), 2u);
  EXPECT_EQ(differences[0].text(), "lock on public.users: predicted ShareLock, observed AccessExclusiveLock");
  EXPECT_EQ(differences[1].text(), "rewrite of public.users: predicted no, observed yes");
}

TEST(TraceFormat, Text) {
  std::ostringstream out;
  pgtrace::write_trace_text(out, sample_result());
  EXPECT_EQ(out.str(),
            "m/002.sql:3:1: ALTER TABLE users ALTER COLUMN id TYPE int\n"
            "  observed:  locks public.users AccessExclusiveLock; rewrites public.users; rebuilt indexes none; scans "
            "none\n"
            "  predicted: locks public.users ShareLock; rewrites none; rebuilt indexes none; scans none\n"
            "  predicted, by plan or data: may lock public.accounts RowShareLock; may scan public.accounts\n"
            "  difference: lock on public.users: predicted ShareLock, observed AccessExclusiveLock\n"
            "  difference: rewrite of public.users: predicted no, observed yes\n"
            "m/002.sql:5:1: VACUUM users\n"
            "  not observed: cannot run inside a transaction block: not run\n"
            "2 statements traced: 0 agree, 1 differ, 1 not observed\n");
}

TEST(TraceFormat, Json) {
  std::ostringstream out;
  pgtrace::write_trace_json(out, sample_result(), 15);
  const auto j = nlohmann::json::parse(out.str());
  EXPECT_EQ(j["schema_version"], 1);
  EXPECT_EQ(j["pg_version"], 15);
  ASSERT_EQ(j["statements"].size(), 2u);
  const auto& st = j["statements"][0];
  EXPECT_EQ(st["path"], "m/002.sql");
  EXPECT_EQ(st["line"], 3);
  EXPECT_EQ(st["status"], "ran");
  EXPECT_EQ(st["agrees"], false);
  EXPECT_EQ(st["predicted"]["locks"][0]["mode"], "ShareLock");
  EXPECT_EQ(st["predicted"]["possible_scans"], nlohmann::json::array({"public.accounts"}));
  EXPECT_EQ(st["predicted"]["possible_locks"][0]["relation"], "public.accounts");
  EXPECT_EQ(st["predicted"]["possible_locks"][0]["mode"], "RowShareLock");
  EXPECT_EQ(j["statements"][1]["predicted"]["possible_scans"], nlohmann::json::array());
  EXPECT_EQ(st["observed"]["locks"][0]["relation"], "public.users");
  EXPECT_EQ(st["observed"]["rewrites"][0], "public.users");
  ASSERT_EQ(st["differences"].size(), 2u);
  EXPECT_EQ(st["differences"][0]["aspect"], "lock");
  EXPECT_EQ(st["differences"][0]["observed"], "AccessExclusiveLock");
  EXPECT_EQ(j["statements"][1]["status"], "skipped");
  EXPECT_EQ(j["summary"]["differ"], 1);
  EXPECT_EQ(j["summary"]["not_observed"], 1);
}

}  // namespace
