#include "sqlparse/meta_commands.h"

#include <cctype>
#include <string_view>

namespace sqlparse {
namespace {

bool ieq_prefix(std::string_view s, std::size_t at, std::string_view word) {
  if (at + word.size() > s.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[at + i])) != word[i]) return false;
  return true;
}

bool is_ident_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || (static_cast<unsigned char>(c) & 0x80);
}

// True when the statement text reads COPY ... FROM STDIN.
bool is_copy_from_stdin(std::string_view stmt) {
  std::size_t i = 0;
  while (i < stmt.size() && std::isspace(static_cast<unsigned char>(stmt[i]))) ++i;
  if (!ieq_prefix(stmt, i, "copy") || (i + 4 < stmt.size() && is_ident_char(stmt[i + 4]))) return false;
  for (std::size_t k = i; k + 4 <= stmt.size(); ++k) {
    if (ieq_prefix(stmt, k, "from") && (k == 0 || !is_ident_char(stmt[k - 1]))) {
      std::size_t j = k + 4;
      while (j < stmt.size() && std::isspace(static_cast<unsigned char>(stmt[j]))) ++j;
      if (ieq_prefix(stmt, j, "stdin") && (j + 5 >= stmt.size() || !is_ident_char(stmt[j + 5])))
        return true;
    }
  }
  return false;
}

std::size_t line_end(std::string_view s, std::size_t i) {
  while (i < s.size() && s[i] != '\n') ++i;
  if (i > 0 && s[i - 1] == '\r') return i - 1;
  return i;
}

}  // namespace

std::vector<MetaCommandSpan> find_meta_commands(const std::string& text_in, std::size_t from) {
  const std::string_view s = text_in;
  std::vector<MetaCommandSpan> spans;
  std::size_t stmt_begin = from;
  std::size_t i = from;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      int depth = 1;
      i += 2;
      while (i < s.size() && depth > 0) {
        if (s[i] == '/' && i + 1 < s.size() && s[i + 1] == '*') { ++depth; i += 2; }
        else if (s[i] == '*' && i + 1 < s.size() && s[i + 1] == '/') { --depth; i += 2; }
        else ++i;
      }
    } else if (c == '\'' || c == '"') {
      // E'...' strings take backslash escapes; others double the quote.
      const bool escapes = c == '\'' && i > 0 && (s[i - 1] == 'e' || s[i - 1] == 'E') &&
                           (i < 2 || !is_ident_char(s[i - 2]));
      ++i;
      while (i < s.size()) {
        if (escapes && s[i] == '\\') { i += 2; continue; }
        if (s[i] == c) {
          if (i + 1 < s.size() && s[i + 1] == c) { i += 2; continue; }
          break;
        }
        ++i;
      }
      ++i;
    } else if (c == '$' && (i == 0 || !is_ident_char(s[i - 1]))) {
      // Dollar quote: $$ or $tag$ where tag is an identifier (not $1 parameters).
      std::size_t j = i + 1;
      const bool parameter = j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]));
      while (!parameter && j < s.size() && is_ident_char(s[j])) ++j;
      if (!parameter && j < s.size() && s[j] == '$') {
        const std::string_view tag = s.substr(i, j - i + 1);
        const std::size_t close = s.find(tag, j + 1);
        i = close == std::string_view::npos ? s.size() : close + tag.size();
      } else {
        ++i;
      }
    } else if (c == '\\') {
      const std::size_t end = line_end(s, i);
      spans.push_back({i, end, false});
      i = end;
    } else if (c == ';') {
      const bool copy = is_copy_from_stdin(s.substr(stmt_begin, i - stmt_begin));
      ++i;
      stmt_begin = i;
      if (copy) {
        // Data runs from the next line to a line holding only "\.".
        while (i < s.size() && s[i] != '\n') ++i;
        if (i < s.size()) ++i;
        while (i < s.size()) {
          const std::size_t end = line_end(s, i);
          const bool terminator = s.substr(i, end - i) == "\\.";
          spans.push_back({i, end, true});
          i = end;
          while (i < s.size() && s[i] != '\n') ++i;
          if (i < s.size()) ++i;
          if (terminator) break;
        }
        stmt_begin = i;
      }
    } else {
      ++i;
    }
  }
  return spans;
}

}  // namespace sqlparse
