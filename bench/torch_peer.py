#!/usr/bin/python3
"""gan4j's PyTorch peer: full GAN iterations of seven standard cases, timed on the CPU.

The cases, networks, losses, optimizers and batch sizes are those of the peer benchmark gan4j is compared with
(the project's reference script), and so are the JSON keys, so that a clone of gan4j reproduces its performance
table without that file. One iteration is one discriminator update and one generator update (wgan: five critic
updates, then one generator update).

  mlp         G 100-256-512-1024-784 (LeakyReLU 0.2, tanh), D 784-512-256-1 (LeakyReLU 0.2, sigmoid), BCE, batch 64
  dcgan28     G: linear 100 -> 128x7x7 + BN, two transposed convs to 1x28x28; D: two convs + linear, BCE, batch 64
  dcgan64     the DCGAN paper's networks at 3x64x64 (ngf = ndf = 64), BCE, batch 64
  wgan        dcgan64's networks as generator and critic, weight clip 0.01, RMSprop 5e-5, n_critic 5, batch 64
  pix2pix_b1  U-Net (7 levels, ngf 64, BatchNorm, dropout) + 70x70 PatchGAN (ndf 64, BatchNorm) on (A, B),
  pix2pix_b4  BCE on logits + 100 L1, 128x128, batch 1 and 4
  toy         configs/wgan-gp-grid.yaml: G 2-128-128-2 (LeakyReLU 0.2), PacGAN4 critic 8-128-128-1, WGAN-GP
              lambda 10, n_critic 5, Adam 1e-4 (0.5, 0.9), batch 256: the fixed cost of a step
  cyclegan    two ResNet-6 generators (ngf 64, InstanceNorm), two PatchGANs (InstanceNorm), least squares,
              cycle 10, identity 0.5, 128x128, batch 1

Adam(2e-4, betas (0.5, 0.999)) except wgan. Synthetic data. Each case runs in a child process so that its peak RSS is
its own. Output: one JSON line per case on stdout.

  /usr/bin/python3 bench/torch_peer.py [--cases mlp,dcgan28] [--threads T] [--steps N] [--json-out FILE]
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

CASES = ["mlp", "dcgan64", "dcgan28", "wgan", "pix2pix_b1", "pix2pix_b4", "cyclegan", "toy"]


def machine_cpu():
    """(all cores' busy seconds, this process's CPU seconds, wall) for telling other load from ours."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    tick = os.sysconf("SC_CLK_TCK")
    busy = (sum(v[:8]) - v[3] - (v[4] if len(v) > 4 else 0) - (v[7] if len(v) > 7 else 0)) / tick
    t = os.times()
    return busy, t.user + t.system, time.perf_counter()


def foreign_share(a, b):
    wall = b[2] - a[2]
    cores = os.cpu_count() or 1
    return max(0.0, (b[0] - a[0]) - (b[1] - a[1])) / (wall * cores)


# --------------------------------------------------------------------------------------------------------- networks
def init_normal(torch, module):
    """N(0, 0.02) for convolution and linear weights, N(1, 0.02) for BatchNorm scales, zero biases."""
    nn = torch.nn
    for m in module.modules():
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
            nn.init.normal_(m.weight, 0.0, 0.02)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, (nn.BatchNorm2d, nn.BatchNorm1d)):
            nn.init.normal_(m.weight, 1.0, 0.02)
            nn.init.zeros_(m.bias)


def mlp_nets(nn):
    g = nn.Sequential(nn.Linear(100, 256), nn.LeakyReLU(0.2), nn.Linear(256, 512), nn.LeakyReLU(0.2),
                      nn.Linear(512, 1024), nn.LeakyReLU(0.2), nn.Linear(1024, 784), nn.Tanh())
    d = nn.Sequential(nn.Linear(784, 512), nn.LeakyReLU(0.2), nn.Linear(512, 256), nn.LeakyReLU(0.2),
                      nn.Linear(256, 1), nn.Sigmoid())
    return g, d


def dcgan64_nets(nn, sigmoid):
    widths = [512, 256, 128, 64]
    g = [nn.ConvTranspose2d(100, widths[0], 4, 1, 0, bias=False), nn.BatchNorm2d(widths[0]), nn.ReLU(True)]
    for a, b in zip(widths, widths[1:]):
        g += [nn.ConvTranspose2d(a, b, 4, 2, 1, bias=False), nn.BatchNorm2d(b), nn.ReLU(True)]
    g += [nn.ConvTranspose2d(widths[-1], 3, 4, 2, 1, bias=False), nn.Tanh()]
    d = [nn.Conv2d(3, 64, 4, 2, 1, bias=False), nn.LeakyReLU(0.2, True)]
    for a, b in [(64, 128), (128, 256), (256, 512)]:
        d += [nn.Conv2d(a, b, 4, 2, 1, bias=False), nn.BatchNorm2d(b), nn.LeakyReLU(0.2, True)]
    d += [nn.Conv2d(512, 1, 4, 1, 0, bias=False)] + ([nn.Sigmoid()] if sigmoid else [])
    return nn.Sequential(*g), nn.Sequential(*d)


