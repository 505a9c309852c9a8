#!/usr/bin/env bash
# `cimsim sweep --simulate` and `--weights`: SystemC and accuracy columns per point.
# Usage: test_cli_sweep_extras.sh CIMSIM SOURCE_DIR
set -u
cimsim=$1; work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
failures=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAILED: $1"; failures=$((failures + 1)); fi; }
column() { python3 - "$1" "$2" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print(" ".join(r[sys.argv[2]] for r in sorted(rows, key=lambda r: int(r["point"]))))
PY
}

"$cimsim" train --model mlp_digits --out "$work/w" >/dev/null
"$cimsim" sweep --workload mlp_digits --vary adc.bits=4,10 --simulate --weights "$work/w" --out "$work/s.csv" >/dev/null 2>&1; rc=$?
check "sweep with --simulate and --weights succeeds" '[ $rc -eq 0 ]'
check "every point has SystemC and accuracy columns" '[ "$(column "$work/s.csv" status)" = "ok ok" ] && head -1 "$work/s.csv" | grep -q "sim_latency_ns,sim_throughput_inferences_per_s,sim_cycles,accuracy_pct"'
"$cimsim" simulate --workload mlp_digits --adc.bits 10 --json "$work/sim.json" >/dev/null
want=$(python3 -c "import json; print('%.9g' % json.load(open('$work/sim.json'))['simulation']['latency_ns'])")
check "sim_latency_ns is what cimsim simulate reports for the point" '[ "$(column "$work/s.csv" sim_latency_ns | cut -d" " -f2)" = "$want" ]'
acc=$("$cimsim" accuracy --weights "$work/w" --adc.bits 10 | grep "analog accuracy" | grep -oE "[0-9]+\.[0-9]+" | head -1)
check "accuracy_pct matches cimsim accuracy for the point" 'python3 -c "import sys; sys.exit(abs(float(\"$(column "$work/s.csv" accuracy_pct | cut -d" " -f2)\") - $acc) > 0.006)"'
check "a 4-bit ADC loses accuracy" 'python3 -c "import sys; a, b = map(float, \"$(column "$work/s.csv" accuracy_pct)\".split()); sys.exit(a >= b)"'
noisy() { "$cimsim" accuracy --weights "$work/w" --noise.stuck_on_rate 0.05 "$@" | grep "analog accuracy" | grep -oE "[0-9]+\.[0-9]+" | head -1; }
a1=$(noisy --noise.seed 1); a2=$(noisy --noise.seed 2); a1_again=$(noisy --noise.seed 1)
check "accuracy: noise.seed picks the noise draw (two seeds differ, one seed repeats)" '[ "$a1" != "$a2" ] && [ "$a1" = "$a1_again" ]'
check "accuracy --seeds 2 averages noise.seed and noise.seed + 1" 'python3 -c "import sys; sys.exit(abs(($a1 + $a2) / 2 - $(noisy --noise.seed 1 --seeds 2)) > 0.006)"'
"$cimsim" sweep --workload mlp_digits --weights "$work/w" --noise.stuck_on_rate 0.05 --vary noise.seed=1,2 --out "$work/seeds.csv" >/dev/null 2>&1
check "sweep --weights: each point's accuracy uses its noise.seed" 'python3 -c "import sys; a, b = map(float, \"$(column "$work/seeds.csv" accuracy_pct)\".split()); sys.exit(abs(a - $a1) > 0.006 or abs(b - $a2) > 0.006)"'
"$cimsim" sweep --workload mlp_digits --vary adc.bits=4,10 --out "$work/s.csv" >/dev/null 2>&1; rc=$?
check "resuming without the extra columns is refused" '[ $rc -eq 2 ]'
weights_file=$(ls "$work/w"/*.weights.csv | head -1)
awk -F, -v OFS=, 'NR == 1 { $1 = $1 + 0.25 } { print }' "$weights_file" >"$work/edited" && mv "$work/edited" "$weights_file"
out=$("$cimsim" sweep --workload mlp_digits --vary adc.bits=4,10 --simulate --weights "$work/w" --out "$work/s.csv" 2>&1); rc=$?
check "resuming with edited --weights is refused naming sweep_hash" '[ $rc -eq 2 ] && echo "$out" | grep -q "sweep_hash"'

# A --simulate child killed by a signal (here its CPU time limit) is named, and its point is not
# recorded as done: the rerun computes it.
out=$(ulimit -S -t 1; "$cimsim" sweep --workload resnet50 --simulate --out "$work/crash.csv" 2>&1); rc=$?
check "a crashed --simulate child names the signal, exit 1, no row for its point" \
  '[ $rc -eq 1 ] && echo "$out" | grep -q "point 0: cimsim simulate was killed by signal 24 (CPU time limit exceeded)" && [ "$(wc -l <"$work/crash.csv")" -eq 1 ]'
"$cimsim" sweep --workload resnet50 --simulate --out "$work/crash.csv" >/dev/null 2>&1; rc=$?
check "the rerun computes the point" '[ $rc -eq 0 ] && [ "$(column "$work/crash.csv" status)" = "ok" ]'

echo "$failures failed"
[ $failures -eq 0 ]
