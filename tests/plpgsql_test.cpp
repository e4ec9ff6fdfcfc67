// sqlparse/plpgsql.h: the SQL statements of DO blocks and PL/pgSQL routines, with
// their places in the file and the loops around them.
#include <gtest/gtest.h>

#include "sqlparse/plpgsql.h"

namespace {

using sqlparse::Position;

struct Seen {
  std::string kind;  // the embedded statement's node kind
  std::string text;
  Position start, stop;
  bool located = false;
  int loop_depth = 0;
  bool loop_commits = false;
};

struct Read {
  std::vector<std::optional<sqlparse::PlpgsqlRoutine>> routines;  // one per top-level statement
  std::vector<Seen> statements;
};

Read read(const std::string& sql) {
  sqlparse::SourceText source("test.sql", sql);
  Read out;
  const auto summary = sqlparse::parse_statements(source, [&](const sqlparse::Statement& st) {
    out.routines.push_back(sqlparse::read_plpgsql_routine(
        source, st.begin, st.end, [&](const sqlparse::PlpgsqlRoutine&, const sqlparse::EmbeddedStatement& e) {
          out.statements.push_back({std::string(e.statement.tree.kind()), std::string(e.statement.text),
                                    e.statement.start, e.statement.stop, e.located, e.loop_depth, e.loop_commits});
        }));
  });
  EXPECT_FALSE(summary.error) << summary.error->message;
  return out;
}

TEST(Plpgsql, DoBlockStatementsAtTheirPlaceInTheFile) {
  const auto r = read(
      "SELECT 1;\n"
      "DO $$\n"
      "BEGIN\n"
      "  UPDATE users SET flag = true;\n"
      "    DELETE FROM users WHERE id = 1;\n"
      "END $$;\n");
  ASSERT_EQ(r.routines.size(), 2u);
  EXPECT_FALSE(r.routines[0]) << "SELECT is no routine";
  ASSERT_TRUE(r.routines[1]);
  EXPECT_EQ(r.routines[1]->kind, sqlparse::PlpgsqlRoutine::Kind::do_block);
  EXPECT_FALSE(r.routines[1]->error);
  ASSERT_EQ(r.statements.size(), 2u);
  EXPECT_EQ(r.statements[0].kind, "UpdateStmt");
  EXPECT_EQ(r.statements[0].text, "UPDATE users SET flag = true");
  EXPECT_TRUE(r.statements[0].located);
  EXPECT_EQ(r.statements[0].start, (Position{4, 3}));
  EXPECT_EQ(r.statements[0].stop, (Position{4, 31}));
  EXPECT_EQ(r.statements[1].kind, "DeleteStmt");
  EXPECT_EQ(r.statements[1].start, (Position{5, 5}));
  EXPECT_EQ(r.statements[0].loop_depth, 0);
}

TEST(Plpgsql, DollarTagBodyOnTheFirstLineAndRepeatedText) {
  // The same statement twice: each is found on its own line, not at the first occurrence.
  const auto r = read("DO $tag$ BEGIN DELETE FROM t; DELETE FROM t;\nDELETE FROM t; END $tag$;");
  ASSERT_EQ(r.statements.size(), 3u);
  EXPECT_EQ(r.statements[0].start, (Position{1, 16}));
  EXPECT_EQ(r.statements[1].start, (Position{1, 16})) << "on the same line, the first match wins";
  EXPECT_EQ(r.statements[2].start, (Position{2, 1}));
}

TEST(Plpgsql, SingleQuotedBodyWithDoubledQuotes) {
  const auto r = read("DO LANGUAGE plpgsql\n'BEGIN\n  UPDATE t SET a = ''x'';\nEND';");
  ASSERT_EQ(r.statements.size(), 1u);
  EXPECT_TRUE(r.statements[0].located);
  EXPECT_EQ(r.statements[0].text, "UPDATE t SET a = ''x''") << "the file's text, quotes doubled";
  EXPECT_EQ(r.statements[0].start, (Position{3, 3}));
  EXPECT_EQ(r.statements[0].stop, (Position{3, 25}));
}

TEST(Plpgsql, EscapeStringBodyFallsBackToTheRoutine) {
  const auto r = read("SELECT 1;\nDO E'BEGIN\\n  DELETE FROM t; END';");
  ASSERT_EQ(r.statements.size(), 1u);
  EXPECT_FALSE(r.statements[0].located);
  EXPECT_EQ(r.statements[0].kind, "DeleteStmt");
  EXPECT_EQ(r.statements[0].text, "DELETE FROM t") << "the statement as PL/pgSQL runs it";
  EXPECT_EQ(r.statements[0].start, (Position{2, 1})) << "the DO statement's position";
}

TEST(Plpgsql, IntoClauseIsDroppedButTheStatementStillFound) {
  const auto r = read("DO $$ DECLARE n int; BEGIN\n  SELECT count(*) INTO n FROM t;\nEND $$;");
  ASSERT_EQ(r.statements.size(), 1u);
  EXPECT_TRUE(r.statements[0].located);
  EXPECT_EQ(r.statements[0].start, (Position{2, 3}));
}

TEST(Plpgsql, LoopsAndCommits) {
  const auto r = read(
      "DO $$\n"
      "DECLARE r record;\n"
      "BEGIN\n"
      "  UPDATE a SET x = 1;\n"                                     // 0: outside loops
      "  WHILE true LOOP\n"
      "    UPDATE b SET x = 1;\n"                                   // 1: loop that commits
      "    IF random() < 0.5 THEN COMMIT; END IF;\n"
      "    FOR i IN 1..3 LOOP\n"
      "      UPDATE c SET x = i;\n"                                 // 2: inner loop, no commit
      "    END LOOP;\n"
      "  END LOOP;\n"
      "  LOOP\n"
      "    BEGIN\n"
      "      UPDATE d SET x = 1;\n"                                 // 3: commit in a subtransaction
      "      COMMIT;\n"
      "    EXCEPTION WHEN others THEN NULL;\n"
      "    END;\n"
      "  END LOOP;\n"
      "  FOR r IN DELETE FROM e RETURNING * LOOP\n"                 // 4: the loop's query, run once
      "    COMMIT AND CHAIN;\n"
      "  END LOOP;\n"
      "END $$;");
  ASSERT_EQ(r.statements.size(), 5u);
  EXPECT_EQ(r.statements[0].loop_depth, 0);
  EXPECT_FALSE(r.statements[0].loop_commits);
  EXPECT_EQ(r.statements[1].loop_depth, 1);
  EXPECT_TRUE(r.statements[1].loop_commits);
  EXPECT_EQ(r.statements[2].loop_depth, 2);
  EXPECT_FALSE(r.statements[2].loop_commits) << "the innermost loop does not commit";
  EXPECT_EQ(r.statements[3].loop_depth, 1);
  EXPECT_FALSE(r.statements[3].loop_commits) << "COMMIT fails in a block with EXCEPTION";
  EXPECT_EQ(r.statements[4].kind, "DeleteStmt");
  EXPECT_EQ(r.statements[4].loop_depth, 0);
  EXPECT_EQ(r.statements[4].start, (Position{19, 12}));
}

TEST(Plpgsql, ProcedureNameVariablesAndParameters) {
  const auto r = read(
      "CREATE OR REPLACE PROCEDURE app.backfill(batch_size int) LANGUAGE plpgsql AS $$\n"
      "DECLARE Last_Id bigint;\n"
      "BEGIN\n"
      "  FOR i IN 1..10 LOOP UPDATE t SET x = 1 WHERE id = i; COMMIT; END LOOP;\n"
      "END $$;");
  ASSERT_TRUE(r.routines[0]);
  EXPECT_EQ(r.routines[0]->kind, sqlparse::PlpgsqlRoutine::Kind::procedure);
  EXPECT_EQ(r.routines[0]->name, "app.backfill");
  for (const char* name : {"batch_size", "last_id", "i"})
    EXPECT_TRUE(r.routines[0]->variables.count(name)) << name;
  ASSERT_EQ(r.statements.size(), 1u);
  EXPECT_EQ(r.statements[0].start, (Position{4, 23}));
  EXPECT_TRUE(r.statements[0].loop_commits);
}

TEST(Plpgsql, FunctionBodyAfterAsWithCommentInBetween) {
  const auto r = read("CREATE FUNCTION f() RETURNS void AS /* body */\n$$BEGIN DELETE FROM t; END$$ LANGUAGE plpgsql;");
  ASSERT_TRUE(r.routines[0]);
  EXPECT_EQ(r.routines[0]->kind, sqlparse::PlpgsqlRoutine::Kind::function);
  ASSERT_EQ(r.statements.size(), 1u);
  EXPECT_EQ(r.statements[0].start, (Position{2, 9}));
}

TEST(Plpgsql, OtherLanguagesAreNoRoutine) {
  const auto r = read(
      "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n"
      "CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;\n"
      "DO LANGUAGE plpython3u $$ plpy.execute('DELETE FROM t') $$;");
  ASSERT_EQ(r.routines.size(), 3u);
  for (const auto& routine : r.routines) EXPECT_FALSE(routine);
  EXPECT_TRUE(r.statements.empty());
}

TEST(Plpgsql, BodyThatDoesNotParseReportsAnErrorAndNoStatement) {
  const auto r = read("DO $$ BEGIN UPDATE t SET a = 1; FOREACH x IN ARRAY y LOOP END LOOP; END $$;");
  ASSERT_TRUE(r.routines[0]);
  ASSERT_TRUE(r.routines[0]->error);
  EXPECT_NE(r.routines[0]->error->find("FOREACH"), std::string::npos) << *r.routines[0]->error;
  EXPECT_TRUE(r.statements.empty());
}

TEST(Plpgsql, EmptyLoopsAndBlocks) {
  // libpg_query leaves out an empty "body": nothing to walk, and no crash.
  const auto r = read(
      "CREATE PROCEDURE p() LANGUAGE plpgsql AS $$ BEGIN LOOP END LOOP; WHILE false LOOP END LOOP; END $$;\n"
      "DO $$ BEGIN END $$;\n"
      "DO $$ BEGIN FOR i IN 1..2 LOOP BEGIN END; END LOOP; UPDATE t SET a = 1; END $$;");
  ASSERT_EQ(r.routines.size(), 3u);
  for (const auto& routine : r.routines) {
    ASSERT_TRUE(routine);
    EXPECT_FALSE(routine->error);
  }
  ASSERT_EQ(r.statements.size(), 1u);
  EXPECT_EQ(r.statements[0].kind, "UpdateStmt");
  EXPECT_EQ(r.statements[0].loop_depth, 0);
}

TEST(Plpgsql, DynamicSqlIsNotAStatement) {
  const auto r = read("DO $$ BEGIN EXECUTE 'DELETE FROM t'; PERFORM 1; END $$;");
  EXPECT_TRUE(r.statements.empty());
}

}  // namespace
