#!/usr/bin/env python3
"""Reference implementation of the multi-epoch SGD Monte Carlo (Yan et al., arXiv 2511.13421: K epochs of SGD over N samples, fresh permutation per epoch) in numpy.

Same mathematics and sizes as bench/mc.ts: per run, X (N x d) with x = sqrt(lambda) * z (Gaussian z),
label noise xi ~ N(0, sigma^2) drawn once per sample, a fresh permutation per epoch shared by every
eta (common random numbers), e <- e - eta x (x.e - xi), risk 1/2 sum lambda e^2 after every epoch.
Vectorised across runs and the eta grid: the iterate array has shape (runs, n_eta, d); at each step
the sample of every run is gathered through that run's permutation.

Prints one JSON line: {"name": "mc-numpy", "steps_d_per_s": ..., "seconds": ..., "params": {...}}.
Run with Debian's python (python3-numpy):  /usr/bin/python3 bench/reference/mc_numpy.py [--runs 100 ...]
"""
import argparse
import json
import time

import numpy as np


def eta_grid(lam, N, K, n_eta):
    """n_eta log-spaced points over the range 0.05/(l1 K N) .. min(1/tr H, 5 ln N/(l_d N))."""
    lo = 0.05 / (lam.max() * K * N)
    hi = min(1.0 / lam.sum(), 5.0 * max(1.0, np.log(N)) / (lam.min() * N))
    return np.geomspace(lo, hi, n_eta)


def multi_epoch_mc(lam, wstar, sigma, N, K, etas, runs, seed):
    rng = np.random.default_rng(seed)
    d = lam.size
    n_eta = etas.size
    X = rng.standard_normal((runs, N, d)) * np.sqrt(lam)  # (runs, N, d)
    xi = sigma * rng.standard_normal((runs, N))  # replayed every epoch
    E = np.broadcast_to(-wstar, (runs, n_eta, d)).copy()  # e = w - w*, w0 = 0
    risk = np.empty((runs, n_eta, K))
    ar = np.arange(runs)
    g = np.empty((runs, n_eta))
    upd = np.empty_like(E)
    for k in range(K):
        perm = np.argsort(rng.random((runs, N)), axis=1)  # one uniform permutation per run
        for t in range(N):
            j = perm[:, t]
            x = X[ar, j]  # (runs, d): this step's sample of every run
            dot = np.einsum("red,rd->re", E, x)  # (runs, n_eta); faster here than batched matmul
            np.subtract(dot, xi[ar, j][:, None], out=g)
            g *= etas
            np.multiply(g[:, :, None], x[:, None, :], out=upd)
            E -= upd
        risk[:, :, k] = 0.5 * np.einsum("red,d->re", E * E, lam)
    return risk


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--d", type=int, default=100)
    ap.add_argument("--N", type=int, default=1000)
    ap.add_argument("--K", type=int, default=20)
    ap.add_argument("--runs", type=int, default=100)
    ap.add_argument("--etas", type=int, default=12)
    ap.add_argument("--power", type=float, default=1.5)
    ap.add_argument("--sigma", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    lam = np.arange(1, a.d + 1, dtype=float) ** -a.power
    wstar = np.ones(a.d)
    etas = eta_grid(lam, a.N, a.K, a.etas)
    t0 = time.perf_counter()
    risk = multi_epoch_mc(lam, wstar, a.sigma, a.N, a.K, etas, a.runs, a.seed)
    seconds = time.perf_counter() - t0
    work = a.runs * a.etas * a.K * a.N * a.d
    print(json.dumps({
        "name": "mc-numpy",
        "steps_d_per_s": work / seconds,
        "seconds": seconds,
        "numpy": np.__version__,
        "params": {"d": a.d, "N": a.N, "K": a.K, "runs": a.runs, "etas": a.etas, "power": a.power,
                   "sigma": a.sigma, "features": "gaussian"},
        "check_mean_risk_last_epoch": risk[:, :, -1].mean(axis=0).tolist(),
    }))


if __name__ == "__main__":
    main()
