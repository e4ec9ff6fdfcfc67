#!/usr/bin/env python3
"""Writes sqlparse/pg_nodes.inc: for every parse-tree node type of PostgreSQL 15, its name
and fields (name, kind, offset), a table from field name to field, and the names of the
enum values those fields hold; and sqlparse/pg_field_names.h: the sorted list of every
field name, which lets sqlparse::FieldName turn a name into a number at compile time.

sqlparse::Node reads libpg_query's raw parse tree through these tables instead of
a JSON copy of it. Offsets are written as offsetof() expressions, so the compiler
takes the layout from the headers the build uses; only the field names and kinds
come from this script. Run it again when the PostgreSQL major version changes:

    python3 sqlparse/tools/gen_pg_nodes.py /usr/include/postgresql/15/server sqlparse

The kinds follow what libpg_query's JSON output does with each C type, so that a field
reads the same through the raw tree as through the JSON (tests/pg_tree_test.cpp checks
this on every fixture and on the corpus).
"""
import os
import re
import sys

HEADERS = ["nodes/nodes.h", "nodes/primnodes.h", "nodes/parsenodes.h", "nodes/value.h", "nodes/pg_list.h",
           "nodes/lockoptions.h"]

INT32 = {"int", "int32", "signed int"}
INT16 = {"int16", "AttrNumber"}
UINT32 = {"Oid", "Index", "uint32", "bits32", "AclMode", "SubTransactionId", "unsigned int", "RelFileNumber"}
UINT64 = {"uint64"}
LONG = {"long"}
DOUBLE = {"double", "Cost", "Cardinality", "Selectivity"}
GENERIC = {"Node*", "Expr*"}
# Enums whose order libpg_query's vendored copy of the headers changes, with its order.
# (libpg_query 15-4.0.0 puts LIMIT_OPTION_DEFAULT first, so that a SELECT without LIMIT
# holds 0; the server's headers have it last.)
LIBPG_QUERY_ENUM_ORDER = {
    "LimitOption": ["LIMIT_OPTION_DEFAULT", "LIMIT_OPTION_COUNT", "LIMIT_OPTION_WITH_TIES"],
}


