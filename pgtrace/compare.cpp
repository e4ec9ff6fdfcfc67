#include "pgtrace/compare.h"

#include <algorithm>

namespace pgtrace {

using analyzer::QualifiedName;

std::string Difference::text() const {
  std::string out = aspect;
  if (!relation.empty()) out += (aspect == "lock" ? " on " : " of ") + relation;
  return out + ": predicted " + predicted + ", observed " + observed;
}

bool is_query_kind(std::string_view kind) {
  return kind == "SelectStmt" || kind == "InsertStmt" || kind == "UpdateStmt" || kind == "DeleteStmt" ||
         kind == "MergeStmt" || kind == "CreateTableAsStmt";
}

bool scans_are_compared(std::string_view kind) {
  // TRUNCATE rebuilds each index on the new, empty storage, which counts as a scan of it.
  return !is_query_kind(kind) && kind != "TruncateStmt";
}

namespace {

bool contains(const std::vector<QualifiedName>& v, const QualifiedName& q) {
  return std::find(v.begin(), v.end(), q) != v.end();
}

void compare_sets(const char* aspect, const std::vector<QualifiedName>& predicted,
                  const std::vector<QualifiedName>& observed, std::vector<Difference>& out) {
  for (const QualifiedName& q : predicted)
    if (!contains(observed, q)) out.push_back({aspect, q.str(), "yes", "no"});
  for (const QualifiedName& q : observed)
    if (!contains(predicted, q)) out.push_back({aspect, q.str(), "no", "yes"});
}

std::string mode_text(const analyzer::RelationLock* lock) {
  return lock ? std::string(analyzer::lock_mode_name(lock->mode)) : "none";
}

// A lock the model says the statement may take, depending on the data (the partitions an
// INSERT's rows reach): observed or not, both agree with the prediction.
bool possible_lock(const analyzer::Effects& predicted, const analyzer::RelationLock& got) {
  return std::any_of(predicted.possible_locks.begin(), predicted.possible_locks.end(),
                     [&](const analyzer::RelationLock& l) { return l.relation == got.relation && l.mode == got.mode; });
}

void compare_locks(const analyzer::Effects& predicted, const Observation& observed, std::vector<Difference>& out) {
  for (const analyzer::RelationLock& want : predicted.locks) {
    const analyzer::RelationLock* got = observed.lock_on(want.relation);
    if (got && got->mode == want.mode) continue;
    if (got && got->mode > want.mode && possible_lock(predicted, *got)) continue;
    // Held already by an earlier statement of the same transaction: PostgreSQL shows no new
    // row for a mode it holds, so a weaker or no new lock is consistent with the prediction.
    const analyzer::RelationLock* held = observed.held_on(want.relation);
    if (held && held->mode >= want.mode && (!got || got->mode <= want.mode)) continue;
    out.push_back({"lock", want.relation.str(), mode_text(&want), mode_text(got)});
  }
  for (const analyzer::RelationLock& got : observed.locks) {
    if (predicted.lock_on(got.relation) || possible_lock(predicted, got)) continue;
    // The model names an index only when the statement targets the index alone.
    if (observed.is_index(got.relation)) continue;
    out.push_back({"lock", got.relation.str(), "none", mode_text(&got)});
  }
}

}  // namespace

std::vector<Difference> compare(const analyzer::Effects& predicted, const Observation& observed,
                                const CompareOptions& options) {
  std::vector<Difference> out;
  switch (observed.status) {
    case Observation::Status::skipped:
      return out;
    case Observation::Status::failed:
      if (predicted.failures.empty())
        out.push_back({"outcome", "", "runs", "fails: " + observed.error});
      return out;
    case Observation::Status::ran:
      break;
  }
  if (!predicted.failures.empty()) out.push_back({"outcome", "", "fails: " + predicted.failures.front(), "runs"});
  compare_locks(predicted, observed, out);
  compare_sets("rewrite", predicted.rewrites, observed.rewrites, out);
  compare_sets("rebuilt index", predicted.rebuilt_indexes, observed.rebuilt_indexes, out);
  if (options.compare_scans) {
    // A possible scan (the referenced table of a foreign-key validation, read in full only
    // under some plans) agrees whether or not it happened; a certain scan must happen, and
    // nothing else may be scanned.
    std::vector<QualifiedName> observed_certain;
    for (const QualifiedName& q : observed.scans)
      if (!contains(predicted.possible_scans, q)) observed_certain.push_back(q);
    compare_sets("scan", predicted.scans, observed_certain, out);
  }
  return out;
}

}  // namespace pgtrace
