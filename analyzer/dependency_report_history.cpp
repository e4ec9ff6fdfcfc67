// MigrationHistory: a recorder rule that logs what each migration statement does to
// tables and columns (by the names they have at the time), and the queries over that log.
#include <algorithm>

#include "analyzer/dependency_report.h"

namespace analyzer {

struct MigrationHistory::State {
  std::vector<Entry> entries;
  std::map<QualifiedName, std::vector<PolicyRecord>> policies;
};

namespace {

using sqlparse::Node;

const RuleInfo kRecorderInfo{
    "deps-history-recorder",
    Severity::warning,
    RuleGroup::destructive,
    {"Records the migrations' history for `schemaguard deps` (internal, never reports)", "", "", "", "", ""},
    false,
};

// ALTER TABLE subcommands whose `name` is a column they change.
constexpr std::string_view kColumnAlterations[] = {
    "AT_AlterColumnType", "AT_ColumnDefault", "AT_CookedColumnDefault", "AT_DropNotNull",   "AT_SetNotNull",
    "AT_AddIdentity",     "AT_SetIdentity",   "AT_DropIdentity",        "AT_DropExpression", "AT_SetStatistics",
    "AT_SetStorage",      "AT_SetCompression", "AT_SetOptions",         "AT_ResetOptions",  "AT_AlterColumnGenericOptions",
};

bool is_column_alteration(std::string_view subtype) {
  return std::find(std::begin(kColumnAlterations), std::end(kColumnAlterations), subtype) != std::end(kColumnAlterations);
}

bool is_relation_type(std::string_view object_type) {
  return object_type == "OBJECT_TABLE" || object_type == "OBJECT_VIEW" || object_type == "OBJECT_MATVIEW" ||
         object_type == "OBJECT_FOREIGN_TABLE";
}

// Names the expression reads that are columns of `table`.
std::set<std::string> columns_named(Node expr, const Table* table) {
  std::set<std::string> out;
  if (!table) return out;
  expr.walk([&](Node n) {
    if (!n.is("ColumnRef")) return;
    const Node fields = n["fields"];
    if (fields.size() == 0) return;
    const std::string name(fields.at(fields.size() - 1).str());
    if (!name.empty() && table->column(name)) out.insert(name);
  });
  return out;
}

class Recording {
 public:
  Recording(const StatementContext& ctx, MigrationHistory::State& state)
      : ctx_(ctx), state_(state), first_(state.entries.size()) {}

  void run() {
    const Node stmt = ctx_.statement.tree;
    const std::string_view kind = stmt.kind();
    if (kind == "CreateStmt") create_table(stmt);
    else if (kind == "CreateTableAsStmt") add_relation(stmt["into"]["rel"], false);
    else if (kind == "ViewStmt") add_relation(stmt["view"], stmt["replace"].boolean());
    else if (kind == "AlterTableStmt") alter_table(stmt);
    else if (kind == "RenameStmt") rename(stmt);
    else if (kind == "AlterObjectSchemaStmt" && is_relation_type(stmt["objectType"].str())) set_schema(stmt);
    else if (kind == "DropStmt") drop(stmt);
    else if (kind == "UpdateStmt") update(stmt);
    else if (kind == "IndexStmt") add(qualify(stmt["relation"]), "", "altered");
    else if (kind == "CreatePolicyStmt") create_policy(stmt);
    else if (kind == "AlterPolicyStmt") alter_policy(stmt);
  }

 private:
  QualifiedName qualify(Node range_var) const { return ctx_.qualify(range_var_name(range_var)); }

  void add(const QualifiedName& table, const std::string& column, std::string_view action,
           const QualifiedName& old_table = {}, const std::string& old_column = {}) {
    if (table.name.empty()) return;
    for (std::size_t k = first_; k < state_.entries.size(); ++k) {
      const MigrationHistory::Entry& e = state_.entries[k];
      if (e.table == table && e.column == column && e.event.action == action) return;  // once per statement
    }
    MigrationHistory::Entry e;
    e.table = table;
    e.column = column;
    e.old_table = old_table;
    e.old_column = old_column;
    e.event.path = ctx_.source.path();
    e.event.line = ctx_.statement.start.line;
    e.event.action = std::string(action);
    e.event.sql = one_line(ctx_.statement.text);
    if (!old_table.name.empty()) e.event.renamed_from = old_table.str() + (old_column.empty() ? "" : "." + old_column);
    state_.entries.push_back(std::move(e));
  }

