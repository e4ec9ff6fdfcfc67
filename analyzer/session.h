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

  bool in_transaction() const { return wrapped || open_transactions > 0; }

  // Records what a statement does to the session.
  void apply(const sqlparse::Statement& statement);
};

// "BEGIN", "COMMIT", ... for a TransactionStmt; empty for anything else.
std::string_view transaction_kind(sqlparse::Node stmt);

}  // namespace analyzer
