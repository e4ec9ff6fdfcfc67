// A libpq connection with the few calls pgtrace needs: run SQL, read text results.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

struct pg_conn;

namespace pgtrace {

struct QueryResult {
  bool ok = false;
  std::string error;     // the server's message when !ok
  std::string sqlstate;  // e.g. "42P01"
  std::vector<std::vector<std::optional<std::string>>> rows;

  // The value at row r, column c; "" for NULL.
  const std::string& at(std::size_t r, std::size_t c) const;
};

class Connection {
 public:
  // Connects; on failure returns nullptr and sets error.
  static std::unique_ptr<Connection> open(const std::string& conninfo, std::string& error);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs SQL (one or more statements) and waits for the result of the last.
  QueryResult exec(const std::string& sql);
  // Sends SQL without waiting; poll with busy(), collect with finish().
  bool send(const std::string& sql);
  bool busy();
  QueryResult finish();
  // Asks the server to cancel the running query.
  void cancel();
  int backend_pid() const;

 private:
  explicit Connection(pg_conn* conn) : conn_(conn) {}
  pg_conn* conn_;
};

// 'text' as a SQL string literal.
std::string quote_literal(const std::string& text);
// An identifier, double-quoted.
std::string quote_ident(const std::string& name);

}  // namespace pgtrace
