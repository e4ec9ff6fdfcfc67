#include "sqlparse/parser.h"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "sqlparse/meta_commands.h"
#include "sqlparse/pg_tree.h"
#include "sqlparse/statement_cuts.h"

namespace sqlparse {
namespace {

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
    tree.prefetch(k + 1);
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

struct ParseQueue::Impl {
  struct Slice {
    std::size_t begin = 0;  // in QueuedFile::parsed()
    std::size_t end = 0;
    std::unique_ptr<pgtree::RawParse> tree;
    int maker = -1;  // the worker that made `tree`, -1 for the queue's own thread
    bool ready = false;
  };
  struct QueuedFile {
    const SourceText* source = nullptr;
    ParseOptions options;
    ParseSummary prepared;  // skipped meta-commands, or the error of an \i include
    std::string server;     // the text the server would see
    std::string kept;       // `server` with the skipped statements blanked out
    bool skipping = false;  // `kept` is what was parsed
    std::vector<Slice> slices;
    std::string& parsed() { return skipping ? kept : server; }
  };
  // A parse waiting for a thread: a slice of a prepared file, or a small file whole,
  // preparation included.
  struct Task {
    QueuedFile* file = nullptr;
    Slice* slice = nullptr;
    bool whole = false;
  };

  std::vector<std::unique_ptr<QueuedFile>> files;
  std::size_t pending_bytes = 0;

  // Shared with the workers: the mutex guards the members below it and the slices of
  // queued files until they are ready.
  std::mutex mutex;
  std::condition_variable work;  // for the workers: a task, or trees to free
  std::condition_variable done;  // for the queue's thread: a slice is ready
  std::deque<Task> tasks;
  std::vector<std::vector<pgtree::RawParse*>> to_free;  // by worker: trees only it may free
  bool stopping = false;
  std::vector<std::thread> workers;

