#!/usr/bin/env python3
"""Writes vectors/experiment.json: statsmodels' and scipy's answers for the experiment area
(two-proportion z-tests pooled and unpooled, Wilson intervals, Welch's t-test, the t
interval of a mean, the sample-ratio chi-square, Holm and Benjamini-Hochberg), replayed by the
Rust, Python, Node and browser suites.

Run: source scripts/env.sh && python scripts/experiment-vectors.py   (statsmodels, scipy,
numpy). Deterministic: generated values come from numpy's Generator with fixed seeds.

Every expected number is statsmodels' or scipy's own answer, printed with repr, except the
relative effect (treatment / control - 1 with the delta method's standard error), which no
statsmodels function gives: it is computed here with numpy and scipy.stats.norm / t from the
formula GrowthBook documents, independently of the Rust code.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    proportions_ztest,
    test_proportions_2indep,
)

OUT = Path(__file__).resolve().parent.parent / "vectors" / "experiment.json"


def f(x) -> float:
    return float(x)


def interval(lo, hi):
    return {"lower": None if math.isinf(lo) else f(lo), "upper": None if math.isinf(hi) else f(hi)}


def relative(t_mean, t_var, c_mean, c_var, ref, alpha, alternative):
    """Delta-method relative effect (t_var, c_var: the variances of the means)."""
    est = t_mean / c_mean - 1
    se = math.sqrt(t_var / c_mean**2 + t_mean**2 * c_var / c_mean**4)
    z = est / se
    if alternative == "two_sided":
        q = ref.ppf(1 - alpha / 2)
        return {"estimate": est, "std_error": se, "statistic": z, "p_value": f(2 * ref.sf(abs(z))),
                "interval": interval(est - q * se, est + q * se)}
    q = ref.ppf(1 - alpha)
    if alternative == "greater":
        return {"estimate": est, "std_error": se, "statistic": z, "p_value": f(ref.sf(z)),
                "interval": interval(est - q * se, math.inf)}
    return {"estimate": est, "std_error": se, "statistic": z, "p_value": f(ref.cdf(z)),
            "interval": interval(-math.inf, est + q * se)}


SM_ALT = {"two_sided": "two-sided", "greater": "larger", "less": "smaller"}
SP_ALT = {"two_sided": "two-sided", "greater": "greater", "less": "less"}


def conversion_case(name, variants, units, conversions, alpha=0.05, alternative="two_sided", pooled=True,
                    correction="none", weights=None):
    c_n, c_x = units[0], conversions[0]
    expected_variants = []
    for v, n, x in zip(variants, units, conversions):
        lo, hi = proportion_confint(x, n, alpha=alpha, method="wilson")
        p = x / n
        expected_variants.append({"variant": v, "units": n, "value": p, "std_error": math.sqrt(p * (1 - p) / n),
                                  "interval": interval(lo, hi)})
    comparisons, pvals = [], []
    for v, n, x in list(zip(variants, units, conversions))[1:]:
        if pooled:
            z, p = proportions_ztest([x, c_x], [n, c_n], alternative=SM_ALT[alternative])
        else:
            res = test_proportions_2indep(x, n, c_x, c_n, method="wald", compare="diff",
                                          alternative=SM_ALT[alternative])
            z, p = res.statistic, res.pvalue
        # The interval of the difference: statsmodels' Wald interval (two-sided); one-sided from
        # the same standard error at 1 - alpha.
        pt, pc = x / n, c_x / c_n
        se = math.sqrt(pt * (1 - pt) / n + pc * (1 - pc) / c_n)
        if alternative == "two_sided":
            lo, hi = confint_proportions_2indep(x, n, c_x, c_n, method="wald", compare="diff", alpha=alpha)
            iv = interval(lo, hi)
        else:
            lo, hi = confint_proportions_2indep(x, n, c_x, c_n, method="wald", compare="diff", alpha=2 * alpha)
            iv = interval(lo, math.inf) if alternative == "greater" else interval(-math.inf, hi)
        absolute = {"estimate": pt - pc, "std_error": se, "statistic": f(z), "p_value": f(p), "interval": iv}
        rel = relative(pt, pt * (1 - pt) / n, pc, pc * (1 - pc) / c_n, stats.norm, alpha, alternative)
        pvals.append(rel["p_value"])
        comparisons.append({"variant": v, "absolute": absolute, "relative": rel, "degrees_of_freedom": None})
    adjusted = adjust(pvals, correction)
    for c, a in zip(comparisons, adjusted):
        c["adjusted_p_value"] = a
        c["significant"] = bool(a < alpha)
    data = {"variants": variants, "units": units,
            "metrics": [{"name": "conversion", "kind": "conversion", "sum": conversions}]}
    if weights is not None:
        data["weights"] = weights
    options = {"alpha": alpha, "alternative": alternative, "pooled": pooled, "correction": correction}
    return {
        "name": name, "op": "analyze_experiment",
        "input": {"data": data, "options": options},
        "expected": {"control": variants[0], "sample_ratio": srm(units, weights),
                     "metrics": [{"metric": "conversion", "kind": "conversion", "variants": expected_variants,
                                  "comparisons": comparisons}]},
    }


def adjust(pvals, correction):
    if correction == "none":
        return [f(p) for p in pvals]
    method = {"holm": "holm", "benjamini_hochberg": "fdr_bh"}[correction]
    return [f(p) for p in multipletests(pvals, method=method)[1]]


def srm(units, weights):
    w = np.full(len(units), 1 / len(units)) if weights is None else np.asarray(weights)
    exp = np.asarray(units).sum() * w
    chi, p = stats.chisquare(units, f_exp=exp)
    return {"units": units, "expected": [f(e) for e in exp], "chi_square": f(chi), "p_value": f(p),
            "mismatch": bool(p < 0.001)}


def mean_case(name, seed, sizes, means, sds, alpha=0.05, alternative="two_sided", correction="none"):
    rng = np.random.default_rng(seed)
    raw = [np.round(rng.normal(m, s, n), 2) for n, m, s in zip(sizes, means, sds)]
    variants = ["control"] + [f"variant {chr(ord('B') + i)}" for i in range(len(sizes) - 1)]
    sums = [math.fsum(r) for r in raw]
    squares = [math.fsum(r * r) for r in raw]
    expected_variants = []
    for v, r in zip(variants, raw):
        sem = stats.sem(r)
        lo, hi = stats.t.interval(1 - alpha, len(r) - 1, loc=r.mean(), scale=sem)
        expected_variants.append({"variant": v, "units": len(r), "value": f(r.mean()), "std_error": f(sem),
                                  "interval": interval(lo, hi)})
    comparisons, pvals = [], []
    c = raw[0]
    for v, r in list(zip(variants, raw))[1:]:
        res = stats.ttest_ind(r, c, equal_var=False, alternative=SP_ALT[alternative])
        ci = res.confidence_interval(1 - alpha)
        vt, vc = r.var(ddof=1) / len(r), c.var(ddof=1) / len(c)
        df = (vt + vc) ** 2 / (vt**2 / (len(r) - 1) + vc**2 / (len(c) - 1))
        absolute = {"estimate": f(r.mean() - c.mean()), "std_error": math.sqrt(vt + vc), "statistic": f(res.statistic),
                    "p_value": f(res.pvalue), "interval": interval(ci.low, ci.high)}
        rel = relative(r.mean(), vt, c.mean(), vc, stats.t(df), alpha, alternative)
        pvals.append(rel["p_value"])
        comparisons.append({"variant": v, "absolute": absolute, "relative": rel, "degrees_of_freedom": f(df)})
    for cmp, a in zip(comparisons, adjust(pvals, correction)):
        cmp["adjusted_p_value"] = a
        cmp["significant"] = bool(a < alpha)
    data = {"variants": variants, "units": [len(r) for r in raw],
            "metrics": [{"name": "revenue", "kind": "mean", "sum": sums, "sum_squares": squares}]}
    return {
        "name": name, "op": "analyze_experiment",
        "input": {"data": data, "options": {"alpha": alpha, "alternative": alternative, "correction": correction}},
        "expected": {"control": "control", "sample_ratio": srm(data["units"], None),
                     "metrics": [{"metric": "revenue", "kind": "mean", "variants": expected_variants,
                                  "comparisons": comparisons}]},
    }


def error_case(name, data, options, code, field=None, record=None):
    err = {"code": code}
    if field is not None:
        err["field"] = field
    if record is not None:
        err["record"] = record
    return {"name": name, "op": "analyze_experiment", "input": {"data": data, "options": options}, "error": err}


def main() -> None:
    cases = [
        conversion_case("conversion, pooled z-test, two-sided (seed 003's +26% shape)",
                        ["control", "B"], [1000, 1000], [100, 126]),
        conversion_case("conversion, unpooled z-test, unequal groups", ["control", "B"], [5120, 4980], [412, 455],
                        pooled=False),
        conversion_case("conversion, one-sided greater, alpha 0.1", ["control", "B"], [800, 820], [64, 81],
                        alpha=0.1, alternative="greater"),
        conversion_case("conversion, one-sided less", ["control", "B"], [800, 820], [64, 51], alternative="less"),
        conversion_case("conversion, three variants, Holm", ["control", "B", "C"], [3000, 3010, 2990],
                        [300, 345, 318], correction="holm"),
        conversion_case("conversion, four variants, Benjamini-Hochberg, a planned 40/20/20/20 split",
                        ["control", "B", "C", "D"], [4000, 2050, 1980, 1990], [400, 240, 190, 230],
                        correction="benjamini_hochberg", weights=[0.4, 0.2, 0.2, 0.2]),
        conversion_case("conversion, a sample-ratio mismatch (10,000 vs 10,600 on a 50/50 split)",
                        ["control", "B"], [10000, 10600], [1000, 1100]),
        mean_case("revenue, Welch t-test, two-sided", 1, [200, 230], [52.0, 57.5], [20.0, 26.0]),
        mean_case("revenue, Welch t-test, one-sided greater", 2, [150, 160], [40.0, 43.0], [15.0, 15.0],
                  alternative="greater"),
        mean_case("order value, three variants, Holm, alpha 0.01", 3, [300, 280, 310], [80.0, 84.0, 79.0],
                  [30.0, 35.0, 28.0], alpha=0.01, correction="holm"),
    ]
    base = {"variants": ["control", "B"], "units": [100, 100],
            "metrics": [{"name": "conversion", "kind": "conversion", "sum": [10, 12]}]}

    def with_(**changes):
        d = json.loads(json.dumps(base))
        for k, v in changes.items():
            if k == "metric":
                d["metrics"][0].update(v)
            else:
                d[k] = v
        return d

    cases += [
        error_case("refuses an experiment with one variant", with_(variants=["control"], units=[100]), {},
                   "INVALID_CONFIG", field="variants"),
        error_case("refuses more conversions than units", with_(metric={"sum": [10, 120]}), {},
                   "OUT_OF_RANGE", field="metrics[0].sum", record="record 2"),
        error_case("refuses a variant with no units", with_(units=[100, 0]), {},
                   "OUT_OF_RANGE", field="metrics[0].units", record="record 2"),
        error_case("refuses negative conversions", with_(metric={"sum": [-1, 12]}), {},
                   "OUT_OF_RANGE", field="metrics[0].sum", record="record 1"),
        error_case("refuses a missing variant in a metric", with_(metric={"sum": [10]}), {},
                   "INVALID_CONFIG", field="metrics[0].sum"),
        error_case("refuses a variance of zero in both variants", with_(metric={"sum": [0, 0]}), {},
                   "INVALID_RECORD", field="metrics[0].sum", record="record 2"),
        error_case("refuses weights that do not sum to one", with_(weights=[0.5, 0.6]), {},
                   "INVALID_CONFIG", field="weights"),
        error_case("refuses a mean without its sum of squares",
                   with_(metric={"kind": "mean", "sum": [10.0, 12.0]}), {}, "INVALID_CONFIG",
                   field="metrics[0].sum_squares"),
        error_case("refuses a sum of squares below sum² / units",
                   with_(metric={"kind": "mean", "sum": [100.0, 120.0], "sum_squares": [50.0, 200.0]}), {},
                   "OUT_OF_RANGE", field="metrics[0].sum_squares", record="record 1"),
        error_case("refuses alpha outside (0, 1)", base, {"alpha": 1.5}, "INVALID_CONFIG", field="alpha"),
        error_case("refuses a repeated variant name", with_(variants=["A", "A"]), {}, "INVALID_RECORD",
                   field="variants", record="record 2"),
    ]
    # The standalone checks.
    cases += [
        {"name": "sample-ratio check, three variants, equal split", "op": "sample_ratio_check",
         "input": {"units": [5000, 5150, 4890], "weights": None, "threshold": 0.001},
         "expected": srm([5000, 5150, 4890], None)},
        {"name": "sample-ratio check, a planned 80/20 split kept", "op": "sample_ratio_check",
         "input": {"units": [8040, 1960], "weights": [0.8, 0.2], "threshold": 0.001},
         "expected": srm([8040, 1960], [0.8, 0.2])},
        {"name": "Holm-Bonferroni adjusted p-values", "op": "adjust_p_values",
         "input": {"p_values": [0.01, 0.04, 0.03, 0.005, 0.2], "correction": "holm"},
         "expected": {"p_values": adjust([0.01, 0.04, 0.03, 0.005, 0.2], "holm")}},
        {"name": "Benjamini-Hochberg adjusted p-values, with ties", "op": "adjust_p_values",
         "input": {"p_values": [0.01, 0.04, 0.03, 0.01, 0.2, 0.04], "correction": "benjamini_hochberg"},
         "expected": {"p_values": adjust([0.01, 0.04, 0.03, 0.01, 0.2, 0.04], "benjamini_hochberg")}},
        {"name": "adjusted p-values refuse a p-value above 1", "op": "adjust_p_values",
         "input": {"p_values": [0.01, 1.2], "correction": "holm"},
         "error": {"code": "OUT_OF_RANGE", "field": "p_values", "record": "record 2"}},
    ]
    doc = {
        "description": (
            "Experiments: analyze_experiment, sample_ratio_check and adjust_p_values against "
            f"statsmodels {statsmodels.__version__} and scipy {scipy.__version__} (written by "
            "scripts/experiment-vectors.py; relative effects by the delta method computed there "
            "with scipy's distributions)."
        ),
        "cases": cases,
    }
    OUT.write_text(json.dumps(doc, indent=1) + "\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
