#!/usr/bin/env bash
# A sweep split over a Slurm job array, then merged. Submit from the repository root:
#
#   sbatch --array=0-7 scripts/slurm-sweep.sh                 # 8 shards, one per array task
#   sbatch --dependency=afterok:<JOBID> --export=MERGE=1 scripts/slurm-sweep.sh
#
# Each task runs shard $SLURM_ARRAY_TASK_ID of $SLURM_ARRAY_TASK_COUNT (0-based, hence
# --array=0-(N-1)) into its own file; a rerun of a task resumes its file. The merge job joins the
# shard files and fails (exit 2, naming the ids) when one is missing or duplicated.
#SBATCH --job-name=cimsim-sweep
#SBATCH --cpus-per-task=8
#SBATCH --time=01:00:00
#SBATCH --output=sweep-%A_%a.log
set -euo pipefail

cimsim=${CIMSIM:-build/cli/cimsim}
out_dir=${OUT_DIR:-sweep-out}
grid=(--workload vgg8_cifar10,resnet18 --vary adc.bits=4:8 --vary array.rows=64,128,256 --vary adc.columns_shared=1,2,4,8)
mkdir -p "$out_dir"

if [[ -n "${MERGE:-}" ]]; then
  "$cimsim" merge --pareto --out "$out_dir/all.csv" "$out_dir"/shard-*.csv
  "$cimsim" report "$out_dir/all.csv" --out "$out_dir/report.html"
  exit 0
fi

: "${SLURM_ARRAY_TASK_ID:?run as a job array: sbatch --array=0-(N-1) scripts/slurm-sweep.sh}"
"$cimsim" sweep "${grid[@]}" --shard "$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT" \
  --jobs "${SLURM_CPUS_PER_TASK:-1}" --out "$out_dir/shard-$SLURM_ARRAY_TASK_ID.csv"
