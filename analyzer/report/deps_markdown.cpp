// `deps --format markdown`: for a pull-request comment or a ticket. Code locations and
// migrations link to `path#Lline`, which GitHub and GitLab resolve relative to the page.
#include <algorithm>

#include "analyzer/report/deps_report.h"
#include "analyzer/report/report_support.h"

namespace analyzer::report {
namespace {

// `text` as an inline code span: a fence longer than any backtick run inside it.
std::string code(std::string_view text) {
  std::size_t longest = 0, run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(longest + 1, '`');
  const bool pad = !text.empty() && (text.front() == '`' || text.back() == '`');
  return fence + (pad ? " " : "") + std::string(text) + (pad ? " " : "") + fence;
}

// A table cell: pipes would end the cell, even inside a code span.
std::string cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

std::string link(const std::string& path, int line) {
  const std::string p = forward_slashes(path);
  return "[" + p + ":" + std::to_string(line) + "](" + p + "#L" + std::to_string(line) + ")";
}

std::string link(const std::string& defined_at) {
  const std::size_t colon = defined_at.rfind(':');
  if (colon == std::string::npos) return defined_at;
  return link(defined_at.substr(0, colon), std::atoi(defined_at.c_str() + colon + 1));
}

void write_uses(std::ostream& out, const std::vector<CodeUse>& uses) {
  for (const deps::FileUses& file : deps::group_by_file_and_function(uses)) {
    out << "- " << code(forward_slashes(file.path)) << "\n";
    for (const deps::FunctionUses& function : file.functions) {
      out << "  - " << (function.function.empty() ? "namespace scope" : code(function.function)) << "\n";
      for (const CodeUse* use : function.uses) {
        out << "    - " << link(use->code.path, use->code.line) << " " << use->code.access;
        if (use->ambiguous) {
          std::string candidates;
          for (const std::string& c : use->candidates) candidates += (candidates.empty() ? "" : ", ") + code(c);
          out << " (ambiguous: " << candidates << ")";
        }
        out << ": " << code(one_line(use->code.sql)) << "\n";
      }
    }
  }
}

void write_report(std::ostream& out, const DependencyReport& r) {
  out << "### " << code(r.target.str()) << ": " << deps::verdict(r) << "\n\n";
  for (const std::string& reason : r.reasons) out << "- " << reason << "\n";
  if (r.safe_to_drop) out << "Nothing in the code or the schema depends on it.\n";

  out << "\n#### Code references (" << r.code_references.size() << ")\n\n";
  if (r.code_references.empty()) out << "None.\n";
  write_uses(out, r.code_references);
  if (!r.star_references.empty()) {
    out << "\n`SELECT *` only, not blocking (" << r.star_references.size() << "):\n\n";
    write_uses(out, r.star_references);
  }

  out << "\n#### Schema dependencies (" << r.schema_dependencies.size() << ")\n\n";
  if (r.schema_dependencies.empty()) {
    out << "None.\n";
  } else {
    out << "| Kind | Name | Definition | Defined at | Blocks the drop |\n|---|---|---|---|---|\n";
    for (const SchemaDependency& d : r.schema_dependencies)
      out << "| " << d.kind << " | " << cell(code(d.name)) << " | " << (d.detail.empty() ? "" : cell(code(d.detail)))
          << " | " << link(d.defined_at) << " | " << (d.blocks_drop ? "yes" : "no") << " |\n";
  }

  out << "\n#### History in the migrations (" << r.migrations.size() << ")\n\n";
  if (r.migrations.empty()) {
    out << "None.\n";
  } else {
    out << "| Migration | Action | Statement |\n|---|---|---|\n";
    for (const HistoryEvent& e : r.migrations)
      out << "| " << link(e.path, e.line) << " | " << e.action
          << (e.renamed_from.empty() ? "" : " from " + cell(code(e.renamed_from))) << " | " << cell(code(e.sql))
          << " |\n";
  }

  if (!r.notes.empty()) {
    out << "\n#### Notes\n\n";
    for (const std::string& note : r.notes) out << "- " << note << "\n";
  }
}

}  // namespace

void write_deps_markdown(std::ostream& out, const std::vector<DependencyReport>& reports) {
  for (std::size_t k = 0; k < reports.size(); ++k) {
    if (k > 0) out << "\n";
    write_report(out, reports[k]);
  }
}

}  // namespace analyzer::report
