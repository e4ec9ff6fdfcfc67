// A SQL source file held in memory, with byte offset <-> line:column mapping.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sqlparse {

// 1-based line and column. Columns count Unicode code points, so a caret under
// a multi-byte character lines up in a UTF-8 terminal.
struct Position {
  int line = 1;
  int column = 1;
  friend bool operator==(const Position&, const Position&) = default;
};

// A problem with the input, located in its file.
struct InputError {
  std::string path;
  Position position;
  std::string message;
};

class SourceText {
 public:
  // Takes the bytes of a file. Validation is separate so callers can decide.
  SourceText(std::string path, std::string bytes);

  // Reads a file; on failure returns an InputError (missing, directory, unreadable).
  static std::optional<SourceText> load(const std::string& path, InputError& error);

  // Returns an error if the text is binary (NUL bytes) or not valid UTF-8.
  std::optional<InputError> validate() const;

  const std::string& path() const { return path_; }
  // The whole file, including a UTF-8 byte-order mark if present.
  const std::string& bytes() const { return bytes_; }
  // Offset where SQL starts: 3 when the file begins with a BOM, else 0.
  std::size_t content_begin() const { return content_begin_; }

  Position position(std::size_t byte_offset) const;
  // Byte offset of the k-th (1-based) code point of the text, clamped to the end.
  std::size_t offset_of_code_point(std::size_t content_offset, std::size_t k) const;
  // The text of a 1-based line without its line terminator (\n or \r\n).
  std::string_view line_text(int line) const;
  int line_count() const { return static_cast<int>(line_starts_.size()); }

 private:
  std::string path_;
  std::string bytes_;
  std::size_t content_begin_ = 0;
  std::vector<std::size_t> line_starts_;
  // Whole-file passes are the cost of a large file, so the constructor notes in one
  // word-at-a-time scan where the bytes other than 0x01..0x7F are: position() counts
  // code points only on lines that hold such bytes, and validate() starts at the first.
  std::vector<bool> plain_line_;  // per line: every byte is in 0x01..0x7F
  // The line holding byte k << kBlockShift, for each k: position() searches only the few
  // line starts between two such entries instead of all of them.
  static constexpr unsigned kBlockShift = 8;
  std::vector<std::size_t> block_lines_;
  std::size_t first_special_ = 0;  // first byte from content_begin_ outside 0x01..0x7F, or size
};

}  // namespace sqlparse
