#!/usr/bin/env bash
# Bad input through the `cimsim` program: exit 2 and exactly one line on stderr naming the file.
# Usage: test_cli_errors.sh CIMSIM
set -u
cimsim=$1; work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
failures=0
H="name,kind,inputs,in_c,in_h,in_w,out_c,kernel_h,kernel_w,stride,padding,dilation,groups"

# expect_input_error NAME NEEDLE CIMSIM-ARGS...: exit 2, one stderr line that contains NEEDLE.
expect_input_error() {
  local name=$1 needle=$2; shift 2
  "$cimsim" "$@" >"$work/out" 2>"$work/err"; local rc=$?
  if [ $rc -eq 2 ] && [ "$(wc -l <"$work/err")" -eq 1 ] && grep -qF -- "$needle" "$work/err"; then
    echo "ok: $name"
  else
    echo "FAILED: $name (exit $rc): $(cat "$work/err")"; failures=$((failures + 1))
  fi
}

: >"$work/empty.csv"
expect_input_error "empty workload file" "$work/empty.csv: empty file" map --workload "$work/empty.csv"
echo "$H" >"$work/header.csv"
expect_input_error "header only" "$work/header.csv: no layers" map --workload "$work/header.csv"
printf '%s\nx,dense,,1,1,1,,,,,,,\n' "$H" >"$work/kind.csv"
expect_input_error "unknown layer kind" "$work/kind.csv:2: column 'kind'" run --workload "$work/kind.csv"
printf '%s\nx,relu,,1,1,1,,,,,,,,\n' "$H" >"$work/extra.csv"
expect_input_error "extra field" "$work/extra.csv:2: too many fields" map --workload "$work/extra.csv"
printf '\x08\x08\x12\x05ab' >"$work/cut.onnx"  # ir_version 8, then a graph field cut short
expect_input_error "truncated ONNX model" "$work/cut.onnx: not a valid ONNX model" run --workload "$work/cut.onnx"
printf '\x08\x08' >"$work/nograph.onnx"
expect_input_error "ONNX model without a graph" "$work/nograph.onnx: the ONNX model has no graph nodes" map --workload "$work/nograph.onnx"
b=1073741824
printf '%s\nx,linear,,%s,%s,%s,%s,,,,,,\n' "$H" $b $b 1 $b >"$work/huge.csv"
expect_input_error "counts beyond 2^63" "$work/huge.csv:2: layer 'x' is too large" run --workload "$work/huge.csv"
printf '32,32,3,3,3,128,0\n' >"$work/ns.csv"
expect_input_error "NeuroSim row of 7 integers" "$work/ns.csv:1: too few fields" map --workload "$work/ns.csv"
expect_input_error "directory as workload" "$work: is a directory" map --workload "$work"
mkfifo "$work/fifo.csv"
expect_input_error "FIFO as workload (root reads chmod 000 files)" "$work/fifo.csv: is not a regular file" \
  map --workload "$work/fifo.csv"
expect_input_error "missing workload file" "$work/none.csv: cannot open workload file: no such file" \
  map --workload "$work/none.csv"
printf '[adc]\nbitz = 6\n' >"$work/key.ini"
expect_input_error "unknown config key" "$work/key.ini:2: unknown key 'adc.bitz'" config --config "$work/key.ini"
printf '[adc]\nbits = 6\nbits = 7\n' >"$work/twice.ini"
expect_input_error "config key given twice" "$work/twice.ini:3: key 'adc.bits' given twice" config --config "$work/twice.ini"
expect_input_error "directory as config" "$work: is a directory, expected a config file" config --config "$work"
expect_input_error "NaN on the command line" "command line: adc.bits = 'nan'" config --adc.bits nan
printf '[sparsity]\nlayer_zero_fractions = zeros.csv\n' >"$work/zeros.ini"
expect_input_error "zero-fraction file missing beside its INI" \
  "$work/zeros.csv: cannot open zero-fraction file: no such file" config --config "$work/zeros.ini"
