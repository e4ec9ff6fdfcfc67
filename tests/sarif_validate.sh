#!/usr/bin/env bash
# Validates SARIF logs with the SARIF Multitool, twice: SARIF's schema and its own rules
# (the default rule kind), then GitHub code scanning's ingestion rules (--rule-kind Gh).
# Any error or warning fails; notes are advice and are printed only.
#
# Usage: tests/sarif_validate.sh [FILE.sarif...]   (default: testdata/golden/*.sarif)
#
# The tool: $SARIF_MULTITOOL (the directory given to `npm install --prefix DIR
# @microsoft/sarif-multitool`, or the Sarif.Multitool binary itself), else `sarif-multitool`
# on PATH. Without it the test is skipped (exit 77) unless SCHEMAGUARD_REQUIRE_SARIF_VALIDATOR=1,
# which CI sets: there a missing validator is a failure.
set -u

skip_or_fail() {
  if [ "${SCHEMAGUARD_REQUIRE_SARIF_VALIDATOR:-0}" = "1" ]; then
    echo "sarif_validate: FAIL: $1 (SCHEMAGUARD_REQUIRE_SARIF_VALIDATOR=1)" >&2
    exit 1
  fi
  echo "sarif_validate: SKIP: $1" >&2
  exit 77
}

find_tool() {
  local base="${SARIF_MULTITOOL:-}"
  if [ -n "$base" ]; then
    if [ -f "$base" ]; then echo "$base"; return; fi
    # The native binary directly: the npm wrapper passes arguments through a shell.
    local native="$base/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
    if [ -f "$native" ]; then echo "$native"; return; fi
    if [ -f "$base/node_modules/.bin/sarif-multitool" ]; then echo "$base/node_modules/.bin/sarif-multitool"; return; fi
    return
  fi
  command -v sarif-multitool || true
}

tool="$(find_tool)"
[ -n "$tool" ] || skip_or_fail "SARIF Multitool not found (set SARIF_MULTITOOL to its npm --prefix directory)"
[ -x "$tool" ] || skip_or_fail "$tool is not executable"

cd "$(dirname "$0")/.." || exit 1
if [ "$#" -eq 0 ]; then set -- testdata/golden/*.sarif; fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The tool is a self-contained .NET program; it needs no ICU for this.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1

status=0
for input in "$@"; do
  [ -f "$input" ] || { echo "sarif_validate: FAIL: $input: no such file" >&2; status=1; continue; }
  # Goldens carry a version placeholder (see tests/report_golden_test.cpp); validate a real one.
  log="$work/$(basename "$input")"
  sed 's/@VERSION@/0.0.0/g' "$input" > "$log"
  for kind in default Gh; do
    args=(validate)
    # --rule-kind takes a list: it must not be followed directly by the file name.
    [ "$kind" = Gh ] && args+=(--rule-kind Gh)
    args+=(--log ForceOverwrite --output "$work/result.sarif")
    out="$("$tool" "${args[@]}" "$log" 2>&1)"
    rc=$?
    problems="$(printf '%s\n' "$out" | grep -E ': (error|warning) [A-Z]+[0-9]+' || true)"
    if [ "$rc" -ne 0 ] || [ -n "$problems" ] || ! printf '%s\n' "$out" | grep -q 'Analysis completed successfully'; then
      echo "sarif_validate: FAIL: $input ($kind rules, exit $rc):" >&2
      printf '%s\n' "${problems:-$out}" | head -n 40 >&2
      status=1
    else
      echo "sarif_validate: ok: $input ($kind rules)"
    fi
  done
done
exit "$status"
