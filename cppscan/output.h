// `schemaguard scan` output: the JSON of contracts.md and compiler-style text.
#pragma once

#include <ostream>

#include <nlohmann/json.hpp>

#include "cppscan/scan_result.h"

namespace cppscan {

// {"schema_version": 1, "files_scanned", "sql_strings", "references", "unresolved", "errors"}.
// A reference's "line"/"column" locate it in the source, as everywhere else in
// schemaguard's JSON; the SQL column it names is "column_name".
nlohmann::json to_json(const ScanResult& result);
void write_json(std::ostream& out, const ScanResult& result);

// path:line:col: table.column (access) in function
void write_text(std::ostream& out, const ScanResult& result);
// "12 files scanned, ..." for stderr.
std::string summary_line(const ScanResult& result);

}  // namespace cppscan
