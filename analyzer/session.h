// Session state that changes from statement to statement within a file:
// transactions, search_path, timeouts.
#pragma once

#include <string>
#include <vector>

#include "sqlparse/parser.h"

namespace analyzer {

struct SessionState {
  std::vector<std::string> search_path{"public"};
  bool wrapped = false;        // the migration tool runs the whole file in one transaction
  int open_transactions = 0;   // explicit BEGINs not yet closed (above 1 means nested)
  bool lock_timeout_set = false;
  bool lock_timeout_local = false;  // set with SET LOCAL: gone at the end of the transaction
  bool statement_timeout_set = false;
  bool statement_timeout_local = false;
  // The session TimeZone as set by SET timezone / SET TIME ZONE; empty when the file
  // never set it (the server's default, unknown to us).
  std::string timezone;
  bool timezone_local = false;  // SET LOCAL: back to the previous value at the end of the transaction
  std::string timezone_before_local;

  bool in_transaction() const { return wrapped || open_transactions > 0; }
  // True if the session's TimeZone is known to have a zero UTC offset without DST.
  bool timezone_is_utc() const;

  // Records what a statement does to the session.
  void apply(const sqlparse::Statement& statement);
};

// "BEGIN", "COMMIT", ... for a TransactionStmt; empty for anything else.
std::string_view transaction_kind(sqlparse::Node stmt);

}  // namespace analyzer
