#!/usr/bin/env python3
"""Writes bench/RESULTS.md from the rows of bench/run.sh (lint throughput), history_bench.sh
(pre-commit latency) and scan_bench.sh (scan): one table of every case with its target.
Called by bench/all.sh; the closing notes come from NOTES (a Markdown file) if given."""
import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import command_output, describe_os, machine_description  # noqa: E402


def read_rows(path):
    return [json.loads(line) for line in Path(path).read_text().splitlines() if line.strip()]


def verdict(ok):
    return "MET" if ok else "MISSED"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lint", required=True)
    parser.add_argument("--history", required=True)
    parser.add_argument("--scan", required=True)
    parser.add_argument("--schemaguard", required=True)
    parser.add_argument("--results", required=True)
    parser.add_argument("--notes")
    parser.add_argument("--load", default="?")
    parser.add_argument("--repo", default=".")
    args = parser.parse_args()

    lint = json.loads(Path(args.lint).read_text())
    history = read_rows(args.history)
    scan = read_rows(args.scan)

    rows = []  # case, tool, wall, cpu, rss, ratio, target, verdict

    def add(case, tool, wall, cpu, rss, ratio="", target="", ok=None):
        rows.append((case, tool, f"{wall:.3f}", f"{cpu:.3f}", f"{rss:.0f}", ratio, target,
                     "" if ok is None else verdict(ok)))

    by_key = {(r["key"], r["tool"]): r for r in lint["rows"]}
    for key in ("file", "small", "corpus"):
        ours = by_key.get((key, "schemaguard"))
        if not ours:
            continue
        add(ours["case"], "schemaguard lint", ours["wall"], ours["cpu"], ours["rss_mb"])
        squawk = by_key.get((key, "squawk"))
        if squawk:
            r = squawk["wall"] / ours["wall"]
            add(ours["case"], "squawk", squawk["wall"], squawk["cpu"], squawk["rss_mb"],
                f"{r:.1f}× schemaguard's time", "squawk ≥ 2× schemaguard" if key == "file" else "",
                r >= 2 if key == "file" else None)
        floor = by_key.get((key, "libpg_query parse"))
        if floor:
            r = ours["wall"] / floor["wall"]
            rc = ours["cpu"] / floor["cpu"] if floor["cpu"] else float("inf")
            add(ours["case"], "bare libpg_query parse (floor)", floor["wall"], floor["cpu"], floor["rss_mb"],
                f"schemaguard {r:.2f}× (CPU {rc:.2f}×)", "schemaguard ≤ 1.5× floor", r <= 1.5)
        single = by_key.get((key, "schemaguard -j 1"))
        if single and floor:
            add(ours["case"], "schemaguard lint -j 1 (parse on the main thread)", single["wall"], single["cpu"],
                single["rss_mb"], f"{single['wall'] / floor['wall']:.2f}× floor (CPU "
                f"{single['cpu'] / floor['cpu']:.2f}×)")

    history_ours = {h["case"]: h for h in history if not h.get("single_thread") and not h.get("floor")}
    for h in history:
        is_history = h["case"].startswith("history")
        is_target = h["case"].startswith("history 1000 files")
        if h.get("floor"):
            ours = history_ours.get(h["case"])
            add(h["case"], "bare libpg_query parse of the same text (floor)", h["wall"], h["cpu"], h["rss_mb"],
                f"schemaguard {ours['wall'] / h['wall']:.2f}× (CPU {ours['cpu'] / h['cpu']:.2f}×)" if ours else "")
            continue
        single = h.get("single_thread", False)
        add(h["case"], "schemaguard lint -j 1 (3 under review)" if single else "schemaguard lint (3 under review)",
            h["wall"], h["cpu"], h["rss_mb"], "", "< 0.100 s" if is_target and not single else "",
            (h["wall"] < 0.1) if is_target and not single else None)
        if not is_history:
            rows[-1] = rows[-1][:1] + ("schemaguard --version",) + rows[-1][2:]

    projects = []
    for s in scan:
        if s["project"] not in projects:
            projects.append(s["project"])
    for project in projects:
        tools = {s["tool"]: s for s in scan if s["project"] == project}
        syntax, full, cached = tools.get("syntax"), tools.get("full"), tools.get("cached")
        if not (syntax and full and cached):
            continue
        label = f"scan {project} ({syntax['units']} units, -j{syntax['jobs']})"
        add(label, "clang++-16 -fsyntax-only", syntax["wall"], syntax["cpu"], syntax["rss_mb"])
        r, rc = full["wall"] / syntax["wall"], full["cpu"] / syntax["cpu"]
        add(label, "schemaguard scan --no-cache", full["wall"], full["cpu"], full["rss_mb"],
            f"{r:.2f}× syntax-only (CPU {rc:.2f}×)", "≤ 1.2× syntax-only", r <= 1.2)
        pc = 100 * cached["wall"] / full["wall"]
        add(label, "schemaguard scan, unchanged rerun", cached["wall"], cached["cpu"], cached["rss_mb"],
            f"{pc:.1f} % of the full scan", "< 5 %", pc < 5)

    table = "\n".join(["| case | tool | median wall s | CPU s | peak RSS MB | ratio | target | |",
                       "|---|---|---:|---:|---:|---|---|---|"] +
                      ["| " + " | ".join(r) + " |" for r in rows])

    repo = Path(args.repo).resolve()
    commit = command_output(["git", "rev-parse", "--short", "HEAD"], cwd=repo) or "unknown"
    # The results file itself does not count: a second write of it (new notes) is not a change.
    results = Path(args.results).resolve()
    exclude = f":(exclude){results.relative_to(repo)}" if results.is_relative_to(repo) else "."
    if command_output(["git", "status", "--porcelain", "--untracked-files=no", "--", ".", exclude], cwd=repo):
        commit += " (with uncommitted changes)"
    versions = ", ".join(filter(None, [
        command_output([args.schemaguard, "--version"]),
        "libpg_query " + (command_output(["dpkg-query", "-W", "-f=${Version}", "libpg-query-dev"]) or "?"),
        command_output(["clang++-16", "--version"]).splitlines()[0] if command_output(["clang++-16", "--version"]) else "",
    ]))
    notes = Path(args.notes).read_text() if args.notes and Path(args.notes).exists() else ""
    report = f"""# Benchmark results

Every case of the performance issue, from one run of `bash bench/all.sh` on a Release build.

- Machine: {machine_description()}, {describe_os()}
- Load average (1/5/15 min) when the runs started: {args.load}. The machine was shared with
  other work, so wall times include waiting for a core; CPU time (user + sys, children
  included) is the steadier figure, and ratios come from commands measured alternately in
  the same run.
- Commit: {commit}
- Versions: {versions}
- Lint rows: median of {lint['runs']} runs after a warm-up, the tools alternating run by run.
  History rows: median of 5 runs after a warm-up. Scan rows: the fastest of the runs.
  Peak RSS is `ru_maxrss` from wait4 (what `/usr/bin/time -v` prints as "Maximum resident
  set size"): the largest over the runs, for a parallel command the largest single process.

{table}

{notes}"""
    Path(args.results).write_text(report)
    print(table)
    print(f"\nwrote {args.results}")


if __name__ == "__main__":
    sys.exit(main())
