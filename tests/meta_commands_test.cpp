#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sqlparse/meta_commands.h"

namespace {

// Each span as its text, COPY data prefixed with "data:".
std::vector<std::string> found(const std::string& sql) {
  std::vector<std::string> out;
  for (const sqlparse::MetaCommandSpan& span : sqlparse::find_meta_commands(sql, 0))
    out.push_back((span.is_copy_data ? "data:" : "") + sql.substr(span.begin, span.end - span.begin));
  return out;
}

TEST(MetaCommands, OneSpanPerLineEndingBeforeCarriageReturn) {
  EXPECT_EQ(found("\\set x 1\r\nSELECT 1;\n  \\echo a b"), (std::vector<std::string>{"\\set x 1", "\\echo a b"}));
  EXPECT_TRUE(found("SELECT 1 - 2 / 3;").empty()) << "a lone '-' or '/' starts no comment";
}

TEST(MetaCommands, LiteralsAndCommentsHideBackslashes) {
  // Doubled quotes stay inside the literal; the backslash after it is a command.
  EXPECT_EQ(found("SELECT 'a''\\b''', \"x\"\"\\y\";\n\\q"), (std::vector<std::string>{"\\q"}));
  // E'' takes backslash escapes, so \' does not end it; in a plain string it does.
  EXPECT_EQ(found("SELECT E'\\' \\no';\n\\q"), (std::vector<std::string>{"\\q"}));
  EXPECT_EQ(found("SELECT 'c:\\', 1 \\gset"), (std::vector<std::string>{"\\gset"}));
  EXPECT_EQ(found("SELECT xe'\\' \\gx"), (std::vector<std::string>{"\\gx"})) << "xe' is not an E'' string";
  EXPECT_EQ(found("-- \\no\n/* \\no /* \\no */ \\no */ $t$ \\no $t$ \\yes"), (std::vector<std::string>{"\\yes"}));
  EXPECT_TRUE(found("-- \\no, and no newline at the end").empty());
  EXPECT_TRUE(found("SELECT 'never closed \\no").empty());
  EXPECT_EQ(found("SELECT $1, a$b \\yes"), (std::vector<std::string>{"\\yes"})) << "$1 and a$b quote nothing";
}

TEST(MetaCommands, CopyFromStdinDataRunsToTheTerminator) {
  EXPECT_EQ(found("copy t FROM\n  STDIN;\n1\t'\n\\N\n\\.\n\\echo after"),
            (std::vector<std::string>{"data:1\t'", "data:\\N", "data:\\.", "\\echo after"}));
  EXPECT_TRUE(found("COPY t FROM stdin_file;\nSELECT 1;").empty());
  EXPECT_TRUE(found("SELECT 'copy t from stdin';\nSELECT 1;").empty());
}

// The scan skips 16 bytes at a time to the next byte that matters; a backslash, quote or
// ';' at every offset around those blocks must be seen where it is.
TEST(MetaCommands, StopBytesAtAnyAlignment) {
  for (std::size_t n = 0; n <= 40; ++n) {
    const std::string pad(n, 'x');
    EXPECT_EQ(found(pad + "\\echo hi\n"), (std::vector<std::string>{"\\echo hi"})) << n;
    EXPECT_TRUE(found(pad + "'a\\b' \"c\\d\" -- \\e\n/* \\f */").empty()) << n;
    EXPECT_EQ(found("SELECT '" + pad + "';\\g\n"), (std::vector<std::string>{"\\g"})) << n;
    EXPECT_EQ(found("COPY t FROM stdin;" + pad + "\n1\n\\.\n"), (std::vector<std::string>{"data:1", "data:\\."}))
        << n;
  }
}

}  // namespace
