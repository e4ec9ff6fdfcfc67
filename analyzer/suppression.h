// Inline suppressions in migration files:
//   -- schemaguard: ignore rule-a, rule-b -- reason    (the statement below, or the one it ends)
//   -- schemaguard: ignore-file rule-a                 (the whole file)
// and squawk's comments, through the squawk -> schemaguard table (analyzer/peer_rules.h):
//   -- squawk-ignore squawk-rule-a, squawk-rule-b      (also inside the statement, as squawk allows)
//   -- squawk-ignore-file [squawk-rule-a]
#pragma once

#include <set>
#include <string>
#include <vector>

#include "analyzer/finding.h"
#include "analyzer/rule.h"
#include "sqlparse/parser.h"

namespace analyzer {

// The built-in rule under which bad suppressions are reported.
const RuleInfo& invalid_suppression_rule();

enum class DirectiveSyntax { schemaguard, squawk };

struct SuppressionDirective {
  DirectiveSyntax syntax = DirectiveSyntax::schemaguard;
  bool whole_file = false;
  // As written: schemaguard ids ("all" suppresses every rule), or squawk rule names.
  std::vector<std::string> rules;
  std::size_t begin = 0;           // the comment's byte range
  std::size_t end = 0;
};

class FileSuppressions {
 public:
  // Reads the directives of a file. Unknown rule names are reported into `findings`; a squawk
  // rule schemaguard has no equivalent for is not unknown, and suppresses nothing.
  FileSuppressions(const sqlparse::SourceText& source, const std::set<std::string>& known_rules,
                   std::vector<Finding>& findings);

  // Call for every statement in order, before asking about it.
  void begin_statement(const sqlparse::Statement& statement);
  // Whether a rule is suppressed for the current statement.
  bool suppressed(const std::string& rule) const;
  // Whether a rule is suppressed at a position (for findings made after the last statement).
  bool suppressed_at(const std::string& rule, sqlparse::Position at) const;

 private:
  const sqlparse::SourceText& source_;
  std::vector<SuppressionDirective> directives_;
  std::set<std::string> file_rules_;
  std::set<std::string> statement_rules_;
  std::size_t previous_end_ = 0;
  struct StatementDirectives {
    sqlparse::Position start, stop;
    std::set<std::string> rules;
  };
  std::vector<StatementDirectives> by_statement_;
};

// Parses the directive in one comment's text; returns false if it is not one. The rule
// names stay as written (squawk names are translated by FileSuppressions).
bool parse_directive(std::string_view comment, SuppressionDirective& out);

}  // namespace analyzer
