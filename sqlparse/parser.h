// Splits a SQL file into statements and parses each with libpg_query
// (PostgreSQL 15 grammar). The only place that calls the parser.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sqlparse/node.h"
#include "sqlparse/source.h"

namespace sqlparse {

struct Statement {
  std::size_t index = 0;  // 0-based position in the file
  // Byte range in SourceText::bytes(): from the first token to the end of the
  // last one, without leading comments, surrounding blanks or the ';'.
  std::size_t begin = 0;
  std::size_t end = 0;
  Position start;  // position of the first character
  Position stop;   // position just past the last character (exclusive, as in SARIF)
  std::string_view text;
  Node tree;  // e.g. {"AlterTableStmt": {...}}
  // Node::location() values are offsets from this byte offset of the file.
  std::size_t tree_base = 0;

  std::size_t file_offset(Node node) const {
    const int loc = node.location();
    return loc < 0 ? begin : tree_base + static_cast<std::size_t>(loc);
  }
};

// A psql meta-command (\set, \echo, ...) that was skipped: the server never sees
// these, and schemaguard lints only what the server runs.
struct SkippedMetaCommand {
  Position position;
  std::string text;
};

struct ParseSummary {
  std::size_t statement_count = 0;
  std::vector<SkippedMetaCommand> skipped_meta_commands;
  // A syntax error (or an unsupported meta-command such as \i) stops the file.
  std::optional<InputError> error;
};

// Parses the file and calls on_statement for each statement in order. Large files are
// parsed in slices (which ParseQueue parses in parallel); a statement's Node is valid only
// during its callback. On a syntax error no statement is reported at all: a file that does not
// parse is not half-linted.
ParseSummary parse_statements(const SourceText& source,
                              const std::function<void(const Statement&)>& on_statement);
struct ParseOptions {
  std::size_t slice_bytes = 256 * 1024;  // tests use small slices to exercise the cuts
  // Statements whose first word this returns true for (given in lower case) are neither
  // parsed nor reported: replaying history needs only what changes the schema or the
  // session, and INSERTs or UPDATEs can be most of a file. A syntax error inside a skipped
  // statement goes unnoticed; Statement::index then counts the reported statements only.
  std::function<bool(std::string_view first_word)> skip;
};
ParseSummary parse_statements(const SourceText& source, const std::function<void(const Statement&)>& on_statement,
                              const ParseOptions& options);

// Parses files on worker threads ahead of their use: add() files in order, then report()
// each, in the same order, on the thread that made the queue. report() gives what
// parse_statements() gives for the file; while it waits it parses the file's queued
// slices itself, so with no workers every parse runs in report(). The parse trees are
// freed on the thread that made them: libpg_query's memory contexts belong to their thread.
class ParseQueue {
 public:
  explicit ParseQueue(unsigned workers);  // threads besides the caller's
  ~ParseQueue();
  ParseQueue(const ParseQueue&) = delete;
  ParseQueue& operator=(const ParseQueue&) = delete;

  // Queues the file for parsing; `source` must outlive its report. Returns the file's ticket.
  std::size_t add(const SourceText& source, const ParseOptions& options = {});
  // Bytes of text added and not yet reported: what callers bound to bound the memory.
  std::size_t pending_bytes() const;
  // Waits for the file's parse and reports its statements (see parse_statements).
  ParseSummary report(std::size_t ticket, const std::function<void(const Statement&)>& on_statement);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct Comment {
  std::size_t begin = 0;  // byte range in SourceText::bytes(), delimiters included
  std::size_t end = 0;
  std::string_view text;
};

// Every comment in the file, from PostgreSQL's own scanner. Call only on a file that parses.
std::vector<Comment> comments(const SourceText& source);

// PL/pgSQL function bodies as libpg_query's JSON (for the rules that look inside
// DO blocks and functions). Empty on error.
std::string parse_plpgsql_json(std::string_view create_function_sql);

}  // namespace sqlparse
