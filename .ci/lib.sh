# Helpers shared by the .ci scripts (sourced, not run).

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  else
    sudo "$@"
  fi
}

# Installs the Debian packages among "$@" that are not installed yet; refreshes the
# package lists only when something is missing. An entry PACKAGE:COMMAND also counts
# as present when COMMAND is on PATH: a nodejs from another source bundles npm and
# conflicts with Debian's npm package.
install_missing_packages() {
  local missing=()
  local entry pkg command
  for entry in "$@"; do
    pkg="${entry%%:*}"
    command="${entry#*:}"
    if dpkg -s "$pkg" >/dev/null 2>&1; then
      continue
    fi
    if [ "$command" != "$entry" ] && command -v "$command" >/dev/null 2>&1; then
      continue
    fi
    missing+=("$pkg")
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    return 0
  fi
  echo "installing: ${missing[*]}" >&2
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# What building schemaguard needs.
# postgresql-server-dev-15: the headers of the node structs in libpg_query's raw parse tree.
# libmimalloc-dev: the executable's allocator (see CMakeLists.txt).
BUILD_PACKAGES=(build-essential cmake pkg-config libpg-query-dev postgresql-server-dev-15 libsimdjson-dev
  nlohmann-json3-dev libcli11-dev libtomlplusplus-dev libprotobuf-c-dev libpq-dev libmimalloc-dev)
# cppscan (C++ source scanning) is built with Clang LibTooling from LLVM 16.
if [ -d "$(dirname "${BASH_SOURCE[0]}")/../cppscan" ]; then
  BUILD_PACKAGES+=(libclang-cpp16-dev libclang-16-dev llvm-16-dev clang-16)
  # The demo (`.ci/demo`) configures its small libpqxx service for `schemaguard check`.
  DEMO_PACKAGES=(libpqxx-dev libpq-dev)
  # The scan tests compile testdata/app, a small libpqxx/libpq service.
  TEST_PACKAGES_SCAN=(libpqxx-dev libpq-dev)
fi
# What the test suite needs on top (GoogleTest, a PostgreSQL server to check lock claims
# against, python3 and npm for the helpers).
TEST_PACKAGES=(libgtest-dev postgresql-15 python3:python3 nodejs:node npm:npm ${TEST_PACKAGES_SCAN[@]+"${TEST_PACKAGES_SCAN[@]}"})
# What bench/all.sh needs on top of the build (squawk comes from npm; GNU time for peak RSS).
BENCH_PACKAGES=(python3:python3 nodejs:node npm:npm time:/usr/bin/time ${TEST_PACKAGES_SCAN[@]+"${TEST_PACKAGES_SCAN[@]}"})