def dcgan28_nets(nn):
    class Unflatten(nn.Module):
        def forward(self, x):
            return x.view(-1, 128, 7, 7)

    g = nn.Sequential(nn.Linear(100, 128 * 49, bias=False), nn.BatchNorm1d(128 * 49), nn.ReLU(True), Unflatten(),
                      nn.ConvTranspose2d(128, 64, 4, 2, 1, bias=False), nn.BatchNorm2d(64), nn.ReLU(True),
                      nn.ConvTranspose2d(64, 1, 4, 2, 1, bias=False), nn.Tanh())
    d = nn.Sequential(nn.Conv2d(1, 64, 4, 2, 1), nn.LeakyReLU(0.2, True),
                      nn.Conv2d(64, 128, 4, 2, 1, bias=False), nn.BatchNorm2d(128), nn.LeakyReLU(0.2, True),
                      nn.Flatten(), nn.Linear(128 * 49, 1), nn.Sigmoid())
    return g, d


def patchgan(nn, channels, norm, bias):
    """The 70x70 PatchGAN: three stride-2 4x4 convolutions, one stride-1, then a one-channel map."""
    layers = [nn.Conv2d(channels, 64, 4, 2, 1), nn.LeakyReLU(0.2, True)]
    for a, b, stride in [(64, 128, 2), (128, 256, 2), (256, 512, 1)]:
        layers += [nn.Conv2d(a, b, 4, stride, 1, bias=bias), norm(b), nn.LeakyReLU(0.2, True)]
    layers += [nn.Conv2d(512, 1, 4, 1, 1)]
    return nn.Sequential(*layers)


def unet(torch, nn, levels=7, ngf=64):
    """U-Net with skips: level i halves the size; the innermost levels - 5 decoder blocks carry dropout."""

    class Level(nn.Module):
        def __init__(self, outer, inner, inner_block, in_channels=None, outermost=False, dropout=False):
            super().__init__()
            self.outermost = outermost
            down = nn.Conv2d(in_channels or outer, inner, 4, 2, 1, bias=False)
            if inner_block is None:  # innermost: no norm below, no skip input from below
                self.body = nn.Sequential(nn.LeakyReLU(0.2, True), down, nn.ReLU(True),
                                          nn.ConvTranspose2d(inner, outer, 4, 2, 1, bias=False), nn.BatchNorm2d(outer))
            elif outermost:
                self.body = nn.Sequential(down, inner_block, nn.ReLU(True),
                                          nn.ConvTranspose2d(inner * 2, outer, 4, 2, 1), nn.Tanh())
            else:
                up = [nn.ReLU(True), nn.ConvTranspose2d(inner * 2, outer, 4, 2, 1, bias=False), nn.BatchNorm2d(outer)]
                self.body = nn.Sequential(nn.LeakyReLU(0.2, True), down, nn.BatchNorm2d(inner), inner_block, *up,
                                          *([nn.Dropout(0.5)] if dropout else []))

        def forward(self, x):
            y = self.body(x)
            return y if self.outermost else torch.cat([x, y], 1)

    block = Level(ngf * 8, ngf * 8, None)
    for _ in range(levels - 5):
        block = Level(ngf * 8, ngf * 8, block, dropout=True)
    for outer, inner in [(ngf * 4, ngf * 8), (ngf * 2, ngf * 4), (ngf, ngf * 2)]:
        block = Level(outer, inner, block)
    return Level(3, ngf, block, in_channels=3, outermost=True)


