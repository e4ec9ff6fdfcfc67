#include "analyzer/session.h"

#include <cctype>
#include <optional>

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

// 'UTC', TIME ZONE 'Etc/UTC', TIME ZONE 0, TIME ZONE INTERVAL '+00:00' HOUR TO MINUTE.
std::string timezone_value(Node set_stmt) {
  const Node arg = set_stmt["args"].at(0);
  if (arg["ival"]) return std::to_string(arg["ival"]["ival"].integer());
  if (arg["fval"]) return std::string(arg["fval"]["fval"].str());
  if (arg.is("TypeCast")) return "interval " + std::string(arg["arg"].str());
  return std::string(arg.str());
}

// SELECT pg_catalog.set_config('search_path', 'a, b', false), as pg_dump writes it: the
// new path, or nullopt for any other statement.
std::optional<std::vector<std::string>> set_config_search_path(Node stmt) {
  if (!stmt.is("SelectStmt") || stmt["targetList"].size() != 1) return std::nullopt;
  const Node call = stmt["targetList"].at(0)["val"];
  const std::string name = join_names(call["funcname"]);
  if (!call.is("FuncCall") || (name != "set_config" && name != "pg_catalog.set_config")) return std::nullopt;
  if (call["args"].size() != 3 || call["args"].at(0).str() != "search_path") return std::nullopt;
  std::vector<std::string> path;
  const std::string_view value = call["args"].at(1).str();
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t end = value.find(',', start);
    if (end == std::string_view::npos) end = value.size();
    std::string_view part = value.substr(start, end - start);
    while (!part.empty() && std::isspace(static_cast<unsigned char>(part.front()))) part.remove_prefix(1);
    while (!part.empty() && std::isspace(static_cast<unsigned char>(part.back()))) part.remove_suffix(1);
    if (part.size() >= 2 && part.front() == '"' && part.back() == '"') part = part.substr(1, part.size() - 2);
    if (!part.empty() && part != "$user") path.emplace_back(part);
    start = end + 1;
  }
  if (path.empty()) path = {"public"};  // as SET search_path = '' is modelled
  return path;
}

}  // namespace

bool SessionState::timezone_is_utc() const {
  std::string tz;
  for (char c : timezone) tz += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // Zones with a fixed zero offset: PostgreSQL then converts timestamp <-> timestamptz
  // without touching the stored values (TimestampTimestampTzRequiresRewrite).
  static const char* const kUtc[] = {"utc", "etc/utc", "gmt", "etc/gmt", "zulu", "etc/zulu", "uct", "etc/uct",
                                     "universal", "etc/universal", "greenwich", "etc/greenwich", "gmt0",
                                     "etc/gmt0", "etc/gmt+0", "etc/gmt-0", "gmt+0", "gmt-0", "0", "0.0",
                                     "+00", "+00:00", "interval 0", "interval +00:00", "interval 00:00"};
  for (const char* name : kUtc)
    if (tz == name) return true;
  return false;
}

void SessionState::apply(const sqlparse::Statement& statement) {
  const Node stmt = statement.tree;
  const std::string_view tx = transaction_kind(stmt);
  if (!tx.empty()) {
    if (tx == "TRANS_STMT_BEGIN" || tx == "TRANS_STMT_START") {
      ++open_transactions;
    } else if (tx == "TRANS_STMT_COMMIT" || tx == "TRANS_STMT_ROLLBACK" || tx == "TRANS_STMT_COMMIT_PREPARED" ||
               tx == "TRANS_STMT_ROLLBACK_PREPARED" || tx == "TRANS_STMT_PREPARE") {
      // There is only ever one real transaction: a BEGIN inside the tool's wrapper opened
      // none, so this COMMIT ends the wrapper too (checked on 15).
      open_transactions = 0;
      wrapped = false;
      if (lock_timeout_local) lock_timeout_set = lock_timeout_local = false;
      if (statement_timeout_local) statement_timeout_set = statement_timeout_local = false;
      if (timezone_local) {
        timezone = timezone_before_local;
        timezone_local = false;
      }
    }
    return;
  }
  if (auto path = set_config_search_path(stmt)) {
    search_path = std::move(*path);
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
    } else if (name == "timezone") {
      const std::string previous = timezone_local ? timezone_before_local : timezone;
      timezone = reset || stmt["kind"].str() == "VAR_SET_DEFAULT" ? std::string() : timezone_value(stmt);
      if (local && in_transaction()) timezone_before_local = previous;
      timezone_local = local && in_transaction();
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
