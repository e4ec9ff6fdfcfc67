#include "cppscan/function_scan.h"

#include <clang/AST/ExprCXX.h>
#include <clang/AST/RecursiveASTVisitor.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <map>
#include <set>

namespace cppscan {
namespace {

using namespace clang;

constexpr int kMaxDepth = 24;

enum class FormatStyle { braces, printf };

// Functions that build a string from a constant template: where the template is and
// whether they return the string or write it to their first argument.
struct FormatApi {
  std::string_view name;
  unsigned format_param;
  FormatStyle style;
  bool writes_first_argument;
};

constexpr FormatApi kFormatApis[] = {
    {"fmt::format", 0, FormatStyle::braces, false},    {"std::format", 0, FormatStyle::braces, false},
    {"fmt::sprintf", 0, FormatStyle::printf, false},   {"absl::StrFormat", 0, FormatStyle::printf, false},
    {"QString::asprintf", 0, FormatStyle::printf, false}, {"snprintf", 2, FormatStyle::printf, true},
    {"std::snprintf", 2, FormatStyle::printf, true},   {"sprintf", 1, FormatStyle::printf, true},
    {"std::sprintf", 1, FormatStyle::printf, true},
};

const FormatApi* find_format_api(std::string_view name) {
  for (const FormatApi& api : kFormatApis)
    if (api.name == name) return &api;
  return nullptr;
}

bool is_stream_record(llvm::StringRef name) { return name == "basic_ostringstream" || name == "basic_stringstream"; }

bool is_string_record(llvm::StringRef name) {
  return name == "basic_string" || name == "basic_string_view" || name == "QString" || name == "QByteArray" ||
         name == "QLatin1String" || name == "QStringView" || name == "zview" || is_stream_record(name);
}

bool is_string_type(QualType type) {
  if (type.isNull()) return false;
  type = type.getNonReferenceType().getCanonicalType();
  if (type->isPointerType()) return type->getPointeeType()->isAnyCharacterType();
  if (const ArrayType* array = type->getAsArrayTypeUnsafe()) return array->getElementType()->isAnyCharacterType();
  if (const CXXRecordDecl* record = type->getAsCXXRecordDecl()) return is_string_record(record->getName());
  return false;
}

const Expr* strip(const Expr* e) {
  while (e) {
    const Expr* before = e;
    e = e->IgnoreParens();
    if (const auto* x = dyn_cast<ImplicitCastExpr>(e)) e = x->getSubExpr();
    else if (const auto* x = dyn_cast<MaterializeTemporaryExpr>(e)) e = x->getSubExpr();
    else if (const auto* x = dyn_cast<CXXBindTemporaryExpr>(e)) e = x->getSubExpr();
    else if (const auto* x = dyn_cast<ExprWithCleanups>(e)) e = x->getSubExpr();
    else if (const auto* x = dyn_cast<CXXFunctionalCastExpr>(e)) e = x->getSubExpr();
    else if (const auto* x = dyn_cast<CStyleCastExpr>(e)) e = x->getSubExpr();
    else if (const auto* x = dyn_cast<CXXStaticCastExpr>(e)) e = x->getSubExpr();
    else if (const auto* x = dyn_cast<ConstantExpr>(e)) e = x->getSubExpr();
    if (e == before) break;
  }
  return e;
}

std::string qualified_name(const FunctionDecl* fd) { return fd ? fd->getQualifiedNameAsString() : ""; }

class FunctionScanner : public RecursiveASTVisitor<FunctionScanner> {
  using Base = RecursiveASTVisitor<FunctionScanner>;

 public:
  FunctionScanner(UnitContext& unit, std::string function) : unit_(unit), function_(std::move(function)) {}

  // Local classes are functions of their own (the unit visitor scans them).
  bool TraverseCXXRecordDecl(CXXRecordDecl* record) { return record->isLambda() ? Base::TraverseCXXRecordDecl(record) : true; }

