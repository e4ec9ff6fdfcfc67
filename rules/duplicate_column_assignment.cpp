// duplicate-column-assignment: one column assigned twice in UPDATE SET (or ON CONFLICT DO
// UPDATE SET), or listed twice in INSERT's column list.
#include <map>

#include "analyzer/rule.h"
#include "rules/common.h"

namespace rules {
namespace {

using analyzer::RuleInfo;
using sqlparse::Node;

const RuleInfo kInfo{
    "duplicate-column-assignment",
    analyzer::Severity::error,
    analyzer::RuleGroup::style,
    {
        "A column is assigned twice in one UPDATE SET or listed twice in an INSERT column list",
        "The same column twice in the SET list of `UPDATE` or `INSERT ... ON CONFLICT DO UPDATE`, or in the "
        "column list of `INSERT` (in CTEs too). Assignments to different array elements or composite fields of "
        "one column (`SET a[1] = 0, a[2] = 0`) are legitimate and not flagged. Off by default (style group). "
        "Severity: error.",
        "When one of the two is a plain assignment of the whole column, PostgreSQL rejects the statement: "
        "`multiple assignments to same column \"a\"` (UPDATE, ON CONFLICT) or `column \"a\" specified more than "
        "once` (INSERT), and the migration fails at that point. When both assign the same array element or the "
        "same composite field (`SET a[1] = 1, a[1] = 2`), PostgreSQL accepts it and the later value silently "
        "wins: one of the two was a mistake.",
        "UPDATE accounts SET status = 'active', plan = 'free', status = 'trial' WHERE id < 1000;",
        "UPDATE accounts SET status = 'trial', plan = 'free' WHERE id < 1000;",
        "",
    },
    false,  // style group: off by default
};

// The array subscripts and field names after a target's column, as SQL: "[1]", ".x".
std::string indirection_sql(Node target) {
  std::string out;
  for (Node step : target["indirection"]) {
    if (step.is("A_Indices")) {
      out += "[";
      if (step["is_slice"].boolean()) out += (step["lidx"] ? analyzer::expression_sql(step["lidx"]) : "") + ":";
      if (step["uidx"]) out += analyzer::expression_sql(step["uidx"]);
      out += "]";
    } else if (step.is("A_Star")) {
      out += ".*";
    } else {
      out += "." + std::string(step.str());
    }
  }
  return out;
}

class DuplicateColumnAssignment : public analyzer::Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const analyzer::StatementContext& ctx, analyzer::Reporter& out) override {
    ctx.statement.tree.walk([&](Node node) {
      if (node.is("UpdateStmt")) {
        check_targets(ctx, out, node["relation"], node["targetList"], "UPDATE SET");
      } else if (node.is("InsertStmt")) {
        check_targets(ctx, out, node["relation"], node["cols"], "INSERT column list");
        check_targets(ctx, out, node["relation"], node["onConflictClause"]["targetList"], "ON CONFLICT DO UPDATE SET");
      }
    });
  }

 private:
  static void check_targets(const analyzer::StatementContext& ctx, analyzer::Reporter& out, Node relation,
                            Node targets, std::string_view clause) {
    std::map<std::string, std::vector<std::string>> seen;  // column -> indirections already assigned
    const std::string table = ctx.qualify(analyzer::range_var_name(relation)).str();
    const bool insert_list = clause == "INSERT column list";
    for (Node target : targets) {
      const std::string column(target["name"].str());
      const std::string path = indirection_sql(target);
      std::vector<std::string>& before = seen[column];
      for (const std::string& earlier : before) {
        if (earlier.empty() || path.empty()) {
          out.report(ctx.statement,
                     insert_list
                         ? "column " + quote_identifier(column) + " of " + table +
                               " is listed twice in the INSERT column list: PostgreSQL rejects the statement "
                               "(column specified more than once)"
                         : "column " + quote_identifier(column) + " of " + table + " is assigned twice in " +
                               std::string(clause) +
                               ": PostgreSQL rejects the statement (multiple assignments to same column)",
                     insert_list ? "list the column once" : "assign the column once");
          break;
        }
        if (earlier == path) {
          out.report(ctx.statement,
                     quote_identifier(column) + path + " of " + table + " is " + (insert_list ? "listed" : "assigned") + " twice in " +
                         std::string(clause) + ": PostgreSQL keeps the later value and silently drops the earlier one",
                     "keep only the assignment you mean");
          break;
        }
      }
      before.push_back(path);
    }
  }
};

}  // namespace

std::unique_ptr<analyzer::Rule> make_duplicate_column_assignment() {
  return std::make_unique<DuplicateColumnAssignment>();
}

}  // namespace rules
