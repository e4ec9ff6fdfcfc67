// Byte classes for the lexers that scan whole files (statement_cuts, meta_commands): one
// table lookup instead of a call into the C library's <cctype> per byte. The classes are
// those of the "C" locale, which schemaguard never changes: ASCII letters and digits, and
// space, \t, \n, \v, \f, \r as blanks.
#pragma once

#include <array>
#include <cstdint>

namespace sqlparse::chars {

enum : std::uint8_t {
  kSpace = 1,        // std::isspace
  kDigit = 2,        // std::isdigit
  kAlpha = 4,        // std::isalpha
  kIdentStart = 8,   // a letter, '_' or any byte >= 0x80
  kIdentChar = 16,   // kIdentStart, a digit or '$'
  kWordChar = 32,    // kIdentStart or a digit (no '$')
};

constexpr std::array<std::uint8_t, 256> make_table() {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    std::uint8_t k = 0;
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool digit = c >= '0' && c <= '9';
    const bool start = alpha || c == '_' || c >= 0x80;
    if (c == ' ' || (c >= '\t' && c <= '\r')) k |= kSpace;
    if (digit) k |= kDigit;
    if (alpha) k |= kAlpha;
    if (start) k |= kIdentStart;
    if (start || digit || c == '$') k |= kIdentChar;
    if (start || digit) k |= kWordChar;
    t[static_cast<std::size_t>(c)] = k;
  }
  return t;
}

inline constexpr std::array<std::uint8_t, 256> kTable = make_table();

constexpr bool is(char c, std::uint8_t mask) { return (kTable[static_cast<unsigned char>(c)] & mask) != 0; }
constexpr bool is_space(char c) { return is(c, kSpace); }
constexpr bool is_digit(char c) { return is(c, kDigit); }
constexpr bool is_alnum(char c) { return is(c, kAlpha | kDigit); }
constexpr char to_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace sqlparse::chars
