#!/usr/bin/env python3
"""The parity table: per figure, gan4j's mean ± sd over seeds (from gan repeat's summary.json), PyTorch's (from the
gan evaluate --samples reports of its runs), the gap in pooled standard deviations, Welch's t, its degrees of freedom
and two-sided p. Standard library only.

  bench/parity/compare.py RECIPE GAN4J_SUMMARY.json TORCH_DIR
"""
import glob
import json
import math
import os
import sys

FIGURES = {
    "vanilla-mnist": ["parzen_ll", "fd", "class_kl", "classes_covered"],
    "cgan-mnist": ["label_accuracy", "parzen_ll", "fd", "class_kl"],
    "wgan-gp-grid": ["modes_covered", "hq_share", "reverse_kl"],
}


def mean_sd(v):
    m = sum(v) / len(v)
    sd = math.sqrt(sum((x - m) ** 2 for x in v) / (len(v) - 1)) if len(v) > 1 else 0.0
    return m, sd


def t_sf(t, df):
    """P(T > t) for Student's t with df degrees of freedom (regularised incomplete beta by continued fraction)."""
    x = df / (df + t * t)
    a, b = df / 2, 0.5

    def betacf(a, b, x):
        qab, qap, qam = a + b, a + 1, a - 1
        c, d = 1.0, 1 - qab * x / qap
        d = 1 / (d if abs(d) > 1e-300 else 1e-300)
        h = d
        for m in range(1, 300):
            m2 = 2 * m
            aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d; d = 1 / (d if abs(d) > 1e-300 else 1e-300)
            c = 1 + aa / c if abs(c) > 1e-300 else 1e-300
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d; d = 1 / (d if abs(d) > 1e-300 else 1e-300)
            c = 1 + aa / c if abs(c) > 1e-300 else 1e-300
            de = d * c
            h *= de
            if abs(de - 1) < 1e-12:
                break
        return h

    lbeta = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1 - x) if 0 < x < 1 else None
    if lbeta is None:
        return 0.5 if t == 0 else 0.0
    if x < (a + 1) / (a + b + 2):
        ib = math.exp(lbeta) * betacf(a, b, x) / a
    else:
        ib = 1 - math.exp(lbeta) * betacf(b, a, 1 - x) / b
    return ib / 2 if t > 0 else 1 - ib / 2


def welch(a, b):
    ma, sa = mean_sd(a)
    mb, sb = mean_sd(b)
    va, vb = sa * sa / len(a), sb * sb / len(b)
    if va + vb == 0:
        return ma - mb, float("nan"), float("nan"), 1.0 if ma == mb else 0.0
    t = (ma - mb) / math.sqrt(va + vb)
    df = (va + vb) ** 2 / ((va * va / (len(a) - 1) if len(a) > 1 else 0) + (vb * vb / (len(b) - 1) if len(b) > 1 else 0) or 1e-300)
    p = 2 * t_sf(abs(t), df)
    return ma - mb, t, df, p


def main():
    recipe, summary_file, torch_dir = sys.argv[1:4]
    summary = json.load(open(summary_file))
    runs = [r for g in summary["groups"] for r in g["runs"] if r["finished"]]
    ours = {k: [r["figures"][k] for r in runs if k in r["figures"]] for k in FIGURES[recipe]}
    ours["wall s"] = [r["seconds"] for r in runs]
    theirs = {k: [] for k in ours}
    for f in sorted(glob.glob(os.path.join(torch_dir, "seed-*", "samples.json"))):
        e = json.load(open(f))
        for k in FIGURES[recipe]:
            theirs[k].append(e[k])
        t = json.load(open(os.path.join(os.path.dirname(f), "train.json")))
        theirs["wall s"].append(t["seconds"])
    n1, n2 = len(runs), len(theirs["wall s"])
    print(f"{recipe}: gan4j {n1} seeds, PyTorch {n2} seeds (one yardstick: gan evaluate; wall s = training only)")
    print()
    print("| figure | gan4j mean ± sd | PyTorch mean ± sd | gap (pooled sd) | Welch t | df | p |")
    print("|---|---|---|---|---|---|---|")
    for k in ours:
        a, b = ours[k], theirs[k]
        if len(a) < 2 or len(b) < 2:
            print(f"| {k} | {a} | {b} | — | — | — | — |")
            continue
        ma, sa = mean_sd(a)
        mb, sb = mean_sd(b)
        if sa == 0 and sb == 0:
            same = "equal" if ma == mb else "differ"
            print(f"| {k} | {ma:.4g} ± 0 | {mb:.4g} ± 0 | — (no spread: {same}) | — | — | — |")
            continue
        pooled = math.sqrt((sa * sa + sb * sb) / 2)
        gap = (ma - mb) / pooled if pooled > 0 else float("nan")
        _, t, df, p = welch(a, b)
        print(f"| {k} | {ma:.4g} ± {sa:.3g} | {mb:.4g} ± {sb:.3g} | {gap:+.2f} | {t:+.2f} | {df:.1f} | {p:.3f} |")
    print()
    print("per seed, gan4j:  " + "; ".join(f"{k} " + " ".join(f"{v:.4g}" for v in ours[k]) for k in ours))
    print("per seed, PyTorch: " + "; ".join(f"{k} " + " ".join(f"{v:.4g}" for v in theirs[k]) for k in theirs))


if __name__ == "__main__":
    main()
