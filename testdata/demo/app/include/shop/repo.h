// Data access of the demo shop.
#pragma once

#include <string>
#include <vector>

#include <pqxx/pqxx>

namespace shop {

struct User {
  long id = 0;
  std::string email;
  std::string display_name;
};

struct Order {
  long id = 0;
  std::string status;
  std::string created_at;
};

class UserRepo {
 public:
  explicit UserRepo(pqxx::connection& conn) : conn_(conn) {}
  User find(long id);
  std::string phone(long id);

 private:
  pqxx::connection& conn_;
};

class OrderRepo {
 public:
  explicit OrderRepo(pqxx::connection& conn) : conn_(conn) {}
  double total(long order_id);
  void add_line(long order_id, const std::string& sku, int quantity);
  std::vector<Order> recent(long user_id);

 private:
  pqxx::connection& conn_;
};

}  // namespace shop
