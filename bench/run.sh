#!/usr/bin/env bash
# Lint throughput: schemaguard vs squawk vs the bare libpg_query parse, on a generated
# 20,000-statement migration and on the shared corpus. Writes bench/RESULTS.md.
#   bash bench/run.sh            (RUNS=N for more rounds; CORPUS=DIR for another corpus)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source .ci/lib.sh

runs="${RUNS:-5}"
corpus="${CORPUS:-../shared/corpus}"
build="${BUILD:-build-release}"
results="${RESULTS:-bench/RESULTS.md}"

install_missing_packages "${BUILD_PACKAGES[@]}" python3:python3 nodejs:node npm:npm
# A build directory of its own keeps its settings (tests on or off); a new one skips the tests.
[ -f "$build/CMakeCache.txt" ] || cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DSCHEMAGUARD_TESTS=OFF >/dev/null
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j"$(nproc)" --target schemaguard
cc -O2 -Wall -Wextra -o "$build/parse_floor" bench/parse_floor.c -lpg_query

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 bench/gen_corpus.py --statements 20000 --out "$work/bench_20k.sql"
python3 bench/gen_corpus.py --statements 2000 --out "$work/bench_2k.sql"

# squawk-cli ships its native binary in a platform package; time that binary, not the
# node launcher in front of it.
npm install --prefix "$work/npm" --no-audit --no-fund --loglevel=error squawk-cli >/dev/null
squawk="$(find "$work/npm/node_modules/@squawk-cli" -type f -name squawk -perm -u+x 2>/dev/null | head -n1)"
squawk="${squawk:-$work/npm/node_modules/.bin/squawk}"

python3 bench/measure.py --schemaguard "$build/schemaguard" --squawk "$squawk" \
  --floor "$build/parse_floor" --file "$work/bench_20k.sql" --small-file "$work/bench_2k.sql" --corpus "$corpus" \
  --runs "$runs" --results "$results" --repo . ${LINT_JSON:+--json "$LINT_JSON"}
