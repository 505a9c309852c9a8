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

echo "$failures failed"
[ $failures -eq 0 ]
