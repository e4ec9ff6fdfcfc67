#include "analyzer/engine.h"

#include "analyzer/suppression.h"

#include <algorithm>
#include <deque>
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

// A file read, checked and queued for parsing, not linted yet.
struct LoadedFile {
  std::optional<sqlparse::SourceText> source;
  std::optional<sqlparse::InputError> problem;  // unreadable or not text
  std::size_t ticket = 0;                       // in the ParseQueue
};

void load_file(const MigrationFile& file, sqlparse::ParseQueue& parser, LoadedFile& loaded) {
  sqlparse::InputError load_error;
  loaded.source = sqlparse::SourceText::load(file.path, load_error);
  if (!loaded.source) {
    loaded.problem = load_error;
    return;
  }
  if (auto invalid = loaded.source->validate()) {
    loaded.problem = *invalid;
    loaded.source.reset();
    return;
  }
  sqlparse::ParseOptions parse_options;
  if (!file.under_review) parse_options.skip = replay_ignores;  // history: the model needs DDL only
  loaded.ticket = parser.add(*loaded.source, parse_options);
}

void lint_file(const MigrationFile& file, LoadedFile& loaded, sqlparse::ParseQueue& parser, RuleList& rules,
               const LintOptions& options, LintResult& result, std::optional<AppIndex>& app) {
  auto& problems = file.under_review ? result.errors : result.warnings;
  if (loaded.problem) {
    problems.push_back(*loaded.problem);
    return;
  }
  const sqlparse::SourceText* source = &*loaded.source;

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

  const auto summary = parser.report(loaded.ticket, [&](const sqlparse::Statement& st) {
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
  });

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
  // Files are read and parsed ahead (on the parse threads) of the one being linted, up to
  // about kParseAheadBytes of text: enough to keep the threads busy, and little enough that
  // the trees (some 15x the text) are still in cache when this thread reads them. With 2 MB
  // ahead every tree was a cache miss: the heavy 1k history took 20 % longer.
  constexpr std::size_t kParseAheadBytes = 64 << 10;
  sqlparse::ParseQueue parser(options.parse_threads);
  std::deque<LoadedFile> loaded;
  std::size_t next_to_load = 0;
  for (std::size_t k = 0; k < files.size(); ++k) {
    // Refilled once half is used, not after every file: an idle worker wakes once per batch.
    if (next_to_load <= k || parser.pending_bytes() < kParseAheadBytes / 2)
      while (next_to_load < files.size() && (next_to_load <= k || parser.pending_bytes() < kParseAheadBytes))
        load_file(files[next_to_load++], parser, loaded.emplace_back());
    lint_file(files[k], loaded.front(), parser, rules, options, result, app_before_review);
    loaded.pop_front();
  }
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
