// Decodes the spelling of one C++ string-literal token (any prefix, raw or not, with
// or without a user-defined suffix) into its UTF-8 text, remembering for every byte
// where in the spelling it came from, so SQL offsets map back to source columns.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cppscan {

struct DecodedLiteral {
  bool ok = false;
  std::string text;
  std::vector<std::uint32_t> origin;  // per byte of text: offset in the spelling
};

DecodedLiteral decode_string_literal(std::string_view spelling);

}  // namespace cppscan
