#!/usr/bin/env bash
# ONNX models exported by PyTorch (scripts/export_onnx_models.py: torchvision's resnet18 and
# mobilenet_v2, random weights) import with the weights and MACs PyTorch counts, place and price
# exactly as the shipped CSV workloads of the same networks, and compute what PyTorch computes.
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
# Fidelity (accuracy --workload): the float network computes what PyTorch did on the exported batch
# (float32 rounding only: SNR above 80 dB), the lossless arrays (adc.bits 16 resolves every column
# sum) agree with exact int8 on every top-1, and the output SNR falls as ADC bits fall.
snr_of() { sed -n "s/^$1 *\([-0-9.inf]*\) .*$/\1/p"; }
for net in resnet18 mobilenet_v2; do
  out=$("$cimsim" accuracy --workload "$work/$net.onnx" --inputs "$work/${net}_inputs.npy" --labels "$work/${net}_labels.npy" \
        --reference-outputs "$work/${net}_outputs.npy" --adc.bits 16 2>&1); rc=$?
  check "$net: accuracy --workload runs on the exported batch" '[ $rc -eq 0 ] || { echo "$out"; false; }'
  float_snr=$(echo "$out" | sed -n 's/^float network against .*: SNR \([0-9.]*\) dB.*$/\1/p')
  check "$net: the float network reproduces PyTorch's outputs (SNR $float_snr dB > 80)" \
    'awk -v s="$float_snr" "BEGIN { exit !(s > 80) }"'
  check "$net: lossless arrays agree with exact int8 on 100% of top-1" \
    'echo "$out" | grep -q "top-1 agreement with exact int8: 100.00%"'
  check "$net: float accuracy on PyTorch's own top-1 classes is 100%" 'echo "$out" | grep -q "accuracy: float 100.00%"'
done
# A transformer's feed-forward block on tokens (scripts/export_onnx_models.py token_mlp): PyTorch
# writes its layer norm and GELU decomposed at opset 13; cimsim fuses them back and computes what
# PyTorch did on (N, T, F) inputs.
mkdir -p "$work/tokens"
if /usr/bin/python3 "$source_dir/scripts/export_onnx_models.py" "$work/tokens" token_mlp >"$work/tokens.log" 2>&1; then
  kinds=$("$cimsim" run --workload "$work/tokens/token_mlp.onnx" --json "$work/tokens/run.json" >/dev/null 2>&1 &&
          /usr/bin/python3 -c 'import json,sys; print(" ".join(l["kind"] for l in json.load(open(sys.argv[1]))["layers"]))' "$work/tokens/run.json")
  check "token_mlp: the decomposed layer norm and GELU import as one layer each ($kinds)" '[ "$kinds" = "linear layernorm gelu linear" ]'
  out=$("$cimsim" accuracy --workload "$work/tokens/token_mlp.onnx" --inputs "$work/tokens/token_mlp_inputs.npy" \
        --reference-outputs "$work/tokens/token_mlp_outputs.npy" 2>&1)
  float_snr=$(echo "$out" | sed -n 's/^float network against .*: SNR \([0-9.]*\) dB.*$/\1/p')
  check "token_mlp: the float network reproduces PyTorch's outputs (SNR $float_snr dB > 80)" \
    'awk -v s="$float_snr" "BEGIN { exit !(s > 80) }"'
else
  cat "$work/tokens.log"
  check "token_mlp exports" false
fi
# DenseNet-121: concatenations, batch norms after them (a digital scale and shift), zero Pads.
mkdir -p "$work/densenet"
if /usr/bin/python3 "$source_dir/scripts/export_onnx_models.py" "$work/densenet" densenet121 >"$work/densenet.log" 2>&1; then
  net="$work/densenet/densenet121"
  "$cimsim" map --workload "$net.onnx" --out "$net.csv" >/dev/null 2>&1
  torch_weights=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["densenet121"]["weights"])' "$work/densenet/torch_counts.json")
  check "densenet121: the imported weights are PyTorch's ($torch_weights)" '[ "$(totals "$net.csv")" = "$torch_weights" ]'
  out=$("$cimsim" accuracy --workload "$net.onnx" --inputs "${net}_inputs.npy" --reference-outputs "${net}_outputs.npy" --adc.bits 16 2>&1)
  float_snr=$(echo "$out" | sed -n 's/^float network against .*: SNR \([0-9.]*\) dB.*$/\1/p')
  check "densenet121: the float network reproduces PyTorch's outputs (SNR $float_snr dB > 80)" \
    'awk -v s="$float_snr" "BEGIN { exit !(s > 80) }"'
