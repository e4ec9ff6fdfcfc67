// Renders expression parse trees back to SQL, for the model's defaults, CHECKs,
// partial-index predicates and generated columns. Covers what DDL expressions use;
// anything else becomes "<expr>" rather than a guess.
#include "analyzer/schema.h"

namespace analyzer {

using sqlparse::Node;

namespace {

std::string quote_literal(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string list_sql(Node list, std::string_view separator = ", ") {
  std::string out;
  for (Node item : list) {
    if (!out.empty()) out += separator;
    out += expression_sql(item);
  }
  return out;
}

std::string constant_sql(Node c) {
  if (c["isnull"].boolean()) return "NULL";
  if (c["ival"]) return std::to_string(c["ival"]["ival"].integer());
  if (c["fval"]) return std::string(c["fval"]["fval"].str());
  if (c["boolval"]) return c["boolval"]["boolval"].boolean() ? "true" : "false";
  if (c["sval"]) return quote_literal(c["sval"]["sval"].str());
  if (c["bsval"]) return std::string(c["bsval"]["bsval"].str());
  return "<const>";
}

std::string operator_expr_sql(Node e) {
  const std::string_view kind = e["kind"].str();
  const std::string op = join_names(e["name"]);
  const std::string left = e["lexpr"] ? expression_sql(e["lexpr"]) : "";
  const Node right = e["rexpr"];
  if (kind == "AEXPR_OP") {
    if (left.empty()) return op + " " + expression_sql(right);
    return left + " " + op + " " + expression_sql(right);
  }
  if (kind == "AEXPR_OP_ANY" || kind == "AEXPR_OP_ALL")
    return left + " " + op + (kind == "AEXPR_OP_ANY" ? " ANY (" : " ALL (") + expression_sql(right) + ")";
  if (kind == "AEXPR_IN") return left + (op == "=" ? " IN (" : " NOT IN (") + list_sql(right) + ")";
  if (kind == "AEXPR_LIKE") return left + (op == "~~" ? " LIKE " : " NOT LIKE ") + expression_sql(right);
  if (kind == "AEXPR_ILIKE") return left + (op == "~~*" ? " ILIKE " : " NOT ILIKE ") + expression_sql(right);
  if (kind == "AEXPR_DISTINCT") return left + " IS DISTINCT FROM " + expression_sql(right);
  if (kind == "AEXPR_NOT_DISTINCT") return left + " IS NOT DISTINCT FROM " + expression_sql(right);
  if (kind == "AEXPR_NULLIF") return "NULLIF(" + left + ", " + expression_sql(right) + ")";
  if (kind == "AEXPR_BETWEEN" || kind == "AEXPR_NOT_BETWEEN")
    return left + (kind == "AEXPR_BETWEEN" ? " BETWEEN " : " NOT BETWEEN ") + expression_sql(right.at(0)) +
           " AND " + expression_sql(right.at(1));
  return "<expr>";
}

std::string sql_value_function(std::string_view op) {
  static const std::pair<std::string_view, std::string_view> kNames[] = {
      {"SVFOP_CURRENT_DATE", "CURRENT_DATE"},         {"SVFOP_CURRENT_TIME", "CURRENT_TIME"},
      {"SVFOP_CURRENT_TIME_N", "CURRENT_TIME"},       {"SVFOP_CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"},
      {"SVFOP_CURRENT_TIMESTAMP_N", "CURRENT_TIMESTAMP"}, {"SVFOP_LOCALTIME", "LOCALTIME"},
      {"SVFOP_LOCALTIME_N", "LOCALTIME"},             {"SVFOP_LOCALTIMESTAMP", "LOCALTIMESTAMP"},
      {"SVFOP_LOCALTIMESTAMP_N", "LOCALTIMESTAMP"},   {"SVFOP_CURRENT_ROLE", "CURRENT_ROLE"},
      {"SVFOP_CURRENT_USER", "CURRENT_USER"},         {"SVFOP_USER", "USER"},
      {"SVFOP_SESSION_USER", "SESSION_USER"},         {"SVFOP_CURRENT_CATALOG", "CURRENT_CATALOG"},
      {"SVFOP_CURRENT_SCHEMA", "CURRENT_SCHEMA"}};
  for (const auto& [name, sql] : kNames)
    if (name == op) return std::string(sql);
  return "<expr>";
}

}  // namespace

std::string expression_sql(Node e) {
  if (!e) return "";
  if (e.is_list()) return list_sql(e);
  const std::string_view kind = e.kind();
  if (kind == "A_Const") return constant_sql(e);
  if (kind == "String") return std::string(e.str());
  if (kind == "Integer") return std::to_string(e.integer());
  if (kind == "ColumnRef") {
    std::string out;
    for (Node f : e["fields"]) {
      if (!out.empty()) out += '.';
      out += f.is("A_Star") ? "*" : std::string(f.str());
    }
    return out;
  }
  if (kind == "ParamRef") {
    std::string out = "$";  // appended, not "$" + ...: GCC 12 warns (-Wrestrict) on the latter
    out += std::to_string(e["number"].integer());
    return out;
  }
  if (kind == "FuncCall") {
    std::string args = e["agg_star"].boolean() ? "*" : list_sql(e["args"]);
    if (e["agg_distinct"].boolean()) args = "DISTINCT " + args;
    return join_names(e["funcname"]) + "(" + args + ")";
  }
  if (kind == "TypeCast") {
    const std::string arg = expression_sql(e["arg"]);
    const Node tn = e["typeName"];
    std::string type = type_name(tn);
    if (tn["names"].size() > 1 && tn["names"].at(0).str() != "pg_catalog") type = join_names(tn["names"]);
    return arg + "::" + type;
  }
  if (kind == "A_Expr") return operator_expr_sql(e);
  if (kind == "BoolExpr") {
    const std::string_view op = e["boolop"].str();
    if (op == "NOT_EXPR") return "NOT " + expression_sql(e["args"].at(0));
    std::string out = "(";
    for (Node arg : e["args"]) {
      if (out.size() > 1) out += op == "AND_EXPR" ? " AND " : " OR ";
      out += expression_sql(arg);
    }
    return out + ")";
  }
  if (kind == "NullTest")
    return expression_sql(e["arg"]) + (e["nulltesttype"].str() == "IS_NULL" ? " IS NULL" : " IS NOT NULL");
  if (kind == "BooleanTest") {
    std::string test(e["booltesttype"].str());  // IS_TRUE, IS_NOT_FALSE, ...
    for (char& c : test)
      if (c == '_') c = ' ';
    return expression_sql(e["arg"]) + " " + test;
  }
  if (kind == "SQLValueFunction") return sql_value_function(e["op"].str());
  if (kind == "A_ArrayExpr") return "ARRAY[" + list_sql(e["elements"]) + "]";
  if (kind == "RowExpr") return "ROW(" + list_sql(e["args"]) + ")";
  if (kind == "CoalesceExpr") return "COALESCE(" + list_sql(e["args"]) + ")";
  if (kind == "MinMaxExpr")
    return std::string(e["op"].str() == "IS_GREATEST" ? "GREATEST(" : "LEAST(") + list_sql(e["args"]) + ")";
  if (kind == "CollateClause") return expression_sql(e["arg"]) + " COLLATE " + join_names(e["collname"]);
  if (kind == "A_Indirection") return "(" + expression_sql(e["arg"]) + ")" + "<indirection>";
  if (kind == "CaseExpr") {
    std::string out = "CASE";
    if (e["arg"]) out += " " + expression_sql(e["arg"]);
    for (Node when : e["args"])
      out += " WHEN " + expression_sql(when["expr"]) + " THEN " + expression_sql(when["result"]);
    if (e["defresult"]) out += " ELSE " + expression_sql(e["defresult"]);
    return out + " END";
  }
  if (kind == "SubLink") return "(<subquery>)";
  return "<expr>";
}

}  // namespace analyzer
