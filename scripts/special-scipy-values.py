#!/usr/bin/env python3
"""Writes core/src/value/testdata/special_scipy_extremes.json: scipy.special's hyp2f1, gammaln
and betaln at the extremes the purchase models reach, each checked against mpmath at 50
digits, for a Rust test of the core's special functions.

Run: /tmp/ltv2/bin/python scripts/special-scipy-values.py   (scipy and mpmath). Deterministic.

Each hyp2f1 point has `value` (scipy's, or null where it is not finite), `ln_value` (the natural
log of the true value from mpmath, which the likelihoods use when the value itself overflows),
and `scipy_ok` (scipy within 1e-10 relative of mpmath). The Rust test should compare to
`ln_value` (or `value` where given and `scipy_ok`) and skip nothing silently.
"""

from __future__ import annotations

import json
import math
import signal
from pathlib import Path

import mpmath
import numpy as np
import scipy
from scipy.special import betaln, gammaln, hyp2f1

mpmath.mp.dps = 50
OUT = Path(__file__).resolve().parent.parent / "core" / "src" / "value" / "testdata" / "special_scipy_extremes.json"
ZS = [0.0, 1e-6, 0.01, 0.1, 0.5, 0.9, 0.99, 0.999, 0.9999, 0.99999, 0.999999]


class _Slow(Exception):
    pass


def _alarm(signum, frame):
    raise _Slow()


signal.signal(signal.SIGALRM, _alarm)


def true_hyp2f1(a, b, c, z):
    """mpmath's value, or None when it takes over a second (its series at a, b ~ 1e5 and z near
    1 can take minutes)."""
    signal.setitimer(signal.ITIMER_REAL, 1.0)
    try:
        return mpmath.hyp2f1(mpmath.mpf(a), mpmath.mpf(b), mpmath.mpf(c), mpmath.mpf(z))
    except (_Slow, mpmath.libmp.NoConvergence):
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def hyp_point(a, b, c, z, origin):
    exact = true_hyp2f1(a, b, c, z)
    got = float(hyp2f1(a, b, c, z))
    finite = math.isfinite(got)
    if exact is None:
        return None
    assert exact > 0, (a, b, c, z)
    ln_exact = float(mpmath.log(exact))
    ok = finite and got > 0 and abs(math.log(got) - ln_exact) <= 1e-10 * max(1.0, abs(ln_exact))
    return {
        "a": a,
        "b": b,
        "c": c,
        "z": z,
        "c_minus_a_minus_b": c - a - b,
        "value": got if finite else None,
        "ln_value": ln_exact,
        "scipy_ok": bool(ok),
        "origin": origin,
    }


def hyp_points():
    points = []
    # BG/NBD and MBG/NBD, conditional expectation: 2F1(r + x, b + x; a + b + x - 1; z),
    # z = t / (alpha + T + t); c - a - b = a - 1 - r - x (negative for repeat buyers).
    for r, alpha, a, b in [(0.243, 4.41, 0.793, 2.43), (1e-3, 1e-3, 1e-3, 1e-3), (50.0, 100.0, 20.0, 80.0)]:
        for x in [0, 1, 10, 500, 1e4, 1e5]:
            for z in ZS:
                aa, bb, cc = r + x, b + x, a + b + x - 1
                if cc <= 0:
                    continue
                points.append(hyp_point(aa, bb, cc, z, "bg_nbd conditional: (r+x, b+x; a+b+x-1)"))
    points = [p for p in points if p is not None]
    # BG/NBD, a new customer: 2F1(r, b; a + b - 1; t / (alpha + t)).
    for r, a, b in [(0.243, 0.793, 2.43), (0.5, 5.0, 1e5), (1e5, 2.0, 3.0), (0.01, 1.5, 0.6)]:
        for z in ZS:
            points.append(hyp_point(r, b, a + b - 1, z, "bg_nbd new customer: (r, b; a+b-1)"))
    # Pareto/NBD, A_0: 2F1(r + s + x, s + 1; r + s + x + 1; z) (c - a - b = -s) and
    # 2F1(r + s + x, r + x; r + s + x + 1; z) (c - a - b = 1 - r - x).
    for r, s in [(0.553, 0.606), (1e-3, 1e-3), (20.0, 1e4), (1e4, 0.5)]:
        for x in [0, 3, 500, 1e5]:
            for z in ZS:
                points.append(hyp_point(r + s + x, s + 1, r + s + x + 1, z, "pareto_nbd: (r+s+x, s+1; r+s+x+1)"))
                points.append(hyp_point(r + s + x, r + x, r + s + x + 1, z, "pareto_nbd: (r+s+x, r+x; r+s+x+1)"))
    # c - a - b zero and positive, a and b up to 1e5.
    for a, b, delta in [(1.0, 1.0, 0.0), (1e3, 2.0, 0.0), (1e5, 1e5, 0.0), (0.5, 0.5, 0.5), (2.0, 1e5, 3.0), (1e5, 1e5, 10.0)]:
        for z in ZS:
            points.append(hyp_point(a, b, a + b + delta, z, "c - a - b >= 0"))
    slow = sum(p is None for p in points)
    print(f"{slow} hyp2f1 points left out: mpmath took over a second")
    return [p for p in points if p is not None]


def gammaln_points():
    xs = [1e-300, 1e-10, 1e-5, 1e-3, 0.1, 0.5, 1.0, 1.5, 2.0, 2.5, 10.0, 100.5, 1e3, 1e5, 1e7, 1e10, 1e15, 1e100]
    return [
        {"x": x, "value": float(gammaln(x)), "scipy_ok": bool(abs(float(gammaln(x)) - float(mpmath.loggamma(x))) <= 1e-12 * max(1.0, abs(float(mpmath.loggamma(x)))))}
        for x in xs
    ]


def betaln_points():
    pairs = [(1e-5, 1e-5), (1e-3, 1e5), (0.5, 0.5), (1.0, 1.0), (2.5, 1e3), (1e5, 1e5), (1e7, 3.0), (1e10, 1e10), (0.793, 2.43), (1.2, 0.75)]
    out = []
    for a, b in pairs:
        exact = float(mpmath.log(mpmath.beta(a, b)))
        got = float(betaln(a, b))
        out.append({"a": a, "b": b, "value": got, "exact": exact, "scipy_ok": bool(abs(got - exact) <= 1e-12 * max(1.0, abs(exact)))})
    return out


def main():
    hyp = hyp_points()
    doc = {
        "description": (
            f"scipy {scipy.__version__} special functions at the purchase models' extremes, checked against mpmath "
            f"{mpmath.__version__} (50 digits); written by scripts/special-scipy-values.py. hyp2f1: value = scipy's "
            "(null if not finite), ln_value = ln of the true value (mpmath), scipy_ok = ln(scipy's) within 1e-10 relative of ln_value; points where mpmath took over a second are left out. "
            "gammaln, betaln: value = scipy's, scipy_ok = within 1e-12 (betaln's `exact` from mpmath)."
        ),
        "hyp2f1": hyp,
        "gammaln": gammaln_points(),
        "betaln": betaln_points(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(doc, indent=1) + "\n")
    bad = [p for p in hyp if not p["scipy_ok"]]
    print(f"wrote {OUT}: {len(hyp)} hyp2f1 points ({len(bad)} where scipy is off or not finite), "
          f"{len(doc['gammaln'])} gammaln, {len(doc['betaln'])} betaln")
    for p in bad[:40]:
        print(f"  scipy off: a={p['a']} b={p['b']} c={p['c']} z={p['z']}: scipy {p['value']}, ln true {p['ln_value']}")


if __name__ == "__main__":
    main()
