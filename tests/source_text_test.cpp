// SourceText's line index and validation: the constructor scans a word at a time and
// position() searches a block index, so these compare against byte-by-byte definitions
// at the offsets where those shortcuts could go wrong (word and block boundaries).
#include <gtest/gtest.h>

#include <string>

#include "sqlparse/source.h"

namespace {

using sqlparse::Position;
using sqlparse::SourceText;

// Line and column by definition: lines end after '\n', columns count code points
// (bytes that are not UTF-8 continuation bytes) from the line start, BOM excluded.
Position naive_position(const std::string& bytes, std::size_t offset) {
  const std::size_t content_begin = bytes.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  Position p;
  for (std::size_t i = std::min(content_begin, offset); i < offset; ++i) {
    if (bytes[i] == '\n') {
      ++p.line;
      p.column = 1;
    } else if ((static_cast<unsigned char>(bytes[i]) & 0xC0) != 0x80) {
      ++p.column;
    }
  }
  return p;
}

void expect_positions_match(const std::string& bytes) {
  const SourceText source("t.sql", bytes);
  for (std::size_t offset = 0; offset <= bytes.size() + 2; ++offset)
    ASSERT_EQ(source.position(offset), naive_position(bytes, std::min(offset, bytes.size())))
        << "offset " << offset << " of " << bytes.size();
}

TEST(SourceText, PositionsAtLineEdgesAndAcrossIndexBlocks) {
  // Lines of many lengths (empty, exactly a block of 256 bytes, longer), some with
  // multibyte characters, so line starts fall on, before and after block boundaries.
  std::string text;
  for (int n : {0, 1, 7, 8, 15, 16, 255, 256, 257, 3, 600, 0, 31})
    text += std::string(static_cast<std::size_t>(n), 'a') + "\n";
  text += "caf\xC3\xA9 \xE2\x82\xAC 1;\n" + std::string(300, 'b') + "\xF0\x9F\x98\x80" + "x\r\n";
  text += "last line without newline";
  expect_positions_match(text);
  expect_positions_match("");
  expect_positions_match("\n\n\n");
  expect_positions_match("no newline at all");
}

TEST(SourceText, FirstAndLastByteOfALine) {
  const SourceText source("t.sql", "SELECT 1;\r\n\xC3\xA9t\xC3\xA9;\nx");
  EXPECT_EQ(source.position(0), (Position{1, 1}));
  EXPECT_EQ(source.position(8), (Position{1, 9}));    // ';'
  EXPECT_EQ(source.position(9), (Position{1, 10}));   // '\r' of CRLF
  EXPECT_EQ(source.position(10), (Position{1, 11}));  // '\n'
  EXPECT_EQ(source.position(11), (Position{2, 1}));   // first byte of "été"
  EXPECT_EQ(source.position(14), (Position{2, 3}));   // second é, two code points in
  EXPECT_EQ(source.position(17), (Position{2, 5}));   // '\n' after the ';'
  EXPECT_EQ(source.position(18), (Position{3, 1}));
  EXPECT_EQ(source.position(19), (Position{3, 2}));   // end of text
  EXPECT_EQ(source.position(500), (Position{3, 2}));  // clamped
  EXPECT_EQ(source.line_text(1), "SELECT 1;");
  EXPECT_EQ(source.line_count(), 3);
}

TEST(SourceText, ByteOrderMarkIsNotAColumn) {
  const std::string text = "\xEF\xBB\xBFSELECT 1;\nSELECT 2;";
  expect_positions_match(text);
  const SourceText source("t.sql", text);
  EXPECT_EQ(source.position(3), (Position{1, 1}));
  EXPECT_FALSE(source.validate());
}

// An invalid byte or NUL at every offset around the 8- and 16-byte words of the fast path,
// after plain ASCII and after a multibyte character.
TEST(SourceText, ValidationFindsTheFirstBadByteAtAnyAlignment) {
  for (const std::string& prefix : {std::string(), std::string("\xC3\xA9"), std::string("\xEF\xBB\xBF")}) {
    for (std::size_t n = 0; n <= 40; ++n) {
      const std::string lead = prefix + std::string(n, 'a');
      const int column = static_cast<int>(n) + (prefix == "\xC3\xA9" ? 2 : 1);
      for (const std::string& tail : {std::string("\xFF"), std::string("\xC3"), std::string("\xED\xA0\x80")}) {
        const SourceText bad("t.sql", lead + tail + std::string(20, 'z'));
        const auto error = bad.validate();
        ASSERT_TRUE(error) << n;
        EXPECT_EQ(error->position, (Position{1, column})) << n;
        EXPECT_EQ(error->message, "invalid UTF-8 byte sequence: schemaguard reads SQL files as UTF-8");
      }
      const SourceText binary("t.sql", lead + std::string(1, '\0') + "\xFF" + std::string(20, 'z'));
      const auto error = binary.validate();
      ASSERT_TRUE(error) << n;
      EXPECT_EQ(error->position, (Position{1, column})) << n;
      EXPECT_EQ(error->message, "binary data (NUL byte): not a SQL text file");
      // A valid sequence straddling a word boundary is fine.
      EXPECT_FALSE(SourceText("t.sql", lead + "\xF0\x9F\x98\x80" + std::string(n, 'b')).validate()) << n;
    }
  }
}

TEST(SourceText, InvalidByteOnALaterLineAfterMultibyteLines) {
  std::string text;
  for (int k = 0; k < 50; ++k) text += "SELECT '\xC3\xA9t\xC3\xA9';\n";
  text += "SELECT 'ok';\n  SELECT '\xC0\xAF';\n";  // an overlong '/', on line 52, column 11
  const auto error = SourceText("t.sql", text).validate();
  ASSERT_TRUE(error);
  EXPECT_EQ(error->position, (Position{52, 11}));
  EXPECT_FALSE(SourceText("t.sql", text.substr(0, text.size() - 19)).validate());
  EXPECT_TRUE(SourceText("t.sql", "SELECT '\xE2\x82").validate()) << "a sequence cut off by the end of the file";
}

}  // namespace
