// libpg_query's raw parse tree — PostgreSQL's own node structs — seen from code that does
// not include PostgreSQL's headers: node names and field tables, lists, the values inside
// an A_Const, and the parse call itself. Only pg_tree.cpp includes the server headers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sqlparse::pgtree {

// How a field is stored, and so how libpg_query's JSON output shows it.
enum class FieldKind : std::uint8_t {
  kNone,
  kNode,        // Node *: another node, shown wrapped ({"Kind": {...}})
  kStruct,      // a pointer to a specific node struct (RangeVar *): shown without the wrapper
  kEmbedded,    // a node struct stored inline: shown without the wrapper
  kList,        // List *: a JSON array of wrapped nodes
  kString,      // char *
  kChar,        // char, shown as a one-character string
  kBool,
  kInt32,
  kInt16,
  kUInt32,
  kUInt64,
  kLong,
  kDouble,
  kEnum,        // shown as the enum constant's name
  kBitmapset,   // never in a raw parse tree
  kConstValue,  // A_Const's inline value: shown as "ival"/"fval"/"boolval"/"sval"/"bsval"
};

struct FieldInfo {
  const char* name;
  std::uint8_t name_len;
  FieldKind kind;
  std::uint16_t enum_id;  // for kEnum: which enum (see enum_name); for kEmbedded: the NodeTag
  std::size_t offset;
  std::string_view field_name() const { return {name, name_len}; }
};

struct NodeInfo {
  const char* name;
  std::uint8_t name_len;
  int tag;
  const FieldInfo* fields;
  std::uint16_t count;
  std::uint16_t field_base;  // where this type's row of the field slot table starts
  std::string_view node_name() const { return {name, name_len}; }
};

// One slot of the table that finds a field by node tag and field id (see find_field).
struct FieldSlot {
  std::int16_t tag;     // the node type this slot belongs to; -1 for none
  std::uint8_t field;   // the field's index in that type's fields
};

// The NodeTag every node struct starts with.
inline int tag(const void* node) { return *static_cast<const int*>(node); }
// Name and fields of a node type; nullptr for a tag this build does not know.
const NodeInfo* info(int tag);
// The field of node type `tag` whose name has id `field_id` (its index in kFieldNames);
// nullptr if that type has no such field. Two array reads, no name comparison.
const FieldInfo* find_field(int tag, std::uint16_t field_id);
std::string_view enum_name(int enum_id, int value);

enum class Tag { kList, kIntList, kOidList, kAConst, kInteger, kFloat, kBoolean, kString, kBitString };
extern const int kTagValues[9];  // by Tag
inline int tag_value(Tag t) { return kTagValues[static_cast<int>(t)]; }
inline bool is(const void* node, Tag t) { return tag(node) == tag_value(t); }

int list_length(const void* list);
const void* list_item(const void* list, int index);  // nullptr for a NULL item
// The value inside an A_Const (an Integer, Float, Boolean, String or BitString node), or
// nullptr for NULL.
const void* const_value(const void* a_const);

// The statements of one text, parsed by libpg_query without its JSON output. The tree
// lives until this object is destroyed.
class RawParse {
 public:
  struct Statement {
    const void* node;  // the statement's node (SelectStmt, ...)
    int location;      // stmt_location and stmt_len of its RawStmt
    int length;
  };
  struct Error {
    std::string message;
    int cursorpos;  // 1-based character offset in the text, 0 if unknown
  };

  explicit RawParse(const char* text);  // NUL-terminated
  ~RawParse();
  RawParse(const RawParse&) = delete;
  RawParse& operator=(const RawParse&) = delete;

  const Error* error() const { return failed_ ? &error_ : nullptr; }
  std::size_t size() const;
  Statement statement(std::size_t index) const;
  // Starts bringing a statement's nodes into cache (a tree parsed ahead is cold by the time
  // it is read; the previous statement's analysis hides the wait).
  void prefetch(std::size_t index) const;

 private:
  void* context_ = nullptr;
  const void* tree_ = nullptr;
  bool failed_ = false;
  Error error_;
};

}  // namespace sqlparse::pgtree
