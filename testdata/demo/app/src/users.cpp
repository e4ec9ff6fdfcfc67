#include "shop/repo.h"

namespace shop {

User UserRepo::find(long id) {
  pqxx::work txn(conn_);
  const pqxx::row row = txn.exec_params1("SELECT id, email, display_name FROM users WHERE id = $1", id);
  return User{row["id"].as<long>(), row["email"].as<std::string>(), row["display_name"].as<std::string>()};
}

// Still in use: migration 0007 drops users.legacy_phone under it.
std::string UserRepo::phone(long id) {
  pqxx::work txn(conn_);
  const pqxx::row row = txn.exec_params1("SELECT legacy_phone FROM users WHERE id = $1", id);
  return row["legacy_phone"].is_null() ? std::string() : row["legacy_phone"].as<std::string>();
}

}  // namespace shop
