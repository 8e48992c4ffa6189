#!/usr/bin/env python3
"""Writes vectors/value.json: the reference answers of lifetimes 0.11.3 for the value area
(purchase histories, the purchase models, Gamma-Gamma, lifetime value), replayed by the Rust,
Python, Node and browser suites.

Run: /tmp/ltv2/bin/python scripts/value-vectors.py   (any Python with lifetimes 0.11.3, numpy,
pandas and scipy). Deterministic: the generated inputs come from numpy's Generator with fixed
seeds, so a second run writes the same file.

Every expected number is lifetimes' own answer, printed with repr (full precision), except
where the description of a case says otherwise (months: see `summary`).
"""

from __future__ import annotations

import contextlib
import json
import math
import sys
import warnings
from pathlib import Path

import lifetimes
import lifetimes.utils as lt_utils
import numpy as np
import pandas as pd
from lifetimes import (
    BetaGeoBetaBinomFitter,
    BetaGeoFitter,
    GammaGammaFitter,
    ModifiedBetaGeoFitter,
    ParetoNBDFitter,
)
from scipy.optimize import minimize
from lifetimes.datasets import load_cdnow_summary_data_with_monetary_value, load_donations

warnings.filterwarnings("ignore")

OUT = Path(__file__).resolve().parent.parent / "vectors" / "value.json"
FIT_TOLERANCE = 1e-3
PREDICT_TOLERANCE = 1e-6

# lifetimes' `freq` for each of the core's units.
FREQ = {"day": "D", "week": "W", "month": "M", "hour": "h"}

FITTERS = {
    "bg_nbd": BetaGeoFitter,
    "mbg_nbd": ModifiedBetaGeoFitter,
    "pareto_nbd": ParetoNBDFitter,
    "bg_bb": BetaGeoBetaBinomFitter,
}
PARAM_NAMES = {
    "bg_nbd": ["r", "alpha", "a", "b"],
    "mbg_nbd": ["r", "alpha", "a", "b"],
    "pareto_nbd": ["r", "alpha", "s", "beta"],
    "bg_bb": ["alpha", "beta", "gamma", "delta"],
}


def num(x) -> float | int:
    """A JSON number: whole floats stay floats (repr keeps full precision)."""
    x = float(x)
    assert math.isfinite(x), x
    return x


def nums(xs) -> list:
    return [num(x) for x in xs]


# --- purchase histories --------------------------------------------------------------------


class _MonthNumpy:
    """numpy as lifetimes.utils sees it, except that `timedelta64(1, "M")` is the mean
    Gregorian month (what numpy < 2 / pandas < 2 turned a month into). lifetimes 0.11.3 fails
    on current pandas with freq="M" ("Unit M is not supported"); with this shim it runs its own
    period grouping, and since both ends of every duration are month starts, the rounded
    quotient is the whole number of calendar months between them."""

    def __getattr__(self, name):
        return getattr(np, name)

    @staticmethod
    def timedelta64(value, unit):
        if unit == "M":
            return pd.Timedelta(days=30.436875) * value
        return np.timedelta64(value, unit)


@contextlib.contextmanager
def month_shim(unit):
    if unit != "month":
        yield
        return
    lt_utils.np = _MonthNumpy()
    try:
        yield
    finally:
        lt_utils.np = np


def naive_utc(text: str | None):
    if text is None:
        return None
    return pd.Timestamp(text).tz_convert("UTC").tz_localize(None)


