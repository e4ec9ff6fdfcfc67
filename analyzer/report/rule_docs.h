// The generated documentation under docs/: a page per rule (the same text as
// `schemaguard rules --explain`), the rules index, and the squawk table of migrating.md.
// `schemaguard rules --write-docs DIR` writes it; tests/docs_test.cpp fails when the
// committed files differ from what the code generates.
#pragma once

#include <filesystem>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/rule.h"

namespace analyzer::report {

// Path relative to the docs directory ("rules/drop-column.md") -> content.
using DocFiles = std::map<std::string, std::string>;

// The markers around the generated squawk table in docs/migrating.md.
extern const std::string_view kSquawkTableBegin;
extern const std::string_view kSquawkTableEnd;

// docs/rules/README.md: every rule by group, with severity, default and summary.
std::string rules_index(const std::vector<const RuleInfo*>& catalogue);

// The squawk -> schemaguard table (analyzer/peer_rules.h) as Markdown; ids of rules in the
// catalogue link to their pages.
std::string squawk_table(const std::vector<const RuleInfo*>& catalogue);

// Every generated file, given the current text of migrating.md (its hand-written parts are
// kept, the block between the markers is replaced). False with `error` when the markers are
// missing.
bool generate_docs(const std::vector<const RuleInfo*>& catalogue, const std::string& migrating, DocFiles& out,
                   std::string& error);

// The rule pages in `docs_dir`/rules (every rules/*.md except README.md), as relative paths.
std::vector<std::string> existing_rule_pages(const std::filesystem::path& docs_dir);

// Regenerates the files in `docs_dir` and removes the pages of rules that no longer exist.
// False, with a message on `err`, when migrating.md is missing or unusable or a write fails.
bool write_docs(const std::filesystem::path& docs_dir, const std::vector<const RuleInfo*>& catalogue,
                std::ostream& out, std::ostream& err);

}  // namespace analyzer::report
