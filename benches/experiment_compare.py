"""touchpoint against statsmodels and scipy, per call from Python, on the same A/B inputs in
one run: each engine's answers checked equal (1e-9), the time per call printed, and the ratio.

    source scripts/env.sh   # the repo's .venv (statsmodels, scipy, the touchpoint wheel)
    python benches/experiment_compare.py [--calls 2000]

Per call:
  conversion  statsmodels: proportions_ztest (pooled), proportion_confint(wilson) for each
              variant, confint_proportions_2indep(wald) for the difference
              | touchpoint.analyze_experiment(one conversion metric), which also gives the
              relative effect, the sample-ratio check and a verdict
  revenue     scipy: ttest_ind_from_stats(equal_var=False) and the t interval of each mean
              | touchpoint.analyze_experiment(one mean metric)
  srm         scipy.stats.chisquare | touchpoint.sample_ratio_check
"""

from __future__ import annotations

import argparse
import math
import time

import numpy as np
from scipy import stats
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint, proportions_ztest

import touchpoint


def per_call(fn, inputs) -> float:
    t0 = time.perf_counter()
    for x in inputs:
        fn(x)
    return (time.perf_counter() - t0) / len(inputs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--calls", type=int, default=2000)
    args = ap.parse_args()
    rng = np.random.default_rng(3)
    conv = [(int(a), int(b), int(rng.binomial(a, 0.1)), int(rng.binomial(b, 0.11)))
            for a, b in rng.integers(1000, 50000, (args.calls, 2))]
    means = []
    for a, b in rng.integers(100, 5000, (args.calls, 2)):
        ma, mb = 50 + rng.normal(), 52 + rng.normal()
        sa, sb = 20 + rng.random(), 21 + rng.random()
        means.append((int(a), ma, sa, int(b), mb, sb))

    def sm_conv(x):
        na, nb, ca, cb = x
        z, p = proportions_ztest([cb, ca], [nb, na])
        return p, proportion_confint(ca, na, method="wilson"), proportion_confint(cb, nb, method="wilson"), \
            confint_proportions_2indep(cb, nb, ca, na, method="wald", compare="diff")

    def tp_conv(x):
        na, nb, ca, cb = x
        return touchpoint.analyze_experiment({"variants": ["control", "B"], "units": [na, nb],
                                              "metrics": [{"name": "c", "kind": "conversion", "sum": [ca, cb]}]})

    def sp_mean(x):
        na, ma, sa, nb, mb, sb = x
        r = stats.ttest_ind_from_stats(mb, sb, nb, ma, sa, na, equal_var=False)
        ia = stats.t.interval(0.95, na - 1, loc=ma, scale=sa / math.sqrt(na))
        ib = stats.t.interval(0.95, nb - 1, loc=mb, scale=sb / math.sqrt(nb))
        return r.pvalue, ia, ib

    def sums(n, m, s):
        return n * m, (n - 1) * s * s + n * m * m

    def tp_mean(x):
        na, ma, sa, nb, mb, sb = x
        (sa_, qa), (sb_, qb) = sums(na, ma, sa), sums(nb, mb, sb)
        return touchpoint.analyze_experiment({"variants": ["control", "B"], "units": [na, nb],
                                              "metrics": [{"name": "r", "kind": "mean", "sum": [sa_, sb_],
                                                           "sum_squares": [qa, qb]}]})

    srm_inputs = [[int(u) for u in rng.integers(9000, 11000, 3)] for _ in range(args.calls)]

    # The same answers.
    for x in conv[:200]:
        p, wa, wb, diff = sm_conv(x)
        r = tp_conv(x)["metrics"][0]
        c = r["comparisons"][0]["absolute"]
        assert math.isclose(c["p_value"], p, rel_tol=1e-9, abs_tol=1e-12)
        assert math.isclose(r["variants"][0]["interval"]["lower"], wa[0], rel_tol=1e-9)
        assert math.isclose(c["interval"]["upper"], diff[1], rel_tol=1e-9)
    for x in means[:200]:
        p, ia, ib = sp_mean(x)
        r = tp_mean(x)["metrics"][0]
        assert math.isclose(r["comparisons"][0]["absolute"]["p_value"], p, rel_tol=1e-6, abs_tol=1e-12)
        assert math.isclose(r["variants"][1]["interval"]["upper"], ib[1], rel_tol=1e-9)
    for u in srm_inputs[:200]:
        assert math.isclose(touchpoint.sample_ratio_check(u)["p_value"], stats.chisquare(u).pvalue, rel_tol=1e-9)
    print("answers agree (200 inputs each)")

    print(f"\n{'analysis':12} {'reference µs':>13} {'touchpoint µs':>14} {'ratio':>7}")
    for name, ref, ours, inputs in [("conversion", sm_conv, tp_conv, conv), ("revenue", sp_mean, tp_mean, means),
                                    ("srm", lambda u: stats.chisquare(u), touchpoint.sample_ratio_check, srm_inputs)]:
        per_call(ref, inputs[:100])
        per_call(ours, inputs[:100])  # warm both
        t_ref, t_ours = per_call(ref, inputs), per_call(ours, inputs)
        print(f"{name:12} {t_ref * 1e6:13.1f} {t_ours * 1e6:14.1f} {t_ref / t_ours:6.1f}x")


if __name__ == "__main__":
    main()
