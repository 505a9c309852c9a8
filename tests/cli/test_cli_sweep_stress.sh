#!/usr/bin/env bash
# A sweep file never mixes rows: two sweeps on one --out at once (one refused, the file correct),
# a resume after a workload or zero-fraction file was edited (refused, naming the fingerprint),
# shards of two grids of one size (merge refuses), an ok row without results (refused), and a
# full disk mid-sweep (the real reason, no torn row, a resume completes the file).
# Usage: test_cli_sweep_stress.sh CIMSIM
set -u
cimsim=$1; work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
failures=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAILED: $1"; failures=$((failures + 1)); fi; }
data_rows() { tail -n +2 "$1" | sort; }
refused_by_lock() { grep -q "another cimsim sweep is writing this file" "$1"; }

# 6,000 points, a few seconds: long enough for a second sweep to start while the first runs.
grid=(--workload lenet5,vgg8_cifar10 --vary adc.bits=1:12 --vary array.rows=64:313)
"$cimsim" sweep "${grid[@]}" --out "$work/ref.csv" >/dev/null 2>&1

refusals=0
for round in 1 2 3; do
  rm -f "$work/c.csv"
  "$cimsim" sweep "${grid[@]}" --jobs 1 --out "$work/c.csv" >/dev/null 2>"$work/a.log" & a=$!
  sleep 0.$((round * 2))
  "$cimsim" sweep "${grid[@]}" --jobs 1 --out "$work/c.csv" >/dev/null 2>"$work/b.log"; rb=$?
  wait $a; ra=$?
  refused_by_lock "$work/b.log" && refusals=$((refusals + 1))
  check "round $round: two sweeps on one --out: the first ends 0, the second 0 or refused by the lock (exit 2)" \
    '[ $ra -eq 0 ] && { [ $rb -eq 0 ] || { [ $rb -eq 2 ] && refused_by_lock "$work/b.log"; }; }'
  check "round $round: the file holds every point once, as an uninterrupted sweep" \
    'diff <(data_rows "$work/c.csv") <(data_rows "$work/ref.csv") >/dev/null && [ ! -e "$work/c.csv.lock" ]'
done
check "the lock was exercised: a second sweep was refused while the first ran ($refusals of 3)" '[ $refusals -ge 1 ]'

# A resume after an input file changed: refused, and the file left as it was.
printf 'name,kind,inputs,in_c,in_h,in_w,out_c,kernel_h,kernel_w,stride,padding,dilation,groups\nfc1,linear,,64,1,1,32,,,,,,\n' \
  >"$work/net.csv"
"$cimsim" sweep --workload "$work/net.csv" --vary adc.bits=1:12 --vary array.rows=64:313 --out "$work/e.csv" \
  >/dev/null 2>&1 & pid=$!
sleep 0.5; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
cp "$work/e.csv" "$work/e_before.csv"
sed -i 's/fc1,linear,,64,1,1,32/fc1,linear,,64,1,1,48/' "$work/net.csv"
out=$("$cimsim" sweep --workload "$work/net.csv" --vary adc.bits=1:12 --vary array.rows=64:313 --out "$work/e.csv" 2>&1); rc=$?
check "resume after the workload file was edited is refused naming sweep_hash, the file unchanged" \
  '[ $rc -eq 2 ] && echo "$out" | grep -q "sweep_hash" && cmp -s "$work/e.csv" "$work/e_before.csv"'
sed -i 's/fc1,linear,,64,1,1,48/fc1,linear,,64,1,1,32/' "$work/net.csv"
"$cimsim" sweep --workload "$work/net.csv" --vary adc.bits=1:12 --vary array.rows=64:313 --out "$work/e.csv" >/dev/null 2>&1; rc=$?
"$cimsim" sweep --workload "$work/net.csv" --vary adc.bits=1:12 --vary array.rows=64:313 --out "$work/e_ref.csv" >/dev/null 2>&1
check "with the file restored the resume completes the sweep" \
  '[ $rc -eq 0 ] && diff <(data_rows "$work/e.csv") <(data_rows "$work/e_ref.csv") >/dev/null'

