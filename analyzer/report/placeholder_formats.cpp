// PLACEHOLDER: json, sarif, github, gitlab writers and explain() are being written.
#include "analyzer/report/report.h"
namespace analyzer::report {
void write_json(std::ostream&, const ReportInput&) {}
void write_sarif(std::ostream&, const ReportInput&) {}
void write_github(std::ostream&, const ReportInput&) {}
void write_gitlab(std::ostream&, const ReportInput&) {}
std::string explain(const RuleInfo& rule) { return std::string(rule.id) + "\n"; }
}
