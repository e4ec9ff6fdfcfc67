// Helpers shared by the machine-readable reporters (JSON, SARIF, GitHub, GitLab).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/engine.h"

namespace analyzer::report {

// "message; help." — one sentence for formats that show a single line of text.
std::string message_with_help(const Finding& finding);

// Paths in reports use forward slashes, whatever the platform gave us.
std::string forward_slashes(std::string_view path);

// 64-bit FNV-1a as 16 hex digits: small, dependency-free, and the same on every platform.
std::string stable_hash(std::string_view text);

// Stable identities of findings, for SARIF partialFingerprints and GitLab fingerprints.
// Built from rule + path + the flagged text with whitespace collapsed, never from line
// numbers, so a finding keeps its identity when unrelated statements are added above it.
// Identical statements in one file are told apart by their order of occurrence.
struct FindingIdentity {
  std::string fingerprint;
  std::optional<std::string> flagged_text;  // the source text of the finding's range, if readable
};
std::vector<FindingIdentity> identify_findings(const LintResult& result);

// The identity of an input error (a file that could not be read or parsed).
std::string input_error_fingerprint(const sqlparse::InputError& error);

}  // namespace analyzer::report

namespace analyzer::report {

// A rule's documentation as plain text (SARIF's help.text; help.markdown is explain()).
std::string explain_plain(const RuleInfo& rule);

}  // namespace analyzer::report
