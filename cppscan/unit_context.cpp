#include "cppscan/unit_context.h"

#include <clang/Lex/Lexer.h>

#include <algorithm>
#include <cctype>
#include <tuple>

namespace cppscan {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// An identifier as PostgreSQL folds it: quoted keeps case, unquoted is lower-cased.
std::string fold_identifier(const std::string& name) {
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"') return name.substr(1, name.size() - 2);
  return lower(name);
}

}  // namespace

UnitContext::UnitContext(clang::ASTContext& context, const ApiTable& apis, UnitResult& result)
    : context_(context), sm_(context.getSourceManager()), apis_(apis), result_(result) {}

bool UnitContext::is_project_location(clang::SourceLocation loc) const {
  if (loc.isInvalid()) return false;
  const clang::SourceLocation file_loc = sm_.getFileLoc(loc);
  if (sm_.isInSystemHeader(file_loc)) return false;
  return sm_.getFileEntryForID(sm_.getFileID(file_loc)) != nullptr;
}

std::vector<clang::FileID> UnitContext::project_files() const {
  std::vector<clang::FileID> files;
  for (auto it = sm_.fileinfo_begin(); it != sm_.fileinfo_end(); ++it) {
    const clang::FileID id = sm_.translateFile(it->first);
    if (id.isValid() && !sm_.isInSystemHeader(sm_.getLocForStartOfFile(id))) files.push_back(id);
  }
  return files;
}

int UnitContext::file_index(clang::FileID id) {
  const auto found = file_indexes_.find(id);
  if (found != file_indexes_.end()) return found->second;
  FileData data;
  data.id = id;
  if (const clang::FileEntry* entry = sm_.getFileEntryForID(id)) {
    data.path = entry->tryGetRealPathName().str();
    if (data.path.empty()) data.path = entry->getName().str();
  }
  files_.push_back(std::move(data));
  const int index = static_cast<int>(files_.size()) - 1;
  file_indexes_[id] = index;
  return index;
}

Origin UnitContext::origin(clang::SourceLocation loc) {
  if (loc.isInvalid()) return {};
  clang::SourceLocation at = sm_.getSpellingLoc(loc);
  if (!sm_.getFileEntryForID(sm_.getFileID(at))) at = sm_.getFileLoc(loc);  // scratch space (#x)
  const auto [id, offset] = sm_.getDecomposedLoc(at);
  if (!sm_.getFileEntryForID(id)) return {};
  return {file_index(id), offset};
}

bool UnitContext::append_literal_token(clang::SourceLocation loc, ComposedSql& out) {
  const clang::SourceLocation spelling = sm_.getSpellingLoc(loc);
  bool invalid = false;
  const char* data = sm_.getCharacterData(spelling, &invalid);
  if (invalid || !data) return false;
  const unsigned length = clang::Lexer::MeasureTokenLength(spelling, sm_, lang_options());
  const DecodedLiteral literal = decode_string_literal(std::string_view(data, length));
  if (!literal.ok) return false;
  const Origin at = origin(spelling);
  seen_literals_.insert(at);
  out.append_literal(literal, at);
  return true;
}

std::string UnitContext::source_text(clang::SourceRange range) const {
  const auto chars = clang::CharSourceRange::getTokenRange(sm_.getFileLoc(range.getBegin()), sm_.getFileLoc(range.getEnd()));
  std::string text = clang::Lexer::getSourceText(chars, sm_, lang_options()).str();
  std::replace(text.begin(), text.end(), '\n', ' ');
  if (text.size() > 80) text = text.substr(0, 77) + "...";
  return text;
}

void UnitContext::note_function(clang::SourceRange range, const std::string& name) {
  const Origin begin = origin(sm_.getFileLoc(range.getBegin()));
  const Origin end = origin(sm_.getFileLoc(range.getEnd()));
  if (begin.file < 0 || begin.file != end.file) return;
  functions_.push_back({begin, end.offset, name});
}

std::string UnitContext::function_at(Origin at) const {
  const FunctionRange* best = nullptr;
  for (const FunctionRange& f : functions_)
    if (f.begin.file == at.file && f.begin.offset <= at.offset && at.offset <= f.end &&
        (!best || f.end - f.begin.offset < best->end - best->begin.offset))
      best = &f;
  return best ? best->name : "";
}

