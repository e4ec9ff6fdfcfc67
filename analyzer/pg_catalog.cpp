#include "analyzer/pg_catalog.h"

#include <algorithm>
#include <cstring>

namespace analyzer {

namespace pg_catalog {
namespace {

using pg_catalog_data::CastEntry;
using pg_catalog_data::ProcEntry;

Volatility from_code(char code) {
  return code == 'i' ? Volatility::immutable : code == 's' ? Volatility::stable : Volatility::volatile_;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

std::optional<Volatility> function_volatility(std::string_view name, int nargs) {
  const std::string qualified = name.find('.') == std::string_view::npos ? "pg_catalog." + std::string(name)
                                                                           : std::string(name);
  const ProcEntry* begin = pg_catalog_data::kProcs;
  const ProcEntry* end = begin + pg_catalog_data::kProcCount;
  const auto [first, last] = std::equal_range(begin, end, ProcEntry{qualified.c_str(), 0, 'i'},
                                              [](const ProcEntry& a, const ProcEntry& b) {
                                                return std::strcmp(a.name, b.name) < 0;
                                              });
  if (first == last) return std::nullopt;
  std::optional<Volatility> exact, any;
  for (const ProcEntry* p = first; p != last; ++p) {
    const Volatility v = from_code(p->volatility);
    any = std::max(any.value_or(v), v);
    if (p->nargs == nargs) exact = std::max(exact.value_or(v), v);
  }
  return exact ? exact : any;
}

bool binary_coercible(std::string_view from, std::string_view to) {
  const CastEntry* begin = pg_catalog_data::kBinaryCasts;
  const CastEntry* end = begin + pg_catalog_data::kBinaryCastCount;
  return std::any_of(begin, end, [&](const CastEntry& c) { return from == c.from && to == c.to; });
}

std::string canonical_type(std::string_view sql_name) {
  const std::string key = lower(sql_name);
  const CastEntry* begin = pg_catalog_data::kTypeAliases;
  const CastEntry* end = begin + pg_catalog_data::kTypeAliasCount;
  const CastEntry* it = std::lower_bound(begin, end, key, [](const CastEntry& c, const std::string& k) {
    return std::strcmp(c.from, k.c_str()) < 0;
  });
  if (it != end && key == it->from) return it->to;
  return std::string(sql_name);
}

int source_version() { return pg_catalog_data::kServerVersionNum; }

}  // namespace pg_catalog
}  // namespace analyzer
