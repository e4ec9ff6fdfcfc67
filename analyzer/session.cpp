#include "analyzer/session.h"

#include <cctype>

namespace analyzer {

using sqlparse::Node;

std::string_view transaction_kind(Node stmt) {
  if (!stmt.is("TransactionStmt")) return {};
  return stmt["kind"].str();
}

namespace {

// A timeout value of 0 (or DEFAULT) switches the timeout off.
bool enables_timeout(Node set_stmt) {
  const std::string_view kind = set_stmt["kind"].str();
  if (kind != "VAR_SET_VALUE") return false;
  const Node arg = set_stmt["args"].at(0);
  if (arg["ival"]) return arg["ival"]["ival"].integer() != 0;
  const std::string_view value = arg.str();
  if (value.empty()) return false;
  for (char c : value)
    if (std::isdigit(static_cast<unsigned char>(c)) && c != '0') return true;
  return false;
}

}  // namespace

void SessionState::apply(const sqlparse::Statement& statement) {
  const Node stmt = statement.tree;
  const std::string_view tx = transaction_kind(stmt);
  if (!tx.empty()) {
    if (tx == "TRANS_STMT_BEGIN" || tx == "TRANS_STMT_START") {
      ++open_transactions;
    } else if (tx == "TRANS_STMT_COMMIT" || tx == "TRANS_STMT_ROLLBACK" || tx == "TRANS_STMT_COMMIT_PREPARED" ||
               tx == "TRANS_STMT_ROLLBACK_PREPARED" || tx == "TRANS_STMT_PREPARE") {
      if (open_transactions > 0) open_transactions = 0;
      else wrapped = false;  // COMMIT inside a tool's wrapper ends that transaction
      if (lock_timeout_local) lock_timeout_set = lock_timeout_local = false;
      if (statement_timeout_local) statement_timeout_set = statement_timeout_local = false;
    }
    return;
  }
  if (stmt.is("VariableSetStmt")) {
    const std::string_view name = stmt["name"].str();
    const bool local = stmt["is_local"].boolean();
    const bool reset = stmt["kind"].str() == "VAR_RESET" || stmt["kind"].str() == "VAR_RESET_ALL";
    if (name == "search_path") {
      if (reset) {
        search_path = {"public"};
      } else {
        search_path.clear();
        for (Node arg : stmt["args"]) {
          const std::string_view s = arg.str();
          if (!s.empty() && s != "$user") search_path.emplace_back(s);
        }
        if (search_path.empty()) search_path = {"public"};
      }
    } else if (name == "lock_timeout") {
      lock_timeout_set = !reset && enables_timeout(stmt);
      lock_timeout_local = local && lock_timeout_set;
    } else if (name == "statement_timeout") {
      statement_timeout_set = !reset && enables_timeout(stmt);
      statement_timeout_local = local && statement_timeout_set;
    } else if (stmt["kind"].str() == "VAR_RESET_ALL") {
      lock_timeout_set = statement_timeout_set = false;
    }
  }
}

}  // namespace analyzer
