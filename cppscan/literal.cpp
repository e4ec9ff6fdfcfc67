#include "cppscan/literal.h"

namespace cppscan {
namespace {

void append_utf8(std::uint32_t cp, std::uint32_t at, DecodedLiteral& out) {
  auto put = [&](std::uint32_t byte) {
    out.text.push_back(static_cast<char>(byte));
    out.origin.push_back(at);
  };
  if (cp < 0x80) {
    put(cp);
  } else if (cp < 0x800) {
    put(0xC0 | (cp >> 6));
    put(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    put(0xE0 | (cp >> 12));
    put(0x80 | ((cp >> 6) & 0x3F));
    put(0x80 | (cp & 0x3F));
  } else {
    put(0xF0 | (cp >> 18));
    put(0x80 | ((cp >> 12) & 0x3F));
    put(0x80 | ((cp >> 6) & 0x3F));
    put(0x80 | (cp & 0x3F));
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The body of an ordinary (non-raw) literal, from after the opening quote.
void decode_escaped(std::string_view s, std::size_t i, DecodedLiteral& out) {
  while (i < s.size() && s[i] != '"') {
    const auto at = static_cast<std::uint32_t>(i);
    if (s[i] != '\\' || i + 1 >= s.size()) {
      out.text.push_back(s[i]);
      out.origin.push_back(at);
      ++i;
      continue;
    }
    const char e = s[i + 1];
    i += 2;
    switch (e) {
      case 'n': append_utf8('\n', at, out); break;
      case 't': append_utf8('\t', at, out); break;
      case 'r': append_utf8('\r', at, out); break;
      case 'a': append_utf8('\a', at, out); break;
      case 'b': append_utf8('\b', at, out); break;
      case 'f': append_utf8('\f', at, out); break;
      case 'v': append_utf8('\v', at, out); break;
      case 'x': {
        std::uint32_t v = 0;
        while (i < s.size() && hex_value(s[i]) >= 0) v = v * 16 + static_cast<std::uint32_t>(hex_value(s[i++]));
        out.text.push_back(static_cast<char>(v & 0xFF));
        out.origin.push_back(at);
        break;
      }
      case 'u':
      case 'U': {
        const std::size_t digits = e == 'u' ? 4 : 8;
        std::uint32_t v = 0;
        for (std::size_t k = 0; k < digits && i < s.size() && hex_value(s[i]) >= 0; ++k)
          v = v * 16 + static_cast<std::uint32_t>(hex_value(s[i++]));
        append_utf8(v, at, out);
        break;
      }
      default:
        if (e >= '0' && e <= '7') {
          std::uint32_t v = static_cast<std::uint32_t>(e - '0');
          for (int k = 0; k < 2 && i < s.size() && s[i] >= '0' && s[i] <= '7'; ++k) v = v * 8 + static_cast<std::uint32_t>(s[i++] - '0');
          out.text.push_back(static_cast<char>(v & 0xFF));
          out.origin.push_back(at);
        } else {
          append_utf8(static_cast<unsigned char>(e), at, out);  // \\ \" \' \?
        }
    }
  }
  out.ok = i < s.size();
}

}  // namespace

DecodedLiteral decode_string_literal(std::string_view s) {
  DecodedLiteral out;
  std::size_t i = 0;
  if (s.substr(0, 2) == "u8") i = 2;
  else if (!s.empty() && (s[0] == 'u' || s[0] == 'U' || s[0] == 'L')) i = 1;
  const bool raw = i < s.size() && s[i] == 'R';
  if (raw) ++i;
  if (i >= s.size() || s[i] != '"') return out;
  ++i;
  if (!raw) {
    decode_escaped(s, i, out);
    return out;
  }
  const std::size_t open = s.find('(', i);
  if (open == std::string_view::npos) return out;
  const std::string closing = ")" + std::string(s.substr(i, open - i)) + "\"";
  const std::size_t close = s.rfind(closing);
  if (close == std::string_view::npos || close < open) return out;
  for (std::size_t k = open + 1; k < close; ++k) {
    out.text.push_back(s[k]);
    out.origin.push_back(static_cast<std::uint32_t>(k));
  }
  out.ok = true;
  return out;
}

}  // namespace cppscan
