#!/usr/bin/env python3
"""Writes vectors/experiment.json: statsmodels' and scipy's answers for the experiment area
(two-proportion z-tests pooled and unpooled, Wilson intervals, Welch's t-test, the t
interval of a mean, the sample-ratio chi-square, Holm and Benjamini-Hochberg), replayed by the
Rust, Python, Node and browser suites.

Also GrowthBook's gbstats 0.8.0 answers: Welch tests of relative and absolute effects, ratio
metrics (delta method), CUPED (regression adjustment), sequential testing (asymptotic
confidence sequences, tuning 5000) and the Bayesian Gaussian effect model (chance to win,
risk, credible interval, flat and proper priors); and the exact Beta chance to win of a rate,
by numerical integration with scipy.

Run with a Python that has gbstats 0.8.0, statsmodels, scipy and numpy. gbstats 0.8 needs
numpy < 2 and pandas < 2, so give it a venv of its own:
    python3 -m venv /tmp/gbvenv && /tmp/gbvenv/bin/pip install gbstats==0.8.0 "numpy<2" "pandas<2" statsmodels
    /tmp/gbvenv/bin/python scripts/experiment-vectors.py
The experiment-from-events and from-rows cases come from scripts/experiment_event_vectors.py.
Deterministic: generated values come from numpy's Generator with fixed seeds.

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
from scipy.integrate import quad
from scipy.optimize import brentq
from experiment_event_vectors import event_cases
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


def gb_cases():
    """gbstats 0.8.0's answers on generated per-user data (sums passed to both)."""
    from gbstats.bayesian.tests import EffectBayesianABTest, EffectBayesianConfig, GaussianPrior
    from gbstats.frequentist.tests import (
        FrequentistConfig, SequentialConfig, SequentialTwoSidedTTest, TwoSidedTTest,
    )
    from gbstats.models.statistics import (
        ProportionStatistic, RatioStatistic, RegressionAdjustedStatistic, SampleMeanStatistic, compute_theta,
    )

    def mean_stat(x):
        return SampleMeanStatistic(n=len(x), sum=math.fsum(x), sum_squares=math.fsum(x * x))

    def linked(x, y):
        return {"sum": [math.fsum(v) for v in x], "sum_squares": [math.fsum(v * v) for v in x],
                "sum_of_products": [math.fsum(a * b) for a, b in zip(x, y)]}

    def freq(result):
        return {"estimate": f(result.expected), "std_error": f(result.uplift.stddev), "p_value": f(result.p_value),
                "interval": interval(result.ci[0], result.ci[1])}

    def bayes(result):
        return {"effect": f(result.expected), "std_dev": f(result.uplift.stddev),
                "credible_interval": interval(result.ci[0], result.ci[1]), "chance_to_win": f(result.chance_to_win),
                "risk_control": f(result.risk[0]), "risk_treatment": f(result.risk[1])}

    rng = np.random.default_rng(21)
    cases = []
    # Revenue per user: means.
    a = np.round(rng.gamma(2.0, 25.0, 1500), 2)
    b = np.round(rng.gamma(2.0, 27.0, 1450), 2)
    revenue = {"variants": ["control", "B"], "units": [len(a), len(b)],
               "metrics": [{"name": "revenue", "kind": "mean", "sum": [math.fsum(a), math.fsum(b)],
                            "sum_squares": [math.fsum(a * a), math.fsum(b * b)]}]}
    sa, sb = mean_stat(a), mean_stat(b)
    for difference in ("relative", "absolute"):
        r = TwoSidedTTest(sa, sb, FrequentistConfig(difference_type=difference)).compute_result()
        cases.append(("gbstats: revenue, Welch t-test, " + difference, revenue, {"difference": difference},
                      {difference: freq(r)}))
        r = SequentialTwoSidedTTest(sa, sb, SequentialConfig(difference_type=difference)).compute_result()
        cases.append(("gbstats: revenue, sequential (tuning 5000), " + difference, revenue,
                      {"difference": difference, "sequential": True}, {difference: freq(r)}))
    r = SequentialTwoSidedTTest(sa, sb, SequentialConfig(sequential_tuning_parameter=800)).compute_result()
    cases.append(("gbstats: revenue, sequential, tuning 800", revenue,
                  {"sequential": True, "sequential_tuning": 800}, {"relative": freq(r)}))
    r = EffectBayesianABTest(sa, sb, EffectBayesianConfig()).compute_result()
    cases.append(("gbstats: revenue, Bayesian, flat prior, relative", revenue, {"engine": "bayesian"},
                  {"bayesian": bayes(r)}))
    prior = GaussianPrior(mean=0.0, variance=0.3**2, proper=True)
    r = EffectBayesianABTest(sa, sb, EffectBayesianConfig(prior_effect=prior)).compute_result()
    cases.append(("gbstats: revenue, Bayesian, prior N(0, 0.3²) on the relative effect", revenue,
                  {"engine": "bayesian", "prior": {"mean": 0.0, "variance": 0.09}}, {"bayesian": bayes(r)}))
    prior = GaussianPrior(mean=1.0, variance=4.0, proper=True)
    r = EffectBayesianABTest(sa, sb, EffectBayesianConfig(difference_type="absolute", prior_type="absolute",
                                                          prior_effect=prior)).compute_result()
    cases.append(("gbstats: revenue, Bayesian, prior N(1, 4) on the absolute effect", revenue,
                  {"engine": "bayesian", "difference": "absolute", "prior": {"mean": 1.0, "variance": 4.0}},
                  {"bayesian": bayes(r)}))
    # Conversions: the Gaussian model and the sequential test read the same variance as ours.
    pa, pb = ProportionStatistic(n=4000, sum=380), ProportionStatistic(n=4100, sum=441)
    conv = {"variants": ["control", "B"], "units": [4000, 4100],
            "metrics": [{"name": "conversion", "kind": "conversion", "sum": [380, 441]}]}
    r = EffectBayesianABTest(pa, pb, EffectBayesianConfig()).compute_result()
    exact = quad(lambda p: stats.beta.pdf(p, 1 + 441, 1 + 4100 - 441) * stats.beta.cdf(p, 1 + 380, 1 + 4000 - 380),
                 0, 1, epsabs=1e-13, epsrel=1e-12, limit=500, points=[0.095, 0.1076])[0]
    cases.append(("gbstats: conversion, Bayesian, flat prior; exact Beta chance to win (scipy quad)", conv,
                  {"engine": "bayesian"}, {"bayesian": {**bayes(r), "beta_chance_to_win": f(exact)}}))
    r = SequentialTwoSidedTTest(pa, pb, SequentialConfig()).compute_result()
    cases.append(("gbstats: conversion, sequential", conv, {"sequential": True}, {"relative": freq(r)}))
    # A ratio: pages per session (pages and sessions per user).
    sessions = [rng.poisson(3.0, n) + 1 for n in (1200, 1250)]
    pages = [rng.poisson(s * m) for s, m in zip(sessions, (4.0, 4.3))]
    ratio = {"variants": ["control", "B"], "units": [1200, 1250],
             "metrics": [{"name": "pages per session", "kind": "ratio", "sum": [float(p.sum()) for p in pages],
                          "sum_squares": [float((p * p).sum()) for p in pages],
                          "denominator": linked([s.astype(float) for s in sessions], [p.astype(float) for p in pages])}]}
    stats_r = [RatioStatistic(n=len(p), m_statistic=mean_stat(p.astype(float)), d_statistic=mean_stat(s.astype(float)),
                              m_d_sum_of_products=math.fsum(p * s)) for p, s in zip(pages, sessions)]
    for difference in ("relative", "absolute"):
        r = TwoSidedTTest(stats_r[0], stats_r[1], FrequentistConfig(difference_type=difference)).compute_result()
        cases.append(("gbstats: pages per session (a ratio, delta method), " + difference, ratio,
                      {"difference": difference}, {difference: freq(r)}))
    # CUPED: revenue after exposure, adjusted by the same users' revenue before it.
    pre = [np.round(rng.gamma(2.0, 25.0, n), 2) for n in (1800, 1750)]
    post = [np.round(0.6 * x + rng.gamma(1.5, 20.0, len(x)) * m, 2) for x, m in zip(pre, (1.0, 1.08))]
    cuped = {"variants": ["control", "B"], "units": [1800, 1750],
             "metrics": [{"name": "revenue", "kind": "mean", "sum": [math.fsum(y) for y in post],
                          "sum_squares": [math.fsum(y * y) for y in post], "covariate": linked(pre, post)}]}
    ra = [RegressionAdjustedStatistic(n=len(y), post_statistic=mean_stat(y), pre_statistic=mean_stat(x),
                                      post_pre_sum_of_products=math.fsum(x * y), theta=0) for x, y in zip(pre, post)]
    theta = compute_theta(ra[0], ra[1])
    for s_ in ra:
        s_.theta = theta
    for difference in ("relative", "absolute"):
        r = TwoSidedTTest(ra[0], ra[1], FrequentistConfig(difference_type=difference)).compute_result()
        cases.append(("gbstats: revenue with CUPED (pre-exposure revenue), " + difference, cuped,
                      {"difference": difference}, {difference: freq(r)}))
    r = EffectBayesianABTest(ra[0], ra[1], EffectBayesianConfig()).compute_result()
    cases.append(("gbstats: revenue with CUPED, Bayesian", cuped, {"engine": "bayesian"}, {"bayesian": bayes(r)}))
    out = []
    for name, data, options, expected in cases:
        out.append({"name": name, "op": "analyze_experiment", "input": {"data": data, "options": options},
                    "expected": {"metrics": [{"comparisons": [expected]}]}})
    return out