  bool VisitVarDecl(VarDecl* vd) {
    if (isa<ParmVarDecl>(vd) || !vd->isLocalVarDecl()) return true;
    if (is_string_type(vd->getType())) {
      ComposedSql value;
      if (vd->hasInit()) eval(vd->getInit(), value, 0);
      values_[vd] = {std::move(value), false};
      return true;
    }
    if (vd->hasInit()) {
      const int query = query_of(vd->getInit(), 0);
      if (query >= 0) var_query_[vd] = query;
    }
    return true;
  }

  bool VisitCallExpr(CallExpr* call) {
    handle_call(call);
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr* construct) {
    handle_construct(construct);
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator* op) {
    if (op->getOpcode() != BO_Assign) return true;
    if (const VarDecl* vd = tracked_var(op->getLHS())) assign(vd, op->getRHS());
    return true;
  }

  bool VisitReturnStmt(ReturnStmt* ret) {
    if (ret->getRetValue()) root_sql(ret->getRetValue(), "");
    return true;
  }

  // Values built but never passed anywhere are still the program's SQL.
  void finish() {
    for (auto& [vd, state] : values_)
      if (!state.used && state.value.has_literal()) unit_.report_sql(state.value, "", function_);
  }

  void eval(const Expr* e, ComposedSql& out, int depth) {
    e = strip(e);
    if (!e) return;
    consumed_.insert(e);
    if (depth > kMaxDepth) return hole(e, out);
    if (const auto* literal = dyn_cast<StringLiteral>(e)) {
      for (unsigned k = 0; k < literal->getNumConcatenated(); ++k)
        if (!unit_.append_literal_token(literal->getStrTokenLoc(k), out)) return hole(e, out);
      return;
    }
    if (const auto* udl = dyn_cast<UserDefinedLiteral>(e)) {
      if (udl->getLiteralOperatorKind() == UserDefinedLiteral::LOK_String && udl->getNumArgs() > 0 &&
          isa<StringLiteral>(strip(udl->getArg(0))))
        return eval(udl->getArg(0), out, depth + 1);
      if (!unit_.append_literal_token(udl->getBeginLoc(), out)) hole(e, out);
      return;
    }
    // cond ? "SELECT a ..." : "SELECT b ...": either text, each analysed as a query.
    if (const auto* choice = dyn_cast<ConditionalOperator>(e))
      return either(choice->getTrueExpr(), choice->getFalseExpr(), e, out, depth);
    if (const auto* choice = dyn_cast<BinaryConditionalOperator>(e))
      return either(choice->getCommon(), choice->getFalseExpr(), e, out, depth);
    if (const auto* op = dyn_cast<CXXOperatorCallExpr>(e); op && op->getOperator() == OO_Plus && op->getNumArgs() == 2) {
      eval(op->getArg(0), out, depth + 1);
      eval(op->getArg(1), out, depth + 1);
      return;
    }
    if (const auto* construct = dyn_cast<CXXConstructExpr>(e)) {
      if (construct->getNumArgs() == 0) return;
      // std::string(literal), string_view(s), fmt's format_string(literal) ...
      if (is_string_type(construct->getType()) || construct->getNumArgs() == 1 ||
          is_string_type(construct->getArg(0)->getType()))
        return eval(construct->getArg(0), out, depth + 1);
    }
    if (const auto* member = dyn_cast<CXXMemberCallExpr>(e)) {
      const CXXMethodDecl* method = member->getMethodDecl();
      const std::string name = method ? method->getNameAsString() : "";
      if (method && (isa<CXXConversionDecl>(method) || name == "c_str" || name == "data" || name == "str" ||
                     name == "toStdString" || name == "toUtf8" || name == "toLatin1" || name == "constData"))
        return eval(member->getImplicitObjectArgument(), out, depth + 1);
    }
    if (const auto* call = dyn_cast<CallExpr>(e)) {
      if (const FormatApi* api = find_format_api(qualified_name(call->getDirectCallee())); api && !api->writes_first_argument) {
        format(call, *api, out, depth);
        return;
      }
    }
    if (const auto* ref = dyn_cast<DeclRefExpr>(e)) {
      if (const auto* vd = dyn_cast<VarDecl>(ref->getDecl())) {
        if (auto it = values_.find(vd); it != values_.end()) {
          it->second.used = true;
          out.append(it->second.value);
          return;
        }
        if (is_constant(vd) && evaluating_.insert(vd).second) {
          eval(vd->getInit(), out, depth + 1);
          evaluating_.erase(vd);
          return;
        }
      }
    }
    hole(e, out);
  }