UnitContext::Place UnitContext::place(Origin at) {
  if (at.file < 0) return {result_.file, 0, 0};
  const FileData& file = files_[static_cast<std::size_t>(at.file)];
  bool invalid = false;
  const unsigned line = sm_.getLineNumber(file.id, at.offset, &invalid);
  const unsigned byte_column = sm_.getColumnNumber(file.id, at.offset, &invalid);
  if (invalid) return {file.path, 0, 0};
  const llvm::StringRef buffer = sm_.getBufferData(file.id);
  const std::size_t line_start = at.offset - (byte_column - 1);
  int col = 1;
  for (std::size_t k = line_start; k < at.offset && k < buffer.size(); ++k)
    if ((static_cast<unsigned char>(buffer[k]) & 0xC0) != 0x80) ++col;
  return {file.path, static_cast<int>(line), col};
}

// `// schemaguard: ignore` drops the references of its own line; alone on a line, of
// the next line too.
bool UnitContext::ignored(Origin at, int line) {
  if (at.file < 0) return false;
  FileData& file = files_[static_cast<std::size_t>(at.file)];
  if (!file.ignore_scanned) {
    file.ignore_scanned = true;
    const llvm::StringRef buffer = sm_.getBufferData(file.id);
    constexpr llvm::StringLiteral marker("schemaguard: ignore");
    std::size_t from = 0;
    while ((from = buffer.find(marker, from)) != llvm::StringRef::npos) {
      const std::size_t end = from + marker.size();
      const bool whole_word = end >= buffer.size() || !(std::isalnum(static_cast<unsigned char>(buffer[end])) || buffer[end] == '-');
      std::size_t line_start = buffer.rfind('\n', from);
      line_start = line_start == llvm::StringRef::npos ? 0 : line_start + 1;
      const llvm::StringRef before = buffer.slice(line_start, from);
      const std::size_t comment = before.find("//") != llvm::StringRef::npos ? before.find("//") : before.find("/*");
      if (whole_word && comment != llvm::StringRef::npos) {
        const int marker_line = static_cast<int>(sm_.getLineNumber(file.id, static_cast<unsigned>(from)));
        file.ignored_lines.insert(marker_line);
        if (before.substr(0, comment).trim().empty()) file.ignored_lines.insert(marker_line + 1);
      }
      from = end;
    }
  }
  return file.ignored_lines.count(line) > 0;
}

int UnitContext::report_sql(const ComposedSql& sql, const std::string& api, const std::string& function, bool inactive) {
  if (!sql.has_alternatives()) return report_variant(sql, api, function, inactive);
  // Each branch of a ?: is a query of its own; a result read afterwards may come from any.
  std::vector<int> queries;
  for (const ComposedSql& variant : sql.variants())
    if (const int query = report_variant(variant, api, function, inactive); query >= 0) queries.push_back(query);
  if (queries.size() <= 1) return queries.empty() ? -1 : queries.front();
  SqlFinding either;
  either.is_sql = true;
  either.sql = queries_[static_cast<std::size_t>(queries.front())].sql;
  for (const int query : queries) {
    const SqlFinding& branch = queries_[static_cast<std::size_t>(query)];
    either.refs.insert(either.refs.end(), branch.refs.begin(), branch.refs.end());
    either.outputs.insert(either.outputs.end(), branch.outputs.begin(), branch.outputs.end());
    either.has_star = either.has_star || branch.has_star;
  }
  queries_.push_back(std::move(either));
  return static_cast<int>(queries_.size()) - 1;
}

