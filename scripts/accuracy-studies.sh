#!/usr/bin/env bash
# Reproduces the accuracy tables of accuracy/README.md: trains mlp_digits (plain and noise-aware)
# and runs every study over 5 noise seeds. Usage: scripts/accuracy-studies.sh [CIMSIM] [OUT_DIR]
set -euo pipefail
cimsim=${1:-build/cli/cimsim}
out=${2:-/tmp/cimsim-accuracy-studies}
mkdir -p "$out"
"$cimsim" train --model mlp_digits --out "$out/mlp" >/dev/null
"$cimsim" train --model mlp_digits --out "$out/mlp_noise_aware" --noise-aware \
  --noise.programming true --device.programming_sigma 0.1 >/dev/null
study() {  # name, then cimsim accuracy arguments
  local name=$1; shift
  echo "== $name: cimsim accuracy $*"
  "$cimsim" accuracy --seeds 5 --out "$out/$name.csv" "$@" | tail -n +2
}
study adc_bits --weights "$out/mlp" --vary adc.bits=3,4,5,6,7,8
study programming_noise --weights "$out/mlp" --adc.bits 10 --noise.programming true \
  --vary device.programming_sigma=0,0.02,0.05,0.1,0.15
study programming_noise_aware --weights "$out/mlp_noise_aware" --adc.bits 10 --noise.programming true \
  --vary device.programming_sigma=0,0.02,0.05,0.1,0.15
study read_noise --weights "$out/mlp" --adc.bits 10 --noise.read true --vary device.read_sigma=0,0.02,0.05,0.1,0.2
study pcm_drift --weights "$out/mlp" --adc.bits 10 --device.preset pcm --device.noise_model pcm \
  --noise.programming true --device.programming_sigma 1 --device.drift_nu_mean 1 --device.drift_nu_std 1 \
  --vary noise.drift_time_s=20,3600,86400,2592000,31536000
study stuck_at --weights "$out/mlp" --adc.bits 10 --vary noise.stuck_off_rate=0,0.01,0.05,0.1,0.2
study cell_bits --weights "$out/mlp" --adc.bits 12 --noise.programming true --device.programming_sigma 0.05 \
  --vary array.cell_bits=1,2,3,4
study array_size_ir_drop --weights "$out/mlp" --adc.bits 12 --noise.ir_drop first_order --array.cols 256 \
  --vary device.wire_resistance_ohm=2,10,40 --vary array.rows=32,64,128
