#!/usr/bin/env bash
# schemaguard scan against `clang++-16 -fsyntax-only` over the same translation units at
# the same parallelism, then an unchanged rerun (served by the cache).
#   bench/scan_bench.sh [SCHEMAGUARD_BINARY] [BUILD_DIR] [JOBS] [RUNS]
# Without BUILD_DIR, testdata/app is configured into a temporary directory.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build-release/schemaguard}
build=${2:-}
jobs=${3:-$(nproc)}
runs=${4:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [[ -z "$build" ]]; then
  build=$tmp/app-build
  cmake -S "$root/testdata/app" -B "$build" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
fi
db=$build/compile_commands.json
units=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$db")

# One shell command per unit: the compile command with clang++-16 -fsyntax-only.
python3 - "$db" > "$tmp/syntax_only.txt" <<'PY'
import json, shlex, sys
for entry in json.load(open(sys.argv[1])):
    args = entry.get("arguments") or shlex.split(entry["command"])
    out, skip = ["clang++-16"], False
    for a in args[1:]:
        if skip: skip = False; continue
        if a == "-o": skip = True; continue
        if a == "-c": continue
        out.append(a)
    out += ["-fsyntax-only", "-w"]
    print("cd " + shlex.quote(entry["directory"]) + " && " + " ".join(shlex.quote(a) for a in out))
PY

# Wall-clock and CPU (user + sys, children included) seconds of the run with the
# lowest wall time: "WALL CPU". On a shared machine wall time also counts waiting.
time_it() {
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %U %S' -o "$tmp/time" "$@" >/dev/null 2>&1 || true
    awk '{ printf "%s %.3f\n", $1, $2 + $3 }' "$tmp/time"
  done | sort -g | head -1
}
syntax_only() { tr '\n' '\0' < "$tmp/syntax_only.txt" | xargs -0 -P "$jobs" -I{} sh -c '{}'; }
full_scan() { "$bin" scan -p "$build" -j "$jobs" --no-cache; }
cached_scan() { "$bin" scan -p "$build" -j "$jobs"; }
export -f syntax_only full_scan cached_scan
export tmp jobs bin build

read -r w_syntax c_syntax < <(time_it bash -c syntax_only)
read -r w_full c_full < <(time_it bash -c full_scan)
cached_scan >/dev/null 2>&1  # fill the cache
read -r w_cached c_cached < <(time_it bash -c cached_scan)
ratio() { echo "$1 / $2" | bc -l; }
printf 'units: %s, jobs: %s, best of %s runs (wall, cpu)\n' "$units" "$jobs" "$runs"
printf 'clang++-16 -fsyntax-only : %7.3f s wall %7.3f s cpu\n' "$w_syntax" "$c_syntax"
printf 'schemaguard scan (full)  : %7.3f s wall %7.3f s cpu  (%.2fx / %.2fx syntax-only; target <= 1.2x)\n' \
  "$w_full" "$c_full" "$(ratio "$w_full" "$w_syntax")" "$(ratio "$c_full" "$c_syntax")"
printf 'schemaguard scan (cached): %7.3f s wall %7.3f s cpu  (%.1f%% of the full scan wall time; target < 5%%)\n' \
  "$w_cached" "$c_cached" "$(echo "100 * $w_cached / $w_full" | bc -l)"
