#include "analyzer/reference_resolver.h"

#include <algorithm>

namespace analyzer {
namespace {

using sqlparse::Access;

class Resolver {
 public:
  Resolver(const Schema& schema, const std::vector<std::string>& search_path)
      : schema_(schema), search_path_(search_path.empty() ? std::vector<std::string>{"public"} : search_path) {}

  void resolve(const sqlparse::ColumnRef& ref, std::vector<ResolvedRef>& out) const {
    ResolvedRef base;
    base.access = ref.access;
    base.offset = ref.offset;
    base.statement = ref.statement;
    base.command = ref.command;
    base.target = ref.target;

    if (ref.access == Access::table) {
      const Table* table = find(ref.table);
      base.table = qualify(ref.table);
      base.table_known = base.column_known = table != nullptr;
      out.push_back(std::move(base));
    } else if (ref.column == "*") {
      if (!ref.table.empty()) {
        star(base, ref.table, out);
      } else {
        for (const std::string& candidate : ref.candidates) star(base, candidate, out);
      }
    } else {
      base.column = ref.column;
      column(base, ref, out);
    }
  }

 private:
  const Table* find(const std::string& as_written) const {
    return schema_.find_table(table_name_as_written(as_written), search_path_);
  }
  QualifiedName qualify(const std::string& as_written) const {
    return schema_.qualify(table_name_as_written(as_written), search_path_);
  }

  void star(ResolvedRef base, const std::string& as_written, std::vector<ResolvedRef>& out) const {
    base.table = qualify(as_written);
    const Table* table = find(as_written);
    if (!table) {
      base.column.assign(1, '*');  // not = "*": GCC 12 warns falsely (-Wrestrict)
      out.push_back(std::move(base));
      return;
    }
    base.table_known = base.column_known = true;
    base.from_star = true;
    for (const Column& c : table->columns) {
      ResolvedRef expanded = base;
      expanded.column = c.name;
      out.push_back(std::move(expanded));
    }
  }

  // PostgreSQL looks for an unqualified column in the innermost query level first and
  // in the outer ones only when no table there has it.
  void column(ResolvedRef base, const sqlparse::ColumnRef& ref, std::vector<ResolvedRef>& out) const {
    const std::vector<std::string> innermost = ref.table.empty() ? ref.candidates : std::vector<std::string>{ref.table};
    for (const std::vector<std::string>* level : {&innermost, &ref.outer_candidates}) {
      std::vector<QualifiedName> having;   // known tables with the column
      std::vector<QualifiedName> unknown;  // tables the model does not have: may hold anything
      for (const std::string& t : *level) {
        const Table* table = find(t);
        if (!table) {
          add(unknown, qualify(t));
        } else if (table->column(base.column)) {
          add(having, table->name);
        }
      }
      if (!having.empty()) {
        base.table_known = base.column_known = true;
        place(base, std::move(having));
        out.push_back(std::move(base));
        return;
      }
      if (!unknown.empty()) {
        place(base, std::move(unknown));
        out.push_back(std::move(base));
        return;
      }
    }
    // Every table in scope is known and none has the column.
    std::vector<QualifiedName> in_scope;
    for (const std::string& t : innermost) add(in_scope, qualify(t));
    base.table_known = !in_scope.empty();
    place(base, std::move(in_scope));
    out.push_back(std::move(base));
  }

  static void place(ResolvedRef& ref, std::vector<QualifiedName> tables) {
    if (tables.size() == 1) {
      ref.table = tables.front();
    } else {
      ref.ambiguous = true;
      ref.candidates = std::move(tables);
    }
  }

  static void add(std::vector<QualifiedName>& v, const QualifiedName& name) {
    if (std::find(v.begin(), v.end(), name) == v.end()) v.push_back(name);
  }

  const Schema& schema_;
  std::vector<std::string> search_path_;
};

}  // namespace

QualifiedName table_name_as_written(std::string_view table) {
  QualifiedName out;
  const std::size_t last_dot = table.rfind('.');
  if (last_dot == std::string_view::npos) {
    out.name = std::string(table);
    return out;
  }
  out.name = std::string(table.substr(last_dot + 1));
  const std::string_view qualifier = table.substr(0, last_dot);
  const std::size_t schema_dot = qualifier.rfind('.');
  out.schema = std::string(schema_dot == std::string_view::npos ? qualifier : qualifier.substr(schema_dot + 1));
  return out;
}

std::vector<ResolvedRef> resolve_references(const Schema& schema, const std::vector<sqlparse::ColumnRef>& refs,
                                            const std::vector<std::string>& search_path) {
  const Resolver resolver(schema, search_path);
  std::vector<ResolvedRef> out;
  out.reserve(refs.size());
  for (const sqlparse::ColumnRef& ref : refs) resolver.resolve(ref, out);
  return out;
}

}  // namespace analyzer
