// `schemaguard deps`: the dependency report before a drop, end to end through the command
// (in-process), on testdata/deps: a migration history (users.mail renamed to email, a view,
// a trigger, a policy, a generated column) and two C++ files whose SQL strings the
// references point at. The references are made the way `scan` makes them (analyze_query on
// each string) and saved as a refs file, checked against the fixture files like a real one.
//
// Goldens: testdata/golden/deps/<case>.{txt,md,json}; SCHEMAGUARD_UPDATE_GOLDEN=1 rewrites them.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <unistd.h>
#include <sstream>
#include <string>
#include <vector>

#include "analyzer/cli/cli.h"
#include "analyzer/dependency_report.h"
#include "analyzer/engine.h"
#include "cppscan/cache.h"
#include "cppscan/output.h"
#include "cppscan/scan_result.h"
#include "sqlparse/column_refs.h"

namespace {

namespace fs = std::filesystem;

constexpr const char* kMigrations = "testdata/deps/migrations";

struct Query {
  const char* path;
  const char* function;
  const char* sql;
};
const Query kQueries[] = {
    {"testdata/deps/app/user_repo.cpp", "UserRepo::find_by_email", "SELECT id, email FROM users WHERE email = $1"},
    {"testdata/deps/app/user_repo.cpp", "UserRepo::all", "SELECT * FROM users"},
    {"testdata/deps/app/order_repo.cpp", "OrderRepo::by_region", "SELECT id, total FROM orders WHERE region = $1"},
    {"testdata/deps/app/order_repo.cpp", "OrderRepo::for_user",
     "SELECT id FROM orders JOIN users ON users.id = orders.user_id WHERE users.email = $1"},
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The scanner's references for the fixture's SQL strings, at their real line and column.
cppscan::ScanResult fixture_scan() {
  cppscan::ScanResult result;
  std::set<std::string> paths;
  for (const Query& q : kQueries) {
    std::istringstream lines(read_file(q.path));
    std::string line;
    int number = 0, found_line = 0;
    std::size_t found_at = std::string::npos;
    while (std::getline(lines, line)) {
      ++number;
      if (auto at = line.find(q.sql); at != std::string::npos) {
        found_line = number;
        found_at = at;
        break;
      }
    }
    EXPECT_NE(found_at, std::string::npos) << q.sql << " is not in " << q.path;
    const sqlparse::SqlAnalysis analysis = sqlparse::analyze_query(q.sql);
    EXPECT_TRUE(analysis.is_query) << q.sql;
    for (const sqlparse::ColumnRef& ref : analysis.refs) {
      cppscan::Reference r;
      r.table = ref.table;
      r.candidates = ref.candidates;
      r.column = ref.column;
      r.access = std::string(sqlparse::access_name(ref.access));
      r.path = q.path;
      r.line = found_line;
      r.col = static_cast<int>(found_at + ref.offset) + 1;
      r.function = q.function;
      r.sql = q.sql;
      result.references.push_back(std::move(r));
    }
    paths.insert(q.path);
  }
  for (const std::string& path : paths) {
    auto stamp = cppscan::stamp_file(path);
    EXPECT_TRUE(stamp.has_value()) << path;
    if (stamp) result.inputs.push_back({stamp->path, stamp->size, stamp->hash});
  }
  result.files_scanned = paths.size();
  result.sql_strings = std::size(kQueries);
  return result;
}

bool updating_goldens() {
  const char* update = std::getenv("SCHEMAGUARD_UPDATE_GOLDEN");
  return update && std::string(update) == "1";
}

struct Outcome {
  int status = -1;
  std::string out, err;
};

class Deps : public ::testing::Test {
 protected:
  // Paths in reports are as given: relative to the repository root, the same on every machine.
  void SetUp() override {
    previous_ = fs::current_path();
    fs::current_path(SCHEMAGUARD_SOURCE_DIR);
    refs_ = fs::temp_directory_path() / ("schemaguard_deps_refs_" + std::to_string(::getpid()) + ".json");
    std::ofstream(refs_) << cppscan::to_json(fixture_scan()).dump(2);
  }
  void TearDown() override {
    fs::remove(refs_);
    fs::current_path(previous_);
  }

  Outcome deps(const std::vector<std::string>& targets, const std::string& format = "text") const {
    std::vector<std::string> args{"deps", "--migrations", kMigrations, "--refs", refs_.string(), "--format", format};
    args.insert(args.end(), targets.begin(), targets.end());
    Outcome run;
    std::ostringstream out, err;
    run.status = cli::run(args, out, err);
    run.out = out.str();
    run.err = err.str();
    return run;
  }

  // The report of `targets` in every format matches testdata/golden/deps/<name>.*, with `status`.
  void expect_goldens(const std::vector<std::string>& targets, const std::string& name, int status) const {
    for (const auto& [format, extension] : {std::pair{"text", "txt"}, {"markdown", "md"}, {"json", "json"}}) {
      const Outcome run = deps(targets, format);
      EXPECT_EQ(run.status, status) << format << "\n" << run.err;
      EXPECT_EQ(run.err, "") << format;
      const fs::path path = fs::path("testdata/golden/deps") / (name + "." + extension);
      if (updating_goldens()) {
        fs::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << run.out;
        continue;
      }
      ASSERT_TRUE(fs::exists(path)) << path << " is missing; create it with SCHEMAGUARD_UPDATE_GOLDEN=1";
      EXPECT_EQ(read_file(path), run.out) << "output differs from " << path
                                          << " (if the change is intended: SCHEMAGUARD_UPDATE_GOLDEN=1)";
    }
  }

  nlohmann::json json_of(const std::vector<std::string>& targets) const {
    const Outcome run = deps(targets, "json");
    EXPECT_NE(run.status, 2) << run.err;
    return nlohmann::json::parse(run.out);
  }

 private:
  fs::path previous_;
  fs::path refs_;
};

std::vector<std::string> kinds_and_names(const nlohmann::json& report) {
  std::vector<std::string> out;
  for (const auto& d : report["schema_dependencies"])
    out.push_back(d["kind"].get<std::string>() + " " + d["name"].get<std::string>());
  return out;
}

TEST_F(Deps, ColumnOnlySelectStarReadsIsSafeToDrop) {
  expect_goldens({"users.nickname"}, "safe_column", 0);
  const auto j = json_of({"users.nickname"});
  EXPECT_EQ(j["target"], "public.users.nickname");
  EXPECT_TRUE(j["safe_to_drop"]);
  EXPECT_TRUE(j["reasons"].empty());
  EXPECT_TRUE(j["code_references"].empty());
  ASSERT_EQ(j["star_references"].size(), 1u);
  EXPECT_EQ(j["star_references"][0]["function"], "UserRepo::all");
  EXPECT_EQ(j["star_references"][0]["line"], 14);
}

TEST_F(Deps, ColumnReadByCodeIsNotSafe) {
  expect_goldens({"orders.region"}, "column_read_by_code", 1);
  const auto j = json_of({"orders.region"});
  EXPECT_FALSE(j["safe_to_drop"]);
  ASSERT_EQ(j["code_references"].size(), 1u);
  const auto& ref = j["code_references"][0];
  EXPECT_EQ(ref["path"], "testdata/deps/app/order_repo.cpp");
  EXPECT_EQ(ref["line"], 10);
  EXPECT_EQ(ref["column"], 46);  // `region` inside the literal
  EXPECT_EQ(ref["function"], "OrderRepo::by_region");
  EXPECT_EQ(ref["access"], "filter");
  ASSERT_EQ(j["reasons"].size(), 1u);
  EXPECT_EQ(j["reasons"][0], "the application's code still uses it: 1 place in 1 file");
  EXPECT_TRUE(j["schema_dependencies"].empty());
}

TEST_F(Deps, ColumnInIndexForeignKeyViewAndPolicy) {
  expect_goldens({"orders.user_id"}, "index_fk_view", 1);
  const auto j = json_of({"orders.user_id"});
  EXPECT_EQ(kinds_and_names(j), (std::vector<std::string>{"index public.orders_user_id_idx",
                                                          "foreign_key orders_user_id_fkey", "view public.order_totals",
                                                          "policy orders_owner"}));
  EXPECT_EQ(j["schema_dependencies"][0]["defined_at"], "testdata/deps/migrations/0002_create_orders.sql:8");
  EXPECT_EQ(j["schema_dependencies"][2]["defined_at"], "testdata/deps/migrations/0005_reporting.sql:1");
  EXPECT_EQ(j["schema_dependencies"][3]["defined_at"], "testdata/deps/migrations/0005_reporting.sql:17");
  std::vector<std::string> reasons = j["reasons"];
  ASSERT_EQ(reasons.size(), 3u);
  EXPECT_EQ(reasons[1], "views read it: view public.order_totals");
  EXPECT_EQ(reasons[2], "row-level security policies use it: orders_owner");
}

TEST_F(Deps, RenamedColumnHistoryFollowsTheOldName) {
  expect_goldens({"users.email"}, "renamed_column", 1);
  const auto j = json_of({"users.email"});
  std::vector<std::string> history;
  for (const auto& m : j["migrations"])
    history.push_back(m["path"].get<std::string>().substr(std::string(kMigrations).size() + 1) + ":" +
                      std::to_string(m["line"].get<int>()) + " " + m["action"].get<std::string>());
  EXPECT_EQ(history, (std::vector<std::string>{"0001_create_users.sql:1 added", "0003_rename_mail.sql:2 renamed",
                                               "0004_email_required.sql:1 backfilled",
                                               "0004_email_required.sql:3 altered"}));
  EXPECT_EQ(j["migrations"][1]["renamed_from"], "public.users.mail");
  // The generated column that reads it and the view block the drop, like the code.
  EXPECT_EQ(kinds_and_names(j), (std::vector<std::string>{"view public.order_totals",
                                                          "generated_column public.users.email_domain"}));
  EXPECT_EQ(j["reasons"].size(), 3u);
}

TEST_F(Deps, TableReportListsDependentsAndIncomingForeignKeys) {
  expect_goldens({"users"}, "table", 1);
  const auto j = json_of({"users"});
  EXPECT_EQ(j["target"], "public.users");
  std::vector<std::string> reasons = j["reasons"];
  ASSERT_EQ(reasons.size(), 3u);
  EXPECT_EQ(reasons[1], "foreign keys in other tables reference it: orders_user_id_fkey on public.orders");
  // SELECT * counts for a table: the query breaks when the table is gone.
  bool star_listed = false;
  for (const auto& ref : j["code_references"]) star_listed |= ref["function"] == "UserRepo::all";
  EXPECT_TRUE(star_listed);
}

TEST_F(Deps, AmbiguousColumnCountsAndSaysSo) {
  const auto j = json_of({"users.id"});
  EXPECT_FALSE(j["safe_to_drop"]);
  bool ambiguous = false;
  for (const auto& ref : j["code_references"])
    if (ref["ambiguous"] == true) {
      ambiguous = true;
      EXPECT_EQ(ref["function"], "OrderRepo::for_user");
      EXPECT_EQ(ref["candidates"], (nlohmann::json{"public.orders", "public.users"}));
    }
  EXPECT_TRUE(ambiguous);
  EXPECT_NE(j["reasons"][0].get<std::string>().find("1 of them ambiguous"), std::string::npos);
  EXPECT_EQ(j["reasons"][1], "it is part of the primary key users_pkey");
}

TEST_F(Deps, SeveralTargetsGiveAnArrayOfReports) {
  expect_goldens({"users.nickname", "orders.region"}, "several", 1);
  const auto j = json_of({"users.nickname", "orders.region"});
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["schema_version"], 1);
  EXPECT_EQ(j[0]["target"], "public.users.nickname");
  EXPECT_EQ(j[1]["target"], "public.orders.region");
  EXPECT_EQ(deps({"users.nickname"}).status, 0);
}

TEST_F(Deps, UnknownTargetExitsTwoWithSuggestion) {
  Outcome run = deps({"users.emial"});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, "schemaguard: error: unknown column `public.users.emial` (did you mean `public.users.email`?)\n");

