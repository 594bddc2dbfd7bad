#!/usr/bin/env python3
"""Reference for benchmark (a): the plateau E(inf, N) of the reuse result, in numpy.

Same algorithm as datalaws (theory/reuse/plateau.ts + optimalRate.ts): for each N the target is the
Gaussian least-squares risk sigma^2 d / (2 (N - d - 1)); N' = min over eta of T_eta(target), where
T_eta is the (real) step count at which one-pass SGD at constant eta reaches the target. The only
difference: the d x d recursion matrix A = diag(rho) + eta^2 lam lam^T is eigendecomposed with
numpy.linalg.eigh (LAPACK) at every eta, instead of solving the secular equation of its
diagonal-plus-rank-one structure. Prints one JSON line.

    /usr/bin/python3 bench/reference/plateau_numpy.py [--d 1000] [--points 16]
"""
import argparse, json, math, time
import numpy as np

GOLD = 0.3819660112501051


def modes(lam, c0, sigma2, kappa, eta):
    rho = 1 - 2 * eta * lam + kappa * eta**2 * lam**2
    u = eta * lam
    A = np.diag(rho) + np.outer(u, u)
    mu, V = np.linalg.eigh(A)
    b = eta**2 * sigma2 * lam
    pl = V.T @ lam
    alpha = 0.5 * pl * (V.T @ c0)
    beta = 0.5 * pl * (V.T @ b)
    s = np.sum(eta * lam / (2 - kappa * eta * lam))
    stationary = 0.5 * sigma2 * s / (1 - s)
    return mu, alpha, beta, stationary


def risk(m, T):
    mu, alpha, beta, _ = m
    muT = mu**T
    return float(np.sum(alpha * muT + beta * (1 - muT) / (1 - mu)))


def root_log(f, lo, hi, tol=1e-13):
    a, b = math.log(lo), math.log(hi)
    fa = f(math.exp(a))
    for _ in range(200):
        m = 0.5 * (a + b)
        fm = f(math.exp(m))
        if (fm > 0) == (fa > 0):
            a, fa = m, fm
        else:
            b = m
        if b - a < tol:
            break
    return math.exp(0.5 * (a + b))


def steps_to_reach(m, target):
    if target <= m[3]:
        return math.inf
    hi = 1.0
    while risk(m, hi) > target:
        hi *= 16
        if hi > 1e300:
            return math.inf
    return root_log(lambda T: risk(m, T) - target, max(hi / 16, 1e-12), hi)


def minimize_log(g, lo, hi, n=10, tol=1e-7):
    xs = np.exp(np.linspace(math.log(lo), math.log(hi), n))
    fs = [g(x) for x in xs]
    k = int(np.argmin(fs))
    a = math.log(xs[max(k - 1, 0)])
    c = math.log(xs[min(k + 1, n - 1)])
    # golden section on [a, c]
    x1 = a + GOLD * (c - a)
    x2 = c - GOLD * (c - a)
    f1, f2 = g(math.exp(x1)), g(math.exp(x2))
    while c - a > tol:
        if f1 < f2:
            c, x2, f2 = x2, x1, f1
            x1 = a + GOLD * (c - a)
            f1 = g(math.exp(x1))
        else:
            a, x1, f1 = x1, x2, f2
            x2 = c - GOLD * (c - a)
            f2 = g(math.exp(x2))
    return min(f1, f2)


def plateau(lam, sigma, N):
    d = len(lam)
    c0 = np.ones(d)
    kappa = 2.0
    sigma2 = sigma**2
    target = sigma2 * d / (2 * (N - d - 1))
    top = 1 / lam.sum()
    s = lambda eta: np.sum(eta * lam / (2 - kappa * eta * lam))
    stat = lambda eta: 0.5 * sigma2 * s(eta) / (1 - s(eta))
    feas = top if stat(top) < target else root_log(lambda e: stat(e) - target, top * 1e-30, top)
    hi = feas * (1 - 1e-9)
    lo = hi * 1e-5

    def g(eta):
        T = steps_to_reach(modes(lam, c0, sigma2, kappa, eta), target)
        return math.log(T) if math.isfinite(T) else 1e300

    return math.exp(minimize_log(g, lo, hi)) / N


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--d", type=int, default=1000)
    ap.add_argument("--points", type=int, default=16)
    ap.add_argument("--sample", type=int, default=0, help="time only this many evenly spaced N of the grid")
    args = ap.parse_args()
    lam = np.arange(1, args.d + 1, dtype=float) ** -1.5
    grid = [round(1e3 * 1e4 ** (i / (args.points - 1))) for i in range(1, args.points)]
    Ns = grid
    if args.sample > 0:
        idx = sorted({round(i * (len(grid) - 1) / max(args.sample - 1, 1)) for i in range(args.sample)})
        Ns = [grid[i] for i in idx]
    t0 = time.perf_counter()
    E = [plateau(lam, 0.1, N) for N in Ns]
    dt = time.perf_counter() - t0
    per = dt / len(Ns)
    print(json.dumps({"name": "plateau-numpy", "seconds": dt, "seconds_per_N": per,
                      "seconds_full_grid_estimate": per * len(grid), "d": args.d, "N": Ns, "E": E,
                      "numpy": np.__version__}))


if __name__ == "__main__":
    main()
