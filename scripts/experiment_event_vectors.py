"""The experiment-from-events and experiment-from-rows cases of vectors/experiment.json, used
by scripts/experiment-vectors.py.

Each customer's variant and metric values are computed here, in plain Python, from the same
events the case gives touchpoint (first exposure, events at or after it, windows, the last
survey answer, retention days), independently of the Rust code; the sums come from those
values, and the statistics of the conversion and revenue metrics from statsmodels and scipy on
the per-customer values.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

import numpy as np
from scipy import stats
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

START = datetime(2026, 3, 1, tzinfo=timezone.utc)
DAY = 86_400_000


def iso(ms: int) -> str:
    return (START + timedelta(milliseconds=ms)).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def generate(seed, customers, variants, lift):
    """Events of `customers` customers: a purchase or two before exposure, one exposure (a
    few customers see two variants, one sees another experiment, one exposure has no variant),
    then page views, carts, purchases (whole or half currency units, so every sum is exact),
    NPS answers and return visits."""
    rng = np.random.default_rng(seed)
    events, truth = [], []
    channels = ["web", "app", "email"]
    for i in range(customers):
        c = f"u{i:03d}"
        v = variants[int(rng.integers(len(variants)))]
        boost = lift[variants.index(v)]
        t0 = int(rng.integers(0, 20)) * DAY + int(rng.integers(0, 86_400)) * 1000
        ch = channels[int(rng.integers(3))]
        pre = []
        for _ in range(int(rng.integers(0, 3))):
            t = t0 - int(rng.integers(1, 40)) * 3_600_000
            val = float(rng.integers(10, 120)) / 2
            pre.append((t, val))
            events.append({"customer_id": c, "timestamp": iso(t), "channel": "web", "kind": "purchase", "value": val})
        events.append({"customer_id": c, "timestamp": iso(t0), "channel": ch, "kind": "Experiment Viewed",
                       "properties": {"experiment_id": "checkout-v2", "variation_id": int(v)}})
        post = []  # (t, kind, value, nps)
        for _ in range(int(rng.integers(0, 4))):
            t = t0 + int(rng.integers(0, 12 * 24)) * 3_600_000 + 60_000
            post.append((t, "page_view", None, None))
        if rng.random() < 0.35 + boost:
            t = t0 + int(rng.integers(1, 72)) * 3_600_000
            post.append((t, "add_to_cart", None, None))
            for _ in range(int(rng.integers(1, 3))):
                t2 = t + int(rng.integers(1, 200)) * 3_600_000
                post.append((t2, "purchase", float(rng.integers(20, 200 + int(100 * boost))) / 2, None))
        if rng.random() < 0.6:
            t = t0 + int(rng.integers(2, 10)) * DAY
            score = int(min(10, rng.integers(0, 11) + (2 if boost > 0 and rng.random() < 0.5 else 0)))
            post.append((t, "survey_response", None, score))
        for t, k, val, score in post:
            e = {"customer_id": c, "timestamp": iso(t), "channel": ch, "kind": k}
            if val is not None:
                e["value"] = val
            if score is not None:
                e["survey"] = {"metric": "nps", "score": score}
            events.append(e)
        truth.append({"id": c, "variant": v, "t0": t0, "channel": ch, "pre": pre, "post": post})
    # Left out: two variants; ignored: another experiment; skipped: no variant.
    for c, seen in (("both1", ["0", "1"]), ("both2", ["1", "0", "1"])):
        for j, v in enumerate(seen):
            events.append({"customer_id": c, "timestamp": iso(j * DAY), "channel": "web", "kind": "Experiment Viewed",
                           "properties": {"experiment_id": "checkout-v2", "variation_id": v}})
        events.append({"customer_id": c, "timestamp": iso(3 * DAY), "channel": "web", "kind": "purchase", "value": 99.0})
    events.append({"customer_id": "other", "timestamp": iso(DAY), "channel": "web", "kind": "Experiment Viewed",
                   "properties": {"experiment_id": "hero", "variation_id": 1}})
    events.append({"customer_id": "bare", "timestamp": iso(DAY), "channel": "web", "kind": "Experiment Viewed",
                   "properties": {"experiment_id": "checkout-v2"}})
    end = max(int((datetime.fromisoformat(e["timestamp"].replace("Z", "+00:00")) - START).total_seconds() * 1000)
              for e in events)
    return events, truth, end


def values(truth, end, metric):
    """One customer's value of `metric` (None: not a unit), computed from the truth."""
    m = metric["measure"]
    out = []
    for cu in truth:
        t0, post = cu["t0"], cu["post"]
        win = metric.get("window_seconds")
        hi = t0 + round(win * 1000) if win else math.inf
        after = [p for p in post if t0 <= p[0] <= hi]
        if m == "converted":
            out.append(float(any(p[1] in metric["kinds"] for p in after)))
        elif m == "sum":
            out.append(math.fsum(p[2] for p in after if p[1] in metric["kinds"] and p[2] is not None))
        elif m == "count":
            out.append(float(sum(1 for p in after if p[1] in metric["kinds"])))
        elif m == "ratio":
            num = math.fsum(p[2] for p in after if p[1] == "purchase")
            den = float(sum(1 for p in after if p[1] == "purchase"))
            out.append((num, den))
        elif m == "funnel":
            step = 0
            for p in sorted(after):
                if step < len(metric["steps"]) and p[1] == metric["steps"][step]:
                    step += 1
            out.append(float(step == len(metric["steps"])))
        elif m == "nps":
            answers = [p for p in sorted(after, key=lambda p: p[0]) if p[3] is not None]
            if not answers:
                out.append(None)
            else:
                s = answers[-1][3]
                out.append(100.0 if s >= 9 else (-100.0 if s <= 6 else 0.0))
        elif m == "retained":
            lo = t0 + metric["day"] * DAY
            if lo + DAY > end + 1:
                out.append(None)
            else:
                # Any event but an exposure: every post event is one.
                out.append(float(any(lo <= p[0] < lo + DAY for p in post)))
    return out