def summary(transactions: dict, options: dict) -> dict:
    """lifetimes' summary (or calibration / holdout split) of `transactions`, as the
    `purchase_histories_from_transactions` op's expected columns, customers in order of first
    appearance in the transactions."""
    frame = pd.DataFrame(
        {
            "customer_id": transactions["customer_id"],
            "timestamp": [naive_utc(t) for t in transactions["timestamp"]],
            "value": transactions["value"],
        }
    )
    unit = options.get("unit", "day")
    freq = FREQ[unit]
    mult = options.get("unit_multiplier", 1)
    first = options.get("include_first_purchase", False)
    end = naive_utc(options.get("observation_end"))
    cal = naive_utc(options.get("calibration_end"))
    with month_shim(unit):
        if cal is None:
            out = lt_utils.summary_data_from_transaction_data(
                frame, "customer_id", "timestamp", monetary_value_col="value",
                observation_period_end=end, freq=freq, freq_multiplier=mult,
                include_first_transaction=first,
            )
        else:
            out = lt_utils.calibration_and_holdout_data(
                frame, "customer_id", "timestamp", calibration_period_end=cal,
                observation_period_end=end, freq=freq, freq_multiplier=mult,
                monetary_value_col="value", include_first_transaction=first,
            )
            out = out.rename(columns=lambda c: c.replace("_cal", ""))
    if unit == "month":
        for col in ["recency", "T"] + (["duration_holdout"] if cal is not None else []):
            whole = (out[col] * mult).round()
            assert ((out[col] * mult - whole).abs() < 0.2).all(), out[col]
            out[col] = whole / mult
    order = list(dict.fromkeys(transactions["customer_id"]))
    order = [c for c in order if c in out.index]
    out = out.loc[order]
    expected = {
        "customer_id": order,
        "frequency": nums(out["frequency"]),
        "recency": nums(out["recency"]),
        "T": nums(out["T"]),
        "monetary_value": nums(out["monetary_value"]),
    }
    if cal is not None:
        duration = out["duration_holdout"].unique()
        assert len(duration) == 1
        expected["holdout"] = {
            "frequency": nums(out["frequency_holdout"]),
            "monetary_value": nums(out["monetary_value_holdout"]),
            "duration": num(duration[0]),
        }
    return expected


