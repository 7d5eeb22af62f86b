#!/usr/bin/env bash
# gan4j against PyTorch on the same recipe, over the same seeds, scored by one yardstick (gan evaluate):
#   bench/parity.sh RECIPE [SEEDS] [STEPS]     RECIPE: vanilla-mnist | wgan-gp-grid | cgan-mnist; SEEDS: 1-5 (default)
# gan4j's side is `gan repeat configs/RECIPE.yaml` (each run evaluated on 10,000 samples of its final checkpoint);
# PyTorch's is bench/parity/torch_recipes.py (the same networks, initialisation bounds, loss, optimizer and ε, batch,
# iterations, EMA, data scaling and order), whose 10,000 samples `gan evaluate --samples` scores. One heavy thing at a
# time: the two sides run one after another. Prints the table of bench/parity/compare.py: per figure each side's mean ±
# sd, the gap in pooled standard deviations, Welch's t and p. STEPS shortens both sides alike (--set training.steps).
# Needs PyTorch: apt-get install -y python3-torch libopenblas0. Output under target/parity/RECIPE (GAN4J_PARITY_OUT).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
recipe="${1:?usage: bench/parity.sh vanilla-mnist|wgan-gp-grid|cgan-mnist [SEEDS] [STEPS]}"
seeds="${2:-1-5}"
steps="${3:-}"
py=/usr/bin/python3
case "$recipe" in
  vanilla-mnist|cgan-mnist) data=mnist; "$here/scripts/setup-data.sh" mnist >&2 ;;
  wgan-gp-grid) data=grid ;;
  *) echo "parity: unknown recipe '$recipe' (vanilla-mnist, wgan-gp-grid, cgan-mnist)" >&2; exit 2 ;;
esac
"$py" -c 'import torch' 2>/dev/null || { echo "parity: PyTorch missing; run: apt-get install -y python3-torch libopenblas0" >&2; exit 2; }
out="${GAN4J_PARITY_OUT:-$here/target/parity/$recipe${steps:+-$steps}}"
mkdir -p "$out/torch"
set_steps=()
[ -n "$steps" ] && set_steps=(--set "training.steps=$steps")
cd "$here"
# gan4j: a resumable experiment (run again to continue an interrupted one)
if [ -f "$out/gan4j/experiment.json" ]; then
  ./gan repeat --resume "$out/gan4j" --progress log >&2
else
  ./gan repeat "configs/$recipe.yaml" --seeds "$seeds" "${set_steps[@]}" --eval-samples 10000 --run-dir "$out/gan4j" --progress log >&2
fi
# PyTorch: the same seeds
list="$("$py" -c "import sys; s=[]
for p in sys.argv[1].split(','):
    a,_,b=p.partition('-'); s+=range(int(a),int(b or a)+1)
print(' '.join(map(str,s)))" "$seeds")"
for s in $list; do
  d="$out/torch/seed-$s"
  if [ -f "$d/samples.json" ]; then continue; fi
  mkdir -p "$d"
  echo "parity: PyTorch $recipe seed $s ..." >&2
  "$py" "$here/bench/parity/torch_recipes.py" --recipe "$recipe" --seed "$s" ${steps:+--steps "$steps"} --out "$d/samples.npy" > "$d/train.json"
  labels=()
  [ "$recipe" = cgan-mnist ] && labels=(--labels "$d/labels.npy")
  ./gan evaluate --samples "$d/samples.npy" "${labels[@]}" --data "$data" --out "$d/samples.json" > /dev/null
done
"$py" "$here/bench/parity/compare.py" "$recipe" "$out/gan4j/summary.json" "$out/torch" | tee "$out/table.md"
