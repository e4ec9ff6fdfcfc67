// A read-only, null-safe view of one node of a libpg_query parse tree.
//
// Two trees are read through it: the raw parse tree of SQL statements (PostgreSQL's own
// node structs, read through the field tables in pg_tree.h, without a JSON copy), and
// libpg_query's JSON (for PL/pgSQL function bodies, which it offers only as JSON). Both
// look like the JSON: a node is {"Kind": {fields}}; struct-valued fields (a RangeVar in
// "relation") come without the wrapper; fields that libpg_query leaves out of its JSON
// (zero, false, NULL) are absent. Node hides the difference between wrapped and bare:
// field lookup unwraps, kind() names the wrapper. Looking up a missing field gives an
// empty Node, so chains like stmt["relation"]["relname"].str() never need checks in
// between. A Node is valid only while the statement callback that produced it runs.
#pragma once

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "sqlparse/pg_field_names.h"

namespace sqlparse {

namespace pgtree {
struct FieldInfo;
}

namespace detail {
// Never defined: FieldName's compile-time check calls it for a name that is no field of
// any node type, and the compiler names it in the error.
void no_parse_tree_node_has_a_field_of_this_name();
}  // namespace detail

// The name of a node field, numbered at compile time (its index in pgtree::kFieldNames):
// node["relname"] then finds the field with two array reads instead of comparing names,
// and a misspelt name does not compile. Names known only at run time go through
// FieldName::find or Node::field.
class FieldName {
 public:
  // Implicit, so that node["relname"] reads as before.
  consteval FieldName(const char* name) : id_(0) {
    const auto found = lookup(name);
    if (!found) detail::no_parse_tree_node_has_a_field_of_this_name();
    id_ = *found;
  }
  // nullopt for a name that no node type has.
  static std::optional<FieldName> find(std::string_view name) {
    const auto found = lookup(name);
    return found ? std::optional<FieldName>(FieldName(*found, 0)) : std::nullopt;
  }

  std::uint16_t id() const { return id_; }
  std::string_view name() const { return pgtree::kFieldNames[id_]; }

 private:
  constexpr FieldName(std::uint16_t id, int) : id_(id) {}
  static constexpr std::optional<std::uint16_t> lookup(std::string_view name) {
    const auto* begin = std::begin(pgtree::kFieldNames);
    const auto* end = std::end(pgtree::kFieldNames);
    const auto* at = std::lower_bound(begin, end, name);
    if (at == end || *at != name) return std::nullopt;
    return static_cast<std::uint16_t>(at - begin);
  }

  std::uint16_t id_;
};

class Node {
 public:
  Node() = default;
  explicit Node(simdjson::dom::element element);
  // A wrapped node of the raw parse tree (what RawStmt.stmt points at).
  static Node raw(const void* pg_node);

  bool valid() const { return mode_ != Mode::kInvalid; }
  explicit operator bool() const { return valid(); }

  // "AlterTableStmt", "ColumnRef", ... for a wrapped node; "" otherwise.
  std::string_view kind() const;
  bool is(std::string_view kind_name) const { return kind() == kind_name; }

  // A field of this node (unwrapping it first); empty when absent.
  Node operator[](FieldName field) const;
  // The same for a name known only at run time.
  Node field(std::string_view name) const;

  // Scalar values. Absent fields read as libpg_query omits them: "", 0, false.
  // str() also reads a String node ({"String": {"sval": ...}}) and an A_Const string.
  std::string_view str() const;
  std::int64_t integer() const;
  bool boolean() const;
  // Byte offset of the node in the parsed text, or -1.
  int location() const;

  // Lists. An empty Node is an empty list.
  bool is_list() const;
  std::size_t size() const;
  Node at(std::size_t index) const;

  class iterator {
   public:
    iterator() = default;
    explicit iterator(simdjson::dom::array::iterator it) : it_(it), live_(true) {}
    iterator(const void* list, int index) : list_(list), index_(index), live_(true) {}
    Node operator*() const { return list_ ? Node::list_item(list_, index_) : Node(*it_); }
    iterator& operator++() {
      if (list_) ++index_;
      else ++it_;
      return *this;
    }
    bool operator!=(const iterator& other) const {
      if (!live_ || !other.live_) return live_ != other.live_;
      if (list_) return index_ != other.index_;
      return it_ != other.it_;
    }

   private:
    simdjson::dom::array::iterator it_{};
    const void* list_ = nullptr;
    int index_ = 0;
    bool live_ = false;
  };
  iterator begin() const;
  iterator end() const;

  // The unwrapped body of a wrapped node (the node itself otherwise).
  Node body() const;
  // Compact JSON of this subtree in libpg_query's shape, for debugging and for tests.
  std::string to_json() const;

  // Calls f(node) for this node and every node below it, depth first.
  template <typename F>
  void walk(F&& f) const {
    if (!valid()) return;
    f(*this);
    for_each_child([&](Node child) { child.walk(f); });
  }

  // Calls f(child) for each direct child: list items, or the object-valued fields.
  template <typename F>
  void for_each_child(F&& f) const;

 private:
  enum class Mode : std::uint8_t {
    kInvalid,
    kJson,     // element_
    kWrapped,  // ptr_: a node struct, shown as {"Kind": {...}}
    kBare,     // ptr_: a node struct shown without the wrapper; nullptr for {} (a NULL list item).
               // field_, if set, is the field that embeds the struct and names its type.
    kList,     // ptr_: a List
    kScalar,   // ptr_: a field of a node struct, field_ says what it holds
  };
  Node(Mode mode, const void* ptr, const pgtree::FieldInfo* field = nullptr)
      : ptr_(ptr), field_(field), mode_(mode) {}
  static Node list_item(const void* list, int index);
  // What a field of a node struct holds; empty where libpg_query's JSON leaves it out.
  static Node field_value(const void* node, const pgtree::FieldInfo& field);
  Node raw_field(FieldName name) const;
  Node unstored_field(int tag, FieldName name) const;
  Node json_field(std::string_view name) const;
  int raw_tag() const;
  // Raw children in order; `cursor` starts at 0. False when there are no more.
  bool next_raw_child(std::size_t& cursor, Node& child) const;
  void write_json(std::string& out) const;

  simdjson::dom::element element_;
  const void* ptr_ = nullptr;
  const pgtree::FieldInfo* field_ = nullptr;
  Mode mode_ = Mode::kInvalid;
};

template <typename F>
void Node::for_each_child(F&& f) const {
  if (mode_ == Mode::kJson) {
    const Node inner = body();
    if (inner.element_.is_array()) {
      for (auto child : simdjson::dom::array(inner.element_)) f(Node(child));
    } else if (inner.element_.is_object()) {
      for (auto field : simdjson::dom::object(inner.element_))
        if (field.value.is_object() || field.value.is_array()) f(Node(field.value));
    }
    return;
  }
  std::size_t cursor = 0;
  Node child;
  while (next_raw_child(cursor, child)) f(child);
}

// Name parts of a qualified name list (["public","users"]) joined with '.'.
std::string join_names(Node name_list);

}  // namespace sqlparse
