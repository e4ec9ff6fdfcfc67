#include "sqlparse/source.h"

#include <algorithm>
#include <cerrno>
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

}  // namespace

SourceText::SourceText(std::string path, std::string bytes)
    : path_(std::move(path)), bytes_(std::move(bytes)) {
  if (bytes_.size() >= 3 && bytes_.compare(0, 3, "\xEF\xBB\xBF") == 0) content_begin_ = 3;
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < bytes_.size(); ++i)
    if (bytes_[i] == '\n') line_starts_.push_back(i + 1);
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
  for (std::size_t i = content_begin_; i < s.size();) {
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
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line_index = static_cast<std::size_t>(it - line_starts_.begin()) - 1;
  std::size_t begin = line_starts_[line_index];
  if (line_index == 0) begin = std::max(begin, std::min(content_begin_, offset));
  int column = 1;
  for (std::size_t i = begin; i < offset; ++i)
    if (!is_continuation(static_cast<unsigned char>(bytes_[i]))) ++column;
  return Position{static_cast<int>(line_index) + 1, column};
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
