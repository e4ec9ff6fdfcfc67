#include "analyzer/dependency_report.h"

#include <algorithm>
#include <cctype>
#include <tuple>

#include "sqlparse/column_refs.h"

namespace analyzer {
namespace {

const std::vector<std::string> kSearchPath{"public"};

bool contains(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

std::string join(const std::vector<std::string>& items, std::string_view separator = ", ") {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : std::string(separator)) + item;
  return out;
}

std::string defined_at(const Origin& origin) {
  return origin.path.empty() ? std::string() : origin.path + ":" + std::to_string(origin.line);
}

// ---- the target --------------------------------------------------------------------

// "public.users.email" -> {"public", "users", "email"}; unquoted parts fold to lower case as
// PostgreSQL folds them. nullopt for an empty part or an unterminated quote.
std::optional<std::vector<std::string>> split_name(std::string_view text) {
  std::vector<std::string> parts(1);
  bool quoted_part = false;
  for (std::size_t k = 0; k < text.size(); ++k) {
    const char c = text[k];
    if (c == '"') {
      const std::size_t close = text.find('"', k + 1);
      if (close == std::string_view::npos) return std::nullopt;
      parts.back() += text.substr(k + 1, close - k - 1);
      quoted_part = true;
      k = close;
    } else if (c == '.') {
      if (parts.back().empty() && !quoted_part) return std::nullopt;
      parts.emplace_back();
      quoted_part = false;
    } else {
      parts.back() += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  if (parts.back().empty() && !quoted_part) return std::nullopt;
  return parts;
}

// Edit distance with transpositions (optimal string alignment): "emial" is one step from "email".
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

// The closest of `names` to `wanted`, if close enough to be a typo.
std::optional<std::string> closest(std::string_view wanted, const std::vector<std::string>& names) {
  const std::size_t allowed = wanted.size() >= 4 ? 2 : 1;
  std::optional<std::string> best;
  std::size_t best_distance = allowed + 1;
  for (const std::string& name : names) {
    const std::size_t d = edit_distance(wanted, name);
    if (d < best_distance) {
      best_distance = d;
      best = name;
    }
  }
  return best;
}

std::string departure_message(const std::string& what, const HistoryEvent& event) {
  const std::string how = event.action == "renamed" ? "renamed" : "dropped";
  return what + " was " + how + " by " + event.path + ":" + std::to_string(event.line) + " (" + event.sql + ")";
}

// ---- code references ---------------------------------------------------------------

std::vector<CodeUse> code_uses(const std::vector<const ResolvedAppReference*>& refs) {
  std::vector<CodeUse> out;
  std::set<std::tuple<std::string, int, int, std::string>> seen;
  for (const ResolvedAppReference* r : refs) {
    if (!seen.insert({r->code.path, r->code.line, r->code.column, r->code.access}).second) continue;
    CodeUse use;
    use.code = r->code;
    use.ambiguous = r->ambiguous;
    for (const QualifiedName& c : r->candidates) use.candidates.push_back(c.str());
    out.push_back(std::move(use));
  }
  std::sort(out.begin(), out.end(), [](const CodeUse& a, const CodeUse& b) {
    return std::tie(a.code.path, a.code.line, a.code.column, a.code.access) <
           std::tie(b.code.path, b.code.line, b.code.column, b.code.access);
  });
  return out;
}

void collect_code(const AppIndex& app, const DepsTarget& target, DependencyReport& report) {
  if (!target.is_column()) {
    report.code_references = code_uses(app.uses_table(target.table));
    return;
  }
  report.code_references = code_uses(app.uses_column(target.table, target.column));
  std::set<std::pair<std::string, int>> by_name;
  for (const CodeUse& use : report.code_references) by_name.insert({use.code.path, use.code.line});
  std::vector<const ResolvedAppReference*> stars;
  for (const ResolvedAppReference* r : app.uses_table(target.table))
    if (r->from_star && r->column == target.column && !by_name.count({r->code.path, r->code.line}))
      stars.push_back(r);
  report.star_references = code_uses(stars);
}

// ---- schema dependencies -----------------------------------------------------------

std::string column_list(const std::vector<std::string>& columns, const std::vector<std::string>& expressions = {}) {
  std::vector<std::string> shown;
  for (std::size_t k = 0; k < columns.size(); ++k)
    shown.push_back(!columns[k].empty() ? columns[k]
                                        : k < expressions.size() && !expressions[k].empty() ? expressions[k] : "<expr>");
  return "(" + join(shown) + ")";
}

std::string describe_index(const Index& index) {
  std::string out = std::string(index.unique ? "UNIQUE " : "") + index.method + " " +
                    column_list(index.columns, index.expressions);
  if (!index.include.empty()) out += " INCLUDE " + column_list(index.include);
  if (!index.predicate_sql.empty()) out += " WHERE " + index.predicate_sql;
  return out;
}

std::string describe_constraint(const Constraint& c) {
  switch (c.kind) {
    case ConstraintKind::primary_key: return "PRIMARY KEY " + column_list(c.columns);
    case ConstraintKind::unique: return "UNIQUE " + column_list(c.columns);
    case ConstraintKind::check: return "CHECK (" + c.expression_sql + ")";
    case ConstraintKind::exclusion: return "EXCLUDE (" + c.expression_sql + ")";
    case ConstraintKind::foreign_key: break;
  }
  return "";
}

std::string describe_foreign_key(const Schema& schema, const QualifiedName& owner, const Constraint& fk) {
  const std::vector<std::string> referenced =
      fk.referenced_columns.empty() ? schema.primary_key(fk.references) : fk.referenced_columns;
  return owner.str() + " " + column_list(fk.columns) + " references " + fk.references.str() + " " +
         column_list(referenced) + (fk.on_delete != "NO ACTION" ? " ON DELETE " + fk.on_delete : "");
}

std::string describe_trigger(const Trigger& t) {
  std::string out = t.timing + " " + join(t.events, " OR ");
  if (!t.columns.empty()) out += " OF " + join(t.columns);
  return out + (t.for_each_row ? " FOR EACH ROW" : " FOR EACH STATEMENT") + " EXECUTE FUNCTION " + t.function.str();
}

// The columns a generated column's expression reads.
std::set<std::string> expression_columns(const std::string& expression_sql) {
  std::set<std::string> out;
  const sqlparse::SqlAnalysis analysis = sqlparse::analyze_query("SELECT " + expression_sql + " FROM t");
  for (const sqlparse::ColumnRef& ref : analysis.refs)
    if (ref.access != sqlparse::Access::table && ref.column != "*") out.insert(ref.column);
  return out;
}

bool references_column(const Schema& schema, const QualifiedName& table, const Constraint& fk, std::string_view column) {
  return contains(fk.referenced_columns, column) ||
         (fk.referenced_columns.empty() && contains(schema.primary_key(table), column));
}

std::string view_kind(const Table& view) {
  return view.kind == RelationKind::materialized_view ? "materialized view" : "view";
}

// Collects dependencies and the reasons they give, in the order the report shows them.
class Collector {
 public:
  Collector(const Schema& schema, const MigrationHistory& history, const Table& table, DependencyReport& report)
      : schema_(schema), history_(history), table_(table), report_(report) {}

  void column(const std::string& column) {
    const std::string target = table_.name.str() + "." + column;
    for (const Index* index : schema_.indexes_on(table_.name))
      if (index->constraint.empty() && index->uses_column(column))
        add("index", index->name.str(), describe_index(*index), index->origin, false);
    for (const Constraint& c : table_.constraints) {
      if (!contains(c.columns, column)) continue;
      if (c.kind == ConstraintKind::foreign_key) {
        add("foreign_key", c.name, describe_foreign_key(schema_, table_.name, c), c.origin, false);
      } else {
        const bool primary = c.kind == ConstraintKind::primary_key;
        add("constraint", c.name, describe_constraint(c), c.origin, primary);
        if (primary) reason("primary key", "it is part of the primary key " + c.name);
      }
    }
    for (const auto& [owner, fk] : schema_.foreign_keys_referencing(table_.name)) {
      if (!references_column(schema_, table_.name, *fk, column)) continue;
      add("foreign_key", fk->name, describe_foreign_key(schema_, owner->name, *fk), fk->origin, true);
      reason("foreign keys", "foreign keys reference it: ", fk->name + " on " + owner->name.str());
    }
    views(column);
    std::vector<std::string> unanalysed_triggers;
    for (const Trigger& t : table_.triggers) {
      if (contains(t.columns, column)) {
        add("trigger", t.name, describe_trigger(t), t.origin, true);
        reason("triggers", "triggers fire on updates of it: ", t.name);
      } else if (t.for_each_row) {
        unanalysed_triggers.push_back(t.name);
      }
    }
    for (const Column& c : table_.columns) {
      if (c.generated_sql.empty() || c.name == column || !expression_columns(c.generated_sql).count(column)) continue;
      add("generated_column", table_.name.str() + "." + c.name, "GENERATED ALWAYS AS (" + c.generated_sql + ") STORED",
          c.origin, true);
      reason("generated columns", "generated columns are computed from it: ", c.name);
    }
    for (const PolicyRecord& p : history_.policies_on(table_.name)) {
      if (!p.columns.count(column)) continue;
      add("policy", p.name, "reads " + join({p.columns.begin(), p.columns.end()}), Origin{Origin::Kind::history, p.path, p.line, -1},
          true);
      reason("policies", "row-level security policies use it: ", p.name);
    }
    if (contains(table_.partition_key_columns, column))
      reason("partition key", "it is in the partition key of " + table_.name.str() +
                                  " (PostgreSQL refuses to drop a partition key column)");
    if (!table_.partition_of.name.empty())
      reason("inherited", "it is inherited from the partitioned table " + table_.partition_of.str() +
                              ": a partition's column can only be dropped from the parent");
    if (!unanalysed_triggers.empty())
      report_.notes.push_back("row triggers on " + table_.name.str() + " run functions the model does not read (" +
                              join(unanalysed_triggers) + "): check that they do not use " + column);
    dropped_along_note(target);
  }

  void table() {
    for (const Index* index : schema_.indexes_on(table_.name))
      if (index->constraint.empty()) add("index", index->name.str(), describe_index(*index), index->origin, false);
    for (const Constraint& c : table_.constraints) {
      if (c.kind == ConstraintKind::foreign_key) add("foreign_key", c.name, describe_foreign_key(schema_, table_.name, c), c.origin, false);
      else add("constraint", c.name, describe_constraint(c), c.origin, false);
    }
    for (const auto& [owner, fk] : schema_.foreign_keys_referencing(table_.name)) {
      if (owner->name == table_.name) continue;  // its own, listed above
      add("foreign_key", fk->name, describe_foreign_key(schema_, owner->name, *fk), fk->origin, true);
      reason("foreign keys", "foreign keys in other tables reference it: ", fk->name + " on " + owner->name.str());
    }
    views("");
    for (const Trigger& t : table_.triggers) add("trigger", t.name, describe_trigger(t), t.origin, false);
    for (const PolicyRecord& p : history_.policies_on(table_.name))
      add("policy", p.name, p.columns.empty() ? "" : "reads " + join({p.columns.begin(), p.columns.end()}),
          Origin{Origin::Kind::history, p.path, p.line, -1}, false);
    std::vector<std::string> partitions;
    for (const Table* p : schema_.partitions_of(table_.name)) partitions.push_back(p->name.str());
    if (!partitions.empty())
      report_.notes.push_back("dropping it drops its partitions and their data: " + join(partitions));
  }

 private:
  void add(std::string kind, std::string name, std::string detail, const Origin& origin, bool blocks) {
    report_.schema_dependencies.push_back({std::move(kind), std::move(name), std::move(detail), defined_at(origin), blocks});
  }

  // One reason per kind of dependency; the items of a kind are listed after its lead-in.
  void reason(const std::string& kind, const std::string& lead_in, const std::string& item = {}) {
    auto it = std::find_if(reasons_.begin(), reasons_.end(), [&](const auto& r) { return r.kind == kind; });
    if (it == reasons_.end()) {
      reasons_.push_back({kind, lead_in, {}});
      it = std::prev(reasons_.end());
    }
    if (!item.empty() && !contains(it->items, item)) it->items.push_back(item);
  }

  void views(std::string_view column) {
    for (const Table* view : schema_.views_reading(table_.name, column)) {
      add("view", view->name.str(), view_kind(*view) + " reading it", view->origin, true);
      reason("views", "views read it: ", view_kind(*view) + " " + view->name.str());
    }
  }

  // Indexes and constraints that a drop removes without asking: worth knowing, not blocking.
  void dropped_along_note(const std::string& target) {
    std::vector<std::string> along;
    for (const SchemaDependency& d : report_.schema_dependencies)
      if (!d.blocks_drop) along.push_back(d.kind + " " + d.name);
    if (!along.empty())
      report_.notes.push_back("dropping " + target + " also drops, without asking: " + join(along));
  }

 public:
  void finish() {
    for (const auto& r : reasons_) report_.reasons.push_back(r.lead_in + join(r.items));
  }

 private:
  struct Reason {
    std::string kind;
    std::string lead_in;
    std::vector<std::string> items;
  };
  const Schema& schema_;
  const MigrationHistory& history_;
  const Table& table_;
  DependencyReport& report_;
  std::vector<Reason> reasons_;
};

std::string code_reason(const DependencyReport& report) {
  std::set<std::string> files;
  std::size_t ambiguous = 0;
  for (const CodeUse& use : report.code_references) {
    files.insert(use.code.path);
    if (use.ambiguous) ++ambiguous;
  }
  const std::size_t n = report.code_references.size();
  std::string out = "the application's code still uses it: " + std::to_string(n) + " place" + (n == 1 ? "" : "s") +
                    " in " + std::to_string(files.size()) + " file" + (files.size() == 1 ? "" : "s");
  if (ambiguous > 0)
    out += " (" + std::to_string(ambiguous) + " of them ambiguous: an unqualified column that other tables have too)";
  return out;
}

}  // namespace

std::optional<DepsTarget> resolve_deps_target(const Schema& schema, const MigrationHistory& history,
                                              std::string_view text, std::string& error) {
  const auto parts = split_name(text);
  if (!parts || parts->size() > 3) {
    error = "`" + std::string(text) + "` is not a table or column name: expected TABLE, SCHEMA.TABLE, TABLE.COLUMN or "
            "SCHEMA.TABLE.COLUMN";
    return std::nullopt;
  }
  const std::vector<std::string>& p = *parts;
  QualifiedName written;
  std::string column;
  if (p.size() == 1) {
    written = {"", p[0]};
  } else if (p.size() == 3) {
    written = {p[0], p[1]};
    column = p[2];
  } else if (schema.find_table({p[0], p[1]}, kSearchPath) || schema.schemas().count(p[0])) {
    written = {p[0], p[1]};  // SCHEMA.TABLE
  } else {
    written = {"", p[0]};
    column = p[1];
  }

  const Table* table = schema.find_table(written, kSearchPath);
  if (!table) {
    const QualifiedName qualified = schema.qualify(written, kSearchPath);
    if (auto gone = history.last_departure(qualified, "")) {
      error = departure_message("table `" + qualified.str() + "`", *gone);
      return std::nullopt;
    }
    std::vector<std::string> names;
    for (const auto& [name, t] : schema.tables()) names.push_back(written.qualified() ? name.str() : name.name);
    error = "unknown table `" + written.str() + "`";
    if (auto near = closest(written.qualified() ? written.str() : written.name, names))
      error += " (did you mean `" + *near + (column.empty() ? "" : "." + column) + "`?)";
    return std::nullopt;
  }
  if (!column.empty() && !table->column(column)) {
    if (auto gone = history.last_departure(table->name, column)) {
      error = departure_message("column `" + table->name.str() + "." + column + "`", *gone);
      return std::nullopt;
    }
    std::vector<std::string> names;
    for (const Column& c : table->columns) names.push_back(c.name);
    error = "unknown column `" + table->name.str() + "." + column + "`";
    if (auto near = closest(column, names)) error += " (did you mean `" + table->name.str() + "." + *near + "`?)";
    return std::nullopt;
  }
  return DepsTarget{table->name, column};
}

DependencyReport build_dependency_report(const Schema& schema, const AppIndex& app, const MigrationHistory& history,
                                         const DepsTarget& target) {
  DependencyReport report;
  report.target = target;
  report.migrations = history.of(target);
  const Table* table = schema.find_table(target.table, kSearchPath);
  if (!table) {  // resolve_deps_target guarantees it; stay safe on misuse
    report.safe_to_drop = false;
    report.reasons.push_back("the schema model does not have " + target.str());
    return report;
  }

  collect_code(app, target, report);
  if (!report.code_references.empty()) report.reasons.push_back(code_reason(report));
  Collector collector(schema, history, *table, report);
  if (target.is_column()) collector.column(target.column);
  else collector.table();
  collector.finish();

  if (!report.star_references.empty()) {
    const std::size_t n = report.star_references.size();
    report.notes.insert(report.notes.begin(),
                        std::to_string(n) + " `SELECT *` quer" + (n == 1 ? "y reads" : "ies read") +
                            " it without naming it: not blocking, but the result has one column fewer");
  }
  report.safe_to_drop = report.reasons.empty();
  return report;
}

}  // namespace analyzer
