// A throwaway PostgreSQL cluster: initdb into a fresh temporary directory, the server on
// a unix socket inside it (no TCP), fsync off. Run as the unprivileged user `postgres`
// when the process is root (the server refuses root). The server dies with this process
// (parent-death signal) and is stopped, and the directory removed, on destruction.
#pragma once

#include <memory>
#include <string>
#include <sys/types.h>

namespace pgtrace {

class Cluster {
 public:
  // Starts a cluster from the server binaries in bin_dir (initdb, postgres). On failure
  // returns nullptr and explains why in error.
  static std::unique_ptr<Cluster> start(const std::string& bin_dir, std::string& error);
  ~Cluster();
  Cluster(const Cluster&) = delete;
  Cluster& operator=(const Cluster&) = delete;

  // libpq connection string for a database of this cluster (superuser `postgres`).
  std::string conninfo(const std::string& database = "postgres") const;
  const std::string& directory() const { return dir_; }

 private:
  Cluster() = default;
  std::string dir_;
  pid_t server_ = -1;
};

// The directory holding PostgreSQL's server binaries: `explicit_dir` when given, else
// $SCHEMAGUARD_PG_BIN, else the newest /usr/lib/postgresql/<N>/bin, else the directory of
// `postgres` on PATH. Empty when none is found.
std::string find_server_binaries(const std::string& explicit_dir);

}  // namespace pgtrace
