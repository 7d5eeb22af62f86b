#!/usr/bin/env python3
"""An independent NumPy implementation of the Parzen-window protocol gan4j's evaluation uses (Goodfellow et al.'s
parzen_ll.py): pixels in [0, 1], sigma from logspace(-1, 0, 10) chosen on the last 10,000 MNIST training images,
the mean log-likelihood of the 10,000 test images and its standard error.

  python3 bench/parzen_numpy.py [SAMPLES.npy]   # samples from `gan generate --n 10000 --out SAMPLES.npy`
  python3 bench/parzen_numpy.py                 # real training digits in place of samples: the estimator's ceiling
"""
import sys
import numpy as np


def idx(path):
    b = open(path, 'rb').read()
    n = int.from_bytes(b[4:8], 'big')
    return np.frombuffer(b[16:], np.uint8).reshape(n, 784).astype(np.float32) / 255


def log_likelihoods(centres, points, sigma):
    out = []
    sn = (centres * centres).sum(1)
    for i in range(0, len(points), 500):
        x = points[i:i + 500]
        d = (x * x).sum(1)[:, None] + sn[None, :] - 2 * x @ centres.T
        a = -d / (2 * sigma * sigma)
        m = a.max(1)
        out.append(m + np.log(np.exp(a - m[:, None]).sum(1)))
    return np.concatenate(out) - np.log(len(centres)) - 784 / 2 * np.log(2 * np.pi * sigma * sigma)


def main():
    train = idx('data/mnist/train-images-idx3-ubyte')
    test = idx('data/mnist/t10k-images-idx3-ubyte')
    validation = train[50000:60000]
    if len(sys.argv) > 1:
        centres = np.load(sys.argv[1]).reshape(-1, 784).astype(np.float32)
    else:
        centres = train[:10000]
    sigmas = np.logspace(-1, 0, 10)
    best = sigmas[int(np.argmax([log_likelihoods(centres, validation, s).mean() for s in sigmas]))]
    ll = log_likelihoods(centres, test, best)
    print(f"parzen {ll.mean():.4f} ± {ll.std() / np.sqrt(len(ll)):.4f} (sigma {best:.4f}, {len(centres)} centres)")


if __name__ == '__main__':
    main()
