#!/usr/bin/env bash
# A Spark standalone cluster on loopback, started from the jars scripts/spark-home.sh assembles (or $SPARK_HOME):
#   scripts/spark-cluster.sh start [WORKERS]   a master on 127.0.0.1:${SPARK_MASTER_PORT:-7077} and WORKERS workers
#                                             (default 2) of ${SPARK_WORKER_CORES:-1} core(s) each; prints the master URL
#   scripts/spark-cluster.sh stop              stops them
# Logs and the workers' directories (executor logs: work/app-*/N/stderr) are under $SPARK_HOME/{logs,work}.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export SPARK_HOME="${SPARK_HOME:-$("$here/scripts/spark-home.sh")}"
# what bin/load-spark-env.sh sets in a distribution: the worker's executor command needs it
export SPARK_SCALA_VERSION=2.13
port="${SPARK_MASTER_PORT:-7077}"
ui="${SPARK_MASTER_WEBUI_PORT:-8180}"
run="$SPARK_HOME/run"
mkdir -p "$SPARK_HOME/logs" "$SPARK_HOME/work" "$run"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"

stop() {
  for f in "$run"/*.pid; do
    [ -f "$f" ] || continue
    kill "$(cat "$f")" 2>/dev/null || true
    rm -f "$f"
  done
}

start() {
  local workers="${1:-2}"
  stop
  "$java_bin" -Xmx512m -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$port" --webui-port "$ui" > "$SPARK_HOME/logs/master.log" 2>&1 &
  echo $! > "$run/master.pid"
  for i in $(seq 1 "$workers"); do
    "$java_bin" -Xmx512m -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.worker.Worker \
      --host 127.0.0.1 --cores "${SPARK_WORKER_CORES:-1}" --memory "${SPARK_WORKER_MEMORY:-6g}" \
      --work-dir "$SPARK_HOME/work" --webui-port $((ui + i)) "spark://127.0.0.1:$port" \
      > "$SPARK_HOME/logs/worker-$i.log" 2>&1 &
    echo $! > "$run/worker-$i.pid"
  done
  # the master's JSON page lists the workers that registered
  for _ in $(seq 1 120); do
    alive=$(python3 - "$ui" <<'PY' 2>/dev/null || echo 0
import json, sys, urllib.request
page = json.load(urllib.request.urlopen("http://127.0.0.1:%s/json/" % sys.argv[1], timeout=2))
print(sum(1 for w in page.get("workers", []) if w.get("state") == "ALIVE"))
PY
)
    if [ "$alive" -ge "$workers" ]; then
      echo "spark://127.0.0.1:$port"
      return 0
    fi
    sleep 0.5
  done
  echo "spark-cluster: $workers worker(s) did not register within 60 s; see $SPARK_HOME/logs" >&2
  tail -n 20 "$SPARK_HOME/logs/"*.log >&2 || true
  stop
  return 1
}

case "${1:-}" in
  start) start "${2:-2}" ;;
  stop) stop ;;
  *) echo "usage: $0 start [WORKERS] | stop" >&2; exit 2 ;;
esac
