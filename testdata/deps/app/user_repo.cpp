// Fixture for tests/deps_test.cpp: the SQL strings are what the test's references point at.
#include <string>

struct UserRepo {
  std::string find_by_email() const;
  std::string all() const;
};

std::string UserRepo::find_by_email() const {
  return "SELECT id, email FROM users WHERE email = $1";
}

std::string UserRepo::all() const {
  return "SELECT * FROM users";
}
