// `schemaguard scan` end to end on testdata/app (configured by CMake into a temporary
// build directory) and on small generated projects: the exact reference set, the
// cache, units that do not compile, broken compile databases, other database APIs.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "analyzer/cli/cli.h"
#include "cppscan/output.h"
#include "cppscan/scanner.h"

namespace {
namespace fs = std::filesystem;

const fs::path kAppDir = fs::path(SCHEMAGUARD_SOURCE_DIR) / "testdata/app";

struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "schemaguard_cppscan_XXXXXX").string();
    path = ::mkdtemp(pattern.data()) ? fs::path(pattern) : fs::path();
  }
  ~TempDir() {
    std::error_code ec;
    if (!path.empty()) fs::remove_all(path, ec);
  }
};

struct WorkingDirectory {
  fs::path saved = fs::current_path();
  explicit WorkingDirectory(const fs::path& dir) { fs::current_path(dir); }
  ~WorkingDirectory() { fs::current_path(saved); }
};

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
}

bool configure(const fs::path& source, const fs::path& build) {
  const std::string command = "cmake -S '" + source.string() + "' -B '" + build.string() +
                              "' -DCMAKE_EXPORT_COMPILE_COMMANDS=ON > '" + (build.parent_path() / "cmake.log").string() + "' 2>&1";
  return std::system(command.c_str()) == 0 && fs::exists(build / "compile_commands.json");
}

// One compile command per file, run from `dir`.
void write_database(const fs::path& dir, const std::vector<std::string>& files, const std::string& flags = "") {
  std::string json = "[";
  for (const std::string& f : files) {
    if (json.size() > 1) json += ",";
    json += R"({"directory": ")" + dir.string() + R"(", "file": ")" + f + R"(", "command": "/usr/bin/c++ -std=c++20 )" +
            flags + " -c " + f + R"("})";
  }
  write_file(dir / "compile_commands.json", json + "]");
}

