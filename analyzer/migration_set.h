// A project's migrations, in the order its migration tool applies them.
//
// Supported layouts (convention "auto" detects them):
//   diesel         DIR/<version>_<name>/up.sql (down.sql ignored); version = the directory name
//                  before the first '_' with every '-' removed. Versions of 14 digits or more are
//                  timestamps and compare by time (their first 14 digits, then the rest as a
//                  number), so 20170102000000_x, 2017-08-31-120000_x and 2026-07-30-140000-0000_x
//                  sort correctly; shorter versions compare as numbers and come first.
//                  metadata.toml with run_in_transaction = false opts out of the transaction.
//                  Files directly in DIR (README.md, hand-run .sql scripts) are not migrations.
//   flyway         V<version>__<name>.sql anywhere under DIR, version parts split on '.' or '_' and
//                  compared as numbers (V1_2 < V1_10; missing parts count as 0); R__<name>.sql
//                  (repeatable) after all versioned ones, in name order; U (undo) files ignored
//   golang-migrate DIR/<version>_<name>.up.sql (.down.sql ignored)
//   sqlx           DIR/<version>_<name>.sql (or .up.sql, .down.sql ignored); a first line
//                  `-- no-transaction` opts out
//   popx           DIR/<version>_<name>[.<dialect>][.autocommit].up.sql (ory/pop, ory/kratos):
//                  for each version the .postgres file wins over the dialect-less one; .mysql,
//                  .sqlite3 and .cockroach files are ignored; .autocommit. files opt out
//   temporal       DIR/v<MAJOR>.<MINOR>/*.sql (temporal-sql-tool's versioned/ directory):
//                  directories in version order (v1.2 < v1.10), files within one directory in
//                  name order. The tool's manifest.json is not read, so a file missing from its
//                  manifest is still listed and a manifest's own file order is not followed.
//   plain          every *.sql file under DIR and its subdirectories except down migrations
//                  (down.sql, *.down.sql), in natural order of the relative path: runs of digits
//                  compare as numbers (2_x < 10_x, v1.2/ < v1.10/). Pointed at a project root it
//                  also picks up SQL that is not a migration (e.g. lemmy's
//                  crates/diesel_utils/replaceable_schema/*.sql): point it at the migrations
//                  directory itself.
// Numeric versions compare as numbers of any length (2_x before 10_x; 20-digit popx versions
// do not overflow). Equal versions break ties on the path, so the order is deterministic.
// Names starting with '.' are skipped everywhere; files that are not migrations of the
// convention (README.md, metadata.toml, LICENSE) are ignored.
//
// Transactions: wrapped_in_transaction is options.wrap_in_transaction when set, else the
// convention's default: diesel, sqlx, popx, flyway, golang-migrate wrap each file (golang-migrate
// sends a multi-statement file as one query, which PostgreSQL runs as one implicit transaction);
// temporal (statement by statement in autocommit) and plain do not. A per-file opt-out
// (metadata.toml, -- no-transaction, .autocommit.) always wins.
//
// Auto-detection, first match wins:
//   1. diesel          an immediate subdirectory holds up.sql
//   2. temporal        an immediate subdirectory named v<N>.<N> holds a .sql file
//   3. popx            a file in DIR is named <digits>_<name>.<postgres|mysql|sqlite3|cockroach|
//                      autocommit>.(up|down).sql
//   4. flyway          a file under DIR is named V<digits>...__<name>.sql or R__<name>.sql
//   5. golang-migrate  a file in DIR is named <digits>_<name>.up.sql
//   6. sqlx            a file in DIR is named <digits>_<name>.sql
//   7. plain           otherwise
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sqlparse/source.h"

namespace analyzer {

struct Migration {
  std::string path;     // the SQL file (DIR joined with its relative path)
  std::string version;  // as written in the name
  bool wrapped_in_transaction = true;
};

struct MigrationSetOptions {
  std::string convention = "auto";
  // Whether the tool wraps each file in a transaction; unset = the convention's default.
  std::optional<bool> wrap_in_transaction;
};

// Lists the migrations under `dir` in apply order. Errors (missing directory, unknown
// convention) go to `error` and return nullopt.
std::optional<std::vector<Migration>> discover_migrations(const std::string& dir, const MigrationSetOptions& options,
                                                         sqlparse::InputError& error);

// Known convention names ("auto" first), for validation and help text.
const std::vector<std::string>& convention_names();

// The convention "auto" resolves to for `dir` (never "auto"); "plain" when nothing matches
// or the directory cannot be read.
std::string detect_convention(const std::string& dir);

}  // namespace analyzer