def transactions(seed: int, customers: int, start: str, days: int, same_day: int = 2) -> dict:
    """A few dozen purchases of `customers` customers over `days` days from `start`, sorted by
    time (so first appearance is first purchase), times of day never at midnight, a few
    customers buying twice on one day (`same_day`), values in cents."""
    rng = np.random.default_rng(seed)
    t0 = pd.Timestamp(start)
    rows = []
    for c in range(customers):
        n = int(rng.integers(1, 7))
        first_day = int(rng.integers(0, days // 2))
        for _ in range(n):
            day = first_day + int(rng.integers(0, days - first_day))
            seconds = int(rng.integers(60, 86_340))
            rows.append((t0 + pd.Timedelta(days=day, seconds=seconds), f"c{c + 1}"))
    for _ in range(same_day):
        when, cust = rows[int(rng.integers(0, len(rows)))]
        rows.append((when.normalize() + pd.Timedelta(seconds=int(rng.integers(60, 86_340))), cust))
    rows.sort()
    values = np.round(rng.uniform(5, 120, size=len(rows)), 2)
    return {
        "customer_id": [c for _, c in rows],
        "timestamp": [t.strftime("%Y-%m-%dT%H:%M:%SZ") for t, _ in rows],
        "value": [float(v) for v in values],
    }


def check_period_cut(tx: dict, options: dict) -> None:
    """The cases keep away from one lifetimes quirk: its summary drops purchases by period
    (a purchase later on the observation end's day, or week, still counts) while its holdout
    filter compares raw times. Purchases after the observation end (or the calibration end)
    must therefore fall in a later period, so both readings give the same answer."""
    freq = FREQ[options.get("unit", "day")]
    times = [naive_utc(t) for t in tx["timestamp"]]
    for key in ("observation_end", "calibration_end"):
        end = naive_utc(options.get(key))
        if end is None:
            continue
        for t in times:
            if t > end:
                assert t.to_period(freq) > end.to_period(freq), (key, t, end)
            else:
                assert t.to_period(freq) <= end.to_period(freq)


def history_cases() -> list:
    small = transactions(1, 8, "2024-01-01T00:00:00Z", 90)
    weekly = transactions(2, 10, "2024-01-01T00:00:00Z", 200)
    monthly = transactions(3, 10, "2023-01-01T00:00:00Z", 600)
    split = transactions(4, 14, "2024-01-01T00:00:00Z", 120)
    hourly = transactions(5, 6, "2024-03-01T00:00:00Z", 20)
    specs = [
        ("days, first purchase not counted, observation end = last purchase", small, {"unit": "day"}),
        ("days, first purchase counted", small, {"unit": "day", "include_first_purchase": True}),
        (
            "days, observation end before the last purchases (later ones dropped)",
            small,
            {"unit": "day", "observation_end": "2024-02-20T23:59:59Z"},
        ),
        ("weeks (Monday to Sunday)", weekly, {"unit": "week", "observation_end": "2024-07-28T23:59:59Z"}),
        (
            "two-week steps, first purchase counted",
            weekly,
            {"unit": "week", "unit_multiplier": 2, "include_first_purchase": True},
        ),
        ("calendar months", monthly, {"unit": "month", "observation_end": "2024-09-30T23:59:59Z"}),
        (
            "days with a calibration / holdout split",
            split,
            {"unit": "day", "calibration_end": "2024-03-24T23:59:59Z", "observation_end": "2024-04-28T23:59:59Z"},
        ),
        (
            "weeks with a calibration / holdout split, first purchase counted",
            split,
            {
                "unit": "week",
                "calibration_end": "2024-03-24T23:59:59Z",
                "observation_end": "2024-04-28T23:59:59Z",
                "include_first_purchase": True,
            },
        ),
        (
            "months with a calibration / holdout split",
            monthly,
            {"unit": "month", "calibration_end": "2023-12-31T23:59:59Z", "observation_end": "2024-09-30T23:59:59Z"},
        ),
        ("hours in days (unit_multiplier 24)", hourly, {"unit": "hour", "unit_multiplier": 24}),
    ]
    cases = []
    events_done = 0
    for name, tx, options in specs:
        check_period_cut(tx, options)
        expected = summary(tx, options)
        full = {"unit": "day", "unit_multiplier": 1, "include_first_purchase": False, **options}
        cases.append(
            {
                "name": f"histories from transactions: {name} ({len(tx['customer_id'])} purchases)",
                "op": "purchase_histories_from_transactions",
                "input": {"transactions": tx, "options": full},
                "expected": expected,
            }
        )
        if events_done < 2 and name.startswith(("days, first purchase not", "days with a calibration")):
            events_done += 1
            events = [
                {"customer_id": c, "timestamp": t, "channel": "web", "kind": "purchase", "value": v}
                for c, t, v in zip(tx["customer_id"], tx["timestamp"], tx["value"])
            ]
            cases.append(
                {
                    "name": f"histories from purchase events: {name}",
                    "op": "purchase_histories",
                    "input": {"events": events, "options": full},
                    "expected": expected,
                }
            )
    return cases


# --- fits ----------------------------------------------------------------------------------


def cdnow():
    return load_cdnow_summary_data_with_monetary_value()


def donations_rows():
    d = load_donations()
    rows = d.loc[d.index.repeat(d["weights"])]
    return rows["frequency"].to_numpy(), rows["recency"].to_numpy(), rows["periods"].to_numpy()


def simulated_bg_nbd(seed=2026, n=3000, r=0.25, alpha=4.0, a=0.8, b=2.5):
    """BG/NBD customers: purchase rate ~ Gamma(r, alpha), drop-out probability after each
    purchase ~ Beta(a, b); ages T whole days from 30 to 365; times in days."""
    rng = np.random.default_rng(seed)
    lam = rng.gamma(r, 1.0 / alpha, size=n)
    p = rng.beta(a, b, size=n)
    T = rng.integers(30, 366, size=n).astype(float)
    freq = np.zeros(n)
    rec = np.zeros(n)
    for i in range(n):
        t = 0.0
        while True:
            t += rng.exponential(1.0 / lam[i])
            if t > T[i]:
                break
            freq[i] += 1
            rec[i] = t
            if rng.random() < p[i]:
                break
    return freq, np.round(rec, 6), T


def fit(model, f, r, T, penalizer=0.0, weights=None):
    """lifetimes' fit, then polished: its own objective (`_negative_log_likelihood`, in its
    own scaled time and parametrisation) minimised again from its answer by Nelder-Mead to
    1e-11 (Pareto/NBD's default is Nelder-Mead to 1e-4 from a random start).
    The expected parameters are the polished ones, lifetimes' own objective's optimum; how far
    lifetimes' default answer was from it is printed and must stay under the 1e-3 tolerance."""
    np.random.seed(0)  # Pareto/NBD draws its starting point from numpy's global generator
    fitter = FITTERS[model](penalizer_coef=penalizer)
    fitter.fit(f, r, T, weights=weights)
    default = {k: float(fitter.params_[k]) for k in PARAM_NAMES[model]}
    scale = getattr(fitter, "_scale", 1.0)
    if model == "pareto_nbd":  # natural parameters, alpha and beta in scaled time
        start = [default["r"], default["alpha"] * scale, default["s"], default["beta"] * scale]
        extra = {"maxiter": 100_000}
    elif model == "bg_bb":  # log parameters
        start = np.log(list(default.values()))
        extra = {}
    else:  # log parameters, alpha in scaled time
        start = np.log([default["r"], default["alpha"] * scale, default["a"], default["b"]])
        extra = {}
    weights = np.ones(len(f)) if weights is None else np.asarray(weights, float)
    if model == "bg_bb":
        args = (np.asarray(f).astype(int), np.asarray(r).astype(int), np.asarray(T).astype(int), weights, penalizer)
    else:
        args = (np.asarray(f, float), np.asarray(r, float) * scale, np.asarray(T, float) * scale, weights, penalizer)
    objective = FITTERS[model]._negative_log_likelihood
    polished = minimize(
        lambda x: float(objective(x, *args)),
        np.asarray(start, float),
        method="Nelder-Mead",
        options={"xatol": 1e-11, "fatol": 1e-15, "maxiter": 200_000, "maxfev": 200_000},
    )
    x = polished.x if model == "pareto_nbd" else np.exp(polished.x)
    if model != "bg_bb":
        x[1] /= scale
        if model == "pareto_nbd":
            x[3] /= scale
    again = FITTERS[model](penalizer_coef=penalizer)
    again.params_ = pd.Series(x, index=PARAM_NAMES[model])
    again._negative_log_likelihood_ = polished.fun
    again.predict = again.conditional_expected_number_of_purchases_up_to_time  # as fit() sets it
    params = {k: float(again.params_[k]) for k in PARAM_NAMES[model]}
    moved = max(abs(default[k] / params[k] - 1) for k in params)
    print(
        f"  {model} (penalizer {penalizer}, {int(weights.sum())} customers): {params}\n"
        f"    -ll {fitter._negative_log_likelihood_!r} -> {again._negative_log_likelihood_!r}; "
        f"lifetimes' default fit is {moved:.2e} (relative) from the polished optimum",
        file=sys.stderr,
    )
    assert moved < FIT_TOLERANCE / 2, (model, moved)
    assert again._negative_log_likelihood_ <= fitter._negative_log_likelihood_ + 1e-12
    return again, params


def fit_cases() -> tuple[list, dict]:
    data = cdnow()
    f, r, T = data["frequency"].to_numpy(), data["recency"].to_numpy(), data["T"].to_numpy()
    fitted = {}
    cases = []

    def case(name, model, f, r, T, penalizer=0.0, extra="", fit_from=None):
        # `fit_from`: the same customers as distinct rows and their counts (lifetimes' weights:
        # the same optimum, much faster); the case's input is always one row per customer.
        fitter, params = (
            fit(model, *fit_from[:3], penalizer, weights=fit_from[3]) if fit_from else fit(model, f, r, T, penalizer)
        )
        options = {"model": model}
        if penalizer:
            options["penalizer"] = penalizer
        cases.append(
            {
                "name": name,
                "op": "fit_purchase_model",
                "description": extra or None,
                "tolerance": FIT_TOLERANCE,
                "input": {"histories": {"frequency": nums(f), "recency": nums(r), "T": nums(T)}, "options": options},
                "expected": {"model": model, "params": params},
            }
        )
        if cases[-1]["description"] is None:
            del cases[-1]["description"]
        return fitter, params

    for model in ("bg_nbd", "mbg_nbd", "pareto_nbd"):
        fitted[model] = case(f"fit {model} on CDNOW (2,357 customers, weeks)", model, f, r, T)
    case(
        "fit bg_nbd on CDNOW with penalizer 0.1",
        "bg_nbd",
        f,
        r,
        T,
        penalizer=0.1,
        extra="lifetimes adds penalizer * sum(params^2) to the mean negative log-likelihood, with "
        "alpha taken in time scaled so that the largest T is 1 (alpha * scale, scale = 1 / max T).",
    )
    df, dr, dn = donations_rows()
    d = load_donations()
    fitted["bg_bb"] = case(
        f"fit bg_bb on the donations data ({len(df):,} customers, 6 opportunities; T is the number of opportunities)",
        "bg_bb",
        df,
        dr,
        dn,
        fit_from=(d["frequency"].to_numpy(), d["recency"].to_numpy(), d["periods"].to_numpy(), d["weights"].to_numpy()),
    )
    sf, sr, sT = simulated_bg_nbd()
    case(
        f"fit bg_nbd on {len(sf):,} simulated customers (days)",
        "bg_nbd",
        sf,
        sr,
        sT,
        extra="Simulated with numpy's Generator (seed 2026) from r=0.25, alpha=4.0, a=0.8, b=2.5; "
        "expected: lifetimes' fit of the simulated histories.",
    )
    return cases, fitted


# --- predictions ---------------------------------------------------------------------------


def chosen_customers(data: pd.DataFrame, n=36, seed=7) -> pd.DataFrame:
    """The extremes (largest frequency, largest recency, smallest T, frequency 0) and a
    random sample."""
    picks = [
        data["frequency"].idxmax(),
        data["recency"].idxmax(),
        data["T"].idxmax(),
        data["T"].idxmin(),
        data.index[data["frequency"] == 0][0],
        data.index[(data["frequency"] > 0)][0],
    ]
    rng = np.random.default_rng(seed)
    rest = [i for i in data.index if i not in picks]
    picks += list(rng.choice(rest, size=n - len(picks), replace=False))
    return data.loc[list(dict.fromkeys(picks))]


SYNTHETIC = [  # (id, frequency, recency, T): far outside CDNOW
    ("synthetic f500 r900 T1000", 500.0, 900.0, 1000.0),
    ("synthetic f0 T1e4", 0.0, 0.0, 1e4),
    ("synthetic f200 r10 T1000", 200.0, 10.0, 1000.0),
    ("synthetic f1 r0.01 T0.02", 1.0, 0.01, 0.02),
]


def predict_case(model, fitter, params, hist, horizon, horizons, counts, note):
    ids, f, r, T = hist
    f, r, T = np.asarray(f, float), np.asarray(r, float), np.asarray(T, float)
    if model == "bg_bb":
        alive = fitter.conditional_probability_alive(0, f, r, T)
        expected = fitter.conditional_expected_number_of_purchases_up_to_time(horizon, f, r, T)
    else:
        alive = fitter.conditional_probability_alive(f, r, T)
        expected = fitter.conditional_expected_number_of_purchases_up_to_time(horizon, f, r, T)
    alive, expected = np.asarray(alive, float), np.asarray(expected, float)
    keep = np.isfinite(alive) & np.isfinite(expected)
    dropped = [ids[i] for i in range(len(ids)) if not keep[i]]
    ids = [ids[i] for i in range(len(ids)) if keep[i]]
    out = {"probability_alive": nums(alive[keep]), "expected_purchases": nums(expected[keep])}
    if model == "bg_bb":
        out["expected_purchases_new_customer"] = [bg_bb_new_customer(fitter, n)[0] for n in horizons]
        out["probability_of_purchases"] = [bg_bb_new_customer(fitter, t)[1][n] for n, t in counts]
    else:
        out["expected_purchases_new_customer"] = nums(fitter.expected_number_of_purchases_up_to_time(np.asarray(horizons, float)))
        if model != "pareto_nbd":
            out["probability_of_purchases"] = [num(fitter.probability_of_n_purchases_up_to_time(t, n)) for n, t in counts]
    description = note
    if dropped:
        description += f" Left out, as lifetimes gives NaN or infinity for them: {', '.join(dropped)}."
        print(f"  {model}: lifetimes gives non-finite answers for {dropped}", file=sys.stderr)
    inp = {
        "model": {"model": model, "params": params},
        "histories": {"customer_id": ids, "frequency": nums(f[keep]), "recency": nums(r[keep]), "T": nums(T[keep])},
        "horizon": horizon,
        "new_customer_horizons": horizons,
    }
    if "probability_of_purchases" in out:
        inp["purchase_counts"] = counts
    return {
        "name": f"predict_purchases {model}: {len(ids)} customers, given lifetimes' fitted params",
        "op": "predict_purchases",
        "description": description,
        "tolerance": PREDICT_TOLERANCE,
        "input": inp,
        "expected": out,
    }


def bg_bb_new_customer(fitter, n):
    """BG/BB for a new customer over n opportunities, from lifetimes' own P(X(n) = x): the
    expected count sum x P(X(n) = x), and the probabilities, x = 0..n."""
    saved = getattr(fitter, "data", None)
    fitter.data = pd.DataFrame({"frequency": np.arange(n + 1), "weights": np.ones(n + 1)})
    try:
        p = fitter.expected_number_of_transactions_in_first_n_periods(n)["model"] / (n + 1)
    finally:
        fitter.data = saved
    probs = [num(p.loc[x]) for x in range(n + 1)]
    assert abs(sum(probs) - 1) < 1e-9, sum(probs)
    return num(sum(x * q for x, q in enumerate(probs))), probs


def prediction_cases(fitted) -> list:
    data = cdnow()
    chosen = chosen_customers(data)
    ids = [str(i) for i in chosen.index] + [s[0] for s in SYNTHETIC]
    f = list(chosen["frequency"]) + [s[1] for s in SYNTHETIC]
    r = list(chosen["recency"]) + [s[2] for s in SYNTHETIC]
    T = list(chosen["T"]) + [s[3] for s in SYNTHETIC]
    cases = []
    note = (
        "CDNOW customers (weeks: the largest frequency, recency and T, the smallest T, a frequency 0, "
        "a random sample) and synthetic extremes; horizon 39 weeks. "
        "probability_alive is conditional_probability_alive(frequency, recency, T), expected_purchases "
        "conditional_expected_number_of_purchases_up_to_time(horizon, …), "
        "expected_purchases_new_customer expected_number_of_purchases_up_to_time(t) per horizon"
    )
    for model in ("bg_nbd", "mbg_nbd", "pareto_nbd"):
        fitter, params = fitted[model]
        extra = (
            "; probability_of_purchases probability_of_n_purchases_up_to_time(t, n) per [n, t]."
            if model != "pareto_nbd"
            else "; lifetimes has no unconditional P(X(t) = n) for Pareto/NBD, so none is expected."
        )
        cases.append(
            predict_case(model, fitter, params, (ids, f, r, T), 39.0, [1.0, 10.0, 39.0, 78.0, 520.0],
                         [[0, 39.0], [1, 39.0], [2, 39.0], [5, 78.0], [0, 520.0]], note + extra)
        )
    fitter, params = fitted["bg_bb"]
    d = load_donations()
    bids = [f"f{a}r{b}n{c}" for a, b, c in zip(d["frequency"], d["recency"], d["periods"])]
    bids += ["synthetic f0 n1000", "synthetic f20 r20 n20", "synthetic f500 r900 n1000"]
    bf = list(d["frequency"]) + [0, 20, 500]
    br = list(d["recency"]) + [0, 20, 900]
    bn = list(d["periods"]) + [1000, 20, 1000]
    cases.append(
        predict_case(
            "bg_bb", fitter, params, (bids, bf, br, bn), 5, [1, 6, 11],
            [[0, 6], [3, 6], [6, 6], [0, 11], [11, 11]],
            "The donations data's 22 distinct histories (T: opportunities) and synthetic extremes; horizon 5 "
            "opportunities. probability_alive is conditional_probability_alive(0, frequency, recency, T) "
            "(alive now), expected_purchases conditional_expected_number_of_purchases_up_to_time(horizon, …); "
            "for a new customer, lifetimes' P(X(n) = x) (expected_number_of_transactions_in_first_n_periods, "
            "per customer) gives probability_of_purchases per [x, n] and expected_purchases_new_customer "
            "= sum x P(X(n) = x).",
        )
    )
    return cases


# --- spend and lifetime value --------------------------------------------------------------


def spend_cases(fitted) -> list:
    data = cdnow()
    repeat = data[data["frequency"] > 0]
    cases = []
    spend = {}
    for q_constraint in (False, True):
        g = GammaGammaFitter()
        g.fit(repeat["frequency"], repeat["monetary_value"], q_constraint=q_constraint)
        default = {k: float(g.params_[k]) for k in ("p", "q", "v")}
        # Polished as the purchase models are (`fit`); the optimum has q > 1, so the constraint
        # does not bind and both cases expect the same parameters.
        args = (repeat["frequency"].to_numpy(float), repeat["monetary_value"].to_numpy(float), np.ones(len(repeat)), 0.0)
        polished = minimize(
            lambda x: float(GammaGammaFitter._negative_log_likelihood(x, *args)),
            np.log(list(default.values())),
            method="Nelder-Mead",
            options={"xatol": 1e-11, "fatol": 1e-15, "maxiter": 200_000, "maxfev": 200_000},
        )
        params = dict(zip(("p", "q", "v"), map(float, np.exp(polished.x))))
        g.params_ = pd.Series(params)
        moved = max(abs(default[k] / params[k] - 1) for k in params)
        print(f"  gamma_gamma (q_constraint {q_constraint}): {params}; lifetimes' default is {moved:.2e} from it", file=sys.stderr)
        assert moved < FIT_TOLERANCE / 2
        spend[q_constraint] = (g, params)
        cases.append(
            {
                "name": f"fit_spend_model on CDNOW's {len(repeat):,} repeat customers"
                + (", q > 1" if q_constraint else ""),
                "op": "fit_spend_model",
                "tolerance": FIT_TOLERANCE,
                "input": {
                    "histories": {"frequency": nums(repeat["frequency"]), "monetary_value": nums(repeat["monetary_value"])},
                    "options": {"q_constraint": True} if q_constraint else {},
                },
                "expected": {"params": params},
            }
        )
    g, gparams = spend[False]
    chosen = chosen_customers(data, n=40, seed=11)
    cases.append(
        {
            "name": "expected_spend: 40 CDNOW customers, given lifetimes' Gamma-Gamma params",
            "op": "expected_spend",
            "description": "conditional_expected_average_profit(frequency, monetary_value); frequency 0 gives "
            "the population mean v p / (q - 1).",
            "tolerance": PREDICT_TOLERANCE,
            "input": {
                "model": {"model": "gamma_gamma", "params": gparams},
                "histories": {"frequency": nums(chosen["frequency"]), "monetary_value": nums(chosen["monetary_value"])},
            },
            "expected": {"expected_spend": nums(g.conditional_expected_average_profit(chosen["frequency"], chosen["monetary_value"]))},
        }
    )
    bgf, bparams = fitted["bg_nbd"]
    clv = g.customer_lifetime_value(
        bgf, chosen["frequency"], chosen["recency"], chosen["T"], chosen["monetary_value"],
        time=12, discount_rate=0.01, freq="W",
    )
    cases.append(
        {
            "name": "lifetime_value: 40 CDNOW customers, 12 months at 1% a month, histories in weeks",
            "op": "lifetime_value",
            "description": "GammaGammaFitter.customer_lifetime_value(bgf, …, time=12, discount_rate=0.01, freq='W'): "
            "for month i = 1..12, (E[purchases by 4.345 i weeks] - E[purchases by 4.345 (i - 1) weeks]) times the "
            "expected spend, discounted by 1.01^i (lifetimes' month is 4.345 weeks, 30 days, 720 hours).",
            "tolerance": PREDICT_TOLERANCE,
            "input": {
                "purchase_model": {"model": "bg_nbd", "params": bparams, "unit": "week"},
                "spend_model": {"model": "gamma_gamma", "params": gparams},
                "histories": {
                    "customer_id": [str(i) for i in chosen.index],
                    "frequency": nums(chosen["frequency"]),
                    "recency": nums(chosen["recency"]),
                    "T": nums(chosen["T"]),
                    "monetary_value": nums(chosen["monetary_value"]),
                    "unit": "week",
                },
                "options": {"months": 12, "discount_rate": 0.01},
            },
            "expected": {"clv": nums(clv)},
        }
    )
    return cases


# --- errors --------------------------------------------------------------------------------


def error_cases() -> list:
    def bad(name, histories, error, options=None):
        return {
            "name": f"fit_purchase_model refuses {name}",
            "op": "fit_purchase_model",
            "input": {"histories": histories, "options": options or {"model": "bg_nbd"}},
            "error": error,
        }

    return [
        bad(
            "recency > T",
            {"frequency": [1.0, 2.0, 0.0], "recency": [3.0, 12.0, 0.0], "T": [10.0, 11.0, 5.0]},
            {"code": "OUT_OF_RANGE", "record": "record 2", "field": "recency"},
        ),
        bad(
            "a negative frequency",
            {"frequency": [1.0, 0.0, -1.0], "recency": [3.0, 0.0, 0.0], "T": [10.0, 11.0, 5.0]},
            {"code": "OUT_OF_RANGE", "record": "record 3", "field": "frequency"},
        ),
        bad(
            "frequency > 0 with recency 0",
            {"frequency": [2.0, 1.0], "recency": [0.0, 4.0], "T": [10.0, 11.0]},
            {"code": "INVALID_RECORD", "record": "record 1", "field": "recency"},
        ),
        bad(
            "a negative T",
            {"frequency": [0.0, 0.0], "recency": [0.0, 0.0], "T": [10.0, -1.0]},
            {"code": "OUT_OF_RANGE", "record": "record 2", "field": "T"},
        ),
        bad("empty histories", {"frequency": [], "recency": [], "T": []}, {"code": "INVALID_CONFIG"}),
        bad(
            "an unknown model",
            {"frequency": [1.0, 0.0], "recency": [3.0, 0.0], "T": [10.0, 11.0]},
            {"code": "INVALID_CONFIG", "field": "model"},
            {"model": "bg_nbd2"},
        ),
    ]


def main() -> None:
    print(f"lifetimes {lifetimes.__version__}, numpy {np.__version__}, pandas {pd.__version__}", file=sys.stderr)
    cases = history_cases()
    fits, fitted = fit_cases()
    cases += fits
    cases += prediction_cases(fitted)
    cases += spend_cases(fitted)
    cases += error_cases()
    doc = {
        "description": (
            "Churn risk and lifetime value (issue 10): the reference answers of lifetimes 0.11.3, written by "
            "scripts/value-vectors.py (do not edit by hand). Histories follow summary_data_from_transaction_data / "
            "calibration_and_holdout_data: purchases grouped by period (day, Monday-to-Sunday week, calendar month, "
            "hour; a period's purchases summed), frequency = periods with a purchase after the first (all of them "
            "with include_first_purchase), recency and T from the first period's start to the last purchase's and "
            "to the observation end's, in units / unit_multiplier; monetary_value = mean over the repeat periods "
            "(all periods with include_first_purchase), 0 without one; customers in order of first appearance. "
            "The holdout counts periods with a purchase after the calibration end, its monetary_value is the mean "
            "of the holdout's single purchases (not of period sums: lifetimes' definition), its duration the "
            "periods from the calibration end's to the observation end's; customers first seen in the holdout are "
            "left out. Months: lifetimes 0.11.3 fails on current pandas with freq='M'; its own grouping is run with "
            "numpy's mean month and the durations rounded to whole calendar months. Fits: parameters within 1e-3 "
            "relative (each checked to be lifetimes' optimum: refitted from it with tol 1e-12 it moves < 1e-4); "
            "predictions within 1e-6 given the same parameters."
        ),
        "cases": cases,
    }
    text = json.dumps(doc, indent=1) + "\n"
    OUT.write_text(text)
    print(f"wrote {OUT} ({len(text):,} bytes, {len(cases)} cases)", file=sys.stderr)


if __name__ == "__main__":
    main()
