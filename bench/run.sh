#!/usr/bin/env bash
# Runs every benchmark program built under BUILD_DIR/bench (make bench). Usage: run.sh BUILD_DIR
set -euo pipefail
build_dir=${1:-build}
shopt -s nullglob
benches=("$build_dir"/bench/bench_*)
[ ${#benches[@]} -gt 0 ] || { echo "no benchmarks built yet"; exit 0; }
for bench in "${benches[@]}"; do
  [ -x "$bench" ] || continue
  echo "== $(basename "$bench")"
  "$bench"
done
