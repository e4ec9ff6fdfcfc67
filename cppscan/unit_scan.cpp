#include "cppscan/unit_scan.h"

#include <clang/AST/ASTConsumer.h>
#include <clang/AST/ASTContext.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Basic/Diagnostic.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Driver/Options.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendAction.h>
#include <clang/Lex/Lexer.h>
#include <clang/Lex/PPCallbacks.h>
#include <clang/Lex/Preprocessor.h>
#include <clang/Tooling/ArgumentsAdjusters.h>
#include <clang/Tooling/Tooling.h>
#include <llvm/Option/ArgList.h>
#include <llvm/Option/OptTable.h>
#include <llvm/Support/CrashRecoveryContext.h>
#include <llvm/Support/VirtualFileSystem.h>
#include <llvm/Support/xxhash.h>

#include <map>
#include <set>

#include "cppscan/composed_sql.h"
#include "cppscan/function_scan.h"
#include "cppscan/unit_context.h"

namespace cppscan {
namespace {

using namespace clang;

constexpr std::size_t kMaxErrorsPerUnit = 3;

// Counts the unit's errors and keeps the first few, located.
class ErrorCollector : public DiagnosticConsumer {
 public:
  explicit ErrorCollector(UnitResult& result) : result_(result) {}

  void HandleDiagnostic(DiagnosticsEngine::Level level, const Diagnostic& info) override {
    DiagnosticConsumer::HandleDiagnostic(level, info);
    if (level < DiagnosticsEngine::Error) return;
    result_.had_errors = true;
    if (result_.errors.size() >= kMaxErrorsPerUnit) return;
    llvm::SmallString<256> message;
    info.FormatDiagnostic(message);
    ScanError error{result_.file, 0, 0, message.str().str()};
    if (info.hasSourceManager() && info.getLocation().isValid()) {
      const SourceManager& sm = info.getSourceManager();
      const PresumedLoc p = sm.getPresumedLoc(sm.getFileLoc(info.getLocation()));
      if (p.isValid()) {
        error.path = p.getFilename();
        error.line = static_cast<int>(p.getLine());
        error.col = static_cast<int>(p.getColumn());
      }
    }
    result_.errors.push_back(std::move(error));
  }

 private:
  UnitResult& result_;
};

// Remembers the #if branches the build skips, and lets a missing header pass: the
// rest of the unit is still worth scanning (the error is recorded).
class PreprocessorEvents : public PPCallbacks {
 public:
  PreprocessorEvents(const SourceManager& sm, std::vector<SourceRange>& skipped, UnitResult& result)
      : sm_(sm), skipped_(skipped), result_(result) {}

  void SourceRangeSkipped(SourceRange range, SourceLocation) override { skipped_.push_back(range); }

  bool FileNotFound(StringRef) override { return true; }

  void InclusionDirective(SourceLocation hash, const Token&, StringRef name, bool, CharSourceRange,
                          OptionalFileEntryRef file, StringRef, StringRef, const Module*,
                          SrcMgr::CharacteristicKind) override {
    if (file) return;
    result_.had_errors = true;
    if (result_.errors.size() >= kMaxErrorsPerUnit) return;
    const PresumedLoc p = sm_.getPresumedLoc(hash);
    result_.errors.push_back({p.isValid() ? p.getFilename() : result_.file, p.isValid() ? static_cast<int>(p.getLine()) : 0,
                              p.isValid() ? static_cast<int>(p.getColumn()) : 0,
                              "'" + name.str() + "' file not found (skipped; the rest of the unit is scanned)"});
  }

 private:
  const SourceManager& sm_;
  std::vector<SourceRange>& skipped_;
  UnitResult& result_;
};

// Every function and namespace-scope variable of the project code, in order.
class UnitVisitor : public RecursiveASTVisitor<UnitVisitor> {
 public:
  explicit UnitVisitor(UnitContext& unit) : unit_(unit) {}

  // A declaration of a system header holds no project code (a namespace reopened in
  // project code is a declaration of its own there).
  bool TraverseDecl(Decl* decl) {
    if (decl && !isa<TranslationUnitDecl>(decl) && decl->getLocation().isValid()) {
      const SourceManager& sm = unit_.source_manager();
      if (sm.isInSystemHeader(sm.getFileLoc(decl->getLocation()))) return true;
    }
    return RecursiveASTVisitor::TraverseDecl(decl);
  }

