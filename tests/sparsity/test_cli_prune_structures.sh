#!/usr/bin/env bash
# `cimsim prune --structure blocks|complementary` as a user types them, the pruned weight files
# checked against each structure's rule.
# Usage: test_cli_prune_structures.sh CIMSIM
set -u
cimsim=$1; work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
failures=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAILED: $1"; failures=$((failures + 1)); fi; }

# Array blocks of R rows x L columns of a weight CSV that hold only zeros.
zero_blocks() {
  awk -F, -v R="$2" -v L="$3" '{ for (j = 1; j <= NF; j++) { b = int((NR - 1) / R) "," int((j - 1) / L); seen[b] = 1; if ($j != 0) nz[b] = 1 } }
    END { for (b in seen) if (!(b in nz)) z++; print z + 0 }' "$1"
}
# Whether every column of a weight CSV has its non-zeros in one row group (row mod K), and no group
# has more than ceil(columns / K) columns.
packed() {
  awk -F, -v k="$2" '{ for (j = 1; j <= NF; j++) if ($j != 0) { g = (NR - 1) % k; if ((j in grp) && grp[j] != g) bad = 1; grp[j] = g } }
    END { cap = int((NF + k - 1) / k); for (j in grp) n[grp[j]]++; for (g in n) if (n[g] > cap) bad = 1; exit bad }' "$1"
}
# The exact one-line error of a prune that must fail with exit code 2.
fails_with() {
  "$cimsim" prune --weights "$work/w" --out "$work/bad" "${@:2}" 2>"$work/err.txt"
  [ $? -eq 2 ] && [ "$(cat "$work/err.txt")" = "$1" ]
}

"$cimsim" prune --help >"$work/help.txt"
check "prune --help names both structures and --packing" 'grep -q "unstructured|rows|columns|blocks|complementary" "$work/help.txt" && grep -q -- "--packing K" "$work/help.txt"'
"$cimsim" train --model mlp_digits --epochs 3 --out "$work/w" >/dev/null

"$cimsim" prune --weights "$work/w" --out "$work/b" --structure blocks >"$work/b.txt"; rc=$?
check "blocks on the default 128 x 128 arrays: fc2 is one block and stays" '[ $rc -eq 0 ] && grep -q "^layer fc2 is a single array block on this design: blocks pruning keeps it whole$" "$work/b.txt" && ! grep -q "^layer fc1 " "$work/b.txt"'
check "blocks on 128 x 128: fc1 loses 4 of its 8 blocks of 64 x 16, fc2 none" '[ "$(zero_blocks "$work/b/fc1.weights.csv" 64 16)" = 4 ] && [ "$(zero_blocks "$work/b/fc2.weights.csv" 128 16)" = 0 ]'
"$cimsim" prune --weights "$work/w" --out "$work/b32" --structure blocks --sparsity 0.5 --array.rows 32 >"$work/b32.txt"; rc=$?
check "blocks on 32-row arrays: fc1 loses 8 of 16 blocks, fc2 2 of 4: 50% of the weights" '[ $rc -eq 0 ] && [ "$(zero_blocks "$work/b32/fc1.weights.csv" 32 16)" = 8 ] && [ "$(zero_blocks "$work/b32/fc2.weights.csv" 32 16)" = 2 ] && grep -q "^pruned  *50.00 " "$work/b32.txt" && ! grep -q "single array block" "$work/b32.txt"'

for k in 2 4; do
  "$cimsim" prune --weights "$work/w" --out "$work/c$k" --structure complementary --packing $k --finetune-epochs 1 >"$work/c$k.txt"; rc=$?
  check "complementary K = $k succeeds and fine-tunes" '[ $rc -eq 0 ] && grep -q "^fine-tuned " "$work/c$k.txt"'
  check "complementary K = $k: every column in one row group, balanced, after fine-tuning" 'packed "$work/c$k/fc1.weights.csv" $k && packed "$work/c$k/fc2.weights.csv" $k'
done
check "complementary removes 1 - 1/K of the weights" 'grep -q "^pruned  *50.00 " "$work/c2.txt" && grep -q "^fine-tuned  *75.00 " "$work/c4.txt"'
check "a dense model is not one row group per column (the check can fail)" '! packed "$work/w/fc1.weights.csv" 2'
"$cimsim" accuracy --weights "$work/c4" >/dev/null; rc=$?
check "the complementary weights load for accuracy" '[ $rc -eq 0 ]'

