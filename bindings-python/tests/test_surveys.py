"""Survey programmes from Python: frames in (pandas, polars, pyarrow; wide and long), the
engagement index against a pandas computation, margins and wave tests against scipy and
statsmodels on random waves, typed errors."""

import math

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from scipy import stats
from statsmodels.stats import proportion as sm_proportion

import touchpoint

ENGAGEMENT = ["csat", "will_buy_again", "nps", "delivers_promise", "fair_solution"]
SCALES = {"csat": (1, 5), "will_buy_again": (1, 5), "nps": (0, 10), "delivers_promise": (1, 5),
          "fair_solution": (1, 5)}


def random_wave(seed, n=400, skip=0.1):
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({
        "customer_id": rng.integers(0, n // 2, n).astype(str),
        "timestamp": pd.Timestamp("2026-03-01", tz="UTC") + pd.to_timedelta(rng.integers(0, 60, n), unit="D"),
        "channel": rng.choice(["email", "sms", "in_app"], n),
    })
    for q, (lo, hi) in SCALES.items():
        answers = rng.integers(lo, hi + 1, n).astype(float)
        answers[rng.random(n) < skip] = np.nan
        frame[q] = answers
    return frame


def test_engagement_index_matches_pandas():
    frame = random_wave(1)
    report = touchpoint.score_survey("engagement", frame, period="month")
    on_hundred = pd.DataFrame({q: 100 * (frame[q] - lo) / (hi - lo) for q, (lo, hi) in SCALES.items()})
    complete = on_hundred.dropna()
    per_response = complete.mean(axis=1)
    per_customer = per_response.groupby(frame.loc[complete.index, "customer_id"]).mean().sort_index()
    index = report["engagement_index"]
    table = index["per_customer"]
    assert table.column_names == ["customer_id", "index", "responses"]
    assert table.column("customer_id").to_pylist() == list(per_customer.index)
    assert np.allclose(table.column("index").to_pylist(), per_customer.values, rtol=0, atol=1e-9)
    assert math.isclose(index["index"], per_customer.mean(), abs_tol=1e-9)
    assert math.isclose(index["std_dev"], per_customer.std(ddof=1), abs_tol=1e-9)
    half = stats.t.ppf(0.975, len(per_customer) - 1) * per_customer.std(ddof=1) / math.sqrt(len(per_customer))
    assert math.isclose(index["margin_of_error"], half, abs_tol=1e-9)
    assert index["complete_responses"] == len(complete)
    assert index["incomplete_responses"] == len(frame) - len(complete)
    means = on_hundred.mean()
    assert index["weakest_question"] == means.idxmin()
    for b in index["by_question"]:
        assert math.isclose(b["score"], means[b["question"]], abs_tol=1e-9)
    # Months: March and April (60 days from March 1).
    assert [g["group"] for g in report["by_period"]] == ["2026-03-01", "2026-04-01"]
    assert sum(g["responses"] for g in report["by_channel"]) == len(frame)


def test_ratings_and_nps_match_scipy():
    frame = random_wave(2, n=300)
    report = touchpoint.score_survey("engagement", frame)
    by_q = {q["question"]: q for q in report["overall"]["questions"]}
    for q in ["csat", "will_buy_again", "delivers_promise", "fair_solution"]:
        x = frame[q].dropna()
        r = by_q[q]["rating"]
        assert by_q[q]["responses"] == len(x) and by_q[q]["skipped"] == len(frame) - len(x)
        assert math.isclose(r["mean"], x.mean(), abs_tol=1e-12)
        lo, hi = stats.t.interval(0.95, len(x) - 1, loc=x.mean(), scale=stats.sem(x))
        assert math.isclose(r["margin_of_error"], (hi - lo) / 2, rel_tol=1e-9)
        top = (x >= 4).mean()
        assert math.isclose(r["top_box_share"], 100 * top, abs_tol=1e-9)
        assert math.isclose(r["top_box_margin"], 100 * stats.norm.ppf(0.975) * math.sqrt(top * (1 - top) / len(x)), rel_tol=1e-9)
    x = frame["nps"].dropna()
    assert math.isclose(by_q["nps"]["nps"]["nps"], 100 * ((x >= 9).mean() - (x <= 6).mean()), abs_tol=1e-9)


def test_two_waves_match_scipy_and_statsmodels():
    a, b = random_wave(3, n=500), random_wave(4, n=450)
    b["csat"] = b["csat"].clip(lower=2)  # the later wave is happier
    ra = touchpoint.score_survey("engagement", a)
    rb = touchpoint.score_survey("engagement", b)
    changes = touchpoint.compare_survey_waves(ra, rb, alpha=0.05)["changes"]
    got = {(c["question"], c["measure"]): c for c in changes}
    x, y = a["csat"].dropna(), b["csat"].dropna()
    welch = stats.ttest_ind(y, x, equal_var=False)
    assert math.isclose(got[("csat", "mean")]["p_value"], welch.pvalue, rel_tol=1e-7)
    k0, k1 = int((x >= 4).sum()), int((y >= 4).sum())
    _, p = sm_proportion.test_proportions_2indep(k1, len(y), k0, len(x), method="wald", compare="diff")
    assert math.isclose(got[("csat", "top_box_share")]["p_value"], p, rel_tol=1e-7)
    # NPS: the same numbers as nps_difference on the counts.
    def counts(s):
        s = s.dropna()
        return {"promoters": int((s >= 9).sum()), "passives": int(((s >= 7) & (s <= 8)).sum()),
                "detractors": int((s <= 6).sum())}
    d = touchpoint.nps_difference(counts(a["nps"]), counts(b["nps"]))
    assert got[("nps", "nps")]["difference"] == d["difference"]
    assert got[("nps", "nps")]["p_value"] == d["p_value"]
    # The index over customers: Welch on the per-customer tables.
    ia = ra["engagement_index"]["per_customer"].column("index").to_numpy()
    ib = rb["engagement_index"]["per_customer"].column("index").to_numpy()
    welch = stats.ttest_ind(ib, ia, equal_var=False)
    assert math.isclose(got[("engagement_index", "engagement_index")]["p_value"], welch.pvalue, rel_tol=1e-7)


def test_frames_wide_and_long_agree():
    frame = random_wave(5, n=60)
    from_pandas = touchpoint.score_survey("engagement", frame)
    from_arrow = touchpoint.score_survey("engagement", pa.Table.from_pandas(frame, preserve_index=False))
    long = frame.reset_index(names="response_id").melt(
        id_vars=["response_id", "customer_id", "timestamp", "channel"], value_vars=ENGAGEMENT,
        var_name="question", value_name="answer")
    from_long = touchpoint.score_survey("engagement", long, layout="long")
    for other in (from_arrow, from_long):
        assert other["overall"] == from_pandas["overall"]
        assert other["by_channel"] == from_pandas["by_channel"]
        assert other["engagement_index"]["per_customer"].equals(from_pandas["engagement_index"]["per_customer"])
    polars = pytest.importorskip("polars")
    from_polars = touchpoint.score_survey("engagement", polars.from_pandas(frame))
    assert from_polars["overall"] == from_pandas["overall"]


def test_invitations_from_a_frame():
    invitations = pd.DataFrame({"customer_id": ["a", "b", "c"], "channel": ["email", "email", "sms"],
                                "timestamp": pd.to_datetime(["2026-03-01"] * 3, utc=True)})
    responses = pd.DataFrame({"customer_id": ["a"], "channel": ["email"], "nps": [9],
                              "timestamp": pd.to_datetime(["2026-03-01T02:00:00"], utc=True)})
    report = touchpoint.score_survey("nps", responses, invitations=invitations)
    rate = report["overall"]["response_rate"]
    assert (rate["invitations"], rate["responded"], rate["median_seconds_to_respond"]) == (3, 1, 7200.0)
    kinds = {(w["breakdown"], w["group"], w["kind"]) for w in report["warnings"]}
    assert ("channel", "sms", "low_response_rate") in kinds


def test_typed_errors():
    row = {"customer_id": "c1", "timestamp": 0}
    with pytest.raises(touchpoint.OutOfRangeError) as e:
        touchpoint.score_survey("nps", [dict(row, nps=10), dict(row, nps=11)])
    assert (e.value.code, e.value.record, e.value.field) == ("OUT_OF_RANGE", "record 2", "nps")
    with pytest.raises(touchpoint.InvalidRecordError) as e:
        touchpoint.score_survey("nps", [dict(row, q9=1)])
    assert e.value.field == "q9"
    with pytest.raises(touchpoint.OutOfRangeError) as e:
        touchpoint.score_survey("nps", [dict(row, comment="x" * (10 * 1024 * 1024))])
    assert e.value.field == "comment"
    with pytest.raises(touchpoint.ConfigError):
        touchpoint.survey_template("loyalty")
    with pytest.raises(touchpoint.ConfigError):
        touchpoint.score_survey("nps", [], min_response_rate=2)
    with pytest.raises(touchpoint.ConfigError):
        touchpoint.score_survey("nps", [], unknown_option=1)
    with pytest.raises(touchpoint.ArgumentError):
        touchpoint.score_survey("nps", "not rows")
    with pytest.raises(touchpoint.ArgumentError):
        touchpoint.compare_survey_waves([], {})
