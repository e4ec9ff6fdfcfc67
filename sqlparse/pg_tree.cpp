#include "sqlparse/pg_tree.h"

#include <array>
#include <cstdint>
#include <cstdlib>
#include <iterator>

#include "sqlparse/pg_field_names.h"

// After every C++ header: PostgreSQL's port.h redefines printf, snprintf and friends.
extern "C" {
#include <pg_query.h>
#include <pg_query/pg_query_internal.h>

#include "nodes/parsenodes.h"
#include "nodes/pg_list.h"
}

namespace sqlparse::pgtree {
namespace {
#include "sqlparse/pg_nodes.inc"

// Node types by tag, so that finding one is an array read; made at compile time.
constexpr int kTagLimit = [] {
  int limit = 0;
  for (const NodeInfo& n : kNodeInfos) limit = n.tag >= limit ? n.tag + 1 : limit;
  return limit;
}();
constexpr std::array<const NodeInfo*, kTagLimit> kInfoByTag = [] {
  std::array<const NodeInfo*, kTagLimit> by_tag{};
  for (const NodeInfo& n : kNodeInfos) by_tag[n.tag] = &n;
  return by_tag;
}();
static_assert(kTagLimit <= INT16_MAX, "FieldSlot::tag holds a NodeTag");
// find_field reads kFieldSlots[field_base + field_id] without a bounds check.
static_assert([] {
  for (const NodeInfo& n : kNodeInfos)
    if (n.field_base + std::size(kFieldNames) > std::size(kFieldSlots)) return false;
  return true;
}());
}  // namespace

const NodeInfo* info(int tag) {
  return static_cast<unsigned>(tag) < static_cast<unsigned>(kTagLimit) ? kInfoByTag[tag] : nullptr;
}

const FieldInfo* find_field(int tag, std::uint16_t field_id) {
  const NodeInfo* n = info(tag);
  if (!n) return nullptr;
  const FieldSlot slot = kFieldSlots[n->field_base + field_id];
  return slot.tag == tag ? &n->fields[slot.field] : nullptr;
}

std::string_view enum_name(int enum_id, int value) { return ::sqlparse::pgtree::enum_name_of(enum_id, value); }

const int kTagValues[9] = {T_List, T_IntList, T_OidList, T_A_Const, T_Integer,
                           T_Float, T_Boolean, T_String, T_BitString};

int list_length(const void* list) { return static_cast<const List*>(list)->length; }

const void* list_item(const void* list, int index) {
  return static_cast<const List*>(list)->elements[index].ptr_value;
}

const void* const_value(const void* a_const) {
  const auto* c = static_cast<const A_Const*>(a_const);
  return c->isnull ? nullptr : &c->val;
}

RawParse::RawParse(const char* text) {
  context_ = pg_query_enter_memory_context();
  PgQueryInternalParsetreeAndError parsed = pg_query_raw_parse(text);
  std::free(parsed.stderr_buffer);
  if (parsed.error) {
    failed_ = true;
    error_.message = parsed.error->message ? parsed.error->message : "syntax error";
    error_.cursorpos = parsed.error->cursorpos;
    pg_query_free_error(parsed.error);
  }
  tree_ = parsed.tree;
}

RawParse::~RawParse() { pg_query_exit_memory_context(static_cast<MemoryContext>(context_)); }

std::size_t RawParse::size() const { return tree_ ? static_cast<std::size_t>(list_length(tree_)) : 0; }

RawParse::Statement RawParse::statement(std::size_t index) const {
  const auto* raw = static_cast<const RawStmt*>(list_item(tree_, static_cast<int>(index)));
  return {raw->stmt, raw->stmt_location, raw->stmt_len};
}

// A statement's nodes are allocated while it is parsed, just before its RawStmt and from the
// same memory context: usually the bytes between the previous statement's RawStmt and its
// own. Prefetching never faults, so a guess that is wrong (another block) costs nothing but
// the prefetches, and they are capped.
void RawParse::prefetch(std::size_t index) const {
  if (index >= size()) return;
  constexpr std::uintptr_t kMaxBytes = 4096;
  // Addresses as integers: the range may start outside any one object.
  const auto address = [this](std::size_t k) {
    return reinterpret_cast<std::uintptr_t>(list_item(tree_, static_cast<int>(k)));
  };
  const std::uintptr_t raw = address(index);
  std::uintptr_t from = index ? address(index - 1) : raw;
  if (from > raw || raw - from > kMaxBytes) from = raw > kMaxBytes ? raw - kMaxBytes : 0;
  for (std::uintptr_t line = from; line < raw + sizeof(RawStmt); line += 64)
    __builtin_prefetch(reinterpret_cast<const void*>(line));
}

}  // namespace sqlparse::pgtree