printf 'layer,input_zero_fraction\nfc1,0.5\n' >"$work/z.csv"
"$cimsim" sweep --workload mlp_digits --vary adc.bits=4,5 --sparsity.layer_zero_fractions "$work/z.csv" --out "$work/z_sweep.csv" >/dev/null 2>&1
printf 'layer,input_zero_fraction\nfc1,0.9\n' >"$work/z.csv"
out=$("$cimsim" sweep --workload mlp_digits --vary adc.bits=4,5 --sparsity.layer_zero_fractions "$work/z.csv" --out "$work/z_sweep.csv" 2>&1); rc=$?
check "resume after the zero-fraction file was edited is refused (its content is in config_hash)" \
  '[ $rc -eq 2 ] && echo "$out" | grep -q "config_hash"'
cp "$work/z.csv" "$work/z2.csv"
"$cimsim" sweep --workload mlp_digits --vary sparsity.layer_zero_fractions="$work/z.csv,$work/z2.csv" --out "$work/zv.csv" >/dev/null 2>&1
printf 'layer,input_zero_fraction\nfc1,0.1\n' >"$work/z2.csv"
out=$("$cimsim" sweep --workload mlp_digits --vary sparsity.layer_zero_fractions="$work/z.csv,$work/z2.csv" --out "$work/zv.csv" 2>&1); rc=$?
check "resume after a varied zero-fraction file was edited is refused naming sweep_hash" \
  '[ $rc -eq 2 ] && echo "$out" | grep -q "sweep_hash"'

# Shards of two grids with the same columns, size and base configuration.
"$cimsim" sweep --workload mlp_digits --vary adc.bits=4,5 --shard 0/2 --out "$work/g0.csv" >/dev/null 2>&1
"$cimsim" sweep --workload mlp_digits --vary adc.bits=6,7 --shard 1/2 --out "$work/h1.csv" >/dev/null 2>&1
out=$("$cimsim" merge --out "$work/gh.csv" "$work/g0.csv" "$work/h1.csv" 2>&1); rc=$?
check "merge of shards of two grids of one size is refused naming sweep_hash, nothing written" \
  '[ $rc -eq 2 ] && echo "$out" | grep -q "sweep_hash .* differs" && [ ! -e "$work/gh.csv" ]'

# An ok row whose results are empty is not a done point.
"$cimsim" sweep --workload mlp_digits --vary adc.bits=4,5 --out "$work/o.csv" >/dev/null 2>&1
awk -F, -v OFS=, 'NR == 3 { $8 = "" } { print }' "$work/o.csv" >"$work/o_empty.csv"
out=$("$cimsim" sweep --workload mlp_digits --vary adc.bits=4,5 --out "$work/o_empty.csv" --pareto 2>&1); rc=$?
check "resume of an ok row without results is refused naming file, line and column" \
  '[ $rc -eq 2 ] && echo "$out" | grep -q "o_empty.csv:3: point .* has status ok but no value in column .energy_per_inference_j."'
out=$("$cimsim" merge --out "$work/om.csv" "$work/o_empty.csv" 2>&1); rc=$?
check "merge of an ok row without results is refused" '[ $rc -eq 2 ] && echo "$out" | grep -q "has status ok but no value"'

# A full disk mid-sweep (a file size limit: writes past it fail with EFBIG, as ENOSPC would).
rm -f "$work/full.csv"
out=$(ulimit -f 40; trap '' XFSZ; "$cimsim" sweep "${grid[@]}" --out "$work/full.csv" 2>&1); rc=$?
rows=$(($(wc -l <"$work/full.csv") - 1))
check "a full disk: exit 2 with the system's reason, not 'Success'" \
  '[ $rc -eq 2 ] && echo "$out" | grep -q "appending a row failed: File too large" && ! echo "$out" | grep -q Success'
check "a full disk leaves only whole rows ($rows)" \
  '[ "$(tail -c 1 "$work/full.csv" | od -An -c | tr -d " ")" = "\n" ] && [ "$rows" -gt 0 ]'
"$cimsim" sweep "${grid[@]}" --out "$work/full.csv" >/dev/null 2>&1; rc=$?
check "a resume with space completes the file" '[ $rc -eq 0 ] && diff <(data_rows "$work/full.csv") <(data_rows "$work/ref.csv") >/dev/null'

echo "$failures failed"
[ $failures -eq 0 ]
