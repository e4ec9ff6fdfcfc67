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
#include "cppscan/cache.h"
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
    "src/reports.cpp:13:20: order_items.sku (read) in shop::reports::items_per_order",
    "src/reports.cpp:13:27: order_items.quantity (read) in shop::reports::items_per_order",
    "src/reports.cpp:13:41: order_items (table) in shop::reports::items_per_order",
    "src/reports.cpp:13:63: order_items.order_id (filter) in shop::reports::items_per_order",
    "src/reports.cpp:15:59: order_items.sku (field) in shop::reports::items_per_order",
    "src/reports.cpp:22:20: daily_totals (table) in shop::reports::refresh",
    "src/reports.cpp:22:34: daily_totals.day (write) in shop::reports::refresh",
    "src/reports.cpp:22:39: daily_totals.total_cents (write) in shop::reports::refresh",
    "src/reports.cpp:23:15: orders.created_at (read) in shop::reports::refresh",
    "src/reports.cpp:23:37: orders.total_cents (read) in shop::reports::refresh",
    "src/reports.cpp:23:55: orders (table) in shop::reports::refresh",
    "src/reports.cpp:24:21: daily_totals.day (filter) in shop::reports::refresh",
    "src/reports.cpp:24:40: daily_totals.total_cents (write) in shop::reports::refresh",
    "src/reports.cpp:24:63: daily_totals.total_cents (read) in shop::reports::refresh",
    "src/reports.cpp:25:18: daily_totals.day (read) in shop::reports::refresh",
    "src/reports.cpp:26:20: users (table) in shop::reports::refresh",
    "src/reports.cpp:26:30: users.status (write) in shop::reports::refresh",
    "src/reports.cpp:26:55: users.last_login (filter) in shop::reports::refresh",
    "src/reports.cpp:27:25: carts (table) in shop::reports::refresh",
    "src/reports.cpp:27:37: carts.updated_at (filter) in shop::reports::refresh",
    "src/reports.cpp:32:58: ?.email (field) in shop::reports::email_of",
    "src/reports.cpp:37:54: users.email (read) in shop::reports::emails",
    "src/reports.cpp:37:65: users (table) in shop::reports::emails",
    "src/reports.cpp:37:82: users.email (read) in shop::reports::emails",
    "src/reports.cpp:37:93: users (table) in shop::reports::emails",
    "src/reports.cpp:37:105: users.status (filter) in shop::reports::emails",
    "src/reports.cpp:38:24: users.email (field) in shop::reports::emails",
    "src/reports.cpp:44:36: payments (table) in shop::reports::export_payments",
    "src/reports.cpp:44:73: payments.id (read) in shop::reports::export_payments",
    "src/reports.cpp:44:79: payments.amount_cents (read) in shop::reports::export_payments",
    "src/reports.cpp:53:43: refunds.payment_id (write) in shop::reports::import_refund",
    "src/reports.cpp:53:57: refunds.amount_cents (write) in shop::reports::import_refund",
    "src/reports.cpp:54:33: refunds (table) in shop::reports::import_refund",
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
    "src/reports.cpp:13:79: unresolved: runtime text spliced into the SQL: `order_id` in shop::reports::items_per_order",
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
  EXPECT_EQ(result.sql_strings, 20u);  // a ?: holds two, each table stream runs a COPY
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
  // Both branches of the ?: reach the API, and the field read is tied to them.
  for (const cppscan::Reference& r : result.references)
    if (r.function == "shop::reports::emails" || r.function == "shop::reports::import_refund") {
      EXPECT_EQ(r.api, "libpqxx") << r.line;
    }
  const auto refund = find("payment_id", "write");
  ASSERT_NE(refund, result.references.end());
  EXPECT_EQ(refund->sql, "COPY refunds (payment_id, amount_cents) FROM STDIN");
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
  EXPECT_NE(std::find(lines.begin(), lines.end(), "src/reports.cpp:60:70: users.churned_at (read) in shop::churned"),
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


// Scans one source file (compiled as C++20) with the given wrapper functions.
cppscan::ScanResult scan_source(const TempDir& temp, const std::string& name, const std::string& code,
                                const std::vector<std::string>& sql_functions = {}) {
  write_file(temp.path / name, code);
  write_database(temp.path, {name});
  WorkingDirectory here(temp.path);
  cppscan::ScanOptions options;
  options.build_dir = temp.path.string();
  options.use_cache = false;
  options.sql_functions = sql_functions;
  return scan_or_fail(options);
}

const cppscan::Reference* find_reference(const cppscan::ScanResult& result, const std::string& table,
                                         const std::string& column, const std::string& access) {
  for (const cppscan::Reference& r : result.references)
    if (r.table == table && r.column == column && r.access == access) return &r;
  return nullptr;
}

// libpqxx 7's stream API as declared in its <pqxx/stream_from> and <pqxx/stream_to>
// (Debian 12 ships libpqxx 6, whose constructors testdata/app uses).
TEST(CppscanApis, LibpqxxSevenStreamsNameTheirTableAndColumns) {
  TempDir temp;
  const cppscan::ScanResult result = scan_source(temp, "streams.cpp", R"(#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>
namespace pqxx {
class transaction_base {};
struct from_table_t {};
struct from_query_t {};
inline constexpr from_table_t from_table;
inline constexpr from_query_t from_query;
using table_path = std::initializer_list<std::string_view>;
class stream_from {
 public:
  static stream_from query(transaction_base& tx, std::string_view q);
  static stream_from raw_table(transaction_base& tx, std::string_view path, std::string_view columns = "");
  static stream_from table(transaction_base& tx, table_path path, std::initializer_list<std::string_view> columns = {});
  stream_from(transaction_base&, from_query_t, std::string_view query);
  template <typename Columns> stream_from(transaction_base&, from_table_t, std::string_view table, const Columns& columns);
};
class stream_to {
 public:
  static stream_to raw_table(transaction_base& tx, std::string_view path, std::string_view columns = "");
  static stream_to table(transaction_base& tx, table_path path, std::initializer_list<std::string_view> columns = {});
};
}
void copy_out(pqxx::transaction_base& tx) {
  auto orders = pqxx::stream_from::table(tx, {"shop", "orders"}, {"id", "total_cents"});
  auto sessions = pqxx::stream_from::table(tx, {"sessions"});
  auto tokens = pqxx::stream_from::query(tx, "SELECT token FROM sessions WHERE user_id = 1");
  pqxx::stream_from skus{tx, pqxx::from_query, "SELECT sku FROM products"};
  pqxx::stream_from carts{tx, pqxx::from_table, "carts", std::vector<std::string>{"user_id"}};
}
void copy_in(pqxx::transaction_base& tx, std::string_view table) {
  auto audit = pqxx::stream_to::table(tx, {"audit_log"}, {"user_id", "action"});
  auto invoices = pqxx::stream_to::raw_table(tx, "invoices", "number, due_at");
  auto anywhere = pqxx::stream_to::table(tx, {table}, {"detail"});
}
)");
  const std::vector<std::string> expected = {
      "streams.cpp:27:48: shop.orders (table) in copy_out",
      "streams.cpp:27:68: shop.orders.id (read) in copy_out",
      "streams.cpp:27:74: shop.orders.total_cents (read) in copy_out",
      "streams.cpp:28:50: sessions.* (star) in copy_out",
      "streams.cpp:28:50: sessions (table) in copy_out",
      "streams.cpp:29:54: sessions.token (read) in copy_out",
      "streams.cpp:29:65: sessions (table) in copy_out",
      "streams.cpp:29:80: sessions.user_id (filter) in copy_out",
      "streams.cpp:30:56: products.sku (read) in copy_out",
      "streams.cpp:30:65: products (table) in copy_out",
      "streams.cpp:31:50: carts (table) in copy_out",
      "streams.cpp:31:84: carts.user_id (read) in copy_out",
      "streams.cpp:34:45: audit_log (table) in copy_in",
      "streams.cpp:34:60: audit_log.user_id (write) in copy_in",
      "streams.cpp:34:71: audit_log.action (write) in copy_in",
      "streams.cpp:35:51: invoices (table) in copy_in",
      "streams.cpp:35:63: invoices.number (write) in copy_in",
      "streams.cpp:35:71: invoices.due_at (write) in copy_in",
      "streams.cpp:36:57: ?.detail (write) in copy_in",
      "streams.cpp:36:47: unresolved: runtime text stands for a name in the SQL: `table` in copy_in",
  };
  EXPECT_EQ(text_lines(result), expected);
  // Analysed as the COPY the stream runs, quoting names as table() does.
  const cppscan::Reference* total = find_reference(result, "shop.orders", "total_cents", "read");
  ASSERT_NE(total, nullptr);
  EXPECT_EQ(total->sql, R"(COPY "shop"."orders" ("id", "total_cents") TO STDOUT)");
  EXPECT_EQ(total->api, "libpqxx");
  const cppscan::Reference* due = find_reference(result, "invoices", "due_at", "write");
  ASSERT_NE(due, nullptr);
  EXPECT_EQ(due->sql, "COPY invoices (number, due_at) FROM STDIN");
}


TEST(CppscanApis, EachBranchOfAConditionalIsAQuery) {
  TempDir temp;
  const cppscan::ScanResult result = scan_source(temp, "choice.cpp", R"(#include <string>
struct PGconn;
struct PGresult;
PGresult* PQexec(PGconn* conn, const char* query);
int PQfnumber(const PGresult* res, const char* name);
void list(PGconn* conn, bool active_only, bool with_email) {
  PGresult* res = PQexec(conn, active_only ? "SELECT id, email FROM users WHERE status = 'active'"
                                           : "SELECT id, name AS email FROM admins");
  PQfnumber(res, "email");
  const std::string sql = std::string("SELECT id, ") + (with_email ? "email" : "name") + " FROM users";
  PQexec(conn, sql.c_str());
}
)");
  const std::vector<std::string> expected = {
      "choice.cpp:7:54: users.id (read) in list",
      "choice.cpp:7:58: users.email (read) in list",
      "choice.cpp:7:69: users (table) in list",
      "choice.cpp:7:81: users.status (filter) in list",
      "choice.cpp:8:54: admins.id (read) in list",
      "choice.cpp:8:58: admins.name (read) in list",
      "choice.cpp:8:77: admins (table) in list",
      "choice.cpp:9:19: admins.name (field) in list",
      "choice.cpp:9:19: users.email (field) in list",
      "choice.cpp:10:47: users.id (read) in list",
      "choice.cpp:10:71: users.email (read) in list",
      "choice.cpp:10:81: users.name (read) in list",
      "choice.cpp:10:97: users (table) in list",
  };
  EXPECT_EQ(text_lines(result), expected);
  for (const cppscan::Reference& r : result.references) EXPECT_EQ(r.api, "libpq") << r.line << ":" << r.col;
  EXPECT_EQ(result.sql_strings, 3u);
}

// fmt 9's and C++20's format functions as their headers declare them (a format string
// type with a consteval constructor); neither libfmt-dev nor libstdc++ 13 is on Debian 12.
TEST(CppscanApis, FormatTemplatesOfFmtAndStdFormat) {
  TempDir temp;
  const cppscan::ScanResult result = scan_source(temp, "format.cpp", R"(#include <string>
#include <string_view>
#include <type_traits>
namespace fmt {
inline namespace v9 {
template <typename Char, typename... Args> class basic_format_string {
 public:
  template <typename S> consteval basic_format_string(const S& s) : text_(s) {}
 private:
  std::basic_string_view<Char> text_;
};
template <typename... Args> using format_string = basic_format_string<char, std::type_identity_t<Args>...>;
template <typename... T> std::string format(format_string<T...> fmt, T&&... args);
}
}
namespace std {
template <typename Char, typename... Args> struct basic_format_string {
  template <typename S> consteval basic_format_string(const S& s) : text_(s) {}
  basic_string_view<Char> text_;
};
template <typename... Args> using format_string = basic_format_string<char, type_identity_t<Args>...>;
template <typename... Args> string format(format_string<Args...> fmt, Args&&... args);
}
namespace db { void run(const std::string& sql); }
void reports(int days, const std::string& table) {
  db::run(fmt::format("SELECT id FROM orders WHERE created_at > now() - interval '{} days'", days));
  db::run(fmt::format("DELETE FROM {} WHERE user_id = {}", table, 42));
  db::run(std::format("SELECT {1} FROM invoices WHERE number = {0}", days, "due_at"));
  db::run(fmt::format("SELECT {99999999999999999999} FROM carts", days));
}
)",
                                                 {"db::run:0"});
  const std::vector<std::string> expected = {
      "format.cpp:26:31: orders.id (read) in reports",
      "format.cpp:26:39: orders (table) in reports",
      "format.cpp:26:52: orders.created_at (filter) in reports",
      "format.cpp:27:45: ?.user_id (filter) in reports",
      "format.cpp:28:40: invoices (table) in reports",
      "format.cpp:28:55: invoices.number (filter) in reports",
      "format.cpp:28:77: invoices.due_at (read) in reports",
      "format.cpp:29:59: carts (table) in reports",
      "format.cpp:27:60: unresolved: runtime text stands for a name in the SQL: `table` in reports",
      "format.cpp:28:70: unresolved: runtime text spliced into the SQL: `days` in reports",
      "format.cpp:29:31: unresolved: runtime text spliced into the SQL: `missing format argument` in reports",
  };
  EXPECT_EQ(text_lines(result), expected);
  const cppscan::Reference* due = find_reference(result, "invoices", "due_at", "read");
  ASSERT_NE(due, nullptr);
  EXPECT_EQ(due->sql, "SELECT due_at FROM invoices WHERE number = $1");
  EXPECT_EQ(due->api, "wrapper");
  const cppscan::Reference* user = find_reference(result, "", "user_id", "filter");
  ASSERT_NE(user, nullptr);
  EXPECT_EQ(user->sql, "DELETE FROM sg_dynamic_1 WHERE user_id = 42");  // an integer literal argument is known text
}

TEST(CppscanCache, KeysCarryTheBuildIdsOfTheScannersCode) {
  // This binary (cppscan, sqlparse), libpg_query and libclang-cpp: 40-digit GNU build ids.
  const std::string& fingerprint = cppscan::scanner_fingerprint();
  std::vector<std::string> ids;
  std::istringstream in(fingerprint);
  for (std::string id; std::getline(in, id, ';');) ids.push_back(id);
  EXPECT_GE(ids.size(), 2u) << fingerprint;
  for (const std::string& id : ids) {
    EXPECT_EQ(id.size(), 40u) << id;
    EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
  }
  EXPECT_EQ(&cppscan::scanner_fingerprint(), &fingerprint);  // computed once
  cppscan::CompileCommand command{"/src", "/src/a.cpp", {"c++", "-c", "a.cpp"}};
  EXPECT_NE(cppscan::UnitCache::key(command, command.arguments, fingerprint),
            cppscan::UnitCache::key(command, command.arguments, fingerprint + "other;"));
}

}  // namespace
