#!/usr/bin/env bash
# Distributed training on a real Spark standalone cluster on loopback (issue 20): a master and two one-core workers
# from the jars scripts/spark-home.sh assembles, configs/vanilla-mnist.yaml for a few hundred steps through
# `gan train --spark`, gan4j's jars served to the executors by Spark. Mid-run one executor's JVM is killed: Spark runs
# the lost partition's round again and the run must end with the state of an undisturbed run (the same config on
# local[2]), bit for bit.
#   scripts/check-spark.sh [WORK_DIR]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$here/target/ci-spark}"
steps="${CHECK_SPARK_STEPS:-400}"
k="${CHECK_SPARK_K:-100}"
rm -rf "$work" && mkdir -p "$work"
cd "$here"
scripts/setup-data.sh mnist >/dev/null
spark_home="$(scripts/spark-home.sh)"
trap 'scripts/spark-cluster.sh stop' EXIT
url="$(scripts/spark-cluster.sh start 2)"
sha() {
  python3 -c 'import hashlib, sys, zipfile; print(hashlib.sha256(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2])).hexdigest()[:16])' "$1" "$2"
}
set_args=(--set "training.steps=$steps" --set "distributed.average_every=$k" --set "checkpoints.every=$k"
  --set "samples.every=$steps" --set checkpoints.keep=100)

./gan train configs/vanilla-mnist.yaml "${set_args[@]}" --spark "$url" --run-dir "$work/cluster" --progress log \
  > "$work/cluster.log" 2>&1 &
train=$!
# the kill lands inside the second round: after the first round's checkpoint, while both executors train
for _ in $(seq 1 600); do
  [ -f "$work/cluster/checkpoints/step-$(printf %08d "$k").ckpt" ] && break
  kill -0 "$train" 2>/dev/null || break
  sleep 0.5
done
sleep 2
# the executors are the JVMs whose command line names Spark's executor backend (no procps needed)
victim="$(grep -l -a 'org\.apache\.spark\.executor\.[C]oarseGrainedExecutorBackend' /proc/[0-9]*/cmdline 2>/dev/null \
  | head -n 1 | cut -d/ -f3 || true)"
if [ -z "$victim" ]; then
  echo "check-spark: no executor JVM to kill" >&2
  cat "$work/cluster.log" >&2
  exit 1
fi
kill -9 "$victim"
echo "check-spark: killed executor JVM $victim during round 2"
if ! wait "$train"; then
  echo "check-spark: the cluster run failed after the executor loss" >&2
  tail -n 30 "$work/cluster.log" >&2
  exit 1
fi
grep -q "finished at step $steps" "$work/cluster.log"
grep -q "partitions: 2" "$work/cluster/config.yaml"
grep -q '"sync_pct"' "$work/cluster/metrics.jsonl"
test -f "$work/cluster/samples/step-$(printf %08d "$steps").png"
# the lost executor's work was redone somewhere: the master shows an executor that exited
grep -h -E "Executor app-[0-9-]+/[0-9]+ finished with state (FAILED|EXITED)" "$spark_home/logs/"worker-*.log \
  | head -n 2 || true

./gan train configs/vanilla-mnist.yaml "${set_args[@]}" --spark 'local[2]' --run-dir "$work/local2" --progress log \
  > "$work/local2.log" 2>&1
last="checkpoints/step-$(printf %08d "$steps").ckpt"
for net in G D; do
  a="$(sha "$work/cluster/$last" "networks/$net/params.npy")"
  b="$(sha "$work/local2/$last" "networks/$net/params.npy")"
  if [ "$a" != "$b" ]; then
    echo "check-spark: $net after the executor loss ($a) differs from the undisturbed run ($b)" >&2
    exit 1
  fi
  echo "check-spark: $net params sha256 $a on the cluster (one executor killed) and on local[2]"
done
grep -h "sync_pct" "$work/cluster/metrics.jsonl" | tail -n 1 | grep -o '"sync_pct":[0-9.]*' || true
echo "check-spark: ok (standalone cluster of 2 workers, $steps steps, executor loss survived with the same result)"
