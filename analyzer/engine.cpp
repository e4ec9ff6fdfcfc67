#include "analyzer/engine.h"

#include "analyzer/suppression.h"

#include <algorithm>
#include <optional>

namespace analyzer {

namespace {

void add_findings(std::vector<Finding>& findings, const LintOptions& options, LintResult& result) {
  for (Finding& f : findings) {
    auto it = options.severity_overrides.find(f.rule);
    if (it != options.severity_overrides.end()) f.severity = it->second;
    result.findings.push_back(std::move(f));
  }
}

void lint_file(const MigrationFile& file, RuleList& rules, const LintOptions& options, LintResult& result,
               std::optional<AppIndex>& app) {
  sqlparse::InputError load_error;
  auto source = sqlparse::SourceText::load(file.path, load_error);
  auto& problems = file.under_review ? result.errors : result.warnings;
  if (!source) {
    problems.push_back(load_error);
    return;
  }
  if (auto invalid = source->validate()) {
    problems.push_back(*invalid);
    return;
  }

  SessionState session;
  session.wrapped = file.wrapped_in_transaction;
  Origin origin;
  origin.kind = file.baseline ? Origin::Kind::baseline
                              : (file.under_review ? Origin::Kind::under_review : Origin::Kind::history);
  origin.path = file.path;
  origin.batch = file.under_review ? file.review_batch : -1;

  std::vector<Finding> findings;
  std::optional<FileSuppressions> suppressions;
  if (file.under_review) suppressions.emplace(*source, options.known_rules, findings);
  FileReport report{file.path, file.under_review, {}, {}};
  if (file.under_review) {
    if (options.app_references && !app) app.emplace(result.schema, *options.app_references);
    for (auto& rule : rules) rule->start_file(*source);
  }

  sqlparse::ParseOptions parse_options;
  if (!file.under_review) parse_options.skip = replay_ignores;  // history: the model needs DDL only
  const auto summary = sqlparse::parse_statements(*source, [&](const sqlparse::Statement& st) {
    if (file.under_review) {
      const Effects effects = compute_effects(st, result.schema, session, options.pg_version);
      StatementContext ctx{*source,           st, result.schema, session, effects, options.pg_version,
                           file.review_batch, app ? &*app : nullptr};
      suppressions->begin_statement(st);
      for (auto& rule : rules) {
        const std::size_t before = findings.size();
        Reporter reporter(rule->info(), *source, findings);
        rule->check(ctx, reporter);
        if (findings.size() > before && suppressions->suppressed(std::string(rule->info().id)))
          findings.resize(before);
      }
      if (options.record_statements)
        report.statements.push_back({st.start, st.stop, std::string(st.text), effects, session.in_transaction()});
    }
    origin.line = st.start.line;
    result.schema.apply(st, origin, session.search_path);
    session.apply(st);
  }, parse_options);

  if (summary.error) {
    // A file that does not parse is reported, never half-linted.
    problems.push_back(*summary.error);
    return;
  }
  if (file.under_review) {
    const FileContext ctx{*source, session, summary.statement_count};
    for (auto& rule : rules) {
      const std::size_t before = findings.size();
      Reporter reporter(rule->info(), *source, findings);
      rule->finish_file(ctx, reporter);
      const auto first = findings.begin() + static_cast<std::ptrdiff_t>(before);
      findings.erase(std::remove_if(first, findings.end(),
                                    [&](const Finding& f) { return suppressions->suppressed_at(f.rule, f.start); }),
                     findings.end());
    }
    // Suppression findings are made before the statements' own: report in source order.
    std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
      return a.start.line != b.start.line ? a.start.line < b.start.line : a.start.column < b.start.column;
    });
    add_findings(findings, options, result);
    report.skipped_meta_commands = summary.skipped_meta_commands;
    result.files.push_back(std::move(report));
  }
}

}  // namespace

LintResult lint(const std::vector<MigrationFile>& files, RuleList& rules, const LintOptions& options) {
  LintResult result;
  std::optional<AppIndex> app_before_review;
  for (const MigrationFile& file : files) lint_file(file, rules, options, result, app_before_review);
  if (!result.has_errors()) {
    std::optional<AppIndex> app_after;
    if (options.app_references) app_after.emplace(result.schema, *options.app_references);
    const RunContext ctx{result.schema, options.pg_version, app_after ? &*app_after : nullptr};
    std::vector<Finding> findings;
    for (auto& rule : rules) {
      Reporter reporter(rule->info(), findings);
      rule->finish_run(ctx, reporter);
    }
    add_findings(findings, options, result);
  }
  return result;
}

}  // namespace analyzer
