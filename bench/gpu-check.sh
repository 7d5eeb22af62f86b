#!/usr/bin/env bash
# The prepared device check: run it on a machine with an NVIDIA GPU (driver >= 450; no CUDA toolkit needed).
#   bench/gpu-check.sh [CASES]          default cases: dcgan64,pix2pix_b4,cyclegan
# 1. builds gan4j with -Pcuda (ND4J's CUDA 11.6 backend, cuDNN 8.3 helpers, JavaCPP's CUDA redistributables;
#    ~2.4 GB of jars from Maven Central, or from ~/.m2 when they are already there);
# 2. runs the parity suite on the GPU: one full step of every shipped schedule with host kernels (Java loops through
#    HostData, which must tag every host write for the device) against native kernels (ND4J ops on the device),
#    plus resume equality and the workers tests, all on the CUDA backend;
# 3. benchmarks the cases on the GPU with compute native and host, and on the CPU build for reference;
# 4. prints one table. Everything it writes goes under ${GAN4J_GPU_OUT:-target/gpu-check}.
# Exit status: 0 when the build, the parity suite and every benchmark ran; 1 otherwise; 2 without a GPU.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
cases="${1:-dcgan64,pix2pix_b4,cyclegan}"
out="${GAN4J_GPU_OUT:-$here/target/gpu-check}"
mkdir -p "$out"
fail=0
if ! command -v nvidia-smi > /dev/null || ! nvidia-smi -L > "$out/gpus.txt" 2>&1; then
  echo "gpu-check: no NVIDIA GPU or driver here (nvidia-smi -L failed); nothing to check" >&2
  exit 2
fi
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv > "$out/nvidia-smi.csv" 2>&1 || true
offline=""
[ -n "${GAN4J_OFFLINE:-}" ] && offline="-o"
echo "gpu-check: building with -Pcuda ..." >&2
# the launcher rebuilds with the same profile when sources change, and keeps no CPU jars beside the CUDA ones
export GAN4J_MAVEN_ARGS="-Pcuda"
rm -rf app/target/classpath app/target/modules
if ! mvn -B -q $offline -Pcuda install -DskipTests > "$out/build.log" 2>&1; then
  echo "gpu-check: the -Pcuda build failed; see $out/build.log" >&2
  tail -20 "$out/build.log" >&2
  exit 1
fi
touch app/target/.gan4j-built
"$here/gan" env > "$out/env.txt" 2>&1 || { echo "gpu-check: gan env failed on the CUDA build" >&2; fail=1; }
echo "gpu-check: parity suite on the GPU ..." >&2
if mvn -B $offline -Pcuda -pl app surefire:test -Dtest='ComputeParityTest,ResumeEqualityTest,WorkersTest' \
    -Dsurefire.failIfNoSpecifiedTests=false > "$out/parity.log" 2>&1; then
  parity="passed"
else
  parity="FAILED (see $out/parity.log)"
  fail=1
fi
grep -h "^schedule parity" "$out/parity.log" > "$out/parity.txt" || true
rm -f "$out/bench.jsonl"
for mode in native host; do
  echo "gpu-check: gan bench on the GPU, compute $mode ..." >&2
  "$here/gan" bench --cases "$cases" --device cuda --compute "$mode" --target-seconds 20 \
      --json-out "$out/bench.jsonl" > /dev/null 2> "$out/bench-$mode.log" \
    || { echo "gpu-check: gan bench failed (compute $mode); see $out/bench-$mode.log" >&2; fail=1; }
done
/usr/bin/env python3 - "$out" "$parity" <<'PY'
import json, os, sys
out, parity = sys.argv[1], sys.argv[2]
print("gpu-check on " + open(os.path.join(out, "gpus.txt")).read().strip().replace("\n", "; "))
for line in open(os.path.join(out, "env.txt")) if os.path.exists(os.path.join(out, "env.txt")) else []:
    if line.split()[:1] and line.split()[0] in ("backend", "devices", "cudnn", "compute", "workers"):
        print("  " + line.rstrip())
worst = 0.0
for line in open(os.path.join(out, "parity.txt")) if os.path.exists(os.path.join(out, "parity.txt")) else []:
    worst = max(worst, float(line.split()[-1]))
print(f"parity suite: {parity}; largest host-vs-native difference {worst:.1e} (relative)")
rows = [json.loads(l) for l in open(os.path.join(out, "bench.jsonl"))] if os.path.exists(os.path.join(out, "bench.jsonl")) else []
print(f"{'case':<12} {'compute':<8} {'s/iter':>10} {'images/s':>10} {'peak RSS MB':>12}")
for r in rows:
    print(f"{r['case']:<12} {r.get('compute', '?'):<8} {r['median_s_per_iter']:>10.4f} {r['images_per_s']:>10.1f} {r['peak_rss_mb']:>12.0f}")
PY
exit $fail
