// SARIF 2.1.0 for GitHub code scanning (checked with `sarif-multitool validate`, both the
// default rules and `--rule-kind Gh`: tests/sarif_validate.sh).
#include <cctype>
#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "analyzer/report/report.h"
#include "analyzer/report/report_support.h"

namespace analyzer::report {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kInformationUri = "https://github.com/schemaguard/schemaguard";
// Relative paths are relative to the checkout; GitHub resolves %SRCROOT% to it.
constexpr std::string_view kSourceRoot = "%SRCROOT%";
// Versioned, so a future change of the fingerprint recipe can use a new key.
constexpr std::string_view kFingerprintKey = "statementHash/v1";

// "create-index-without-concurrently" -> "CreateIndexWithoutConcurrently".
std::string pascal_case(std::string_view id) {
  std::string out;
  bool upper = true;
  for (char c : id) {
    if (c == '-' || c == '_') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

// SARIF wants messages to be sentences.
std::string sentence(std::string_view text) {
  std::string out(text);
  if (!out.empty() && out.back() != '.' && out.back() != '!' && out.back() != '?') out += '.';
  return out;
}

bool is_absolute(std::string_view path) {
  return (!path.empty() && path.front() == '/') ||
         (path.size() >= 3 && std::isalpha(static_cast<unsigned char>(path[0])) && path[1] == ':' && path[2] == '/');
}

// Percent-encodes what may not appear in a URI path. A ':' is encoded too, except after a
// drive letter, so that "a:b.sql" is not read as a URI with scheme "a".
std::string encode_path(std::string_view path, bool keep_drive_colon) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const auto c = static_cast<unsigned char>(path[i]);
    const bool drive_colon = keep_drive_colon && c == ':' && i == 1;
    if (std::isalnum(c) || std::string_view("-._~/!$&'()*+,;=@").find(static_cast<char>(c)) != std::string_view::npos ||
        drive_colon) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

Json artifact_location(std::string_view raw_path) {
  std::string path = forward_slashes(raw_path);
  while (path.size() > 2 && path.compare(0, 2, "./") == 0) path.erase(0, 2);
  Json j;
  if (is_absolute(path)) {
    j["uri"] = "file://" + std::string(path.front() == '/' ? "" : "/") + encode_path(path, true);
  } else {
    j["uri"] = encode_path(path, false);
    j["uriBaseId"] = kSourceRoot;
  }
  return j;
}

Json physical_location(std::string_view path, sqlparse::Position start, std::optional<sqlparse::Position> stop,
                       const std::optional<std::string>& snippet = std::nullopt) {
  Json region;
  region["startLine"] = start.line;
  region["startColumn"] = start.column;
  if (stop) {
    // Our stop positions are exclusive, as SARIF's endColumn.
    region["endLine"] = stop->line;
    region["endColumn"] = stop->column;
  }
  if (snippet) region["snippet"] = Json{{"text", *snippet}};
  Json j;
  j["artifactLocation"] = artifact_location(path);
  j["region"] = std::move(region);
  return j;
}

std::string_view level(Severity s) { return s == Severity::error ? "error" : "warning"; }

Json rule_json(const RuleInfo& rule) {
  Json j;
  j["id"] = std::string(rule.id);
  j["name"] = pascal_case(rule.id);
  j["shortDescription"] = Json{{"text", sentence(rule.doc.summary)}};
  j["fullDescription"] = Json{{"text", sentence(rule.doc.flags.empty() ? rule.doc.summary : rule.doc.flags)}};
  j["help"] = Json{{"text", explain_plain(rule)}, {"markdown", explain(rule)}};
  j["helpUri"] = help_uri(rule.id);
  Json config;
  config["enabled"] = rule.enabled_by_default;
  config["level"] = level(rule.severity);
  j["defaultConfiguration"] = std::move(config);
  j["properties"] = Json{{"tags", Json::array({std::string(group_name(rule.group))})}};
  return j;
}

Json related_location(const CodeReference& ref, int id) {
  std::string text = "Still used";
  if (!ref.function.empty()) text += " in " + ref.function;
  if (!ref.access.empty()) text += " (" + ref.access + ")";
  if (!ref.sql.empty()) text += ": " + ref.sql;
  Json j;
  j["id"] = id;
  j["physicalLocation"] = physical_location(ref.path, {ref.line, ref.column}, std::nullopt);
  j["message"] = Json{{"text", sentence(text)}};
  return j;
}

Json result_json(const Finding& f, std::optional<std::size_t> rule_index, const FindingIdentity& identity) {
  Json j;
  j["ruleId"] = f.rule;
  if (rule_index) j["ruleIndex"] = *rule_index;
  j["level"] = level(f.severity);
  j["message"] = Json{{"text", message_with_help(f)}};
  j["locations"] = Json::array({Json{{"physicalLocation", physical_location(f.path, f.start, f.stop, identity.flagged_text)}}});
  j["partialFingerprints"] = Json{{kFingerprintKey, identity.fingerprint}};
  if (!f.references.empty()) {
    Json related = Json::array();
    int id = 1;
    for (const CodeReference& ref : f.references) related.push_back(related_location(ref, id++));
    j["relatedLocations"] = std::move(related);
  }
  if (!f.suggested_sql.empty()) j["properties"] = Json{{"suggestedSql", f.suggested_sql}};
  return j;
}

Json notification_json(const sqlparse::InputError& e, std::string_view notification_level, std::string_view prefix) {
  Json j;
  j["level"] = notification_level;
  j["message"] = Json{{"text", sentence(std::string(prefix) + e.message)}};
  j["locations"] =
      Json::array({Json{{"physicalLocation", physical_location(e.path, e.position, std::nullopt)}}});
  return j;
}

}  // namespace

void write_sarif(std::ostream& out, const ReportInput& input) {
  const LintResult& result = input.result;

  Json rules = Json::array();
  std::map<std::string, std::size_t, std::less<>> rule_index;
  for (const RuleInfo* rule : input.rules) {
    rule_index.emplace(std::string(rule->id), rules.size());
    rules.push_back(rule_json(*rule));
  }

  Json driver;
  driver["name"] = "schemaguard";
  driver["version"] = SCHEMAGUARD_VERSION;
  driver["semanticVersion"] = SCHEMAGUARD_VERSION;
  driver["informationUri"] = kInformationUri;
  driver["rules"] = std::move(rules);

  Json notifications = Json::array();
  for (const auto& e : result.errors) notifications.push_back(notification_json(e, "error", ""));
  for (const auto& w : result.warnings)
    notifications.push_back(
        notification_json(w, "warning", "History file skipped, the schema model may be incomplete: "));
  Json invocation;
  // Unreadable or unparsable files under review mean the check did not cover them.
  invocation["executionSuccessful"] = !result.has_errors();
  if (!notifications.empty()) invocation["toolExecutionNotifications"] = std::move(notifications);

  const std::vector<FindingIdentity> identities = identify_findings(result);
  Json results = Json::array();
  for (std::size_t k = 0; k < result.findings.size(); ++k) {
    const Finding& f = result.findings[k];
    const auto it = rule_index.find(f.rule);
    results.push_back(result_json(f, it == rule_index.end() ? std::nullopt : std::optional(it->second), identities[k]));
  }

  Json run;
  run["tool"] = Json{{"driver", std::move(driver)}};
  run["invocations"] = Json::array({std::move(invocation)});
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = std::move(results);

  Json root;
  root["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  root["version"] = "2.1.0";
  root["runs"] = Json::array({std::move(run)});
  out << root.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace analyzer::report