 private:
  struct VarState {
    ComposedSql value;
    bool used = false;
  };

  bool is_constant(const VarDecl* vd) const {
    if (!vd->hasInit() || isa<ParmVarDecl>(vd)) return false;
    if (vd->isConstexpr() || vd->getType().isConstant(unit_.ast())) return true;
    // static const char* kQuery = "...": the pointer may change, in practice it never does.
    const QualType type = vd->getType().getCanonicalType();
    return vd->hasGlobalStorage() && type->isPointerType() && type->getPointeeType().isConstQualified();
  }

  void either(const Expr* when_true, const Expr* when_false, const Expr* choice, ComposedSql& out, int depth) {
    ComposedSql first, second;
    eval(when_true, first, depth + 1);
    eval(when_false, second, depth + 1);
    if (!first.has_literal() && !second.has_literal()) return hole(choice, out);
    first.add_alternative(second);
    out.append(first);
  }

  void hole(const Expr* e, ComposedSql& out) {
    out.append_hole(unit_.origin(unit_.source_manager().getFileLoc(e->getBeginLoc())), unit_.source_text(e->getSourceRange()));
  }

  // Expands a format template: placeholders become the arguments' values (holes when
  // only known at run time).
  void format(const CallExpr* call, const FormatApi& api, ComposedSql& out, int depth) {
    const unsigned first_arg = api.format_param + 1;
    if (call->getNumArgs() <= api.format_param) return hole(call, out);
    ComposedSql pattern;
    eval(call->getArg(api.format_param), pattern, depth + 1);
    if (!pattern.has_literal()) return hole(call, out);
    const std::string& text = pattern.text();
    std::size_t copied = 0, next_arg = first_arg;
    const auto argument = [&](std::size_t index, ComposedSql& into) {
      if (index >= call->getNumArgs()) return into.append_hole(pattern.origins()[copied], "missing format argument");
      const Expr* value = call->getArg(static_cast<unsigned>(index));
      if (const auto* number = dyn_cast<IntegerLiteral>(strip(value)))  // LIMIT {}, 10: known text
        return into.append_text(llvm::toString(number->getValue(), 10, false),
                                unit_.origin(unit_.source_manager().getFileLoc(number->getBeginLoc())));
      eval(value, into, depth + 1);
    };
    std::size_t i = 0;
    while (i < text.size()) {
      const char c = text[i];
      if (api.style == FormatStyle::braces && (c == '{' || c == '}')) {
        if (i + 1 < text.size() && text[i + 1] == c) {  // {{ or }}
          out.append_range(pattern, copied, i + 1);
          copied = i += 2;
          continue;
        }
        if (c == '}') {
          ++i;
          continue;
        }
        const std::size_t close = text.find('}', i);
        if (close == std::string::npos) break;
        out.append_range(pattern, copied, i);
        const std::string spec = text.substr(i + 1, close - i - 1);
        const std::string index_text = spec.substr(0, spec.find(':'));
        std::size_t index = next_arg++;
        if (!index_text.empty() && std::all_of(index_text.begin(), index_text.end(), ::isdigit)) {
          std::size_t explicit_index = 0;
          const char* digits_end = index_text.data() + index_text.size();
          const bool fits = std::from_chars(index_text.data(), digits_end, explicit_index).ec == std::errc();
          // Beyond the arguments (or size_t): a missing argument.
          index = first_arg + (fits ? std::min<std::size_t>(explicit_index, call->getNumArgs()) : call->getNumArgs());
        }
        copied = i;
        argument(index, out);
        copied = i = close + 1;
        continue;
      }
      if (api.style == FormatStyle::printf && c == '%') {
        if (i + 1 < text.size() && text[i + 1] == '%') {
          out.append_range(pattern, copied, i + 1);
          copied = i += 2;
          continue;
        }
        std::size_t k = i + 1;
        while (k < text.size() && std::strchr("-+ #0123456789.*hlLqjzt'", text[k])) {
          if (text[k] == '*') ++next_arg;
          ++k;
        }
        if (k >= text.size()) break;
        out.append_range(pattern, copied, i);
        copied = i;
        argument(next_arg++, out);
        copied = i = k + 1;
        continue;
      }
      ++i;
    }
    out.append_range(pattern, copied, text.size());
  }

