#!/usr/bin/env bash
# `cimsim simulate` as a user types it. Usage: test_cli_simulate.sh CIMSIM SOURCE_DIR
set -u
cimsim=$1; source_dir=$2; work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
failures=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAILED: $1"; failures=$((failures + 1)); fi; }

"$cimsim" simulate --workload lenet5 --inferences 2 --out "$work/a.csv" --json "$work/a.json" >"$work/a.txt" 2>"$work/a.err"; rc=$?
check "simulate lenet5 succeeds" '[ $rc -eq 0 ]'
check "no SystemC banner, no warnings" '! grep -qi "copyright" "$work/a.txt" && [ ! -s "$work/a.err" ]'
check "CSV: header, 12 layers and a total row" '[ "$(wc -l <"$work/a.csv")" -eq 14 ] && head -1 "$work/a.csv" | grep -q "^layer,kind,macs,energy_cell_read_pj,.*,energy_total_pj,latency_ns,.*,copies,start_ns,end_ns," && tail -1 "$work/a.csv" | grep -q "^total,"'
check "CSV carries run's energy columns priced from the simulated counts" '[ "$(cut -d, -f16 "$work/a.csv" | tail -1)" != "0" ] && head -1 "$work/a.csv" | grep -q "baseline_energy_pj"'
check "CSV names the bottleneck and the event counters" 'head -1 "$work/a.csv" | grep -q "bottleneck.*dac_pulses.*interconnect_bit_hops"'
check "JSON holds latency, throughput and per-layer counts" 'grep -q "\"latency_ns\"" "$work/a.json" && grep -q "\"throughput_inferences_per_s\"" "$work/a.json" && grep -q "\"adc_conversions\"" "$work/a.json"'
check "summary reports latency, throughput and events" 'grep -q "latency" "$work/a.txt" && grep -q "inferences/s" "$work/a.txt" && grep -q "adc_conversions" "$work/a.txt"'
"$cimsim" simulate --workload lenet5 --inferences 2 --out "$work/b.csv" >/dev/null
check "output is deterministic" 'cmp -s "$work/a.csv" "$work/b.csv"'
"$cimsim" simulate --workload "$source_dir/workloads/networks/mlp_digits.csv" --chip.interconnect bus --chip.pipelining none >/dev/null; rc=$?
check "a workload file and config keys work" '[ $rc -eq 0 ]'

out=$("$cimsim" simulate --workload no_such_network 2>&1); rc=$?
check "bad workload exits 2 naming it" '[ $rc -eq 2 ] && echo "$out" | grep -q "no_such_network"'
out=$("$cimsim" simulate --workload lenet5 --inferences 0 2>&1); rc=$?
check "zero inferences exits 2" '[ $rc -eq 2 ] && echo "$out" | grep -q "inferences"'
out=$("$cimsim" simulate --workload lenet5 --out /nonexistent/dir/x.csv 2>&1); rc=$?
check "unwritable --out exits 2 naming it" '[ $rc -eq 2 ] && echo "$out" | grep -qF "/nonexistent/dir/x.csv"'

echo "$failures failed"
[ $failures -eq 0 ]
