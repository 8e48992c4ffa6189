"""analyze_experiment against statsmodels and scipy, live, on generated experiments (the shared
vectors pin fixed cases; these draw new ones from fixed seeds)."""

import math

import numpy as np
import pytest

import touchpoint

sm_proportion = pytest.importorskip("statsmodels.stats.proportion")
multitest = pytest.importorskip("statsmodels.stats.multitest")
stats = pytest.importorskip("scipy.stats")


def close(a, b, rel=1e-9):
    assert math.isclose(a, b, rel_tol=rel, abs_tol=rel), (a, b)


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("pooled", [True, False])
def test_conversions_match_statsmodels(seed, pooled):
    rng = np.random.default_rng(seed)
    n = rng.integers(200, 20000, 2).tolist()
    x = [int(rng.binomial(n[0], 0.1)), int(rng.binomial(n[1], 0.12))]
    report = touchpoint.analyze_experiment(
        {"variants": ["control", "B"], "units": n, "metrics": [{"name": "c", "kind": "conversion", "sum": x}]},
        pooled=pooled,
    )
    c = report["metrics"][0]["comparisons"][0]["absolute"]
    if pooled:
        z, p = sm_proportion.proportions_ztest([x[1], x[0]], [n[1], n[0]])
    else:
        r = sm_proportion.test_proportions_2indep(x[1], n[1], x[0], n[0], method="wald", compare="diff")
        z, p = r.statistic, r.pvalue
    close(c["statistic"], z)
    close(c["p_value"], p)
    lo, hi = sm_proportion.confint_proportions_2indep(x[1], n[1], x[0], n[0], method="wald", compare="diff")
    close(c["interval"]["lower"], lo)
    close(c["interval"]["upper"], hi)
    for v, (nv, xv) in zip(report["metrics"][0]["variants"], zip(n, x)):
        lo, hi = sm_proportion.proportion_confint(xv, nv, method="wilson")
        close(v["interval"]["lower"], lo)
        close(v["interval"]["upper"], hi)


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("alternative", ["two_sided", "greater", "less"])
def test_means_match_scipy_welch(seed, alternative):
    rng = np.random.default_rng(100 + seed)
    a = rng.gamma(2.0, 20.0, int(rng.integers(30, 3000)))
    b = rng.gamma(2.1, 21.0, int(rng.integers(30, 3000)))
    report = touchpoint.analyze_experiment(
        {"variants": ["control", "B"], "units": [len(a), len(b)],
         "metrics": [{"name": "revenue", "kind": "mean", "sum": [math.fsum(a), math.fsum(b)],
                      "sum_squares": [math.fsum(a * a), math.fsum(b * b)]}]},
        alternative=alternative,
    )
    c = report["metrics"][0]["comparisons"][0]["absolute"]
    r = stats.ttest_ind(b, a, equal_var=False, alternative={"two_sided": "two-sided"}.get(alternative, alternative))
    # Sums of squares lose a few digits to cancellation against scipy's two-pass variance.
    close(c["statistic"], r.statistic, 1e-8)
    close(c["p_value"], r.pvalue, 1e-8)
    ci = r.confidence_interval(0.95)
    for bound, ref in (("lower", ci.low), ("upper", ci.high)):
        if math.isinf(ref):
            assert c["interval"][bound] is None
        else:
            close(c["interval"][bound], ref, 1e-8)


@pytest.mark.parametrize("method,name", [("holm", "holm"), ("benjamini_hochberg", "fdr_bh")])
def test_corrections_match_multipletests(method, name):
    rng = np.random.default_rng(5)
    for _ in range(20):
        p = rng.uniform(0, 0.2, int(rng.integers(1, 12))).round(3).tolist()
        expected = multitest.multipletests(p, method=name)[1]
        for a, e in zip(touchpoint.adjust_p_values(p, method), expected):
            close(a, e)


def test_sample_ratio_matches_scipy_chisquare():
    rng = np.random.default_rng(9)
    for k in (2, 3, 5):
        units = rng.integers(900, 1100, k).tolist()
        w = rng.dirichlet(np.ones(k))
        w = (w / w.sum()).tolist()
        check = touchpoint.sample_ratio_check(units, w)
        chi, p = stats.chisquare(units, f_exp=np.sum(units) * np.asarray(w))
        close(check["chi_square"], chi, 1e-8)
        close(check["p_value"], p, 1e-8)
