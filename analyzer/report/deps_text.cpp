// `deps --format text`: the verdict first, then the evidence, for reading in a terminal.
#include "analyzer/report/deps_report.h"

namespace analyzer::report {
namespace {

void write_uses(std::ostream& out, const std::vector<CodeUse>& uses, const std::string& indent) {
  for (const deps::FileUses& file : deps::group_by_file_and_function(uses)) {
    out << indent << file.path << "\n";
    for (const deps::FunctionUses& function : file.functions) {
      out << indent << "  " << (function.function.empty() ? "(namespace scope)" : function.function) << "\n";
      for (const CodeUse* use : function.uses) {
        out << indent << "    " << use->code.path << ":" << use->code.line << ":" << use->code.column << ": "
            << use->code.access;
        if (use->ambiguous) {
          out << " (ambiguous: ";
          for (std::size_t k = 0; k < use->candidates.size(); ++k) out << (k ? ", " : "") << use->candidates[k];
          out << ")";
        }
        out << ": " << one_line(use->code.sql) << "\n";
      }
    }
  }
}

void write_report(std::ostream& out, const DependencyReport& r) {
  out << r.target.str() << ": " << deps::verdict(r) << "\n";
  for (const std::string& reason : r.reasons) out << "  - " << reason << "\n";

  out << "\ncode references";
  if (r.code_references.empty()) out << ": none\n";
  else out << " (" << r.code_references.size() << "):\n";
  write_uses(out, r.code_references, "  ");
  if (!r.star_references.empty()) {
    out << "  `SELECT *` only, not blocking (" << r.star_references.size() << "):\n";
    write_uses(out, r.star_references, "    ");
  }

  out << "\nschema dependencies";
  if (r.schema_dependencies.empty()) out << ": none\n";
  else out << " (" << r.schema_dependencies.size() << "):\n";
  for (const SchemaDependency& d : r.schema_dependencies) {
    out << "  " << d.kind << " " << d.name;
    if (!d.detail.empty()) out << ": " << d.detail;
    if (!d.defined_at.empty()) out << "  [" << d.defined_at << "]";
    if (d.blocks_drop) out << "  (blocks the drop)";
    out << "\n";
  }

  out << "\nmigrations";
  if (r.migrations.empty()) out << ": none\n";
  else out << " (" << r.migrations.size() << "):\n";
  for (const HistoryEvent& e : r.migrations) {
    out << "  " << e.path << ":" << e.line << ": " << e.action;
    if (!e.renamed_from.empty()) out << " from " << e.renamed_from;
    out << ": " << e.sql << "\n";
  }

  if (!r.notes.empty()) {
    out << "\nnotes:\n";
    for (const std::string& note : r.notes) out << "  - " << note << "\n";
  }
}

}  // namespace

void write_deps_text(std::ostream& out, const std::vector<DependencyReport>& reports) {
  for (std::size_t k = 0; k < reports.size(); ++k) {
    if (k > 0) out << "\n";
    write_report(out, reports[k]);
  }
}

}  // namespace analyzer::report