  void create_table(Node stmt) {
    const QualifiedName table = qualify(stmt["relation"]);
    if (ctx_.find_table(table)) return;  // IF NOT EXISTS on an existing table does nothing
    add(table, "", "added");
    for (Node element : stmt["tableElts"])
      if (element.is("ColumnDef")) add(table, std::string(element["colname"].str()), "added");
  }

  void add_relation(Node range_var, bool or_replace) {
    const QualifiedName name = qualify(range_var);
    add(name, "", or_replace && ctx_.find_table(name) ? "altered" : "added");
  }

  void alter_table(Node stmt) {
    const QualifiedName table = qualify(stmt["relation"]);
    const Table* before = ctx_.find_table(table);
    add(table, "", "altered");
    for (Node cmd : stmt["cmds"]) {
      const std::string_view subtype = cmd["subtype"].str();
      const std::string name(cmd["name"].str());
      if (subtype == "AT_AddColumn") {
        const std::string column(cmd["def"]["colname"].str());
        if (!(cmd["missing_ok"].boolean() && before && before->column(column))) add(table, column, "added");
      } else if (subtype == "AT_DropColumn") {
        add(table, name, "dropped");
        if (cmd["behavior"].str() == "DROP_CASCADE") drop_policies_using(table, name);
      } else if (is_column_alteration(subtype)) {
        add(table, name, "altered");
      } else if (subtype == "AT_AddConstraint") {
        for (std::string_view list : {"keys", "fk_attrs", "including"})
          for (Node key : cmd["def"].field(list)) add(table, std::string(key.str()), "altered");
      }
    }
  }

  void rename(Node stmt) {
    const std::string_view type = stmt["renameType"].str();
    const std::string old_name(stmt["subname"].str());
    const std::string new_name(stmt["newname"].str());
    if (type == "OBJECT_COLUMN") {
      const QualifiedName table = qualify(stmt["relation"]);
      add(table, "", "altered");
      add(table, new_name, "renamed", table, old_name);
      for (PolicyRecord& p : state_.policies[table])
        if (p.columns.erase(old_name)) p.columns.insert(new_name);
    } else if (is_relation_type(type)) {
      const QualifiedName from = qualify(stmt["relation"]);
      move_table(from, QualifiedName{from.schema, new_name});
    } else if (type == "OBJECT_POLICY") {
      for (PolicyRecord& p : state_.policies[qualify(stmt["relation"])])
        if (p.name == old_name) p.name = new_name;
    }
  }

  void set_schema(Node stmt) {
    const QualifiedName from = qualify(stmt["relation"]);
    move_table(from, QualifiedName{std::string(stmt["newschema"].str()), from.name});
  }

  void move_table(const QualifiedName& from, const QualifiedName& to) {
    add(to, "", "renamed", from);
    auto it = state_.policies.find(from);
    if (it == state_.policies.end()) return;
    auto moved = std::move(it->second);
    state_.policies.erase(it);
    state_.policies[to] = std::move(moved);
  }

  void drop(Node stmt) {
    const std::string_view type = stmt["removeType"].str();
    for (Node object : stmt["objects"]) {
      const Node names = object["items"].valid() ? object["items"] : object;
      if (is_relation_type(type)) {
        const QualifiedName table = ctx_.qualify(list_name(names));
        if (!ctx_.find_table(table)) continue;  // IF EXISTS on a missing table
        add(table, "", "dropped");
        state_.policies.erase(table);
      } else if (type == "OBJECT_POLICY" && names.size() >= 2) {
        // [schema,] table, policy
        QualifiedName table{names.size() >= 3 ? std::string(names.at(names.size() - 3).str()) : "",
                            std::string(names.at(names.size() - 2).str())};
        const std::string policy(names.at(names.size() - 1).str());
        auto& list = state_.policies[ctx_.qualify(table)];
        std::erase_if(list, [&](const PolicyRecord& p) { return p.name == policy; });
      }
    }
  }