printf 'layer,input_zero_fraction\nfc1,2\n' >"$work/zeros.csv"
expect_input_error "zero fraction above 1" "$work/zeros.csv:2: column 'input_zero_fraction': '2' is out of range" \
  config --config "$work/zeros.ini"

# Results: a value validation accepts that overflows a formula is refused naming the field and key.
expect_input_error "subnormal clock: non-finite results refused" "likely caused by tech.clock_mhz = 5e-324" \
  run --workload mlp_digits --tech.clock_mhz 4.9e-324
expect_input_error "subnormal r_on: the key is named" "likely caused by device.r_on_ohm = 5e-324" \
  run --workload mlp_digits --device.r_on_ohm 4.9e-324
expect_input_error "--jobs -1 (wrapped to 2^32 - 1 threads)" "command line: --jobs -1: expected 0" \
  sweep --workload mlp_digits --vary adc.bits=4,5 --jobs -1 --out "$work/j.csv"
expect_input_error "duplication of 2^40 one-row arrays is bounded" "array blocks, more than 16777216" \
  map --workload vgg8_cifar10 --array.rows 1 --mapping.duplication fixed --mapping.duplication_arrays 1099511627776

# Report inputs: a missing or mistyped key, or a NaN written as null, names the file and the key.
echo '{"kind":"replay","layers":[]}' >"$work/replay.json"
expect_input_error "report: replay JSON missing keys" "$work/replay.json: key 'trace' missing" \
  report "$work/replay.json" --out "$work/replay.html"
"$cimsim" run --workload mlp_digits --json "$work/run.json" >/dev/null
sed '0,/"energy_j": /{/"energy_j": /d}' "$work/run.json" >"$work/no_energy.json"
expect_input_error "report: run JSON missing a layer key" "$work/no_energy.json: key 'layers[0].energy_j' missing" \
  report "$work/no_energy.json" --out "$work/r.html"
sed 's/"network": "mlp_digits"/"network": 7/' "$work/run.json" >"$work/typed.json"
expect_input_error "report: run JSON with a mistyped key" "$work/typed.json: key 'network' is JSON number, expected a string" \
  report "$work/typed.json" --out "$work/r.html"
sed '0,/"latency_ns": [^,]*/s//"latency_ns": null/' "$work/run.json" >"$work/null.json"
expect_input_error "report: a NaN written as null" "$work/null.json: key 'analog.latency_ns' is JSON null, expected a number" \
  report "$work/null.json" --out "$work/r.html"

# Outputs: a node other than a regular file is never renamed over.
expect_input_error "--json naming a directory" "$work: is not a regular file" run --workload mlp_digits --json "$work"
mkfifo "$work/out.fifo"
timeout 60 cat "$work/out.fifo" >"$work/fifo.txt" &
reader=$!
"$cimsim" run --workload mlp_digits --json "$work/out.fifo" >/dev/null 2>&1; rc=$?
wait $reader
if [ $rc -eq 0 ] && [ -p "$work/out.fifo" ] && grep -q energy_per_inference_j "$work/fifo.txt"; then
  echo "ok: --json FIFO is written through and stays a FIFO"
else
  echo "FAILED: --json FIFO (exit $rc)"; failures=$((failures + 1))
fi
ln -s /dev/null "$work/devnull.json"
"$cimsim" run --workload mlp_digits --json "$work/devnull.json" --out "$work/devnull.json" >/dev/null 2>&1; rc=$?
if [ $rc -eq 0 ] && [ -L "$work/devnull.json" ] && [ -c /dev/null ]; then
  echo "ok: --json through a symlink to /dev/null keeps the link and the device"
else
  echo "FAILED: --json symlink to /dev/null (exit $rc)"; failures=$((failures + 1))
fi

echo "$failures failed"
[ $failures -eq 0 ]
