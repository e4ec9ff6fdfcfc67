#!/usr/bin/env bash
# Runs schemaguard over every project of the corpus (see ../shared/corpus/SOURCES.md) and
# checks that it survives real-world SQL: no crash, no hang, every file accounted for, and
# no input errors except the 13 files that PostgreSQL 15's grammar genuinely rejects.
#
#   bench/corpus_check.sh [SCHEMAGUARD_BINARY]     (default: build/schemaguard)
#   SCHEMAGUARD_CORPUS=/path/to/corpus bench/corpus_check.sh ...
#
# Each project is linted through its migration set (--migrations with the project's
# convention, every migration under review); down migrations and the SQL files that are not
# part of a migration set (temporal's schema.sql, lemmy's replaceable_schema, lago's
# pg_dump) are linted as standalone inputs. Every run has `timeout 60`; an exit status
# above 2 (crash, signal, timeout) fails the check. Finding counts are printed, not checked:
# they change as rules are added.
# Exits 0 when everything matches, 1 on any mismatch, 2 on a usage problem.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
binary="${1:-$repo/build/schemaguard}"
corpus="${SCHEMAGUARD_CORPUS:-$repo/../shared/corpus}"

if [[ ! -x "$binary" ]]; then
  echo "corpus_check: no schemaguard binary at $binary (build first, or pass its path)" >&2
  exit 2
fi
if [[ ! -d "$corpus" ]]; then
  echo "corpus_check: corpus not found at $corpus (set SCHEMAGUARD_CORPUS)" >&2
  exit 2
fi
for tool in python3 timeout; do
  command -v "$tool" >/dev/null || { echo "corpus_check: $tool is required" >&2; exit 2; }
done

binary="$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"
cd "$corpus"
exec python3 - "$binary" <<'PY'
import glob
import json
import os
import subprocess
import sys
import time

binary = sys.argv[1]
TIMEOUT_SECONDS = "60"

# The files PostgreSQL 15's grammar rejects (SOURCES.md, "Files that fail to parse"):
# path relative to the corpus, line of the error.
EXPECTED_ERRORS = {
    ("crates.io/migrations/20170318181441_downloads_need_no_id/down.sql", 2),
    ("lemmy/migrations/2024-03-06-104706_local_image_user_opt/down.sql", 2),
    ("lemmy/migrations/2025-08-01-000016_smoosh-tables-together/down.sql", 6),
    ("lemmy/migrations/2025-08-01-000016_smoosh-tables-together/up.sql", 13),
    ("lemmy/migrations/2025-08-01-000034_no-image-token/down.sql", 3),
    ("lemmy/migrations/2025-08-01-000041_remove-aggregate-tables/down.sql", 86),
    ("lemmy/migrations/2025-08-01-000042_community-hidden-visibility/down.sql", 61),
    ("lemmy/migrations/2025-08-01-000045_site_person_ban/down.sql", 6),
    ("lemmy/migrations/2025-08-01-000051_local_image_person/down.sql", 26),
    ("lemmy/migrations/2025-08-01-000053_remove_hide_modlog_names/down.sql", 209),
    ("lemmy/migrations/2025-08-01-000061_drop-person-ban/down.sql", 4),
    ("lemmy/migrations/2025-08-01-000063_post-or-comment-notification/down.sql", 7),
    ("lemmy/migrations/2025-10-15-114811-0000_merge-modlog-tables/down.sql", 8),
}


def files(pattern):
    return sorted(glob.glob(pattern, recursive=True))


def migrations(directory, convention):
    return ["--migrations", directory, "--convention", convention]


