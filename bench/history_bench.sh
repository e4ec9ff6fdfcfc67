#!/usr/bin/env bash
# Pre-commit latency with a long history: N migration files (about 53 statements each,
# from bench/gen_corpus.py) replayed as history, the last 3 under review. Prints the
# median wall time of RUNS runs for each history size.
#   bash bench/history_bench.sh [BINARY]      (SIZES="1000 5000" RUNS=5 by default)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
binary="${1:-build-release/schemaguard}"
sizes="${SIZES:-1000 5000}"
runs="${RUNS:-5}"
[ -x "$binary" ] || { echo "no schemaguard binary at $binary (build Release first: bash .ci/demo)" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for files in $sizes; do
  dir="$work/h$files"
  mkdir -p "$dir"
  python3 bench/gen_corpus.py --statements $((files * 53)) --out "$work/all.sql"
  python3 - "$work/all.sql" "$dir" "$files" <<'PY'
import os, sys
src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
stmts = [s for s in open(src).read().split(";\n") if s.strip()]
per = len(stmts) // n
for i in range(n):
    chunk = stmts[i * per:(i + 1) * per] if i < n - 1 else stmts[i * per:]
    with open(os.path.join(out, "%06d_migration.sql" % (i + 1)), "w") as f:
        f.write(";\n".join(chunk) + ";\n")
PY
  review=("$dir/$(printf '%06d' $((files - 2)))_migration.sql" "$dir/$(printf '%06d' $((files - 1)))_migration.sql"
          "$dir/$(printf '%06d' "$files")_migration.sql")
  python3 - "$binary" "$dir" "$runs" "$files" "${review[@]}" <<'PY'
import statistics, subprocess, sys, time, resource
binary, d, runs, files, review = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5:]
times = []
for _ in range(runs):
    t = time.perf_counter()
    r = subprocess.run([binary, "lint", "--migrations", d, "--convention", "plain", *review],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times.append(time.perf_counter() - t)
    if r.returncode > 2:
        sys.exit("schemaguard crashed: exit %d" % r.returncode)
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
print("history %6s files: median %.3f s (min %.3f, max %.3f), peak RSS %d MB" %
      (files, statistics.median(times), min(times), max(times), rss))
PY
done
