// Column references of application SQL: sqlparse::analyze_query.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sqlparse/column_refs.h"

namespace sqlparse {
namespace {

// "access table.column", "access [a|b].column" when ambiguous, plus " outer[...]" and
// " target" when set: one line per ref, in the order analyze_query gives them.
std::string describe(const ColumnRef& r) {
  std::string s(access_name(r.access));
  s += ' ';
  if (!r.table.empty()) {
    s += r.table;
  } else {
    s += '[';
    for (std::size_t k = 0; k < r.candidates.size(); ++k) s += (k ? "|" : "") + r.candidates[k];
    s += ']';
  }
  if (!r.column.empty()) s += "." + r.column;
  if (!r.outer_candidates.empty()) {
    s += " outer[";
    for (std::size_t k = 0; k < r.outer_candidates.size(); ++k) s += (k ? "|" : "") + r.outer_candidates[k];
    s += ']';
  }
  if (r.target) s += " target";
  return s;
}

std::vector<std::string> refs(const std::string& sql) {
  const SqlAnalysis a = analyze_query(sql);
  EXPECT_TRUE(a.is_query) << sql << "\nerror: " << a.error;
  std::vector<std::string> out;
  for (const ColumnRef& r : a.refs) out.push_back(describe(r));
  return out;
}

using Lines = std::vector<std::string>;

// The first ref for `column` with `access` (in analyze_query's order).
const ColumnRef* find(const SqlAnalysis& a, std::string_view column, Access access) {
  for (const ColumnRef& r : a.refs)
    if (r.column == column && r.access == access) return &r;
  return nullptr;
}

// Offset of the n-th (0-based) occurrence of `token` in `sql`.
std::size_t at(const std::string& sql, std::string_view token, int n = 0) {
  std::size_t pos = sql.find(token);
  while (n-- > 0 && pos != std::string::npos) pos = sql.find(token, pos + 1);
  return pos;
}

// --- SELECT ---------------------------------------------------------------------------

TEST(ColumnRefs, SelectWithJoinAliasesAndClauses) {
  const std::string sql =
      "SELECT u.email, o.total FROM users u JOIN orders o ON o.user_id = u.id "
      "WHERE u.active AND o.status = $1 GROUP BY u.email, o.total HAVING count(o.id) > 1 ORDER BY u.email";
  EXPECT_EQ(refs(sql), (Lines{
                           "table users",
                           "table orders",
                           "filter orders.user_id",
                           "filter users.id",
                           "read users.email",
                           "read orders.total",
                           "filter users.active",
                           "filter orders.status",
                           "filter users.email",
                           "filter orders.total",
                           "filter orders.id",
                           "filter users.email",
                       }));
  const SqlAnalysis a = analyze_query(sql);
  EXPECT_EQ(find(a, "email", Access::read)->offset, at(sql, "email"));  // the column token, not "u."
  EXPECT_EQ(find(a, "user_id", Access::filter)->offset, at(sql, "user_id"));
  EXPECT_EQ(a.refs[0].offset, at(sql, "users"));
  EXPECT_EQ(a.refs[1].offset, at(sql, "orders"));
  EXPECT_EQ(a.statements, 1u);
  EXPECT_TRUE(a.error.empty());
}

TEST(ColumnRefs, UnqualifiedColumnsWithOneOrSeveralTables) {
  EXPECT_EQ(refs("SELECT email FROM users WHERE id = $1"),
            (Lines{"table users", "read users.email", "filter users.id"}));
  EXPECT_EQ(refs("SELECT email FROM users u, orders o WHERE u.id = o.user_id"),
            (Lines{"table users", "table orders", "read [users|orders].email", "filter users.id",
                   "filter orders.user_id"}));
  // Candidates are named as written after alias resolution.
  EXPECT_EQ(refs("SELECT name FROM app.users AS a JOIN app.teams t ON t.id = a.team_id"),
            (Lines{"table app.users", "table app.teams", "filter app.teams.id", "filter app.users.team_id",
                   "read [app.users|app.teams].name"}));
}

TEST(ColumnRefs, QualifiedSchemaTableColumn) {
  const std::string sql = "SELECT public.users.email, app.t.x, users.id FROM public.users, app.t";
  EXPECT_EQ(refs(sql), (Lines{"table public.users", "table app.t", "read public.users.email", "read app.t.x",
                              "read public.users.id"}));
  const SqlAnalysis a = analyze_query(sql);
  EXPECT_EQ(find(a, "email", Access::read)->offset, at(sql, "email"));
  EXPECT_EQ(find(a, "x", Access::read)->offset, at(sql, "x,"));
}

TEST(ColumnRefs, QuotedIdentifiersAndSpacesAroundDots) {
  const std::string sql = "SELECT \"U\" . \"Email\", u.\"x\"\"y\" FROM \"Users\" \"U\", users u";
  EXPECT_EQ(refs(sql), (Lines{"table Users", "table users", "read Users.Email", "read users.x\"y"}));
  const SqlAnalysis a = analyze_query(sql);
  EXPECT_EQ(a.refs[2].offset, at(sql, "\"Email\""));
  EXPECT_EQ(a.refs[3].offset, at(sql, "\"x\"\"y\""));
}

TEST(ColumnRefs, StarAndQualifiedStar) {
  const std::string sql = "SELECT *, u.* FROM users u JOIN orders o ON o.user_id = u.id";
  EXPECT_EQ(refs(sql), (Lines{"table users", "table orders", "filter orders.user_id", "filter users.id",
                              "star users.*", "star orders.*", "star users.*"}));
  const SqlAnalysis a = analyze_query(sql);
  EXPECT_EQ(a.refs[4].offset, at(sql, "*"));
  EXPECT_EQ(a.refs[6].offset, at(sql, "*", 1));  // the "*" of "u.*"
  EXPECT_EQ(refs("SELECT app.users.* FROM app.users"), (Lines{"table app.users", "star app.users.*"}));
}

TEST(ColumnRefs, WholeRowReferenceIsAStar) {
  EXPECT_EQ(refs("SELECT row_to_json(u) FROM users u"), (Lines{"table users", "star users.*"}));
}

TEST(ColumnRefs, OutputAliasesInOrderByAndGroupByAreNotColumns) {
  EXPECT_EQ(refs("SELECT date_trunc('day', created_at) AS day, count(*) AS n FROM events "
                 "GROUP BY day ORDER BY day DESC, n"),
            (Lines{"table events", "read events.created_at"}));
  // A bare name that is not an alias, and an alias that names the same column, stay columns.
  EXPECT_EQ(refs("SELECT email AS email, name FROM users ORDER BY email, created_at"),
            (Lines{"table users", "read users.email", "read users.name", "filter users.email",
                   "filter users.created_at"}));
  EXPECT_EQ(refs("SELECT 1 AS a ORDER BY a"), Lines{});
}

TEST(ColumnRefs, ExpressionsFunctionsCaseCoalesceCastsJson) {
  EXPECT_EQ(refs("SELECT data->>'k', (meta#>>'{a,b}')::int, CASE WHEN a THEN b ELSE COALESCE(c, d) END, "
                 "lower(name) FROM t WHERE id = ANY($1) AND tags @> ARRAY[$2] AND x IN (1, 2) AND y IS NOT NULL"),
            (Lines{"table t", "read t.data", "read t.meta", "read t.a", "read t.b", "read t.c", "read t.d",
                   "read t.name", "filter t.id", "filter t.tags", "filter t.x", "filter t.y"}));
  EXPECT_EQ(refs("SELECT arr[1], (rec).field, x::text COLLATE \"C\", greatest(p, q) FROM t"),
            (Lines{"table t", "read t.arr", "read t.rec", "read t.x", "read t.p", "read t.q"}));
}

TEST(ColumnRefs, WindowsAggregateFilterAndOrder) {
  EXPECT_EQ(refs("SELECT string_agg(name, ',' ORDER BY pos) FILTER (WHERE visible), "
                 "row_number() OVER (PARTITION BY owner ORDER BY created), sum(x) OVER w "
                 "FROM items WINDOW w AS (PARTITION BY category ORDER BY pos)"),
            (Lines{"table items", "read items.name", "filter items.pos", "filter items.visible",
                   "filter items.owner", "filter items.created", "read items.x", "filter items.category",
                   "filter items.pos"}));
}

TEST(ColumnRefs, DistinctOnAndLimit) {
  EXPECT_EQ(refs("SELECT DISTINCT ON (customer_id) customer_id FROM orders ORDER BY customer_id LIMIT $1"),
            (Lines{"table orders", "read orders.customer_id", "filter orders.customer_id",
                   "filter orders.customer_id"}));
}

TEST(ColumnRefs, JoinUsing) {
  const std::string sql = "SELECT id FROM a JOIN b USING (id) LEFT JOIN c ON c.k = b.k";
  EXPECT_EQ(refs(sql), (Lines{"table a", "table b", "filter a.id", "filter b.id", "table c", "filter c.k",
                              "filter b.k", "read a.id"}));
  const SqlAnalysis a = analyze_query(sql);
  EXPECT_EQ(a.refs[2].offset, at(sql, "id)"));
  EXPECT_EQ(a.refs[3].offset, at(sql, "id)"));
}

TEST(ColumnRefs, SetOperationsHaveScopePerBranch) {
  EXPECT_EQ(refs("SELECT a FROM t UNION SELECT b FROM u ORDER BY a"),
            (Lines{"table t", "read t.a", "table u", "read u.b"}));
}

TEST(ColumnRefs, ValuesAndParametersYieldNothing) {
  EXPECT_EQ(refs("VALUES (1, $1)"), Lines{});
  EXPECT_EQ(refs("SELECT $1, $2::int"), Lines{});
  EXPECT_EQ(refs("SELECT $1 FROM users WHERE $2"), (Lines{"table users"}));
}

// --- subqueries and CTEs --------------------------------------------------------------

TEST(ColumnRefs, ScalarInAndExistsSubqueriesWithCorrelation) {
  EXPECT_EQ(refs("SELECT id, (SELECT max(created_at) FROM orders WHERE user_id = users.id) AS last "
                 "FROM users WHERE id IN (SELECT user_id FROM bans) "
                 "AND NOT EXISTS (SELECT * FROM locks l WHERE l.uid = users.id) ORDER BY last"),
            (Lines{"table users", "read users.id", "table orders", "read orders.created_at outer[users]",
                   "filter orders.user_id outer[users]", "filter users.id", "filter users.id", "table bans",
                   "read bans.user_id outer[users]", "table locks", "filter locks.uid", "filter users.id"}));
}

TEST(ColumnRefs, FromSubqueryColumnsAreTheBodysRefs) {
  EXPECT_EQ(refs("SELECT s.n, s.email, s.renamed FROM (SELECT count(*) AS n, email, name AS renamed "
                 "FROM users GROUP BY email, name) s"),
            (Lines{"table users", "read users.email", "read users.name", "filter users.email",
                   "filter users.name"}));
  // Alias column lists rename the outputs.
  EXPECT_EQ(refs("SELECT x.a FROM (SELECT email FROM users) AS x(a)"), (Lines{"table users", "read users.email"}));
}

TEST(ColumnRefs, ColumnsReadThroughAStarInASubqueryBelongToItsTable) {
  EXPECT_EQ(refs("SELECT x.email FROM (SELECT * FROM users) x"),
            (Lines{"table users", "star users.*", "read users.email"}));
  EXPECT_EQ(refs("WITH u AS (SELECT * FROM users WHERE active) SELECT email FROM u"),
            (Lines{"table users", "star users.*", "filter users.active", "read users.email"}));
  EXPECT_EQ(refs("SELECT email FROM (SELECT * FROM users) x JOIN orders o ON o.uid = x.id"),
            (Lines{"table users", "star users.*", "table orders", "filter orders.uid", "filter users.id",
                   "read [users|orders].email"}));
}

TEST(ColumnRefs, LateralSubquerySeesEarlierFromItems) {
  EXPECT_EQ(refs("SELECT u.id, l.total FROM users u CROSS JOIN LATERAL "
                 "(SELECT sum(amount) AS total FROM payments p WHERE p.user_id = u.id) l"),
            (Lines{"table users", "table payments", "read payments.amount outer[users]",
                   "filter payments.user_id", "filter users.id", "read users.id"}));
}

TEST(ColumnRefs, CteNamesAreNotTables) {
  const std::string sql =
      "WITH recent AS (SELECT id, total FROM orders WHERE created_at > now() - interval '1 day') "
      "SELECT r.id, total FROM recent r JOIN users u ON u.id = r.id";
  EXPECT_EQ(refs(sql), (Lines{"table orders", "read orders.id", "read orders.total", "filter orders.created_at",
                              "table users", "filter users.id"}));
  const SqlAnalysis a = analyze_query(sql);
  for (const ColumnRef& r : a.refs) EXPECT_NE(r.table, "recent");
}

TEST(ColumnRefs, RecursiveCte) {
  EXPECT_EQ(refs("WITH RECURSIVE tree(id, parent_id) AS (SELECT id, parent_id FROM nodes WHERE id = $1 "
                 "UNION ALL SELECT n.id, n.parent_id FROM nodes n JOIN tree t ON n.parent_id = t.id) "
                 "SELECT id FROM tree"),
            (Lines{"table nodes", "read nodes.id", "read nodes.parent_id", "filter nodes.id", "table nodes",
                   "filter nodes.parent_id", "read nodes.id", "read nodes.parent_id"}));
}

TEST(ColumnRefs, CteShadowsATableOnlyWhenUnqualified) {
  EXPECT_EQ(refs("WITH users AS (SELECT 1 AS id) SELECT u.id FROM users u, public.users p WHERE p.email = $1"),
            (Lines{"table public.users", "filter public.users.email"}));
}

TEST(ColumnRefs, DataModifyingCteHasItsOwnCommand) {
  const SqlAnalysis a = analyze_query(
      "WITH d AS (DELETE FROM jobs WHERE done RETURNING id, payload) "
      "INSERT INTO archive (id, payload) SELECT id, payload FROM d");
  ASSERT_TRUE(a.is_query);
  std::vector<std::string> got;
  for (const ColumnRef& r : a.refs) got.push_back(describe(r) + " (" + std::string(command_name(r.command)) + ")");
  EXPECT_EQ(got, (Lines{"table jobs target (delete)", "filter jobs.done (delete)", "read jobs.id (delete)",
                        "read jobs.payload (delete)", "table archive target (insert)",
                        "write archive.id (insert)", "write archive.payload (insert)"}));
}

TEST(ColumnRefs, FunctionsInFrom) {
  EXPECT_EQ(refs("SELECT n FROM generate_series(1, 10) n"), Lines{});
  EXPECT_EQ(refs("SELECT g.v, t.a, v FROM t, unnest(t.arr) AS g(v)"),
            (Lines{"table t", "read t.arr", "read t.a"}));
  EXPECT_EQ(refs("SELECT r.a, b FROM json_to_recordset($1) AS r(a int, b text)"), Lines{});
}

// --- INSERT ---------------------------------------------------------------------------

TEST(ColumnRefs, InsertColumnListWritesAndTargetTable) {
  const std::string sql = "INSERT INTO app.users (email, name) VALUES ($1, lower($2)) RETURNING id, created_at";
  EXPECT_EQ(refs(sql), (Lines{"table app.users target", "write app.users.email", "write app.users.name",
                              "read app.users.id", "read app.users.created_at"}));
  const SqlAnalysis a = analyze_query(sql);
  EXPECT_EQ(a.refs[0].command, Command::insert);
  EXPECT_EQ(a.refs[0].offset, at(sql, "app.users"));
  EXPECT_EQ(a.refs[1].offset, at(sql, "email"));
  EXPECT_EQ(a.refs[2].offset, at(sql, "name"));
}

TEST(ColumnRefs, InsertWithoutColumnListIsTheTableOnly) {
  EXPECT_EQ(refs("INSERT INTO t VALUES (1, 'x')"), (Lines{"table t target"}));
  EXPECT_EQ(refs("INSERT INTO t DEFAULT VALUES"), (Lines{"table t target"}));
}

TEST(ColumnRefs, InsertSelectSourceHasItsOwnScope) {
  EXPECT_EQ(refs("INSERT INTO archive (id, body) SELECT id, body FROM posts p WHERE p.deleted"),
            (Lines{"table archive target", "write archive.id", "write archive.body", "table posts",
                   "read posts.id", "read posts.body", "filter posts.deleted"}));
  EXPECT_EQ(refs("INSERT INTO t SELECT * FROM s"), (Lines{"table t target", "table s", "star s.*"}));
}

TEST(ColumnRefs, OnConflictTargetAndDoUpdate) {
  const std::string sql =
      "INSERT INTO counters AS c (key, hits) VALUES ($1, 1) ON CONFLICT (key) WHERE NOT archived "
      "DO UPDATE SET hits = c.hits + excluded.hits, seen = now() WHERE c.locked = false RETURNING *";
  EXPECT_EQ(refs(sql), (Lines{"table counters target", "write counters.key", "write counters.hits",
                              "filter counters.key", "filter counters.archived", "write counters.hits",
                              "read counters.hits", "read counters.hits", "write counters.seen",
                              "filter counters.locked", "star counters.*"}));
  const SqlAnalysis a = analyze_query(sql);
  EXPECT_EQ(a.refs[3].offset, at(sql, "key", 1));  // the name inside ON CONFLICT (key)
  EXPECT_EQ(a.refs[5].offset, at(sql, "hits =", 0));
  EXPECT_EQ(a.refs[7].offset, at(sql, "hits,", 0));  // excluded.hits
  EXPECT_EQ(refs("INSERT INTO t (a) VALUES (1) ON CONFLICT ON CONSTRAINT t_pkey DO NOTHING"),
            (Lines{"table t target", "write t.a"}));
  EXPECT_EQ(refs("INSERT INTO t (a, b) VALUES (1, 2) ON CONFLICT (lower(b)) DO UPDATE SET a = EXCLUDED.a"),
            (Lines{"table t target", "write t.a", "write t.b", "filter t.b", "write t.a", "read t.a"}));
}

// --- UPDATE / DELETE / MERGE / COPY / TRUNCATE -------------------------------------------

TEST(ColumnRefs, UpdateSetTargetsAndRightHandSides) {
  const std::string sql = "UPDATE users SET email = lower(email), login_count = login_count + 1 WHERE id = $1";
  EXPECT_EQ(refs(sql), (Lines{"table users target", "write users.email", "read users.email",
                              "write users.login_count", "read users.login_count", "filter users.id"}));
  const SqlAnalysis a = analyze_query(sql);
  EXPECT_EQ(a.refs[1].offset, at(sql, "email"));
  EXPECT_EQ(a.refs[2].offset, at(sql, "email", 1));
  EXPECT_EQ(a.refs[1].command, Command::update);
}

TEST(ColumnRefs, UpdateWithFromAliasMultiAssignAndReturning) {
  EXPECT_EQ(refs("UPDATE users u SET name = o.name, (a, b) = (SELECT x, y FROM z WHERE z.id = u.id), c[1] = $1 "
                 "FROM other o WHERE o.id = u.id RETURNING u.id"),
            (Lines{"table users target", "table other", "write users.name", "read other.name", "write users.a",
                   "table z", "read z.x outer[users|other]", "read z.y outer[users|other]", "filter z.id",
                   "filter users.id", "write users.b", "write users.c", "filter other.id", "filter users.id",
                   "read users.id"}));
}

TEST(ColumnRefs, DeleteUsingAndReturning) {
  EXPECT_EQ(refs("DELETE FROM sessions s USING users u WHERE s.user_id = u.id AND u.banned RETURNING s.id"),
            (Lines{"table sessions target", "table users", "filter sessions.user_id", "filter users.id",
                   "filter users.banned", "read sessions.id"}));
  EXPECT_EQ(refs("DELETE FROM t"), (Lines{"table t target"}));
}

TEST(ColumnRefs, Merge) {
  EXPECT_EQ(refs("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED AND s.gone THEN DELETE "
                 "WHEN MATCHED THEN UPDATE SET a = s.a WHEN NOT MATCHED THEN INSERT (id, a) VALUES (s.id, s.a)"),
            (Lines{"table t target", "table s", "filter t.id", "filter s.id", "filter s.gone", "write t.a",
                   "read s.a", "write t.id", "write t.a", "read s.id", "read s.a"}));
}

TEST(ColumnRefs, CopyAndTruncate) {
  const std::string sql = "COPY t (a, \"B\") FROM STDIN";
  EXPECT_EQ(refs(sql), (Lines{"table t target", "write t.a", "write t.B"}));
  const SqlAnalysis a = analyze_query(sql);
  EXPECT_EQ(a.refs[1].offset, at(sql, "a,"));
  EXPECT_EQ(a.refs[2].offset, at(sql, "\"B\""));
  EXPECT_EQ(refs("COPY t (a) TO STDOUT"), (Lines{"table t", "read t.a"}));
  EXPECT_EQ(refs("COPY t TO STDOUT"), (Lines{"table t", "star t.*"}));
  EXPECT_EQ(refs("COPY (SELECT a FROM t) TO STDOUT"), (Lines{"table t", "read t.a"}));
  EXPECT_EQ(refs("TRUNCATE a, b.c"), (Lines{"table a target", "table b.c target"}));
}

// --- statements, strings, robustness ------------------------------------------------------

TEST(ColumnRefs, SeveralStatementsKeepTheirIndexAndOffsets) {
  const std::string sql = "BEGIN; UPDATE accounts SET balance = balance - $1 WHERE id = $2; "
                          "SELECT balance FROM accounts WHERE id = $2; COMMIT;";
  const SqlAnalysis a = analyze_query(sql);
  ASSERT_TRUE(a.is_query);
  EXPECT_EQ(a.statements, 4u);
  ASSERT_EQ(a.refs.size(), 7u);
  EXPECT_EQ(a.refs[0].statement, 1u);
  EXPECT_EQ(a.refs[4].statement, 2u);
  EXPECT_EQ(describe(a.refs[5]), "read accounts.balance");
  EXPECT_EQ(a.refs[5].offset, at(sql, "balance", 2));
  EXPECT_EQ(a.refs[6].offset, at(sql, "id", 1));
}

TEST(ColumnRefs, ExplainAndPrepareWrapAQuery) {
  EXPECT_EQ(refs("EXPLAIN SELECT a FROM t"), (Lines{"table t", "read t.a"}));
  EXPECT_EQ(refs("PREPARE p AS SELECT a FROM t WHERE b = $1"), (Lines{"table t", "read t.a", "filter t.b"}));
}

TEST(ColumnRefs, TemplatePlaceholdersSubstitutedAsParameters) {
  // cppscan replaces {} and %s with $n before calling: the constant parts still count.
  EXPECT_EQ(refs("SELECT id, $1 FROM users WHERE name = $2"), (Lines{"table users", "read users.id", "filter users.name"}));
  // A placeholder standing for a column list or a table name is not valid SQL as a parameter.
  for (const char* sql : {"SELECT $1 FROM $2", "SELECT id FROM $1", "UPDATE users SET $1 WHERE id = $2"}) {
    const SqlAnalysis a = analyze_query(sql);
    EXPECT_FALSE(a.is_query) << sql;
    EXPECT_FALSE(a.error.empty()) << sql;
    EXPECT_TRUE(a.refs.empty()) << sql;
  }
  // Unsubstituted templates are syntax errors, not crashes.
  for (const char* sql : {"SELECT {} FROM users", "SELECT %s FROM users WHERE id = %d", "SELECT ? FROM t WHERE a = ?"}) {
    const SqlAnalysis a = analyze_query(sql);
    EXPECT_FALSE(a.is_query) << sql;
    EXPECT_NE(a.error.find("syntax error"), std::string::npos) << sql << ": " << a.error;
  }
  const SqlAnalysis a = analyze_query("SELECT {} FROM users");
  EXPECT_EQ(a.error_offset, 7u);
}

TEST(ColumnRefs, ProseAndNonQueriesAreNotQueries) {
  struct Case {
    const char* sql;
    bool has_error;
  };
  for (const Case& c : {Case{"Update failed for user", true}, Case{"select an option", true},
                        Case{"DELETE", true}, Case{"", false}, Case{"   -- only a comment\n", false},
                        Case{"SELECT", false}, Case{"BEGIN", false}, Case{"BEGIN; COMMIT", false},
                        Case{"SET search_path = app", false}, Case{"SELECT * ", true},
                        Case{"SELECT users.email", true}, Case{"CREATE TABLE t (a int); SELECT a FROM t", false},
                        Case{"ALTER TABLE users DROP COLUMN email", false}, Case{"Hello, world!", true},
                        Case{"insert coin", true}}) {
    const SqlAnalysis a = analyze_query(c.sql);
    EXPECT_FALSE(a.is_query) << c.sql;
    EXPECT_TRUE(a.refs.empty()) << c.sql;
    EXPECT_EQ(!a.error.empty(), c.has_error) << c.sql << ": " << a.error;
  }
  const SqlAnalysis a = analyze_query("select an option");
  EXPECT_EQ(a.error_offset, 7u);  // "an"
  const SqlAnalysis b = analyze_query("Update failed for user");
  EXPECT_EQ(b.error_offset, 14u);  // "for"
  const SqlAnalysis e = analyze_query("");
  EXPECT_EQ(e.statements, 0u);
}

TEST(ColumnRefs, ErrorOffsetCountsBytes) {
  // libpg_query reports the 14th character; two of the characters before it take two bytes.
  const std::string sql = "SELECT '\xC3\xA9\xC3\xA9' ,, 1";
  const SqlAnalysis a = analyze_query(sql);
  EXPECT_FALSE(a.is_query);
  EXPECT_EQ(a.error_offset, sql.find(",,") + 1);
}

TEST(ColumnRefs, LockAndSessionStatementsAccompanyAQuery) {
  EXPECT_EQ(refs("BEGIN; LOCK TABLE jobs IN SHARE ROW EXCLUSIVE MODE; SET LOCAL lock_timeout = '1s'; "
                 "DELETE FROM jobs WHERE done; COMMIT"),
            (Lines{"table jobs", "table jobs target", "filter jobs.done"}));
}

TEST(ColumnRefs, HostileInputNeverCrashes) {
  const std::string prose(1 << 20, 'a');
  const SqlAnalysis p = analyze_query(prose);
  EXPECT_FALSE(p.is_query);
  EXPECT_LT(p.error.size(), 300u) << "the message quotes the token: it is cut short";

  std::string words;
  while (words.size() < (1u << 20)) words += "Update failed for user 42; select an option. ";
  EXPECT_FALSE(analyze_query(words).is_query);

  EXPECT_FALSE(analyze_query(std::string("SELECT a\0 FROM t", 16)).is_query);
  EXPECT_FALSE(analyze_query("SELECT '\xFF\xFE' FROM \xC3").is_query);

  std::string deep = "SELECT ";
  for (int k = 0; k < 5000; ++k) deep += "f(";
  deep += "x";
  for (int k = 0; k < 5000; ++k) deep += ")";
  deep += " FROM t";
  const SqlAnalysis d = analyze_query(deep);
  EXPECT_FALSE(d.is_query);
  EXPECT_FALSE(d.error.empty());

  std::string nested = "SELECT a FROM t WHERE x IN ";
  for (int k = 0; k < 400; ++k) nested += "(SELECT b FROM u WHERE y IN ";
  nested += "(1)" + std::string(400, ')');
  EXPECT_EQ(analyze_query(nested).error, "expression nested too deeply to analyze");

  std::string parens = "SELECT " + std::string(100000, '(') + "1" + std::string(100000, ')');
  EXPECT_FALSE(analyze_query(parens).error.empty());

  // A 1 MB string of real queries is a query, with every reference.
  std::string many;
  while (many.size() < (1u << 20)) many += "SELECT a FROM t WHERE b = $1;\n";
  const SqlAnalysis m = analyze_query(many);
  EXPECT_TRUE(m.is_query);
  EXPECT_EQ(m.refs.size(), 3 * m.statements);
  EXPECT_EQ(m.refs.back().offset, many.rfind("b = "));
}

TEST(ColumnRefs, UnknownQualifierIsKeptAsWritten) {
  EXPECT_EQ(refs("SELECT x.a FROM t"), (Lines{"table t", "read x.a"}));
}

TEST(ColumnRefs, StarInsideExistsIsNotARead) {
  EXPECT_EQ(refs("SELECT id FROM users u WHERE EXISTS (SELECT * FROM orders o WHERE o.uid = u.id)"),
            (Lines{"table users", "read users.id", "table orders", "filter orders.uid", "filter users.id"}));
}

TEST(ColumnRefs, AccessAndCommandNames) {
  EXPECT_EQ(access_name(Access::read), "read");
  EXPECT_EQ(access_name(Access::write), "write");
  EXPECT_EQ(access_name(Access::filter), "filter");
  EXPECT_EQ(access_name(Access::star), "star");
  EXPECT_EQ(access_name(Access::table), "table");
  EXPECT_EQ(command_name(Command::delete_), "delete");
  EXPECT_EQ(command_name(Command::merge), "merge");
}

}  // namespace
}  // namespace sqlparse
