#!/usr/bin/env bash
# Kills trainings at random moments and checks that nothing is lost: KILLS runs get SIGKILL, TERMS runs SIGTERM
# (which must stop after the current step with a checkpoint and exit 143); each is resumed to the end and its final
# checkpoint (every array) and metrics.jsonl (timings aside) compared byte for byte with an uninterrupted run.
#   scripts/kill-test.sh [KILLS] [TERMS]        (default 10 and 5; CI runs it)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
kills="${1:-10}"
terms="${2:-5}"
out="target/kill-test"
rm -rf "$out" && mkdir -p "$out"
args=(configs/vanilla-ring.yaml --set training.steps=400 --set checkpoints.every=25 --set checkpoints.keep=2
      --set metrics.every=10 --set samples.every=-1 --set evaluation.every=0 --progress none)

t0=$(date +%s.%N)
./gan train "${args[@]}" --run-dir "$out/reference" > /dev/null
t1=$(date +%s.%N)
wall=$(python3 -c "print($t1 - $t0)")
echo "kill-test: reference run took ${wall}s"

compare() {
  python3 - "$out/reference" "$1" <<'PY'
import json, sys, zipfile, pathlib
ref, run = map(pathlib.Path, sys.argv[1:3])
def last(d):
    return sorted((d / "checkpoints").glob("step-*.ckpt"))[-1]
a, b = zipfile.ZipFile(last(ref)), zipfile.ZipFile(last(run))
names = sorted(n for n in a.namelist() if n.endswith(".npy"))
assert names == sorted(n for n in b.namelist() if n.endswith(".npy")), "different arrays"
for n in names:
    assert a.read(n) == b.read(n), f"{n} differs"
def metrics(d):
    rows = [json.loads(l) for l in (d / "metrics.jsonl").read_text().splitlines() if l.strip()]
    for r in rows:
        r.pop("step_ms", None)
    return rows
assert metrics(ref) == metrics(run), "metrics.jsonl differs"
print(f"  {run.name}: {len(names)} arrays and {len(metrics(run))} metrics lines equal the uninterrupted run's")
PY
}

one() {
  local signal="$1" name="$2"
  local dir="$out/$name"
  ./gan train "${args[@]}" --run-dir "$dir" > "$dir.log" 2>&1 &
  local pid=$!
  local delay
  if [ "$signal" = TERM ]; then
    # SIGTERM is the CLI's to handle once training has started (before that the JVM's default applies)
    for _ in $(seq 1 300); do grep -q '^steps:' "$dir.log" 2>/dev/null && break; sleep 0.1; done
    delay=$(python3 -c "import random; print(round(random.uniform(0.2, $wall / 2), 2))")
  else
    delay=$(python3 -c "import random; print(round(random.uniform(1.5, $wall), 2))")
  fi
  sleep "$delay"
  kill -s "$signal" "$pid" 2>/dev/null || true
  local code=0
  wait "$pid" || code=$?
  local steps
  steps=$(ls "$dir/checkpoints" 2>/dev/null | grep -c 'step-.*\.ckpt$' || true)
  if [ "$signal" = TERM ] && [ "$code" -ne 0 ]; then
    [ "$code" -eq 143 ] || { echo "kill-test: $name exited $code after SIGTERM, not 143"; cat "$dir.log"; exit 1; }
    grep -q "stopped by SIGTERM at step" "$dir.log" || { echo "kill-test: $name: no line naming the checkpoint"; cat "$dir.log"; exit 1; }
  fi
  echo "kill-test: $name: SIG$signal after ${delay}s, exit $code, $steps checkpoint(s) on disk"
  if [ "$steps" -eq 0 ]; then
    # killed before its first checkpoint: nothing to resume, the run starts again
    rm -rf "$dir"
    ./gan train "${args[@]}" --run-dir "$dir" > /dev/null
  else
    ./gan resume "$dir" --progress none > "$dir.resume.log" 2>&1 || { cat "$dir.resume.log"; exit 1; }
  fi
  compare "$dir"
}

for i in $(seq 1 "$kills"); do one KILL "kill-$i"; done
for i in $(seq 1 "$terms"); do one TERM "term-$i"; done
echo "kill-test: ok ($kills SIGKILL, $terms SIGTERM, each resumed byte-identical)"
