#include "shop/repo.h"

namespace shop {

// Reads orders.total, which migration 0007 renames.
double OrderRepo::total(long order_id) {
  pqxx::work txn(conn_);
  return txn.exec_params1("SELECT total FROM orders WHERE id = $1", order_id)[0].as<double>();
}

// Writes order_items, which migration 0008 renames.
void OrderRepo::add_line(long order_id, const std::string& sku, int quantity) {
  pqxx::work txn(conn_);
  txn.exec_params("INSERT INTO order_items (order_id, sku, quantity) VALUES ($1, $2, $3)", order_id, sku, quantity);
  txn.commit();
}

// Nothing here uses orders.coupon_code or coupons any more: dropping them is safe for this code.
std::vector<Order> OrderRepo::recent(long user_id) {
  pqxx::work txn(conn_);
  std::vector<Order> orders;
  for (const auto& row : txn.exec_params(
           "SELECT id, status, created_at FROM orders WHERE user_id = $1 ORDER BY created_at DESC LIMIT 20", user_id))
    orders.push_back(Order{row["id"].as<long>(), row["status"].as<std::string>(), row["created_at"].as<std::string>()});
  return orders;
}

}  // namespace shop
