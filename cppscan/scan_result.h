// What `schemaguard scan` finds: column references in C++ sources and .sql files,
// the parts it could not resolve, and the units that did not compile cleanly.
// Tables are as written in the SQL (aliases resolved within the statement); the
// analyzer qualifies them against the schema model when there is one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace cppscan {

struct Reference {
  std::string table;                    // "" when ambiguous: see candidates
  std::vector<std::string> candidates;  // tables the column may belong to
  std::string column;                   // "" for access "table", "*" for "star"
  std::string access;                   // read, write, filter, star, table, field
  std::string path;
  int line = 0;  // 1-based, of the column's token (inside the literal) or the field read
  int col = 0;   // 1-based, in code points
  std::string function;  // enclosing function's qualified name, "" at namespace scope
  std::string sql;       // the SQL text, dynamic parts stood in by $N
  std::string api;       // the API the SQL flows into ("libpqxx exec"), "" when unknown
  bool inactive = false;  // in an #if branch the build does not compile
};

// A part of an SQL string the scanner could not see through: a runtime value spliced
// into a name position, a string that looks like SQL but does not parse, a field read
// whose column is not in the query's result.
struct Unresolved {
  std::string path;
  int line = 0;
  int col = 0;
  std::string function;
  std::string sql;
  std::string reason;
  bool inactive = false;
};

struct ScanError {
  std::string path;  // "" for errors about the whole run
  int line = 0;
  int col = 0;
  std::string message;
};

// A project file the scan read (a source, a project header, a .sql file), to tell later
// whether a saved scan still describes the code.
struct SourceStamp {
  std::string path;
  std::uint64_t size = 0;
  std::uint64_t hash = 0;  // xxHash64 of the content
};

struct ScanResult {
  std::size_t files_scanned = 0;      // translation units and .sql files
  std::size_t sql_strings = 0;        // distinct strings that parsed as SQL
  std::size_t units_with_errors = 0;  // units Clang reported errors for (still scanned)
  std::size_t units_from_cache = 0;
  std::vector<Reference> references;
  std::vector<Unresolved> unresolved;
  std::vector<ScanError> errors;
  std::vector<SourceStamp> inputs;  // sorted by path; system headers left out
};

}  // namespace cppscan
