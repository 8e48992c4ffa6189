#!/usr/bin/env bash
# A criterion baseline kept in the repo (benches/baseline/BENCH.json), and a check against it:
#   scripts/bench-baseline.sh save    [BENCH]   run the benchmark, store its medians
#   scripts/bench-baseline.sh compare [BENCH]   run it again; exit 1 if any benchmark's median is
#                                               more than 10% slower (BENCH_THRESHOLD=0.1) on the
#                                               run and on a re-run of the flagged ones
# BENCH is a criterion bench of benches/ (default: journey, the job of compare.py, on 1M
# events only: JOURNEY_SIZES=1M; set JOURNEY_SIZES=1M,10M for both). Timings depend on the
# machine: save the baseline on the machine that compares, with nothing else running.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
action="${1:-}" bench="${2:-journey}"
case "$action" in save | compare) ;; *) sed -n '2,10p' "$0"; exit 2 ;; esac
export JOURNEY_SIZES="${JOURNEY_SIZES:-1M}"
since="$(date +%s)"
nice cargo bench -p touchpoint-benches --bench "$bench"
if [ "$action" = save ]; then
  exec python3 benches/baseline.py save "$bench" "$since"
fi
BENCH_FLAGGED="$(mktemp)"
export BENCH_FLAGGED
trap 'rm -f "$BENCH_FLAGGED"' EXIT
python3 benches/baseline.py compare "$bench" "$since" && exit 0
[ -s "$BENCH_FLAGGED" ] || exit 1
# A shared machine is noisy: a flag counts only if the re-run of the flagged benchmarks agrees.
filter="^($(paste -sd'|' "$BENCH_FLAGGED"))\$"
echo "re-running the flagged benchmarks: $filter"
nice cargo bench -p touchpoint-benches --bench "$bench" -- "$filter"
python3 benches/baseline.py compare "$bench" "$since"
