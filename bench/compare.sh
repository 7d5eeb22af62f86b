#!/usr/bin/env bash
# Runs gan4j's `gan bench` and the PyTorch peer (../shared/bench/torch_gan_bench.py) alternately, case by case, and
# prints both times per iteration, the ratio gan4j/PyTorch and both peak RSS values.
#   bench/compare.sh [CASES] [ROUNDS]     e.g. bench/compare.sh mlp 2
# Needs the peer: apt-get install -y python3-torch libopenblas0 (see ../shared/bench/README.md).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cases="${1:-mlp}"
rounds="${2:-1}"
peer="${GAN4J_PEER:-$here/../shared/bench/torch_gan_bench.py}"
py=/usr/bin/python3
[ -f "$peer" ] || { echo "compare: peer benchmark not found at $peer" >&2; exit 2; }
"$py" -c 'import torch' 2>/dev/null || { echo "compare: PyTorch missing; run: apt-get install -y python3-torch libopenblas0" >&2; exit 2; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for r in $(seq 1 "$rounds"); do
  for c in ${cases//,/ }; do
    echo "round $r, case $c: gan4j ..." >&2
    "$here/gan" bench --cases "$c" --json-out "$out/gan4j.jsonl" > /dev/null || echo "compare: gan4j has no case $c yet" >&2
    echo "round $r, case $c: pytorch ..." >&2
    "$py" "$peer" --cases "$c" --json-out "$out/peer.jsonl" > /dev/null
  done
done
"$py" - "$out/gan4j.jsonl" "$out/peer.jsonl" <<'PY'
import json, statistics, sys, os
def load(p):
    rows = {}
    if os.path.exists(p):
        for line in open(p):
            if line.startswith("{"):
                r = json.loads(line); rows.setdefault(r["case"], []).append(r)
    return rows
g, t = load(sys.argv[1]), load(sys.argv[2])
print(f"{'case':<12} {'gan4j s/it':>11} {'torch s/it':>11} {'ratio':>7} {'gan4j RSS MB':>13} {'torch RSS MB':>13} {'params G/D equal':>17}")
for case in t:
    tm = statistics.median(r["median_s_per_iter"] for r in t[case])
    tr = max(r["peak_rss_mb"] for r in t[case])
    if case in g:
        gm = statistics.median(r["median_s_per_iter"] for r in g[case])
        gr = max(r["peak_rss_mb"] for r in g[case])
        same = all(r.get("params_G") == t[case][0]["params_G"] and r.get("params_D") == t[case][0]["params_D"] for r in g[case])
        print(f"{case:<12} {gm:>11.4f} {tm:>11.4f} {gm/tm:>7.2f} {gr:>13.0f} {tr:>13.0f} {str(same):>17}")
    else:
        print(f"{case:<12} {'-':>11} {tm:>11.4f} {'-':>7} {'-':>13} {tr:>13.0f} {'-':>17}")
PY