int UnitContext::report_variant(const ComposedSql& sql, const std::string& api, const std::string& function,
                                bool inactive) {
  SqlFinding finding = analyze(sql);
  for (const FoundProblem& problem : finding.unresolved) {
    const Place p = place(problem.at);
    if (ignored(problem.at, p.line)) continue;
    result_.unresolved.push_back({p.path, p.line, p.col, function, finding.sql, problem.reason, inactive});
  }
  if (!finding.is_sql) return -1;
  const Origin first = sql.first_origin();
  if (first.file >= 0) sql_keys_.insert(files_[static_cast<std::size_t>(first.file)].path + ":" + std::to_string(first.offset));
  for (const FoundRef& found : finding.refs) {
    const Place p = place(found.at);
    if (ignored(found.at, p.line)) continue;
    Reference ref;
    ref.table = found.ref.table;
    ref.candidates = found.ref.candidates;
    ref.column = found.ref.column;
    ref.access = std::string(sqlparse::access_name(found.ref.access));
    ref.path = p.path;
    ref.line = p.line;
    ref.col = p.col;
    ref.function = function;
    ref.sql = finding.sql;
    ref.api = api;
    ref.inactive = inactive;
    result_.references.push_back(std::move(ref));
  }
  result_.sql_strings.assign(sql_keys_.begin(), sql_keys_.end());
  queries_.push_back(std::move(finding));
  return static_cast<int>(queries_.size()) - 1;
}

void UnitContext::report_unresolved(Origin at, const std::string& reason, const std::string& function,
                                    const std::string& sql) {
  const Place p = place(at);
  if (ignored(at, p.line)) return;
  result_.unresolved.push_back({p.path, p.line, p.col, function, sql, reason, false});
}

void UnitContext::report_field(const std::string& name, Origin at, int query, const std::string& function,
                               const std::string& api) {
  const Place p = place(at);
  if (ignored(at, p.line)) return;
  Reference ref;
  ref.column = name;
  ref.access = "field";
  ref.path = p.path;
  ref.line = p.line;
  ref.col = p.col;
  ref.function = function;
  ref.api = api;
  if (query >= 0) {
    const SqlFinding& q = queries_[static_cast<std::size_t>(query)];
    ref.sql = q.sql;
    const std::string wanted = lower(name);
    // Several outputs by that name when the query is one of the branches of a ?:.
    std::vector<const OutputColumn*> outputs;
    for (const OutputColumn& o : q.outputs)
      if (fold_identifier(o.name) == wanted) outputs.push_back(&o);
    if (!outputs.empty()) {
      std::set<std::tuple<std::string, std::vector<std::string>, std::string>> reported;
      for (const OutputColumn* output : outputs) {
        if (!output->is_column) continue;  // a computed result column, not a table's
        const sqlparse::ColumnRef& source = output->source.ref;
        if (!reported.insert({source.table, source.candidates, source.column}).second) continue;
        Reference column = ref;
        column.table = source.table;
        column.candidates = source.candidates;
        column.column = source.column;
        result_.references.push_back(std::move(column));
      }
      return;
    }
    std::vector<std::string> star_tables;
    for (const FoundRef& r : q.refs)
      if (r.ref.access == sqlparse::Access::star) {
        if (!r.ref.table.empty()) star_tables.push_back(r.ref.table);
        star_tables.insert(star_tables.end(), r.ref.candidates.begin(), r.ref.candidates.end());
      }
    std::sort(star_tables.begin(), star_tables.end());
    star_tables.erase(std::unique(star_tables.begin(), star_tables.end()), star_tables.end());
    if (star_tables.empty()) {
      result_.unresolved.push_back(
          {p.path, p.line, p.col, function, q.sql, "field \"" + name + "\" is not a column of the query's result", false});
      return;
    }
    if (star_tables.size() == 1) ref.table = star_tables.front();
    else ref.candidates = star_tables;
  }
  result_.references.push_back(std::move(ref));
}

void UnitContext::scan_token_group(clang::FileID file, const std::vector<clang::Token>& tokens, bool inactive) {
  if (tokens.empty()) return;
  const Origin first = origin(tokens.front().getLocation());
  if (seen_literals_.count(first)) return;
  const llvm::StringRef buffer = sm_.getBufferData(file);
  ComposedSql sql;
  for (const clang::Token& token : tokens) {
    const Origin at = origin(token.getLocation());
    if (at.file < 0 || at.offset + token.getLength() > buffer.size()) return;
    const DecodedLiteral literal = decode_string_literal(std::string_view(buffer.data() + at.offset, token.getLength()));
    if (!literal.ok) return;
    seen_literals_.insert(at);
    sql.append_literal(literal, at);
  }
  report_sql(sql, "", function_at(first), inactive);
}

}  // namespace cppscan
