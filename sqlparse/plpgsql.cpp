#include "sqlparse/plpgsql.h"

#include <pg_query.h>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace sqlparse {
namespace {

struct PgParse {
  PgQueryParseResult r;
  ~PgParse() { pg_query_free_parse_result(r); }
};
struct PgPlpgsqlParse {
  PgQueryPlpgsqlParseResult r;
  ~PgPlpgsqlParse() { pg_query_free_plpgsql_parse_result(r); }
};

bool is_identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Skips blanks and comments forward from i.
std::size_t skip_trivia(std::string_view s, std::size_t i) {
  while (i < s.size()) {
    if (std::isspace(static_cast<unsigned char>(s[i]))) {
      ++i;
    } else if (s.substr(i, 2) == "--") {
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (s.substr(i, 2) == "/*") {
      int depth = 0;
      do {
        if (s.substr(i, 2) == "/*") ++depth, i += 2;
        else if (s.substr(i, 2) == "*/") --depth, i += 2;
        else ++i;
      } while (i < s.size() && depth > 0);
    } else {
      break;
    }
  }
  return i;
}

// Where the body's characters are in the routine's text, and how they are quoted there.
struct BodyLiteral {
  enum class Quoting { dollar, single } quoting = Quoting::dollar;
  std::size_t begin = 0;  // first character of the body, after the opening quote
  std::size_t end = 0;    // the closing quote
};

// The string literal at `at` (a DO body's location, or a CREATE FUNCTION's AS keyword),
// if its content, unquoted, is `body`. E'...' and U&'...' strings are not followed:
// their escapes change the text.
std::optional<BodyLiteral> find_body_literal(std::string_view text, std::size_t at, std::string_view body) {
  if (at + 2 <= text.size() && lower(text.substr(at, 2)) == "as" &&
      (at + 2 == text.size() || !is_identifier_char(text[at + 2])))
    at = skip_trivia(text, at + 2);
  if (at >= text.size() || (at > 0 && is_identifier_char(text[at - 1]))) return std::nullopt;
  BodyLiteral literal;
  if (text[at] == '$') {
    const std::size_t tag_end = text.find('$', at + 1);
    if (tag_end == std::string_view::npos) return std::nullopt;
    const std::string_view tag = text.substr(at, tag_end - at + 1);
    literal.begin = tag_end + 1;
    literal.end = text.find(tag, literal.begin);
    if (literal.end == std::string_view::npos || text.substr(literal.begin, literal.end - literal.begin) != body)
      return std::nullopt;
    return literal;
  }
  if (text[at] != '\'') return std::nullopt;
  literal.quoting = BodyLiteral::Quoting::single;
  literal.begin = at + 1;
  std::string unquoted;
  std::size_t i = literal.begin;
  while (i < text.size()) {
    if (text[i] == '\'') {
      if (i + 1 < text.size() && text[i + 1] == '\'') {
        unquoted += '\'';
        i += 2;
        continue;
      }
      break;
    }
    unquoted += text[i++];
  }
  if (i >= text.size() || unquoted != body) return std::nullopt;
  literal.end = i;
  return literal;
}

std::string doubled_quotes(std::string_view s) {
  std::string out;
  for (char c : s) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out;
}

bool is_loop(std::string_view kind) {
  return kind == "PLpgSQL_stmt_loop" || kind == "PLpgSQL_stmt_while" || kind == "PLpgSQL_stmt_fori" ||
         kind == "PLpgSQL_stmt_fors" || kind == "PLpgSQL_stmt_forc" || kind == "PLpgSQL_stmt_foreach_a" ||
         kind == "PLpgSQL_stmt_dynfors";
}

// A block with an EXCEPTION clause runs its body in a subtransaction.
bool has_handlers(Node n) { return n.is("PLpgSQL_stmt_block") && n["exceptions"].valid(); }

// Whether PL/pgSQL code runs a COMMIT that PostgreSQL allows (none inside a subtransaction).
bool runs_commit(Node n, bool in_subtransaction) {
  if (!n) return false;  // an empty loop or block has no "body"
  if (n.is("PLpgSQL_stmt_commit")) return !in_subtransaction;
  if (has_handlers(n)) {
    for (Node stmt : n["body"])
      if (runs_commit(stmt, true)) return true;
    return runs_commit(n["exceptions"], in_subtransaction);
  }
  bool found = false;
  n.for_each_child([&](Node child) { found = found || runs_commit(child, in_subtransaction); });
  return found;
}

struct LoopFrame {
  int depth = 0;
  bool commits = false;
  bool in_subtransaction = false;
};

// Reads one routine's PL/pgSQL tree and reports its statements.
class BodyReader {
 public:
  using Callback = std::function<void(const PlpgsqlRoutine&, const EmbeddedStatement&)>;

  BodyReader(const SourceText& source, std::size_t routine_begin, std::size_t routine_end,
             std::optional<BodyLiteral> literal, const PlpgsqlRoutine& routine, const Callback& on_statement)
      : source_(source), routine_begin_(routine_begin), routine_end_(routine_end), literal_(literal),
        routine_(routine), on_statement_(on_statement) {}

  void walk(Node n, const LoopFrame& frame) {
    if (!n) return;
    const std::string_view kind = n.kind();
    if (kind == "PLpgSQL_stmt_execsql") {
      emit(n["sqlstmt"]["query"].str(), n["lineno"].integer(), frame);
      return;
    }
    if (kind == "PLpgSQL_stmt_fors") emit(n["query"]["query"].str(), n["lineno"].integer(), frame);
    if (is_loop(kind)) {
      const Node body = n["body"];
      const LoopFrame inner{frame.depth + 1, runs_commit(body, frame.in_subtransaction), frame.in_subtransaction};
      for (Node stmt : body) walk(stmt, inner);
      return;
    }
    if (has_handlers(n)) {
      LoopFrame guarded = frame;
      guarded.in_subtransaction = true;
      for (Node stmt : n["body"]) walk(stmt, guarded);
      walk(n["exceptions"], frame);
      return;
    }
    n.for_each_child([&](Node child) { walk(child, frame); });
  }

 private:
  // The file range of a statement the body has at 1-based line `lineno`, if it can be found.
  std::optional<std::pair<std::size_t, std::size_t>> locate(std::string_view query, std::int64_t lineno) const {
    if (!literal_ || lineno < 1) return std::nullopt;
    const std::string_view file = source_.bytes();
    const std::size_t body_begin = routine_begin_ + literal_->begin;
    const std::size_t body_end = routine_begin_ + literal_->end;
    std::size_t line_start = body_begin;
    for (std::int64_t k = 1; k < lineno; ++k) {
      line_start = file.find('\n', line_start);
      if (line_start == std::string_view::npos || line_start >= body_end) return std::nullopt;
      ++line_start;
    }
    const std::string needle =
        literal_->quoting == BodyLiteral::Quoting::single ? doubled_quotes(query) : std::string(query);
    const std::size_t exact = file.find(needle, line_start);
    if (exact != std::string_view::npos && exact + needle.size() <= body_end) return std::pair(exact, exact + needle.size());
    // PL/pgSQL drops an INTO clause from the text it keeps: find the first word on its line.
    std::size_t word_end = 0;
    while (word_end < query.size() && is_identifier_char(query[word_end])) ++word_end;
    if (word_end == 0) return std::nullopt;
    const std::size_t line_end = std::min(body_end, file.find('\n', line_start));
    for (std::size_t at = file.find(query.substr(0, word_end), line_start); at != std::string_view::npos && at < line_end;
         at = file.find(query.substr(0, word_end), at + 1)) {
      if (at == 0 || !is_identifier_char(file[at - 1])) return std::pair(at, std::min(body_end, at + needle.size()));
    }
    return std::nullopt;
  }

  void emit(std::string_view query, std::int64_t lineno, const LoopFrame& frame) {
    const std::string sql(query);
    PgParse parsed{pg_query_parse(sql.c_str())};
    if (parsed.r.error) return;
    simdjson::dom::element doc;
    if (json_.parse(parsed.r.parse_tree, std::strlen(parsed.r.parse_tree)).get(doc) != simdjson::SUCCESS) return;
    simdjson::dom::array stmts;
    if (doc["stmts"].get(stmts) != simdjson::SUCCESS || stmts.size() != 1) return;

    EmbeddedStatement out;
    out.loop_depth = frame.depth;
    out.loop_commits = frame.commits;
    Statement& st = out.statement;
    st.index = index_++;
    if (auto range = locate(query, lineno)) {
      out.located = true;
      st.begin = range->first;
      st.end = range->second;
      st.text = std::string_view(source_.bytes()).substr(st.begin, st.end - st.begin);
    } else {
      st.begin = routine_begin_;
      st.end = routine_end_;
      st.text = sql;
    }
    st.start = source_.position(st.begin);
    st.stop = source_.position(st.end);
    st.tree = Node(stmts.at(0).value_unsafe())["stmt"];
    st.tree_base = st.begin;
    on_statement_(routine_, out);
  }

  const SourceText& source_;
  std::size_t routine_begin_;
  std::size_t routine_end_;
  std::optional<BodyLiteral> literal_;
  const PlpgsqlRoutine& routine_;
  const Callback& on_statement_;
  simdjson::dom::parser json_;
  std::size_t index_ = 0;
};

void collect_variables(Node datums, std::set<std::string>& out) {
  for (Node datum : datums) {
    const std::string_view name = datum["refname"].str();
    if (!name.empty() && name.front() != '(') out.insert(lower(name));
  }
}

}  // namespace

std::optional<PlpgsqlRoutine> read_plpgsql_routine(
    const SourceText& source, std::size_t begin, std::size_t end,
    const std::function<void(const PlpgsqlRoutine&, const EmbeddedStatement&)>& on_statement) {
  if (begin >= end || end > source.bytes().size()) return std::nullopt;
  const std::string text = source.bytes().substr(begin, end - begin);

  PgParse parsed{pg_query_parse(text.c_str())};
  if (parsed.r.error) return std::nullopt;
  simdjson::dom::parser statement_json;
  simdjson::dom::element doc;
  if (statement_json.parse(parsed.r.parse_tree, std::strlen(parsed.r.parse_tree)).get(doc) != simdjson::SUCCESS)
    return std::nullopt;
  simdjson::dom::array stmts;
  if (doc["stmts"].get(stmts) != simdjson::SUCCESS || stmts.size() != 1) return std::nullopt;
  const Node stmt = Node(stmts.at(0).value_unsafe())["stmt"];

  PlpgsqlRoutine routine;
  std::string language;
  Node body;
  if (stmt.is("DoStmt")) {
    language = "plpgsql";  // the default for DO
    for (Node arg : stmt["args"]) {
      if (arg["defname"].str() == "language") language = lower(arg["arg"].str());
      if (arg["defname"].str() == "as") body = arg;
    }
  } else if (stmt.is("CreateFunctionStmt")) {
    routine.kind = stmt["is_procedure"].boolean() ? PlpgsqlRoutine::Kind::procedure : PlpgsqlRoutine::Kind::function;
    routine.name = join_names(stmt["funcname"]);
    for (Node option : stmt["options"]) {
      if (option["defname"].str() == "language") language = lower(option["arg"].str());
      if (option["defname"].str() == "as" && option["arg"]["items"].size() == 1) body = option;
    }
  }
  if (language != "plpgsql" || !body) return std::nullopt;
  const std::string_view body_text =
      body["arg"].is("List") ? body["arg"]["items"].at(0).str() : body["arg"].str();
  const auto literal = body.location() < 0
                           ? std::nullopt
                           : find_body_literal(text, static_cast<std::size_t>(body.location()), body_text);

  PgPlpgsqlParse plpgsql{pg_query_parse_plpgsql(text.c_str())};
  if (plpgsql.r.error) {
    routine.error = plpgsql.r.error->message ? plpgsql.r.error->message : "does not parse";
    return routine;
  }
  simdjson::dom::parser body_json;
  simdjson::dom::element functions;
  if (!plpgsql.r.plpgsql_funcs ||
      body_json.parse(plpgsql.r.plpgsql_funcs, std::strlen(plpgsql.r.plpgsql_funcs)).get(functions) !=
          simdjson::SUCCESS) {
    routine.error = "unreadable PL/pgSQL tree";
    return routine;
  }
  const Node function = Node(functions).at(0);  // {"PLpgSQL_function": {...}}
  collect_variables(function["datums"], routine.variables);
  BodyReader reader(source, begin, end, literal, routine, on_statement);
  reader.walk(function["action"], LoopFrame{});
  return routine;
}

}  // namespace sqlparse