  const VarDecl* var_of(const Expr* e) const {
    if (const auto* ref = dyn_cast_or_null<DeclRefExpr>(strip(e))) return dyn_cast<VarDecl>(ref->getDecl());
    return nullptr;
  }

  const VarDecl* tracked_var(const Expr* e) const {
    const VarDecl* vd = var_of(e);
    return vd && values_.count(vd) ? vd : nullptr;
  }

  void assign(const VarDecl* vd, const Expr* value) {
    VarState& state = values_[vd];
    if (!state.used && state.value.has_literal()) unit_.report_sql(state.value, "", function_);
    ComposedSql fresh;
    eval(value, fresh, 0);
    state = {std::move(fresh), false};
  }

  void append(const VarDecl* vd, const Expr* value) {
    ComposedSql more;
    eval(value, more, 0);
    VarState& state = values_[vd];
    state.value.append(more);
    state.used = false;
  }

  // Analyses a string that is not part of a bigger one already analysed.
  int root_sql(const Expr* e, const std::string& api) {
    if (!e || consumed_.count(strip(e))) return -1;
    ComposedSql sql;
    eval(e, sql, 0);
    if (!sql.has_literal()) return -1;
    return unit_.report_sql(sql, api, function_);
  }

  // The argument for declared parameter `param` (a member operator's object is argument 0).
  static const Expr* param_arg(const CallExpr* call, int param) {
    if (param < 0) return nullptr;
    unsigned index = static_cast<unsigned>(param);
    if (isa<CXXOperatorCallExpr>(call))
      if (const auto* method = dyn_cast_or_null<CXXMethodDecl>(call->getDirectCallee()); method && !method->isStatic()) ++index;
    return index < call->getNumArgs() ? call->getArg(index) : nullptr;
  }

  static const Expr* object_of(const CallExpr* call) {
    if (const auto* member = dyn_cast<CXXMemberCallExpr>(call)) return member->getImplicitObjectArgument();
    if (const auto* op = dyn_cast<CXXOperatorCallExpr>(call))
      if (isa_and_nonnull<CXXMethodDecl>(call->getDirectCallee()) && op->getNumArgs() > 0) return op->getArg(0);
    return nullptr;
  }

  std::string constant_of(const Expr* e) {
    if (!e) return "";
    ComposedSql text;
    eval(e, text, 0);
    return text.has_literal() && !text.has_holes() ? text.text() : "";
  }

  void remember_query(const CallExpr* call, int query) {
    if (query < 0) return;
    call_query_[call] = query;
    if (const VarDecl* object = var_of(object_of(call))) var_query_[object] = query;
  }

