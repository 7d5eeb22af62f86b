#!/usr/bin/python3
"""The recipes of gan4j's shipped configs, trained in PyTorch, for the parity table (bench/parity.sh).

Each recipe matches its config as far as the two frameworks can match:
  vanilla-mnist  configs/vanilla-mnist.yaml: G 100-256-512-1024-784 (LeakyReLU 0.2, tanh), D 784-512-256-1
                 (LeakyReLU 0.2, logit), non-saturating loss (BCE on logits), one D step on a real batch and a fresh
                 fake batch, then one G step on fresh noise; Adam 2e-4, betas (0.5, 0.999), eps 1e-8; batch 64;
                 12,000 iterations; samples from an EMA of G's weights (decay 0.999, updated after every iteration,
                 starting from the initial weights); MNIST scaled to [-1, 1] as x/127.5 - 1; shuffled without
                 replacement, a new permutation every epoch; z ~ N(0, I).
  cgan-mnist     configs/cgan-mnist.yaml: the same networks with one-hot labels appended to z and to the flattened
                 image; real batches with their labels, fake batches for uniformly drawn labels; 24,000 iterations.
  wgan-gp-grid   configs/wgan-gp-grid.yaml: G 2-128-128-2 (LeakyReLU 0.2, linear), a PacGAN4 critic 8-128-128-1
                 (four samples side by side); loss mean f(G(z)) - mean f(x) + 10 (|grad f(x_hat)| - 1)^2 with one
                 x_hat = eps x + (1 - eps) G(z) per sample and one gradient norm per packed row; 5 critic steps
                 (each a new real batch and fresh noise) then one G step; Adam 1e-4, betas (0.5, 0.9); batch 256;
                 10,000 iterations; 25 Gaussians at {-4,-2,0,2,4}^2 with sigma 0.05, 100,000 points drawn once.
Initialisation: PyTorch's nn.Linear default, W and b uniform in +-1/sqrt(fan_in), which is gan4j's Dense.
What cannot match: the random streams (another generator draws other noise, permutations and data points), and
gan4j's two data-parallel workers sum two half-batch gradients (float rounding differs, not the arithmetic).

Writes N samples as gan generate does: images (N, 1, 28, 28) float32 in [0, 1], points (N, 2); for cgan-mnist the
labels asked for (int64, N/10 of each class in order) beside them; and a JSON line with the training time.

  /usr/bin/python3 bench/parity/torch_recipes.py --recipe vanilla-mnist --seed 1 --out s.npy [--steps N] [--threads T]
"""
import argparse
import copy
import gzip
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

RECIPES = {
    "vanilla-mnist": dict(steps=12000, batch=64, latent=100, data="mnist", conditional=False),
    "cgan-mnist": dict(steps=24000, batch=64, latent=100, data="mnist", conditional=True),
    "wgan-gp-grid": dict(steps=10000, batch=256, latent=2, data="grid", conditional=False),
}


def idx(path):
    """An IDX file (plain or .gz) as a numpy array."""
    for p in (path, path + ".gz"):
        if os.path.exists(p):
            with (gzip.open(p) if p.endswith(".gz") else open(p, "rb")) as f:
                raw = f.read()
            dims = raw[3]
            shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
            return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)
    sys.exit(f"torch_recipes: {path} not found (scripts/setup-data.sh mnist)")


def mlp(sizes, out_act=None):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(nn.LeakyReLU(0.2))
    if out_act == "tanh":
        layers.append(nn.Tanh())
    return nn.Sequential(*layers)


class Batches:
    """Shuffled batches without replacement, a new permutation every epoch (gan4j's BatchStream)."""

    def __init__(self, n, batch, gen):
        self.n, self.batch, self.gen, self.perm, self.pos = n, batch, gen, None, n

    def next(self):
        if self.pos + self.batch > self.n:
            self.perm = torch.randperm(self.n, generator=self.gen)
            self.pos = 0
        i = self.perm[self.pos:self.pos + self.batch]
        self.pos += self.batch
        return i


def ema_update(ema, g, decay):
    with torch.no_grad():
        for pe, p in zip(ema.parameters(), g.parameters()):
            pe.mul_(decay).add_(p, alpha=1 - decay)


