// A small lexer for the style rules that need the statement's text as written: where a
// keyword or name sits, and names longer than the parser keeps.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace rules {

struct SqlToken {
  enum class Kind { word, quoted_identifier, string, number, symbol };
  Kind kind = Kind::symbol;
  std::size_t begin = 0;  // byte range in the text
  std::size_t end = 0;
  // word: folded to lower case as PostgreSQL folds unquoted names (ASCII only);
  // quoted_identifier: without the quotes, "" unescaped; otherwise the text itself.
  std::string value;

  bool is_word(std::string_view w) const { return kind == Kind::word && value == w; }
  bool is_identifier() const { return kind == Kind::word || kind == Kind::quoted_identifier; }
};

// The tokens of SQL text, without comments and whitespace. String constants ('...',
// E'...', $tag$...$tag$) are single tokens.
std::vector<SqlToken> sql_tokens(std::string_view text);

// Index of the first token starting at or after byte `offset`; tokens.size() if none.
std::size_t token_at(const std::vector<SqlToken>& tokens, std::size_t offset);

}  // namespace rules
