#include "sqlparse/parser.h"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <optional>

#include "sqlparse/meta_commands.h"
#include "sqlparse/pg_tree.h"
#include "sqlparse/statement_cuts.h"

namespace sqlparse {
namespace {

// Slices of about this many bytes are parsed at once: small enough to bound the
// parse tree's memory, large enough that per-call overhead does not matter.
constexpr std::size_t kSliceBytes = 256 * 1024;

struct SplitStatement {
  std::size_t location = 0;  // in the text given to libpg_query
  std::size_t length = 0;
};

// Offsets that libpg_query reports for errors count characters (1-based); convert
// to a byte offset from `base`.
std::size_t error_offset(const SourceText& source, std::size_t base, int cursorpos) {
  if (cursorpos <= 0) return base;
  return source.offset_of_code_point(base, static_cast<std::size_t>(cursorpos));
}

InputError syntax_error(const SourceText& source, std::size_t base, const PgQueryError& e) {
  const std::size_t at = error_offset(source, base, e.cursorpos);
  return InputError{source.path(), source.position(at), e.message ? e.message : "syntax error"};
}

InputError syntax_error(const SourceText& source, std::size_t base, const pgtree::RawParse::Error& e) {
  return InputError{source.path(), source.position(error_offset(source, base, e.cursorpos)), e.message};
}

// Skips blanks and comments forward from i; returns the first significant byte.
std::size_t skip_trivia(std::string_view s, std::size_t i, std::size_t end) {
  while (i < end) {
    const char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '-' && i + 1 < end && s[i + 1] == '-') {
      while (i < end && s[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < end && s[i + 1] == '*') {
      int depth = 1;
      i += 2;
      while (i < end && depth > 0) {
        if (s[i] == '/' && i + 1 < end && s[i + 1] == '*') { ++depth; i += 2; }
        else if (s[i] == '*' && i + 1 < end && s[i + 1] == '/') { --depth; i += 2; }
        else ++i;
      }
    } else {
      break;
    }
  }
  return i;
}

std::size_t trim_back(std::string_view s, std::size_t begin, std::size_t end) {
  while (end > begin && std::isspace(static_cast<unsigned char>(s[end - 1]))) --end;
  return end;
}

struct PgSplit {
  PgQuerySplitResult r;
  ~PgSplit() { pg_query_free_split_result(r); }
};

}  // namespace

namespace {

// The text the server would see: meta-commands and COPY data blanked out with spaces so
// every byte offset stays the same. nullopt (and summary.error) for an \i include.
std::optional<std::string> server_text(const SourceText& source, ParseSummary& summary) {
  const std::size_t base = source.content_begin();
  std::string text = source.bytes().substr(base);
  for (const MetaCommandSpan& span : find_meta_commands(text, 0)) {
    if (!span.is_copy_data) {
      std::string command = text.substr(span.begin, span.end - span.begin);
      std::size_t name_end = 1;
      while (name_end < command.size() && !std::isspace(static_cast<unsigned char>(command[name_end]))) ++name_end;
      const std::string name = command.substr(0, name_end);
      if (name == "\\i" || name == "\\ir" || name == "\\include" || name == "\\include_relative") {
        summary.error = InputError{source.path(), source.position(base + span.begin),
                                   "psql meta-command " + name +
                                       " includes another file, which schemaguard does not follow; "
                                       "lint the included file itself"};
        return std::nullopt;
      }
      summary.skipped_meta_commands.push_back({source.position(base + span.begin), command});
    }
    for (std::size_t k = span.begin; k < span.end; ++k) text[k] = ' ';
  }
  return text;
}

// Reports the statements of one slice's parse tree. `slice` starts at byte slice_begin
// of the server text.
void report_slice(const SourceText& source, std::string_view slice, std::size_t slice_begin,
                  const pgtree::RawParse& tree, ParseSummary& summary,
                  const std::function<void(const Statement&)>& on_statement) {
  const std::size_t base = source.content_begin();
  for (std::size_t k = 0; k < tree.size(); ++k) {
    const pgtree::RawParse::Statement raw = tree.statement(k);
    const std::size_t loc = static_cast<std::size_t>(raw.location);
    std::size_t len = static_cast<std::size_t>(raw.length);
    if (len == 0) len = slice.size() - loc;  // the last statement, without a ';'
    const std::size_t first = skip_trivia(slice, loc, loc + len);
    const std::size_t end = trim_back(slice, first, loc + len);

    Statement st;
    st.index = summary.statement_count++;
    st.begin = base + slice_begin + first;
    st.end = base + slice_begin + end;
    st.start = source.position(st.begin);
    st.stop = source.position(st.end);
    st.text = std::string_view(source.bytes()).substr(st.begin, st.end - st.begin);
    st.tree = Node::raw(raw.node);
    st.tree_base = base + slice_begin;
    on_statement(st);
  }
}

// The careful way: statement boundaries from the parser itself (a first, tree-less parse
// of the whole text, which also locates any syntax error exactly), then slices of whole
// statements. Used when a slice cut by the lexer does not parse.
void parse_with_parser_split(const SourceText& source, const std::string& text, std::size_t slice_bytes,
                             ParseSummary& summary, const std::function<void(const Statement&)>& on_statement) {
  const std::size_t base = source.content_begin();
  std::vector<SplitStatement> split;
  {
    PgSplit result{pg_query_split_with_parser(text.c_str())};
    if (result.r.error) {
      summary.error = syntax_error(source, base, *result.r.error);
      return;
    }
    split.reserve(static_cast<std::size_t>(result.r.n_stmts));
    for (int k = 0; k < result.r.n_stmts; ++k) {
      const auto* st = result.r.stmts[k];
      const std::size_t loc = static_cast<std::size_t>(st->stmt_location);
      const std::size_t len = st->stmt_len == 0 ? text.size() - loc : static_cast<std::size_t>(st->stmt_len);
      split.push_back({loc, len});
    }
  }

  std::size_t next = 0;
  while (next < split.size()) {
    // A slice of whole statements.
    std::size_t last = next;
    const std::size_t slice_begin = split[next].location;
    while (last + 1 < split.size() && split[last + 1].location + split[last + 1].length - slice_begin < slice_bytes)
      ++last;
    const std::size_t slice_end = split[last].location + split[last].length;
    const std::string slice = text.substr(slice_begin, slice_end - slice_begin);

    const pgtree::RawParse parsed(slice.c_str());
    if (const auto* error = parsed.error()) {
      summary.error = syntax_error(source, base + slice_begin, *error);
      return;
    }
    report_slice(source, slice, slice_begin, parsed, summary, on_statement);
    next = last + 1;
  }
}

ParseSummary parse_text(const SourceText& source, std::string& text, std::size_t slice_bytes,
                        const ParseSummary& prepared, const std::function<void(const Statement&)>& on_statement);

// Replaces the statements `skip` picks with blanks; false when the lexer is in doubt.
bool blank_skipped_statements(std::string& text, const std::function<bool(std::string_view)>& skip) {
  const auto spans = statement_spans(text);
  if (!spans) return false;
  std::string word;
  for (const StatementSpan& span : *spans) {
    if (span.first_word.empty()) continue;
    word.assign(span.first_word);
    for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (skip(word)) std::fill(text.begin() + static_cast<std::ptrdiff_t>(span.begin),
                              text.begin() + static_cast<std::ptrdiff_t>(span.end), ' ');
  }
  return true;
}

}  // namespace

ParseSummary parse_statements(const SourceText& source, const std::function<void(const Statement&)>& on_statement) {
  return parse_statements(source, on_statement, ParseOptions{});
}

ParseSummary parse_statements(const SourceText& source, const std::function<void(const Statement&)>& on_statement,
                              const ParseOptions& options) {
  ParseSummary summary;
  std::optional<std::string> server = server_text(source, summary);
  if (!server) return summary;
  if (options.skip) {
    // Blank the skipped statements out (offsets stay); if what is left does not parse,
    // parse everything, so that the error is the one the whole file has.
    std::string kept = *server;
    if (blank_skipped_statements(kept, options.skip)) {
      ParseSummary attempt = parse_text(source, kept, options.slice_bytes, summary, on_statement);
      if (!attempt.error) return attempt;
    }
  }
  return parse_text(source, *server, options.slice_bytes, summary, on_statement);
}

namespace {

ParseSummary parse_text(const SourceText& source, std::string& text, std::size_t slice_bytes,
                        const ParseSummary& prepared, const std::function<void(const Statement&)>& on_statement) {
  ParseSummary summary = prepared;

  // Parse once: the whole text, or slices cut by the lexer at statement ends. Every
  // slice is parsed before any statement is reported, so a file with a syntax error
  // reports none (its trees are kept meanwhile).
  std::vector<std::size_t> bounds{0};
  if (text.size() > slice_bytes)
    for (std::size_t cut : statement_cuts(text, slice_bytes)) bounds.push_back(cut);
  bounds.push_back(text.size());

  std::vector<std::unique_ptr<pgtree::RawParse>> parsed;
  parsed.reserve(bounds.size() - 1);
  for (std::size_t k = 0; k + 1 < bounds.size(); ++k) {
    // libpg_query reads up to a NUL: end the slice in place for the call.
    const char saved = text[bounds[k + 1]];
    text[bounds[k + 1]] = '\0';
    parsed.push_back(std::make_unique<pgtree::RawParse>(text.c_str() + bounds[k]));
    text[bounds[k + 1]] = saved;
    if (const auto* error = parsed.back()->error()) {
      if (bounds.size() == 2) {
        summary.error = syntax_error(source, source.content_begin(), *error);
      } else {
        // A real error, or a cut in the wrong place: let the parser split the text.
        parsed.clear();
        parse_with_parser_split(source, text, slice_bytes, summary, on_statement);
      }
      return summary;
    }
  }

  for (std::size_t k = 0; k < parsed.size(); ++k) {
    const std::string_view slice = std::string_view(text).substr(bounds[k], bounds[k + 1] - bounds[k]);
    report_slice(source, slice, bounds[k], *parsed[k], summary, on_statement);
    parsed[k].reset();
  }
  return summary;
}

}  // namespace

std::vector<Comment> comments(const SourceText& source) {
  std::vector<Comment> out;
  const std::size_t base = source.content_begin();
  std::string text = source.bytes().substr(base);
  for (const MetaCommandSpan& span : find_meta_commands(text, 0))
    for (std::size_t k = span.begin; k < span.end; ++k) text[k] = ' ';
  PgQueryScanResult scan = pg_query_scan(text.c_str());
  if (!scan.error) {
    PgQuery__ScanResult* tokens = pg_query__scan_result__unpack(
        nullptr, scan.pbuf.len, reinterpret_cast<const uint8_t*>(scan.pbuf.data));
    if (tokens) {
      for (std::size_t k = 0; k < tokens->n_tokens; ++k) {
        const PgQuery__ScanToken* t = tokens->tokens[k];
        if (t->token != PG_QUERY__TOKEN__SQL_COMMENT && t->token != PG_QUERY__TOKEN__C_COMMENT) continue;
        Comment c;
        c.begin = base + static_cast<std::size_t>(t->start);
        c.end = base + static_cast<std::size_t>(t->end);
        c.text = std::string_view(source.bytes()).substr(c.begin, c.end - c.begin);
        out.push_back(c);
      }
      pg_query__scan_result__free_unpacked(tokens, nullptr);
    }
  }
  pg_query_free_scan_result(scan);
  return out;
}

std::string parse_plpgsql_json(std::string_view create_function_sql) {
  const std::string sql(create_function_sql);
  PgQueryPlpgsqlParseResult r = pg_query_parse_plpgsql(sql.c_str());
  std::string out = (!r.error && r.plpgsql_funcs) ? r.plpgsql_funcs : "";
  pg_query_free_plpgsql_parse_result(r);
  return out;
}

}  // namespace sqlparse
