// What the application-cross-reference rules say about the code that uses a table or a
// column: the places (for Finding::references) and how many of them are ambiguous.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/app_references.h"
#include "analyzer/finding.h"

namespace rules {

struct CodeUsage {
  std::vector<analyzer::CodeReference> places;  // one per line of code, in path/line order
  std::size_t ambiguous_places = 0;             // places whose references name no single table
  // One ambiguous reference, to explain what "ambiguous" means in the message.
  const analyzer::ResolvedAppReference* ambiguous_example = nullptr;

  bool empty() const { return places.empty(); }
};

CodeUsage code_usage(const std::vector<const analyzer::ResolvedAppReference*>& refs);

// Keeps only the references whose access is one of `accesses` ("read", "filter", ...).
std::vector<const analyzer::ResolvedAppReference*> with_access(
    const std::vector<const analyzer::ResolvedAppReference*>& refs, std::vector<std::string_view> accesses);

// "in 3 places (src/a.cpp:42, src/a.cpp:44, src/b.cpp:7)" plus, when some are
// ambiguous, "; 1 of them ambiguous: unqualified `email` in a query over public.users
// and public.accounts". Lists at most a few places; the notes list them all.
std::string describe_usage(const CodeUsage& usage);

// "public.users, public.accounts"
std::string table_list(const std::vector<analyzer::QualifiedName>& tables);

}  // namespace rules
