#!/usr/bin/env bash
# The `cimsim config` command as a user types it. Usage: test_cli_config.sh CIMSIM SOURCE_DIR
set -u
cimsim=$1; source_dir=$2; work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
failures=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAILED: $1"; failures=$((failures + 1)); fi; }

"$cimsim" --version | grep -Eq '^cimsim [0-9]+\.[0-9]+\.[0-9]+$'; check "--version prints the version" '[ $? -eq 0 ]'

for order in "config --dump --adc.bits 99" "--adc.bits 99 config --dump"; do
  out=$($cimsim $order 2>&1); rc=$?
  check "'$order' exits 2" '[ $rc -eq 2 ]'
  check "'$order' names the key, value and range" \
    'echo "$out" | grep -qF "command line: adc.bits = '"'"'99'"'"': out of range, expected an integer in 1..16"'
done

"$cimsim" config --dump >"$work/a.ini"; check "dump succeeds" '[ $? -eq 0 ]'
"$cimsim" config --config "$work/a.ini" --dump >"$work/b.ini"
check "dump round-trips through --config" '[ -s "$work/a.ini" ] && cmp -s "$work/a.ini" "$work/b.ini"'

"$cimsim" --config "$source_dir/configs/isaac_like.ini" --adc.bits 6 config --out "$work/c.ini"
check "--out writes the INI" 'grep -qx "bits = 6" "$work/c.ini"'
check "the file's value survives where the command line is silent" 'grep -qx "weight_bits = 16" "$work/c.ini"'

out=$("$cimsim" config --config "$work/missing.ini" 2>&1); rc=$?
check "missing config file exits 2 naming it" '[ $rc -eq 2 ] && echo "$out" | grep -qF "$work/missing.ini"'
printf '[adc]\nbits = 4\nbogus = 1\n' >"$work/bad.ini"
out=$("$cimsim" config --config "$work/bad.ini" 2>&1); rc=$?
check "unknown key in a file names file:line" '[ $rc -eq 2 ] && echo "$out" | grep -qF "$work/bad.ini:3: unknown key '"'"'adc.bogus'"'"'"'

out=$("$cimsim" frobnicate 2>&1); rc=$?
check "unknown command exits 2" '[ $rc -eq 2 ] && echo "$out" | grep -q "unknown command"'
out=$("$cimsim" config --no-such-flag 2>&1); rc=$?
check "unknown option exits 2" '[ $rc -eq 2 ]'
"$cimsim" config --help | grep -q -- "--dump"; check "config --help lists --dump" '[ $? -eq 0 ]'
"$cimsim" --help | grep -q "config"; check "--help lists the commands" '[ $? -eq 0 ]'

printf "[adc]\nbitz = 4\n" > "$work/typo.ini"
hint=$("$cimsim" config --config "$work/typo.ini" 2>&1 | grep -oE '`cimsim [^`]*`' | tr -d '`')
check "the unknown-key hint names a command that lists every key" \
  '[ -n "$hint" ] && "$cimsim" ${hint#cimsim } 2>/dev/null | grep -q "^adc.bits " && "$cimsim" ${hint#cimsim } 2>/dev/null | grep -q "^noise.seed "'

echo "$failures failed"
[ $failures -eq 0 ]
