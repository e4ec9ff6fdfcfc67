#include "sqlparse/meta_commands.h"

#include <algorithm>
#include <array>
#include <bit>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "sqlparse/char_classes.h"

namespace sqlparse {
namespace {

bool ieq_prefix(std::string_view s, std::size_t at, std::string_view word) {
  if (at + word.size() > s.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (chars::to_lower(s[at + i]) != word[i]) return false;
  return true;
}

bool is_ident_char(char c) { return chars::is(c, chars::kWordChar); }

// The bytes the scan below stops at; everything else is skipped in a tight loop.
constexpr std::array<bool, 256> make_stops() {
  std::array<bool, 256> stops{};
  for (unsigned char c : std::string_view("-/'\"$\\;")) stops[c] = true;
  return stops;
}
constexpr std::array<bool, 256> kStops = make_stops();

// The first offset from i on holding a stop byte, or s.size(). Most of a file is skipped
// here, so with SSE2 (every x86-64) it tests 16 bytes at once against the seven stops.
std::size_t next_stop(std::string_view s, std::size_t i) {
#if defined(__SSE2__)
  const __m128i dash = _mm_set1_epi8('-'), slash = _mm_set1_epi8('/'), quote = _mm_set1_epi8('\'');
  const __m128i double_quote = _mm_set1_epi8('"'), dollar = _mm_set1_epi8('$');
  const __m128i backslash = _mm_set1_epi8('\\'), semicolon = _mm_set1_epi8(';');
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    const __m128i hits = _mm_or_si128(
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, dash), _mm_cmpeq_epi8(v, slash)),
                     _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, double_quote))),
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, dollar), _mm_cmpeq_epi8(v, backslash)),
                     _mm_cmpeq_epi8(v, semicolon)));
    const auto stops = static_cast<unsigned>(_mm_movemask_epi8(hits));
    if (stops != 0) return i + static_cast<std::size_t>(std::countr_zero(stops));
  }
#endif
  while (i < s.size() && !kStops[static_cast<unsigned char>(s[i])]) ++i;
  return i;
}

// True when the statement text reads COPY ... FROM STDIN.
bool is_copy_from_stdin(std::string_view stmt) {
  std::size_t i = 0;
  while (i < stmt.size() && chars::is_space(stmt[i])) ++i;
  if (!ieq_prefix(stmt, i, "copy") || (i + 4 < stmt.size() && is_ident_char(stmt[i + 4]))) return false;
  for (std::size_t k = i; k + 4 <= stmt.size(); ++k) {
    if (ieq_prefix(stmt, k, "from") && (k == 0 || !is_ident_char(stmt[k - 1]))) {
      std::size_t j = k + 4;
      while (j < stmt.size() && chars::is_space(stmt[j])) ++j;
      if (ieq_prefix(stmt, j, "stdin") && (j + 5 >= stmt.size() || !is_ident_char(stmt[j + 5])))
        return true;
    }
  }
  return false;
}

std::size_t line_end(std::string_view s, std::size_t i) {
  i = std::min(s.find('\n', i), s.size());
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
    i = next_stop(s, i);
    if (i == s.size()) break;
    const char c = s[i];
    if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
      const std::size_t newline = s.find('\n', i);
      i = newline == std::string_view::npos ? s.size() : newline;
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
      while (!escapes && i < s.size()) {  // only the quote matters: jump from one to the next
        const std::size_t close = s.find(c, i);
        if (close == std::string_view::npos) {
          i = s.size();
        } else if (close + 1 < s.size() && s[close + 1] == c) {
          i = close + 2;
          continue;
        } else {
          i = close;
        }
        break;
      }
      while (escapes && i < s.size()) {
        if (s[i] == '\\') { i += 2; continue; }
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
      const bool parameter = j < s.size() && chars::is_digit(s[j]);
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
