#!/usr/bin/env bash
# `cimsim replay` and `cimsim accuracy --record-trace` as a user types them.
# Usage: test_cli_replay.sh CIMSIM SOURCE_DIR
set -u
cimsim=$1; source_dir=$2; work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
failures=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAILED: $1"; failures=$((failures + 1)); fi; }

trace=$source_dir/workloads/replay/mlp_digits
"$cimsim" replay --trace "$trace" --functional --out "$work/r.csv" --json "$work/r.json" >"$work/r.txt"; rc=$?
check "the shipped example replays" '[ $rc -eq 0 ]'
check "CSV: header and two layers" '[ "$(wc -l <"$work/r.csv")" -eq 3 ] && head -1 "$work/r.csv" | grep -q "rmse,snr_db,max_abs_error,input_density,energy_cell_read_pj"'
check "JSON: per-layer energy, error and TOPS/W" 'grep -q "\"snr_db\"" "$work/r.json" && grep -q "\"energy_by_component_j\"" "$work/r.json" && grep -q "\"tops_per_w\"" "$work/r.json"'
check "bits come from trace_command.sh" 'grep -q "8-bit weights and 9-bit signed inputs" "$work/r.txt"'
"$cimsim" report "$work/r.json" --out "$work/r.html" >/dev/null 2>&1
check "a replay JSON makes a report" 'grep -q "<svg" "$work/r.html"'
"$cimsim" replay --trace "$trace" --workload mlp_digits --json "$work/e.json" >"$work/e.txt"; rc=$?
check "energy only by default: no error figures, the same energies" \
  '[ $rc -eq 0 ] && ! grep -q "\"snr_db\"" "$work/e.json" && grep -q "\"functional\": false" "$work/e.json" &&
   /usr/bin/python3 -c "import json, sys; a, b = (json.load(open(f)) for f in sys.argv[1:]); assert a[\"energy_j\"] == b[\"energy_j\"] and [l[\"energy_j\"] for l in a[\"layers\"]] == [l[\"energy_j\"] for l in b[\"layers\"]]" "$work/e.json" "$work/r.json"'
check "--workload names the layers" 'grep -q "\"name\": \"fc1\"" "$work/e.json" && grep -q "^fc2 " "$work/e.txt"'
check "the text gives the replay's TOPS/W" 'grep -q "TOPS/W" "$work/e.txt"'
"$cimsim" report "$work/e.json" --out "$work/e.html" >/dev/null 2>&1
check "an energy-only replay makes a report saying why the errors are missing" 'grep -q "energy only" "$work/e.html"'
"$cimsim" run --workload mlp_digits --dac.input_bits 9 --json "$work/run.json" >/dev/null
check "per inference: recorded array energy / 16 images plus run's buffer, DRAM and leakage" '/usr/bin/python3 - "$work/e.json" "$work/run.json" <<PY
import json, sys
replay, run = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
inference = replay["inference"]
assert inference["estimated"] and inference["inferences_in_trace"] == 16
mine, whole, analytic = inference["energy_by_component_j"], replay["energy_by_component_j"], run["energy_by_component_j"]
close = lambda a, b: abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1e-30)
assert close(mine["adc"], whole["adc"] / 16) and close(mine["cell_read"], whole["cell_read"] / 16)
for c in ("buffer", "interconnect", "dram", "static"): assert close(mine[c], analytic[c]), c
assert close(inference["energy_j"], sum(mine.values()))
PY'
if command -v script >/dev/null; then  # util-linux: runs the replay on a pseudo-terminal
  progress=$(script -qec "\"$cimsim\" replay --trace \"$trace\" >/dev/null" /dev/null)
  check "a terminal sees a progress line per layer" 'echo "$progress" | grep -q "replaying layer 2 of 2"'
  "$cimsim" replay --trace "$trace" 2>"$work/progress.txt" >/dev/null
  check "no progress line when standard error is not a terminal" '[ ! -s "$work/progress.txt" ]'
fi
out=$("$cimsim" replay --trace "$trace" --workload vgg8_cifar10 2>&1); rc=$?
check "a --workload of other shapes exits 2" '[ $rc -eq 2 ] && echo "$out" | grep -q "crossbar layers but the trace has"'

"$cimsim" train --model mlp_digits --out "$work/w" >/dev/null
"$cimsim" accuracy --weights "$work/w" --record-trace "$work/t" --record-images 4 >/dev/null; rc=$?
check "accuracy records a trace" '[ $rc -eq 0 ] && [ -s "$work/t/weight1.csv" ] && [ -s "$work/t/input1.csv" ]'
"$cimsim" replay --trace "$work/t" --adc.bits 16 --functional --out "$work/t.csv" >/dev/null
check "exact hardware replays with zero error" '[ "$(cut -d, -f6 "$work/t.csv" | tail -n +2 | sort -u)" = "0" ]'

out=$("$cimsim" replay --trace "$work/none" 2>&1); rc=$?
check "a missing trace exits 2 naming it" '[ $rc -eq 2 ] && echo "$out" | grep -qF "$work/none: no such trace folder"'
out=$("$cimsim" accuracy --weights "$work/w" --record-trace "$work/t2" --record-images 0 2>&1); rc=$?
check "--record-images 0 exits 2" '[ $rc -eq 2 ] && echo "$out" | grep -q "record-images"'

echo "$failures failed"
[ $failures -eq 0 ]
