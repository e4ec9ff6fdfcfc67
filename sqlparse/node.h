// A read-only, null-safe view of one node of libpg_query's parse tree.
//
// libpg_query writes a node as {"Kind": {fields}}; struct-valued fields (a RangeVar
// in "relation") come without the wrapper. Node hides the difference: field lookup
// unwraps, kind() names the wrapper. Looking up a missing field gives an empty Node,
// so chains like stmt["relation"]["relname"].str() never need checks in between.
// A Node is valid only while the statement callback that produced it runs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <simdjson.h>

namespace sqlparse {

class Node {
 public:
  Node() = default;
  explicit Node(simdjson::dom::element element);

  bool valid() const { return valid_; }
  explicit operator bool() const { return valid_; }

  // "AlterTableStmt", "ColumnRef", ... for a wrapped node; "" otherwise.
  std::string_view kind() const;
  bool is(std::string_view kind_name) const { return kind() == kind_name; }

  // A field of this node (unwrapping it first); empty when absent.
  Node operator[](std::string_view field) const;

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
    Node operator*() const { return Node(*it_); }
    iterator& operator++() { ++it_; return *this; }
    bool operator!=(const iterator& other) const {
      if (!live_ || !other.live_) return live_ != other.live_;
      return it_ != other.it_;
    }
   private:
    simdjson::dom::array::iterator it_{};
    bool live_ = false;
  };
  iterator begin() const;
  iterator end() const;

  // The unwrapped body of a wrapped node (the node itself otherwise).
  Node body() const;
  // Compact JSON of this subtree, for debugging and for tests.
  std::string to_json() const;

  // Calls f(node) for this node and every node below it, depth first.
  template <typename F>
  void walk(F&& f) const {
    if (!valid_) return;
    f(*this);
    for_each_child([&](Node child) { child.walk(f); });
  }

  // Calls f(child) for each direct child: list items, or the object-valued fields.
  template <typename F>
  void for_each_child(F&& f) const;

 private:

  simdjson::dom::element element_;
  bool valid_ = false;
};

template <typename F>
void Node::for_each_child(F&& f) const {
  const Node inner = body();
  if (inner.element_.is_array()) {
    for (auto child : simdjson::dom::array(inner.element_)) f(Node(child));
  } else if (inner.element_.is_object()) {
    for (auto field : simdjson::dom::object(inner.element_))
      if (field.value.is_object() || field.value.is_array()) f(Node(field.value));
  }
}

// Name parts of a qualified name list (["public","users"]) joined with '.'.
std::string join_names(Node name_list);

}  // namespace sqlparse
