#!/usr/bin/env python3
"""Writes the lifetimes reference vectors of the purchase histories.

Runs lifetimes' `summary_data_from_transaction_data` and `calibration_and_holdout_data` on
small generated transaction sets and on lifetimes' own `example_transactions.csv`, and
writes inputs and outputs as JSON for the core's tests (`core/src/value/history/
lifetimes_tests.rs`):

- core/src/value/testdata/histories_lifetimes.json: the generated sets and every case;
- core/src/value/testdata/example_transactions.csv: lifetimes' example data (copied);
- core/src/value/testdata/example_transactions_summary.json: its daily summary.

Needs lifetimes 0.11.3 (with pandas and numpy): `python scripts/value-histories-vectors.py`.
Deterministic: the same files on every run with the same lifetimes and pandas.

lifetimes on pandas >= 2 refuses `freq="M"` (a month is not a fixed duration for numpy),
so months are not compared here; hours are `"h"` (pandas no longer reads `"H"`).
"""

import json
import os
import random
import shutil
import sys
import warnings

import pandas as pd

import lifetimes
import lifetimes.datasets
from lifetimes.utils import calibration_and_holdout_data, summary_data_from_transaction_data

warnings.simplefilter("ignore")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "core", "src", "value", "testdata")
# Our unit names for lifetimes' freq.
UNITS = {"h": "hour", "D": "day", "W": "week"}


def generate(seed, customers, days, start="2025-11-03"):
    """Transactions: a few customers with many purchases, several in one day or hour,
    times to the minute, values with cents (some 0)."""
    rng = random.Random(seed)
    t0 = pd.Timestamp(start)
    rows = []
    for c in range(customers):
        cid = f"c{c:03d}"
        n = 1 + (rng.randrange(12) if c % 3 == 0 else rng.randrange(3))
        at = t0 + pd.Timedelta(minutes=rng.randrange(days * 1440))
        for _ in range(n):
            rows.append((cid, at, round(rng.uniform(0, 80), 2) if rng.random() > 0.05 else 0.0))
            step = rng.choice([0, 7, 90, 1440, 1440 * 3, 1440 * 10])
            at = at + pd.Timedelta(minutes=rng.randrange(step + 1))
    rng.shuffle(rows)
    return pd.DataFrame(rows, columns=["id", "date", "value"])


def ms(ts):
    return int(pd.Timestamp(ts).value // 1_000_000)


def iso(ts):
    return pd.Timestamp(ts).strftime("%Y-%m-%dT%H:%M:%SZ")


def columns(frame, names):
    out = {"customer_id": [str(i) for i in frame.index]}
    for ours, theirs in names.items():
        out[ours] = [float(x) for x in frame[theirs]]
    return out


def summary_case(sets, name, freq, multiplier=1, include_first=False, end=None, money=True):
    df = sets[name]
    s = summary_data_from_transaction_data(
        df, "id", "date", monetary_value_col="value" if money else None,
        observation_period_end=end, freq=freq, freq_multiplier=multiplier,
        include_first_transaction=include_first,
    )
    options = {"unit": UNITS[freq], "unit_multiplier": multiplier,
               "include_first_purchase": include_first}
    if end is not None:
        options["observation_end"] = iso(end)
    names = {"frequency": "frequency", "recency": "recency", "T": "T"}
    if money:
        names["monetary_value"] = "monetary_value"
    return {"set": name, "function": "summary_data_from_transaction_data", "with_value": money,
            "options": options, "expected": columns(s, names)}


def holdout_case(sets, name, freq, calibration_end, end=None, multiplier=1, include_first=False):
    df = sets[name]
    s = calibration_and_holdout_data(
        df, "id", "date", calibration_period_end=calibration_end, observation_period_end=end,
        freq=freq, freq_multiplier=multiplier, monetary_value_col="value",
        include_first_transaction=include_first,
    )
    options = {"unit": UNITS[freq], "unit_multiplier": multiplier,
               "include_first_purchase": include_first, "calibration_end": iso(calibration_end)}
    if end is not None:
        options["observation_end"] = iso(end)
    expected = columns(s, {"frequency": "frequency_cal", "recency": "recency_cal", "T": "T_cal",
                           "monetary_value": "monetary_value_cal",
                           "holdout_frequency": "frequency_holdout",
                           "holdout_monetary_value": "monetary_value_holdout"})
    durations = set(float(x) for x in s["duration_holdout"])
    assert len(durations) == 1
    expected["holdout_duration"] = durations.pop()
    return {"set": name, "function": "calibration_and_holdout_data", "with_value": True,
            "options": options, "expected": expected}


def main():
    sets = {"small": generate(1, 40, 90), "wide": generate(2, 120, 300)}
    cases = []
    for name in sets:
        for freq in ["D", "W", "h"]:
            for include_first in [False, True]:
                cases.append(summary_case(sets, name, freq, include_first=include_first))
        cases.append(summary_case(sets, name, "D", money=False))
    small_end = pd.Timestamp("2026-01-10 13:30")
    cases += [
        summary_case(sets, "small", "D", multiplier=7),
        summary_case(sets, "small", "h", multiplier=24),
        summary_case(sets, "small", "D", end=small_end),
        summary_case(sets, "small", "W", end=small_end, include_first=True),
        summary_case(sets, "small", "h", end=small_end, multiplier=24),
        summary_case(sets, "wide", "D", multiplier=7, end="2026-05-01 00:00"),
        holdout_case(sets, "small", "D", pd.Timestamp("2025-12-20 12:00")),
        holdout_case(sets, "small", "W", pd.Timestamp("2025-12-20 12:00"), end=small_end),
        holdout_case(sets, "small", "h", pd.Timestamp("2025-12-20 12:00"), end=small_end,
                     multiplier=24, include_first=True),
        holdout_case(sets, "wide", "D", pd.Timestamp("2026-03-01"), multiplier=7),
        holdout_case(sets, "wide", "W", pd.Timestamp("2026-02-11 23:59:59")),
    ]
    transactions = {
        name: {"customer_id": list(df["id"]), "time_ms": [ms(t) for t in df["date"]],
               "value": [float(v) for v in df["value"]]}
        for name, df in sets.items()
    }
    doc = {"generator": "scripts/value-histories-vectors.py", "lifetimes": lifetimes.__version__,
           "pandas": pd.__version__, "transactions": transactions, "cases": cases}
    with open(os.path.join(OUT, "histories_lifetimes.json"), "w") as f:
        json.dump(doc, f, indent=None, separators=(",", ":"))
        f.write("\n")

    # lifetimes' example transactions (5,000 customers, daily, no values).
    src = os.path.join(os.path.dirname(lifetimes.__file__), "datasets", "example_transactions.csv")
    shutil.copyfile(src, os.path.join(OUT, "example_transactions.csv"))
    example = lifetimes.datasets.load_transaction_data()
    s = summary_data_from_transaction_data(example, "id", "date", freq="D")
    out = columns(s, {"frequency": "frequency", "recency": "recency", "T": "T"})
    with open(os.path.join(OUT, "example_transactions_summary.json"), "w") as f:
        json.dump({"generator": "scripts/value-histories-vectors.py", "options": {"unit": "day"},
                   "expected": out}, f, separators=(",", ":"))
        f.write("\n")
    print(f"{len(cases)} cases, {len(s)} example customers", file=sys.stderr)


if __name__ == "__main__":
    main()
