// Where a large SQL text may be cut into slices that libpg_query can parse one by one,
// found by a lexer (no parse): just after a ';' that ends a statement at the top level.
//
// The lexer knows what hides a ';' from the grammar: '...' and E'...' strings, "..."
// identifiers, $tag$ dollar quotes, -- and nested /* */ comments, parentheses (CREATE RULE
// ... DO (a; b)) and BEGIN ATOMIC ... END bodies. It only has to be right where it cuts:
// when in doubt (unterminated quote or comment, unbalanced parentheses) it stops offering
// cuts, and the caller parses the rest in one piece. A wrong cut cannot go unnoticed
// either: the parser then reports a syntax error and the caller falls back to splitting
// with the parser.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace sqlparse {

// Offsets just past a top-level ';', at least `min_slice_bytes` apart (the first at least
// that far from the start), never at the very end of the text. Empty for a short text.
std::vector<std::size_t> statement_cuts(std::string_view text, std::size_t min_slice_bytes);

// A statement as the lexer sees it: from its first token to its ';' (or the end of the text).
struct StatementSpan {
  std::size_t begin = 0;
  std::size_t end = 0;          // the ';' itself, or the text's size
  std::string_view first_word;  // as written; empty when the statement starts with no word
};

// Every statement of the text, or nullopt when the lexer is in doubt anywhere.
std::optional<std::vector<StatementSpan>> statement_spans(std::string_view text);

}  // namespace sqlparse