def pre_values(truth, metric):
    s = metric["pre_exposure_seconds"] * 1000
    return [math.fsum(v for t, v in cu["pre"] if cu["t0"] - s <= t < cu["t0"]) for cu in truth]


def sums(truth, order, metric, end):
    """The MetricData the events give, in `order`."""
    vals = values(truth, end, metric)
    kind = {"converted": "conversion", "funnel": "conversion", "retained": "conversion", "csat": "conversion",
            "ratio": "ratio"}.get(metric["measure"], "mean")
    by = {v: [x for cu, x in zip(truth, vals) if cu["variant"] == v and x is not None] for v in order}
    d = {"name": metric["name"], "kind": kind}
    if kind == "ratio":
        d["sum"] = [math.fsum(x[0] for x in by[v]) for v in order]
        d["sum_squares"] = [math.fsum(x[0] ** 2 for x in by[v]) for v in order]
        d["denominator"] = {"sum": [math.fsum(x[1] for x in by[v]) for v in order],
                            "sum_squares": [math.fsum(x[1] ** 2 for x in by[v]) for v in order],
                            "sum_of_products": [math.fsum(x[0] * x[1] for x in by[v]) for v in order]}
    else:
        d["sum"] = [math.fsum(by[v]) for v in order]
        d["sum_squares"] = None if kind == "conversion" else [math.fsum(x * x for x in by[v]) for v in order]
        d["denominator"] = None
    if metric.get("pre_exposure_seconds"):
        pre = pre_values(truth, metric)
        pv = {v: [(p, y) for cu, p, y in zip(truth, pre, vals) if cu["variant"] == v] for v in order}
        d["covariate"] = {"sum": [math.fsum(p for p, _ in pv[v]) for v in order],
                          "sum_squares": [math.fsum(p * p for p, _ in pv[v]) for v in order],
                          "sum_of_products": [math.fsum(p * y for p, y in pv[v]) for v in order]}
    else:
        d["covariate"] = None
    own = metric["measure"] in ("nps", "csat", "ces", "retained")
    d["units"] = [len(by[v]) for v in order] if own else None
    return d, by


def reference(by, order, kind, f, interval, relative):
    """statsmodels' (a conversion) or scipy's (a mean) answers on the per-customer values."""
    c = np.asarray(by[order[0]])
    variants, comparisons = [], []
    for v in order:
        x = np.asarray(by[v])
        if kind == "conversion":
            lo, hi = proportion_confint(x.sum(), len(x), alpha=0.05, method="wilson")
            variants.append({"variant": v, "units": len(x), "value": f(x.mean()), "interval": interval(lo, hi)})
        else:
            sem = stats.sem(x)
            lo, hi = stats.t.interval(0.95, len(x) - 1, loc=x.mean(), scale=sem)
            variants.append({"variant": v, "units": len(x), "value": f(x.mean()), "std_error": f(sem),
                             "interval": interval(lo, hi)})
    for v in order[1:]:
        x = np.asarray(by[v])
        if kind == "conversion":
            z, p = proportions_ztest([x.sum(), c.sum()], [len(x), len(c)])
            absolute = {"estimate": f(x.mean() - c.mean()), "statistic": f(z), "p_value": f(p)}
            rel = relative(x.mean(), x.mean() * (1 - x.mean()) / len(x), c.mean(), c.mean() * (1 - c.mean()) / len(c),
                           stats.norm, 0.05, "two_sided")
        else:
            res = stats.ttest_ind(x, c, equal_var=False)
            ci = res.confidence_interval(0.95)
            absolute = {"estimate": f(x.mean() - c.mean()), "statistic": f(res.statistic), "p_value": f(res.pvalue),
                        "interval": interval(ci.low, ci.high)}
            vt, vc = x.var(ddof=1) / len(x), c.var(ddof=1) / len(c)
            df = (vt + vc) ** 2 / (vt**2 / (len(x) - 1) + vc**2 / (len(c) - 1))
            rel = relative(x.mean(), vt, c.mean(), vc, stats.t(df), 0.05, "two_sided")
        comparisons.append({"variant": v, "absolute": absolute, "relative": rel})
    return {"variants": variants, "comparisons": comparisons}


