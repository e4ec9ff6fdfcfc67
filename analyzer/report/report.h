// Reporters: turn a lint result into text for people or formats for pipelines.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/engine.h"
#include "analyzer/rule.h"

namespace analyzer::report {

struct ReportInput {
  const LintResult& result;
  const std::vector<const RuleInfo*>& rules;  // every known rule (SARIF lists them)
  int pg_version = 15;
  bool color = false;  // text only: ANSI colours
};

// Compiler style: `path:line:column: severity: message [rule-id]`, the source line
// with a caret, `help:` and the suggested SQL; a summary line at the end.
void write_text(std::ostream& out, const ReportInput& input);
// contracts.md: schema_version 1.
void write_json(std::ostream& out, const ReportInput& input);
// SARIF 2.1.0, as GitHub code scanning ingests it.
void write_sarif(std::ostream& out, const ReportInput& input);
// GitHub Actions workflow commands (::error file=...,line=...::message).
void write_github(std::ostream& out, const ReportInput& input);
// GitLab code quality report (JSON array with stable fingerprints).
void write_gitlab(std::ostream& out, const ReportInput& input);

// "text", "json", ... -> writer; nullptr for an unknown format.
using Writer = void (*)(std::ostream&, const ReportInput&);
Writer writer_for(std::string_view format);
const std::vector<std::string>& format_names();

// The rule documentation page used by `rules --explain` (Markdown).
std::string explain(const RuleInfo& rule);

// URL of a rule's documentation page.
std::string help_uri(std::string_view rule_id);

}  // namespace analyzer::report
