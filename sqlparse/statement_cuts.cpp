#include "sqlparse/statement_cuts.h"

#include <optional>
#include <utility>

#include "sqlparse/char_classes.h"

namespace sqlparse {
namespace {

bool ident_start(char c) { return chars::is(c, chars::kIdentStart); }
bool ident_char(char c) { return chars::is(c, chars::kIdentChar); }

bool equals_lower(std::string_view word, std::string_view lower) {
  if (word.size() != lower.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k)
    if (chars::to_lower(word[k]) != lower[k]) return false;
  return true;
}

class CutScanner {
 public:
  CutScanner(std::string_view text, std::size_t min_slice) : s_(text), min_slice_(min_slice) {}

  // Scans the text; false if it stopped in doubt before the end.
  bool run() {
    while (i_ < s_.size()) {
      if (!step()) return false;
    }
    if (depth_ != 0 || atomic_) return false;
    if (first_ != std::string_view::npos) spans_.push_back({first_, s_.size(), first_word_});
    return true;
  }

  const std::vector<std::size_t>& cuts() const { return cuts_; }
  std::vector<StatementSpan> take_spans() { return std::move(spans_); }

 private:
  // Consumes one token (or blank); false when the text can no longer be trusted.
  bool step() {
    const char c = s_[i_];
    if (chars::is_space(c)) {  // a run of blanks at once
      do ++i_;
      while (i_ < s_.size() && chars::is_space(s_[i_]));
      return true;
    }
    if (c == '-' && next_is('-')) {
      const std::size_t newline = s_.find('\n', i_);
      i_ = newline == std::string_view::npos ? s_.size() : newline;
      return true;
    }
    if (c == '/' && next_is('*')) return block_comment();
    if (first_ == std::string_view::npos) {  // the statement's first token
      first_ = i_;
      first_word_ = {};
    }
    if (c == '\'') return quoted('\'', false);
    if (c == '"') return quoted('"', false);
    if (c == '$') return dollar();
    if (chars::is_digit(c)) {
      while (i_ < s_.size() && (chars::is_alnum(s_[i_]) || s_[i_] == '.' || s_[i_] == '_')) ++i_;
      after_begin_ = false;
      return true;
    }
    if (ident_start(c)) return word();
    after_begin_ = false;
    ++i_;
    if (c == '(') ++depth_;
    else if (c == ')') {
      if (depth_ == 0) return false;
      --depth_;
    } else if (c == ';' && depth_ == 0 && !atomic_) {
      spans_.push_back({first_ == std::string_view::npos ? i_ - 1 : first_, i_ - 1, first_word_});
      first_ = std::string_view::npos;
      first_word_ = {};
      if (i_ - last_cut_ >= min_slice_ && i_ < s_.size()) {
        cuts_.push_back(i_);
        last_cut_ = i_;
      }
    }
    return true;
  }

  bool next_is(char c) const { return i_ + 1 < s_.size() && s_[i_ + 1] == c; }

  bool block_comment() {
    int nesting = 1;
    i_ += 2;
    while (i_ < s_.size() && nesting > 0) {
      if (s_[i_] == '/' && next_is('*')) { ++nesting; i_ += 2; }
      else if (s_[i_] == '*' && next_is('/')) { --nesting; i_ += 2; }
      else ++i_;
    }
    return nesting == 0;
  }

  // '...' or "..." with the quote doubled inside; E'...' also takes backslash escapes.
  bool quoted(char quote, bool backslash_escapes) {
    after_begin_ = false;
    ++i_;
    if (!backslash_escapes) {  // only the quote matters: jump from one to the next
      for (;;) {
        const std::size_t close = s_.find(quote, i_);
        if (close == std::string_view::npos) {
          i_ = s_.size();
          return false;
        }
        i_ = close + 1;
        if (i_ < s_.size() && s_[i_] == quote) { ++i_; continue; }
        return true;
      }
    }
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (backslash_escapes && c == '\\') { i_ += 2; continue; }
      ++i_;
      if (c == quote) {
        if (i_ < s_.size() && s_[i_] == quote) { ++i_; continue; }
        return true;
      }
    }
    return false;
  }

  // $tag$ ... $tag$; a '$' that starts no dollar quote ($1, an operator) is skipped.
  bool dollar() {
    after_begin_ = false;
    std::size_t j = i_ + 1;
    if (j < s_.size() && ident_start(s_[j])) {
      while (j < s_.size() && ident_char(s_[j]) && s_[j] != '$') ++j;
    }
    if (j >= s_.size() || s_[j] != '$') {
      ++i_;
      while (i_ < s_.size() && chars::is_digit(s_[i_])) ++i_;
      return true;
    }
    const std::string_view delimiter = s_.substr(i_, j + 1 - i_);
    const std::size_t close = s_.find(delimiter, j + 1);
    if (close == std::string_view::npos) return false;
    i_ = close + delimiter.size();
    return true;
  }

  bool word() {
    const std::size_t start = i_;
    while (i_ < s_.size() && ident_char(s_[i_])) ++i_;
    const std::string_view w = s_.substr(start, i_ - start);
    if (first_ == start) first_word_ = w;
    if (i_ < s_.size() && s_[i_] == '\'') {
      // E'...' escapes with backslashes; B'', X'', N'' and the like are plain strings.
      return quoted('\'', equals_lower(w, "e"));
    }
    if (atomic_) {
      if (equals_lower(w, "case")) ++case_depth_;
      else if (equals_lower(w, "end")) {
        if (case_depth_ > 0) --case_depth_;
        else atomic_ = false;
      }
    } else if (after_begin_ && equals_lower(w, "atomic")) {
      atomic_ = true;
      case_depth_ = 0;
    }
    after_begin_ = !atomic_ && equals_lower(w, "begin");
    return true;
  }

  std::string_view s_;
  std::size_t min_slice_;
  std::size_t i_ = 0;
  std::size_t last_cut_ = 0;
  int depth_ = 0;
  bool after_begin_ = false;  // the previous token was the word BEGIN
  bool atomic_ = false;       // inside BEGIN ATOMIC ... END
  int case_depth_ = 0;        // CASE ... END nested in an atomic body
  std::vector<std::size_t> cuts_;
  std::size_t first_ = std::string_view::npos;  // first token of the current statement
  std::string_view first_word_;
  std::vector<StatementSpan> spans_;
};

}  // namespace

std::vector<std::size_t> statement_cuts(std::string_view text, std::size_t min_slice_bytes) {
  if (min_slice_bytes == 0) min_slice_bytes = 1;
  CutScanner scanner(text, min_slice_bytes);
  scanner.run();  // in doubt: the cuts found so far
  return scanner.cuts();
}

std::optional<std::vector<StatementSpan>> statement_spans(std::string_view text) {
  CutScanner scanner(text, text.size() + 1);
  if (!scanner.run()) return std::nullopt;
  return scanner.take_spans();
}

}  // namespace sqlparse
