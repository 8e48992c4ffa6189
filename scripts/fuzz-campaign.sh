#!/usr/bin/env bash
# Runs a fuzzing campaign (see fuzz/README.md): each TARGET for SECONDS, two at a time, at
# nice 19, then appends a dated table to fuzz/campaign.md (per target: seconds, executions,
# exec/s, coverage `cov` / features `ft` from libFuzzer's last status line, corpus size,
# crashes). Crashes are saved in fuzz/artifacts/<target>/, logs in fuzz/logs/<target>.log.
#   bash scripts/fuzz-campaign.sh segment 1800 csv 1800 records 1800 columns 1800
# Environment: FUZZ_JOBS (targets at a time, default 2), FUZZ_RSS_MB (default 2048),
# FUZZ_TIMEOUT (seconds one input may take, default 30).
set -euo pipefail
cd "$(dirname "$0")/.."

if (( $# == 0 || $# % 2 )); then
  echo "usage: $0 TARGET SECONDS [TARGET SECONDS ...]" >&2
  exit 2
fi
jobs_at_once=${FUZZ_JOBS:-2}
export RUSTC_BOOTSTRAP=1
mkdir -p fuzz/logs
nice -n 19 cargo fuzz build --fuzz-dir fuzz

artifacts() { find "fuzz/artifacts/$1" -type f 2>/dev/null | wc -l; }

run_one() {
  local target=$1 seconds=$2
  mkdir -p "fuzz/artifacts/$target" "fuzz/corpus/$target"
  artifacts "$target" >"fuzz/logs/$target.before"
  # A crash stops libFuzzer early: the log and the artifact say which input.
  nice -n 19 cargo fuzz run --fuzz-dir fuzz "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -print_final_stats=1 -timeout="${FUZZ_TIMEOUT:-30}" \
    -rss_limit_mb="${FUZZ_RSS_MB:-2048}" \
    -artifact_prefix="fuzz/artifacts/$target/" >"fuzz/logs/$target.log" 2>&1 || true
}

started=$(date -u +%Y-%m-%dT%H:%MZ)
targets=()
while (( $# )); do
  target=$1 seconds=$2
  shift 2
  targets+=("$target:$seconds")
  while (( $(jobs -rp | wc -l) >= jobs_at_once )); do wait -n || true; done
  echo "fuzz-campaign: $target for ${seconds}s"
  run_one "$target" "$seconds" &
done
wait

stat() { grep -a "^stat::$2:" "fuzz/logs/$1.log" | tail -1 | awk '{print $2}'; }
{
  echo
  echo "## Campaign of $started (finished $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $jobs_at_once at a time)"
  echo
  echo "| target | seconds | executions | exec/s | cov | ft | corpus | crashes |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  for entry in "${targets[@]}"; do
    target=${entry%%:*} seconds=${entry##*:}
    status=$(grep -aE '^#[0-9]+' "fuzz/logs/$target.log" | grep -a 'cov:' | tail -1 || true)
    cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$status")
    ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$status")
    before=$(cat "fuzz/logs/$target.before" 2>/dev/null || echo 0)
    crashes=$(( $(artifacts "$target") - before ))
    corpus=$(find "fuzz/corpus/$target" -type f | wc -l)
    echo "| $target | $seconds | $(stat "$target" number_of_executed_units) | $(stat "$target" average_exec_per_sec) | ${cov:-?} | ${ft:-?} | $corpus | $crashes |"
  done
} | tee -a fuzz/campaign.md
for entry in "${targets[@]}"; do
  target=${entry%%:*}
  if grep -aq "SUMMARY\|panicked at" "fuzz/logs/$target.log"; then
    echo "fuzz-campaign: $target crashed:"
    grep -a -m3 "panicked at\|SUMMARY" -A2 "fuzz/logs/$target.log"
    ls "fuzz/artifacts/$target"
  fi
done
