#include "sqlparse/source.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <sys/stat.h>

namespace sqlparse {
namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Length of the UTF-8 sequence starting at s[i], or 0 if it is malformed.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  std::size_t n;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) n = 2;
  else if (c >= 0xE0 && c <= 0xEF) n = 3;
  else if (c >= 0xF0 && c <= 0xF4) n = 4;
  else return 0;
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if (!is_continuation(static_cast<unsigned char>(s[i + k]))) return 0;
  const auto c1 = static_cast<unsigned char>(s[i + 1]);
  if (c == 0xE0 && c1 < 0xA0) return 0;  // overlong
  if (c == 0xED && c1 > 0x9F) return 0;  // surrogates
  if (c == 0xF0 && c1 < 0x90) return 0;  // overlong
  if (c == 0xF4 && c1 > 0x8F) return 0;  // beyond U+10FFFF
  return n;
}

bool is_plain(unsigned char c) { return c != 0 && c < 0x80; }

// True when all 8 bytes of w are in 0x01..0x7F. With no high bit set in w, subtracting 1
// from every byte sets a high bit only where a byte was zero (the borrow out of it).
bool is_plain_word(std::uint64_t w) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
  return ((w | (w - kOnes)) & kHighBits) == 0;
}

// The first offset from i on whose byte is NUL or not ASCII, or size.
std::size_t skip_plain(const char* data, std::size_t i, std::size_t size) {
  while (i + 16 <= size) {
    std::uint64_t a, b;
    std::memcpy(&a, data + i, 8);
    std::memcpy(&b, data + i + 8, 8);
    if (!is_plain_word(a) || !is_plain_word(b)) break;
    i += 16;
  }
  while (i < size && is_plain(static_cast<unsigned char>(data[i]))) ++i;
  return i;
}

}  // namespace

SourceText::SourceText(std::string path, std::string bytes)
    : path_(std::move(path)), bytes_(std::move(bytes)) {
  if (bytes_.size() >= 3 && bytes_.compare(0, 3, "\xEF\xBB\xBF") == 0) content_begin_ = 3;
  const char* const data = bytes_.data();
  const std::size_t size = bytes_.size();
  line_starts_.push_back(0);
  for (const void* nl = std::memchr(data, '\n', size); nl; ) {
    const std::size_t next = static_cast<std::size_t>(static_cast<const char*>(nl) - data) + 1;
    line_starts_.push_back(next);
    nl = std::memchr(data + next, '\n', size - next);
  }
  block_lines_.resize((size >> kBlockShift) + 1);
  std::size_t line = 0;
  for (std::size_t block = 0; block < block_lines_.size(); ++block) {
    const std::size_t block_begin = block << kBlockShift;
    while (line + 1 < line_starts_.size() && line_starts_[line + 1] <= block_begin) ++line;
    block_lines_[block] = line;
  }
  plain_line_.assign(line_starts_.size(), true);
  first_special_ = skip_plain(data, content_begin_, size);
  // From each special byte: mark its line, and look for the next one from the next line.
  for (std::size_t i = first_special_; i < size; i = skip_plain(data, i, size)) {
    const auto next_line = std::upper_bound(line_starts_.begin(), line_starts_.end(), i);
    plain_line_[static_cast<std::size_t>(next_line - line_starts_.begin()) - 1] = false;
    if (next_line == line_starts_.end()) break;
    i = *next_line;
  }
}

std::optional<SourceText> SourceText::load(const std::string& path, InputError& error) {
  error = InputError{path, {1, 1}, ""};
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    error.message = std::string("cannot open file: ") + std::strerror(errno);
    return std::nullopt;
  }
  if (S_ISDIR(st.st_mode)) {
    error.message = "is a directory, not a SQL file (use --migrations DIR for a migrations directory)";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error.message = std::string("cannot open file: ") + std::strerror(errno);
    return std::nullopt;
  }
  // Block reads: a history replay loads thousands of files, and istreambuf_iterator
  // copies them a character at a time.
  std::string bytes;
  if (S_ISREG(st.st_mode)) bytes.reserve(static_cast<std::size_t>(st.st_size));
  char block[1 << 16];
  while (in.read(block, sizeof block) || in.gcount() > 0) bytes.append(block, static_cast<std::size_t>(in.gcount()));
  if (in.bad()) {
    error.message = "cannot read file";
    return std::nullopt;
  }
  return SourceText(path, std::move(bytes));
}

std::optional<InputError> SourceText::validate() const {
  const std::string_view s = bytes_;
  // Runs of bytes 0x01..0x7F are each a valid one-byte sequence: skip them a word at a time.
  for (std::size_t i = first_special_; i < s.size(); i = skip_plain(s.data(), i, s.size())) {
    if (s[i] == '\0')
      return InputError{path_, position(i), "binary data (NUL byte): not a SQL text file"};
    const std::size_t n = utf8_sequence_length(s, i);
    if (n == 0)
      return InputError{path_, position(i), "invalid UTF-8 byte sequence: schemaguard reads SQL files as UTF-8"};
    i += n;
  }
  return std::nullopt;
}

Position SourceText::position(std::size_t offset) const {
  offset = std::min(offset, bytes_.size());
  // The line is one of those from the start of offset's block to the start of the next.
  const std::size_t block = offset >> kBlockShift;
  const std::size_t first = block_lines_[block];
  const std::size_t last = block + 1 < block_lines_.size() ? block_lines_[block + 1] : line_starts_.size() - 1;
  const auto starts = line_starts_.begin();
  const auto it = std::upper_bound(starts + static_cast<std::ptrdiff_t>(first) + 1,
                                   starts + static_cast<std::ptrdiff_t>(last) + 1, offset);
  const auto line_index = static_cast<std::size_t>(it - starts) - 1;
  std::size_t begin = line_starts_[line_index];
  if (line_index == 0) begin = std::max(begin, std::min(content_begin_, offset));
  const int line = static_cast<int>(line_index) + 1;
  if (plain_line_[line_index]) return Position{line, static_cast<int>(offset - begin) + 1};
  int column = 1;
  for (std::size_t i = begin; i < offset; ++i)
    if (!is_continuation(static_cast<unsigned char>(bytes_[i]))) ++column;
  return Position{line, column};
}

std::size_t SourceText::offset_of_code_point(std::size_t from, std::size_t k) const {
  std::size_t i = from;
  // Step over k-1 code points.
  for (std::size_t seen = 1; seen < k && i < bytes_.size(); ++seen) {
    ++i;
    while (i < bytes_.size() && is_continuation(static_cast<unsigned char>(bytes_[i]))) ++i;
  }
  return std::min(i, bytes_.size());
}

std::string_view SourceText::line_text(int line) const {
  if (line < 1 || line > line_count()) return {};
  std::size_t begin = line_starts_[static_cast<std::size_t>(line) - 1];
  if (line == 1) begin = content_begin_;
  std::size_t end = line < line_count() ? line_starts_[static_cast<std::size_t>(line)] : bytes_.size();
  std::string_view text(bytes_.data() + begin, end - begin);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

}  // namespace sqlparse