std::vector<std::string> text_lines(const cppscan::ScanResult& result) {
  std::ostringstream out;
  cppscan::write_text(out, result);
  std::vector<std::string> lines;
  std::string line;
  std::istringstream in(out.str());
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

cppscan::ScanResult scan_or_fail(const cppscan::ScanOptions& options) {
  cppscan::ScanError error;
  auto result = cppscan::scan(options, error);
  EXPECT_TRUE(result) << error.path << ":" << error.line << ":" << error.col << ": " << error.message;
  return result ? *result : cppscan::ScanResult{};
}

const std::vector<std::string> kAppExpected = {
    "include/shop/db.h:18:41: users.id (read)",
    "include/shop/db.h:18:45: users.email (read)",
    "include/shop/db.h:18:56: users (table)",
    "include/shop/db.h:18:68: users.status (filter)",
    "include/shop/db.h:19:67: orders (table) in shop::count_orders",
    "include/shop/db.h:19:80: orders.user_id (filter) in shop::count_orders",
    "src/order_repo.cpp:10:42: orders.id (read) in shop::orders::open_total",
    "src/order_repo.cpp:10:48: orders.total_cents (read) in shop::orders::open_total",
    "src/order_repo.cpp:16:34: orders (table) in shop::orders::open_total",
    "src/order_repo.cpp:16:48: users (table) in shop::orders::open_total",
    "src/order_repo.cpp:16:61: users.id (filter) in shop::orders::open_total",
    "src/order_repo.cpp:16:68: orders.user_id (filter) in shop::orders::open_total",
    "src/order_repo.cpp:17:37: users.id (filter) in shop::orders::open_total",
    "src/order_repo.cpp:17:51: orders.status (filter) in shop::orders::open_total",
    "src/order_repo.cpp:21:38: orders.total_cents (field) in shop::orders::open_total",
    "src/order_repo.cpp:31:25: orders.id (read) in shop::orders::recent",
    "src/order_repo.cpp:31:29: orders.created_at (read) in shop::orders::recent",
    "src/order_repo.cpp:31:45: orders (table) in shop::orders::recent",
    "src/order_repo.cpp:31:58: orders.created_at (filter) in shop::orders::recent",
    "src/order_repo.cpp:31:107: orders.created_at (filter) in shop::orders::recent",
    "src/order_repo.cpp:39:60: ?.created_at (filter) in shop::orders::purge",
    "src/order_repo.cpp:47:14: orders.user_id (read) in shop::orders::top_customers",
    "src/order_repo.cpp:47:27: orders.total_cents (read) in shop::orders::top_customers",
    "src/order_repo.cpp:48:14: orders (table) in shop::orders::top_customers",
    "src/order_repo.cpp:49:17: orders.user_id (filter) in shop::orders::top_customers",
    "src/order_repo.cpp:51:14: users.email (read) in shop::orders::top_customers",
    "src/order_repo.cpp:53:12: users (table) in shop::orders::top_customers",
    "src/order_repo.cpp:53:25: users.id (filter) in shop::orders::top_customers",
    "src/order_repo.cpp:56:37: users.email (field) in shop::orders::top_customers",
    "src/order_repo.cpp:62:50: users.legacy_email (read) [inactive #if branch]",
    "src/order_repo.cpp:62:68: users (table) [inactive #if branch]",
    "src/reports.cpp:11:20: order_items.sku (read) in shop::reports::items_per_order",
    "src/reports.cpp:11:27: order_items.quantity (read) in shop::reports::items_per_order",
    "src/reports.cpp:11:41: order_items (table) in shop::reports::items_per_order",
    "src/reports.cpp:11:63: order_items.order_id (filter) in shop::reports::items_per_order",
    "src/reports.cpp:13:59: order_items.sku (field) in shop::reports::items_per_order",
    "src/reports.cpp:20:20: daily_totals (table) in shop::reports::refresh",
    "src/reports.cpp:20:34: daily_totals.day (write) in shop::reports::refresh",
    "src/reports.cpp:20:39: daily_totals.total_cents (write) in shop::reports::refresh",
    "src/reports.cpp:21:15: orders.created_at (read) in shop::reports::refresh",
    "src/reports.cpp:21:37: orders.total_cents (read) in shop::reports::refresh",
    "src/reports.cpp:21:55: orders (table) in shop::reports::refresh",
    "src/reports.cpp:22:21: daily_totals.day (filter) in shop::reports::refresh",
    "src/reports.cpp:22:40: daily_totals.total_cents (write) in shop::reports::refresh",
    "src/reports.cpp:22:63: daily_totals.total_cents (read) in shop::reports::refresh",
    "src/reports.cpp:23:18: daily_totals.day (read) in shop::reports::refresh",
    "src/reports.cpp:24:20: users (table) in shop::reports::refresh",
    "src/reports.cpp:24:30: users.status (write) in shop::reports::refresh",
    "src/reports.cpp:24:55: users.last_login (filter) in shop::reports::refresh",
    "src/reports.cpp:25:25: carts (table) in shop::reports::refresh",
    "src/reports.cpp:25:37: carts.updated_at (filter) in shop::reports::refresh",
    "src/reports.cpp:30:58: ?.email (field) in shop::reports::email_of",
    "src/user_repo.cpp:11:14: users.* (star) in shop::UserRepo::find",
    "src/user_repo.cpp:12:14: users (table) in shop::UserRepo::find",
    "src/user_repo.cpp:13:14: users.id (filter) in shop::UserRepo::find",
    "src/user_repo.cpp:17:20: users.id (field) in shop::UserRepo::find",
    "src/user_repo.cpp:18:23: users.email (field) in shop::UserRepo::find",
    "src/user_repo.cpp:19:25: users.name (field) in shop::UserRepo::find",
    "src/user_repo.cpp:27:52: users.email (read) in shop::UserRepo::find_email",
    "src/user_repo.cpp:28:48: users (table) in shop::UserRepo::find_email",
    "src/user_repo.cpp:29:51: users.id (filter) in shop::UserRepo::find_email",
    "src/user_repo.cpp:31:15: users.email (field) in shop::UserRepo::find_email",
    "src/user_repo.cpp:36:40: users (table) in shop::UserRepo::rename",
    "src/user_repo.cpp:36:50: users.name (write) in shop::UserRepo::rename",
    "src/user_repo.cpp:36:66: users.id (filter) in shop::UserRepo::rename",
    "src/user_repo.cpp:38:36: audit_log (table) in shop::UserRepo::rename",
    "src/user_repo.cpp:38:47: audit_log.user_id (write) in shop::UserRepo::rename",
    "src/user_repo.cpp:38:56: audit_log.action (write) in shop::UserRepo::rename",
    "src/user_repo.cpp:48:40: users (table) in shop::UserRepo::deactivate",
    "src/user_repo.cpp:48:50: users.status (write) in shop::UserRepo::deactivate",
    "src/user_repo.cpp:48:89: users.id (filter) in shop::UserRepo::deactivate",
    "src/order_repo.cpp:39:44: unresolved: runtime text stands for a name in the SQL: `table` in shop::orders::purge",
    "src/reports.cpp:11:79: unresolved: runtime text spliced into the SQL: `order_id` in shop::reports::items_per_order",
    "src/user_repo.cpp:39:12: unresolved: runtime text spliced into the SQL: `std::to_string(id)` in shop::UserRepo::rename",
    "src/user_repo.cpp:48:98: unresolved: runtime text spliced into the SQL: `std::to_string(id)` in shop::UserRepo::deactivate",
};

TEST(CppscanApp, FindsExactlyTheReferencesOfTheTestApplication) {
  TempDir temp;
  ASSERT_TRUE(configure(kAppDir, temp.path / "build"));
  WorkingDirectory in_app(kAppDir);
  cppscan::ScanOptions options;
  options.build_dir = (temp.path / "build").string();
  options.use_cache = false;
  const cppscan::ScanResult result = scan_or_fail(options);
  EXPECT_EQ(text_lines(result), kAppExpected);
  EXPECT_EQ(result.files_scanned, 4u);
  EXPECT_EQ(result.sql_strings, 16u);
  EXPECT_EQ(result.units_with_errors, 0u);

  // Every reference names its SQL and, at a known API, the API.
  const auto find = [&](const std::string& column, const std::string& access) {
    return std::find_if(result.references.begin(), result.references.end(),
                        [&](const cppscan::Reference& r) { return r.column == column && r.access == access; });
  };
  const auto name_write = find("name", "write");
  ASSERT_NE(name_write, result.references.end());
  EXPECT_EQ(name_write->sql, "UPDATE users SET name = $2 WHERE id = $1");
  EXPECT_EQ(name_write->api, "libpqxx");
  const auto legacy = find("legacy_email", "read");
  ASSERT_NE(legacy, result.references.end());
  EXPECT_TRUE(legacy->inactive);
  const auto status_write = std::find_if(result.references.begin(), result.references.end(), [](const cppscan::Reference& r) {
    return r.column == "status" && r.access == "write" && r.function == "shop::UserRepo::deactivate";
  });
  ASSERT_NE(status_write, result.references.end());
  EXPECT_NE(status_write->sql.find("SET status='$"), std::string::npos) << status_write->sql;
}

TEST(CppscanApp, UnchangedRerunComesFromTheCacheAndAnEditRescansOnlyItsUnit) {
  TempDir temp;
  fs::copy(kAppDir, temp.path / "app", fs::copy_options::recursive);
  ASSERT_TRUE(configure(temp.path / "app", temp.path / "build"));
  WorkingDirectory in_app(temp.path / "app");
  cppscan::ScanOptions options;
  options.build_dir = (temp.path / "build").string();
  options.jobs = 2;
  const cppscan::ScanResult first = scan_or_fail(options);
  EXPECT_EQ(first.units_from_cache, 0u);
  EXPECT_TRUE(fs::is_directory(temp.path / "build" / ".schemaguard-cache"));
  const cppscan::ScanResult second = scan_or_fail(options);
  EXPECT_EQ(second.units_from_cache, 4u);
  EXPECT_EQ(text_lines(second), text_lines(first));

  {
    std::ofstream out(temp.path / "app/src/reports.cpp", std::ios::app);
    out << "namespace shop { long churned(pqxx::work& t) { return t.exec(\"SELECT churned_at FROM users\").size(); } }\n";
  }
  const cppscan::ScanResult third = scan_or_fail(options);
  EXPECT_EQ(third.units_from_cache, 3u);
  const auto lines = text_lines(third);
  EXPECT_NE(std::find(lines.begin(), lines.end(), "src/reports.cpp:33:70: users.churned_at (read) in shop::churned"),
            lines.end());

  // A header edit invalidates every unit that includes it.
  {
    std::ofstream out(temp.path / "app/include/shop/db.h", std::ios::app);
    out << "// touched\n";
  }
  EXPECT_EQ(scan_or_fail(options).units_from_cache, 1u);  // only order_repo.cpp does not include it
}

TEST(CppscanRobustness, UnitThatDoesNotCompileIsStillScannedAndCounted) {
  TempDir temp;
  write_file(temp.path / "bad.cpp", R"(#include "missing_header.h"
#include <string>
void broken() { undeclared_call(1; }
std::string ok() { return "SELECT email FROM users"; }
)");
  write_file(temp.path / "good.cpp", "const char* q() { return \"DELETE FROM carts\"; }\n");
  write_database(temp.path, {"bad.cpp", "good.cpp"}, "-fno-fat-lto-objects -Wno-gcc-only-flag");
  WorkingDirectory here(temp.path);
  cppscan::ScanOptions options;
  options.build_dir = temp.path.string();
  options.use_cache = false;
  const cppscan::ScanResult result = scan_or_fail(options);
  EXPECT_EQ(result.files_scanned, 2u);
  EXPECT_EQ(result.units_with_errors, 1u);
  ASSERT_FALSE(result.errors.empty());
  EXPECT_EQ(result.errors.front().path, "bad.cpp");
  const auto lines = text_lines(result);
  EXPECT_NE(std::find(lines.begin(), lines.end(), "bad.cpp:4:35: users.email (read) in ok"), lines.end());
  EXPECT_NE(std::find(lines.begin(), lines.end(), "good.cpp:1:39: carts (table) in q"), lines.end());
}

TEST(CppscanRobustness, MissingOrBrokenDatabaseIsAnInputError) {
  TempDir temp;
  cppscan::ScanOptions options;
  options.build_dir = (temp.path / "nope").string();
  cppscan::ScanError error;
  EXPECT_FALSE(cppscan::scan(options, error));
  EXPECT_EQ(error.message, "build directory does not exist");

  options.build_dir = temp.path.string();
  EXPECT_FALSE(cppscan::scan(options, error));
  EXPECT_NE(error.message.find("no compilation database"), std::string::npos);

  write_file(temp.path / "compile_commands.json", "[\n  {\"directory\": \"/tmp\",\n   \"file\": }\n]");
  EXPECT_FALSE(cppscan::scan(options, error));
  EXPECT_EQ(error.path, (temp.path / "compile_commands.json").string());
  EXPECT_EQ(error.line, 3);
  EXPECT_NE(error.message.find("invalid JSON"), std::string::npos);

  write_file(temp.path / "compile_commands.json", "[{\"directory\": \"/tmp\"}]");
  EXPECT_FALSE(cppscan::scan(options, error));
  EXPECT_NE(error.message.find("entry 1"), std::string::npos);

  std::ostringstream out, err;
  EXPECT_EQ(cli::run({"scan", "-p", (temp.path / "nope").string()}, out, err), 2);
  EXPECT_NE(err.str().find("build directory does not exist"), std::string::npos);
}

TEST(CppscanApis, QtSociFormatTemplatesAndConfiguredWrappers) {
  TempDir temp;
  write_file(temp.path / "apis.cpp", R"(#include <cstdio>
#include <string>
class QString { public: QString(const char*); };
class QVariant {};
class QSqlRecord { public: int indexOf(const QString&) const; };
class QSqlQuery {
 public:
  QSqlQuery();
  bool exec(const QString&);
  QVariant value(const QString&) const;
  QVariant value(int) const;
  QSqlRecord record() const;
};
namespace soci {
struct once { template <typename T> once& operator<<(const T&); };
class session { public: template <typename T> once operator<<(const T&); };
class row { public: template <typename T> T get(const std::string&) const; };
}
namespace db {
void run(const std::string& sql);
struct Row { int get(const char* name) const; };
}
void qt() {
  QSqlQuery q;
  q.exec("SELECT name, price FROM products");
  q.value("price");
  q.value(0);
  q.record().indexOf("name");
}
void soci_use(soci::session& sql, const soci::row& r, int id) {
  sql << "SELECT sku FROM stock WHERE id = " << id;
  r.get<int>("qty");
}
void wrappers(const db::Row& row) {
  db::run("DELETE FROM sessions WHERE expired");
  row.get("token");
  char buf[128];
  std::snprintf(buf, sizeof buf, "SELECT %s FROM audit WHERE at > '%s'", "actor", "2024-01-01");
  db::run(buf);
}
)");
  write_database(temp.path, {"apis.cpp"});
  WorkingDirectory here(temp.path);
  cppscan::ScanOptions options;
  options.build_dir = temp.path.string();
  options.use_cache = false;
  options.sql_functions = {"db::run:0"};
  options.field_functions = {"db::Row::get:0"};
  const cppscan::ScanResult result = scan_or_fail(options);
  const std::vector<std::string> expected = {
      "apis.cpp:25:18: products.name (read) in qt",
      "apis.cpp:25:24: products.price (read) in qt",
      "apis.cpp:25:35: products (table) in qt",
      "apis.cpp:26:12: products.price (field) in qt",
      "apis.cpp:28:23: products.name (field) in qt",
      "apis.cpp:31:18: stock.sku (read) in soci_use",
      "apis.cpp:31:27: stock (table) in soci_use",
      "apis.cpp:31:39: stock.id (filter) in soci_use",
      "apis.cpp:32:15: ?.qty (field) in soci_use",
      "apis.cpp:35:24: sessions (table) in wrappers",
      "apis.cpp:35:39: sessions.expired (filter) in wrappers",
      "apis.cpp:36:12: ?.token (field) in wrappers",
      "apis.cpp:38:50: audit (table) in wrappers",
      "apis.cpp:38:62: audit.at (filter) in wrappers",
      "apis.cpp:38:75: audit.actor (read) in wrappers",
      "apis.cpp:31:49: unresolved: runtime text spliced into the SQL: `id` in soci_use",
  };
  EXPECT_EQ(text_lines(result), expected);
  const auto qt_api = std::find_if(result.references.begin(), result.references.end(),
                                   [](const cppscan::Reference& r) { return r.column == "name" && r.access == "read"; });
  ASSERT_NE(qt_api, result.references.end());
  EXPECT_EQ(qt_api->api, "Qt");
}

}  // namespace
