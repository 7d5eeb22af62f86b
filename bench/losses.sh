#!/usr/bin/env bash
# The loss comparison of docs/losses.md: every loss on the ring and the grid with the same MLP networks, step budget
# and seeds; each run scored by `gan evaluate` (modes covered, high-quality share, reverse KL). Prints a Markdown
# table of mean ± standard deviation over the seeds and keeps every run under target/losses/.
#   bench/losses.sh [STEPS] [SEEDS] [LOSSES]      e.g. bench/losses.sh 5000 3
# LOSSES defaults to: minimax non-saturating least-squares hinge wgan-clip wgan-sn
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
steps="${1:-5000}"
seeds="${2:-3}"
losses="${3:-minimax non-saturating least-squares hinge wgan-clip wgan-sn}"
out="$here/target/losses"
mkdir -p "$out"
for data in ring grid; do
  for loss in $losses; do
    for seed in $(seq 1 "$seeds"); do
      run="$out/$data-$loss-$seed"
      [ -f "$run/evaluation.json" ] && continue
      rm -rf "$run"
      sn=false; schedule="{type: alternating, d_steps: 1}"; lossblock="{type: $loss}"
      opt="{type: adam, lr: 1.0e-3, beta1: 0.5}"
      case "$loss" in
        wgan-clip) lossblock="{type: wasserstein}"; schedule="{type: wgan, n_critic: 5, clip: 0.01}"; opt="{type: rmsprop, lr: 5.0e-5}" ;;
        wgan-sn) lossblock="{type: wasserstein}"; schedule="{type: wgan, n_critic: 5, clip: 0}"; sn=true
                 opt="{type: adam, lr: 1.0e-4, beta1: 0.0, beta2: 0.9}" ;;
      esac
      cat > "$out/$data-$loss-$seed.yaml" <<YAML
name: losses-$data-$loss
seed: $seed
data: {type: $data}
networks:
  G: {type: mlp-generator, latent_dim: 2, hidden: [128, 128], output: linear}
  D: {type: mlp-discriminator, hidden: [128, 128], spectral_norm: $sn}
loss: $lossblock
schedule: $schedule
optimizers: {G: $opt, D: $opt}
training: {steps: $steps, batch_size: 256}
checkpoints: {every: 0, keep: 1}
samples: {every: 0, count: 1000}
metrics: {every: 100}
YAML
      echo "losses: $data $loss seed $seed ..." >&2
      "$here/gan" train "$out/$data-$loss-$seed.yaml" --run-dir "$run" --progress none > "$run.log" 2>&1
      "$here/gan" evaluate "$run" --samples 2500 --out "$run/evaluation.json" > /dev/null 2>> "$run.log"
    done
  done
done
python3 - "$out" "$seeds" "$losses" <<'PY'
import json, os, statistics, sys
out, seeds, losses = sys.argv[1], int(sys.argv[2]), sys.argv[3].split()
def cell(vals, fmt):
    m = statistics.mean(vals)
    return (fmt % m) + ("" if len(vals) < 2 else " ± " + (fmt % statistics.stdev(vals)))
print("| loss | ring: modes (of 8) | ring: HQ % | ring: reverse KL | grid: modes (of 25) | grid: HQ % | grid: reverse KL |")
print("|---|---|---|---|---|---|---|")
for loss in losses:
    row = [loss]
    for data in ("ring", "grid"):
        runs = [json.load(open(f"{out}/{data}-{loss}-{s}/evaluation.json")) for s in range(1, seeds + 1)]
        row += [cell([r["modes_covered"] for r in runs], "%.1f"), cell([100 * r["hq_share"] for r in runs], "%.1f"),
                cell([r["reverse_kl"] for r in runs], "%.3f")]
    print("| " + " | ".join(row) + " |")
PY