  bool VisitFunctionDecl(FunctionDecl* fd) {
    if (!fd->doesThisDeclarationHaveABody() || !unit_.is_project_location(fd->getLocation())) return true;
    if (const auto* method = dyn_cast<CXXMethodDecl>(fd); method && method->getParent()->isLambda()) return true;
    scan_function(unit_, fd);
    return true;
  }

  bool VisitVarDecl(VarDecl* vd) {
    if (!vd->hasGlobalStorage() || vd->isStaticLocal() || !vd->hasInit() || isa<ParmVarDecl>(vd)) return true;
    if (vd->getDeclContext()->isFunctionOrMethod() || !unit_.is_project_location(vd->getLocation())) return true;
    scan_global_initializer(unit_, vd);
    return true;
  }

 private:
  UnitContext& unit_;
};

// String-literal tokens the AST did not account for: in skipped #if branches, in
// macros never expanded, or in code Clang could not build.
void scan_unseen_literals(UnitContext& unit, const std::vector<SourceRange>& skipped) {
  const SourceManager& sm = unit.source_manager();
  std::map<FileID, std::vector<std::pair<unsigned, unsigned>>> skipped_by_file;
  for (const SourceRange& range : skipped) {
    const auto [fid, begin] = sm.getDecomposedLoc(sm.getFileLoc(range.getBegin()));
    const unsigned end = sm.getDecomposedLoc(sm.getFileLoc(range.getEnd())).second;
    skipped_by_file[fid].push_back({begin, end});
  }
  for (const FileID fid : unit.project_files()) {
    const llvm::StringRef buffer = sm.getBufferData(fid);
    Lexer lexer(sm.getLocForStartOfFile(fid), unit.lang_options(), buffer.begin(), buffer.begin(), buffer.end());
    lexer.SetCommentRetentionState(false);
    const auto& ranges = skipped_by_file[fid];
    std::vector<Token> group;
    const auto flush = [&] {
      if (group.empty()) return;
      const unsigned first = sm.getFileOffset(group.front().getLocation());
      const bool inactive = std::any_of(ranges.begin(), ranges.end(),
                                        [&](const auto& r) { return first >= r.first && first <= r.second; });
      unit.scan_token_group(fid, group, inactive);
      group.clear();
    };
    Token token;
    while (true) {
      const bool at_end = lexer.LexFromRawLexer(token);
      if (tok::isStringLiteral(token.getKind())) {
        group.push_back(token);
      } else {
        flush();
      }
      if (at_end || token.is(tok::eof)) break;
    }
    flush();
  }
}

std::vector<Dependency> dependencies_of(const SourceManager& sm) {
  std::vector<Dependency> deps;
  for (auto it = sm.fileinfo_begin(); it != sm.fileinfo_end(); ++it) {
    const FileEntry* entry = it->first;
    if (!entry) continue;
    Dependency d;
    d.path = entry->tryGetRealPathName().str();
    if (d.path.empty()) d.path = entry->getName().str();
    d.size = static_cast<std::uint64_t>(entry->getSize());
    d.mtime = static_cast<std::int64_t>(entry->getModificationTime());
    const FileID fid = sm.translateFile(entry);
    d.system = fid.isValid() && sm.isInSystemHeader(sm.getLocForStartOfFile(fid));
    if (!d.system) {
      if (auto buffer = sm.getBufferDataOrNone(fid)) d.hash = llvm::xxHash64(*buffer);
    }
    deps.push_back(std::move(d));
  }
  std::sort(deps.begin(), deps.end(), [](const Dependency& a, const Dependency& b) { return a.path < b.path; });
  return deps;
}

class ScanConsumer : public ASTConsumer {
 public:
  ScanConsumer(CompilerInstance& ci, const UnitOptions& options, UnitResult& result, std::vector<SourceRange>& skipped)
      : ci_(ci), options_(options), result_(result), skipped_(skipped) {}

  void HandleTranslationUnit(ASTContext& context) override {
    UnitContext unit(context, *options_.apis, result_);
    UnitVisitor(unit).TraverseDecl(context.getTranslationUnitDecl());
    scan_unseen_literals(unit, skipped_);
    result_.dependencies = dependencies_of(ci_.getSourceManager());
  }

  // The scan reads no function body of a system header, yet parsing them, and
  // instantiating them for the project's calls, is much of a unit's time. Clang keeps
  // the bodies it needs to go on (constexpr functions, deduced return types).
  bool shouldSkipFunctionBody(Decl* decl) override {
    const SourceManager& sm = ci_.getSourceManager();
    return sm.isInSystemHeader(sm.getFileLoc(decl->getLocation()));
  }