# The mapper uses the pruned weights' zeros: blocks left out, columns packed.
"$cimsim" map --weights "$work/b32" --array.rows 32 >"$work/map_b32.txt"; rc=$?
check "map --weights leaves out the pruned blocks: 8 + 2 of 16 + 4 arrays" '[ $rc -eq 0 ] && grep -q "^policy per_layer: 10 arrays" "$work/map_b32.txt"'
check "prune reports the blocks left out" 'grep -q "^blocks left out  *10 " "$work/b32.txt"'
check "prune packs complementary K = 4 weights: 8 + 1 arrays become 2 + 1" 'grep -q "^packed  *3 " "$work/c4.txt"'
"$cimsim" run --weights "$work/c4" --mapping.policy complementary >"$work/run_c4.txt"; rc=$?
check "run reports the packing achieved: fc1 4 row groups, 128 columns in 32, 8 -> 2 arrays; fc2 10 in 3" '[ $rc -eq 0 ] && grep -Eq "^fc1 +4 +128 +32 +4.00 +8 -> 2 " "$work/run_c4.txt" && grep -Eq "^fc2 +4 +10 +3 +3.33 +1 -> 1 " "$work/run_c4.txt"'
"$cimsim" simulate --weights "$work/c4" --mapping.policy complementary >/dev/null; rc=$?
check "simulate runs packed weights" '[ $rc -eq 0 ]'
"$cimsim" sweep --workload mlp_digits,lenet5 --weights "$work/c4" --vary mapping.policy=per_layer,complementary \
  --simulate --out "$work/sweep.csv" >/dev/null 2>&1; rc=$?
row() { awk -F, -v w="$1" -v p="$2" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
  $col["workload"] == w && $col["mapping.policy"] == p { print $col["status"], $col["arrays_used"], ($col["sim_cycles"] > 0) }' "$work/sweep.csv"; }
check "sweep --weights maps the workload the weights fit with their zeros: packed 3 arrays, simulated" '[ $rc -eq 0 ] && [ "$(row mlp_digits complementary)" = "ok 3 1" ] && [ "$(row mlp_digits per_layer)" = "ok 9 1" ]'
check "sweep --weights leaves other workloads dense: complementary is an error row there" '[ "$(row lenet5 complementary | cut -d" " -f1)" = error ] && [ "$(row lenet5 per_layer | cut -d" " -f1)" = ok ]'
"$cimsim" run --workload mlp_digits --mapping.policy complementary >/dev/null 2>"$work/err.txt"; rc=$?
check "complementary without weights is refused" '[ $rc -eq 2 ] && [ "$(cat "$work/err.txt")" = "cimsim: mapping.policy = complementary packs columns by where the weights are zero: it needs the weights (--weights DIR of cimsim map, run, simulate or sweep)" ]'
"$cimsim" run --workload mlp_digits --weights "$work/c4" >/dev/null 2>"$work/err.txt"; rc=$?
check "--workload and --weights together are refused" '[ $rc -eq 2 ] && [ "$(cat "$work/err.txt")" = "cimsim: give either --workload NAME|FILE or --weights DIR" ]'

check "complementary without --packing is refused" 'fails_with "cimsim: command line: --structure complementary needs --packing K (K >= 2 row groups)" --structure complementary'
check "packing 1 is refused" 'fails_with "cimsim: prune structure '"'"'complementary'"'"': packing 1: expected K >= 2 row groups" --structure complementary --packing 1'
check "--packing with another structure is refused" 'fails_with "cimsim: command line: --packing applies only to --structure complementary" --structure blocks --packing 2'
check "--sparsity with complementary is refused" 'fails_with "cimsim: command line: --sparsity does not apply to --structure complementary (it removes 1 - 1/K of the weights)" --structure complementary --packing 2 --sparsity 0.5'
check "an unknown structure lists the known ones" 'fails_with "cimsim: prune structure '"'"'diagonal'"'"': unknown, expected one of unstructured rows columns blocks complementary" --structure diagonal'
exit $((failures > 0))
