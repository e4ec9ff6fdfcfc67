// What one translation unit's scan shares between its passes: the files and how an
// Origin maps back to path:line:column, the literal tokens already accounted for,
// the queries found so far (for tying result-field reads to them), and the output.
#pragma once

#include <clang/AST/ASTContext.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Lex/Token.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "cppscan/api_table.h"
#include "cppscan/composed_sql.h"
#include "cppscan/unit_scan.h"

namespace cppscan {

class UnitContext {
 public:
  UnitContext(clang::ASTContext& context, const ApiTable& apis, UnitResult& result);

  clang::ASTContext& ast() { return context_; }
  const clang::SourceManager& source_manager() const { return sm_; }
  const clang::LangOptions& lang_options() const { return context_.getLangOpts(); }
  const ApiTable& apis() const { return apis_; }

  // In a real file that is not a system header.
  bool is_project_location(clang::SourceLocation loc) const;
  // The main file and the project headers the unit read.
  std::vector<clang::FileID> project_files() const;

  // Where a token is written: its spelling location when that is a real file.
  Origin origin(clang::SourceLocation loc);
  // Appends the text of the string-literal token at `loc`; false if there is none.
  bool append_literal_token(clang::SourceLocation loc, ComposedSql& out);
  std::string source_text(clang::SourceRange range) const;

  void note_function(clang::SourceRange range, const std::string& name);

  // Analyses a candidate SQL string and records what it references. Returns the
  // query's id for later field reads, or -1 when it is not SQL.
  int report_sql(const ComposedSql& sql, const std::string& api, const std::string& function, bool inactive = false);
  // A result field read by name, tied to query `query` (-1: unknown).
  void report_field(const std::string& name, Origin at, int query, const std::string& function, const std::string& api);
  void report_unresolved(Origin at, const std::string& reason, const std::string& function, const std::string& sql);

  // A run of adjacent literal tokens from the raw lexer, unless the AST saw them.
  void scan_token_group(clang::FileID file, const std::vector<clang::Token>& tokens, bool inactive);

  std::map<std::string, int> prepared_statements;  // name -> query

 private:
  struct FileData {
    clang::FileID id;
    std::string path;
    bool ignore_scanned = false;
    std::set<int> ignored_lines;
  };
  struct Place {
    std::string path;
    int line = 0;
    int col = 0;
  };
  int report_variant(const ComposedSql& sql, const std::string& api, const std::string& function, bool inactive);
  int file_index(clang::FileID id);
  Place place(Origin at);
  bool ignored(Origin at, int line);
  std::string function_at(Origin at) const;

  clang::ASTContext& context_;
  const clang::SourceManager& sm_;
  const ApiTable& apis_;
  UnitResult& result_;
  std::vector<FileData> files_;
  std::map<clang::FileID, int> file_indexes_;
  std::set<Origin> seen_literals_;
  struct FunctionRange {
    Origin begin;
    std::uint32_t end;
    std::string name;
  };
  std::vector<FunctionRange> functions_;
  std::vector<SqlFinding> queries_;
  std::set<std::string> sql_keys_;
};

}  // namespace cppscan
