#!/usr/bin/env bash
# Runs two builds of zfxxgk on the same inputs and says whether any output byte differs:
# the check that a refactoring changed nothing. Inputs: samples/, tests/fixtures/corpus
# (CSV and JSON Lines), every text through `check`, `templates`, and an optional tree
# (for example 20,000 reports from gencorpus.py).
#   scripts/compare-outputs.sh OLD_BINARY NEW_BINARY [TREE]
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1 new=$2 tree=${3:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run() {
  local bin=$1 out=$2
  mkdir -p "$out"
  for d in samples tests/fixtures/corpus ${tree:+"$tree"}; do
    n=$(printf '%s' "$d" | tr '/' '_')
    "$bin" extract "$d" -o "$out/$n" >/dev/null 2>&1 || true
    "$bin" extract "$d" -o "$out/$n-jsonl" --format jsonl >/dev/null 2>&1 || true
  done
  find samples tests/fixtures/corpus -name '*.txt' | LC_ALL=C sort | while read -r f; do
    printf '== %s\n' "$f"
    "$bin" check "$f" 2>&1 || true
  done >"$out/check.txt"
  "$bin" templates >"$out/templates.txt" 2>&1 || true
}
run "$old" "$work/old"
run "$new" "$work/new"
if diff -r "$work/old" "$work/new" >"$work/diff.txt"; then
  echo "same bytes: $(find "$work/new" -type f | wc -l) files compared"
else
  head -50 "$work/diff.txt"
  echo "outputs differ"
  exit 1
fi
