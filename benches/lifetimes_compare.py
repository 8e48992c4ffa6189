"""touchpoint against lifetimes 0.11.3 on the same generated transactions, in one run: the
summary, the BG/NBD and Gamma-Gamma fits, scoring (probability alive and expected purchases)
and lifetime value, each step timed, the answers checked to agree, the time ratio printed per
step and in total.

    source scripts/env.sh            # the repo's .venv, with the wheel and lifetimes installed
    python benches/lifetimes_compare.py --customers 100000
    python benches/lifetimes_compare.py --customers 1000000 [--skip-lifetimes-summary]

Transactions: each customer's first purchase on a uniform day of the first 80 % of a year
(2025, UTC, a random second of the day), then BG/NBD repeat purchases (a rate per day from
Gamma(r=0.25, alpha=10), after each purchase a drop-out with probability from Beta(0.8, 2.5))
up to the year's end; values from a Gamma-Gamma spender (a mean per customer, noise per
purchase). A plain pandas frame: customer_id (int64, or text with --string-ids), timestamp
(datetime64, UTC), value (float64). Days are the unit.

Steps (lifetimes | touchpoint):
  summary   summary_data_from_transaction_data(…, monetary_value_col, freq="D")
            | touchpoint.purchase_histories(frame, unit="day")
  bg_nbd    BetaGeoFitter().fit(frequency, recency, T) | touchpoint.fit_purchase_model(histories)
  gamma     GammaGammaFitter().fit on the repeat buyers | touchpoint.fit_spend_model(repeat buyers)
  scoring   conditional_probability_alive + conditional_expected_number_of_purchases_up_to_time
            (30 days) | PurchaseModel.predict(histories, 30)
  clv       GammaGammaFitter.customer_lifetime_value(bgf, …, time=12, discount_rate=0.01,
            freq="D") | touchpoint.lifetime_value(model, spend, histories)

Checks (the script exits 1 when one fails):
  summary   every customer's frequency, recency, T and monetary_value equal (1e-9 relative)
  fits      BG/NBD and Gamma-Gamma parameters within 1e-3 relative
  scoring, clv
            touchpoint given lifetimes' parameters (PurchaseModel.from_params, SpendModel.from_json)
            against lifetimes: within 1e-6 relative (absolute below 1), every customer; and each
            with its own fitted parameters: within 1e-2 relative (absolute below 1), every customer
            (1e-3 apart in the parameters moves a prediction by about as much)

--skip-lifetimes-summary: lifetimes' summary of 1M customers takes many minutes. It then runs
on a 10 % sample of the customers (all their purchases), is checked against touchpoint's on
that sample, and its time is multiplied by 10: the output says "estimated". lifetimes' later
steps then read touchpoint's summary (checked equal on the sample).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings

import numpy as np
import pandas as pd

warnings.filterwarnings("ignore")

START = pd.Timestamp("2025-01-01")
DAYS = 365


def generate(customers: int, seed: int, string_ids: bool) -> pd.DataFrame:
    """BG/NBD purchases of `customers` customers, as a plain transactions frame."""
    rng = np.random.default_rng(seed)
    first = rng.integers(0, int(DAYS * 0.8), size=customers).astype(float)
    rate = rng.gamma(0.25, 1.0 / 10.0, size=customers)  # purchases per day
    drop = rng.beta(0.8, 2.5, size=customers)
    spend = rng.gamma(6.0, 15.0 / 6.0, size=customers) * 4  # mean spend per customer
    who = [np.arange(customers)]
    when = [first]
    t = first.copy()
    active = np.arange(customers)
    while active.size:
        t_next = t[active] + rng.exponential(1.0 / rate[active])
        alive = t_next < DAYS
        active, t_next = active[alive], t_next[alive]
        t[active] = t_next
        who.append(active)
        when.append(t_next)
        survive = rng.random(active.size) >= drop[active]
        active = active[survive]
    who = np.concatenate(who)
    days = np.concatenate(when)
    order = np.argsort(days, kind="stable")
    who, days = who[order], days[order]
    # A whole day and a random second of it (the first purchase too).
    seconds = np.floor(days).astype(np.int64) * 86_400 + rng.integers(0, 86_400, size=days.size)
    stamps = START + pd.to_timedelta(seconds, unit="s")
    values = np.round(spend[who] * rng.gamma(10.0, 0.1, size=who.size), 2)
    ids = pd.Series(who).map(lambda i: f"c{i:07d}") if string_ids else pd.Series(who, dtype=np.int64)
    return pd.DataFrame(
        {"customer_id": ids.to_numpy(), "timestamp": stamps.tz_localize("UTC"), "value": values}
    )


def by_id(table) -> pd.DataFrame:
    """A touchpoint table as a frame indexed by customer id as text (ids come back as text)."""
    out = table.to_pandas()
    out.index = out.pop("customer_id").astype(str)
    return out


def text_index(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame.index = frame.index.astype(str)
    return frame


class Timer:
    def __init__(self):
        self.steps: dict[str, dict[str, float]] = {}
        self.notes: list[str] = []

    def run(self, engine: str, step: str, fn):
        t0 = time.perf_counter()
        out = fn()
        self.steps.setdefault(step, {})[engine] = time.perf_counter() - t0
        print(f"  {engine:10} {step:8} {self.steps[step][engine]:9.3f} s", flush=True)
        return out


FAILED: list[str] = []


def check(name: str, expected, actual, rel: float) -> None:
    expected, actual = np.asarray(expected, float), np.asarray(actual, float)
    if expected.shape != actual.shape:
        FAILED.append(f"{name}: {expected.shape} vs {actual.shape}")
        print(f"  FAIL {name}: shapes {expected.shape} vs {actual.shape}")
        return
    worst = float(np.max(np.abs(expected - actual) / np.maximum(np.abs(expected), 1.0), initial=0.0))
    bad = not np.all(np.isfinite(actual)) or worst > rel
    print(f"  {'FAIL' if bad else 'ok  '} {name}: worst {worst:.2e} (limit {rel:g}) over {expected.size:,}")
    if bad:
        FAILED.append(name)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--customers", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=10)
    ap.add_argument("--string-ids", action="store_true", help="customer ids as text c0000123")
    ap.add_argument("--skip-lifetimes-summary", action="store_true",
                    help="estimate lifetimes' summary time from a 10%% sample of the customers")
    args = ap.parse_args()

    import lifetimes
    from lifetimes import BetaGeoFitter, GammaGammaFitter
    from lifetimes.utils import summary_data_from_transaction_data

    import pyarrow as pa
    import pyarrow.compute as pc
    import touchpoint

    print(f"lifetimes {lifetimes.__version__}, touchpoint {getattr(touchpoint, '__version__', '?')}, "
          f"threads {touchpoint.threads() if hasattr(touchpoint, 'threads') else '?'}")
    t0 = time.perf_counter()
    frame = generate(args.customers, args.seed, args.string_ids)
    print(f"{args.customers:,} customers, {len(frame):,} purchases (generated in {time.perf_counter() - t0:.1f} s)")
    naive = frame.assign(timestamp=frame["timestamp"].dt.tz_localize(None))  # lifetimes wants naive times
    timer = Timer()

    # --- summary ---
    ours_hist = timer.run("touchpoint", "summary", lambda: touchpoint.purchase_histories(frame, unit="day"))
    ours_frame = by_id(ours_hist)
    if args.skip_lifetimes_summary:
        rng = np.random.default_rng(args.seed + 1)
        ids = frame["customer_id"].unique()
        sample_ids = rng.choice(ids, size=max(1, len(ids) // 10), replace=False)
        sample = naive[naive["customer_id"].isin(sample_ids)]
        t0 = time.perf_counter()
        theirs_sample = summary_data_from_transaction_data(
            sample, "customer_id", "timestamp", monetary_value_col="value", freq="D",
            observation_period_end=naive["timestamp"].max(),
        )
        timer.steps["summary"]["lifetimes"] = (time.perf_counter() - t0) * len(ids) / len(sample_ids)
        timer.notes.append("lifetimes' summary time is estimated: 10 x its time on a 10% sample of the customers")
        print(f"  lifetimes  summary   {timer.steps['summary']['lifetimes']:9.3f} s (estimated from a 10% sample)")
        theirs_sample = text_index(theirs_sample)
        ours_sample = ours_frame.loc[theirs_sample.index]
        for col in ("frequency", "recency", "T", "monetary_value"):
            check(f"summary {col} (10% sample)", theirs_sample[col], ours_sample[col], 1e-9)
        theirs = ours_frame[["frequency", "recency", "T", "monetary_value"]].copy()
        timer.notes.append("lifetimes' later steps read touchpoint's summary (equal on the sample)")
    else:
        theirs = timer.run("lifetimes", "summary", lambda: summary_data_from_transaction_data(
            naive, "customer_id", "timestamp", monetary_value_col="value", freq="D"))
        theirs = text_index(theirs)
        ours_aligned = ours_frame.loc[theirs.index]
        for col in ("frequency", "recency", "T", "monetary_value"):
            check(f"summary {col}", theirs[col], ours_aligned[col], 1e-9)

    # --- fits ---
    bgf = timer.run("lifetimes", "bg_nbd", lambda: BetaGeoFitter().fit(theirs["frequency"], theirs["recency"], theirs["T"]))
    model = timer.run("touchpoint", "bg_nbd", lambda: touchpoint.fit_purchase_model(ours_hist))
    names = ["r", "alpha", "a", "b"]
    check("bg_nbd params", [bgf.params_[k] for k in names], [model.params[k] for k in names], 1e-3)
    print(f"    lifetimes  {dict(bgf.params_.round(6))}\n    touchpoint {({k: round(model.params[k], 6) for k in names})}")

    repeat = theirs[theirs["frequency"] > 0]
    ggf = timer.run("lifetimes", "gamma", lambda: GammaGammaFitter().fit(repeat["frequency"], repeat["monetary_value"]))
    ours_repeat = ours_hist.filter(pc.greater(ours_hist.column("frequency"), 0))
    spend = timer.run("touchpoint", "gamma", lambda: touchpoint.fit_spend_model(ours_repeat))
    check("gamma_gamma params", [ggf.params_[k] for k in "pqv"], [spend.params[k] for k in "pqv"], 1e-3)

    # --- scoring ---
    f, r, T, m = theirs["frequency"], theirs["recency"], theirs["T"], theirs["monetary_value"]

    def lifetimes_scoring():
        return (bgf.conditional_probability_alive(f, r, T),
                bgf.conditional_expected_number_of_purchases_up_to_time(30, f, r, T))

    alive, expected = timer.run("lifetimes", "scoring", lifetimes_scoring)
    scores = timer.run("touchpoint", "scoring", lambda: model.predict(ours_hist, 30.0))
    scores_frame = by_id(scores).loc[theirs.index]
    same = touchpoint.PurchaseModel.from_params("bg_nbd", {k: float(bgf.params_[k]) for k in names})
    same_frame = by_id(same.predict(ours_hist, 30.0)).loc[theirs.index]
    check("probability_alive, lifetimes' params", alive, same_frame["probability_alive"], 1e-6)
    check("expected_purchases, lifetimes' params", expected, same_frame["expected_purchases"], 1e-6)
    check("probability_alive, each its own fit", alive, scores_frame["probability_alive"], 1e-2)
    check("expected_purchases, each its own fit", expected, scores_frame["expected_purchases"], 1e-2)

    # --- lifetime value ---
    clv = timer.run("lifetimes", "clv", lambda: ggf.customer_lifetime_value(
        bgf, f, r, T, m, time=12, discount_rate=0.01, freq="D"))
    ours_clv = timer.run("touchpoint", "clv", lambda: touchpoint.lifetime_value(
        model, spend, ours_hist, months=12, discount_rate=0.01))
    ours_clv_frame = by_id(ours_clv).loc[theirs.index]
    spend_same = touchpoint.SpendModel.from_json(
        json.dumps({"model": "gamma_gamma", "params": {k: float(ggf.params_[k]) for k in "pqv"}}))
    same_clv = touchpoint.lifetime_value(same, spend_same, ours_hist, months=12, discount_rate=0.01)
    same_clv_frame = by_id(same_clv).loc[theirs.index]
    check("clv, lifetimes' params", clv, same_clv_frame["clv"], 1e-6)
    check("clv, each its own fit", clv, ours_clv_frame["clv"], 1e-2)

    # --- report ---
    print(f"\n{'step':10} {'lifetimes s':>12} {'touchpoint s':>13} {'ratio':>9}")
    total = {"lifetimes": 0.0, "touchpoint": 0.0}
    for step, times in timer.steps.items():
        total["lifetimes"] += times["lifetimes"]
        total["touchpoint"] += times["touchpoint"]
        print(f"{step:10} {times['lifetimes']:12.3f} {times['touchpoint']:13.4f} {times['lifetimes'] / times['touchpoint']:8.1f}x")
    print(f"{'total':10} {total['lifetimes']:12.3f} {total['touchpoint']:13.4f} {total['lifetimes'] / total['touchpoint']:8.1f}x")
    for note in timer.notes:
        print(f"note: {note}")
    if FAILED:
        print(f"\n{len(FAILED)} check(s) failed: {', '.join(FAILED)}")
        return 1
    print("\nall checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
