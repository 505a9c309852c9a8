#!/usr/bin/env bash
# `cimsim sweep` and `cimsim merge` as a user types them: resume after SIGKILL, no recomputation,
# another sweep in the same file, bad values, error rows, shards + merge, --pareto.
# Usage: test_cli_sweep.sh CIMSIM
set -u
cimsim=$1; work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
failures=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAILED: $1"; failures=$((failures + 1)); fi; }
data_rows() { tail -n +2 "$1" | sort; }

# The acceptance grid, and a larger one (12,000 points, a few seconds) so that kills land mid-run.
small=(--workload lenet5,vgg8_cifar10 --vary adc.bits=3,4,5,6,7,8 --vary array.rows=64,128,256)
large=(--workload lenet5,vgg8_cifar10 --vary adc.bits=1:12 --vary array.rows=64:563)

"$cimsim" sweep "${small[@]}" --out "$work/ref_small.csv" >/dev/null 2>"$work/log"; rc=$?
check "small sweep succeeds with 36 rows" '[ $rc -eq 0 ] && [ "$(data_rows "$work/ref_small.csv" | wc -l)" -eq 36 ]'
check "plain progress lines when stderr is not a terminal" 'grep -q "points/s" "$work/log" && ! grep -q $'"'"'\r'"'"' "$work/log"'

"$cimsim" sweep "${small[@]}" --out "$work/s.csv" --jobs 2 >/dev/null 2>&1 & pid=$!
sleep 0.3; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
"$cimsim" sweep "${small[@]}" --out "$work/s.csv" >/dev/null 2>&1
check "acceptance: kill -9 after 0.3 s, rerun: 36 unique rows" \
  '[ "$(data_rows "$work/s.csv" | uniq | wc -l)" -eq 36 ] && [ "$(data_rows "$work/s.csv" | wc -l)" -eq 36 ]'

"$cimsim" sweep "${large[@]}" --out "$work/ref.csv" >/dev/null 2>&1
total=$(data_rows "$work/ref.csv" | wc -l)
check "large reference sweep has 12000 rows" '[ "$total" -eq 12000 ]'
interrupted=0
for delay in 0.1 0.4 0.8 1.5; do
  rm -f "$work/k.csv"
  "$cimsim" sweep "${large[@]}" --out "$work/k.csv" --jobs 2 >/dev/null 2>&1 & pid=$!
  sleep $delay; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
  partial=$(tail -n +2 "$work/k.csv" 2>/dev/null | wc -l)
  [ "$partial" -gt 0 ] && [ "$partial" -lt "$total" ] && interrupted=$((interrupted + 1))
  "$cimsim" sweep "${large[@]}" --out "$work/k.csv" >/dev/null 2>&1
  check "kill -9 after $delay s ($partial rows), rerun: the full set, no duplicate" \
    'diff <(data_rows "$work/k.csv") <(data_rows "$work/ref.csv") >/dev/null'
done
check "at least two kills landed mid-sweep" '[ $interrupted -ge 2 ]'

head -c -200 "$work/ref_small.csv" >"$work/torn.csv"
"$cimsim" sweep "${small[@]}" --out "$work/torn.csv" >/dev/null 2>"$work/log"
check "a torn last line is dropped and its point recomputed" \
  'diff <(data_rows "$work/torn.csv") <(data_rows "$work/ref_small.csv") >/dev/null && grep -q "incomplete last line" "$work/log"'

cp "$work/ref_small.csv" "$work/done.csv"; touch -d "2001-01-01" "$work/done.csv"
out=$("$cimsim" sweep "${small[@]}" --out "$work/done.csv" 2>&1); rc=$?
check "a complete sweep is not recomputed nor rewritten" \
  '[ $rc -eq 0 ] && echo "$out" | grep -q "0 points computed" && cmp -s "$work/done.csv" "$work/ref_small.csv" && [ "$(stat -c %Y "$work/done.csv")" -lt 1000000000 ]'

out=$("$cimsim" sweep --workload lenet5 --vary adc.bits=3,4 --out "$work/ref_small.csv" 2>&1); rc=$?
check "another grid in the same file exits 2" '[ $rc -eq 2 ] && echo "$out" | grep -q "holds another sweep"'
out=$("$cimsim" sweep --workload lenet5,vgg8_cifar10 --vary adc.bits=2,4,5,6,7,8 --vary array.rows=64,128,256 --out "$work/ref_small.csv" 2>&1); rc=$?
check "other values with the same columns exit 2" '[ $rc -eq 2 ] && echo "$out" | grep -q "another sweep"'
out=$("$cimsim" sweep "${small[@]}" --adc.type flash --out "$work/ref_small.csv" 2>&1); rc=$?
check "another base configuration exits 2" '[ $rc -eq 2 ] && echo "$out" | grep -q "config_hash"'