  run = deps({"usres"});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.err, "schemaguard: error: unknown table `usres` (did you mean `users`?)\n");

  run = deps({"users.mail", "orders.region"});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err,
            "schemaguard: error: column `public.users.mail` was renamed by "
            "testdata/deps/migrations/0003_rename_mail.sql:2 (ALTER TABLE users RENAME COLUMN mail TO email)\n");

  run = deps({"users..email"});
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("is not a table or column name"), std::string::npos);
}

TEST_F(Deps, StaleRefsFileIsRefused) {
  const fs::path copy = fs::temp_directory_path() / ("schemaguard_deps_stale_" + std::to_string(::getpid()));
  fs::create_directories(copy);
  // A refs file that recorded a source which has changed since.
  cppscan::ScanResult scan = fixture_scan();
  scan.inputs.front().size += 1;
  const fs::path refs = copy / "refs.json";
  std::ofstream(refs) << cppscan::to_json(scan).dump();
  std::ostringstream out, err;
  const int status = cli::run({"deps", "--migrations", kMigrations, "--refs", refs.string(),
                               "users.nickname"},
                              out, err);
  fs::remove_all(copy);
  EXPECT_EQ(status, 2);
  EXPECT_NE(err.str().find("stale refs file"), std::string::npos) << err.str();
}

