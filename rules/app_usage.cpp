#include "rules/app_usage.h"

#include <algorithm>

namespace rules {
namespace {

constexpr std::size_t kPlacesShown = 3;

std::string place(const analyzer::CodeReference& r) { return r.path + ":" + std::to_string(r.line); }

bool same_line(const analyzer::CodeReference& a, const analyzer::CodeReference& b) {
  return a.path == b.path && a.line == b.line;
}

}  // namespace

CodeUsage code_usage(const std::vector<const analyzer::ResolvedAppReference*>& refs) {
  CodeUsage usage;
  // One place per line of code: a query names the column or table once per token.
  for (const analyzer::CodeReference& r : analyzer::code_locations(refs))
    if (usage.places.empty() || !same_line(usage.places.back(), r)) usage.places.push_back(r);
  for (const analyzer::CodeReference& place : usage.places) {
    const analyzer::ResolvedAppReference* example = nullptr;
    bool all_ambiguous = true;
    for (const analyzer::ResolvedAppReference* r : refs) {
      if (!same_line(r->code, place)) continue;
      all_ambiguous = all_ambiguous && r->ambiguous;
      if (r->ambiguous && !example) example = r;
    }
    if (!all_ambiguous || !example) continue;
    ++usage.ambiguous_places;
    if (!usage.ambiguous_example) usage.ambiguous_example = example;
  }
  return usage;
}

std::vector<const analyzer::ResolvedAppReference*> with_access(
    const std::vector<const analyzer::ResolvedAppReference*>& refs, std::vector<std::string_view> accesses) {
  std::vector<const analyzer::ResolvedAppReference*> out;
  for (const analyzer::ResolvedAppReference* r : refs)
    if (std::find(accesses.begin(), accesses.end(), r->access) != accesses.end()) out.push_back(r);
  return out;
}

std::string table_list(const std::vector<analyzer::QualifiedName>& tables) {
  std::string out;
  for (const analyzer::QualifiedName& t : tables) out += (out.empty() ? "" : ", ") + t.str();
  return out;
}

std::string describe_usage(const CodeUsage& usage) {
  const std::size_t n = usage.places.size();
  std::string out = "in " + std::to_string(n) + (n == 1 ? " place (" : " places (");
  for (std::size_t k = 0; k < n && k < kPlacesShown; ++k) out += (k ? ", " : "") + place(usage.places[k]);
  if (n > kPlacesShown) out += ", ...";
  out += ")";
  if (usage.ambiguous_places && usage.ambiguous_example) {
    const analyzer::ResolvedAppReference& r = *usage.ambiguous_example;
    const std::string what = r.access == "field" ? "a result field `" + r.column + "` read by name"
                                                 : "unqualified `" + r.column + "`";
    out += n == 1 ? std::string("; it is ambiguous: ")
                  : "; " + std::to_string(usage.ambiguous_places) + " of them ambiguous: ";
    out += what + " may belong to any of " + table_list(r.candidates);
  }
  return out;
}

}  // namespace rules
