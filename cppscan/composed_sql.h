// An SQL string as the program builds it: constant text from literals (each byte
// remembers where in the source it came from) and holes for values only known at run
// time. Analysing it stands each hole in by a parameter ($N), or by a placeholder name
// when the hole sits where a name must be, so the constant parts still yield references.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cppscan/literal.h"
#include "sqlparse/column_refs.h"

namespace cppscan {

// A place in a source file the scanner has numbered; file < 0 means "nowhere".
struct Origin {
  int file = -1;
  std::uint32_t offset = 0;
  friend bool operator==(const Origin&, const Origin&) = default;
  friend auto operator<=>(const Origin&, const Origin&) = default;
};

class ComposedSql {
 public:
  // `token` is where the literal's spelling starts.
  void append_literal(const DecodedLiteral& literal, Origin token);
  // Constant text from one place (e.g. "{" for a format string's "{{").
  void append_text(std::string_view text, Origin at);
  // A runtime value; `expression` is its C++ text, for the report.
  void append_hole(Origin at, std::string expression);
  void append(const ComposedSql& other);
  // Bytes [begin, end) of `other`'s text (without its alternatives), with the holes that
  // sit there.
  void append_range(const ComposedSql& other, std::size_t begin, std::size_t end);

  // `cond ? a : b`: the string is this or `other`. Every later append applies to each
  // alternative (two alternatives followed by two more make four), up to kMaxVariants.
  void add_alternative(const ComposedSql& other);
  bool has_alternatives() const { return !alternatives_.empty(); }
  // This string without its alternatives, then each alternative.
  std::vector<ComposedSql> variants() const;
  static constexpr std::size_t kMaxVariants = 16;

  // Of any alternative.
  bool has_literal() const;
  bool has_holes() const;
  // Constant text only (holes vanish): field names and format strings.
  std::string constant_text() const;
  Origin first_origin() const;

  struct Hole {
    Origin at;
    std::string expression;
    std::size_t text_offset = 0;  // where it sits in the constant text
  };
  // Of this string, not of its alternatives.
  const std::string& text() const { return text_; }
  const std::vector<Origin>& origins() const { return origins_; }
  const std::vector<Hole>& holes() const { return holes_; }

 private:
  std::string text_;
  std::vector<Origin> origins_;  // per byte of text_
  std::vector<Hole> holes_;
  bool has_literal_ = false;
  std::vector<ComposedSql> alternatives_;  // none of their own

  void append_one(const ComposedSql& other);  // without alternatives on either side
};

struct FoundRef {
  sqlparse::ColumnRef ref;
  Origin at;
};

struct FoundProblem {
  Origin at;
  std::string reason;
};

// A result column of the query, by the name a program reads it with.
struct OutputColumn {
  std::string name;
  bool is_column = false;  // false: computed (count(*) AS n)
  FoundRef source;         // the column it reads, when is_column
};

struct SqlFinding {
  bool is_sql = false;  // parsed as a query or DML statement
  std::string sql;      // the text analysed, holes as $N or placeholder names
  std::vector<FoundRef> refs;
  std::vector<FoundProblem> unresolved;
  std::vector<OutputColumn> outputs;  // of the last statement that returns rows
  bool has_star = false;
};

// Cheap test before parsing: the text starts like a statement a program would run.
bool starts_like_sql(std::string_view text);

// Analyses the string as it stands, without its alternatives.
SqlFinding analyze(const ComposedSql& composed);

}  // namespace cppscan
