#!/usr/bin/env bash
# schemaguard scan against `clang++-16 -fsyntax-only` over the same translation units at
# the same parallelism, then an unchanged rerun (served by the cache).
#   bench/scan_bench.sh [SCHEMAGUARD_BINARY] [BUILD_DIR] [JOBS] [RUNS]
# Without BUILD_DIR: testdata/app (configured into a temporary directory), then a generated
# project of UNITS (default 200) translation units (bench/gen_cpp_project.py).
# With JSON=FILE the rows are also written there (one JSON object a line).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build-release/schemaguard}
build=${2:-}
jobs=${3:-$(nproc)}
runs=${4:-3}
units_wanted=${UNITS:-200}
json=${JSON:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
: > "$tmp/rows.jsonl"
if [[ -z "$build" ]]; then
  cmake -S "$root/testdata/app" -B "$tmp/app-build" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
  python3 "$root/bench/gen_cpp_project.py" --units "$units_wanted" --out "$tmp/gen" >/dev/null
  projects=("testdata/app:$tmp/app-build" "generated $units_wanted units:$tmp/gen")
else
  projects=("$build:$build")
fi

bench_project() {  # LABEL BUILD_DIR
local label=$1 build=$2
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

# Wall-clock and CPU (user + sys, children included) seconds and the peak RSS in MB (of
# the largest process) of the run with the lowest wall time: "WALL CPU RSS". On a shared
# machine wall time also counts waiting.
time_it() {
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$@" >/dev/null 2>&1 || true
    awk '{ printf "%s %.3f %.0f\n", $1, $2 + $3, $4 / 1024 }' "$tmp/time"
  done | sort -g | head -1
}
syntax_only() { tr '\n' '\0' < "$tmp/syntax_only.txt" | xargs -0 -P "$jobs" -I{} sh -c '{}'; }
full_scan() { "$bin" scan -p "$build" -j "$jobs" --no-cache; }
cached_scan() { "$bin" scan -p "$build" -j "$jobs"; }
export -f syntax_only full_scan cached_scan
export tmp jobs bin build

# Other work on the machine inflates wall time (and, less, CPU time): print the load.
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
read -r w_syntax c_syntax m_syntax < <(time_it bash -c syntax_only)
read -r w_full c_full m_full < <(time_it bash -c full_scan)
cached_scan >/dev/null 2>&1  # fill the cache
read -r w_cached c_cached m_cached < <(time_it bash -c cached_scan)
ratio() { echo "$1 / $2" | bc -l; }
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
printf '%s: units: %s, jobs: %s, best of %s runs (wall, cpu, peak RSS); load average %s before, %s after\n' \
  "$label" "$units" "$jobs" "$runs" "$load_before" "$load_after"
printf 'clang++-16 -fsyntax-only : %7.3f s wall %7.3f s cpu %5s MB\n' "$w_syntax" "$c_syntax" "$m_syntax"
printf 'schemaguard scan (full)  : %7.3f s wall %7.3f s cpu %5s MB  (%.2fx / %.2fx syntax-only; target <= 1.2x)\n' \
  "$w_full" "$c_full" "$m_full" "$(ratio "$w_full" "$w_syntax")" "$(ratio "$c_full" "$c_syntax")"
printf 'schemaguard scan (cached): %7.3f s wall %7.3f s cpu %5s MB  (%.1f%% of the full scan wall time; target < 5%%)\n' \
  "$w_cached" "$c_cached" "$m_cached" "$(echo "100 * $w_cached / $w_full" | bc -l)"
for tool in syntax full cached; do
  w=w_$tool c=c_$tool m=m_$tool
  printf '{"project": "%s", "units": %s, "jobs": %s, "tool": "%s", "wall": %s, "cpu": %s, "rss_mb": %s, "load": "%s"}\n' \
    "$label" "$units" "$jobs" "$tool" "${!w}" "${!c}" "${!m}" "$load_before" >> "$tmp/rows.jsonl"
done
}

for project in "${projects[@]}"; do
  bench_project "${project%%:*}" "${project#*:}"
done
if [[ -n "$json" ]]; then cp "$tmp/rows.jsonl" "$json"; fi