  void update(Node stmt) {
    const QualifiedName table = qualify(stmt["relation"]);
    add(table, "", "backfilled");
    for (Node target : stmt["targetList"]) add(table, std::string(target["name"].str()), "backfilled");
  }

  void create_policy(Node stmt) {
    const QualifiedName table = qualify(stmt["table"]);
    const Table* model = ctx_.find_table(table);
    PolicyRecord p;
    p.name = std::string(stmt["policy_name"].str());
    p.columns = columns_named(stmt["qual"], model);
    for (const std::string& c : columns_named(stmt["with_check"], model)) p.columns.insert(c);
    p.path = ctx_.source.path();
    p.line = ctx_.statement.start.line;
    state_.policies[table].push_back(std::move(p));
  }

  void alter_policy(Node stmt) {
    const QualifiedName table = qualify(stmt["table"]);
    const Table* model = ctx_.find_table(table);
    for (PolicyRecord& p : state_.policies[table]) {
      if (p.name != stmt["policy_name"].str()) continue;
      // The model keeps one column set per policy: a new expression adds its columns.
      for (std::string_view part : {"qual", "with_check"})
        for (const std::string& c : columns_named(stmt.field(part), model)) p.columns.insert(c);
    }
  }

  void drop_policies_using(const QualifiedName& table, const std::string& column) {
    std::erase_if(state_.policies[table], [&](const PolicyRecord& p) { return p.columns.count(column) > 0; });
  }

  const StatementContext& ctx_;
  MigrationHistory::State& state_;
  std::size_t first_;  // this statement's first entry
};

class Recorder : public Rule {
 public:
  explicit Recorder(MigrationHistory::State& state) : state_(state) {}
  const RuleInfo& info() const override { return kRecorderInfo; }
  void check(const StatementContext& ctx, Reporter& /*out*/) override { Recording(ctx, state_).run(); }

 private:
  MigrationHistory::State& state_;
};

}  // namespace

MigrationHistory::MigrationHistory() : state_(std::make_unique<State>()) {}
MigrationHistory::~MigrationHistory() = default;

std::unique_ptr<Rule> MigrationHistory::recorder() { return std::make_unique<Recorder>(*state_); }

std::vector<HistoryEvent> MigrationHistory::of(const DepsTarget& target) const {
  std::vector<HistoryEvent> out;
  QualifiedName table = target.table;
  std::string column = target.column;
  // Backwards from the end, so a rename switches to the name the object had before it.
  for (auto it = state_->entries.rbegin(); it != state_->entries.rend(); ++it) {
    const Entry& e = *it;
    if (e.table != table) continue;
    if (e.column.empty()) {
      const bool renamed = e.event.action == "renamed";
      if (!target.is_column() || renamed || e.event.action == "dropped") out.push_back(e.event);
      if (renamed) table = e.old_table;
    } else if (target.is_column() && e.column == column) {
      out.push_back(e.event);
      if (e.event.action == "renamed") column = e.old_column;
    }
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::optional<HistoryEvent> MigrationHistory::last_departure(const QualifiedName& table, std::string_view column) const {
  for (auto it = state_->entries.rbegin(); it != state_->entries.rend(); ++it) {
    const Entry& e = *it;
    const bool gone = e.event.action == "dropped" && e.table == table && (e.column.empty() || e.column == column);
    const bool renamed_away = e.event.action == "renamed" && e.old_table == table &&
                              (column.empty() ? e.column.empty() : (e.column.empty() || e.old_column == column));
    if (gone || renamed_away) return e.event;
  }
  return std::nullopt;
}

std::vector<PolicyRecord> MigrationHistory::policies_on(const QualifiedName& table) const {
  auto it = state_->policies.find(table);
  return it == state_->policies.end() ? std::vector<PolicyRecord>{} : it->second;
}

std::string one_line(std::string_view sql, std::size_t max) {
  std::string out;
  bool space = false;
  for (char c : sql) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space && out.back() != '(' && c != ')') out += ' ';
    space = false;
    out += c;
  }
  if (out.size() > max) {
    out.resize(max);
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
    if (!out.empty()) out.pop_back();  // the lead byte of a cut character, or one ASCII byte
    out += " ...";
  }
  return out;
}

}  // namespace analyzer
