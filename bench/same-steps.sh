#!/usr/bin/env bash
# Did a change move training by one bit? Trains the first STEPS (50) steps of shipped configs with this checkout and
# with another commit (REF, built in a worktree under target/same-steps), and compares every array the final
# checkpoints hold (weights, buffers, optimizer state, EMA) by SHA-256:
#   bench/same-steps.sh REF [CONFIG...]      e.g. bench/same-steps.sh HEAD~3
# CONFIG defaults to every configs/*.yaml whose data is installed (scripts/setup-data.sh NAME installs the others).
# Both sides run one after another on the same machine (other CPUs round differently: docs/reproduction.md).
# Exit 0 when every array is equal, 1 when one differs, 2 on bad usage.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ref="${1:?usage: bench/same-steps.sh REF [CONFIG...]}"
shift
steps="${GAN4J_SAME_STEPS:-50}"
cd "$here"
sha="$(git rev-parse --verify -q "$ref^{commit}")" || { echo "same-steps: '$ref' is not a commit" >&2; exit 2; }
configs=("$@")
if [ ${#configs[@]} -eq 0 ]; then
  for c in configs/*.yaml; do
    data="$(sed -n 's/^data: *{ *type: *\([a-z0-9-]*\).*/\1/p' "$c" | head -n 1)"
    case "$data" in
      mnist|fashion-mnist) [ -d "data/$data" ] || [ -d "data/${data/-/_}" ] || continue ;;
      ring|grid|synthetic) ;;
      *) dir="$(sed -n 's/^data: *{.*dir: *\([^,} ]*\).*/\1/p' "$c" | head -n 1)"; [ -n "$dir" ] && [ -d "$dir" ] || continue ;;
    esac
    configs+=("$c")
  done
fi
out="$here/target/same-steps"
tree="$out/tree-${sha:0:10}"
mkdir -p "$out"
if [ ! -d "$tree" ]; then
  git worktree add -f --detach "$tree" "$sha" >&2
fi
# the worktree shares data/ with this checkout
[ -e "$tree/data" ] || ln -s "$here/data" "$tree/data"
# arrays of a checkpoint by entry name: sha256 of each .npy (config, metrics and manifest carry times and paths)
digest() {
  python3 - "$1" <<'PY'
import hashlib, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    for n in sorted(z.namelist()):
        if n.endswith('.npy'):
            print(n, hashlib.sha256(z.read(n)).hexdigest())
PY
}
run() {  # run SIDE_DIR CHECKOUT CONFIG
  local dir="$1" checkout="$2" config="$3" name
  name="$(basename "$config" .yaml)"
  mkdir -p "$dir"; rm -rf "${dir:?}/$name"
  # REF's own install must not replace this checkout's artifacts in the local repository
  GAN4J_MAVEN_ARGS="-Dmaven.install.skip=true" "$checkout/gan" train "$checkout/$config" --run-dir "$dir/$name" \
    --set training.steps="$steps" --set checkpoints.every="$steps" --set samples.every=0 --set evaluation.every=0 \
    --progress none > "$dir/$name.log" 2>&1 || { echo "same-steps: $config failed under $checkout (see $dir/$name.log)" >&2; return 1; }
  digest "$(ls "$dir/$name"/checkpoints/*.ckpt | tail -n 1)" > "$dir/$name.sha"
}
status=0
for c in "${configs[@]}"; do
  run "$out/ref" "$tree" "$c" && run "$out/head" "$here" "$c" || { status=1; continue; }
  name="$(basename "$c" .yaml)"
  if diff -q "$out/ref/$name.sha" "$out/head/$name.sha" > /dev/null; then
    echo "same   $c ($(wc -l < "$out/head/$name.sha") arrays, $steps steps)"
  else
    echo "DIFFER $c:"; diff "$out/ref/$name.sha" "$out/head/$name.sha" | sed 's/^/  /'; status=1
  fi
done
exit $status
