#include "rules/sql_tokens.h"

#include <algorithm>
#include <cctype>

namespace rules {

namespace {

bool word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || static_cast<unsigned char>(c) >= 0x80;
}

bool digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

std::size_t skip_block_comment(std::string_view text, std::size_t k) {
  int depth = 0;
  while (k < text.size()) {
    if (text.compare(k, 2, "/*") == 0) {
      ++depth;
      k += 2;
    } else if (text.compare(k, 2, "*/") == 0) {
      k += 2;
      if (--depth == 0) return k;
    } else {
      ++k;
    }
  }
  return k;
}

// Past a '...' constant starting at k; `escapes` for E'...' (backslash escapes).
std::size_t skip_string(std::string_view text, std::size_t k, bool escapes) {
  for (++k; k < text.size(); ++k) {
    if (escapes && text[k] == '\\') {
      ++k;
    } else if (text[k] == '\'') {
      if (k + 1 < text.size() && text[k + 1] == '\'') ++k;
      else return k + 1;
    }
  }
  return k;
}

// Past $tag$...$tag$ starting at k, or npos when the '$' opens no dollar quote ($1).
std::size_t skip_dollar_quote(std::string_view text, std::size_t k) {
  std::size_t tag_end = k + 1;
  if (tag_end < text.size() && digit(text[tag_end])) return std::string_view::npos;
  while (tag_end < text.size() && word_char(text[tag_end]) && text[tag_end] != '$') ++tag_end;
  if (tag_end >= text.size() || text[tag_end] != '$') return std::string_view::npos;
  const std::string_view tag = text.substr(k, tag_end - k + 1);
  const std::size_t close = text.find(tag, tag_end + 1);
  return close == std::string_view::npos ? text.size() : close + tag.size();
}

}  // namespace

std::vector<SqlToken> sql_tokens(std::string_view text) {
  std::vector<SqlToken> out;
  std::size_t k = 0;
  while (k < text.size()) {
    const char c = text[k];
    const std::size_t begin = k;
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++k;
      continue;
    }
    if (text.compare(k, 2, "--") == 0) {
      while (k < text.size() && text[k] != '\n') ++k;
      continue;
    }
    if (text.compare(k, 2, "/*") == 0) {
      k = skip_block_comment(text, k);
      continue;
    }
    SqlToken token;
    if (c == '\'') {
      token.kind = SqlToken::Kind::string;
      k = skip_string(text, k, false);
    } else if ((c == 'e' || c == 'E') && k + 1 < text.size() && text[k + 1] == '\'') {
      token.kind = SqlToken::Kind::string;
      k = skip_string(text, k + 1, true);
    } else if (c == '"') {
      token.kind = SqlToken::Kind::quoted_identifier;
      for (++k; k < text.size(); ++k) {
        if (text[k] != '"') {
          token.value += text[k];
        } else if (k + 1 < text.size() && text[k + 1] == '"') {
          token.value += '"';
          ++k;
        } else {
          break;
        }
      }
      ++k;
    } else if (c == '$' && skip_dollar_quote(text, k) != std::string_view::npos) {
      token.kind = SqlToken::Kind::string;
      k = skip_dollar_quote(text, k);
    } else if (digit(c)) {
      token.kind = SqlToken::Kind::number;
      while (k < text.size() && (word_char(text[k]) || text[k] == '.')) ++k;
    } else if (word_char(c)) {
      token.kind = SqlToken::Kind::word;
      for (; k < text.size() && word_char(text[k]); ++k)
        token.value += static_cast<char>(text[k] >= 'A' && text[k] <= 'Z' ? text[k] - 'A' + 'a' : text[k]);
    } else {
      token.kind = SqlToken::Kind::symbol;
      ++k;
    }
    k = std::min(k, text.size());
    token.begin = begin;
    token.end = k;
    if (token.kind != SqlToken::Kind::word && token.kind != SqlToken::Kind::quoted_identifier)
      token.value = std::string(text.substr(begin, k - begin));
    out.push_back(std::move(token));
  }
  return out;
}

std::size_t token_at(const std::vector<SqlToken>& tokens, std::size_t offset) {
  std::size_t k = 0;
  while (k < tokens.size() && tokens[k].begin < offset) ++k;
  return k;
}

}  // namespace rules
