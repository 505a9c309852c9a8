#!/usr/bin/env bash
# `cimsim report` as a user types it, then the reports in headless Chromium: every chart laid out
# with a non-zero size, no console error, a screenshot saved in SHOT_DIR.
# Usage: test_cli_report.sh CIMSIM SHOT_DIR. Exits 77 (skipped) when Chromium is not installed.
set -u
cimsim=$1; shot_dir=$2; work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
failures=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAILED: $1"; failures=$((failures + 1)); fi; }

"$cimsim" sweep --workload lenet5,vgg8_cifar10 --vary adc.bits=3,4,5,6,7,8 --vary array.rows=64,128,256 \
  --out "$work/S.csv" >/dev/null 2>&1
"$cimsim" report "$work/S.csv" --out "$work/r.html" >/dev/null; rc=$?
check "report of a sweep CSV exits 0 with SVG charts and Markdown" \
  '[ $rc -eq 0 ] && [ "$(grep -c "<svg" "$work/r.html")" -ge 5 ] && grep -q "^## Pareto front" "$work/r.md"'
check "the page needs no network: no external script, style, font or image" \
  '! grep -Eq "(src|href)=\"(https?:)?//" "$work/r.html" && ! grep -q "@import\|url(" "$work/r.html"'
"$cimsim" run --workload vgg8_cifar10 --json "$work/run.json" >/dev/null
"$cimsim" report "$work/run.json" --md "$work/run.md" >/dev/null; rc=$?
check "report of a run JSON writes INPUT.html and the Markdown asked for" \
  '[ $rc -eq 0 ] && grep -q "<svg" "$work/run.html" && grep -q "Per-layer energy and latency" "$work/run.md" && grep -q "adc.bits" "$work/run.md"'
check "absent data is skipped with a note" 'grep -q "Not shown: this sweep has no accuracy column" "$work/r.md"'
printf 'a,b\n1,2\n' >"$work/other.csv"
out=$("$cimsim" report "$work/other.csv" 2>&1); rc=$?
check "a CSV that is not a sweep exits 2 naming it" '[ $rc -eq 2 ] && echo "$out" | grep -q "other.csv: no column .point."'
echo '{"network": 1' >"$work/bad.json"
out=$("$cimsim" report "$work/bad.json" 2>&1); rc=$?
check "broken JSON exits 2 naming it" '[ $rc -eq 2 ] && echo "$out" | grep -q "bad.json: not valid JSON"'

# A sweep with a point whose results overflow gets an error row; a file from before results were
# checked (inf, nan, a subnormal in an ok row) still gives a report, that row shown as an error.
"$cimsim" sweep --workload mlp_digits --vary tech.clock_mhz=4.9e-324,1000 --out "$work/clock.csv" >/dev/null 2>&1
check "a point with non-finite results is an error row naming the key" \
  'grep -q "^0,.*,error,.*tech.clock_mhz = 5e-324" "$work/clock.csv" && grep -q "^1,.*,ok," "$work/clock.csv"'
"$cimsim" sweep --workload mlp_digits --vary adc.bits=3:8 --out "$work/old.csv" >/dev/null 2>&1
awk -F, -v OFS=, 'NR == 2 { $8 = "inf" } NR == 3 { $9 = "nan" } NR == 4 { $8 = "4.9e-324"; $9 = "1e308" } { print }' \
  "$work/old.csv" >"$work/hostile.csv"
timeout 60 "$cimsim" report "$work/hostile.csv" --out "$work/hostile.html" >/dev/null; rc=$?
check "report of non-finite and extreme results ends, the non-finite rows as error rows" \
  '[ $rc -eq 0 ] && grep -q "| mlp_digits | 6 | 2 |" "$work/hostile.md"'

chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  echo "$failures failed"
  [ $failures -eq 0 ] || exit 1
  echo "skipped: chromium not installed (browser checks; Debian package chromium)"; exit 77
fi
browse() {  # browse HTML PNG: DOM on stdout, console log in $work/console.log
  "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$(mktemp -d -p "$work")" --enable-logging=stderr --v=0 \
    --window-size=1200,2400 "$@" 2>>"$work/console.log"
}
for name in r run; do
  : >"$work/console.log"
  dom=$(browse --dump-dom "file://$work/$name.html")
  charts=$(echo "$dom" | grep -o 'data-charts="[0-9]*"' | grep -o '[0-9]*')
  rendered=$(echo "$dom" | grep -o 'data-charts-rendered="[0-9]*"' | grep -o '[0-9]*')
  check "$name.html: all ${charts:-?} charts rendered with a size in Chromium" '[ -n "$charts" ] && [ "$charts" -ge 4 ] && [ "$charts" = "$rendered" ]'
  check "$name.html: no console error" '! grep -i "CONSOLE" "$work/console.log" | grep -qi "error\|uncaught"'
  browse --screenshot="$shot_dir/report_$name.png" "file://$work/$name.html" >/dev/null
  check "$name.html: screenshot saved and not blank" '[ "$(stat -c %s "$shot_dir/report_$name.png" 2>/dev/null || echo 0)" -gt 20000 ]'
done
echo "$failures failed"
[ $failures -eq 0 ]
