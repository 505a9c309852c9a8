#!/usr/bin/env bash
# ONNX models exported by PyTorch (scripts/export_onnx_models.py: torchvision's resnet18 and
# mobilenet_v2, random weights) import with the weights and MACs PyTorch counts, and place and
# price exactly as the shipped CSV workloads of the same networks.
# Usage: test_cli_onnx.sh CIMSIM SOURCE_DIR
set -u
cimsim=$1; source_dir=$2; work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
failures=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAILED: $1"; failures=$((failures + 1)); fi; }

if ! /usr/bin/python3 "$source_dir/scripts/export_onnx_models.py" "$work" >"$work/export.log" 2>&1; then
  cat "$work/export.log"
  echo "FAILED: the export needs Debian's python3-torch and python3-torchvision (scripts/install-deps.sh)"
  exit 1
fi

# Weights (rows x columns x groups of every crossbar layer) and MACs of a `map --out` table.
totals() {
  /usr/bin/python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print(sum(int(r["matrix_rows"]) * int(r["matrix_cols"]) * int(r["groups"]) for r in rows))' "$1"
}
for net in resnet18 mobilenet_v2; do
  "$cimsim" map --workload "$work/$net.onnx" --out "$work/$net.onnx.csv" >/dev/null 2>"$work/err"; rc=$?
  check "$net.onnx maps" '[ $rc -eq 0 ] || { cat "$work/err"; false; }'
  "$cimsim" map --workload "$net" --out "$work/$net.csv" >/dev/null
  torch_weights=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]]["weights"])' "$work/torch_counts.json" "$net")
  torch_macs=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]]["macs"])' "$work/torch_counts.json" "$net")
  check "$net: the imported weights are PyTorch's ($torch_weights)" '[ "$(totals "$work/$net.onnx.csv")" = "$torch_weights" ]'
  macs=$("$cimsim" run --workload "$work/$net.onnx" | sed -n 's/^.*: \([0-9]*\) MACs per inference.*$/\1/p')
  check "$net: the imported MACs are PyTorch's ($torch_macs)" '[ "$macs" = "$torch_macs" ]'
  check "$net: the placement equals the shipped CSV's, layer for layer (names aside)" \
    'diff <(cut -d, -f2- "$work/$net.onnx.csv") <(cut -d, -f2- "$work/$net.csv") >/dev/null'
done
check "the format is detected by content, not by the extension" \
  'cp "$work/resnet18.onnx" "$work/model.bin" && "$cimsim" map --workload "$work/model.bin" >/dev/null'
out=$("$cimsim" run --workload "$work/resnet18.onnx" --workload-format cimsim 2>&1); rc=$?
check "an ONNX file read as CSV is refused with exit 2 naming it" '[ $rc -eq 2 ] && echo "$out" | grep -q "$work/resnet18.onnx"'
head -c 100000 "$work/resnet18.onnx" >"$work/truncated.onnx"
out=$("$cimsim" run --workload "$work/truncated.onnx" 2>&1); rc=$?
check "a truncated model: exit 2, not a valid ONNX model" '[ $rc -eq 2 ] && echo "$out" | grep -q "truncated.onnx: not a valid ONNX model"'
echo "$failures failed"
[ $failures -eq 0 ]
