// A project's migrations, in the order its migration tool applies them.
//
// Supported layouts (convention "auto" detects them):
//   diesel         DIR/<version>_<name>/up.sql (down.sql ignored); version = digits of the
//                  name before the first '_', so 2017-08-31-120000_x and 20170831120000_x compare
//                  correctly; metadata.toml with run_in_transaction = false opts out of the transaction
//   flyway         DIR/V<version>__<name>.sql, version parts split on '.' or '_' (V1_2 < V1_10);
//                  R__ (repeatable) files after all versioned ones; U (undo) files ignored
//   golang-migrate DIR/<version>_<name>.up.sql (.down.sql ignored)
//   sqlx           DIR/<version>_<name>.sql (or .up.sql); a first line `-- no-transaction` opts out
//   popx           DIR/<version>_<name>[.postgres][.autocommit].up.sql (ory/pop, ory/kratos)
//   plain          every *.sql file under DIR, ordered by the leading number of its name
// Numeric versions compare as numbers, not as text (2_x before 10_x); timestamps of
// different widths (YYYYMMDDHHMMSS, YYYY-MM-DD-HHMMSS, with a -NNNN suffix) compare by time.
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

// Known convention names, for validation and help text.
const std::vector<std::string>& convention_names();

}  // namespace analyzer