  void handle_call(const CallExpr* call) {
    if (!handled_.insert(call).second) return;
    const FunctionDecl* callee = call->getDirectCallee();
    const std::string name = qualified_name(callee);
    const ApiTable& apis = unit_.apis();

    if (const auto* op = dyn_cast<CXXOperatorCallExpr>(call)) {
      const OverloadedOperatorKind kind = op->getOperator();
      if (kind == OO_LessLess) return shift_chain(op);
      if ((kind == OO_PlusEqual || kind == OO_Equal) && op->getNumArgs() == 2) {
        if (const VarDecl* vd = tracked_var(op->getArg(0))) {
          if (kind == OO_Equal) assign(vd, op->getArg(1));
          else append(vd, op->getArg(1));
          return;
        }
        if (kind == OO_Equal) {
          if (const VarDecl* vd = var_of(op->getArg(0))) {
            const int query = query_of(op->getArg(1), 0);
            if (query >= 0) var_query_[vd] = query;
          }
        }
      }
    }
    if (const auto* member = dyn_cast<CXXMemberCallExpr>(call); member && member->getNumArgs() == 1) {
      if (const VarDecl* vd = tracked_var(member->getImplicitObjectArgument())) {
        const std::string method = member->getMethodDecl() ? member->getMethodDecl()->getNameAsString() : "";
        if (method == "append" || method == "push_back") return append(vd, member->getArg(0));
        if (method == "assign") return assign(vd, member->getArg(0));
      }
    }
    if (const FormatApi* format_api = find_format_api(name); format_api && format_api->writes_first_argument) {
      if (const VarDecl* target = var_of(call->getNumArgs() > 0 ? call->getArg(0) : nullptr)) {
        VarState& state = values_[target];
        if (!state.used && state.value.has_literal()) unit_.report_sql(state.value, "", function_);
        ComposedSql built;
        format(call, *format_api, built, 0);
        state = {std::move(built), false};
        return;
      }
    }
    if (const TableStreamApi* stream = apis.find_table_stream(name)) {
      remember_query(call, table_stream(*stream, {call->getArgs(), call->getNumArgs()}, call));
      return;
    }
    if (const SqlApi* api = apis.find_sql(name)) {
      int query = -1;
      if (api->sql_param >= 0) {
        query = root_sql(param_arg(call, api->sql_param), api->label);
      } else {
        for (const Expr* arg : call->arguments()) {
          const int found = root_sql(arg, api->label);
          if (query < 0) query = found;
        }
      }
      remember_query(call, query);
      if (api->statement_name_param >= 0 && query >= 0) {
        const std::string statement = constant_of(param_arg(call, api->statement_name_param));
        if (!statement.empty()) unit_.prepared_statements[statement] = query;
      }
      return;
    }
    if (const PreparedRunApi* run = apis.find_prepared_run(name)) {
      const std::string statement = constant_of(param_arg(call, run->statement_name_param));
      if (auto it = unit_.prepared_statements.find(statement); it != unit_.prepared_statements.end())
        remember_query(call, it->second);
      return;
    }
    if (const FieldApi* field = apis.find_field(name)) {
      const Expr* arg = param_arg(call, field->field_param);
      if (!arg) return;
      ComposedSql text;
      eval(arg, text, 0);
      const Expr* result = field->result_param >= 0 ? param_arg(call, field->result_param) : object_of(call);
      if (text.has_literal() && !text.has_holes()) {
        const int query = result ? query_of(result, 0) : -1;
        for (const ComposedSql& name : text.variants())  // row[full ? "email" : "name"]
          if (!name.text().empty()) unit_.report_field(name.text(), name.origins().front(), query, function_, field->label);
      } else if (is_string_type(arg->getType())) {
        unit_.report_unresolved(unit_.origin(unit_.source_manager().getFileLoc(arg->getBeginLoc())),
                                "result field read by a name known only at run time: `" +
                                    unit_.source_text(arg->getSourceRange()) + "`",
                                function_, "");
      }
      return;
    }
    for (const Expr* arg : call->arguments()) root_sql(arg, "");
  }

  void handle_construct(const CXXConstructExpr* construct) {
    if (!handled_.insert(construct).second) return;
    if (is_string_type(construct->getType())) return;  // part of whatever uses the string
    const CXXRecordDecl* record = construct->getConstructor()->getParent();
    const std::string class_name = record->getQualifiedNameAsString();
    if (const TableStreamApi* stream = unit_.apis().find_table_stream(class_name)) {
      const int query = table_stream(*stream, {construct->getArgs(), construct->getNumArgs()}, construct);
      if (query >= 0) construct_query_[construct] = query;
      return;
    }
    if (const SqlApi* api = unit_.apis().find_sql_constructor(class_name)) {
      const unsigned index = static_cast<unsigned>(std::max(0, api->sql_param));
      if (index < construct->getNumArgs()) {
        const int query = root_sql(construct->getArg(index), api->label);
        if (query >= 0) construct_query_[construct] = query;
      }
      return;
    }
    for (const Expr* arg : construct->arguments()) root_sql(arg, "");
  }

