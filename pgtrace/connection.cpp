#include "pgtrace/connection.h"

#include <libpq-fe.h>

namespace pgtrace {

const std::string& QueryResult::at(std::size_t r, std::size_t c) const {
  static const std::string empty;
  if (r >= rows.size() || c >= rows[r].size() || !rows[r][c]) return empty;
  return *rows[r][c];
}

std::unique_ptr<Connection> Connection::open(const std::string& conninfo, std::string& error) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (!conn || PQstatus(conn) != CONNECTION_OK) {
    error = conn ? PQerrorMessage(conn) : "out of memory";
    while (!error.empty() && (error.back() == '\n' || error.back() == ' ')) error.pop_back();
    if (conn) PQfinish(conn);
    return nullptr;
  }
  // Notices (e.g. "relation does not exist, skipping") are not ours to print.
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  return std::unique_ptr<Connection>(new Connection(conn));
}

Connection::~Connection() { PQfinish(conn_); }

namespace {

std::string trimmed(const char* text) {
  std::string s = text ? text : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// Reads one PGresult into a QueryResult and frees it.
void absorb(PGresult* res, PGconn* conn, QueryResult& out) {
  const ExecStatusType status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
    out.ok = true;
    out.error.clear();
    out.sqlstate.clear();
    out.rows.clear();
    for (int r = 0; r < PQntuples(res); ++r) {
      std::vector<std::optional<std::string>> row;
      for (int c = 0; c < PQnfields(res); ++c)
        row.push_back(PQgetisnull(res, r, c) ? std::nullopt : std::optional<std::string>(PQgetvalue(res, r, c)));
      out.rows.push_back(std::move(row));
    }
  } else if (out.ok || out.error.empty()) {
    // The first error wins: later results of a failed multi-statement query add nothing.
    out.ok = false;
    out.rows.clear();
    out.error = trimmed(res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : nullptr);
    if (out.error.empty()) out.error = trimmed(PQerrorMessage(conn));
    const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    out.sqlstate = state ? state : "";
  }
  if (res) PQclear(res);
}

}  // namespace

QueryResult Connection::exec(const std::string& sql) {
  if (!send(sql)) {
    QueryResult failed;
    failed.error = trimmed(PQerrorMessage(conn_));
    return failed;
  }
  return finish();
}

bool Connection::send(const std::string& sql) { return PQsendQuery(conn_, sql.c_str()) == 1; }

bool Connection::busy() {
  PQconsumeInput(conn_);
  return PQisBusy(conn_) == 1;
}

QueryResult Connection::finish() {
  QueryResult out;
  bool any = false;
  while (PGresult* res = PQgetResult(conn_)) {
    any = true;
    if (!out.ok && !out.error.empty()) {
      PQclear(res);  // keep the first error
      continue;
    }
    absorb(res, conn_, out);
  }
  if (!any) out.ok = true;  // an empty query string
  return out;
}

void Connection::cancel() {
  if (PGcancel* c = PQgetCancel(conn_)) {
    char buffer[256];
    PQcancel(c, buffer, sizeof buffer);
    PQfreeCancel(c);
  }
}

int Connection::backend_pid() const { return PQbackendPID(conn_); }

std::string quote_literal(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string quote_ident(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace pgtrace
