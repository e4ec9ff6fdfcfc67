#include "cppscan/composed_sql.h"

#include <algorithm>
#include <cctype>

#include "sqlparse/parser.h"
#include "sqlparse/source.h"

namespace cppscan {
namespace {

constexpr std::string_view kNamePlaceholder = "sg_dynamic_";

std::string lower_word_at(std::string_view text, std::size_t& i) {
  std::string word;
  while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_' || text[i] == '$' ||
                             text[i] == '.' || text[i] == '"'))
    word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(text[i++]))));
  return word;
}

// The first words of the text, lower-cased, punctuation skipped.
std::vector<std::string> leading_words(std::string_view text, std::size_t limit) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < text.size() && words.size() < limit) {
    if (text.substr(i, 2) == "--") {
      while (i < text.size() && text[i] != '\n') ++i;
      continue;
    }
    if (text.substr(i, 2) == "/*") {
      const std::size_t end = text.find("*/", i + 2);
      i = end == std::string_view::npos ? text.size() : end + 2;
      continue;
    }
    std::string word = lower_word_at(text, i);
    if (word.empty()) ++i;
    else words.push_back(std::move(word));
  }
  return words;
}

bool contains(const std::vector<std::string>& words, std::size_t from, std::size_t to, std::string_view word) {
  for (std::size_t k = from; k < std::min(to, words.size()); ++k)
    if (words[k] == word) return true;
  return false;
}

// Stricter than starts_like_sql: the statement's skeleton is there. Used to decide
// whether a string that does not parse is SQL worth reporting as unresolved.
bool looks_like_sql(std::string_view text) {
  const auto words = leading_words(text, 4096);
  if (words.empty()) return false;
  const std::string& first = words[0];
  if (first == "select") return contains(words, 1, words.size(), "from");
  if (first == "insert") return words.size() > 1 && words[1] == "into";
  if (first == "delete") return words.size() > 1 && words[1] == "from";
  if (first == "update") return contains(words, 2, 6, "set");
  if (first == "with") return contains(words, 2, 12, "as") && contains(words, 2, words.size(), "select");
  return false;
}

// Byte ranges of single-quoted SQL literals ('' escapes a quote).
std::vector<std::pair<std::size_t, std::size_t>> quoted_ranges(std::string_view text) {
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '\'') {
      ++i;
      continue;
    }
    const std::size_t open = i++;
    while (i < text.size()) {
      if (text[i] == '\'' && i + 1 < text.size() && text[i + 1] == '\'') i += 2;
      else if (text[i] == '\'') break;
      else ++i;
    }
    ranges.push_back({open, i});
    ++i;
  }
  return ranges;
}

int highest_parameter(std::string_view text) {
  int highest = 0;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] != '$' || !std::isdigit(static_cast<unsigned char>(text[i + 1]))) continue;
    int n = 0;
    std::size_t k = i + 1;
    while (k < text.size() && std::isdigit(static_cast<unsigned char>(text[k])) && n < 100000) n = n * 10 + (text[k++] - '0');
    highest = std::max(highest, n);
  }
  return highest;
}

struct Rendered {
  std::string sql;
  std::vector<Origin> origins;
  std::vector<std::pair<std::size_t, std::size_t>> hole_ranges;  // in sql, per hole
  std::vector<std::string> hole_names;
};

Rendered render(const ComposedSql& c, bool holes_as_names) {
  Rendered r;
  const int base = highest_parameter(c.text());
  std::size_t at = 0;
  for (std::size_t h = 0; h < c.holes().size(); ++h) {
    const auto& hole = c.holes()[h];
    r.sql.append(c.text(), at, hole.text_offset - at);
    r.origins.insert(r.origins.end(), c.origins().begin() + static_cast<std::ptrdiff_t>(at),
                     c.origins().begin() + static_cast<std::ptrdiff_t>(hole.text_offset));
    at = hole.text_offset;
    const std::string stand_in = holes_as_names ? std::string(kNamePlaceholder) + std::to_string(h + 1)
                                                : "$" + std::to_string(base + static_cast<int>(h) + 1);
    r.hole_ranges.push_back({r.sql.size(), r.sql.size() + stand_in.size()});
    r.hole_names.push_back(stand_in);
    r.sql += stand_in;
    r.origins.insert(r.origins.end(), stand_in.size(), hole.at);
  }
  r.sql.append(c.text(), at, std::string::npos);
  r.origins.insert(r.origins.end(), c.origins().begin() + static_cast<std::ptrdiff_t>(at), c.origins().end());
  return r;
}

bool is_placeholder_name(std::string_view name) {
  const std::size_t dot = name.rfind('.');
  const std::string_view last = dot == std::string_view::npos ? name : name.substr(dot + 1);
  return last.substr(0, kNamePlaceholder.size()) == kNamePlaceholder;
}

