#include "analyzer/app_references.h"

#include <algorithm>
#include <optional>
#include <set>
#include <tuple>

#include "analyzer/reference_resolver.h"
#include "sqlparse/column_refs.h"

namespace analyzer {
namespace {

std::optional<sqlparse::Access> access_of(const std::string& name) {
  for (auto a : {sqlparse::Access::read, sqlparse::Access::write, sqlparse::Access::filter, sqlparse::Access::star,
                 sqlparse::Access::table})
    if (sqlparse::access_name(a) == name) return a;
  return std::nullopt;
}

CodeReference code_of(const AppReference& ref) {
  return {ref.path, ref.line, ref.col, ref.function, ref.access, ref.sql};
}

// A result field read by name (`row["email"]`): its table when the scanner could tie it to
// one query, else every table of the model that has such a column, narrowed to the
// tables the query names when it named some.
ResolvedAppReference resolve_field(const Schema& schema, const AppReference& ref) {
  const std::vector<std::string> search_path;
  ResolvedAppReference out;
  out.column = ref.column;
  out.access = ref.access;
  out.code = code_of(ref);
  if (!ref.table.empty()) {
    out.table = schema.qualify(table_name_as_written(ref.table), search_path);
    const Table* table = schema.find_table(out.table, search_path);
    out.table_known = table != nullptr;
    out.column_known = table && table->column(ref.column);
    return out;
  }
  std::vector<QualifiedName> written;
  for (const std::string& w : ref.candidates) written.push_back(schema.qualify(table_name_as_written(w), search_path));
  std::vector<QualifiedName> holders;
  for (const auto& [name, table] : schema.tables()) {
    if (!table.column(ref.column)) continue;
    if (written.empty() || std::count(written.begin(), written.end(), name)) holders.push_back(name);
  }
  if (holders.size() == 1) {
    out.table = holders.front();
    out.table_known = out.column_known = true;
    return out;
  }
  out.ambiguous = true;
  out.candidates = holders.empty() ? written : holders;
  out.table_known = !holders.empty();
  out.column_known = !holders.empty();
  return out;
}

}  // namespace

std::vector<ResolvedAppReference> resolve_app_references(const Schema& schema, const std::vector<AppReference>& refs) {
  const std::vector<std::string> search_path;
  std::vector<ResolvedAppReference> resolved;
  resolved.reserve(refs.size());
  for (std::size_t index = 0; index < refs.size(); ++index) {
    const AppReference& ref = refs[index];
    const auto access = access_of(ref.access);
    if (!access) {
      resolved.push_back(resolve_field(schema, ref));
      resolved.back().inactive = ref.inactive;
      resolved.back().source = index;
      continue;
    }
    // A star a saved scan already expanded stays one column.
    const bool expanded_star = *access == sqlparse::Access::star && !ref.column.empty() && ref.column != "*";
    sqlparse::ColumnRef column_ref;
    column_ref.table = ref.table;
    column_ref.candidates = ref.candidates;
    column_ref.column = ref.column;
    column_ref.access = expanded_star ? sqlparse::Access::read : *access;
    for (const ResolvedRef& r : resolve_references(schema, {column_ref}, search_path)) {
      ResolvedAppReference out;
      out.table = r.ambiguous ? QualifiedName{} : r.table;
      out.candidates = r.candidates;
      out.column = r.column;
      out.access = expanded_star ? "star" : std::string(sqlparse::access_name(r.access));
      out.ambiguous = r.ambiguous;
      out.from_star = r.from_star || expanded_star;
      out.table_known = r.table_known;
      out.column_known = r.column_known;
      out.inactive = ref.inactive;
      out.source = index;
      out.code = code_of(ref);
      resolved.push_back(std::move(out));
    }
  }
  return resolved;
}

AppIndex::AppIndex(const Schema& schema, const std::vector<AppReference>& refs)
    : refs_(resolve_app_references(schema, refs)) {
  for (std::size_t k = 0; k < refs_.size(); ++k) {
    const ResolvedAppReference& r = refs_[k];
    if (r.inactive) continue;
    if (!r.ambiguous) by_table_.emplace(r.table, k);
    else
      for (const QualifiedName& c : r.candidates) by_table_.emplace(c, k);
  }
}

std::vector<const ResolvedAppReference*> AppIndex::uses_table(const QualifiedName& table) const {
  std::vector<const ResolvedAppReference*> out;
  const auto [first, last] = by_table_.equal_range(table);
  for (auto it = first; it != last; ++it) out.push_back(&refs_[it->second]);
  return out;
}

std::vector<const ResolvedAppReference*> AppIndex::uses_column(const QualifiedName& table,
                                                                std::string_view column) const {
  std::vector<const ResolvedAppReference*> out;
  for (const ResolvedAppReference* r : uses_table(table))
    if (!r->from_star && r->column == column) out.push_back(r);
  return out;
}

std::vector<CodeReference> code_locations(const std::vector<const ResolvedAppReference*>& refs) {
  std::vector<CodeReference> out;
  std::set<std::tuple<std::string, int, int, std::string>> seen;
  for (const ResolvedAppReference* r : refs)
    if (seen.insert({r->code.path, r->code.line, r->code.column, r->code.access}).second) out.push_back(r->code);
  std::sort(out.begin(), out.end(), [](const CodeReference& a, const CodeReference& b) {
    return std::tie(a.path, a.line, a.column) < std::tie(b.path, b.line, b.column);
  });
  return out;
}

}  // namespace analyzer
