#!/usr/bin/env bash
# `cimsim validate`: every published row is printed with its figure, cimsim's, the ratio and the
# tolerance; each verdict follows from those numbers; and the verdicts are the ones recorded in
# tests/golden/validation_verdicts.csv (docs/validation.md explains each), so a change of any
# verdict, either way, fails until the golden file is updated on purpose. Also what `run` says
# beside its figures: NeuroSim's accounting steps and the ADC's resolution warning.
# Usage: test_cli_validate.sh CIMSIM SOURCE_DIR
set -u
cimsim=$1; source_dir=$2; work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
failures=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAILED: $1"; failures=$((failures + 1)); fi; }

cd "$source_dir" || exit 1
"$cimsim" validate --out "$work/v.csv" >"$work/v.txt"; rc=$?
check "validate exits 0 when every row passes, 1 otherwise" '{ [ $rc -eq 0 ] && ! grep -q FAIL "$work/v.csv"; } || { [ $rc -eq 1 ] && grep -q FAIL "$work/v.csv"; }'
check "the summary line counts the rows" 'tail -1 "$work/v.txt" | grep -Eq "^[0-9]+ passed, [0-9]+ failed$"'
for d in ISAAC ISAAC-CE NeuroSim HERMES Murmann; do
  check "a $d row" 'grep -q "^$d\|^\"$d\|^[^,]*$d" "$work/v.csv"'
done
check "columns: published, cimsim, ratio, tolerance, verdict" 'head -1 "$work/v.csv" | grep -q "^design,figure,published,cimsim,ratio,tolerance,verdict,config,source$"'
/usr/bin/python3 - "$work/v.csv" "$source_dir/tests/golden/validation_verdicts.csv" >"$work/check.txt" 2>&1 <<'PY'
import csv, re, sys
rows = list(csv.DictReader(open(sys.argv[1])))
golden = {(r["design"], r["figure"]): r["verdict"] for r in csv.DictReader(open(sys.argv[2]))}
bad = []
for r in rows:
    published, measured, tol = float(r["published"]), float(r["cimsim"]), r["tolerance"]
    if m := re.fullmatch(r"\+-([\d.]+)%", tol): ok = abs(measured / published - 1) <= float(m[1]) / 100 + 1e-3
    elif m := re.fullmatch(r"\+-([\d.]+) points", tol): ok = abs(measured - published) <= float(m[1]) + 1e-3
    elif m := re.fullmatch(r"in ([\d.]+)\.\.([\d.]+)", tol): ok = float(m[1]) <= measured <= float(m[2])
    else: bad.append(f"unknown tolerance {tol}"); continue
    if ok != (r["verdict"] == "pass"): bad.append(f"verdict of {r['design']} / {r['figure']} does not follow from its numbers")
    if golden.get((r["design"], r["figure"])) != r["verdict"]:
        bad.append(f"{r['design']} / {r['figure']}: {r['verdict']}, recorded {golden.get((r['design'], r['figure']))}")
if len(rows) != len(golden): bad.append(f"{len(rows)} rows, {len(golden)} recorded")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
check "verdicts follow from the numbers and match the recorded ones" '[ $? -eq 0 ] || { cat "$work/check.txt"; false; }'

# energy.accounting = neurosim (neurosim_v14.ini): run prints the steps to NeuroSim's conventions,
# their last TOPS/W is the validation row's, and the JSON carries the same steps.
"$cimsim" run --config configs/neurosim_v14.ini --workload vgg8_cifar10 --json "$work/ns.json" >"$work/ns.txt" 2>&1
last=$(grep -A8 "^NeuroSim accounting" "$work/ns.txt" | grep "zeta = 1.22" | awk '{print $NF}')
row=$(/usr/bin/python3 -c 'import csv,sys; print([r["cimsim"] for r in csv.DictReader(open(sys.argv[1])) if r["figure"]=="TOPS/W on VGG-8"][0])' "$work/v.csv")
check "run under neurosim accounting prints its steps; the last is validate's NeuroSim TOPS/W row" \
  '[ -n "$last" ] && /usr/bin/python3 -c "import sys; a,b=map(float,sys.argv[1:]); sys.exit(abs(a/b-1)>2e-3)" "$last" "$row"'
check "its JSON has the six steps, TOPS/W rising with each energy removed, falling with zeta" \
  '/usr/bin/python3 -c "import json,sys; s=json.load(open(sys.argv[1]))[\"neurosim_accounting\"]; t=[x[\"tops_per_w\"] for x in s]; sys.exit(not(len(s)==6 and t[0]<t[1]<t[2]<t[3]<t[4] and t[5]<t[4]))" "$work/ns.json"'
"$cimsim" run --workload vgg8_cifar10 >"$work/default.txt" 2>&1
check "cimsim's own accounting (the default) prints no NeuroSim steps" '! grep -q "NeuroSim accounting" "$work/default.txt"'

# run says what the ADC drops of the column sums the design can produce (no fidelity measured).
"$cimsim" run --workload vgg8_cifar10 --adc.bits 3 --array.rows 512 --array.cell_bits 4 --dac.bits 4 \
  --json "$work/coarse.json" >"$work/coarse.txt" 2>&1
check "a 3-bit ADC on 512 rows of 4-bit cells and digits: run warns that 14.1 bits of each sum are lost" \
  'grep -q "^warning: the 3-bit ADC spans a 512-row column.s sums (0..122400 signal units) .*14.1 bits of each sum are lost" "$work/coarse.txt"'
check "and its JSON says so, with no fidelity measured" \
  '/usr/bin/python3 -c "import json,sys; a=json.load(open(sys.argv[1]))[\"adc_resolution\"]; sys.exit(not(abs(a[\"bits_lost\"]-14.094)<0.01 and a[\"fidelity_measured\"] is False))" "$work/coarse.json"'
"$cimsim" run --workload vgg8_cifar10 --adc.bits 9 >"$work/fine.txt" 2>&1
check "a 9-bit ADC on the default 128 x 2-bit-cell column keeps every sum: no warning" '! grep -q "^warning: the" "$work/fine.txt"'

out=$("$cimsim" validate --configs "$work/none" 2>&1); rc=$?
check "a missing configs folder exits 2 naming the file" '[ $rc -eq 2 ] && echo "$out" | grep -q "$work/none/"'
echo "$failures failed"
[ $failures -eq 0 ]