def strip(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    return "\n".join(line for line in text.split("\n") if not line.lstrip().startswith("#"))


def braced(text, start):
    """The text between the brace at `start` and its match, and the index after the match."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return text[start + 1:i], i + 1
    raise ValueError("unbalanced braces")


def typedefs(text, keyword):
    """Bodies of `typedef KEYWORD [Tag] { ... } Name;` and of `KEYWORD Tag { ... };` by name."""
    out = {}
    for m in re.finditer(r"(typedef\s+)?\b" + keyword + r"\s+(\w+)?\s*\{", text):
        body, end = braced(text, m.end() - 1)
        name = re.match(r"\s*(\w+)\s*;", text[end:])
        if m.group(1) and name:
            out.setdefault(name.group(1), body)
        elif not m.group(1) and m.group(2) and re.match(r"\s*;", text[end:]):
            out.setdefault(m.group(2), body)
    return out


def split_top(body):
    parts, depth, cur = [], 0, ""
    for c in body:
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        if c == ";" and depth == 0:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += c
    return [p for p in parts if p]


def enum_members(body):
    names, seen = [], set()
    for item in body.split(","):
        item = item.strip()
        if not item:
            continue
        m = re.match(r"(\w+)\s*(?:=\s*(.*))?$", item, flags=re.S)
        name, value = m.group(1), (m.group(2) or "").strip()
        if value in seen:  # an alias of an earlier member: a duplicate case label
            continue
        seen.add(name)
        names.append(name)
    return names


# Names that Node reads but that are no field of a node struct: the List's items
# ({"List": {"items": [...]}}), and names of libpg_query's JSON only: the statement list
# of a parse ("stmts") and the fields of PL/pgSQL function trees that the analyzer reads.
EXTRA_FIELD_NAMES = ["items", "stmts", "body", "datums", "exceptions", "lineno", "sqlstmt"]


def overlay_rows(rows, width):
    """Row displacement: places the sparse rows (lists of column numbers) of a matrix with
    `width` columns in one array, each at an offset where its columns hit only free slots.
    Returns the offsets and the array length (every offset + width fits)."""
    taken = bytearray()
    offsets = [0] * len(rows)
    for r in sorted(range(len(rows)), key=lambda r: -len(rows[r])):
        cols = rows[r]
        if not cols:
            continue
        base = 0
        while any(base + c < len(taken) and taken[base + c] for c in cols):
            base += 1
        end = base + max(cols) + 1
        if end > len(taken):
            taken.extend(bytes(end - len(taken)))
        for c in cols:
            taken[base + c] = 1
        offsets[r] = base
    return offsets, max(offsets, default=0) + width


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "/usr/include/postgresql/15/server"
    out_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    text = "\n".join(strip(open(os.path.join(root, h)).read()) for h in HEADERS)
    structs = typedefs(text, "struct")
    enums = {name: enum_members(body) for name, body in typedefs(text, "enum").items()}
    tags = [t[2:] for t in enum_members(typedefs(text, "enum")["NodeTag"]) if t.startswith("T_")]

    used_enums, unknown = [], set()
    out = ["// Generated by sqlparse/tools/gen_pg_nodes.py from the PostgreSQL 15 server headers:",
           "// do not edit. Included by sqlparse/pg_tree.cpp.", ""]
    infos = []
    for tag in tags:
        body = structs.get(tag)
        if body is None or tag in ("List", "IntList", "OidList"):
            continue
        fields = []
        for decl in split_top(body):
            decl = " ".join(decl.split())
            if decl.startswith("union ValUnion"):
                fields.append(("val", "kConstValue", "offsetof(%s, val)" % tag, "0"))
                continue
            m = re.match(r"(?:const\s+)?(?:struct\s+)?(unsigned\s+int|signed\s+int|\w+)\s*(\**)\s*(\w+)(\[.*\])?$", decl)
            if not m:
                unknown.add(decl)
                continue
            ctype, stars, name, array = m.group(1), m.group(2), m.group(3), m.group(4)
            if array:
                continue
            t = ctype + stars
            offset = "offsetof(%s, %s)" % (tag, name)
            if t == "NodeTag" or (t == "Expr" and name == "xpr"):
                continue
            if t in GENERIC:
                kind = "kNode"
            elif t == "List*":
                kind = "kList"
            elif t == "char*":
                kind = "kString"
            elif t == "char":
                kind = "kChar"
            elif t == "bool":
                kind = "kBool"
            elif t in INT32:
                kind = "kInt32"
            elif t in INT16:
                kind = "kInt16"
            elif t in UINT32:
                kind = "kUInt32"
            elif t in UINT64:
                kind = "kUInt64"
            elif t in LONG:
                kind = "kLong"
            elif t in DOUBLE:
                kind = "kDouble"
            elif t in ("Bitmapset*", "Relids"):
                kind = "kBitmapset"
            elif t in enums:
                if t not in used_enums:
                    used_enums.append(t)
                fields.append((name, "kEnum", offset, str(used_enums.index(t))))
                continue
            elif stars == "*" and ctype in structs and ctype in tags:
                kind = "kStruct"
            elif not stars and ctype in structs and ctype in tags:
                # A node struct stored inline (CreateForeignTableStmt.base): its NodeTag is
                # the outer struct's, so the field names the type.
                fields.append((name, "kEmbedded", offset, "T_" + ctype))
                continue
            elif t == "Datum":
                continue  # Const's value: planner trees only, libpg_query does not print it
            else:
                unknown.add("%s.%s: %s" % (tag, name, t))
                continue
            fields.append((name, kind, offset, "0"))
        infos.append((tag, fields))
        out.append("constexpr FieldInfo k%sFields[] = {" % tag)
        for name, kind, offset, extra in fields:
            out.append('    {"%s", %d, FieldKind::%s, %s, %s},' % (name, len(name), kind, extra, offset))
        if not fields:
            out.append("    {\"\", 0, FieldKind::kNone, 0, 0},")
        out.append("};")

    # Field names, numbered in byte order (the order std::string_view compares in).
    names = sorted({name for _, fields in infos for name, _, _, _ in fields} | set(EXTRA_FIELD_NAMES),
                   key=lambda n: n.encode())
    name_id = {name: k for k, name in enumerate(names)}
    # A_Const's inline value is looked up by the names "ival", "sval", ..., not as "val".
    rows = [[(name_id[name], k) for k, (name, kind, _, _) in enumerate(fields) if kind != "kConstValue"]
            for _, fields in infos]
    assert all(len(fields) < 256 for _, fields in infos)
    bases, slot_count = overlay_rows([[c for c, _ in row] for row in rows], len(names))
    slots = [None] * slot_count
    for (tag, _), row, base in zip(infos, rows, bases):
        for name_k, field_k in row:
            slots[base + name_k] = (tag, field_k)

    out += ["", "// Every node type: name, tag, fields, and where its row of kFieldSlots starts."]
    out.append("constexpr NodeInfo kNodeInfos[] = {")
    for (tag, fields), base in zip(infos, bases):
        out.append('    {"%s", %d, T_%s, k%sFields, %d, %d},' % (tag, len(tag), tag, tag, len(fields), base))
    for tag in ("List", "IntList", "OidList"):
        out.append('    {"%s", %d, T_%s, nullptr, 0, 0},' % (tag, len(tag), tag))
    out.append("};")
    out += ["", "// The field named by field id f in node type n is n.fields[s.field] where",
            "// s = kFieldSlots[n.field_base + f], if s.tag is n's tag (the rows of the sparse",
            "// node-type x field-name matrix, overlaid so that no two rows use the same slot).",
            "constexpr FieldSlot kFieldSlots[] = {"]
    line = ""
    for slot in slots:
        item = "{T_%s, %d}," % slot if slot else "{-1, 0},"
        if len(line) + len(item) > 104:
            out.append(line.rstrip())
            line = ""
        line += (" " if line else "    ") + item
    if line:
        out.append(line)
    out += ["};", ""]

    out += ["std::string_view enum_name_of(int enum_id, int value) {", "  switch (enum_id) {"]
    for k, name in enumerate(used_enums):
        out.append("    case %d:  // %s" % (k, name))
        out.append("      switch (value) {")
        if name in LIBPG_QUERY_ENUM_ORDER:
            assert sorted(LIBPG_QUERY_ENUM_ORDER[name]) == sorted(enums[name]), name
            for value, member in enumerate(LIBPG_QUERY_ENUM_ORDER[name]):
                out.append('        case %d: return "%s";' % (value, member))
        for member in enums[name] if name not in LIBPG_QUERY_ENUM_ORDER else []:
            out.append('        case %s: return "%s";' % (member, member))
        out.append("        default: return {};")
        out.append("      }")
    out += ["    default: return {};", "  }", "}"]
    with open(os.path.join(out_dir, "pg_nodes.inc"), "w") as f:
        f.write("\n".join(out) + "\n")

    header = ["// Generated by sqlparse/tools/gen_pg_nodes.py from the PostgreSQL 15 server headers:",
              "// do not edit. Included by sqlparse/node.h (no PostgreSQL headers needed).",
              "#pragma once", "", "#include <string_view>", "", "namespace sqlparse::pgtree {", "",
              "// Every field name of a parse-tree node, sorted bytewise: a name's position is its field id.",
              "inline constexpr std::string_view kFieldNames[] = {"]
    line = ""
    for name in names:
        item = '"%s",' % name
        if len(line) + len(item) > 100:
            header.append(line.rstrip())
            line = ""
        line += (" " if line else "    ") + item
    header += [line, "};", "", "}  // namespace sqlparse::pgtree"]
    with open(os.path.join(out_dir, "pg_field_names.h"), "w") as f:
        f.write("\n".join(header) + "\n")
    for u in sorted(unknown):
        print("unhandled:", u, file=sys.stderr)


if __name__ == "__main__":
    main()
