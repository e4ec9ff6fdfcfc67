#include "pgtrace/cluster.h"

#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include <libpq-fe.h>

namespace pgtrace {
namespace fs = std::filesystem;

namespace {

struct RunAs {
  bool switch_user = false;
  uid_t uid = 0;
  gid_t gid = 0;
};

// Root runs the server as `postgres`; anyone else runs it as themselves.
bool server_user(RunAs& as, std::string& error) {
  if (::geteuid() != 0) return true;
  const passwd* pw = ::getpwnam("postgres");
  if (!pw) {
    error = "running as root, and there is no unprivileged user `postgres` to run the server as";
    return false;
  }
  as = {true, pw->pw_uid, pw->pw_gid};
  return true;
}

// In a forked child: drop to the server user, send output to log, exec.
[[noreturn]] void exec_child(const std::vector<std::string>& argv, const RunAs& as, const std::string& log,
                             bool die_with_parent) {
  if (as.switch_user && (::setgid(as.gid) != 0 || ::setuid(as.uid) != 0)) ::_exit(126);
  if (die_with_parent) ::prctl(PR_SET_PDEATHSIG, SIGINT);  // after setuid, which clears it
  const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  if (fd >= 0) {
    ::dup2(fd, STDOUT_FILENO);
    ::dup2(fd, STDERR_FILENO);
    ::close(fd);
  }
  const int null_in = ::open("/dev/null", O_RDONLY);
  if (null_in >= 0) ::dup2(null_in, STDIN_FILENO);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  ::execv(args[0], args.data());
  ::_exit(127);
}

pid_t spawn(const std::vector<std::string>& argv, const RunAs& as, const std::string& log, bool die_with_parent) {
  const pid_t pid = ::fork();
  if (pid == 0) exec_child(argv, as, log, die_with_parent);
  return pid;
}

int wait_exit(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string tail_of(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  if (s.size() > 1500) s = "..." + s.substr(s.size() - 1500);
  while (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

}  // namespace

std::unique_ptr<Cluster> Cluster::start(const std::string& bin_dir, std::string& error) {
  RunAs as;
  if (!server_user(as, error)) return nullptr;
  for (const char* tool : {"initdb", "postgres"})
    if (::access((fs::path(bin_dir) / tool).c_str(), X_OK) != 0) {
      error = "no executable " + (fs::path(bin_dir) / tool).string() + " (give the server binaries with --pg-bin DIR)";
      return nullptr;
    }

  std::unique_ptr<Cluster> cluster(new Cluster());
  // A directory per process: the socket lives in it, so parallel runs never collide.
  std::string pattern = (fs::temp_directory_path() / "schemaguard-pg-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) {
    error = "cannot create a temporary directory for the cluster";
    return nullptr;
  }
  cluster->dir_ = pattern;
  if (as.switch_user && ::chown(pattern.c_str(), as.uid, as.gid) != 0) {
    error = "cannot hand " + pattern + " to user postgres";
    return nullptr;
  }
  const std::string data = pattern + "/data", log = pattern + "/server.log";

  const pid_t initdb = spawn({(fs::path(bin_dir) / "initdb").string(), "-D", data, "-U", "postgres", "-A", "trust",
                              "--no-sync", "-E", "UTF8", "--locale=C"},
                             as, log, false);
  if (initdb < 0 || wait_exit(initdb) != 0) {
    error = "initdb failed:\n" + tail_of(log);
    return nullptr;
  }
  cluster->server_ = spawn({(fs::path(bin_dir) / "postgres").string(), "-D", data, "-c", "listen_addresses=",
                            "-c", "unix_socket_directories=" + pattern, "-c", "fsync=off", "-c",
                            "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "autovacuum=off",
                            "-c", "max_connections=200",
                            // The model cannot know a session's zone unless the migration sets it,
                            // and timestamp <-> timestamptz rewrites in any zone but UTC.
                            "-c", "TimeZone=America/New_York"},
                           as, log, true);
  if (cluster->server_ < 0) {
    error = "cannot start the server";
    return nullptr;
  }
  // Ready when it accepts connections; give up after 30 s or when the server exits.
  const std::string info = cluster->conninfo();
  for (int attempt = 0; attempt < 300; ++attempt) {
    if (PQping(info.c_str()) == PQPING_OK) return cluster;
    int status = 0;
    if (::waitpid(cluster->server_, &status, WNOHANG) == cluster->server_) {
      cluster->server_ = -1;
      error = "the server exited at start:\n" + tail_of(log);
      return nullptr;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  error = "the server did not accept connections within 30 s:\n" + tail_of(log);
  return nullptr;
}

Cluster::~Cluster() {
  if (server_ > 0) {
    ::kill(server_, SIGQUIT);  // immediate shutdown: the data is thrown away anyway
    wait_exit(server_);
  }
  if (!dir_.empty()) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
}

std::string Cluster::conninfo(const std::string& database) const {
  return "host=" + dir_ + " port=5432 user=postgres dbname=" + database + " connect_timeout=10";
}

std::string find_server_binaries(const std::string& explicit_dir) {
  if (!explicit_dir.empty()) return explicit_dir;
  if (const char* env = std::getenv("SCHEMAGUARD_PG_BIN"); env && *env) return env;
  std::error_code ec;
  int best = -1;
  std::string best_dir;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    const std::string name = entry.path().filename().string();
    const int version = std::atoi(name.c_str());
    const fs::path bin = entry.path() / "bin";
    if (version > best && ::access((bin / "postgres").c_str(), X_OK) == 0) {
      best = version;
      best_dir = bin.string();
    }
  }
  if (!best_dir.empty()) return best_dir;
  if (const char* path = std::getenv("PATH")) {
    std::stringstream dirs(path);
    std::string dir;
    while (std::getline(dirs, dir, ':'))
      if (!dir.empty() && ::access((fs::path(dir) / "postgres").c_str(), X_OK) == 0) return dir;
  }
  return "";
}

}  // namespace pgtrace