temporal = "temporal/schema/postgresql/v12"
# (project, what, lint arguments, number of SQL files the run must cover)
RUNS = [
    ("crates.io", "migrations", migrations("crates.io/migrations", "diesel"), 285),
    ("crates.io", "down", files("crates.io/migrations/*/down.sql"), 285),
    ("lemmy", "migrations", migrations("lemmy/migrations", "diesel"), 342),
    ("lemmy", "down", files("lemmy/migrations/*/down.sql"), 342),
    ("lemmy", "replaceable", files("lemmy/crates/diesel_utils/replaceable_schema/*.sql"), 2),
    ("vaultwarden", "migrations", migrations("vaultwarden/migrations/postgresql", "diesel"), 46),
    ("vaultwarden", "down", files("vaultwarden/migrations/postgresql/*/down.sql"), 46),
    ("atuin", "migrations", migrations("atuin/crates/atuin-server-postgres/migrations", "sqlx"), 20),
    ("harbor", "migrations", migrations("harbor/make/migrations/postgresql", "golang-migrate"), 39),
    ("temporal", "migrations", migrations(temporal + "/temporal/versioned", "temporal"), 25),
    ("temporal", "visibility", migrations(temporal + "/visibility/versioned", "temporal"), 19),
    ("temporal", "schema", files(temporal + "/*/schema.sql") + files(temporal + "/*/database.sql"), 4),
    ("kratos", "migrations", migrations("kratos/persistence/sql/migrations/sql", "popx"), 346),
    ("kratos", "down", files("kratos/persistence/sql/migrations/sql/*.down.sql"), 346),
    ("lago", "structure.sql", ["lago/db/structure.sql"], 1),
]

problems = []
seen_errors = []
rows = []
for project, what, args, expected_files in RUNS:
    label = f"{project} {what}"
    if not args:
        problems.append(f"{label}: no input files found")
        continue
    command = ["timeout", TIMEOUT_SECONDS, binary, "lint", "--format", "json", *args]
    started = time.monotonic()
    run = subprocess.run(command, capture_output=True, text=True, errors="replace")
    wall = time.monotonic() - started
    status = run.returncode
    if status == 124:
        problems.append(f"{label}: timed out after {TIMEOUT_SECONDS} s")
    elif status < 0 or status > 2:
        problems.append(f"{label}: crashed (exit status {status}): {run.stderr.strip()[-500:]}")
    if "internal error" in run.stderr:
        problems.append(f"{label}: {run.stderr.strip()[-500:]}")
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError as e:
        problems.append(f"{label}: output is not JSON ({e}); stderr: {run.stderr.strip()[-300:]}")
        rows.append((project, what, "-", "-", "-", "-", wall))
        continue

    errors = report.get("errors", [])
    linted = {f["path"] for f in report.get("files", [])}
    failed = {e["path"] for e in errors}
    covered = len(linted | failed)
    statements = sum(len(f.get("statements", [])) for f in report.get("files", []))
    findings = len(report.get("findings", []))
    if covered != expected_files:
        problems.append(f"{label}: {covered} files linted or rejected, expected {expected_files}")
    if errors and status != 2:
        problems.append(f"{label}: input errors reported but exit status {status}, expected 2")
    if not errors and status not in (0, 1):
        problems.append(f"{label}: no input error reported but exit status {status}")
    for e in errors:
        seen_errors.append((label, e["path"], e["line"], e["column"], e["message"]))
    rows.append((project, what, covered, statements, findings, len(errors), wall))

actual = {(path, line) for _, path, line, _, _ in seen_errors}
for label, path, line, column, message in seen_errors:
    if (path, line) not in EXPECTED_ERRORS:
        problems.append(f"{label}: unexpected input error {path}:{line}:{column}: {message}")
for path, line in sorted(EXPECTED_ERRORS - actual):
    problems.append(f"expected a syntax error at {path}:{line}, none reported")
if len(seen_errors) != len(actual):
    problems.append(f"{len(seen_errors) - len(actual)} input errors reported more than once")

header = ("project", "run", "files", "statements", "findings", "errors", "wall s")
print("%-12s %-14s %6s %11s %9s %7s %8s" % header)
for project, what, covered, statements, findings, errors, wall in rows:
    print("%-12s %-14s %6s %11s %9s %7s %8.3f" % (project, what, covered, statements, findings, errors, wall))
total = lambda k: sum(r[k] for r in rows if isinstance(r[k], int))
print("%-12s %-14s %6d %11d %9d %7d %8.3f" %
      ("total", "", total(2), total(3), total(4), total(5), sum(r[6] for r in rows)))

if problems:
    print(f"\ncorpus_check: FAILED ({len(problems)} problems)")
    for p in problems:
        print("  " + p)
    sys.exit(1)
print(f"\ncorpus_check: OK ({len(actual)} expected syntax errors, no crash, no hang)")
PY
