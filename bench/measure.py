#!/usr/bin/env python3
"""Times schemaguard against squawk and the bare libpg_query parse on identical input,
alternating the tools run by run, and writes bench/RESULTS.md. Called by bench/run.sh."""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path


def run_once(argv, cwd):
    """Wall time in seconds, exit status, peak RSS in MB and CPU seconds (user + sys) of one
    run; output discarded."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, proc.returncode, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def measure(cases, runs, cwd):
    """cases: {(case, tool): argv}. One warm-up round, then `runs` rounds in which every
    command runs once, in turn, so that drift in machine load hits all of them alike."""
    for argv in cases.values():
        run_once(argv, cwd)
    samples = {key: [] for key in cases}
    for _ in range(runs):
        for key, argv in cases.items():
            samples[key].append(run_once(argv, cwd))
    results = {}
    for key, runs_of_key in samples.items():
        times = [t for t, _, _, _ in runs_of_key]
        results[key] = {
            "median": statistics.median(times),
            "min": min(times),
            "max": max(times),
            "rss": max(r for _, _, r, _ in runs_of_key),
            "cpu": statistics.median(c for _, _, _, c in runs_of_key),
            "exit": sorted({code for _, code, _, _ in runs_of_key}),
        }
    return results


def machine_description():
    model, cores = "unknown CPU", os.cpu_count()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f", {int(line.split()[1]) // (1024 * 1024)} GB RAM"
    except OSError:
        pass
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip() or str(cores)
    return f"{model}, nproc {nproc}{memory}, {platform.system()} {platform.release()}"


def load_average():
    try:
        return " / ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def describe_os():
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                return line.split("=", 1)[1].strip('"')
    except OSError:
        pass
    return platform.platform()


def command_output(argv, cwd=None):
    try:
        return subprocess.run(argv, capture_output=True, text=True, cwd=cwd).stdout.strip()
    except OSError:
        return ""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schemaguard", required=True)
    parser.add_argument("--squawk", required=True)
    parser.add_argument("--floor", required=True)
    parser.add_argument("--file", required=True, help="the generated 20,000-statement migration")
    parser.add_argument("--small-file", help="a 2,000-statement migration from the same generator "
                        "(shows how each tool scales with the statements in one file)")
    parser.add_argument("--corpus", help="directory of real migrations (every *.sql under it)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--results", required=True)
    parser.add_argument("--repo", default=".")
    parser.add_argument("--json", help="also write the rows there (for bench/report.py)")
    args = parser.parse_args()

    repo = Path(args.repo).resolve()
    # Run where neither tool finds a configuration file of its own.
    cwd = Path(args.file).resolve().parent
    bench_file = str(Path(args.file).resolve())
    schemaguard = str(Path(args.schemaguard).resolve())
    floor = str(Path(args.floor).resolve())

    cases = {
        ("file", "schemaguard"): [schemaguard, "lint", bench_file],
        # The same with the parse on the main thread: the default parses on worker threads.
        ("file", "schemaguard -j 1"): [schemaguard, "lint", "-j", "1", bench_file],
        ("file", "squawk"): [args.squawk, bench_file],
        ("file", "libpg_query parse"): [floor, bench_file],
    }
    small_file = str(Path(args.small_file).resolve()) if args.small_file else None
    if small_file:
        cases[("small", "schemaguard")] = [schemaguard, "lint", small_file]
        cases[("small", "squawk")] = [args.squawk, small_file]
    corpus_files = []
    if args.corpus and Path(args.corpus).is_dir():
        corpus_files = sorted(str(p.resolve()) for p in Path(args.corpus).rglob("*.sql"))
        cases[("corpus", "schemaguard")] = [schemaguard, "lint"] + corpus_files
        cases[("corpus", "squawk")] = [args.squawk] + corpus_files

    load_before = load_average()
    results = measure(cases, args.runs, cwd)

    file_size = Path(bench_file).stat().st_size
    corpus_size = sum(Path(p).stat().st_size for p in corpus_files)
    def statements_in(path):
        return Path(path).read_text().count(";\n")

    labels = {
        "file": f"generated migration, {statements_in(bench_file):,} statements, {file_size / 1e6:.2f} MB",
        "small": (f"generated migration, {statements_in(small_file):,} statements, "
                  f"{Path(small_file).stat().st_size / 1e6:.2f} MB" if small_file else ""),
        "corpus": f"../shared/corpus, {len(corpus_files):,} files, {corpus_size / 1e6:.1f} MB",
    }

    def ratio_note(case, tool):
        ours = results[(case, "schemaguard")]["median"]
        theirs = results[(case, tool)]["median"]
        if tool == "schemaguard":
            return "1.00×"
        if tool == "schemaguard -j 1":
            return f"{theirs / ours:.2f}× the default (parse threads)"
        if tool == "squawk":
            return f"{theirs / ours:.2f}× slower than schemaguard"
        return f"schemaguard takes {ours / theirs:.2f}× this"

    rows = []
    for (case, tool), r in results.items():
        rows.append(f"| {labels[case]} | {tool} | {r['median']:.3f} | {r['min']:.3f} | {r['max']:.3f} "
                    f"| {ratio_note(case, tool)} | {r['rss']:.0f} | {','.join(map(str, r['exit']))} |")
    table = "\n".join([
        "| input | tool | median s | min s | max s | ratio | peak RSS MB | exit |",
        "|---|---|---:|---:|---:|---|---:|---|",
        *rows,
    ])

    ours = results[("file", "schemaguard")]["median"]
    squawk = results[("file", "squawk")]["median"]
    floor_time = results[("file", "libpg_query parse")]["median"]
    targets = [
        ("lint of the 20,000-statement file under 0.5 s", ours < 0.5, f"{ours:.3f} s"),
        ("at least 2× faster than squawk on it", squawk / ours >= 2, f"{squawk / ours:.2f}×"),
        ("within 1.5× of the bare libpg_query parse", ours / floor_time <= 1.5, f"{ours / floor_time:.2f}×"),
    ]
    scaling = ""
    if small_file:
        growth = statements_in(bench_file) / statements_in(small_file)
        ours_growth = ours / results[("small", "schemaguard")]["median"]
        squawk_growth = squawk / results[("small", "squawk")]["median"]
        scaling = (f"\nScaling with the statements in one file: {growth:.0f}× the statements took "
                   f"schemaguard {ours_growth:.1f}× as long and squawk {squawk_growth:.1f}× as long.\n")
    target_lines = "\n".join(f"| {name} | {value} | {'met' if ok else 'NOT met'} |" for name, value, ok in [
        (n, v, ok) for n, ok, v in targets])

    commit = command_output(["git", "rev-parse", "--short", "HEAD"], cwd=repo) or "unknown"
    if command_output(["git", "status", "--porcelain", "--untracked-files=no"], cwd=repo):
        commit += " (with uncommitted changes)"
    versions = ", ".join(filter(None, [
        command_output([schemaguard, "--version"]),
        command_output([args.squawk, "--version"]),
        "libpg_query " + (command_output(["dpkg-query", "-W", "-f=${Version}", "libpg-query-dev"]) or "?"),
    ]))

    report = f"""# Benchmark results