def train_image(r, seed, steps, data_dir):
    x = torch.from_numpy(idx(os.path.join(data_dir, "train-images-idx3-ubyte")).astype(np.float32) / 127.5 - 1)
    x = x.reshape(-1, 784)
    y = torch.from_numpy(idx(os.path.join(data_dir, "train-labels-idx1-ubyte")).astype(np.int64))
    k = 10 if r["conditional"] else 0
    g = mlp([r["latent"] + k, 256, 512, 1024, 784], "tanh")
    d = mlp([784 + k, 512, 256, 1])
    ema = copy.deepcopy(g)
    og = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999), eps=1e-8)
    od = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999), eps=1e-8)
    gen = torch.Generator().manual_seed(seed)
    batches = Batches(len(x), r["batch"], gen)
    b = r["batch"]

    def onehot(labels):
        return F.one_hot(labels, 10).float()

    def g_in(z, labels):
        return torch.cat([z, onehot(labels)], 1) if k else z

    def d_in(img, labels):
        return torch.cat([img, onehot(labels)], 1) if k else img

    for _ in range(steps):
        i = batches.next()
        real, real_y = x[i], y[i]
        fake_y = torch.randint(0, 10, (b,), generator=gen)
        z = torch.randn(b, r["latent"], generator=gen)
        with torch.no_grad():
            fake = g(g_in(z, fake_y))
        od.zero_grad(set_to_none=True)
        lr_, lf = d(d_in(real, real_y)), d(d_in(fake, fake_y))
        loss_d = F.binary_cross_entropy_with_logits(lr_, torch.ones_like(lr_)) + \
            F.binary_cross_entropy_with_logits(lf, torch.zeros_like(lf))
        loss_d.backward()
        od.step()
        gy = torch.randint(0, 10, (b,), generator=gen)
        z = torch.randn(b, r["latent"], generator=gen)
        og.zero_grad(set_to_none=True)
        out = d(d_in(g(g_in(z, gy)), gy))
        loss_g = F.binary_cross_entropy_with_logits(out, torch.ones_like(out))
        loss_g.backward()
        og.step()
        ema_update(ema, g, 0.999)
    return ema, gen


def grid_data(n=100000, seed=0):
    rng = np.random.default_rng(seed)
    centres = np.array([[(i - 2) * 2.0, (j - 2) * 2.0] for i in range(5) for j in range(5)], dtype=np.float64)
    m = rng.integers(0, 25, n)
    return torch.from_numpy((centres[m] + 0.05 * rng.standard_normal((n, 2))).astype(np.float32))


def train_grid(r, seed, steps):
    x = grid_data()
    g = mlp([2, 128, 128, 2])
    d = mlp([8, 128, 128, 1])
    og = torch.optim.Adam(g.parameters(), lr=1e-4, betas=(0.5, 0.9), eps=1e-8)
    od = torch.optim.Adam(d.parameters(), lr=1e-4, betas=(0.5, 0.9), eps=1e-8)
    gen = torch.Generator().manual_seed(seed)
    batches = Batches(len(x), r["batch"], gen)
    b = r["batch"]

    def critic(v):
        return d(v.reshape(-1, 8))

    for _ in range(steps):
        for _ in range(5):
            real = x[batches.next()]
            with torch.no_grad():
                fake = g(torch.randn(b, 2, generator=gen))
            od.zero_grad(set_to_none=True)
            loss = critic(fake).mean() - critic(real).mean()
            eps = torch.rand(b, 1, generator=gen)
            mixed = (eps * real + (1 - eps) * fake).requires_grad_(True)
            grad, = torch.autograd.grad(critic(mixed).sum(), mixed, create_graph=True)
            norms = grad.reshape(-1, 8).norm(dim=1)
            loss = loss + 10 * ((norms - 1) ** 2).mean()
            loss.backward()
            od.step()
        og.zero_grad(set_to_none=True)
        loss_g = -critic(g(torch.randn(b, 2, generator=gen))).mean()
        loss_g.backward()
        og.step()
    return g, gen


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--recipe", required=True, choices=sorted(RECIPES))
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--steps", type=int, help="iterations (default: the config's)")
    p.add_argument("--samples", type=int, default=10000)
    p.add_argument("--threads", type=int, default=1, help="torch intra-op threads (default 1: its better setting "
                   "for these MLPs here)")
    p.add_argument("--data", default="data/mnist", help="MNIST directory (default data/mnist)")
    p.add_argument("--out", required=True, help="samples .npy")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    r = RECIPES[a.recipe]
    steps = a.steps or r["steps"]
    t0 = time.time()
    if r["data"] == "mnist":
        net, gen = train_image(r, a.seed, steps, a.data)
    else:
        net, gen = train_grid(r, a.seed, steps)
    seconds = time.time() - t0
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with torch.no_grad():
        z = torch.randn(a.samples, r["latent"], generator=gen)
        if r["conditional"]:
            labels = torch.arange(a.samples) * 10 // a.samples
            out = net(torch.cat([z, F.one_hot(labels, 10).float()], 1))
            np.save(os.path.join(os.path.dirname(os.path.abspath(a.out)), "labels.npy"), labels.numpy().astype(np.int64))
        else:
            out = net(z)
    s = out.numpy().astype(np.float32)
    if r["data"] == "mnist":
        s = ((s + 1) / 2).clip(0, 1).reshape(-1, 1, 28, 28)
    np.save(a.out, s)
    print(json.dumps({"recipe": a.recipe, "seed": a.seed, "steps": steps, "seconds": round(seconds, 1),
                      "threads": a.threads, "torch": torch.__version__, "out": a.out}))


if __name__ == "__main__":
    main()
