#!/usr/bin/env bash
# `cimsim prune` and the sparsity report of `cimsim run` as a user types them.
# Usage: test_cli_prune.sh CIMSIM
set -u
cimsim=$1; work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
failures=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAILED: $1"; failures=$((failures + 1)); fi; }

"$cimsim" prune --help >"$work/help.txt"; rc=$?
check "prune --help exits 0 and names the structures" '[ $rc -eq 0 ] && grep -q "unstructured|rows|columns" "$work/help.txt"'
"$cimsim" train --model mlp_digits --epochs 3 --out "$work/w" >/dev/null
"$cimsim" prune --weights "$work/w" --out "$work/p" --structure columns --sparsity 0.5 >"$work/p.txt"; rc=$?
check "column pruning succeeds and writes the compacted network" '[ $rc -eq 0 ] && [ -s "$work/p/compacted.csv" ] && [ -s "$work/p/network.csv" ]'
check "compaction halves fc1: 9 arrays -> 5" 'grep -q "^compacted  *5 " "$work/p.txt" && grep -q "64x64" "$work/p.txt"'
"$cimsim" run --workload "$work/p/compacted.csv" >/dev/null; rc=$?
check "the compacted network runs" '[ $rc -eq 0 ]'
"$cimsim" accuracy --weights "$work/p" >/dev/null; rc=$?
check "the pruned weights load for accuracy" '[ $rc -eq 0 ]'
"$cimsim" prune --weights "$work/w" --out "$work/q" --structure diagonal 2>"$work/err.txt"; rc=$?
check "an unknown structure exits 2 naming it" '[ $rc -eq 2 ] && grep -q "diagonal" "$work/err.txt"'
"$cimsim" run --workload mlp_digits --sparsity.input_zero_fraction 0.5 --json "$work/r.json" >"$work/r.txt"; rc=$?
check "run reports what sparsity saved" '[ $rc -eq 0 ] && grep -q "activation sparsity" "$work/r.txt" && grep -q "sparsity_saved" "$work/r.json"'
"$cimsim" run --workload mlp_digits --json "$work/d.json" >"$work/d.txt"
check "dense run has no sparsity section" '! grep -q "activation sparsity" "$work/d.txt" && ! grep -q "sparsity_saved" "$work/d.json"'
exit $((failures > 0))