  // The COPY statement a libpqxx table stream runs (see TableStreamApi), analysed as SQL.
  int table_stream(const TableStreamApi& api, llvm::ArrayRef<const Expr*> args, const Expr* at) {
    std::size_t k = 1;  // after the transaction
    if (k < args.size()) {
      const CXXRecordDecl* tag = strip(args[k])->getType().getNonReferenceType()->getAsCXXRecordDecl();
      const llvm::StringRef tag_name = tag ? tag->getName() : "";
      if (tag_name == "from_query_t") return k + 1 < args.size() ? root_sql(args[k + 1], api.label) : -1;
      if (tag_name == "from_table_t") ++k;
    }
    if (k >= args.size()) return -1;
    const Origin origin = unit_.origin(unit_.source_manager().getFileLoc(at->getBeginLoc()));
    ComposedSql sql;
    sql.append_text("COPY ", origin);
    append_names(args[k], api.quotes_names, ".", origin, sql);
    if (k + 1 < args.size() && !isa<CXXDefaultArgExpr>(args[k + 1])) {
      ComposedSql columns;
      append_names(args[k + 1], api.quotes_names, ", ", origin, columns);
      if (!columns.text().empty() || columns.has_holes()) {
        sql.append_text(" (", origin);
        sql.append(columns);
        sql.append_text(")", origin);
      }
    }
    sql.append_text(api.writes ? " FROM STDIN" : " TO STDOUT", origin);
    return unit_.report_sql(sql, api.label, function_);
  }

  // A string is SQL text as it stands ("t", "a, b"); a list of strings names one
  // identifier per item, quoted when the API quotes them.
  void append_names(const Expr* e, bool quote, std::string_view separator, Origin origin, ComposedSql& out) {
    std::vector<const Expr*> items;
    if (!list_items(e, items, 0)) return eval(e, out, 0);
    for (std::size_t k = 0; k < items.size(); ++k) {
      if (k > 0) out.append_text(separator, origin);
      ComposedSql name;
      eval(items[k], name, 0);
      if (!quote || name.has_holes() || name.has_alternatives()) {
        out.append(name);
        continue;
      }
      // The quotes stand where the name starts, so references point at the name.
      out.append_text("\"", name.first_origin());
      out.append(name);
      out.append_text("\"", name.first_origin());
    }
  }

  // The items of a list of strings: an initializer list, a container built from one, a
  // variable initialised with either, or the begin() of an iterator pair over one.
  // False for anything else, a single string included.
  bool list_items(const Expr* e, std::vector<const Expr*>& items, int depth) {
    e = strip(e);
    if (!e || depth > kMaxDepth || isa<StringLiteral>(e)) return false;
    if (const auto* list = dyn_cast<CXXStdInitializerListExpr>(e)) return list_items(list->getSubExpr(), items, depth + 1);
    if (const auto* init = dyn_cast<InitListExpr>(e)) {
      for (const Expr* item : init->inits())
        if (!list_items(item, items, depth + 1)) items.push_back(item);  // std::array's inner braces recurse
      return true;
    }
    if (is_string_type(e->getType())) return false;
    if (const auto* construct = dyn_cast<CXXConstructExpr>(e))
      return construct->getNumArgs() >= 1 && list_items(construct->getArg(0), items, depth + 1);
    if (const auto* member = dyn_cast<CXXMemberCallExpr>(e)) return list_items(member->getImplicitObjectArgument(), items, depth + 1);
    if (const auto* call = dyn_cast<CallExpr>(e); call && call->getNumArgs() == 1) return list_items(call->getArg(0), items, depth + 1);
    if (const VarDecl* vd = var_of(e); vd && vd->hasInit() && !isa<ParmVarDecl>(vd) && evaluating_.insert(vd).second) {
      const bool found = list_items(vd->getInit(), items, depth + 1);
      evaluating_.erase(vd);
      return found;
    }
    return false;
  }

