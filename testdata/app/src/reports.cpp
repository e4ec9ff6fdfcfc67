#include <sstream>
#include <string>

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

}  // namespace shop::reports
