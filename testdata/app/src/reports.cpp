#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "shop/db.h"

namespace shop::reports {

// Items per order, built with a string stream.
std::string items_per_order(pqxx::work& txn, long order_id) {
  std::ostringstream sql;
  sql << "SELECT i.sku, i.quantity FROM order_items i WHERE i.order_id = " << order_id;
  std::string out;
  for (const auto& row : txn.exec(sql.str())) out += row["sku"].c_str();
  return out;
}

// Upsert of a daily total, and two statements in one string.
void refresh(pqxx::work& txn) {
  txn.exec(
      "INSERT INTO daily_totals (day, total_cents) "
      "SELECT created_at::date, sum(total_cents) FROM orders GROUP BY 1 "
      "ON CONFLICT (day) DO UPDATE SET total_cents = excluded.total_cents "
      "RETURNING day");
  txn.exec("UPDATE users SET status = 'dormant' WHERE last_login < now() - interval '1 year'; "
           "DELETE FROM carts WHERE updated_at < now() - interval '30 days'");
  run(txn, kActiveUsers.text);
}

// Reads a row whose query it does not see: the field is tied to no table.
std::string email_of(const pqxx::row& row) { return row["email"].as<std::string>(); }

// Everyone's addresses or the active users' only: either query's rows have the field.
std::vector<std::string> emails(pqxx::work& txn, bool everyone) {
  std::vector<std::string> out;
  for (const auto& row : txn.exec(everyone ? "SELECT email FROM users" : "SELECT email FROM users WHERE status = 'active'"))
    out.push_back(row["email"].c_str());
  return out;
}

// Payments out and refunds in through COPY: libpqxx's table streams name the columns.
long export_payments(pqxx::work& txn) {
  pqxx::stream_from payments{txn, "payments", std::vector<std::string>{"id", "amount_cents"}};
  std::tuple<long, long> payment;
  long total = 0;
  while (payments >> payment) total += std::get<1>(payment);
  payments.complete();
  return total;
}

void import_refund(pqxx::work& txn, long payment_id, long cents) {
  const std::vector<std::string> columns{"payment_id", "amount_cents"};
  pqxx::stream_to refunds{txn, "refunds", columns.begin(), columns.end()};
  refunds << std::make_tuple(payment_id, cents);
  refunds.complete();
}

}  // namespace shop::reports
