#include "analyzer/rule.h"

namespace analyzer {

std::string_view group_name(RuleGroup g) {
  switch (g) {
    case RuleGroup::locks: return "locks";
    case RuleGroup::backfills: return "backfills";
    case RuleGroup::destructive: return "destructive";
    case RuleGroup::transactions: return "transactions";
    case RuleGroup::style: return "style";
    case RuleGroup::application: return "application";
    case RuleGroup::suppressions: return "suppressions";
  }
  return "";
}

const QualifiedName& StatementContext::relation() const {
  if (!relation_memo) relation_memo = qualify(range_var_name(statement.tree["relation"]));
  return *relation_memo;
}

bool StatementContext::is_new_table(const QualifiedName& name) const {
  if (new_table_memo && new_table_memo->first == name) return new_table_memo->second;
  const Table* t = find_table(name);
  const bool is_new = t && t->origin.kind == Origin::Kind::under_review && t->origin.batch == review_batch;
  new_table_memo.emplace(name, is_new);
  return is_new;
}

Finding& Reporter::report(const sqlparse::Statement& st, std::string message, std::string help,
                          std::string suggested_sql) {
  return report_at(st.begin, st.end, std::move(message), std::move(help), std::move(suggested_sql));
}

Finding& Reporter::report_at(std::size_t begin, std::size_t end, std::string message, std::string help,
                             std::string suggested_sql) {
  Finding f;
  f.rule = std::string(rule_.id);
  f.severity = rule_.severity;
  f.path = source_->path();
  f.start = source_->position(begin);
  f.stop = source_->position(end);
  f.message = std::move(message);
  f.help = std::move(help);
  f.suggested_sql = std::move(suggested_sql);
  out_.push_back(std::move(f));
  return out_.back();
}

Finding& Reporter::report_code(const CodeReference& where, std::string message, std::string help) {
  Finding f;
  f.rule = std::string(rule_.id);
  f.severity = rule_.severity;
  f.path = where.path;
  f.start = {where.line, where.column};
  f.stop = {where.line, where.column + 1};
  f.message = std::move(message);
  f.help = std::move(help);
  f.references.push_back(where);
  out_.push_back(std::move(f));
  return out_.back();
}

}  // namespace analyzer