out=$("$cimsim" sweep --workload lenet5 --vary adc.bits=3,99 --out "$work/bad.csv" 2>&1); rc=$?
check "a bad value exits 2 naming key and value, before any point" \
  '[ $rc -eq 2 ] && echo "$out" | grep -qF "adc.bits = '"'"'99'"'"'" && [ ! -e "$work/bad.csv" ]'
out=$("$cimsim" sweep --workload lenet5 --vary adc.bitz=3 --out "$work/bad.csv" 2>&1); rc=$?
check "an unknown key exits 2 with a suggestion" '[ $rc -eq 2 ] && echo "$out" | grep -q "did you mean .adc.bits."'
out=$("$cimsim" sweep --workload lenet5 --vary adc.bits=4:2 --out "$work/bad.csv" 2>&1); rc=$?
check "an empty range exits 2" '[ $rc -eq 2 ] && echo "$out" | grep -q "lo <= hi"'
out=$("$cimsim" sweep --workload lenet5 --shard 2/2 --out "$work/bad.csv" 2>&1); rc=$?
check "a shard index out of 0..N-1 exits 2" '[ $rc -eq 2 ] && echo "$out" | grep -q "0 <= i < N"'

"$cimsim" sweep --workload lenet5 --adc.columns_shared 4 --vary array.cols=4,128 --vary adc.bits=4:5 \
  --out "$work/err.csv" >/dev/null 2>&1; rc=$?
check "a design the mapper rejects gives an error row with its message" \
  '[ $rc -eq 0 ] && [ "$(grep -c ",error," "$work/err.csv")" -eq 2 ] && grep -q "cannot hold one weight" "$work/err.csv" && [ "$(grep -c ",ok," "$work/err.csv")" -eq 2 ]'

for i in 0 1 2; do "$cimsim" sweep "${small[@]}" --shard $i/3 --jobs 1 --out "$work/shard$i.csv" >/dev/null 2>&1 & done
wait
check "three shards run in parallel are disjoint and cover the grid" \
  '[ "$(cat "$work"/shard?.csv | grep -v "^point," | cut -d, -f1 | sort -n | uniq | wc -l)" -eq 36 ] && [ "$(tail -qn +2 "$work"/shard?.csv | wc -l)" -eq 36 ]'
check "shard i holds the points k with k mod 3 = i" '! tail -n +2 "$work/shard1.csv" | cut -d, -f1 | awk "\$1 % 3 != 1" | grep -q .'
"$cimsim" merge --out "$work/merged.csv" "$work"/shard0.csv "$work"/shard1.csv "$work"/shard2.csv >/dev/null 2>&1; rc=$?
check "merge joins the shards into the full sweep sorted by point" \
  '[ $rc -eq 0 ] && diff <(data_rows "$work/merged.csv") <(data_rows "$work/ref_small.csv") >/dev/null && [ "$(tail -n +2 "$work/merged.csv" | cut -d, -f1 | tr "\n" " ")" = "$(seq -s " " 0 35) " ]'
out=$("$cimsim" merge --out "$work/m2.csv" "$work/shard0.csv" "$work/shard2.csv" 2>&1); rc=$?
check "merge with a shard missing exits 2 listing the ids" '[ $rc -eq 2 ] && echo "$out" | grep -q "12 missing point(s): 1, 4, 7" && [ ! -e "$work/m2.csv" ]'
out=$("$cimsim" merge --out "$work/m2.csv" "$work"/shard?.csv "$work/shard1.csv" 2>&1); rc=$?
check "merge with a shard given twice exits 2 naming duplicates" '[ $rc -eq 2 ] && echo "$out" | grep -q "12 duplicated point(s)"'
out=$("$cimsim" merge --out "$work/m2.csv" "$work/shard0.csv" "$work/err.csv" 2>&1); rc=$?
check "merge of two different sweeps exits 2" '[ $rc -eq 2 ] && echo "$out" | grep -q "not a shard of the same sweep"'

out=$("$cimsim" sweep "${small[@]}" --out "$work/p.csv" --pareto 2>/dev/null); rc=$?
check "--pareto marks a front per workload, prints it and sorts by point" \
  '[ $rc -eq 0 ] && head -1 "$work/p.csv" | grep -q ",pareto,message$" && echo "$out" | grep -q "Pareto front" &&
   [ "$(grep -c ",1,$" "$work/p.csv")" -ge 2 ] && [ "$(tail -n +2 "$work/p.csv" | cut -d, -f1 | tr "\n" " ")" = "$(seq -s " " 0 35) " ]'
check "every workload has a front point" \
  '[ "$(grep ",1,$" "$work/p.csv" | cut -d, -f5 | sort -u | wc -l)" -eq 2 ]'

echo "$failures failed"
[ $failures -eq 0 ]
