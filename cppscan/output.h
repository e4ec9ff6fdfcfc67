// `schemaguard scan` output: the JSON of contracts.md and compiler-style text.
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "cppscan/scan_result.h"

namespace cppscan {

// {"schema_version": 1, "files_scanned", "sql_strings", "references", "unresolved", "errors"}.
// A reference's "line"/"column" locate it in the source, as everywhere else in
// schemaguard's JSON; the SQL column it names is "column_name".
// "inputs" lists the project files read ({"path", "size", "hash"}), so that a saved scan
// can tell when the code has moved on since.
nlohmann::json to_json(const ScanResult& result);
void write_json(std::ostream& out, const ScanResult& result);

// Reads what to_json wrote (a saved `scan --format json`). nullopt with `error` set when the
// text is not such a document (not JSON, another schema_version, a field of the wrong type).
std::optional<ScanResult> from_json(const std::string& text, std::string& error);

// path:line:col: table.column (access) in function
void write_text(std::ostream& out, const ScanResult& result);
// "12 files scanned, ..." for stderr.
std::string summary_line(const ScanResult& result);

}  // namespace cppscan
