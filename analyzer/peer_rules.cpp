#include "analyzer/peer_rules.h"

#include <algorithm>

namespace analyzer {

// squawk's rule names as its linter accepts them in `squawk-ignore` comments and in its
// configuration. A name with no equivalent stays in the table: an ignore naming it is a
// squawk rule schemaguard does not have, not a typo.
const std::vector<PeerRule>& squawk_rules() {
  static const std::vector<PeerRule> rules{
      {"require-concurrent-index-creation", {"create-index-without-concurrently"},
       "silent for tables created earlier in the change under review"},
      {"require-concurrent-index-deletion", {"drop-index-without-concurrently"}, ""},
      {"constraint-missing-not-valid",
       {"add-check-constraint-validates", "add-foreign-key-validates", "validate-in-same-transaction"},
       "split by constraint kind; NOT VALID followed by VALIDATE in one transaction is its own rule"},
      {"adding-field-with-default", {"add-column-volatile-default", "add-column-stored-generated"},
       "constant and stable defaults stay silent on PostgreSQL 11+"},
      {"adding-foreign-key-constraint", {"add-foreign-key-validates"}, ""},
      {"changing-column-type", {"alter-column-type-rewrite"},
       "type changes PostgreSQL does in place (varchar -> text, wider varchar) stay silent"},
      {"adding-not-nullable-field", {"set-not-null-scan"},
       "silent when a validated CHECK (col IS NOT NULL) already proves it (PostgreSQL 12+)"},
      {"adding-serial-primary-key-field", {"add-unique-constraint-builds-index"}, ""},
      {"renaming-column", {"rename-column"}, ""},
      {"renaming-table", {"rename-table"}, ""},
      {"disallowed-unique-constraint", {"add-unique-constraint-builds-index"}, ""},
      {"ban-drop-database", {"drop-schema-or-database"}, ""},
      {"prefer-bigint-over-int", {"prefer-bigint-over-int"}, "style group: off by default"},
      {"prefer-bigint-over-smallint", {"prefer-bigint-over-smallint"}, "style group: off by default"},
      {"prefer-identity", {"prefer-identity-over-serial"}, "style group: off by default"},
      {"prefer-repack", {"table-rewrite-command"}, "also covers SET TABLESPACE and SET LOGGED/UNLOGGED"},
      {"prefer-robust-stmts", {"prefer-robust-statements"}, "style group: off by default"},
      {"prefer-text-field", {"prefer-text-over-varchar"}, "style group: off by default"},
      {"prefer-timestamptz", {"prefer-timestamptz"}, "style group: off by default"},
      {"prefer-timestamp-tz", {"prefer-timestamptz"}, "squawk's alternative spelling"},
      {"ban-char-field", {"ban-char-type"}, "style group: off by default"},
      {"ban-drop-column", {"drop-column"}, ""},
      {"ban-drop-table", {"drop-table"}, ""},
      {"ban-drop-not-null", {"drop-not-null"}, ""},
      {"transaction-nesting", {"nested-transaction"}, ""},
      {"adding-required-field", {"add-required-column-without-default"}, ""},
      {"ban-concurrent-index-creation-in-transaction", {"concurrently-in-transaction"},
       "also knows which migration tools wrap each file in a transaction"},
      {"unused-ignore", {},
       "an ignore naming an unknown rule is reported as invalid-suppression, which no comment can silence"},
      {"ban-create-domain-with-constraint", {"domain-with-constraint"}, "style group: off by default"},
      {"ban-alter-domain-with-add-constraint", {"domain-with-constraint"}, "style group: off by default"},
      {"ban-truncate-cascade", {"truncate-table"}, "covers TRUNCATE with or without CASCADE"},
      {"require-timeout-settings", {"missing-lock-timeout", "missing-statement-timeout"}, ""},
      {"ban-uncommitted-transaction", {"uncommitted-transaction"}, ""},
      {"require-enum-value-ordering", {"require-enum-value-ordering"}, "style group: off by default"},
      {"require-table-schema", {"require-schema-qualified-name"}, "style group: off by default"},
      {"identifier-too-long", {"identifier-too-long"}, "style group: off by default"},
      {"require-concurrent-partition-detach", {"detach-partition-without-concurrently"}, ""},
      {"require-concurrent-reindex", {"reindex-without-concurrently"}, ""},
      {"require-lock-timeout", {"missing-lock-timeout"}, ""},
      {"require-statement-timeout", {"missing-statement-timeout"}, ""},
      {"ban-duplicate-column-assignments", {"duplicate-column-assignment"}, "style group: off by default"},
      {"ban-drop-view", {}, ""},
      {"ban-drop-function", {}, ""},
      {"ban-drop-type", {}, ""},
      {"ban-drop-default", {}, ""},
      {"ban-drop-trigger", {}, ""},
      {"ban-drop-schema", {"drop-schema-or-database"}, ""},
      {"ban-drop-sequence", {}, ""},
      {"ban-drop-domain", {}, ""},
      {"ban-drop-constraint", {}, ""},
      {"ban-drop-generated-expression", {}, ""},
      {"renaming-object", {}, "renaming tables and columns is covered by rename-table and rename-column"},
      {"ban-set-schema", {}, ""},
      {"ban-alter-identity", {}, ""},
      {"ban-drop-extension", {}, ""},
      {"ban-alter-generated-expression", {}, ""},
      {"ban-drop-index", {},
       "drop-index-without-concurrently is about the lock DROP INDEX takes, not about dropping the index"},
      {"ban-set-default", {}, ""},
      {"ban-disable-trigger", {}, ""},
      {"ban-replica-identity", {}, ""},
      {"ban-drop-policy", {}, ""},
      {"ban-revoke", {}, ""},
      {"ban-replace-view-function", {}, ""},
      {"ban-alter-policy-condition", {}, ""},
      {"ban-alter-policy-roles", {}, ""},
      {"ban-create-policy", {}, ""},
      {"ban-alter-function-options", {}, ""},
      {"ban-alter-view-options", {}, ""},
      {"ban-alter-role-options", {}, ""},
      {"ban-alter-database-options", {}, ""},
      {"ban-alter-row-level-security", {}, ""},
      {"ban-new-write-restriction", {}, ""},
      {"ban-add-enum-value", {},
       "add-enum-value-in-transaction is about ADD VALUE inside a transaction, not about old clients"},
      {"ban-add-composite-attribute", {}, ""},
      {"ban-add-column", {}, ""},
      {"ban-detach-inheritance", {}, ""},
      {"ban-alter-sequence-values", {}, ""},
      {"ban-alter-system-options", {}, ""},
      {"ban-alter-extension", {}, ""},
  };
  return rules;
}

const PeerRule* find_squawk_rule(std::string_view name) {
  const auto& rules = squawk_rules();
  const auto it = std::find_if(rules.begin(), rules.end(), [&](const PeerRule& r) { return r.name == name; });
  return it == rules.end() ? nullptr : &*it;
}

std::vector<std::string_view> squawk_names_for(std::string_view rule_id) {
  std::vector<std::string_view> out;
  for (const PeerRule& rule : squawk_rules())
    if (std::find(rule.rule_ids.begin(), rule.rule_ids.end(), rule_id) != rule.rule_ids.end())
      out.push_back(rule.name);
  return out;
}

}  // namespace analyzer
