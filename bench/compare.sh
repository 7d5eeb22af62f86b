#!/usr/bin/env bash
# gan4j against its PyTorch peer, side by side in one run. For each case and round, alternately:
#   gan4j with one worker and one thread, the peer at --threads 1,
#   gan4j with workers and threads auto (all cores), the peer at --threads <cores>,
# then one table: every time, the ratio of gan4j's best to the peer's best, and peak RSS at the same core count.
#   bench/compare.sh [CASES] [ROUNDS]        e.g. bench/compare.sh mlp,dcgan28 2
# The peer is bench/torch_peer.py (GAN4J_PEER=path picks another peer script with the same JSON keys);
# it needs PyTorch: apt-get install -y python3-torch libopenblas0. GAN4J_BENCH_ARGS adds gan bench options
# (for example --steps 20), GAN4J_PEER_ARGS the peer's.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cases="${1:-mlp,dcgan28,dcgan64,wgan,pix2pix_b1,pix2pix_b4,cyclegan,toy}"
rounds="${2:-1}"
peer="${GAN4J_PEER:-$here/bench/torch_peer.py}"
py=/usr/bin/python3
cores="$(nproc)"
[ -f "$peer" ] || { echo "compare: peer benchmark not found at $peer" >&2; exit 2; }
"$py" -c 'import torch' 2>/dev/null || { echo "compare: PyTorch missing; run: apt-get install -y python3-torch libopenblas0" >&2; exit 2; }
out="${GAN4J_COMPARE_OUT:-$(mktemp -d)}"
mkdir -p "$out"
# shellcheck disable=SC2086
for r in $(seq 1 "$rounds"); do
  for c in ${cases//,/ }; do
    echo "round $r, case $c: gan4j, 1 worker × 1 thread ..." >&2
    "$here/gan" bench --cases "$c" --workers 1 --threads 1 ${GAN4J_BENCH_ARGS:-} --json-out "$out/gan4j-1.jsonl" > /dev/null \
      || echo "compare: gan4j failed on $c (1 worker)" >&2
    echo "round $r, case $c: pytorch, --threads 1 ..." >&2
    "$py" "$peer" --cases "$c" --threads 1 ${GAN4J_PEER_ARGS:-} --json-out "$out/peer-1.jsonl" > /dev/null \
      || echo "compare: the peer failed on $c (1 thread)" >&2
    echo "round $r, case $c: gan4j, workers and threads auto ..." >&2
    "$here/gan" bench --cases "$c" --workers auto --threads auto ${GAN4J_BENCH_ARGS:-} --json-out "$out/gan4j-auto.jsonl" > /dev/null \
      || echo "compare: gan4j failed on $c (auto)" >&2
    echo "round $r, case $c: pytorch, --threads $cores ..." >&2
    "$py" "$peer" --cases "$c" --threads "$cores" ${GAN4J_PEER_ARGS:-} --json-out "$out/peer-n.jsonl" > /dev/null \
      || echo "compare: the peer failed on $c ($cores threads)" >&2
  done
done
"$py" - "$out" "$cores" <<'PY'
import json, os, statistics, sys
out, cores = sys.argv[1], int(sys.argv[2])
def load(name):
    rows = {}
    p = os.path.join(out, name)
    if os.path.exists(p):
        for line in open(p):
            if line.startswith("{"):
                r = json.loads(line)
                rows.setdefault(r["case"], []).append(r)
    return rows
g1, ga, t1, tn = load("gan4j-1.jsonl"), load("gan4j-auto.jsonl"), load("peer-1.jsonl"), load("peer-n.jsonl")
def med(rows, case, key="median_s_per_iter"):
    return statistics.median(r[key] for r in rows[case]) if case in rows else None
def rss(rows, case):
    return max(r["peak_rss_mb"] for r in rows[case]) if case in rows else None
def f(v, w=8, d=4):
    return f"{v:>{w}.{d}f}" if v is not None else f"{'-':>{w}}"
auto = next((r for rs in ga.values() for r in rs), None)
label = f"{auto['workers']}×{auto['threads']}" if auto else "auto"
print(f"seconds per iteration (median); gan4j workers×threads 1×1 and auto; torch --threads 1 and {cores}")
print(f"{'case':<11} {'gan4j 1×1':>10} {'gan4j auto':>10} {'w×t':>5} {'torch 1':>9} {'torch ' + str(cores):>9}"
      f" {'best/best':>9} {'RSS 1×1':>8} {'torch 1':>8} {'RSS auto':>8} {'torch ' + str(cores):>8} {'params =':>8}")
cases = list(dict.fromkeys(list(t1) + list(tn) + list(g1) + list(ga)))
for c in cases:
    a, b, x, y = med(g1, c), med(ga, c), med(t1, c), med(tn, c)
    ours = [v for v in (a, b) if v is not None]
    theirs = [v for v in (x, y) if v is not None]
    ratio = min(ours) / min(theirs) if ours and theirs else None
    wt = f"{ga[c][0]['workers']}×{ga[c][0]['threads']}" if c in ga else "-"
    ref = (t1.get(c) or tn.get(c) or [{}])[0]
    same = all(r.get("params_G") == ref.get("params_G") and r.get("params_D") == ref.get("params_D")
               for r in g1.get(c, []) + ga.get(c, [])) if ref else None
    print(f"{c:<11} {f(a, 10)} {f(b, 10)} {wt:>5} {f(x, 9)} {f(y, 9)} {f(ratio, 9, 2)}"
          f" {f(rss(g1, c), 8, 0)} {f(rss(t1, c), 8, 0)} {f(rss(ga, c), 8, 0)} {f(rss(tn, c), 8, 0)} {str(same):>8}")
print(f"(best/best: gan4j's faster setting over the peer's faster one; RSS in MB at the same core count; raw JSON: {out})")
PY