 private:
  CompilerInstance& ci_;
  const UnitOptions& options_;
  UnitResult& result_;
  std::vector<SourceRange>& skipped_;
};

class ScanAction : public ASTFrontendAction {
 public:
  ScanAction(const UnitOptions& options, UnitResult& result) : options_(options), result_(result) {}

  bool BeginSourceFileAction(CompilerInstance& ci) override {
    ci.getPreprocessor().addPPCallbacks(std::make_unique<PreprocessorEvents>(ci.getSourceManager(), skipped_, result_));
    return true;
  }

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance& ci, StringRef) override {
    ci.getFrontendOpts().SkipFunctionBodies = true;  // where ScanConsumer::shouldSkipFunctionBody says so
    return std::make_unique<ScanConsumer>(ci, options_, result_, skipped_);
  }

 private:
  const UnitOptions& options_;
  UnitResult& result_;
  std::vector<SourceRange> skipped_;
};

// Flags Clang's driver does not know (gcc-only ones) would fail the whole unit.
std::vector<std::string> without_unknown_flags(const std::vector<std::string>& args) {
  if (args.size() < 2) return args;
  std::vector<const char*> argv;
  for (std::size_t k = 1; k < args.size(); ++k) argv.push_back(args[k].c_str());
  unsigned missing_index = 0, missing_count = 0;
  const llvm::opt::InputArgList parsed = driver::getDriverOptTable().ParseArgs(argv, missing_index, missing_count);
  std::set<unsigned> unknown;
  for (const llvm::opt::Arg* arg : parsed.filtered(driver::options::OPT_UNKNOWN)) unknown.insert(arg->getIndex());
  std::vector<std::string> kept{args[0]};
  for (std::size_t k = 1; k < args.size(); ++k)
    if (!unknown.count(static_cast<unsigned>(k - 1))) kept.push_back(args[k]);
  return kept;
}

}  // namespace

std::vector<std::string> adjusted_arguments(const CompileCommand& command, const UnitOptions& options) {
  tooling::CommandLineArguments args = without_unknown_flags(command.arguments);
  args = tooling::getClangStripOutputAdjuster()(args, command.file);
  args = tooling::getClangStripDependencyFileAdjuster()(args, command.file);
  args = tooling::getClangSyntaxOnlyAdjuster()(args, command.file);
  tooling::CommandLineArguments added = {"-ferror-limit=0", "-w", "-fno-caret-diagnostics", "-resource-dir=" CPPSCAN_CLANG_RESOURCE_DIR};
  added.insert(added.end(), options.extra_args.begin(), options.extra_args.end());
  // Before a trailing "--" and the inputs after it, if any.
  auto at = std::find(args.begin(), args.end(), "--");
  args.insert(at, added.begin(), added.end());
  return args;
}

UnitResult scan_unit(const CompileCommand& command, const UnitOptions& options) {
  UnitResult result;
  result.file = command.file;
  const std::vector<std::string> args = adjusted_arguments(command, options);

  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> fs(llvm::vfs::createPhysicalFileSystem().release());
  if (fs->setCurrentWorkingDirectory(command.directory)) {
    result.had_errors = true;
    result.errors.push_back({command.file, 0, 0, "compile command directory " + command.directory + " does not exist"});
    return result;
  }
  FileSystemOptions fs_options;
  fs_options.WorkingDir = command.directory;
  llvm::IntrusiveRefCntPtr<FileManager> files(new FileManager(fs_options, fs));
  ErrorCollector errors(result);
  tooling::ToolInvocation invocation(args, std::make_unique<ScanAction>(options, result), files.get());
  invocation.setDiagnosticConsumer(&errors);
  // A crash inside Clang on one unit (a signal, an LLVM fatal error) ends that unit only.
  llvm::CrashRecoveryContext::Enable();
  llvm::CrashRecoveryContext recovery;
  bool ran = false;
  if (!recovery.RunSafely([&] { ran = invocation.run(); })) {
    result.had_errors = true;
    result.errors.push_back({command.file, 0, 0, "Clang crashed on this unit (what it found before is kept)"});
    return result;
  }
  if (!ran && result.errors.empty()) {
    result.had_errors = true;
    result.errors.push_back({command.file, 0, 0, "Clang could not process this unit"});
  }
  return result;
}

}  // namespace cppscan
