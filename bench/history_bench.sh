#!/usr/bin/env bash
# Pre-commit latency with a long history: N migration files replayed as history, the last
# 3 under review, for each history size. Two shapes of file, both from bench/gen_corpus.py:
#   typical  10 statements (about 1.4 KB) a file: the mean size of an up migration in
#            ../shared/corpus (1,129 files, 1.37 KB on average, median 150 bytes)
#   heavy    53 statements (about 5 KB) a file: a stress case, 4x the corpus mean
# Prints the median wall and CPU time and the peak RSS of RUNS runs, plus the process
# start-up alone (`schemaguard --version`) and, for 1k files, libpg_query's bare parse of
# the same text (bench/parse_floor.c). With JSON=FILE also writes the rows there.
#   bash bench/history_bench.sh [BINARY]   (SHAPES="typical:1000,5000,20000 heavy:1000,5000" RUNS=5)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
binary="${1:-build-release/schemaguard}"
floor="${FLOOR:-$(dirname "$binary")/parse_floor}"  # built by bench/run.sh; its row is left out without it
shapes="${SHAPES:-typical:1000,5000,20000 heavy:1000,5000}"
runs="${RUNS:-5}"
json="${JSON:-}"
[ -x "$binary" ] || { echo "no schemaguard binary at $binary (build Release first: bash .ci/demo)" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rows="$work/rows.jsonl"
: > "$rows"

# Wall, CPU (user + sys) and peak RSS of each run, from wait4 (the numbers /usr/bin/time -v
# prints); the medians and the largest RSS go to stdout and to $rows.
time_runs() {  # LABEL ARGV...
  python3 - "$runs" "$rows" "$@" <<'PY'
import json, os, statistics, subprocess, sys, time
runs, rows, label, argv = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
single_thread = "-j" in argv and argv[argv.index("-j") + 1] == "1"
floor = os.path.basename(argv[0]) == "parse_floor"
wall, cpu, rss = [], [], []
for k in range(runs + 1):  # the first run warms the page cache and is not counted
    t = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - t
    code = os.waitstatus_to_exitcode(status)
    if code > 2 or code < 0:
        sys.exit("%s: schemaguard failed with exit %d" % (label, code))
    if k:
        wall.append(elapsed); cpu.append(usage.ru_utime + usage.ru_stime); rss.append(usage.ru_maxrss / 1024)
row = {"case": label, "single_thread": single_thread, "floor": floor, "wall": statistics.median(wall), "cpu": statistics.median(cpu),
       "wall_min": min(wall), "wall_max": max(wall), "rss_mb": max(rss), "runs": runs}
print("%-44s median %.3f s wall (min %.3f, max %.3f), %.3f s CPU, peak RSS %.0f MB" %
      (label + (" [-j 1]" if single_thread else " [bare parse]" if floor else ""), row["wall"], row["wall_min"], row["wall_max"], row["cpu"], row["rss_mb"]))
with open(rows, "a") as f:
    f.write(json.dumps(row) + "\n")
PY
}

time_runs "start-up alone (schemaguard --version)" "$binary" --version

for shape_sizes in $shapes; do
  shape="${shape_sizes%%:*}"
  case "$shape" in
    typical) per_file=10 ;;
    heavy) per_file=53 ;;
    *) echo "unknown shape $shape" >&2; exit 2 ;;
  esac
  for files in ${shape_sizes#*:}; do
    files="${files//,/ }"
    for n in $files; do
      dir="$work/$shape-$n"
      mkdir -p "$dir"
      python3 bench/gen_corpus.py --statements $((n * per_file)) --out "$work/all.sql"
      python3 - "$work/all.sql" "$dir" "$n" <<'PY'
import os, sys
src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
stmts = [s for s in open(src).read().split(";\n") if s.strip()]
per = len(stmts) // n
for i in range(n):
    chunk = stmts[i * per:(i + 1) * per] if i < n - 1 else stmts[i * per:]
    with open(os.path.join(out, "%06d_migration.sql" % (i + 1)), "w") as f:
        f.write(";\n".join(chunk) + ";\n")
PY
      rm -f "$work/all.sql"
      mb=$(du -sb "$dir" | awk '{ printf "%.1f", $1 / 1e6 }')
      review=("$dir/$(printf '%06d' $((n - 2)))_migration.sql" "$dir/$(printf '%06d' $((n - 1)))_migration.sql"
              "$dir/$(printf '%06d' "$n")_migration.sql")
      time_runs "history $n files ($shape, $per_file stmts/file, $mb MB)" \
        "$binary" lint --migrations "$dir" --convention plain "${review[@]}"
      # The default parses on worker threads; the 1k histories also with the parse on the main thread.
      if [ "$n" = 1000 ]; then
        time_runs "history $n files ($shape, $per_file stmts/file, $mb MB)" \
          "$binary" lint -j 1 --migrations "$dir" --convention plain "${review[@]}"
        # The floor: libpg_query's parse of the same text, every file in one.
        if [ -x "$floor" ]; then
          cat "$dir"/*.sql > "$work/history.sql"
          time_runs "history $n files ($shape, $per_file stmts/file, $mb MB)" "$floor" "$work/history.sql"
          rm -f "$work/history.sql"
        fi
      fi
      rm -rf "$dir"
    done
  done
done
if [ -n "$json" ]; then cp "$rows" "$json"; fi
