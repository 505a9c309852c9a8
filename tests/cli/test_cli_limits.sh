#!/usr/bin/env bash
# Absurd but well-formed inputs, counts past 2^32, no partial output files, determinism across
# thread counts. Usage: test_cli_limits.sh CIMSIM SOURCE_DIR
set -u
cimsim=$1; work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
failures=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAILED: $1"; failures=$((failures + 1)); fi; }

# network_csv FILE N ROWS: a workload of ROWS (lines with {i}) repeated for i = 0..N-1.
network_csv() {
  /usr/bin/python3 - "$@" <<'PY'
import sys
path, count, rows = sys.argv[1], int(sys.argv[2]), sys.argv[3].replace("\\n", "\n")
with open(path, "w") as f:
    f.write("name,kind,in_c,in_h,in_w,out_c\n")
    for i in range(count):
        f.write(rows.format(i=i))
PY
}
# A 10^6-layer workload runs within memory (about 2.3 GB) and writes one row per layer + total.
network_csv "$work/big.csv" 500000 'fc{i},linear,8,1,1,8\nr{i},relu,8,1,1,\n'
"$cimsim" run --workload "$work/big.csv" --out "$work/big_run.csv" >/dev/null; rc=$?
check "a 10^6-layer workload runs" '[ $rc -eq 0 ] && [ "$(wc -l <"$work/big_run.csv")" -eq 1000002 ] && tail -1 "$work/big_run.csv" | grep -q "^total,"'

# simulate: 20,000 layers (it was quadratic in layers and ran out of memory here), and an
# allocation failure is a clear message, exit 1, never an abort. ASan reserves terabytes of
# address space, so the memory limit is tried only in a build without it.
network_csv "$work/deep.csv" 20000 'fc{i},linear,16,1,1,16\n'
"$cimsim" simulate --workload "$work/deep.csv" --out "$work/deep_sim.csv" >/dev/null; rc=$?
check "simulate of 20,000 layers runs" '[ $rc -eq 0 ] && [ "$(wc -l <"$work/deep_sim.csv")" -eq 20002 ]'
if ldd "$cimsim" | grep -q libasan; then
  echo "ok: (out of memory under a memory limit: not tried under ASan)"
else
  out=$( (ulimit -v 300000; "$cimsim" simulate --workload "$work/deep.csv") 2>&1 >/dev/null); rc=$?
  check "out of memory: exit 1 and says so" '[ $rc -eq 1 ] && echo "$out" | grep -q "^cimsim: out of memory"'
fi

# A kill during a long run never leaves a partial file where the user asked for one.
for delay in 0.5 1.5 3; do
  rm -f "$work/killed.json"
  "$cimsim" run --workload "$work/big.csv" --json "$work/killed.json" >/dev/null 2>&1 & pid=$!
  sleep "$delay"; kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  check "killed after ${delay}s: no JSON or a complete one" '[ ! -e "$work/killed.json" ] || /usr/bin/python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$work/killed.json"'
done
check "no temporary file is left next to the output" '[ -z "$(ls "$work" | grep "\.tmp\.")" ]'
out=$("$cimsim" run --workload "$work/missing.csv" --out "$work/never.csv" 2>&1); rc=$?
check "bad input with --out: exit 2 and no output file" '[ $rc -eq 2 ] && [ ! -e "$work/never.csv" ]'

# 4096 x 4096 arrays, the largest allowed, on the largest CNN.
"$cimsim" run --workload resnet50 --array.rows 4096 --array.cols 4096 --adc.columns_shared 64 >/dev/null; rc=$?
check "4096 x 4096 arrays run" '[ $rc -eq 0 ]'
out=$("$cimsim" simulate --workload lenet5 --inferences 1000000000 2>&1); rc=$?
check "10^9 simulated inferences stop early with a clear message" '[ $rc -eq 2 ] && echo "$out" | grep -q "inferences"'
"$cimsim" run --workload lenet5 --energy.inferences_per_program 1000000000 >/dev/null; rc=$?
check "10^9 inferences per programming are accepted" '[ $rc -eq 0 ]'

# Counts past 2^32, exact: GPT-2 block cell reads = 1024 tokens x 8 cycles x (4 x 768 x 6144
# + 2 x 768 x 24576 ... by layer: q,k,v,out 768 rows x 6144 columns; ffn_up 768 x 24576;
# ffn_down 3072 x 6144) = 463,856,467,968.
"$cimsim" run --workload gpt2_small_block --json "$work/gpt2.json" >/dev/null
check "a count past 2^32 is exact" '[ "$(/usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[\"event_counts\"][\"cell_reads\"])" "$work/gpt2.json")" = "$((1024 * 8 * (4 * 768 * 6144 + 768 * 24576 + 3072 * 6144)))" ]'
printf 'name,kind,in_c,in_h,in_w,out_c\nhuge,linear,1073741824,1073741824,1,1073741824\n' >"$work/overflow.csv"
out=$("$cimsim" run --workload "$work/overflow.csv" 2>&1); rc=$?
check "a count past 2^63 is a clear error, not a wrap" '[ $rc -eq 2 ] && echo "$out" | grep -q "overflows 64 bits"'

# Determinism: the same rows whatever the thread count.
"$cimsim" sweep --workload lenet5,mlp_digits --vary adc.bits=4:8 --vary array.rows=64,128 --jobs 1 --out "$work/j1.csv" >/dev/null 2>&1
"$cimsim" sweep --workload lenet5,mlp_digits --vary adc.bits=4:8 --vary array.rows=64,128 --jobs 2 --out "$work/j2.csv" >/dev/null 2>&1
check "sweep rows do not depend on --jobs" 'cmp -s <(sort "$work/j1.csv") <(sort "$work/j2.csv")'

echo "$failures failed"
[ $failures -eq 0 ]