else
  cat "$work/densenet.log"
  check "densenet121 exports" false
fi
previous=inf
for bits in 8 6 4; do
  snr=$("$cimsim" accuracy --workload "$work/resnet18.onnx" --images 1 --adc.bits $bits | snr_of output)
  check "resnet18: output SNR falls with ADC bits ($bits bits: $snr dB, after $previous)" \
    'awk -v s="$snr" -v p="$previous" "BEGIN { exit !(s != \"\" && (p == \"inf\" || s + 0 < p + 0)) }"'
  previous=$snr
done
# A CNN trained on the digits in PyTorch (scripts/export_digits_cnn.py): cimsim's int8 (and ideal
# analog) accuracy equals PyTorch's own int8 evaluation of the same model within 0.5 points.
if /usr/bin/python3 "$source_dir/scripts/export_digits_cnn.py" "$work" >"$work/digits.log" 2>&1; then
  out=$("$cimsim" accuracy --workload "$work/digits_cnn.onnx" --inputs "$work/digits_cnn_test.npy" \
        --labels "$work/digits_cnn_test_labels.npy" --calibration "$work/digits_cnn_calibration.npy" --adc.bits 16 2>&1)
  torch_int8=$(/usr/bin/python3 -c 'import json,sys; print(100 * json.load(open(sys.argv[1]))["int8_accuracy"])' "$work/digits_cnn_torch.json")
  cimsim_int8=$(echo "$out" | sed -n 's/^accuracy: float [0-9.]*%, int8 \([0-9.]*\)%, analog \([0-9.]*\)%.*$/\1/p')
  ideal=$(echo "$out" | sed -n 's/^accuracy: .*, analog \([0-9.]*\)%.*$/\1/p')
  check "digits CNN: cimsim's int8 accuracy ($cimsim_int8%) is PyTorch's int8 ($torch_int8%) within 0.5 points" \
    'awk -v a="$cimsim_int8" -v b="$torch_int8" "BEGIN { d = a - b; exit !(a != \"\" && d < 0.5 && d > -0.5) }"'
  check "digits CNN: the ideal analog path gives the int8 accuracy ($ideal%)" '[ -n "$ideal" ] && [ "$ideal" = "$cimsim_int8" ]'
  # A sweep with fidelity: per-point columns, the most faithful point on the front, the report's section.
  "$cimsim" sweep --workload "$work/digits_cnn.onnx" --vary adc.bits=3,5,8 --fidelity --inputs "$work/digits_cnn_test.npy" \
    --out "$work/fidelity.csv" --pareto >"$work/sweep.log" 2>&1; rc=$?
  check "sweep --fidelity runs" '[ $rc -eq 0 ] || { cat "$work/sweep.log"; false; }'
  fidelity_of() { /usr/bin/python3 -c '
import csv, sys
for row in csv.DictReader(open(sys.argv[1])):
    if row["adc.bits"] == sys.argv[2]: print(row[sys.argv[3]])' "$work/fidelity.csv" "$1" "$2"; }
  check "sweep --fidelity: 8-bit ADCs are more faithful than 3-bit ones ($(fidelity_of 8 fidelity_snr_db) vs $(fidelity_of 3 fidelity_snr_db) dB)" \
    'awk -v a="$(fidelity_of 8 fidelity_snr_db)" -v b="$(fidelity_of 3 fidelity_snr_db)" "BEGIN { exit !(a > b) }"'
  check "sweep --fidelity --pareto: the most faithful point is on the front" '[ "$(fidelity_of 8 pareto)" = 1 ]'
  check "the report plots fidelity against energy" \
    '"$cimsim" report "$work/fidelity.csv" --out "$work/fidelity.html" --md "$work/fidelity.md" >/dev/null && grep -q "## Fidelity vs energy" "$work/fidelity.md"'
else
  cat "$work/digits.log"
  check "the digits CNN trains and exports (scripts/export_digits_cnn.py)" false
fi
out=$("$cimsim" sweep --workload resnet18 --fidelity --out "$work/no.csv" 2>&1); rc=$?
check "sweep --fidelity on a workload without weights: exit 2 naming it" '[ $rc -eq 2 ] && echo "$out" | grep -q "resnet18.csv: a cimsim network file has no weights"'
out=$("$cimsim" sweep --workload resnet18 --inputs x.npy --out "$work/no.csv" 2>&1); rc=$?
check "sweep --inputs without --fidelity: exit 2" '[ $rc -eq 2 ] && echo "$out" | grep -q "need --fidelity"' 
out=$("$cimsim" accuracy --workload resnet18 2>&1); rc=$?
check "a CSV workload has no weights: exit 2 naming the file" '[ $rc -eq 2 ] && echo "$out" | grep -q "resnet18.csv: a cimsim network file has no weights"'
out=$("$cimsim" accuracy --workload "$work/resnet18.onnx" --inputs "$work/mobilenet_v2_labels.npy" 2>&1); rc=$?
check "inputs of the wrong shape: exit 2 naming the file and the input" \
  '[ $rc -eq 2 ] && echo "$out" | grep -q "mobilenet_v2_labels.npy: shape (4), expected (N, ...) with N >= 1 images of 150528 values"'

# A model exported with symbolic height and width: --input-shape fixes them, everywhere a workload is read.
/usr/bin/python3 -c 'import torch, torchvision, sys
torch.onnx.export(torchvision.models.resnet18(weights=None).eval(), torch.zeros(1, 3, 224, 224), sys.argv[1],
                  opset_version=13, input_names=["image"], dynamic_axes={"image": {2: "height", 3: "width"}})' \
  "$work/dynamic.onnx" 2>/dev/null
out=$("$cimsim" map --workload "$work/dynamic.onnx" 2>&1); rc=$?
check "symbolic input dimensions: exit 2 pointing to --input-shape" '[ $rc -eq 2 ] && echo "$out" | grep -q "give --input-shape"'
"$cimsim" map --workload "$work/dynamic.onnx" --input-shape 1,3,224,224 --out "$work/dynamic.csv" >/dev/null 2>&1
check "--input-shape 1,3,224,224 gives the fixed export's placement" \
  'diff <(cut -d, -f2- "$work/dynamic.csv") <(cut -d, -f2- "$work/resnet18.onnx.csv") >/dev/null'
out=$("$cimsim" run --workload resnet18 --input-shape 1,3,224,224 2>&1); rc=$?
check "--input-shape on a CSV workload: exit 2" '[ $rc -eq 2 ] && echo "$out" | grep -q "input-shape applies to ONNX models"'

check "the format is detected by content, not by the extension" \
  'cp "$work/resnet18.onnx" "$work/model.bin" && "$cimsim" map --workload "$work/model.bin" >/dev/null'
out=$("$cimsim" run --workload "$work/resnet18.onnx" --workload-format cimsim 2>&1); rc=$?
check "an ONNX file read as CSV is refused with exit 2 naming it" '[ $rc -eq 2 ] && echo "$out" | grep -q "$work/resnet18.onnx"'
head -c 100000 "$work/resnet18.onnx" >"$work/truncated.onnx"
out=$("$cimsim" run --workload "$work/truncated.onnx" 2>&1); rc=$?
check "a truncated model: exit 2, not a valid ONNX model" '[ $rc -eq 2 ] && echo "$out" | grep -q "truncated.onnx: not a valid ONNX model"'
echo "$failures failed"
[ $failures -eq 0 ]