  // a << b << c: appends to a string stream, SOCI's `sql << "..."`, or plain output.
  void shift_chain(const CXXOperatorCallExpr* outer) {
    std::vector<const Expr*> operands;
    const Expr* root = outer;
    while (const auto* op = dyn_cast<CXXOperatorCallExpr>(strip(root))) {
      if (op->getOperator() != OO_LessLess || op->getNumArgs() != 2) break;
      handled_.insert(op);
      consumed_.insert(op);
      operands.insert(operands.begin(), op->getArg(1));
      root = op->getArg(0);
    }
    if (const VarDecl* stream = tracked_var(root)) {
      for (const Expr* operand : operands) append(stream, operand);
      return;
    }
    const CXXRecordDecl* record = strip(root)->getType().getNonReferenceType()->getAsCXXRecordDecl();
    const std::string type = record ? record->getQualifiedNameAsString() : "";
    if (const SqlApi* api = unit_.apis().find_sql(type + "::operator<<")) {
      ComposedSql sql;
      for (const Expr* operand : operands) eval(operand, sql, 0);
      if (sql.has_literal()) remember_query(outer, unit_.report_sql(sql, api->label, function_));
      return;
    }
    for (const Expr* operand : operands) root_sql(operand, "");
  }

  // The query whose result an expression holds or reads from: a database call, a
  // variable initialised from one, a row or field of it, a loop over it.
  int query_of(const Expr* e, int depth) {
    e = strip(e);
    if (!e || depth > kMaxDepth) return -1;
    if (const auto* call = dyn_cast<CallExpr>(e)) {
      handle_call(call);
      if (auto it = call_query_.find(call); it != call_query_.end()) return it->second;
      if (const auto* member = dyn_cast<CXXMemberCallExpr>(call)) return query_of(member->getImplicitObjectArgument(), depth + 1);
      if (const auto* op = dyn_cast<CXXOperatorCallExpr>(call)) {
        const OverloadedOperatorKind kind = op->getOperator();
        if ((kind == OO_Subscript || kind == OO_Star || kind == OO_Arrow || kind == OO_PlusPlus) && op->getNumArgs() > 0)
          return query_of(op->getArg(0), depth + 1);
      }
      return -1;
    }
    if (const auto* construct = dyn_cast<CXXConstructExpr>(e)) {
      handle_construct(construct);
      if (auto it = construct_query_.find(construct); it != construct_query_.end()) return it->second;
      return construct->getNumArgs() > 0 ? query_of(construct->getArg(0), depth + 1) : -1;
    }
    if (const auto* member = dyn_cast<MemberExpr>(e)) return query_of(member->getBase(), depth + 1);
    if (const auto* unary = dyn_cast<UnaryOperator>(e)) return query_of(unary->getSubExpr(), depth + 1);
    if (const auto* subscript = dyn_cast<ArraySubscriptExpr>(e)) return query_of(subscript->getBase(), depth + 1);
    if (const VarDecl* vd = var_of(e)) {
      if (auto it = var_query_.find(vd); it != var_query_.end()) return it->second;
      if (vd->hasInit() && !isa<ParmVarDecl>(vd) && evaluating_.insert(vd).second) {
        const int query = query_of(vd->getInit(), depth + 1);
        evaluating_.erase(vd);
        return query;
      }
    }
    return -1;
  }

  UnitContext& unit_;
  std::string function_;
  std::map<const VarDecl*, VarState> values_;
  std::map<const VarDecl*, int> var_query_;
  std::map<const CallExpr*, int> call_query_;
  std::map<const CXXConstructExpr*, int> construct_query_;
  std::set<const Expr*> consumed_;
  std::set<const Stmt*> handled_;
  std::set<const VarDecl*> evaluating_;
};

}  // namespace

void scan_function(UnitContext& unit, const FunctionDecl* function) {
  const std::string name = function->getQualifiedNameAsString();
  unit.note_function(function->getSourceRange(), name);
  FunctionScanner scanner(unit, name);
  scanner.TraverseDecl(const_cast<FunctionDecl*>(function));
  scanner.finish();
}

void scan_global_initializer(UnitContext& unit, const VarDecl* variable) {
  FunctionScanner scanner(unit, "");
  ComposedSql sql;
  scanner.eval(variable->getInit(), sql, 0);
  if (sql.has_literal()) unit.report_sql(sql, "", "");
}

}  // namespace cppscan