// The result columns of the last row-returning statement, by output name.
std::vector<OutputColumn> output_columns(const std::string& sql, const std::vector<FoundRef>& refs) {
  std::vector<OutputColumn> outputs;
  const sqlparse::SourceText source("<sql>", sql);
  sqlparse::parse_statements(source, [&](const sqlparse::Statement& statement) {
    sqlparse::Node body = statement.tree;
    sqlparse::Node targets;
    if (body.is("SelectStmt")) {
      sqlparse::Node select = body;
      while (select && !select["targetList"] && select["larg"]) select = select["larg"];
      targets = select["targetList"];
    } else if (body.is("InsertStmt") || body.is("UpdateStmt") || body.is("DeleteStmt")) {
      targets = body["returningList"];
    }
    if (!targets || targets.size() == 0) return;
    outputs.clear();
    for (const sqlparse::Node target : targets) {
      const std::string alias(target["name"].str());
      const sqlparse::Node value = target["val"];
      if (value.is("ColumnRef")) {
        const sqlparse::Node fields = value["fields"];
        if (fields.size() == 0 || fields.at(fields.size() - 1).is("A_Star")) continue;
        const std::string column(fields.at(fields.size() - 1).str());
        OutputColumn out{alias.empty() ? column : alias, true, {}};
        const std::size_t start = statement.file_offset(value);
        const FoundRef* best = nullptr;
        for (const FoundRef& ref : refs)
          if (ref.ref.column == column && ref.ref.offset >= start && (!best || ref.ref.offset < best->ref.offset))
            best = &ref;
        if (!best) continue;
        out.source = *best;
        outputs.push_back(std::move(out));
      } else if (!alias.empty()) {
        outputs.push_back({alias, false, {}});
      } else if (value.is("FuncCall")) {
        const sqlparse::Node name = value["funcname"];
        if (name.size() > 0) outputs.push_back({std::string(name.at(name.size() - 1).str()), false, {}});
      }
    }
  });
  return outputs;
}

}  // namespace

void ComposedSql::append_literal(const DecodedLiteral& literal, Origin token) {
  for (ComposedSql& alternative : alternatives_) alternative.append_literal(literal, token);
  has_literal_ = true;
  text_ += literal.text;
  for (std::uint32_t offset : literal.origin) origins_.push_back({token.file, token.offset + offset});
}

void ComposedSql::append_text(std::string_view text, Origin at) {
  for (ComposedSql& alternative : alternatives_) alternative.append_text(text, at);
  has_literal_ = true;
  text_ += text;
  origins_.insert(origins_.end(), text.size(), at);
}

void ComposedSql::append_hole(Origin at, std::string expression) {
  for (ComposedSql& alternative : alternatives_) alternative.append_hole(at, expression);
  holes_.push_back({at, std::move(expression), text_.size()});
}

void ComposedSql::append_one(const ComposedSql& other) {
  for (Hole hole : other.holes_) {
    hole.text_offset += text_.size();
    holes_.push_back(std::move(hole));
  }
  text_ += other.text_;
  origins_.insert(origins_.end(), other.origins_.begin(), other.origins_.end());
  has_literal_ = has_literal_ || other.has_literal_;
}

void ComposedSql::append(const ComposedSql& other) {
  if (alternatives_.empty() && other.alternatives_.empty()) return append_one(other);
  std::vector<ComposedSql> combined;
  for (const ComposedSql& mine : variants())
    for (const ComposedSql& theirs : other.variants()) {
      if (combined.size() == kMaxVariants) break;
      combined.push_back(mine);
      combined.back().append_one(theirs);
    }
  *this = std::move(combined.front());
  alternatives_.assign(std::make_move_iterator(combined.begin() + 1), std::make_move_iterator(combined.end()));
}

void ComposedSql::append_range(const ComposedSql& other, std::size_t begin, std::size_t end) {
  for (ComposedSql& alternative : alternatives_) alternative.append_range(other, begin, end);
  end = std::min(end, other.text_.size());
  if (begin > end) return;
  for (const Hole& hole : other.holes_)
    if (hole.text_offset >= begin && (hole.text_offset < end || (hole.text_offset == end && end == other.text_.size())))
      holes_.push_back({hole.at, hole.expression, text_.size() + hole.text_offset - begin});
  text_.append(other.text_, begin, end - begin);
  origins_.insert(origins_.end(), other.origins_.begin() + static_cast<std::ptrdiff_t>(begin),
                  other.origins_.begin() + static_cast<std::ptrdiff_t>(end));
  has_literal_ = has_literal_ || other.has_literal_;
}

void ComposedSql::add_alternative(const ComposedSql& other) {
  for (ComposedSql& variant : other.variants()) {
    if (alternatives_.size() + 1 >= kMaxVariants) break;
    alternatives_.push_back(std::move(variant));
  }
}

