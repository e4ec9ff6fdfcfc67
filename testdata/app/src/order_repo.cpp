#include <libpq-fe.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace shop::orders {

namespace {
constexpr const char* kOrderColumns = "o.id, o.total_cents";
}

// Totals of a user's open orders (libpq).
long open_total(PGconn* conn, const char* user_id) {
  const std::string sql = std::string("SELECT ") + kOrderColumns +
                          " FROM orders o JOIN users u ON u.id = o.user_id"
                          " WHERE u.id = $1 AND o.status = 'open'";
  const char* params[] = {user_id};
  PGresult* res = PQexecParams(conn, sql.c_str(), 1, nullptr, params, nullptr, nullptr, 0);
  long total = 0;
  const int column = PQfnumber(res, "total_cents");
  for (int row = 0; row < PQntuples(res); ++row) total += std::atol(PQgetvalue(res, row, column));
  PQclear(res);
  return total;
}

// Orders of the last N days, with a format template.
void recent(PGconn* conn, int days) {
  char query[256];
  std::snprintf(query, sizeof query,
                "SELECT id, created_at FROM orders WHERE created_at > now() - interval '%d days' ORDER BY created_at",
                days);
  PGresult* res = PQexec(conn, query);
  PQclear(res);
}

// Copies a table by name: only the WHERE clause is known statically.
void purge(PGconn* conn, const std::string& table) {
  const std::string sql = "DELETE FROM " + table + " WHERE created_at < now() - interval '1 year'";
  PQclear(PQexec(conn, sql.c_str()));
}

// Biggest customers, from a CTE.
void top_customers(PGconn* conn) {
  PGresult* res = PQexec(conn, R"sql(
    WITH totals AS (
      SELECT user_id, sum(total_cents) AS spent
        FROM orders
       GROUP BY user_id
    )
    SELECT u.email, t.spent
      FROM totals t
      JOIN users u ON u.id = t.user_id
     ORDER BY t.spent DESC
  )sql");
  const int email = PQfnumber(res, "email");
  std::printf("%s\n", PQgetvalue(res, 0, email));
  PQclear(res);
}

#if SHOP_LEGACY_REPORTS
void legacy(PGconn* conn) { PQexec(conn, "SELECT legacy_email FROM users"); }
#endif

}  // namespace shop::orders
