#!/usr/bin/env bash
# A datalaws transformer study at paper scale on a Slurm cluster: a job array with one task per shard
# (`datalaws study <name> --scale paper --shard I/N`), then a merge job (`--merge`) that starts only
# when every task has succeeded (afterok).
#
# Usage, from the project folder on a login node (after `npm ci && npm run build` there):
#   STUDY=proxy SHARDS=16 bash scripts/cluster/slurm-study.sh
# The same file is the batch script of both jobs: Slurm runs it again with DATALAWS_ROLE=shard (one array
# task per shard) and DATALAWS_ROLE=merge.
#
# Edit for your cluster (marked EDIT below): the partition, account, GPU request, time limits, how
# Node.js and CUDA are loaded, and DATALAWS_DATA — a folder on a file system every node mounts
# (the shards write their runs there and the merge reads them). A shard that is killed or times out
# resumes where it stopped when its task is resubmitted (`sbatch --array=<I> …` or `scontrol requeue`).
set -euo pipefail

STUDY="${STUDY:-reuse}"            # reuse, skills or proxy
SHARDS="${SHARDS:-8}"              # N: the number of shards (array tasks); more shards than runs leaves some idle
SCALE="${SCALE:-paper}"
# EDIT: a shared folder (NFS, Lustre, GPFS, …) visible at the same path on every node
export DATALAWS_DATA="${DATALAWS_DATA:-$HOME/datalaws-data}"
PROJECT="${PROJECT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"

# EDIT: the resources of one shard (one GPU) and of the merge (it evaluates checkpoints: one GPU, less time)
SHARD_SBATCH=(--partition=gpu --gres=gpu:1 --cpus-per-task=4 --mem=32G --time=24:00:00)
MERGE_SBATCH=(--partition=gpu --gres=gpu:1 --cpus-per-task=4 --mem=32G --time=4:00:00)
# EDIT: e.g. (--account=myproject --qos=normal)
EXTRA_SBATCH=()

setup_node() {
  # EDIT: make Node.js ≥ 20 and CUDA 11.2 + cuDNN 8.1 available (what @tensorflow/tfjs-node-gpu 4 links against), e.g.
  # module load nodejs/20 cuda/11.2 cudnn/8.1
  cd "$PROJECT"
  # the store key includes the backend: every shard and the merge must train on the same one
  export DATALAWS_BACKEND="${DATALAWS_BACKEND:-node-gpu}"
}

case "${DATALAWS_ROLE:-submit}" in
  submit)
    mkdir -p "$DATALAWS_DATA" "$PROJECT/logs"
    export STUDY SHARDS SCALE PROJECT DATALAWS_DATA
    array=$(sbatch --parsable --job-name="dl-$STUDY-shard" --array="1-$SHARDS" --output="$PROJECT/logs/%x-%A_%a.out" \
      "${SHARD_SBATCH[@]}" "${EXTRA_SBATCH[@]}" --export=ALL,DATALAWS_ROLE=shard "${BASH_SOURCE[0]}")
    merge=$(sbatch --parsable --job-name="dl-$STUDY-merge" --dependency="afterok:$array" --output="$PROJECT/logs/%x-%j.out" \
      "${MERGE_SBATCH[@]}" "${EXTRA_SBATCH[@]}" --export=ALL,DATALAWS_ROLE=merge "${BASH_SOURCE[0]}")
    echo "study $STUDY ($SCALE): shards = job array $array (1-$SHARDS), merge = job $merge after all of them; data in $DATALAWS_DATA"
    ;;
  shard)
    setup_node
    # one array task per shard: task I of 1..N trains shard I/N (exit 0 when its runs are trained)
    exec node dist/src/cli/main.js study "$STUDY" --scale "$SCALE" --shard "${SLURM_ARRAY_TASK_ID}/${SHARDS}" --threads 1
    ;;
  merge)
    setup_node
    # exit 1 (and a list of the unfinished runs with their shards) if a shard did not finish its runs
    exec node dist/src/cli/main.js study "$STUDY" --scale "$SCALE" --merge --threads 1
    ;;
  *)
    echo "DATALAWS_ROLE must be submit, shard or merge" >&2
    exit 2
    ;;
esac
