#!/usr/bin/env bash
# Every benchmark of the performance issue in one command, on a Release build, and
# bench/RESULTS.md rewritten with one table of every case and its target:
#   lint throughput vs squawk and the bare libpg_query parse   (bench/run.sh)
#   pre-commit latency with 1k / 5k / 20k history files        (bench/history_bench.sh)
#   scan vs clang++-16 -fsyntax-only, full and cached           (bench/scan_bench.sh)
#   bash bench/all.sh        (BUILD=build-release RUNS=5 UNITS=200 SCAN_RUNS=2; NOTES=file.md
#                             appends closing notes under the table; OUT=dir keeps the rows)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source .ci/lib.sh
build="${BUILD:-build-release}"
install_missing_packages "${BUILD_PACKAGES[@]}" "${BENCH_PACKAGES[@]}"

# OUT=DIR keeps the measured rows there, to rewrite RESULTS.md later with new notes:
#   python3 bench/report.py --lint DIR/lint.json --history DIR/history.jsonl --scan DIR/scan.jsonl ...
if [ -n "${OUT:-}" ]; then
  out="$OUT"
  mkdir -p "$out"
else
  out="$(mktemp -d)"
  trap 'rm -rf "$out"' EXIT
fi
load="$(cut -d' ' -f1-3 /proc/loadavg | sed 's| | / |g')"
echo "$load" > "$out/load"

echo "== lint throughput" >&2
BUILD="$build" RESULTS="$out/lint.md" LINT_JSON="$out/lint.json" bash bench/run.sh
echo "== pre-commit latency" >&2
JSON="$out/history.jsonl" bash bench/history_bench.sh "$build/schemaguard"
echo "== scan" >&2
JSON="$out/scan.jsonl" UNITS="${UNITS:-200}" bash bench/scan_bench.sh "$(pwd)/$build/schemaguard" "" "$(nproc)" \
  "${SCAN_RUNS:-2}"

python3 bench/report.py --lint "$out/lint.json" --history "$out/history.jsonl" --scan "$out/scan.jsonl" \
  --schemaguard "$build/schemaguard" --results bench/RESULTS.md --load "$load" --repo . ${NOTES:+--notes "$NOTES"}
