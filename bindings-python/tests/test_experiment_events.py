"""Experiments from events (`Dataset.experiment`) and from rows (`experiment_from_rows`),
against statsmodels and scipy on the per-customer values computed here with pandas."""

import json

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from scipy import stats
from statsmodels.stats.proportion import proportions_ztest

import touchpoint


def segment_export(seed=3, customers=400):
    """A Segment export: `Experiment Viewed` (GrowthBook's properties), purchases after it,
    and a purchase before it that must not count."""
    rng = np.random.default_rng(seed)
    lines, rows = [], []
    for i in range(customers):
        user = f"user-{i}"
        variant = int(rng.integers(2))
        day = int(rng.integers(1, 20))
        lines.append({"type": "track", "context": {"channel": "browser"}, "userId": user, "event": "Order Completed",
                      "timestamp": f"2026-05-{day:02d}T08:00:00Z", "properties": {"revenue": 500}})
        lines.append({"type": "track", "context": {"channel": "browser"}, "userId": user, "event": "Experiment Viewed",
                      "timestamp": f"2026-05-{day:02d}T09:00:00Z",
                      "properties": {"experiment_id": "new-checkout", "variation_id": variant}})
        orders = int(rng.poisson(0.5 + 0.3 * variant))
        revenue = 0.0
        for k in range(orders):
            value = float(rng.integers(10, 90))
            revenue += value
            lines.append({"type": "track", "context": {"channel": "browser"}, "userId": user, "event": "Order Completed",
                          "timestamp": f"2026-05-{day + 1 + k:02d}T10:00:00Z", "properties": {"revenue": value}})
        rows.append({"variant": str(variant), "converted": int(orders > 0), "revenue": revenue})
    text = "\n".join(json.dumps(line) for line in lines)
    return text, pd.DataFrame(rows)


def test_experiment_from_segment_events_matches_statsmodels_and_scipy():
    text, truth = segment_export()
    ds = touchpoint.Dataset.read_segment(text)
    r = ds.experiment({"experiment_id": "new-checkout", "metrics": [
        {"name": "converted", "measure": "converted", "kinds": ["purchase"]},
        {"name": "revenue", "measure": "sum", "kinds": ["purchase"]},
    ]})
    assert r["variants"] == ["0", "1"]
    c, t = truth[truth.variant == "0"], truth[truth.variant == "1"]
    assert r["exposed"] == [len(c), len(t)]
    conv = r["report"]["metrics"][0]["comparisons"][0]
    z, p = proportions_ztest([t.converted.sum(), c.converted.sum()], [len(t), len(c)])
    assert conv["absolute"]["statistic"] == pytest.approx(z, rel=1e-9)
    assert conv["absolute"]["p_value"] == pytest.approx(p, rel=1e-9)
    rev = r["report"]["metrics"][1]["comparisons"][0]
    welch = stats.ttest_ind(t.revenue, c.revenue, equal_var=False)
    assert rev["absolute"]["p_value"] == pytest.approx(welch.pvalue, rel=1e-9)
    assert rev["absolute"]["estimate"] == pytest.approx(t.revenue.mean() - c.revenue.mean(), rel=1e-12)
    assert "against 0" in rev["verdict"]
    # The same numbers from the rows, as a DataFrame and as a pyarrow Table.
    for rows in (truth, pa.Table.from_pandas(truth)):
        data = touchpoint.experiment_from_rows(rows, metrics={"converted": "conversion", "revenue": "mean"})
        assert data == r["data"]
        assert touchpoint.analyze_experiment(data) == r["report"]


def test_experiment_from_rows_refuses_a_missing_value_by_row():
    frame = pd.DataFrame({"variant": ["a", "b", "a"], "revenue": [1.0, None, 2.0]})
    with pytest.raises(touchpoint.InvalidRecordError, match="record 2"):
        touchpoint.experiment_from_rows(frame, metrics={"revenue": "mean"})
    with pytest.raises(touchpoint.TouchpointError, match="no column `spend`"):
        touchpoint.experiment_from_rows(frame, metrics={"spend": "mean"})


def test_experiment_reports_exclusions_and_breakdowns():
    text, _ = segment_export(customers=60)
    extra = [
        {"type": "track", "context": {"channel": "browser"}, "userId": "twice", "event": "Experiment Viewed", "timestamp": "2026-05-02T09:00:00Z",
         "properties": {"experiment_id": "new-checkout", "variation_id": 0}},
        {"type": "track", "context": {"channel": "browser"}, "userId": "twice", "event": "Experiment Viewed", "timestamp": "2026-05-03T09:00:00Z",
         "properties": {"experiment_id": "new-checkout", "variation_id": 1}},
    ]
    ds = touchpoint.Dataset.read_segment(text + "\n" + "\n".join(json.dumps(e) for e in extra))
    r = ds.experiment({"experiment_id": "new-checkout", "breakdown": "stage",
                       "metrics": [{"name": "orders", "measure": "count", "kinds": ["purchase"]}]})
    assert r["excluded"]["multiple_variants"] == 1
    # Every customer bought before exposure: the stage reached is "buy".
    assert [g["group"] for g in r["breakdown"]] == ["buy"]
    with pytest.raises(touchpoint.ConfigError, match="experiment_id"):
        ds.experiment({"experiment_id": "nope", "metrics": [{"name": "o", "measure": "count"}]})