  static void prepare(QueuedFile& file);
  void queue(const Task& task);
  void run(const Task& task, int self);
  void run_worker(int self);
  void wait(QueuedFile& file);
  void release(Slice& slice);
  ParseSummary fall_back(QueuedFile& file, const std::function<void(const Statement&)>& on_statement);
};

// The text to parse: meta-commands blanked, and the skipped statements too when the lexer
// is sure of them (offsets stay). If what is left does not parse, the whole text is
// parsed (fall_back), so that the error is the one the whole file has.
void ParseQueue::Impl::prepare(QueuedFile& file) {
  std::optional<std::string> server = server_text(*file.source, file.prepared);
  if (!server) return;
  file.server = std::move(*server);
  if (!file.options.skip) return;
  file.kept = file.server;
  file.skipping = blank_skipped_statements(file.kept, file.options.skip);
  if (!file.skipping) file.kept.clear();
}

void ParseQueue::Impl::queue(const Task& task) {
  {
    const std::lock_guard lock(mutex);
    tasks.push_back(task);
  }
  work.notify_one();
}

// Runs on any thread (`self` is the worker, -1 the queue's own thread).
void ParseQueue::Impl::run(const Task& task, int self) {
  QueuedFile& file = *task.file;
  std::unique_ptr<pgtree::RawParse> tree;
  if (task.whole) {
    prepare(file);
    if (!file.prepared.error) {
      task.slice->end = file.parsed().size();
      tree = std::make_unique<pgtree::RawParse>(file.parsed().c_str());
    }
  } else if (task.slice->begin == 0 && task.slice->end == file.parsed().size()) {
    tree = std::make_unique<pgtree::RawParse>(file.parsed().c_str());
  } else {
    // libpg_query reads up to a NUL, and other threads read the text meanwhile: a copy.
    const std::string piece = file.parsed().substr(task.slice->begin, task.slice->end - task.slice->begin);
    tree = std::make_unique<pgtree::RawParse>(piece.c_str());
  }
  {
    const std::lock_guard lock(mutex);
    task.slice->tree = std::move(tree);
    task.slice->maker = self;
    task.slice->ready = true;
  }
  done.notify_all();
}

// Frees first what it made (that bounds the memory), then parses what is queued, in order.
void ParseQueue::Impl::run_worker(int self) {
  std::unique_lock lock(mutex);
  auto& mine = to_free[static_cast<std::size_t>(self)];
  for (;;) {
    if (!mine.empty()) {
      std::vector<pgtree::RawParse*> trees;
      trees.swap(mine);
      lock.unlock();
      for (pgtree::RawParse* tree : trees) delete tree;
      lock.lock();
    } else if (!tasks.empty()) {
      const Task task = tasks.front();
      tasks.pop_front();
      lock.unlock();
      run(task, self);
      lock.lock();
    } else if (stopping) {
      return;
    } else {
      work.wait(lock);
    }
  }
}

// Until every slice of the file is parsed; parses its queued slices itself meanwhile.
void ParseQueue::Impl::wait(QueuedFile& file) {
  std::unique_lock lock(mutex);
  for (;;) {
    if (std::all_of(file.slices.begin(), file.slices.end(), [](const Slice& s) { return s.ready; })) return;
    const auto mine = std::find_if(tasks.begin(), tasks.end(), [&](const Task& t) { return t.file == &file; });
    if (mine == tasks.end()) {
      done.wait(lock);
      continue;
    }
    const Task task = *mine;
    tasks.erase(mine);
    lock.unlock();
    run(task, -1);
    lock.lock();
  }
}

void ParseQueue::Impl::release(Slice& slice) {
  if (slice.maker < 0 || !slice.tree) {
    slice.tree.reset();
    return;
  }
  {
    const std::lock_guard lock(mutex);
    to_free[static_cast<std::size_t>(slice.maker)].push_back(slice.tree.release());
  }
  work.notify_all();  // the one worker that may free it must wake
}

// After a syntax error in a slice: a real error, or a cut in the wrong place, or (when
// statements were skipped) an error only the whole text explains. The parser splits the
// text then, and the error reported is the whole file's.
ParseSummary ParseQueue::Impl::fall_back(QueuedFile& file,
                                         const std::function<void(const Statement&)>& on_statement) {
  const SourceText& source = *file.source;
  ParseSummary summary = file.prepared;
  if (file.slices.size() == 1 && !file.skipping) {
    summary.error = syntax_error(source, source.content_begin(), *file.slices[0].tree->error());
    return summary;
  }
  if (file.skipping) {
    ParseSummary attempt = file.prepared;
    parse_with_parser_split(source, file.kept, file.options.slice_bytes, attempt, on_statement);
    if (!attempt.error) return attempt;
  }
  parse_with_parser_split(source, file.server, file.options.slice_bytes, summary, on_statement);
  return summary;
}

ParseQueue::ParseQueue(unsigned workers) : impl_(std::make_unique<Impl>()) {
  impl_->to_free.resize(workers);
  for (unsigned k = 0; k < workers; ++k)
    impl_->workers.emplace_back([impl = impl_.get(), k] { impl->run_worker(static_cast<int>(k)); });
}

ParseQueue::~ParseQueue() {
  {
    // Files never reported (a run that stopped early) need no parse: drop what is queued.
    const std::lock_guard lock(impl_->mutex);
    for (const Impl::Task& task : impl_->tasks) task.slice->ready = true;
    impl_->tasks.clear();
  }
  for (auto& file : impl_->files)
    if (file) {
      impl_->wait(*file);
      for (Impl::Slice& slice : file->slices) impl_->release(slice);
    }
  {
    const std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
  }
  impl_->work.notify_all();
  for (std::thread& worker : impl_->workers) worker.join();  // each frees its trees first
}

std::size_t ParseQueue::add(const SourceText& source, const ParseOptions& options) {
  auto file = std::make_unique<Impl::QueuedFile>();
  file->source = &source;
  file->options = options;
  impl_->pending_bytes += source.bytes().size();
  if (source.bytes().size() <= options.slice_bytes) {
    file->slices.resize(1);
    impl_->queue({file.get(), &file->slices[0], true});
  } else {
    // Prepared and cut here, so that the slices of a large file spread over the threads.
    Impl::prepare(*file);
    if (!file->prepared.error) {
      std::string& text = file->parsed();
      std::vector<std::size_t> bounds{0};
      for (std::size_t cut : statement_cuts(text, options.slice_bytes)) bounds.push_back(cut);
      bounds.push_back(text.size());
      file->slices.resize(bounds.size() - 1);
      for (std::size_t k = 0; k < file->slices.size(); ++k) {
        file->slices[k].begin = bounds[k];
        file->slices[k].end = bounds[k + 1];
        impl_->queue({file.get(), &file->slices[k], false});
      }
    }
  }
  impl_->files.push_back(std::move(file));
  return impl_->files.size() - 1;
}

std::size_t ParseQueue::pending_bytes() const { return impl_->pending_bytes; }

ParseSummary ParseQueue::report(std::size_t ticket, const std::function<void(const Statement&)>& on_statement) {
  std::unique_ptr<Impl::QueuedFile> file = std::move(impl_->files.at(ticket));
  impl_->pending_bytes -= file->source->bytes().size();
  impl_->wait(*file);
  if (file->prepared.error) {
    for (Impl::Slice& slice : file->slices) impl_->release(slice);
    return file->prepared;
  }

  const bool failed = std::any_of(file->slices.begin(), file->slices.end(),
                                  [](const Impl::Slice& s) { return !s.tree || s.tree->error(); });
  if (failed) {
    ParseSummary summary = impl_->fall_back(*file, on_statement);
    for (Impl::Slice& slice : file->slices) impl_->release(slice);
    return summary;
  }
  // Every slice parsed before any statement is reported: a file with a syntax error reports none.
  ParseSummary summary = file->prepared;
  const std::string& text = file->parsed();
  for (Impl::Slice& slice : file->slices) {
    const std::string_view piece = std::string_view(text).substr(slice.begin, slice.end - slice.begin);
    report_slice(*file->source, piece, slice.begin, *slice.tree, summary, on_statement);
    impl_->release(slice);
  }
  return summary;
}

ParseSummary parse_statements(const SourceText& source, const std::function<void(const Statement&)>& on_statement) {
  return parse_statements(source, on_statement, ParseOptions{});
}

ParseSummary parse_statements(const SourceText& source, const std::function<void(const Statement&)>& on_statement,
                              const ParseOptions& options) {
  ParseQueue queue(0);
  return queue.report(queue.add(source, options), on_statement);
}

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