std::vector<ComposedSql> ComposedSql::variants() const {
  std::vector<ComposedSql> all;
  all.reserve(1 + alternatives_.size());
  all.push_back(*this);
  all.front().alternatives_.clear();
  all.insert(all.end(), alternatives_.begin(), alternatives_.end());
  return all;
}

bool ComposedSql::has_literal() const {
  return has_literal_ ||
         std::any_of(alternatives_.begin(), alternatives_.end(), [](const ComposedSql& a) { return a.has_literal_; });
}

bool ComposedSql::has_holes() const {
  return !holes_.empty() ||
         std::any_of(alternatives_.begin(), alternatives_.end(), [](const ComposedSql& a) { return !a.holes_.empty(); });
}

std::string ComposedSql::constant_text() const { return text_; }

Origin ComposedSql::first_origin() const {
  if (!origins_.empty()) return origins_.front();
  if (!holes_.empty()) return holes_.front().at;
  for (const ComposedSql& alternative : alternatives_)
    if (const Origin at = alternative.first_origin(); at.file >= 0) return at;
  return {};
}

bool starts_like_sql(std::string_view text) {
  static const std::vector<std::string_view> keywords = {"select", "insert", "update", "delete", "with",
                                                         "values", "table",  "copy",   "truncate", "merge"};
  const auto words = leading_words(text, 1);
  return !words.empty() && std::find(keywords.begin(), keywords.end(), words[0]) != keywords.end();
}

SqlFinding analyze(const ComposedSql& c) {
  SqlFinding finding;
  if (!c.has_literal() || !starts_like_sql(c.text())) return finding;
  Rendered rendered = render(c, false);
  sqlparse::SqlAnalysis analysis = sqlparse::analyze_query(rendered.sql);
  bool holes_are_names = false;
  if (!analysis.is_query && !c.holes().empty()) {
    Rendered named = render(c, true);
    sqlparse::SqlAnalysis retry = sqlparse::analyze_query(named.sql);
    if (retry.is_query) {
      rendered = std::move(named);
      analysis = std::move(retry);
      holes_are_names = true;
    }
  }
  finding.sql = rendered.sql;
  if (!analysis.is_query) {
    if (looks_like_sql(rendered.sql)) {
      std::string reason = "looks like SQL but does not parse";
      if (!analysis.error.empty()) reason += ": " + analysis.error;
      finding.unresolved.push_back({c.first_origin(), reason});
    }
    return finding;
  }
  finding.is_sql = true;

  const auto in_hole = [&](std::size_t offset) {
    for (std::size_t h = 0; h < rendered.hole_ranges.size(); ++h)
      if (offset >= rendered.hole_ranges[h].first && offset < rendered.hole_ranges[h].second) return static_cast<int>(h);
    return -1;
  };
  std::vector<bool> hole_reported(c.holes().size(), false);
  for (sqlparse::ColumnRef& ref : analysis.refs) {
    const int hole = ref.offset < rendered.sql.size() ? in_hole(ref.offset) : -1;
    // A constant column of a table named at run time: the table is unknown, not the column.
    if (hole < 0 && is_placeholder_name(ref.table) && !is_placeholder_name(ref.column) && !ref.column.empty() &&
        ref.column != "*") {
      ref.table.clear();
      ref.candidates.clear();
    }
    if (hole >= 0 || is_placeholder_name(ref.table) || is_placeholder_name(ref.column)) {
      const std::size_t h = hole >= 0 ? static_cast<std::size_t>(hole) : 0;
      if (hole >= 0 && !hole_reported[h]) {
        hole_reported[h] = true;
        finding.unresolved.push_back(
            {c.holes()[h].at, "runtime text stands for a name in the SQL: `" + c.holes()[h].expression + "`"});
      }
      continue;
    }
    std::erase_if(ref.candidates, [](const std::string& t) { return is_placeholder_name(t); });
    const Origin at = ref.offset < rendered.origins.size() ? rendered.origins[ref.offset] : c.first_origin();
    if (ref.access == sqlparse::Access::star) finding.has_star = true;
    finding.refs.push_back({std::move(ref), at});
  }
  // A hole inside quotes is a value; elsewhere it may splice in SQL that names columns.
  const auto quoted = quoted_ranges(rendered.sql);
  for (std::size_t h = 0; h < c.holes().size(); ++h) {
    if (hole_reported[h]) continue;
    const auto [begin, end] = rendered.hole_ranges[h];
    const bool inside_quotes = std::any_of(quoted.begin(), quoted.end(), [&](const auto& q) { return begin > q.first && end <= q.second; });
    if (inside_quotes) continue;
    finding.unresolved.push_back({c.holes()[h].at, std::string(holes_are_names ? "runtime text stands for a name in the SQL: `"
                                                                               : "runtime text spliced into the SQL: `") +
                                                       c.holes()[h].expression + "`"});
  }
  finding.outputs = output_columns(rendered.sql, finding.refs);
  return finding;
}

}  // namespace cppscan
