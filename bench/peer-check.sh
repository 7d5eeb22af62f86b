#!/usr/bin/env bash
# Checks bench/torch_peer.py against the reference peer script (../shared/bench/torch_gan_bench.py by default):
# both run each case alternately in one run, at the same thread count; prints both times and parameter counts.
#   bench/peer-check.sh [CASES] [THREADS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cases="${1:-mlp,dcgan28,dcgan64,wgan,pix2pix_b1,pix2pix_b4,cyclegan}"
threads="${2:-1}"
ref="${GAN4J_PEER_REF:-$here/../shared/bench/torch_gan_bench.py}"
[ -f "$ref" ] || { echo "peer-check: reference script not found at $ref" >&2; exit 2; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for c in ${cases//,/ }; do
  echo "case $c: bench/torch_peer.py ..." >&2
  /usr/bin/python3 "$here/bench/torch_peer.py" --cases "$c" --threads "$threads" --json-out "$out/ours.jsonl" > /dev/null
  echo "case $c: reference ..." >&2
  /usr/bin/python3 "$ref" --cases "$c" --threads "$threads" --quiet-s 0 --retries 0 --json-out "$out/ref.jsonl" > /dev/null
done
/usr/bin/python3 - "$out" <<'PY'
import json, sys
def load(p):
    return {r["case"]: r for r in (json.loads(l) for l in open(p) if l.startswith("{"))}
ours, ref = load(sys.argv[1] + "/ours.jsonl"), load(sys.argv[1] + "/ref.jsonl")
print(f"{'case':<11} {'ours s/it':>10} {'ref s/it':>10} {'ratio':>6} {'params G ours/ref':>22} {'params D ours/ref':>20}")
for c in ref:
    o, r = ours.get(c), ref[c]
    if o:
        print(f"{c:<11} {o['median_s_per_iter']:>10.4f} {r['median_s_per_iter']:>10.4f} "
              f"{o['median_s_per_iter'] / r['median_s_per_iter']:>6.2f} {str(o['params_G']) + '/' + str(r['params_G']):>22} "
              f"{str(o['params_D']) + '/' + str(r['params_D']):>20}")
PY
