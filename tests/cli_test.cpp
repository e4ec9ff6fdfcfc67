// End-to-end tests of the schemaguard binary: exit statuses, error messages, output
// hygiene and resource bounds, exactly as a user or a pipeline sees them.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "rules/registry.h"

extern char** environ;

namespace {
namespace fs = std::filesystem;

const std::string kBinary = SCHEMAGUARD_BINARY;
const fs::path kFixtures = fs::path(SCHEMAGUARD_SOURCE_DIR) / "testdata" / "cli";
const fs::path kDemo = fs::path(SCHEMAGUARD_SOURCE_DIR) / "testdata" / "demo";

struct RunOptions {
  std::map<std::string, std::string> env;  // added to (or replacing) the inherited environment
  std::string cwd;                          // default: a fresh empty directory
  bool stdout_is_tty = false;               // give the child a pseudo-terminal as stdout
  std::chrono::seconds timeout{120};        // a guard against hangs, not a timing check
};

struct RunResult {
  int exit_code = -1;  // -1 when the child did not exit normally
  int signal = 0;
  bool timed_out = false;
  std::string out, err;
  long max_rss_kb = 0;

  std::string all() const { return out + err; }
};

std::ostream& operator<<(std::ostream& os, const RunResult& r) {
  auto head = [](const std::string& s) { return s.size() > 4000 ? s.substr(0, 4000) + "\n[...]" : s; };
  return os << "exit " << r.exit_code << " signal " << r.signal << (r.timed_out ? " (timed out)" : "")
            << "\n--- stdout\n" << head(r.out) << "\n--- stderr\n" << head(r.err);
}

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "schemaguard-cli-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

void write_file(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<std::string> child_environment(const std::map<std::string, std::string>& overrides) {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    const std::string entry(*e);
    const std::string name = entry.substr(0, entry.find('='));
    // Colour and config choices of the developer's shell must not leak into the tests.
    if (name == "NO_COLOR" || overrides.count(name)) continue;
    env.push_back(entry);
  }
  for (const auto& [name, value] : overrides) env.push_back(name + "=" + value);
  return env;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// Runs the binary with `args`, collecting stdout, stderr, the exit status and the
// child's peak RSS. A child still running at the timeout is killed.
RunResult run_schemaguard(const std::vector<std::string>& args, const RunOptions& options = {}) {
  RunResult result;
  std::optional<TempDir> scratch;
  std::string cwd = options.cwd;
  if (cwd.empty()) {
    scratch.emplace();
    cwd = scratch->path().string();
  }

  std::vector<std::string> argv_strings{kBinary};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<std::string> env_strings = child_environment(options.env);
  std::vector<char*> argv = c_strings(argv_strings);
  std::vector<char*> envp = c_strings(env_strings);

  int out_pipe[2], err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) {
    ADD_FAILURE() << "pipe2: " << std::strerror(errno);
    return result;
  }
  int out_read = out_pipe[0], out_write = out_pipe[1];
  if (options.stdout_is_tty) {
    ::close(out_pipe[0]);
    ::close(out_pipe[1]);
    out_read = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (out_read < 0 || ::grantpt(out_read) != 0 || ::unlockpt(out_read) != 0) {
      ADD_FAILURE() << "pseudo-terminal: " << std::strerror(errno);
      return result;
    }
    out_write = ::open(::ptsname(out_read), O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (out_write < 0) {
      ADD_FAILURE() << "open pty: " << std::strerror(errno);
      return result;
    }
  }
  const int null_in = ::open("/dev/null", O_RDONLY | O_CLOEXEC);

  const pid_t pid = ::fork();
  if (pid < 0) {
    ADD_FAILURE() << "fork: " << std::strerror(errno);
    return result;
  }
  if (pid == 0) {
    // Only async-signal-safe calls between fork and exec.
    if (::chdir(cwd.c_str()) != 0) ::_exit(126);
    ::dup2(null_in, STDIN_FILENO);
    ::dup2(out_write, STDOUT_FILENO);
    ::dup2(err_pipe[1], STDERR_FILENO);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(out_write);
  ::close(err_pipe[1]);
  ::close(null_in);

  const auto deadline = std::chrono::steady_clock::now() + options.timeout;
  pollfd fds[2] = {{out_read, POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open_streams = 2;
  char buffer[65536];
  while (open_streams > 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      result.timed_out = true;
      ::kill(pid, SIGKILL);
      break;
    }
    const int ready = ::poll(fds, 2, static_cast<int>(std::min<long>(left.count(), 1000)));
    if (ready < 0 && errno != EINTR) break;
    for (int k = 0; k < 2; ++k) {
      if (fds[k].fd < 0 || !(fds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t n = ::read(fds[k].fd, buffer, sizeof buffer);
      if (n > 0) {
        sinks[k]->append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        // EOF; a pseudo-terminal reports EIO once the child has closed it.
        ::close(fds[k].fd);
        fds[k].fd = -1;
        --open_streams;
      }
    }
  }
  for (const pollfd& p : fds)
    if (p.fd >= 0) ::close(p.fd);

  int status = 0;
  rusage usage{};
  while (::wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
  }
  result.max_rss_kb = usage.ru_maxrss;
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  return result;
}

std::string fixture(const std::string& name) { return (kFixtures / name).string(); }

// `path:line:column: error:` at the start of some line of the output.
bool has_located_error(const std::string& output, const std::string& path, int line, int column) {
  const std::string expected = path + ":" + std::to_string(line) + ":" + std::to_string(column) + ": error:";
  std::istringstream lines(output);
  std::string text;
  while (std::getline(lines, text))
    if (text.rfind(expected, 0) == 0) return true;
  return false;
}

// "path:line:column" -> path and line; false if it is not that shape.
bool split_location(const std::string& location, std::string& path, int& line) {
  const std::size_t column_colon = location.rfind(':');
  if (column_colon == std::string::npos || column_colon == 0) return false;
  const std::size_t line_colon = location.rfind(':', column_colon - 1);
  if (line_colon == std::string::npos) return false;
  const std::string line_text = location.substr(line_colon + 1, column_colon - line_colon - 1);
  const std::string column_text = location.substr(column_colon + 1);
  const auto all_digits = [](const std::string& t) {
    return !t.empty() && t.find_first_not_of("0123456789") == std::string::npos;
  };
  if (!all_digits(line_text) || !all_digits(column_text)) return false;
  path = location.substr(0, line_colon);
  line = std::stoi(line_text);
  return true;
}

// `path:line:<any column>: error:` at the start of some line of the output.
bool has_error_on_line(const std::string& output, const std::string& path, int line) {
  std::istringstream lines(output);
  std::string text, found_path;
  int found_line = 0;
  while (std::getline(lines, text)) {
    const std::size_t at = text.find(": error:");
    if (at != std::string::npos && split_location(text.substr(0, at), found_path, found_line) &&
        found_path == path && found_line == line)
      return true;
  }
  return false;
}

struct ReportedFinding {
  std::string path;
  int line;
  std::string severity;
  std::string rule;
};

// The `path:line:column: severity: message [rule-id]` lines of text output.
std::vector<ReportedFinding> findings_in(const std::string& text_output) {
  std::vector<ReportedFinding> out;
  std::istringstream lines(text_output);
  std::string text;
  while (std::getline(lines, text)) {
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.empty() || text.back() != ']') continue;
    const std::size_t rule_begin = text.rfind(" [");
    if (rule_begin == std::string::npos) continue;
    for (const std::string severity : {"error", "warning"}) {
      const std::size_t at = text.find(": " + severity + ": ");
      ReportedFinding f{"", 0, severity, text.substr(rule_begin + 2, text.size() - rule_begin - 3)};
      if (at != std::string::npos && at < rule_begin && split_location(text.substr(0, at), f.path, f.line)) {
        out.push_back(f);
        break;
      }
    }
  }
  return out;
}

bool has_escape_codes(const std::string& s) { return s.find('\x1b') != std::string::npos; }

// ---------------------------------------------------------------- exit statuses

TEST(Cli, CleanFileExitsZero) {
  const RunResult r = run_schemaguard({"lint", fixture("clean.sql")});
  EXPECT_EQ(r.exit_code, 0) << r;
  EXPECT_TRUE(findings_in(r.out).empty()) << r;
}

TEST(Cli, FindingExitsOneAndIsReportedCompilerStyle) {
  const RunResult r = run_schemaguard({"lint", fixture("finding.sql")});
  EXPECT_EQ(r.exit_code, 1) << r;
  const auto findings = findings_in(r.out);
  ASSERT_EQ(findings.size(), 1u) << r;
  EXPECT_EQ(findings[0].path, fixture("finding.sql"));
  EXPECT_EQ(findings[0].line, 4);
  EXPECT_EQ(findings[0].rule, "create-index-without-concurrently");
}

TEST(Cli, EmptyAndCommentOnlyFilesAreClean) {
  for (const char* name : {"empty.sql", "comments_only.sql"}) {
    const RunResult r = run_schemaguard({"lint", fixture(name)});
    EXPECT_EQ(r.exit_code, 0) << name << "\n" << r;
  }
}

TEST(Cli, SyntaxErrorExitsTwoWithPosition) {
  const RunResult r = run_schemaguard({"lint", fixture("syntax_error.sql")});
  EXPECT_EQ(r.exit_code, 2) << r;
  EXPECT_TRUE(has_located_error(r.all(), fixture("syntax_error.sql"), 2, 32)) << r;
  EXPECT_NE(r.all().find("syntax error at or near \";\""), std::string::npos) << r;
}

TEST(Cli, SyntaxErrorInOneFileStillFailsWhenOthersAreClean) {
  const RunResult r = run_schemaguard({"lint", fixture("clean.sql"), fixture("syntax_error.sql")});
  EXPECT_EQ(r.exit_code, 2) << r;
}

TEST(Cli, MissingFileExitsTwo) {
  TempDir dir;
  const std::string missing = (dir / "no_such_migration.sql").string();
  const RunResult r = run_schemaguard({"lint", missing});
  EXPECT_EQ(r.exit_code, 2) << r;
  EXPECT_TRUE(has_located_error(r.all(), missing, 1, 1)) << r;
}

TEST(Cli, DirectoryGivenAsFileExitsTwo) {
  TempDir dir;
  const RunResult r = run_schemaguard({"lint", dir.path().string()});
  EXPECT_EQ(r.exit_code, 2) << r;
  EXPECT_NE(r.all().find("directory"), std::string::npos) << r;
}

TEST(Cli, BinaryDataExitsTwoWithPosition) {
  TempDir dir;
  const std::string path = (dir / "binary.sql").string();
  static const char kBytes[] = "CREATE TABLE t (id int);\nSEL\0\0\x01\x02";
  write_file(path, std::string(kBytes, sizeof kBytes - 1));
  const RunResult r = run_schemaguard({"lint", path});
  EXPECT_EQ(r.exit_code, 2) << r;
  EXPECT_TRUE(has_located_error(r.all(), path, 2, 4)) << r;
}

TEST(Cli, NonUtf8DataExitsTwoWithPosition) {
  TempDir dir;
  const std::string path = (dir / "latin1.sql").string();
  write_file(path, "COMMENT ON TABLE t IS 'caf\xe9';\n");
  const RunResult r = run_schemaguard({"lint", path});
  EXPECT_EQ(r.exit_code, 2) << r;
  EXPECT_TRUE(has_located_error(r.all(), path, 1, 27)) << r;
  EXPECT_NE(r.all().find("UTF-8"), std::string::npos) << r;
}

TEST(Cli, PsqlSetIsSkippedButIncludeIsAnError) {
  const RunResult set = run_schemaguard({"lint", fixture("meta_set.sql")});
  EXPECT_EQ(set.exit_code, 0) << set;

  const RunResult include = run_schemaguard({"lint", fixture("meta_include.sql")});
  EXPECT_EQ(include.exit_code, 2) << include;
  EXPECT_TRUE(has_located_error(include.all(), fixture("meta_include.sql"), 2, 1)) << include;
}

TEST(Cli, UsageErrorsExitTwo) {
  const std::string file = fixture("clean.sql");
  const std::vector<std::vector<std::string>> cases = {
      {"lint", "--frobnicate", file},        // unknown flag
      {"frobnicate", file},                  // unknown subcommand
      {},                                    // no subcommand
      {"lint", "--format", "xml", file},     // unknown format
      {"lint", "--pg-version", "99", file},  // unsupported version
      {"lint", "--pg-version", "ten", file},
      {"lint", "--fail-on", "info", file},
      {"lint", "--color", "sometimes", file},
      {"lint"},  // nothing to lint
  };
  for (const auto& args : cases) {
    const RunResult r = run_schemaguard(args);
    std::string joined;
    for (const auto& a : args) joined += a + " ";
    EXPECT_EQ(r.exit_code, 2) << joined << "\n" << r;
    EXPECT_FALSE(r.err.empty()) << joined << ": a usage error must say what is wrong\n" << r;
  }
}

TEST(Cli, UnknownRuleInSelectOrIgnoreExitsTwo) {
  for (const char* flag : {"--select", "--ignore"}) {
    const RunResult r = run_schemaguard({"lint", flag, "create-index-without-concurrently,no-such-rule", fixture("clean.sql")});
    EXPECT_EQ(r.exit_code, 2) << flag << "\n" << r;
    EXPECT_NE(r.err.find("no-such-rule"), std::string::npos) << r;
  }
}

// ---------------------------------------------------------------- configuration

TEST(Cli, ConfigSyntaxErrorExitsTwoWithPosition) {
  const std::string config = fixture("config_syntax_error.toml");
  const RunResult r = run_schemaguard({"lint", "--config", config, fixture("clean.sql")});
  EXPECT_EQ(r.exit_code, 2) << r;
  EXPECT_TRUE(has_error_on_line(r.err, config, 2)) << r;
}

TEST(Cli, ConfigUnknownKeyExitsTwoWithPosition) {
  const std::string config = fixture("config_unknown_key.toml");
  const RunResult r = run_schemaguard({"lint", "--config", config, fixture("clean.sql")});
  EXPECT_EQ(r.exit_code, 2) << r;
  EXPECT_TRUE(has_located_error(r.err, config, 3, 1)) << r;
  EXPECT_NE(r.err.find("fail_onn"), std::string::npos) << r;
}

TEST(Cli, MissingConfigFileExitsTwo) {
  TempDir dir;
  const RunResult r = run_schemaguard({"lint", "--config", (dir / "nope.toml").string(), fixture("clean.sql")});
  EXPECT_EQ(r.exit_code, 2) << r;
}

TEST(Cli, FailOnErrorIgnoresWarnings) {
  const std::string config = fixture("config_warning_severity.toml");
  const RunResult only_errors =
      run_schemaguard({"lint", "--config", config, "--fail-on", "error", fixture("finding.sql")});
  EXPECT_EQ(only_errors.exit_code, 0) << only_errors;
  const auto findings = findings_in(only_errors.out);
  ASSERT_EQ(findings.size(), 1u) << "the warning is still reported\n" << only_errors;
  EXPECT_EQ(findings[0].severity, "warning");

  const RunResult warnings = run_schemaguard({"lint", "--config", config, "--fail-on", "warning", fixture("finding.sql")});
  EXPECT_EQ(warnings.exit_code, 1) << warnings;
  const RunResult by_default = run_schemaguard({"lint", "--config", config, fixture("finding.sql")});
  EXPECT_EQ(by_default.exit_code, 1) << by_default;
}

TEST(Cli, ConfigIsFoundUpwardFromTheWorkingDirectory) {
  TempDir dir;
  fs::create_directories(dir / "db" / "migrations");
  write_file(dir / "schemaguard.toml", "[severity]\ncreate-index-without-concurrently = \"off\"\n");
  fs::copy_file(fixture("finding.sql"), dir / "db" / "migrations" / "finding.sql");
  RunOptions options;
  options.cwd = (dir / "db").string();
  const RunResult r = run_schemaguard({"lint", "migrations/finding.sql"}, options);
  EXPECT_EQ(r.exit_code, 0) << "the rule is turned off by ../schemaguard.toml\n" << r;
}

// ---------------------------------------------------------------- history and review

TEST(Cli, FilesUnderReviewAreLintedAgainstTheHistoryBeforeThem) {
  const std::string dir = fixture("history");
  // 0002 has a finding, but it is history here: only 0003 is under review, and
  // sessions (created in 0002) is an existing table.
  const RunResult r = run_schemaguard({"lint", "--migrations", dir, "--convention", "plain", dir + "/0003_index_sessions.sql"});
  EXPECT_EQ(r.exit_code, 1) << r;
  const auto findings = findings_in(r.out);
  ASSERT_EQ(findings.size(), 1u) << r;
  EXPECT_NE(findings[0].path.find("0003_index_sessions.sql"), std::string::npos) << r;
}

TEST(Cli, TablesCreatedInTheFilesUnderReviewAreNew) {
  const std::string dir = fixture("history");
  const RunResult r = run_schemaguard({"lint", "--migrations", dir, "--convention", "plain",
                                       dir + "/0005_index_invoices.sql", dir + "/0004_create_invoices.sql"});
  EXPECT_EQ(r.exit_code, 0) << r;
}

TEST(Cli, WithoutFilesEveryMigrationIsLintedAgainstThoseBeforeIt) {
  const std::string dir = fixture("history");
  const RunResult r = run_schemaguard({"lint", "--migrations", dir, "--convention", "plain"});
  EXPECT_EQ(r.exit_code, 1) << r;
  std::multiset<std::string> files;
  for (const auto& f : findings_in(r.out)) files.insert(fs::path(f.path).filename().string());
  EXPECT_EQ(files, (std::multiset<std::string>{"0002_index_accounts.sql", "0003_index_sessions.sql",
                                               "0005_index_invoices.sql"}))
      << r;
}

// ---------------------------------------------------------------- the user's files

TEST(Cli, NeverModifiesTheFilesItReads) {
  TempDir dir;
  const fs::path sql = dir / "0001_index.sql";
  const fs::path broken = dir / "0002_broken.sql";
  fs::copy_file(fixture("finding.sql"), sql);
  fs::copy_file(fixture("syntax_error.sql"), broken);
  // An old mtime, so that a rewrite, even with the same bytes, shows.
  const auto old_time = fs::file_time_type::clock::now() - std::chrono::hours(24 * 365);
  fs::last_write_time(sql, old_time);
  fs::last_write_time(broken, old_time);
  const std::string sql_bytes = read_file(sql), broken_bytes = read_file(broken);

  RunOptions in_dir;
  in_dir.cwd = dir.path().string();
  for (const char* format : {"text", "json", "sarif", "github", "gitlab"}) {
    const RunResult r = run_schemaguard({"lint", "--format", format, sql.string(), broken.string()}, in_dir);
    EXPECT_EQ(r.exit_code, 2) << format << "\n" << r;
  }
  EXPECT_EQ(read_file(sql), sql_bytes);
  EXPECT_EQ(read_file(broken), broken_bytes);
  EXPECT_EQ(fs::last_write_time(sql), old_time);
  EXPECT_EQ(fs::last_write_time(broken), old_time);
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir.path())) names.insert(entry.path().filename().string());
  EXPECT_EQ(names, (std::set<std::string>{"0001_index.sql", "0002_broken.sql"})) << "no new files beside them";
}

// ---------------------------------------------------------------- rules

TEST(Cli, RulesListsEveryRule) {
  const RunResult r = run_schemaguard({"rules"});
  ASSERT_EQ(r.exit_code, 0) << r;
  std::set<std::string> listed;
  std::istringstream lines(r.out);
  std::string line;
  while (std::getline(lines, line)) listed.insert(line.substr(0, line.find(' ')));
  for (const auto* info : rules::catalogue()) EXPECT_TRUE(listed.count(std::string(info->id))) << info->id;
  for (const char* id : {"create-index-without-concurrently", "concurrently-in-transaction", "missing-lock-timeout",
                         "unbatched-update", "unbatched-delete", "drop-column", "drop-table", "rename-column",
                         "rename-table"})
    EXPECT_TRUE(listed.count(id)) << id << "\n" << r;
}

TEST(Cli, ExplainPrintsTheRuleDocumentation) {
  const RunResult r = run_schemaguard({"rules", "--explain", "create-index-without-concurrently"});
  ASSERT_EQ(r.exit_code, 0) << r;
  const analyzer::RuleInfo* info = nullptr;
  for (const auto* candidate : rules::catalogue())
    if (candidate->id == "create-index-without-concurrently") info = candidate;
  ASSERT_NE(info, nullptr);
  for (std::string_view part : {info->doc.summary, info->doc.why, info->doc.bad_sql})
    EXPECT_NE(r.out.find(std::string(part)), std::string::npos) << part << "\n" << r;
  EXPECT_NE(r.out.find("CONCURRENTLY"), std::string::npos) << r;
}

TEST(Cli, ExplainOfAnUnknownRuleExitsTwo) {
  const RunResult r = run_schemaguard({"rules", "--explain", "nope"});
  EXPECT_EQ(r.exit_code, 2) << r;
  EXPECT_NE(r.err.find("nope"), std::string::npos) << r;
}

TEST(Cli, StyleRulesAreOffUntilSelected) {
  TempDir dir;
  const fs::path migration = dir / "0001_events.sql";
  write_file(migration, "CREATE TABLE public.events (id bigserial PRIMARY KEY, payload json);\n");
  const auto style_rules = [](const RunResult& r) {
    std::set<std::string> ids;
    for (const ReportedFinding& f : findings_in(r.out)) ids.insert(f.rule);
    return ids;
  };
  const RunResult by_default = run_schemaguard({"lint", migration.string()});
  EXPECT_EQ(by_default.exit_code, 0) << by_default;
  EXPECT_TRUE(style_rules(by_default).empty()) << by_default;

  const RunResult selected = run_schemaguard({"lint", "--select", "style", migration.string()});
  EXPECT_EQ(selected.exit_code, 1) << selected;
  const std::set<std::string> ids = style_rules(selected);
  EXPECT_TRUE(ids.count("prefer-identity-over-serial")) << selected;
  EXPECT_TRUE(ids.count("prefer-jsonb-over-json")) << selected;
  EXPECT_FALSE(ids.count("prefer-bigint-over-int")) << "bigserial is bigint\n" << selected;

  write_file(dir / "schemaguard.toml", "select = [\"prefer-jsonb-over-json\"]\n");
  RunOptions options;
  options.cwd = dir.path().string();
  const RunResult configured = run_schemaguard({"lint", migration.string()}, options);
  EXPECT_EQ(style_rules(configured), std::set<std::string>{"prefer-jsonb-over-json"}) << configured;
}

// ---------------------------------------------------------------- colour

TEST(Cli, ColourOnlyWhenWanted) {
  const std::vector<std::string> lint = {"lint", fixture("finding.sql")};
  RunOptions tty;
  tty.stdout_is_tty = true;
  const RunResult on_terminal = run_schemaguard(lint, tty);
  EXPECT_EQ(on_terminal.exit_code, 1) << on_terminal;
  EXPECT_TRUE(has_escape_codes(on_terminal.out)) << "a terminal gets colours by default\n" << on_terminal;

  RunOptions no_color = tty;
  no_color.env["NO_COLOR"] = "1";
  const RunResult r1 = run_schemaguard(lint, no_color);
  EXPECT_EQ(r1.exit_code, 1) << r1;
  EXPECT_FALSE(has_escape_codes(r1.all())) << "NO_COLOR is set\n" << r1;

  auto never = lint;
  never.insert(never.begin() + 1, {"--color", "never"});
  const RunResult r2 = run_schemaguard(never, tty);
  EXPECT_FALSE(has_escape_codes(r2.all())) << r2;

  const RunResult piped = run_schemaguard(lint);
  EXPECT_FALSE(has_escape_codes(piped.all())) << "not a terminal\n" << piped;

  auto always = lint;
  always.insert(always.begin() + 1, {"--color", "always"});
  EXPECT_TRUE(has_escape_codes(run_schemaguard(always).out));
}

// ---------------------------------------------------------------- the bundled demo

TEST(Cli, DemoFindsEveryMistakeAndNothingInTheSafeMigrations) {
  const RunResult r = run_schemaguard({"lint", "--config", (kDemo / "schemaguard.toml").string()});
  EXPECT_EQ(r.exit_code, 1) << r;
  std::set<std::string> rules_fired;
  for (const auto& f : findings_in(r.out)) {
    rules_fired.insert(f.rule);
    const std::string file = fs::path(f.path).filename().string();
    for (const char* safe : {"0001_", "0002_", "0003_"})
      EXPECT_NE(file.rfind(safe, 0), 0u) << "the safe migration " << file << " got " << f.rule << " at line " << f.line;
  }
  EXPECT_EQ(rules_fired, (std::set<std::string>{"create-index-without-concurrently", "concurrently-in-transaction",
                                                "missing-lock-timeout", "missing-statement-timeout", "unbatched-update",
                                                "unbatched-delete", "drop-column", "drop-table", "rename-column",
                                                "rename-table"}))
      << r;
}

// ---------------------------------------------------------------- scale

// A migration of about 20 MB and 200,000 statements of the kinds real migrations hold,
// all on tables it creates itself.
std::size_t write_large_migration(const fs::path& path, std::size_t target_bytes) {
  std::ofstream out(path, std::ios::binary);
  out << "SET lock_timeout = '2s';\n";
  std::size_t written = 0, statements = 1;
  for (std::size_t k = 0; written < target_bytes; ++k) {
    const std::string t = "bulk_table_" + std::to_string(k);
    std::ostringstream block;
    block << "CREATE TABLE " << t
          << " (id bigint PRIMARY KEY, account_id bigint NOT NULL, name text NOT NULL, created_at timestamptz);\n"
          << "ALTER TABLE " << t << " ADD COLUMN note text, ADD COLUMN amount numeric(12, 2) DEFAULT 0;\n"
          << "CREATE INDEX " << t << "_account_idx ON " << t << " (account_id, created_at);\n"
          << "INSERT INTO " << t << " (id, account_id, name) VALUES (1, 10, 'first'), (2, 20, 'second');\n"
          << "UPDATE " << t << " SET note = 'migrated by the generator', amount = 1 WHERE id = 1;\n"
          << "COMMENT ON TABLE " << t << " IS 'generated for the large-file test, block " << k << "';\n";
    const std::string text = block.str();
    out << text;
    written += text.size();
    statements += 6;
  }
  return statements;
}

long max_rss_bound_kb() {
  if (const char* env = std::getenv("SCHEMAGUARD_TEST_MAX_RSS_MB")) return std::atol(env) * 1024;
#if defined(__SANITIZE_ADDRESS__)
  return 4096L * 1024;  // ASan's shadow memory and quarantine multiply the footprint
#else
  return 1024L * 1024;
#endif
}

TEST(Cli, TwentyMegabyteMigrationLintsWithBoundedMemory) {
  TempDir dir;
  const fs::path big = dir / "0001_big.sql";
  const std::size_t statements = write_large_migration(big, 20u << 20);
  ASSERT_GE(statements, 150000u);

  RunOptions options;
  options.timeout = std::chrono::seconds(900);
  const RunResult r = run_schemaguard({"lint", big.string()}, options);
  ASSERT_FALSE(r.timed_out) << r;
  EXPECT_EQ(r.exit_code, 0) << r;
  EXPECT_NE(r.out.find("no findings"), std::string::npos) << r;
  EXPECT_GT(r.max_rss_kb, 0);
  EXPECT_LT(r.max_rss_kb, max_rss_bound_kb()) << "peak RSS " << r.max_rss_kb / 1024 << " MB";
}

// Parse threads change when a file is parsed, never what is reported: real histories
// (every migration replayed, the last ones under review) with the parse on the main thread
// and on three workers give the same bytes.
TEST(Cli, ParseThreadsDoNotChangeTheReport) {
  const fs::path corpus = "/work/shared/corpus";
  if (!fs::exists(corpus)) GTEST_SKIP() << "corpus not present: " << corpus;
  for (const char* project : {"crates.io/migrations", "lemmy/migrations"}) {
    const std::string dir = (corpus / project).string();
    const RunResult main_thread = run_schemaguard({"lint", "--migrations", dir, "--format", "json", "-j", "1"});
    const RunResult workers = run_schemaguard({"lint", "--migrations", dir, "--format", "json", "-j", "3"});
    EXPECT_TRUE(main_thread.exit_code == 1 || main_thread.exit_code == 2) << project << "\n" << main_thread;
    EXPECT_GT(main_thread.out.size(), 10000u) << project;
    EXPECT_EQ(workers.exit_code, main_thread.exit_code) << project;
    EXPECT_TRUE(workers.out == main_thread.out) << project << ": the JSON reports differ";
    EXPECT_EQ(workers.err, main_thread.err) << project;
  }
}

}  // namespace
