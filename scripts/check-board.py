#!/usr/bin/env python3
"""Checks a run board's self-check (the JSON the page writes into <pre id="selfcheck"> after rendering in Chromium)
against the run's metrics.jsonl: every metric is a curve with all its points and the same values, every image loaded,
no script error. Usage: check-board.py RUN_DIR DOM_FILE"""
import json, re, sys, html

run, dom = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
m = re.search(r'<pre id="selfcheck"[^>]*>(.*?)</pre>', dom, re.S)
if not m or not m.group(1).strip():
    sys.exit("board: the page wrote no self-check (did its script run?)")
check = json.loads(html.unescape(m.group(1)))
rows = [json.loads(l) for l in open(f"{run}/metrics.jsonl") if l.strip()]
expected = {}
for r in rows:
    for k, v in r.items():
        if k not in ("step", "epoch") and isinstance(v, (int, float)):
            e = expected.setdefault(k, {"points": 0, "sum": 0.0, "last": None})
            e["points"] += 1; e["sum"] += v; e["last"] = v
curves = {t["name"]: t for group in check["charts"].values() for t in group}
problems = []
for k, e in expected.items():
    t = curves.get(k)
    if t is None:
        problems.append(f"metric {k}: no curve"); continue
    if t["points"] != e["points"]:
        problems.append(f"metric {k}: {t['points']} points on the page, {e['points']} in metrics.jsonl")
    if abs(t["sum"] - e["sum"]) > 1e-9 * max(1.0, abs(e["sum"])) or abs(t["last"] - e["last"]) > 1e-12 * max(1.0, abs(e["last"])):
        problems.append(f"metric {k}: values differ (page sum {t['sum']}, file {e['sum']})")
# D's outputs (0-1) have an axis of their own, not step_ms's
for k, group in (("d_real", "probabilities"), ("d_fake", "probabilities"), ("step_ms", "timing")):
    if k in expected and k not in {t["name"] for t in check["charts"].get(group, [])}:
        problems.append(f"metric {k}: not on the {group} chart")
if check["images"]["failed"]:
    problems.append(f"images that did not load: {check['images']['failures']}")
if check["images"]["loaded"] < 1:
    problems.append("no image loaded")
if check["errors"]:
    problems.append(f"script errors: {check['errors']}")
if problems:
    sys.exit("board: " + "; ".join(problems))
print(f"board: {len(curves)} curves hold all {sum(e['points'] for e in expected.values())} values of metrics.jsonl; "
      f"{check['images']['loaded']} images loaded, {check['samples']} sample pictures on the slider; no script errors")
