#!/usr/bin/env bash
# Outputs written all or none: a command's several files (a full disk on one leaves none), a
# weights folder as one unit (no stale or mixed files), temporaries of killed runs removed, and
# inputs that are not regular files refused.
# Usage: test_cli_outputs.sh CIMSIM
set -u
cimsim=$1; work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
failures=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAILED: $1"; failures=$((failures + 1)); fi; }
dead=999999999  # above any pid_max: a process id that cannot be alive

# A full disk (/dev/full fails every write with ENOSPC) on one output: the other is not written.
out=$("$cimsim" run --workload mlp_digits --out "$work/run.csv" --json /dev/full 2>&1); rc=$?
check "run: --json on a full disk writes no --out either, naming the reason" \
  '[ $rc -eq 2 ] && [ ! -e "$work/run.csv" ] && echo "$out" | grep -q "/dev/full: write failed: No space left on device"'
out=$("$cimsim" run --workload mlp_digits --out /dev/full --json "$work/run.json" 2>&1); rc=$?
check "run: --out on a full disk writes no --json either" '[ $rc -eq 2 ] && [ ! -e "$work/run.json" ]'
out=$("$cimsim" simulate --workload mlp_digits --out "$work/sim.csv" --json /dev/full 2>&1); rc=$?
check "simulate: the same" '[ $rc -eq 2 ] && [ ! -e "$work/sim.csv" ]'
"$cimsim" run --workload mlp_digits --json "$work/run.json" >/dev/null 2>&1
out=$("$cimsim" report "$work/run.json" --out "$work/r.html" --md /dev/full 2>&1); rc=$?
check "report: the Markdown on a full disk leaves no HTML" '[ $rc -eq 2 ] && [ ! -e "$work/r.html" ]'

# Temporaries that a killed run left beside an output are removed; a live process's are not.
: >"$work/run.json.tmp.$dead"; : >"$work/run.json.tmp.$$"
"$cimsim" run --workload mlp_digits --json "$work/run.json" >/dev/null 2>&1
check "a dead process's OUT.tmp.PID is removed, a live one's kept" \
  '[ ! -e "$work/run.json.tmp.$dead" ] && [ -e "$work/run.json.tmp.$$" ]'
"$cimsim" sweep --workload mlp_digits --vary adc.bits=4,5 --out "$work/p.csv" >/dev/null 2>&1
head -c 30000000 /dev/zero >"$work/p.csv.tmp.$dead"  # a kill during the --pareto rewrite
"$cimsim" sweep --workload mlp_digits --vary adc.bits=4,5 --out "$work/p.csv" --pareto >/dev/null 2>&1; rc=$?
check "sweep --pareto removes the 30 MB temporary of a killed rewrite" '[ $rc -eq 0 ] && [ ! -e "$work/p.csv.tmp.$dead" ]'

# A weights folder is one unit: a new training replaces it whole, old files and all.
"$cimsim" train --model mlp_digits --out "$work/w" >/dev/null 2>&1
cp "$work/w/network.csv" "$work/w/old_layer.weights.csv"
mkdir "$work/w.tmp.$dead"; : >"$work/w.tmp.$dead/fc1.weights.csv"
"$cimsim" train --model mlp_digits --out "$work/w/" >/dev/null 2>&1; rc=$?
check "train replaces the folder whole (given as w/): no file of the older weights stays" \
  '[ $rc -eq 0 ] && [ ! -e "$work/w/old_layer.weights.csv" ] && [ -s "$work/w/network.csv" ]'
check "train removes the half-written folder of a killed run" '[ ! -e "$work/w.tmp.$dead" ]'
check "no temporary is left beside the folder" '[ -z "$(ls "$work" | grep "^w\.")" ]'
"$cimsim" accuracy --weights "$work/w" >/dev/null 2>&1; rc=$?
check "the replaced folder loads" '[ $rc -eq 0 ]'
echo mine >"$work/w/notes.txt"
out=$("$cimsim" train --model mlp_digits --out "$work/w" 2>&1); rc=$?
check "train refuses a folder holding a file it does not write, and keeps it" \
  '[ $rc -eq 2 ] && echo "$out" | grep -q "holds .notes.txt., which cimsim does not write there" && [ -e "$work/w/notes.txt" ]'
rm "$work/w/notes.txt"
"$cimsim" accuracy --weights "$work/w" --record-trace "$work/t" --record-images 2 >/dev/null 2>&1; rc=$?
check "accuracy --record-trace writes a trace that replays" \
  '[ $rc -eq 0 ] && "$cimsim" replay --trace "$work/t" >/dev/null 2>&1 && [ -z "$(ls "$work" | grep "^t\.")" ]'

# Inputs that are not regular files: refused, never read (a FIFO blocks, /dev/zero never ends).
mkfifo "$work/fifo.csv"
out=$(timeout 20 "$cimsim" merge --out "$work/m.csv" "$work/fifo.csv" 2>&1); rc=$?
check "merge of a FIFO exits 2 at once" '[ $rc -eq 2 ] && echo "$out" | grep -q "fifo.csv: is not a regular file"'
out=$(timeout 20 "$cimsim" merge --out "$work/m.csv" /dev/zero 2>&1); rc=$?
check "merge of /dev/zero exits 2 at once" '[ $rc -eq 2 ] && echo "$out" | grep -q "/dev/zero: is not a regular file"'
out=$(timeout 20 "$cimsim" report /dev/zero --out "$work/z.html" 2>&1); rc=$?
check "report of /dev/zero exits 2 at once" '[ $rc -eq 2 ] && echo "$out" | grep -q "/dev/zero: is not a regular file"'
out=$(timeout 20 "$cimsim" report "$work/fifo.csv" --out "$work/z.html" 2>&1); rc=$?
check "report of a FIFO exits 2 at once" '[ $rc -eq 2 ] && echo "$out" | grep -q "fifo.csv: is not a regular file"'
cp -r "$work/t" "$work/t2"; rm "$work/t2/trace_command.sh"; mkfifo "$work/t2/trace_command.sh"
out=$(timeout 20 "$cimsim" replay --trace "$work/t2" 2>&1); rc=$?
check "replay with a FIFO as trace_command.sh exits 2 at once" \
  '[ $rc -eq 2 ] && echo "$out" | grep -q "trace_command.sh: is not a regular file"'
rm "$work/t2/trace_command.sh"; ln -s /dev/zero "$work/t2/trace_command.sh"
out=$(timeout 20 "$cimsim" replay --trace "$work/t2" 2>&1); rc=$?
check "replay with /dev/zero as trace_command.sh exits 2 at once" '[ $rc -eq 2 ]'
out=$(timeout 20 "$cimsim" sweep --workload mlp_digits --out "$work/fifo.csv" 2>&1); rc=$?
check "sweep --out a FIFO exits 2 (a sweep file is read back to resume)" \
  '[ $rc -eq 2 ] && echo "$out" | grep -q "fifo.csv: is not a regular file"'

echo "$failures failed"
[ $failures -eq 0 ]
