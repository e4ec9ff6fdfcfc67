#!/usr/bin/env bash
# Lint throughput: schemaguard vs squawk vs the bare libpg_query parse, on a generated
# 20,000-statement migration and on the shared corpus. Writes bench/RESULTS.md.
#   bash bench/run.sh            (RUNS=N for more rounds; CORPUS=DIR for another corpus)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source .ci/lib.sh

runs="${RUNS:-5}"
corpus="${CORPUS:-../shared/corpus}"

install_missing_packages "${BUILD_PACKAGES[@]}" python3:python3 nodejs:node npm:npm
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DSCHEMAGUARD_TESTS=OFF >/dev/null
cmake --build build-release -j"$(nproc)" --target schemaguard
cc -O2 -Wall -Wextra -o build-release/parse_floor bench/parse_floor.c -lpg_query

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 bench/gen_corpus.py --statements 20000 --out "$work/bench_20k.sql"
python3 bench/gen_corpus.py --statements 2000 --out "$work/bench_2k.sql"

# squawk-cli ships its native binary in a platform package; time that binary, not the
# node launcher in front of it.
npm install --prefix "$work/npm" --no-audit --no-fund --loglevel=error squawk-cli >/dev/null
squawk="$(find "$work/npm/node_modules/@squawk-cli" -type f -name squawk -perm -u+x 2>/dev/null | head -n1)"
squawk="${squawk:-$work/npm/node_modules/.bin/squawk}"

python3 bench/measure.py --schemaguard build-release/schemaguard --squawk "$squawk" \
  --floor build-release/parse_floor --file "$work/bench_20k.sql" --small-file "$work/bench_2k.sql" --corpus "$corpus" \
  --runs "$runs" --results bench/RESULTS.md --repo .