TEST(DepsHistory, FollowsTableRenamesAndReportsPoliciesItTracked) {
  const fs::path dir = fs::temp_directory_path() / ("schemaguard_deps_history_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "1.sql") << "CREATE TABLE customers (id int PRIMARY KEY, mail text);\n"
                                  "CREATE POLICY own ON customers USING (mail = current_user);\n";
  std::ofstream(dir / "2.sql") << "ALTER TABLE customers RENAME TO users;\n"
                                  "ALTER TABLE users RENAME mail TO email;\n"
                                  "ALTER POLICY own ON users RENAME TO own_rows;\n";
  std::ofstream(dir / "3.sql") << "ALTER TABLE users DROP COLUMN email CASCADE;\nALTER TABLE users ADD COLUMN email text;\n";
  analyzer::MigrationHistory history;
  analyzer::RuleList rules;
  rules.push_back(history.recorder());
  std::vector<analyzer::MigrationFile> plan;
  for (const char* name : {"1.sql", "2.sql", "3.sql"}) plan.push_back({(dir / name).string(), true, false, false, 0});
  const analyzer::LintResult result = analyzer::lint(plan, rules, analyzer::LintOptions{});
  ASSERT_TRUE(result.errors.empty());

  std::vector<std::string> actions;
  for (const auto& e : history.of({{"public", "users"}, "email"}))
    actions.push_back(fs::path(e.path).filename().string() + ":" + std::to_string(e.line) + " " + e.action +
                      (e.renamed_from.empty() ? "" : " from " + e.renamed_from));
  EXPECT_EQ(actions, (std::vector<std::string>{"1.sql:1 added", "2.sql:1 renamed from public.customers",
                                               "2.sql:2 renamed from public.users.mail", "3.sql:1 dropped",
                                               "3.sql:2 added"}));
  // The DROP ... CASCADE took the policy with it.
  EXPECT_TRUE(history.policies_on({"public", "users"}).empty());

  std::string error;
  EXPECT_FALSE(analyzer::resolve_deps_target(result.schema, history, "customers", error));
  EXPECT_NE(error.find("table `public.customers` was renamed by"), std::string::npos) << error;
  fs::remove_all(dir);
}

TEST(DepsHistory, PolicyColumnsFollowRenames) {
  const fs::path dir = fs::temp_directory_path() / ("schemaguard_deps_policy_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "1.sql") << "CREATE TABLE docs (id int, owner text);\n"
                                  "CREATE POLICY mine ON docs USING (owner = current_user);\n"
                                  "ALTER TABLE docs RENAME owner TO owner_name;\n"
                                  "ALTER POLICY mine ON docs RENAME TO my_docs;\n";
  analyzer::MigrationHistory history;
  analyzer::RuleList rules;
  rules.push_back(history.recorder());
  const analyzer::LintResult result =
      analyzer::lint({{(dir / "1.sql").string(), true, false, false, 0}}, rules, analyzer::LintOptions{});
  ASSERT_TRUE(result.errors.empty());
  const auto policies = history.policies_on({"public", "docs"});
  ASSERT_EQ(policies.size(), 1u);
  EXPECT_EQ(policies[0].name, "my_docs");
  EXPECT_EQ(policies[0].columns, (std::set<std::string>{"owner_name"}));
  EXPECT_EQ(policies[0].line, 2);

  const analyzer::AppIndex app(result.schema, {});
  const auto report = analyzer::build_dependency_report(result.schema, app, history, {{"public", "docs"}, "owner_name"});
  EXPECT_FALSE(report.safe_to_drop);
  ASSERT_EQ(report.schema_dependencies.size(), 1u);
  EXPECT_EQ(report.schema_dependencies[0].kind, "policy");
  EXPECT_TRUE(report.schema_dependencies[0].blocks_drop);
  fs::remove_all(dir);
}

}  // namespace