def resnet(nn, blocks=6, ngf=64):
    norm = lambda c: nn.InstanceNorm2d(c, affine=False, track_running_stats=False)

    class Block(nn.Module):
        def __init__(self, c):
            super().__init__()
            self.body = nn.Sequential(nn.ReflectionPad2d(1), nn.Conv2d(c, c, 3), norm(c), nn.ReLU(True),
                                      nn.ReflectionPad2d(1), nn.Conv2d(c, c, 3), norm(c))

        def forward(self, x):
            return x + self.body(x)

    layers = [nn.ReflectionPad2d(3), nn.Conv2d(3, ngf, 7), norm(ngf), nn.ReLU(True)]
    for c in (ngf, ngf * 2):
        layers += [nn.Conv2d(c, c * 2, 3, 2, 1), norm(c * 2), nn.ReLU(True)]
    layers += [Block(ngf * 4) for _ in range(blocks)]
    for c in (ngf * 4, ngf * 2):
        layers += [nn.ConvTranspose2d(c, c // 2, 3, 2, 1, output_padding=1), norm(c // 2), nn.ReLU(True)]
    layers += [nn.ReflectionPad2d(3), nn.Conv2d(ngf, 3, 7), nn.Tanh()]
    return nn.Sequential(*layers)


# ------------------------------------------------------------------------------------------------------- iterations
def adam(torch, params):
    return torch.optim.Adam(params, lr=2e-4, betas=(0.5, 0.999))


def frozen(nets, flag):
    for net in nets:
        for p in net.parameters():
            p.requires_grad_(not flag)


def cycling(torch, shape, count=4):
    """A few synthetic batches in [-1, 1], taken in turn."""
    batches = [torch.rand(*shape) * 2 - 1 for _ in range(count)]
    state = {"i": 0}

    def next_batch():
        state["i"] += 1
        return batches[state["i"] % count]
    return next_batch


def standard(torch, g, d, batch, z_shape, data_shape):
    """D on a real and a detached fake batch, then G through D on the same fake batch (non-saturating BCE)."""
    bce = torch.nn.BCELoss()
    opt_g, opt_d = adam(torch, g.parameters()), adam(torch, d.parameters())
    ones, zeros = torch.ones(batch, 1), torch.zeros(batch, 1)
    real = cycling(torch, data_shape)

    def step():
        opt_d.zero_grad(set_to_none=True)
        fake = g(torch.randn(*z_shape))
        loss_d = bce(d(real()).view(batch, 1), ones) + bce(d(fake.detach()).view(batch, 1), zeros)
        loss_d.backward()
        opt_d.step()
        opt_g.zero_grad(set_to_none=True)
        loss_g = bce(d(fake).view(batch, 1), ones)
        loss_g.backward()
        opt_g.step()
        return float(loss_d), float(loss_g)
    return step


def wgan(torch, g, critic, z_shape, data_shape, n_critic=5, clip=0.01):
    opt_g = torch.optim.RMSprop(g.parameters(), lr=5e-5)
    opt_c = torch.optim.RMSprop(critic.parameters(), lr=5e-5)
    real = cycling(torch, data_shape)

    def step():
        for _ in range(n_critic):
            with torch.no_grad():
                for p in critic.parameters():
                    p.clamp_(-clip, clip)
                fake = g(torch.randn(*z_shape))
            opt_c.zero_grad(set_to_none=True)
            loss_c = critic(fake).mean() - critic(real()).mean()
            loss_c.backward()
            opt_c.step()
        frozen([critic], True)
        opt_g.zero_grad(set_to_none=True)
        loss_g = -critic(g(torch.randn(*z_shape))).mean()
        loss_g.backward()
        opt_g.step()
        frozen([critic], False)
        return float(loss_c), float(loss_g)
    return step


def wgan_gp_toy(torch, g, critic, batch=256, n_critic=5, lam=10.0):
    """WGAN-GP with a PacGAN4 critic on 2-D points, as configs/wgan-gp-grid.yaml."""
    opt_g = torch.optim.Adam(g.parameters(), lr=1e-4, betas=(0.5, 0.9))
    opt_c = torch.optim.Adam(critic.parameters(), lr=1e-4, betas=(0.5, 0.9))
    real = cycling(torch, (batch, 2))

    def c(v):
        return critic(v.reshape(-1, 8))

    def step():
        for _ in range(n_critic):
            x = real()
            with torch.no_grad():
                fake = g(torch.randn(batch, 2))
            opt_c.zero_grad(set_to_none=True)
            eps = torch.rand(batch, 1)
            mixed = (eps * x + (1 - eps) * fake).requires_grad_(True)
            grad, = torch.autograd.grad(c(mixed).sum(), mixed, create_graph=True)
            loss_c = c(fake).mean() - c(x).mean() + lam * ((grad.reshape(-1, 8).norm(dim=1) - 1) ** 2).mean()
            loss_c.backward()
            opt_c.step()
        frozen([critic], True)
        opt_g.zero_grad(set_to_none=True)
        loss_g = -c(g(torch.randn(batch, 2))).mean()
        loss_g.backward()
        opt_g.step()
        frozen([critic], False)
        return float(loss_c), float(loss_g)
    return step


def pix2pix(torch, g, d, batch):
    bce = torch.nn.BCEWithLogitsLoss()
    l1 = torch.nn.L1Loss()
    opt_g, opt_d = adam(torch, g.parameters()), adam(torch, d.parameters())
    a_batches, b_batches = cycling(torch, (batch, 3, 128, 128)), cycling(torch, (batch, 3, 128, 128))

    def step():
        a, b = a_batches(), b_batches()
        fake = g(a)
        frozen([d], False)
        opt_d.zero_grad(set_to_none=True)
        on_fake = d(torch.cat((a, fake.detach()), 1))
        on_real = d(torch.cat((a, b), 1))
        loss_d = 0.5 * (bce(on_fake, torch.zeros_like(on_fake)) + bce(on_real, torch.ones_like(on_real)))
        loss_d.backward()
        opt_d.step()
        frozen([d], True)
        opt_g.zero_grad(set_to_none=True)
        on_fake = d(torch.cat((a, fake), 1))
        loss_g = bce(on_fake, torch.ones_like(on_fake)) + 100.0 * l1(fake, b)
        loss_g.backward()
        opt_g.step()
        return float(loss_d), float(loss_g)
    return step


def cyclegan(torch, g, f, d_a, d_b):
    import itertools
    mse, l1 = torch.nn.MSELoss(), torch.nn.L1Loss()
    opt_g = adam(torch, itertools.chain(g.parameters(), f.parameters()))
    opt_d = adam(torch, itertools.chain(d_a.parameters(), d_b.parameters()))
    a_batches, b_batches = cycling(torch, (1, 3, 128, 128)), cycling(torch, (1, 3, 128, 128))
    gan = lambda out, real: mse(out, torch.ones_like(out) if real else torch.zeros_like(out))

    def step():
        a, b = a_batches(), b_batches()
        fake_b, fake_a = g(a), f(b)
        frozen([d_a, d_b], True)
        opt_g.zero_grad(set_to_none=True)
        loss_g = (gan(d_a(fake_b), True) + gan(d_b(fake_a), True) + 10.0 * l1(f(fake_b), a) + 10.0 * l1(g(fake_a), b)
                  + 5.0 * l1(g(b), b) + 5.0 * l1(f(a), a))
        loss_g.backward()
        opt_g.step()
        frozen([d_a, d_b], False)
        opt_d.zero_grad(set_to_none=True)
        loss_d = 0.5 * (gan(d_a(b), True) + gan(d_a(fake_b.detach()), False))
        loss_d.backward()
        loss_d_b = 0.5 * (gan(d_b(a), True) + gan(d_b(fake_a.detach()), False))
        loss_d_b.backward()
        opt_d.step()
        return float(loss_d + loss_d_b), float(loss_g)
    return step


class Pair:
    """Two networks counted as one for the parameter totals (CycleGAN's G and F, D_A and D_B)."""

    def __init__(self, *nets):
        self.nets = nets

    def parameters(self):
        for n in self.nets:
            yield from n.parameters()


def build(name, torch):
    """(step function, description, generator(s), discriminator(s), batch)."""
    nn = torch.nn
    if name == "mlp":
        g, d = mlp_nets(nn)
        return standard(torch, g, d, 64, (64, 100), (64, 784)), "mlp 28x28 flat", g, d, 64
    if name in ("dcgan64", "wgan"):
        g, d = dcgan64_nets(nn, sigmoid=name == "dcgan64")
        init_normal(torch, g)
        init_normal(torch, d)
        if name == "dcgan64":
            return standard(torch, g, d, 64, (64, 100, 1, 1), (64, 3, 64, 64)), "dcgan 64x64x3", g, d, 64
        return (wgan(torch, g, d, (64, 100, 1, 1), (64, 3, 64, 64)),
                "wgan (dcgan64 nets, clip 0.01, n_critic 5, RMSprop 5e-5)", g, d, 64)
    if name == "dcgan28":
        g, d = dcgan28_nets(nn)
        init_normal(torch, g)
        init_normal(torch, d)
        return standard(torch, g, d, 64, (64, 100), (64, 1, 28, 28)), "dcgan 28x28x1", g, d, 64
    if name.startswith("pix2pix_b"):
        batch = int(name[len("pix2pix_b"):])
        g, d = unet(torch, nn), patchgan(nn, 6, nn.BatchNorm2d, bias=False)
        init_normal(torch, g)
        init_normal(torch, d)
        return pix2pix(torch, g, d, batch), "pix2pix unet_128 + PatchGAN70 128x128", g, d, batch
    if name == "cyclegan":
        norm = lambda c: nn.InstanceNorm2d(c, affine=False, track_running_stats=False)
        g, f = resnet(nn), resnet(nn)
        d_a, d_b = patchgan(nn, 3, norm, bias=True), patchgan(nn, 3, norm, bias=True)
        for net in (g, f, d_a, d_b):
            init_normal(torch, net)
        return (cyclegan(torch, g, f, d_a, d_b), "cyclegan resnet_6blocks x2 + PatchGAN70 x2 128x128",
                Pair(g, f), Pair(d_a, d_b), 1)
    if name == "toy":
        act = lambda: nn.LeakyReLU(0.2)
        g = nn.Sequential(nn.Linear(2, 128), act(), nn.Linear(128, 128), act(), nn.Linear(128, 2))
        d = nn.Sequential(nn.Linear(8, 128), act(), nn.Linear(128, 128), act(), nn.Linear(128, 1))
        return wgan_gp_toy(torch, g, d), "toy: wgan-gp-grid's networks, PacGAN4 critic, GP 10, n_critic 5", g, d, 256
    raise SystemExit("unknown case %r; known: %s" % (name, ", ".join(CASES)))


# ----------------------------------------------------------------------------------------------------------- timing
def run_case(args):
    """Runs one case in this process and prints its JSON line."""
    import torch
    if args.threads:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    t0 = time.perf_counter()
    step, desc, g, d, batch = build(args.case, torch)
    build_s = time.perf_counter() - t0
    warm = []
    for _ in range(args.warmup):
        t = time.perf_counter()
        step()
        warm.append(time.perf_counter() - t)
    steps = args.steps or int(max(5, min(2000, round(args.target_seconds / max(warm[-1] if warm else 1.0, 1e-6)))))
    times = []
    before = machine_cpu()
    for _ in range(steps):
        t = time.perf_counter()
        losses = step()
        times.append(time.perf_counter() - t)
    after = machine_cpu()
    median = statistics.median(times)
    rec = {
        "framework": "pytorch", "case": args.case, "desc": desc, "batch": batch, "warmup": args.warmup,
        "steps": steps, "median_s_per_iter": round(median, 6), "mean_s_per_iter": round(statistics.fmean(times), 6),
        "min_s_per_iter": round(min(times), 6), "max_s_per_iter": round(max(times), 6),
        "stdev_s_per_iter": round(statistics.pstdev(times), 6), "images_per_s": round(batch / median, 3),
        "timed_total_s": round(sum(times), 3), "warmup_s": [round(w, 4) for w in warm], "build_s": round(build_s, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1),
        "params_G": sum(p.numel() for p in g.parameters()), "params_D": sum(p.numel() for p in d.parameters()),
        "final_loss_D": losses[0], "final_loss_G": losses[1], "seed": args.seed,
        "foreign_cpu_frac": round(foreign_share(before, after), 3),
        "torch_version": torch.__version__, "threads": torch.get_num_threads(),
        "interop_threads": torch.get_num_interop_threads(),
    }
    if args.case in ("wgan", "toy"):
        rec["n_critic"] = 5
        rec["real_images_per_s"] = round(5 * batch / median, 3)
    print(json.dumps(rec), flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", default=",".join(CASES))
    ap.add_argument("--threads", type=int, default=0, help="torch.set_num_threads(T); 0 = the default")
    ap.add_argument("--steps", type=int, default=0, help="timed iterations (default: about --target-seconds)")
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--target-seconds", type=float, default=30.0)
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--json-out", default="")
    ap.add_argument("--case", default="", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.case:
        run_case(args)
        return
    for name in [c for c in args.cases.split(",") if c]:
        if name not in CASES:
            ap.error("unknown case %r; known: %s" % (name, ", ".join(CASES)))
        cmd = [sys.executable, os.path.abspath(__file__), "--case", name, "--threads", str(args.threads),
               "--steps", str(args.steps), "--warmup", str(args.warmup), "--target-seconds", str(args.target_seconds),
               "--seed", str(args.seed)]
        out = subprocess.run(cmd, stdout=subprocess.PIPE, text=True)
        lines = [l for l in out.stdout.splitlines() if l.startswith("{")]
        if out.returncode != 0 or not lines:
            sys.stderr.write("case %s failed (exit %d)\n" % (name, out.returncode))
            continue
        print(lines[0], flush=True)
        if args.json_out:
            with open(args.json_out, "a") as f:
                f.write(lines[0] + "\n")


if __name__ == "__main__":
    main()
