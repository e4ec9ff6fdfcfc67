#include <iostream>
#include <string>

#include "shop/db.h"

namespace shop {

User UserRepo::find(long id) {
  pqxx::work txn(conn_);
  const pqxx::result rows = txn.exec_params(R"(
      SELECT *
        FROM users
       WHERE id = $1
  )", id);
  User user;
  for (const auto& row : rows) {
    user.id = row["id"].as<long>();
    user.email = row["email"].as<std::string>();
    user.name = row.at("name").as<std::string>();
  }
  return user;
}

std::string UserRepo::find_email(long id) {
  pqxx::work txn(conn_);
  // The legacy_email column is gone from this query since the migration.
  const pqxx::row row = txn.exec_params1("SELECT u.email AS contact "
                                         "FROM users AS u "
                                         "WHERE u.id = $1",
                                         id);
  return row["contact"].as<std::string>();
}

void UserRepo::rename(long id, const std::string& name) {
  pqxx::work txn(conn_);
  conn_.prepare("rename_user", "UPDATE users SET name = $2 WHERE id = $1");
  txn.exec_prepared("rename_user", id, name);
  std::string audit = "INSERT INTO audit_log (user_id, action) VALUES (";
  audit += std::to_string(id);
  audit += ", 'rename')";
  txn.exec(audit);
  txn.commit();
}

void UserRepo::deactivate(long id) {
  pqxx::work txn(conn_);
  const std::string status = "inactive";
  const auto result = txn.exec("UPDATE users SET status='" + txn.esc(status) + "' WHERE id = " + std::to_string(id));
  if (result.affected_rows() != 1) std::cerr << "Update failed for user " << id << "\n";
  txn.exec("DELETE FROM sessions WHERE user_id = 0");  // schemaguard: ignore
  txn.commit();
}

}  // namespace shop
