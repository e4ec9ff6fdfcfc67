#include "analyzer/report/report_support.h"

#include <cctype>
#include <cstdint>
#include <optional>

namespace analyzer::report {
namespace {

bool ends_with_punctuation(std::string_view s) {
  return !s.empty() && (s.back() == '.' || s.back() == '!' || s.back() == '?');
}

// Collapses runs of whitespace to one space and trims, so re-indenting or re-wrapping a
// statement keeps its fingerprint.
std::string collapse_whitespace(std::string_view text) {
  std::string out;
  bool pending_space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

// Reads each file once and cuts findings' ranges out of it.
class FlaggedText {
 public:
  // The text between a finding's start and stop, or nullopt if the file cannot be read.
  std::optional<std::string> of(const Finding& f) {
    const sqlparse::SourceText* source = load(f.path);
    if (!source) return std::nullopt;
    const std::size_t begin = offset(*source, f.start);
    const std::size_t end = offset(*source, f.stop);
    if (end < begin) return std::nullopt;
    return source->bytes().substr(begin, end - begin);
  }

 private:
  const sqlparse::SourceText* load(const std::string& path) {
    auto it = sources_.find(path);
    if (it == sources_.end()) {
      sqlparse::InputError error;
      auto loaded = sqlparse::SourceText::load(path, error);
      it = sources_.emplace(path, loaded ? std::make_unique<sqlparse::SourceText>(std::move(*loaded)) : nullptr).first;
    }
    return it->second.get();
  }

  static std::size_t offset(const sqlparse::SourceText& source, sqlparse::Position at) {
    const std::string_view line = source.line_text(at.line);
    if (line.data() == nullptr) return source.bytes().size();
    const auto line_begin = static_cast<std::size_t>(line.data() - source.bytes().data());
    return source.offset_of_code_point(line_begin, static_cast<std::size_t>(std::max(1, at.column)));
  }

  std::map<std::string, std::unique_ptr<sqlparse::SourceText>> sources_;
};

}  // namespace

std::string message_with_help(const Finding& finding) {
  std::string text = finding.message;
  if (!finding.help.empty()) {
    if (!ends_with_punctuation(text)) text += ';';
    text += ' ';
    text += finding.help;
  }
  if (!ends_with_punctuation(text)) text += '.';
  return text;
}

std::string forward_slashes(std::string_view path) {
  std::string out(path);
  for (char& c : out)
    if (c == '\\') c = '/';
  return out;
}

std::string stable_hash(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ull;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kHex[hash & 0xF];
    hash >>= 4;
  }
  return out;
}

std::vector<FindingIdentity> identify_findings(const LintResult& result) {
  FlaggedText texts;
  std::map<std::string, int> occurrences;
  std::vector<FindingIdentity> out;
  out.reserve(result.findings.size());
  for (const Finding& f : result.findings) {
    std::optional<std::string> flagged = texts.of(f);
    // Without the file (deleted since the run), the message is the next best identity.
    std::string key = f.rule + '\n' + forward_slashes(f.path) + '\n' + collapse_whitespace(flagged.value_or(f.message));
    const int seen = occurrences[key]++;
    key += '\n' + std::to_string(seen);
    out.push_back({stable_hash(key), std::move(flagged)});
  }
  return out;
}

std::string input_error_fingerprint(const sqlparse::InputError& error) {
  return stable_hash("input-error\n" + forward_slashes(error.path) + '\n' + collapse_whitespace(error.message));
}

}  // namespace analyzer::report
