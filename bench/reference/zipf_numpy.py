#!/usr/bin/env python3
"""Reference for benchmark (b): the Zipf model's exact E(K,N) on 16 N x 12 K at d = 1e5, in numpy.

Same closed form and inversion as datalaws (theory/reuse/zipf.ts): risk vectorised over the d tokens,
N' found by bracketing then bisection-type root finding in ln N' (here: plain bisection to 1e-12).
Prints one JSON line.
"""
import json, math, time
import numpy as np

a, b, d = 4.5, 1.0, 100_000
i = np.arange(1, d + 1, dtype=float)
p = i ** -(a - b)
p /= p[::-1].sum()
Lam = i ** -b
w = p * Lam


def risk(K, N):
    q = 1.0 if math.isinf(K) else -np.expm1(2 * K * np.log1p(-Lam))
    return 0.5 * float(np.sum(w * np.exp(N * np.log1p(-p * q))))


def invert(target):
    hi = 16.0
    while risk(1, hi) > target:
        hi *= 16
    lo, hi = math.log(min(1e-6, hi / 16)), math.log(hi)
    while hi - lo > 1e-12:
        m = 0.5 * (lo + hi)
        if risk(1, math.exp(m)) > target:
            lo = m
        else:
            hi = m
    return math.exp(0.5 * (lo + hi))


Ns = [round(1e3 * 1e4 ** (j / 15)) for j in range(16)]
Ks = [1, 2, 3, 4, 6, 8, 12, 16, 32, 64, 128, math.inf]
t0 = time.perf_counter()
E = [[invert(risk(K, N)) / N for K in Ks] for N in Ns]
dt = time.perf_counter() - t0
print(json.dumps({"name": "zipf-numpy", "seconds": dt, "E_last": E[-1][-1], "numpy": np.__version__}))
