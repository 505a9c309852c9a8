#!/usr/bin/env bash
# Runs every libFuzzer target for a fixed time. Usage: run.sh FUZZ_BUILD_DIR SECONDS [TARGET...]
# Seeds come from tests/fuzz/corpus/<target>; new inputs go to FUZZ_BUILD_DIR/corpus-<target>, and
# a crash input to FUZZ_BUILD_DIR/crash-<target>-*: copy it into the corpus as a regression.
set -uo pipefail
build=$1; seconds=$2; shift 2
here=$(cd "$(dirname "$0")" && pwd)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(workload_csv neurosim_network weights neurosim_trace ini_config digits zero_fractions merge report_json onnx_model)
failed=0
for target in "${targets[@]}"; do
  mkdir -p "$build/corpus-$target"
  log="$build/fuzz-$target.log"
  max_len=4096; [ "$target" = report_json ] && max_len=16384  # a run's JSON is 7 to 13 KB
  "$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -max_len=$max_len -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$build/crash-$target-" "$build/corpus-$target" "$here/corpus/$target" >"$log" 2>&1
  rc=$?
  runs=$(grep -o 'Done [0-9]* runs' "$log" | grep -o '[0-9]*' || true)
  echo "fuzz $target: ${runs:-?} executions in ${seconds} s, exit $rc (log: $log)"
  [ $rc -eq 0 ] || { grep -m3 -E 'ERROR|SUMMARY|uncaught|Test unit written' "$log"; failed=1; }
done
exit $failed