Lint throughput of schemaguard next to [squawk](https://github.com/sbdchd/squawk) and the
bare libpg_query parse of the same text (the floor: what any libpg_query-based linter
must pay). Every command ran on identical files, {args.runs} times after one warm-up, the
commands alternating run by run; times are wall-clock, output went to /dev/null.
Peak RSS is the largest `ru_maxrss` of the runs. A non-zero exit is expected: both
linters report findings.

- Machine: {machine_description()}, {describe_os()}
- Load average (1/5/15 min) when the runs started: {load_before}; other work on the
  machine slows every tool alike, so the ratios hold better than the absolute times
- Commit: {commit}
- Versions: {versions}
- Command: `bash bench/run.sh`

{table}

Targets (from the performance issue), on the generated file:

| target | measured | |
|---|---|---|
{target_lines}
{scaling}
The generated file comes from `bench/gen_corpus.py` (fixed seed): CREATE TABLE, ALTER
TABLE ADD COLUMN / ADD CONSTRAINT ... NOT VALID / ALTER COLUMN TYPE, CREATE INDEX (with
and without CONCURRENTLY), key-bounded UPDATE, INSERT, DELETE, COMMENT ON, SET and
BEGIN/COMMIT, in migration-sized groups, on long-lived tables and on tables the file
creates. The corpus rows pass every `*.sql` file under the corpus (down migrations
included) to each tool in one invocation.
"""
    Path(args.results).write_text(report)
    if args.json:
        rows = [{"case": labels[case], "key": case, "tool": tool, "wall": r["median"], "cpu": r["cpu"],
                 "wall_min": r["min"], "wall_max": r["max"], "rss_mb": r["rss"], "exit": r["exit"]}
                for (case, tool), r in results.items()]
        Path(args.json).write_text(json.dumps({"runs": args.runs, "load": load_before, "rows": rows}))
    print(table)
    print()
    print(target_lines)
    print(scaling)
    print(f"\nwrote {args.results}")


if __name__ == "__main__":
    sys.exit(main())
