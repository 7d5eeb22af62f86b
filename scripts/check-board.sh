#!/usr/bin/env bash
# The run board in a real browser (issue 21): headless Chromium (Debian's package) renders a fresh run's index.html
# from file:// and the `gan board` server's pages; the screenshot must not be blank, the curves must hold every value
# of metrics.jsonl, every image must load, and neither the page nor the browser console may report an error.
#   scripts/check-board.sh [WORK_DIR]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$here/target/ci-board}"
rm -rf "$work" && mkdir -p "$work"
if ! command -v chromium >/dev/null; then
  echo "check-board: installing chromium (Debian package) ..."
  { apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }; }
fi
browse() {  # browse URL OUT_PREFIX: screenshot, DOM after scripts ran, browser log
  local flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,2400 --virtual-time-budget=10000
               --enable-logging=stderr --v=0)
  timeout 120 chromium "${flags[@]}" --screenshot="$2.png" "$1" >/dev/null 2>"$2.screenshot.log"
  timeout 120 chromium "${flags[@]}" --dump-dom "$1" >"$2.dom.html" 2>"$2.log"
  if grep -E 'CONSOLE|Uncaught' "$2.log" "$2.screenshot.log"; then
    echo "check-board: the browser console reported the lines above for $1" >&2; exit 1
  fi
  local stats; stats="$(java "$here/scripts/ImageStats.java" "$2.png")"
  echo "check-board: $1 screenshot: $stats"
  awk '{ if ($2 < 50 || $4 < 0.01) exit 1 }' <<<"$stats" || { echo "check-board: $2.png looks blank" >&2; exit 1; }
}
cd "$here"
for seed in 1 2; do
  ./gan train configs/vanilla-ring.yaml --set seed=$seed --set training.steps=600 --set samples.every=200 \
    --set evaluation.every=200 --set evaluation.samples=1000 --run-dir "$work/runs/ring-$seed" --progress none
done
test -f "$work/runs/ring-1/index.html" && test -f "$work/runs/ring-1/board/plotly-basic.min.js"
browse "file://$work/runs/ring-1/index.html" "$work/file"
python3 scripts/check-board.py "$work/runs/ring-1" "$work/file.dom.html"

# the server: its copy of the board, and the run list comparing both runs on the same axes
./gan board "$work/runs" --port 0 >"$work/board.out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 60); do grep -q "http://" "$work/board.out" && break; sleep 1; done
url="$(grep -o 'http://[0-9.:]*/' "$work/board.out")"
[ -n "$url" ] || { cat "$work/board.out"; echo "check-board: gan board did not start" >&2; exit 1; }
curl -fsS "${url}runs/ring-1/data.json" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["step"] == 600, d["step"]'
# a page elsewhere whose DNS name was rebound to 127.0.0.1 gets nothing; nor does a path out of a run
[ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: rebound.example' "${url}api/runs")" = 403 ]
[ "$(curl -s -o /dev/null -w '%{http_code}' --path-as-is "${url}runs/ring-1/../../../../etc/passwd")" = 404 ]
# live: a run training under the served directory shows new steps in its data.json while it trains
./gan train configs/vanilla-ring.yaml --set training.steps=3000 --set metrics.every=50 --set samples.every=0 \
  --set evaluation.every=0 --run-dir "$work/runs/live" --progress none >/dev/null 2>&1 &
trainer=$!
seen=""
for _ in $(seq 120); do
  step="$(curl -fsS "${url}runs/live/data.json" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["step"])' 2>/dev/null || true)"
  if [ -n "$step" ] && [ "$step" != "0" ] && [ "$step" != "3000" ]; then
    case " $seen " in *" $step "*) ;; *) seen="$seen $step" ;; esac
  fi
  [ "$(wc -w <<<"$seen")" -ge 2 ] && break
  sleep 1
done
kill $trainer 2>/dev/null || true; wait $trainer 2>/dev/null || true
[ "$(wc -w <<<"$seen")" -ge 2 ] || { echo "check-board: the served board did not follow the training run (steps seen:$seen)" >&2; exit 1; }
echo "check-board: while training, the served board showed steps$seen"
browse "${url}runs/ring-2/" "$work/served"
python3 scripts/check-board.py "$work/runs/ring-2" "$work/served.dom.html"
browse "${url}?run=ring-1&run=ring-2" "$work/list"
python3 - "$work/list.dom.html" <<'PY'
import html, json, re, sys
m = re.search(r'<pre id="selfcheck"[^>]*>(.*?)</pre>', open(sys.argv[1]).read(), re.S)
c = json.loads(html.unescape(m.group(1)))
assert c["runs"] == 3 and [x["points"] for x in c["compared"]] == [12, 12] and not c["errors"], c
print(f"board: the run list shows {c['runs']} runs; ring-1 and ring-2 on one chart: {c['compared']}")
PY
echo "check-board: ok"
