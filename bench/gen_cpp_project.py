#!/usr/bin/env python3
"""Generates a C++ service of N translation units for the scan benchmark, with a
compile_commands.json: repositories over libpqxx (exec, exec_params, prepared statements,
SQL assembled from pieces, raw strings), a few libpq units, and plain units without SQL
(domain logic over <string>, <vector>, <map>, <algorithm>). Fixed seed."""
import argparse
import json
import random
from pathlib import Path

TABLES = {
    "users": ["id", "email", "name", "status", "created_at"],
    "orders": ["id", "user_id", "total_cents", "status", "created_at"],
    "order_items": ["id", "order_id", "sku", "quantity", "price_cents"],
    "payments": ["id", "order_id", "amount_cents", "currency", "paid_at"],
    "invoices": ["id", "order_id", "number", "issued_at", "due_at"],
    "sessions": ["id", "user_id", "token", "expires_at", "created_at"],
    "products": ["id", "sku", "title", "price_cents", "stock"],
    "audit_log": ["id", "user_id", "action", "created_at", "detail"],
}

HEADER = """// Shared database helpers of the generated service.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <pqxx/pqxx>

namespace gen {

struct Row {
  long id = 0;
  std::string text;
};

inline std::size_t run(pqxx::work& txn, std::string_view sql) { return txn.exec(std::string(sql)).affected_rows(); }

}  // namespace gen
"""


def pqxx_unit(k, rng):
    table = rng.choice(sorted(TABLES))
    cols = TABLES[table]
    other = rng.choice(sorted(TABLES))
    c1, c2 = rng.sample(cols[1:], 2)
    return f"""#include <map>
#include <string>
#include <vector>

#include "gen/db.h"

namespace gen::repo{k} {{

std::vector<Row> list_{table}(pqxx::connection& conn, long id) {{
  pqxx::work txn(conn);
  std::vector<Row> out;
  for (const auto& row : txn.exec_params(R"(
      SELECT id, {c1}
        FROM {table}
       WHERE id > $1
       ORDER BY id
       LIMIT 100
  )", id)) {{
    out.push_back(Row{{row["id"].as<long>(), row["{c1}"].c_str()}});
  }}
  return out;
}}

long count_{table}(pqxx::work& txn) {{
  return txn.exec1("SELECT count(*) FROM {table} WHERE {c2} IS NOT NULL")[0].as<long>();
}}

void touch_{table}(pqxx::connection& conn, long id, const std::string& value) {{
  pqxx::work txn(conn);
  conn.prepare("touch_{table}_{k}", "UPDATE {table} SET {c1} = $2 WHERE id = $1");
  txn.exec_prepared("touch_{table}_{k}", id, value);
  std::string sql = "DELETE FROM {other} WHERE id = ";
  sql += std::to_string(id);
  txn.exec(sql);
  run(txn, "INSERT INTO audit_log (user_id, action) VALUES (1, 'touch {table}')");
  txn.commit();
}}

std::map<std::string, long> totals_{k}(pqxx::work& txn) {{
  std::map<std::string, long> out;
  for (const auto& row : txn.exec("SELECT {c1}::text AS k, count(*) AS n FROM {table} GROUP BY 1"))
    out[row["k"].c_str()] = row["n"].as<long>();
  return out;
}}

}}  // namespace gen::repo{k}
"""


def libpq_unit(k, rng):
    table = rng.choice(sorted(TABLES))
    cols = TABLES[table]
    c1 = rng.choice(cols[1:])
    return f"""#include <string>
#include <vector>

#include <libpq-fe.h>

namespace gen::raw{k} {{

std::vector<std::string> read_{table}(PGconn* conn) {{
  std::vector<std::string> out;
  PGresult* res = PQexec(conn, "SELECT {c1} FROM {table} ORDER BY id LIMIT 50");
  for (int i = 0; i < PQntuples(res); ++i) out.emplace_back(PQgetvalue(res, i, 0));
  PQclear(res);
  const char* params[1] = {{"1"}};
  res = PQexecParams(conn, "UPDATE {table} SET {c1} = {c1} WHERE id = $1", 1, nullptr, params, nullptr, nullptr, 0);
  PQclear(res);
  return out;
}}

}}  // namespace gen::raw{k}
"""


def plain_unit(k, rng):
    n = rng.randint(3, 9)
    return f"""#include <algorithm>
#include <map>
#include <numeric>
#include <string>
#include <vector>

namespace gen::logic{k} {{

struct Line {{
  std::string sku;
  long quantity = 0;
  long price_cents = 0;
}};

long total(const std::vector<Line>& lines) {{
  return std::accumulate(lines.begin(), lines.end(), 0L,
                         [](long sum, const Line& l) {{ return sum + l.quantity * l.price_cents; }});
}}

std::map<std::string, long> by_sku(std::vector<Line> lines) {{
  std::sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) {{ return a.sku < b.sku; }});
  std::map<std::string, long> out;
  for (const Line& l : lines) out[l.sku] += l.quantity * {n};
  return out;
}}

}}  // namespace gen::logic{k}
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    root = Path(args.out).resolve()
    (root / "include" / "gen").mkdir(parents=True, exist_ok=True)
    (root / "src").mkdir(parents=True, exist_ok=True)
    (root / "include" / "gen" / "db.h").write_text(HEADER)
    commands = []
    for k in range(args.units):
        # 60 % repositories over libpqxx, 10 % libpq, 30 % no SQL at all.
        draw = rng.random()
        make = pqxx_unit if draw < 0.6 else (libpq_unit if draw < 0.7 else plain_unit)
        path = root / "src" / f"unit{k:03d}.cpp"
        path.write_text(make(k, rng))
        commands.append({
            "directory": str(root),
            "arguments": ["/usr/bin/c++", "-std=c++20", "-O2", f"-I{root / 'include'}",
                          "-I/usr/include/postgresql", "-c", str(path), "-o", f"build/unit{k:03d}.o"],
            "file": str(path),
        })
    (root / "compile_commands.json").write_text(json.dumps(commands, indent=1))
    print(f"{args.units} units in {root}")


if __name__ == "__main__":
    main()
