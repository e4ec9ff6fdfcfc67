#include "sqlparse/node.h"

#include <cctype>

namespace sqlparse {
namespace {

// A wrapper is an object with exactly one key that starts with an upper-case letter.
bool wrapper_kind(simdjson::dom::element e, std::string_view& kind, simdjson::dom::element& inner) {
  if (!e.is_object()) return false;
  simdjson::dom::object obj(e);
  auto it = obj.begin();
  if (it == obj.end()) return false;
  const std::string_view key = it.key();
  if (key.empty() || !std::isupper(static_cast<unsigned char>(key[0]))) return false;
  auto next = it;
  ++next;
  if (next != obj.end()) return false;
  kind = key;
  inner = it.value();
  return true;
}

}  // namespace

Node::Node(simdjson::dom::element element) : element_(element), valid_(true) {}

std::string_view Node::kind() const {
  if (!valid_) return {};
  std::string_view kind;
  simdjson::dom::element inner;
  return wrapper_kind(element_, kind, inner) ? kind : std::string_view{};
}

Node Node::body() const {
  if (!valid_) return {};
  std::string_view kind;
  simdjson::dom::element inner;
  return wrapper_kind(element_, kind, inner) ? Node(inner) : *this;
}

Node Node::operator[](std::string_view field) const {
  const Node inner = body();
  if (!inner.valid_ || !inner.element_.is_object()) return {};
  simdjson::dom::element value;
  if (simdjson::dom::object(inner.element_)[field].get(value) != simdjson::SUCCESS) return {};
  return Node(value);
}

std::string_view Node::str() const {
  if (!valid_) return {};
  if (element_.is_string()) return std::string_view(element_);
  const std::string_view k = kind();
  if (k == "String") return (*this)["sval"].str();
  if (k == "A_Const") return (*this)["sval"]["sval"].str();
  return {};
}

std::int64_t Node::integer() const {
  if (!valid_) return 0;
  if (element_.is_int64()) return std::int64_t(element_);
  if (element_.is_uint64()) return static_cast<std::int64_t>(std::uint64_t(element_));
  const std::string_view k = kind();
  if (k == "Integer") return (*this)["ival"].integer();
  if (k == "A_Const") return (*this)["ival"]["ival"].integer();
  return 0;
}

bool Node::boolean() const {
  if (!valid_) return false;
  if (element_.is_bool()) return bool(element_);
  if (kind() == "Boolean") return (*this)["boolval"].boolean();
  return false;
}

int Node::location() const {
  const Node loc = (*this)["location"];
  return loc ? static_cast<int>(loc.integer()) : -1;
}

bool Node::is_list() const { return valid_ && element_.is_array(); }

std::size_t Node::size() const {
  if (!is_list()) return 0;
  return simdjson::dom::array(element_).size();
}

Node Node::at(std::size_t index) const {
  if (!is_list()) return {};
  simdjson::dom::element value;
  if (simdjson::dom::array(element_).at(index).get(value) != simdjson::SUCCESS) return {};
  return Node(value);
}

Node::iterator Node::begin() const {
  if (!is_list()) return iterator();
  return iterator(simdjson::dom::array(element_).begin());
}

Node::iterator Node::end() const {
  if (!is_list()) return iterator();
  return iterator(simdjson::dom::array(element_).end());
}

std::string Node::to_json() const {
  if (!valid_) return "null";
  return simdjson::minify(element_);
}

std::string join_names(Node name_list) {
  std::string out;
  for (Node part : name_list) {
    if (!out.empty()) out += '.';
    out += part.str();
  }
  return out;
}

}  // namespace sqlparse