def power_cases():
    """statsmodels' NormalIndPower (rates by Cohen's h, proportion_effectsize) and the NPS
    difference's trinomial variance computed here with scipy.stats.norm."""
    from statsmodels.stats.power import NormalIndPower
    from statsmodels.stats.proportion import proportion_effectsize

    solver = NormalIndPower()
    cases = []
    plans = [
        ("conversion 10% → 11%, two-sided, 80% power", {"kind": "conversion", "baseline": 0.10}, 0.10, {}),
        ("conversion 3% → 3.3%, 90% power, alpha 0.01", {"kind": "conversion", "baseline": 0.03, "alpha": 0.01,
                                                         "power": 0.9}, 0.10, {}),
        ("mean 50 (sd 20) +5%, one-sided, two treated per control", {"kind": "mean", "baseline": 50.0, "std_dev": 20.0,
                                                                     "alternative": "greater", "ratio": 2.0}, 0.05, {}),
        ("mean 120 (sd 90) −8%, two-sided", {"kind": "mean", "baseline": 120.0, "std_dev": 90.0}, -0.08, {}),
    ]
    for name, options, rel, _ in plans:
        alpha, power = options.get("alpha", 0.05), options.get("power", 0.8)
        alt = {"two_sided": "two-sided", "greater": "larger"}[options.get("alternative", "two_sided")]
        ratio = options.get("ratio", 1.0)
        target = options["baseline"] * (1 + rel)
        if options["kind"] == "conversion":
            d = proportion_effectsize(target, options["baseline"])
        else:
            d = (target - options["baseline"]) / options["std_dev"]
        n1 = solver.solve_power(effect_size=abs(d), nobs1=None, alpha=alpha, power=power, ratio=ratio, alternative=alt)
        cases.append({"name": f"sample size: {name} (statsmodels NormalIndPower)", "op": "sample_size",
                      "input": {"options": options, "relative_effect": rel}, "tolerance": 1e-7,
                      "expected": {"control": f(n1), "treatment": f(n1 * ratio), "effect_size": f(d),
                                   "total": int(math.ceil(n1) + math.ceil(n1 * ratio))}})
        units = 5000.0
        # statsmodels' own solve_power stops at 3e-5 relative for the effect size; its power
        # function solved tightly with scipy's brentq instead.
        d_min = brentq(lambda d: solver.power(d, units, alpha, ratio=ratio, alternative=alt) - power,
                       1e-9, 10.0, xtol=1e-16, rtol=1e-15)
        if options["kind"] == "conversion":
            treated = math.sin(math.asin(math.sqrt(options["baseline"])) + d_min / 2) ** 2
        else:
            treated = options["baseline"] + d_min * options["std_dev"]
        cases.append({"name": f"detectable effect with 5,000 control units: {name.split(',')[0]}",
                      "op": "minimum_detectable_effect", "input": {"options": options, "control_units": units},
                      "tolerance": 1e-7,
                      "expected": {"effect_size": f(d_min), "treatment": f(treated),
                                   "absolute": f(treated - options["baseline"]),
                                   "relative": f(treated / options["baseline"] - 1)}})
    for name, c, t, alpha in [
        ("NPS difference between variants", (420, 310, 270), (470, 300, 230), 0.05),
        ("NPS difference between two survey waves, alpha 0.1", (61, 40, 49), (55, 52, 43), 0.1),
    ]:
        def est(k):
            n = sum(k)
            p, d = k[0] / n, k[2] / n
            return n, 100 * (p - d), (p + d - (p - d) ** 2) / n
        nc, sc, vc = est(c)
        nt, st, vt = est(t)
        se = math.sqrt(vc + vt)
        diff = st - sc
        z = diff / (100 * se)
        q = stats.norm.ppf(1 - alpha / 2)
        p = 2 * stats.norm.sf(abs(z))
        cases.append({"name": name, "op": "nps_difference",
                      "input": {"control": dict(zip(("promoters", "passives", "detractors"), c)),
                                "treatment": dict(zip(("promoters", "passives", "detractors"), t)), "alpha": alpha},
                      "expected": {"control": {"responses": nc, "nps": sc, "std_error": 100 * math.sqrt(vc)},
                                   "treatment": {"responses": nt, "nps": st, "std_error": 100 * math.sqrt(vt)},
                                   "difference": diff, "std_error": 100 * se, "z": z, "p_value": f(p),
                                   "lower": diff - q * 100 * se, "upper": diff + q * 100 * se,
                                   "significant": bool(p < alpha)}})
    cases += [
        {"name": "sample size refuses a rate of 1", "op": "sample_size",
         "input": {"options": {"kind": "conversion", "baseline": 1.0}, "relative_effect": 0.1},
         "error": {"code": "INVALID_CONFIG", "field": "baseline"}},
        {"name": "sample size refuses a mean without its standard deviation", "op": "sample_size",
         "input": {"options": {"kind": "mean", "baseline": 10.0}, "relative_effect": 0.1},
         "error": {"code": "INVALID_CONFIG", "field": "std_dev"}},
        {"name": "sample size refuses no effect", "op": "sample_size",
         "input": {"options": {"kind": "conversion", "baseline": 0.2}, "relative_effect": 0.0},
         "error": {"code": "INVALID_CONFIG", "field": "relative_effect"}},
        {"name": "NPS difference refuses a group without answers", "op": "nps_difference",
         "input": {"control": {"promoters": 0, "passives": 0, "detractors": 0},
                   "treatment": {"promoters": 5, "passives": 1, "detractors": 2}, "alpha": 0.05},
         "error": {"code": "INVALID_CONFIG", "field": "control"}},
    ]
    return cases


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
    cases += gb_cases()
    cases += power_cases()
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
        error_case("refuses a ratio without its denominator", with_(metric={"kind": "ratio", "sum_squares": [20.0, 30.0]}),
                   {}, "INVALID_CONFIG", field="metrics[0].denominator"),
        error_case("refuses a ratio whose denominator sums to 0",
                   with_(metric={"kind": "ratio", "sum_squares": [20.0, 30.0],
                                 "denominator": {"sum": [0.0, 5.0], "sum_squares": [0.0, 5.0],
                                                 "sum_of_products": [0.0, 12.0]}}),
                   {}, "OUT_OF_RANGE", field="metrics[0].denominator.sum", record="record 1"),
        error_case("refuses one-sided sequential testing", base, {"sequential": True, "alternative": "greater"},
                   "INVALID_CONFIG", field="sequential"),
        error_case("refuses a correction with the Bayesian engine", base,
                   {"engine": "bayesian", "correction": "holm"}, "INVALID_CONFIG", field="correction"),
        error_case("refuses a prior with a variance of 0", base,
                   {"engine": "bayesian", "prior": {"mean": 0.0, "variance": 0.0}}, "INVALID_CONFIG", field="prior"),
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
    cases += event_cases(f, interval, relative, srm)
    doc = {
        "description": (
            "Experiments: analyze_experiment, sample_ratio_check and adjust_p_values against "
            f"statsmodels {statsmodels.__version__}, scipy {scipy.__version__} and gbstats 0.8.0 (written by "
            "scripts/experiment-vectors.py; relative effects by the delta method computed there "
            "with scipy's distributions)."
        ),
        "cases": cases,
    }
    OUT.write_text(json.dumps(doc, indent=1) + "\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
