// Shared database helpers of the shop service.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <pqxx/pqxx>

namespace shop {

// Marks a string as SQL for readers; the value is the text itself.
struct Sql {
  std::string_view text;
};
constexpr Sql operator""_sql(const char* text, std::size_t size) { return Sql{std::string_view(text, size)}; }

constexpr auto kActiveUsers = R"(SELECT id, email FROM users WHERE status = 'active')"_sql;
inline constexpr const char* kCountOrders = "SELECT count(*) FROM orders WHERE user_id = $1";
static const std::string kUserColumns = "id, email, name";

// Runs a statement and returns how many rows it touched.
inline std::size_t run(pqxx::work& txn, std::string_view sql) { return txn.exec(std::string(sql)).affected_rows(); }

inline long count_orders(pqxx::work& txn, long user_id) {
  return txn.exec_params1(kCountOrders, user_id)[0].as<long>();
}

struct User {
  long id = 0;
  std::string email;
  std::string name;
};

class UserRepo {
 public:
  explicit UserRepo(pqxx::connection& conn) : conn_(conn) {}
  User find(long id);
  std::string find_email(long id);
  void rename(long id, const std::string& name);
  void deactivate(long id);

 private:
  pqxx::connection& conn_;
};

}  // namespace shop
