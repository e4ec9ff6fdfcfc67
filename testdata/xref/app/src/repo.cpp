#include <string>

#include <pqxx/pqxx>

namespace app {

class Repo {
 public:
  explicit Repo(pqxx::connection& conn) : conn_(conn) {}

  std::string nickname(long id) {
    pqxx::work txn(conn_);
    return txn.exec_params1("SELECT nickname FROM accounts WHERE id = $1", id)[0].as<std::string>();
  }

  std::string old_token(long id) {
    pqxx::work txn(conn_);
    return txn.exec_params1("SELECT value FROM old_tokens WHERE id = $1", id)[0].as<std::string>();
  }

  std::string session_token(long id) {
    pqxx::work txn(conn_);
    return txn.exec_params1("SELECT token FROM sessions WHERE id = $1", id)[0].as<std::string>();
  }

  void log(long id, const std::string& note) {
    pqxx::work txn(conn_);
    txn.exec_params("INSERT INTO audit (id, note) VALUES ($1, $2)", id, note);
    txn.commit();
  }

  void create(long id, const std::string& timezone) {
    pqxx::work txn(conn_);
    txn.exec_params("INSERT INTO accounts (id, timezone) VALUES ($1, $2)", id, timezone);
    txn.commit();
  }

  void open_session(long id, long account_id) {
    pqxx::work txn(conn_);
    txn.exec_params("INSERT INTO sessions (id, account_id) VALUES ($1, $2)", id, account_id);
    txn.commit();
  }

  std::string locale(long id) {
    pqxx::work txn(conn_);
    return txn.exec_params1("SELECT locale FROM accounts WHERE id = $1", id)[0].as<std::string>();
  }

  // app-references-unknown-column: a typo no migration backs.
  std::string contact(long id) {
    pqxx::work txn(conn_);
    return txn.exec_params1("SELECT emial FROM accounts WHERE id = $1", id)[0].as<std::string>();
  }

 private:
  pqxx::connection& conn_;
};

}  // namespace app
