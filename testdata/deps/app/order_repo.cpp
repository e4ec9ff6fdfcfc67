// Fixture for tests/deps_test.cpp: the SQL strings are what the test's references point at.
#include <string>

struct OrderRepo {
  std::string by_region() const;
  std::string for_user() const;
};

std::string OrderRepo::by_region() const {
  return "SELECT id, total FROM orders WHERE region = $1";
}

std::string OrderRepo::for_user() const {
  return "SELECT id FROM orders JOIN users ON users.id = orders.user_id WHERE users.email = $1";
}
