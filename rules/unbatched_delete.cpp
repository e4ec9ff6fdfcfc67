// PLACEHOLDER: replaced by the real rule.
#include "analyzer/rule.h"

namespace rules {
namespace {
const analyzer::RuleInfo kInfo{"unbatched-delete", analyzer::Severity::warning, analyzer::RuleGroup::locks, {"placeholder", "", "", "", "", ""}};
class Placeholder : public analyzer::Rule {
 public:
  const analyzer::RuleInfo& info() const override { return kInfo; }
  void check(const analyzer::StatementContext&, analyzer::Reporter&) override {}
};
}  // namespace
std::unique_ptr<analyzer::Rule> make_unbatched_delete() { return std::make_unique<Placeholder>(); }
}  // namespace rules
