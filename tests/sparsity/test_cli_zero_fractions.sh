#!/usr/bin/env bash
# Measured per-layer input zero fractions (accuracy / replay --write-zero-fractions) priced by
# `cimsim run --sparsity.layer_zero_fractions`, as a user types it.
# Usage: test_cli_zero_fractions.sh CIMSIM SOURCE_DIR
set -u
cimsim=$1; source_dir=$2; work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
failures=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAILED: $1"; failures=$((failures + 1)); fi; }
fraction() { awk -F, -v layer="$2" '$1 == layer { print $2 }' "$1"; }

"$cimsim" train --model mlp_digits --epochs 3 --out "$work/w" >/dev/null
"$cimsim" accuracy --weights "$work/w" --write-zero-fractions "$work/z.csv" >"$work/a.txt"; rc=$?
check "accuracy writes the measured fractions" '[ $rc -eq 0 ] && [ "$(head -1 "$work/z.csv")" = "layer,input_zero_fraction" ] && [ "$(cut -d, -f1 "$work/z.csv" | tail -n +2 | tr "\n" " ")" = "fc1 fc2 " ]'
check "accuracy names the file" 'grep -qF "written to $work/z.csv" "$work/a.txt"'
check "no temporary file is left behind" '[ -z "$(ls "$work" | grep -F .tmp.)" ]'
check "fc1's inputs are pixels: 40..60% zero" 'awk "BEGIN { exit !($(fraction "$work/z.csv" fc1) > 0.4 && $(fraction "$work/z.csv" fc1) < 0.6) }"'

"$cimsim" run --workload mlp_digits --sparsity.layer_zero_fractions "$work/z.csv" --json "$work/r.json" >"$work/r.txt"; rc=$?
fc1=$(printf '%.4f' "$(fraction "$work/z.csv" fc1)"); fc2=$(printf '%.4f' "$(fraction "$work/z.csv" fc2)")
check "run prices the measured file" '[ $rc -eq 0 ] && grep -qF "zero inputs per layer from $work/z.csv" "$work/r.txt"'
check "the sparsity table shows each layer's fraction" 'grep -Eq "^fc1 +$fc1 " "$work/r.txt" && grep -Eq "^fc2 +$fc2 " "$work/r.txt"'
check "the JSON carries each layer's fraction (not the total)" '[ "$(grep -c "\"input_zero_fraction\"" "$work/r.json")" -eq 2 ]'

printf 'layer,input_zero_fraction\nfc1,0.5\nfc2,0.5\n' >"$work/half.csv"
"$cimsim" run --workload mlp_digits --sparsity.layer_zero_fractions "$work/half.csv" | grep -v "^activation sparsity" >"$work/h.txt"
"$cimsim" run --workload mlp_digits --sparsity.input_zero_fraction 0.5 | grep -v "^activation sparsity" >"$work/u.txt"
check "every layer at 0.5 in the file prices as input_zero_fraction 0.5" 'cmp -s "$work/h.txt" "$work/u.txt"'

mkdir -p "$work/cfg" "$work/elsewhere"
printf '[sparsity]\nlayer_zero_fractions = ../z.csv\n' >"$work/cfg/s.ini"
(cd "$work/elsewhere" && "$cimsim" run --workload mlp_digits --config ../cfg/s.ini >"$work/ini.txt"); rc=$?
check "a relative path in an INI file is relative to that file" '[ $rc -eq 0 ] && grep -Eq "^fc1 +$fc1 " "$work/ini.txt"'
"$cimsim" config --config "$work/cfg/s.ini" --dump >"$work/d1.ini"
(cd "$work/elsewhere" && "$cimsim" config --config "$work/d1.ini" --dump >"$work/d2.ini")
check "the dump names the file absolutely and loads back from anywhere" 'grep -qx "layer_zero_fractions = $work/z.csv" "$work/d1.ini" && cmp -s "$work/d1.ini" "$work/d2.ini"'

err=$("$cimsim" run --workload cnn_digits --sparsity.layer_zero_fractions "$work/z.csv" 2>&1 >/dev/null); rc=$?
check "a layer the network lacks exits 2 naming file, line and layer" '[ $rc -eq 2 ] && [ "$err" = "cimsim: $work/z.csv:2: column '"'"'layer'"'"': '"'"'fc1'"'"' is not a crossbar layer of the network '"'"'cnn_digits'"'"' (its crossbar layers: conv1 conv2 fc)" ]'
printf 'layer,input_zero_fraction\nfc1,0.5\nfc2,nan\n' >"$work/bad.csv"
err=$("$cimsim" run --workload mlp_digits --sparsity.layer_zero_fractions "$work/bad.csv" 2>&1 >/dev/null); rc=$?
check "a NaN exits 2 naming file, line and column" '[ $rc -eq 2 ] && [ "$err" = "cimsim: $work/bad.csv:3: column '"'"'input_zero_fraction'"'"': '"'"'nan'"'"' is not a finite number" ]'

trace=$source_dir/workloads/replay/mlp_digits
"$cimsim" replay --trace "$trace" --workload mlp_digits --write-zero-fractions "$work/rz.csv" >/dev/null; rc=$?
check "replay writes the recorded inputs' fractions" '[ $rc -eq 0 ] && [ "$(wc -l <"$work/rz.csv")" -eq 3 ]'
"$cimsim" run --workload mlp_digits --sparsity.layer_zero_fractions "$work/rz.csv" >/dev/null; rc=$?
check "run prices the replay's file" '[ $rc -eq 0 ]'
err=$("$cimsim" replay --trace "$trace" --write-zero-fractions "$work/none.csv" 2>&1 >/dev/null); rc=$?
check "replay without --workload exits 2 and writes nothing" '[ $rc -eq 2 ] && echo "$err" | grep -q "needs --workload" && [ ! -e "$work/none.csv" ]'
err=$("$cimsim" replay --trace "$trace" --workload cnn_digits --write-zero-fractions "$work/none.csv" 2>&1 >/dev/null); rc=$?
check "a trace of another network exits 2" '[ $rc -eq 2 ] && [ "$err" = "cimsim: network '"'"'cnn_digits'"'"' has 3 crossbar layers but the trace has 2" ]'

echo "$failures failed"
[ $failures -eq 0 ]
