#!/usr/bin/env bash
# `cimsim map` as a user types it. Usage: test_cli_map.sh CIMSIM SOURCE_DIR
set -u
cimsim=$1; source_dir=$2; work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
failures=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAILED: $1"; failures=$((failures + 1)); fi; }

"$cimsim" map --workload vgg8_cifar10 --out "$work/a.csv" >"$work/a.txt"; rc=$?
check "map vgg8 succeeds" '[ $rc -eq 0 ]'
check "CSV has a header and one row per crossbar layer" '[ "$(wc -l <"$work/a.csv")" -eq 9 ] && head -1 "$work/a.csv" | grep -q "^layer,kind,matrix_rows"'
check "summary names arrays and utilization" 'grep -q "arrays" "$work/a.txt" && grep -q "utilization" "$work/a.txt"'
"$cimsim" map --workload vgg8_cifar10 --out "$work/b.csv" >/dev/null
check "output is deterministic" 'cmp -s "$work/a.csv" "$work/b.csv"'
"$cimsim" map --workload "$source_dir/workloads/neurosim/NetWork_VGG8.csv" --workload-format neurosim --out "$work/n.csv" >/dev/null
check "NeuroSim import maps to the same arrays" 'diff <(cut -d, -f2- "$work/a.csv") <(cut -d, -f2- "$work/n.csv") >/dev/null'

vgg8=$source_dir/workloads/neurosim/NetWork_VGG8.csv
"$cimsim" map --workload "$vgg8" --mapping.policy neurosim --chip.pipelining none >"$work/ns.txt"; rc=$?
check "policy neurosim prints the V1.4 manual's 98.73% (novel) and 90.65% (conventional)" \
  '[ $rc -eq 0 ] && grep -q "92 tiles, memory utilization of the whole chip 98.73% (with conventional mapping 90.65%)" "$work/ns.txt"'
"$cimsim" map --workload "$vgg8" --mapping.policy neurosim --out "$work/ns.csv" >"$work/nsp.txt"
check "pipelined: 103 tiles at 98.10%, NeuroSim's speed-ups as the copies" \
  'grep -q "^103 tiles, memory utilization of the whole chip 98.10%" "$work/nsp.txt" && [ "$(cut -d, -f10 "$work/ns.csv" | tail -n +2 | tr "\n" " ")" = "16 16 4 4 2 1 1 8 " ]'
out=$("$cimsim" map --workload mobilenet_v2 --mapping.policy neurosim 2>&1); rc=$?
check "policy neurosim refuses a depthwise conv naming the layer" '[ $rc -eq 2 ] && echo "$out" | grep -q "grouped convolutions"'

: >"$work/empty.csv"
out=$("$cimsim" map --workload "$work/empty.csv" 2>&1); rc=$?
check "empty workload exits 2 naming the file" '[ $rc -eq 2 ] && echo "$out" | grep -qF "$work/empty.csv: empty file"'
out=$("$cimsim" map 2>&1); rc=$?
check "missing --workload exits 2" '[ $rc -eq 2 ] && echo "$out" | grep -q "workload"'
out=$("$cimsim" map --workload vgg8_cifar10 --out /nonexistent/dir/x.csv 2>&1); rc=$?
check "unwritable --out exits 2 naming it" '[ $rc -eq 2 ] && echo "$out" | grep -qF "/nonexistent/dir/x.csv"'

echo "$failures failed"
[ $failures -eq 0 ]
