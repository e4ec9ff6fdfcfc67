// Writers of `schemaguard deps` reports (analyzer/dependency_report.h): text for a terminal,
// Markdown for a pull-request comment or a ticket, JSON as contracts.md ("JSON output of deps").
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzer/dependency_report.h"

namespace analyzer::report {

// Reports one after another, a blank line between them.
void write_deps_text(std::ostream& out, const std::vector<DependencyReport>& reports);
// One section per target; code locations and migrations as links `path#Lline`.
void write_deps_markdown(std::ostream& out, const std::vector<DependencyReport>& reports);
// One target: exactly the contract's object. Several: a JSON array of such objects, one per
// target in the order given (each complete with its schema_version, so a consumer of the
// single form handles every element the same way).
void write_deps_json(std::ostream& out, const std::vector<DependencyReport>& reports);

using DepsWriter = void (*)(std::ostream&, const std::vector<DependencyReport>&);
// "text", "markdown", "json" -> writer; nullptr for another format.
DepsWriter deps_writer_for(std::string_view format);

// Shared by the text and Markdown writers.
namespace deps {

// Code uses grouped by file, then by function (in order of first use); "" is namespace scope.
struct FunctionUses {
  std::string function;
  std::vector<const CodeUse*> uses;
};
struct FileUses {
  std::string path;
  std::vector<FunctionUses> functions;
};
std::vector<FileUses> group_by_file_and_function(const std::vector<CodeUse>& uses);

// "safe to drop" / "not safe to drop".
std::string verdict(const DependencyReport& report);

}  // namespace deps
}  // namespace analyzer::report
