#include "sqlparse/node.h"

#include <cctype>
#include <charconv>
#include <cstring>

#include "sqlparse/pg_tree.h"

namespace sqlparse {
namespace {

using pgtree::FieldInfo;
using pgtree::FieldKind;
using pgtree::Tag;

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

template <typename T>
T read(const void* at) {
  T value;
  std::memcpy(&value, at, sizeof value);
  return value;
}

// A_Const shows its inline value under a name that says the value's type.
struct ConstValueName {
  FieldName name;
  Tag tag;
};
constexpr ConstValueName kConstValueNames[] = {
    {"ival", Tag::kInteger}, {"fval", Tag::kFloat},        {"boolval", Tag::kBoolean},
    {"sval", Tag::kString},  {"bsval", Tag::kBitString},
};

std::string_view const_value_name(const void* value) {
  for (const ConstValueName& n : kConstValueNames)
    if (pgtree::is(value, n.tag)) return n.name.name();
  return {};
}

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static const char hex[] = "0123456789abcdef";
          out += "\\u00";
          out += hex[(c >> 4) & 0xf];
          out += hex[c & 0xf];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

template <typename T>
void append_number(std::string& out, T value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

}  // namespace

Node::Node(simdjson::dom::element element) : element_(element), mode_(Mode::kJson) {}

int Node::raw_tag() const { return field_ ? field_->enum_id : pgtree::tag(ptr_); }

Node Node::raw(const void* pg_node) { return pg_node ? Node(Mode::kWrapped, pg_node) : Node(); }

std::string_view Node::kind() const {
  if (mode_ == Mode::kWrapped) {
    const pgtree::NodeInfo* info = pgtree::info(pgtree::tag(ptr_));
    return info ? info->node_name() : std::string_view{};
  }
  if (mode_ != Mode::kJson) return {};
  std::string_view kind;
  simdjson::dom::element inner;
  return wrapper_kind(element_, kind, inner) ? kind : std::string_view{};
}

Node Node::body() const {
  if (mode_ == Mode::kWrapped) return Node(Mode::kBare, ptr_);
  if (mode_ != Mode::kJson) return *this;
  std::string_view kind;
  simdjson::dom::element inner;
  return wrapper_kind(element_, kind, inner) ? Node(inner) : *this;
}

// operator[] and raw_field stay small: they run about a million times per 20,000
// statements, while the JSON lookup and the List/A_Const cases are rare.
Node Node::operator[](FieldName field) const {
  if (mode_ == Mode::kWrapped || mode_ == Mode::kBare) return raw_field(field);
  if (mode_ == Mode::kJson) return json_field(field.name());
  return {};
}

Node Node::field(std::string_view name) const {
  if (const std::optional<FieldName> known = FieldName::find(name)) return (*this)[*known];
  // No node struct has this field; JSON (PL/pgSQL bodies) may still.
  return mode_ == Mode::kJson ? json_field(name) : Node();
}

[[gnu::noinline]] Node Node::json_field(std::string_view name) const {
  const Node inner = body();
  if (!inner.element_.is_object()) return {};
  simdjson::dom::element value;
  if (simdjson::dom::object(inner.element_)[name].get(value) != simdjson::SUCCESS) return {};
  return Node(value);
}

Node Node::raw_field(FieldName name) const {
  if (!ptr_) return {};
  const int tag = raw_tag();
  if (const FieldInfo* f = pgtree::find_field(tag, name.id())) return field_value(ptr_, *f);
  return unstored_field(tag, name);
}

// Fields that the struct does not store under their name: {"List": {"items": [...]}}, and
// A_Const's value, named by its type.
[[gnu::noinline]] Node Node::unstored_field(int tag, FieldName name) const {
  if (tag == pgtree::tag_value(Tag::kList))
    return name.id() == FieldName("items").id() ? Node(Mode::kList, ptr_) : Node();
  if (tag == pgtree::tag_value(Tag::kAConst)) {
    for (const ConstValueName& n : kConstValueNames) {
      if (n.name.id() != name.id()) continue;
      const void* value = pgtree::const_value(ptr_);
      return value && pgtree::is(value, n.tag) ? Node(Mode::kBare, value) : Node();
    }
  }
  return {};
}

Node Node::field_value(const void* node, const FieldInfo& f) {
  const char* at = static_cast<const char*>(node) + f.offset;
  const Node scalar(Mode::kScalar, at, &f);
  switch (f.kind) {
    case FieldKind::kNode: {
      const void* p = read<const void*>(at);
      return p ? Node(Mode::kWrapped, p) : Node();
    }
    case FieldKind::kStruct: {
      const void* p = read<const void*>(at);
      return p ? Node(Mode::kBare, p) : Node();
    }
    case FieldKind::kList: {
      const void* p = read<const void*>(at);
      return p ? Node(Mode::kList, p) : Node();
    }
    case FieldKind::kEmbedded: return Node(Mode::kBare, at, &f);  // its type is in the field
    case FieldKind::kString: return read<const char*>(at) ? scalar : Node();
    case FieldKind::kChar: return *at ? scalar : Node();
    case FieldKind::kBool: return read<bool>(at) ? scalar : Node();
    case FieldKind::kInt32: return read<std::int32_t>(at) ? scalar : Node();
    case FieldKind::kInt16: return read<std::int16_t>(at) ? scalar : Node();
    case FieldKind::kUInt32: return read<std::uint32_t>(at) ? scalar : Node();
    case FieldKind::kUInt64: return read<std::uint64_t>(at) ? scalar : Node();
    case FieldKind::kLong: return read<long>(at) ? scalar : Node();
    case FieldKind::kDouble: return read<double>(at) != 0 ? scalar : Node();
    case FieldKind::kEnum: return scalar;  // libpg_query prints every enum field
    case FieldKind::kNone:
    case FieldKind::kBitmapset:
    case FieldKind::kConstValue: return {};
  }
  return {};
}

Node Node::list_item(const void* list, int index) {
  const void* item = pgtree::list_item(list, index);
  return item ? Node(Mode::kWrapped, item) : Node(Mode::kBare, nullptr);  // NULL shows as {}
}

std::string_view Node::str() const {
  switch (mode_) {
    case Mode::kInvalid:
    case Mode::kList:
    case Mode::kBare: return {};
    case Mode::kScalar:
      switch (field_->kind) {
        case FieldKind::kString: return read<const char*>(ptr_);
        case FieldKind::kChar: return std::string_view(static_cast<const char*>(ptr_), 1);
        case FieldKind::kEnum: return pgtree::enum_name(field_->enum_id, read<int>(ptr_));
        default: return {};
      }
    case Mode::kJson:
      if (element_.is_string()) return std::string_view(element_);
      break;
    case Mode::kWrapped:
      if (pgtree::is(ptr_, Tag::kString)) return (*this)["sval"].str();
      if (pgtree::is(ptr_, Tag::kAConst)) return (*this)["sval"]["sval"].str();
      return {};
  }
  const std::string_view k = kind();
  if (k == "String") return (*this)["sval"].str();
  if (k == "A_Const") return (*this)["sval"]["sval"].str();
  return {};
}

std::int64_t Node::integer() const {
  switch (mode_) {
    case Mode::kInvalid:
    case Mode::kList:
    case Mode::kBare: return 0;
    case Mode::kScalar:
      switch (field_->kind) {
        case FieldKind::kInt32: return read<std::int32_t>(ptr_);
        case FieldKind::kInt16: return read<std::int16_t>(ptr_);
        case FieldKind::kUInt32: return read<std::uint32_t>(ptr_);
        case FieldKind::kUInt64: return static_cast<std::int64_t>(read<std::uint64_t>(ptr_));
        case FieldKind::kLong: return read<long>(ptr_);
        default: return 0;
      }
    case Mode::kJson:
      if (element_.is_int64()) return std::int64_t(element_);
      if (element_.is_uint64()) return static_cast<std::int64_t>(std::uint64_t(element_));
      break;
    case Mode::kWrapped:
      if (pgtree::is(ptr_, Tag::kInteger)) return (*this)["ival"].integer();
      if (pgtree::is(ptr_, Tag::kAConst)) return (*this)["ival"]["ival"].integer();
      return 0;
  }
  const std::string_view k = kind();
  if (k == "Integer") return (*this)["ival"].integer();
  if (k == "A_Const") return (*this)["ival"]["ival"].integer();
  return 0;
}

bool Node::boolean() const {
  switch (mode_) {
    case Mode::kInvalid:
    case Mode::kList:
    case Mode::kBare: return false;
    case Mode::kScalar: return field_->kind == FieldKind::kBool && read<bool>(ptr_);
    case Mode::kJson:
      if (element_.is_bool()) return bool(element_);
      break;
    case Mode::kWrapped: return pgtree::is(ptr_, Tag::kBoolean) && (*this)["boolval"].boolean();
  }
  if (kind() == "Boolean") return (*this)["boolval"].boolean();
  return false;
}

int Node::location() const {
  const Node loc = (*this)["location"];
  return loc ? static_cast<int>(loc.integer()) : -1;
}

bool Node::is_list() const { return mode_ == Mode::kList || (mode_ == Mode::kJson && element_.is_array()); }

std::size_t Node::size() const {
  if (mode_ == Mode::kList) return static_cast<std::size_t>(pgtree::list_length(ptr_));
  if (!is_list()) return 0;
  return simdjson::dom::array(element_).size();
}

Node Node::at(std::size_t index) const {
  if (mode_ == Mode::kList)
    return index < size() ? list_item(ptr_, static_cast<int>(index)) : Node();
  if (!is_list()) return {};
  simdjson::dom::element value;
  if (simdjson::dom::array(element_).at(index).get(value) != simdjson::SUCCESS) return {};
  return Node(value);
}

Node::iterator Node::begin() const {
  if (mode_ == Mode::kList) return iterator(ptr_, 0);
  if (!is_list()) return iterator();
  return iterator(simdjson::dom::array(element_).begin());
}

Node::iterator Node::end() const {
  if (mode_ == Mode::kList) return iterator(ptr_, pgtree::list_length(ptr_));
  if (!is_list()) return iterator();
  return iterator(simdjson::dom::array(element_).end());
}

bool Node::next_raw_child(std::size_t& cursor, Node& child) const {
  if (mode_ == Mode::kList) {
    if (cursor >= static_cast<std::size_t>(pgtree::list_length(ptr_))) return false;
    child = list_item(ptr_, static_cast<int>(cursor++));
    return true;
  }
  if ((mode_ != Mode::kWrapped && mode_ != Mode::kBare) || !ptr_) return false;
  const int tag = raw_tag();
  if (tag == pgtree::tag_value(Tag::kList)) {  // {"List": {"items": [...]}}
    if (cursor++ > 0) return false;
    child = Node(Mode::kList, ptr_);
    return true;
  }
  const pgtree::NodeInfo* info = pgtree::info(tag);
  if (!info) return false;
  while (cursor < info->count) {
    const FieldInfo& f = info->fields[cursor++];
    switch (f.kind) {
      case FieldKind::kNode:
      case FieldKind::kStruct:
      case FieldKind::kList:
      case FieldKind::kEmbedded:
        child = field_value(ptr_, f);
        if (child) return true;
        break;
      case FieldKind::kConstValue:
        if (const void* value = pgtree::const_value(ptr_)) {
          child = Node(Mode::kBare, value);
          return true;
        }
        break;
      default: break;
    }
  }
  return false;
}

std::string Node::to_json() const {
  std::string out;
  write_json(out);
  return out;
}

void Node::write_json(std::string& out) const {
  switch (mode_) {
    case Mode::kInvalid: out += "null"; return;
    case Mode::kJson: out += simdjson::minify(element_); return;
    case Mode::kWrapped:
      out += "{\"";
      out += kind();
      out += "\":";
      body().write_json(out);
      out += '}';
      return;
    case Mode::kList: {
      out += '[';
      bool first = true;
      for (Node item : *this) {
        if (!first) out += ',';
        first = false;
        item.write_json(out);
      }
      out += ']';
      return;
    }
    case Mode::kScalar:
      switch (field_->kind) {
        case FieldKind::kString:
        case FieldKind::kChar:
        case FieldKind::kEnum: append_json_string(out, str()); return;
        case FieldKind::kBool: out += "true"; return;
        case FieldKind::kDouble: append_number(out, read<double>(ptr_)); return;
        default: append_number(out, integer()); return;
      }
    case Mode::kBare: break;
  }
  out += '{';
  bool first = true;
  const auto key = [&](std::string_view name) {
    if (!first) out += ',';
    first = false;
    append_json_string(out, name);
    out += ':';
  };
  if (ptr_ && raw_tag() == pgtree::tag_value(Tag::kList)) {
    key("items");
    Node(Mode::kList, ptr_).write_json(out);
  } else if (const pgtree::NodeInfo* info = ptr_ ? pgtree::info(raw_tag()) : nullptr) {
    for (std::uint16_t k = 0; k < info->count; ++k) {
      const FieldInfo& f = info->fields[k];
      if (f.kind == FieldKind::kConstValue) {
        if (const void* value = pgtree::const_value(ptr_)) {
          key(const_value_name(value));
          Node(Mode::kBare, value).write_json(out);
        }
        continue;
      }
      const Node value = field_value(ptr_, f);
      if (!value) continue;
      key(f.field_name());
      value.write_json(out);
    }
  }
  out += '}';
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