def event_cases(f, interval, relative, srm):
    cases = []
    events, truth, end = generate(11, 160, ["0", "1"], [0.0, 0.12])
    order = ["0", "1"]
    metrics = [
        {"name": "purchased", "measure": "converted", "kinds": ["purchase"]},
        {"name": "revenue", "measure": "sum", "kinds": ["purchase"]},
    ]
    data, refs = [], []
    for m in metrics:
        d, by = sums(truth, order, m, end)
        data.append(d)
        refs.append(reference(by, order, d["kind"], f, interval, relative))
    units = [sum(1 for cu in truth if cu["variant"] == v) for v in order]
    expected = {
        "experiment_id": "checkout-v2", "variants": order, "exposed": units,
        "excluded": {"multiple_variants": 2, "unlisted_variant": 0, "exposures_without_variant": 1},
        "data": {"variants": order, "units": units, "metrics": data},
        "report": {"control": "0", "sample_ratio": srm(units, None),
                   "metrics": [dict(metric=m["name"], **r) for m, r in zip(metrics, refs)]},
        "note": None, "skipped_metrics": [], "breakdown": [],
    }
    cases.append({"name": "from events: Experiment Viewed exposures (numeric variation_id), purchase conversion "
                          "and revenue per customer (statsmodels z-test, scipy Welch); two customers in both "
                          "variants left out, an exposure without a variant skipped",
                  "op": "experiment", "input": {"events": events, "options": {"experiment_id": "checkout-v2",
                                                                              "metrics": metrics}},
                  "expected": expected})

    metrics = [
        {"name": "order value", "measure": "ratio", "numerator": {"measure": "sum", "kinds": ["purchase"]},
         "denominator": {"measure": "count", "kinds": ["purchase"]}},
        {"name": "cart then purchase", "measure": "funnel", "steps": ["add_to_cart", "purchase"]},
        {"name": "purchased within 3 days", "measure": "converted", "kinds": ["purchase"], "window_seconds": 259200},
        {"name": "nps", "measure": "nps"},
        {"name": "back on day 3", "measure": "retained", "day": 3},
        {"name": "revenue, CUPED", "measure": "sum", "kinds": ["purchase"], "pre_exposure_seconds": 172800},
        {"name": "page views", "measure": "count", "kinds": ["page_view"]},
    ]
    data, values_ = [], []
    for m in metrics:
        d, by = sums(truth, order, m, end)
        data.append(d)
        if d["kind"] == "ratio":
            values_.append([{"value": f(math.fsum(x[0] for x in by[v]) / math.fsum(x[1] for x in by[v]))}
                            for v in order])
        else:
            values_.append([{"units": len(by[v]), "value": f(np.mean(by[v]))} for v in order])
    cases.append({"name": "from events: a ratio (order value), a funnel, a window, NPS from the last answer "
                          "(respondents only), day-3 retention (observable customers only), CUPED from the "
                          "48 hours before exposure, a count; Holm across metrics",
                  "op": "experiment",
                  "input": {"events": events, "options": {"experiment_id": "checkout-v2", "metrics": metrics,
                                                          "statistics": {"correction": "holm"}}},
                  "expected": {"exposed": units, "data": {"metrics": data},
                               "report": {"metrics": [{"metric": m["name"], "variants": v}
                                                      for m, v in zip(metrics, values_)]}}})

    groups = {}
    for cu in truth:
        groups.setdefault(cu["channel"], [0, 0])[order.index(cu["variant"])] += 1
    ranked = sorted(groups.items(), key=lambda kv: (-sum(kv[1]), kv[0]))
    cases.append({"name": "from events: broken down by the channel of the first exposure, most customers first; "
                          "the control named",
                  "op": "experiment",
                  "input": {"events": events, "options": {"experiment_id": "checkout-v2", "control": "1",
                                                          "metrics": metrics[:1], "breakdown": "channel"}},
                  "expected": {"variants": ["1", "0"],
                               "breakdown": [{"group": g, "exposed": [n[1], n[0]]} for g, n in ranked]}})
    small = events[:40]
    firsts = [next(cu["id"] for cu in truth if cu["variant"] == v) for v in ("0", "1")]
    cases += [
        {"name": "from events: refuses an experiment no one was exposed to", "op": "experiment",
         "input": {"events": small, "options": {"experiment_id": "nope", "metrics": metrics[:1]}},
         "error": {"code": "INVALID_CONFIG", "field": "experiment_id"}},
        {"name": "from events: refuses a converted metric without kinds", "op": "experiment",
         "input": {"events": small, "options": {"experiment_id": "checkout-v2",
                                                "metrics": [{"name": "p", "measure": "converted"}]}},
         "error": {"code": "INVALID_CONFIG", "field": "metrics[0].kinds"}},
        {"name": "from events: refuses a listed variant no one saw", "op": "experiment",
         "input": {"events": small, "options": {"experiment_id": "checkout-v2", "variants": ["0", "1", "2"],
                                                "metrics": metrics[:1]}},
         "error": {"code": "INVALID_CONFIG", "field": "variants"}},
        {"name": "from events: too few customers to test is a report without an analysis and a note",
         "op": "experiment",
         "input": {"events": [e for e in events if e["customer_id"] in firsts],
                   "options": {"experiment_id": "checkout-v2", "variants": ["0", "1"], "metrics": metrics[:1]}},
         "expected": {"report": None, "exposed": [1, 1]}},
    ]

    # From rows: one row per customer, the sums made here with math.fsum.
    rng = np.random.default_rng(5)
    rows = []
    for i in range(60):
        v = ["control", "B", "C"][i % 3]
        rows.append({"arm": v, "converted": int(rng.random() < 0.3 + 0.1 * (v == "B")),
                     "revenue": float(rng.integers(0, 400)) / 4, "orders": int(rng.integers(1, 4)),
                     "revenue_before": float(rng.integers(0, 200)) / 4})
    order = ["control", "B", "C"]
    by = {v: [r for r in rows if r["arm"] == v] for v in order}
    s = lambda key, v, g=lambda x: x: math.fsum(g(r[key]) for r in by[v])
    linked = lambda x, y: {"sum": [s(x, v) for v in order], "sum_squares": [s(x, v, lambda a: a * a) for v in order],
                           "sum_of_products": [math.fsum(r[x] * r[y] for r in by[v]) for v in order]}
    cases.append({"name": "from rows: conversion, a mean with a covariate, a ratio; variants in natural order "
                          "with the control named", "op": "experiment_from_rows",
                  "input": {"rows": rows, "options": {"variant": "arm", "control": "control", "metrics": [
                      {"name": "converted", "kind": "conversion"},
                      {"name": "revenue", "kind": "mean", "covariate": "revenue_before"},
                      {"name": "order value", "kind": "ratio", "column": "revenue", "denominator": "orders"}]}},
                  "expected": {"variants": order, "units": [len(by[v]) for v in order], "metrics": [
                      {"name": "converted", "kind": "conversion", "sum": [s("converted", v) for v in order],
                       "sum_squares": None},
                      {"name": "revenue", "kind": "mean", "sum": [s("revenue", v) for v in order],
                       "sum_squares": [s("revenue", v, lambda a: a * a) for v in order],
                       "covariate": linked("revenue_before", "revenue")},
                      {"name": "order value", "kind": "ratio", "sum": [s("revenue", v) for v in order],
                       "denominator": linked("orders", "revenue")}]}})
    bad = [dict(r) for r in rows[:6]]
    bad[4]["converted"] = 2
    cases.append({"name": "from rows: refuses a conversion of 2, naming the row", "op": "experiment_from_rows",
                  "input": {"rows": bad, "options": {"variant": "arm",
                                                     "metrics": [{"name": "converted", "kind": "conversion"}]}},
                  "error": {"code": "INVALID_RECORD", "field": "converted", "record": "record 5"}})
    missing = [dict(r) for r in rows[:6]]
    del missing[2]["revenue"]
    cases.append({"name": "from rows: refuses a missing value, naming the row", "op": "experiment_from_rows",
                  "input": {"rows": missing, "options": {"variant": "arm",
                                                         "metrics": [{"name": "revenue", "kind": "mean"}]}},
                  "error": {"code": "INVALID_RECORD", "field": "revenue", "record": "record 3"}})
    return cases
