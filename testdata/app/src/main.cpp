#include <iostream>

#include "shop/db.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: shop CONNINFO\n";
    return 2;
  }
  pqxx::connection conn(argv[1]);
  shop::UserRepo users(conn);
  const shop::User user = users.find(1);
  std::cout << "Select a user: " << user.email << "\n";
  pqxx::work txn(conn);
  std::cout << shop::count_orders(txn, user.id) << " orders\n";
  return 0;
}
