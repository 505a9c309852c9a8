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

: >"$work/empty.csv"
out=$("$cimsim" map --workload "$work/empty.csv" 2>&1); rc=$?
check "empty workload exits 2 naming the file" '[ $rc -eq 2 ] && echo "$out" | grep -qF "$work/empty.csv: empty file"'
out=$("$cimsim" map 2>&1); rc=$?
check "missing --workload exits 2" '[ $rc -eq 2 ] && echo "$out" | grep -q "workload"'
out=$("$cimsim" map --workload vgg8_cifar10 --out /nonexistent/dir/x.csv 2>&1); rc=$?
check "unwritable --out exits 2 naming it" '[ $rc -eq 2 ] && echo "$out" | grep -qF "/nonexistent/dir/x.csv"'

echo "$failures failed"
[ $failures -eq 0 ]
