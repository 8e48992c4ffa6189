"""Every reader: integer customer ids, customer traits with the events, several survey
answers on one response, and identity (anonymous ids tied to customers), from dicts, CSV,
Segment and data frames (polars, pandas, pyarrow)."""

from datetime import datetime

import pytest

import touchpoint
from touchpoint import Dataset

pa = pytest.importorskip("pyarrow")
pl = pytest.importorskip("polars")
pd = pytest.importorskip("pandas")

# One survey export: a row per response, an NPS, a CSAT and a CES on the same row, the
# customer's plan at the time. Customer 101's plan changed from free to pro: its latest row
# (by time, not by position) says pro. Customer 104's last row has no plan: pro stays.
FRAME = {
    "customer_id": [101, 102, 103, 101, 104, 104],
    "timestamp": [
        datetime(2026, 3, 3, 10, 0),
        datetime(2026, 3, 1, 9, 0),
        datetime(2026, 3, 2, 12, 0),
        datetime(2026, 3, 1, 8, 0),
        datetime(2026, 3, 4, 15, 0),
        datetime(2026, 3, 1, 15, 0),
    ],
    "channel": ["email", "web", "app", "web", "store", "web"],
    "kind": ["survey_response", "survey_response", "survey_response", "purchase", "survey_response", "page_view"],
    "plan": ["pro", "free", "pro", "free", None, "pro"],
    "nps": [9, 6, 10, None, 8, None],
    "csat": [5, 2, None, None, 4, None],
    "ces": [6, 3, 7, None, None, None],
}
PRO = {"rules": [{"name": "pro", "rule": 'plan == "pro"'}, {"name": "free", "rule": 'traits.plan == "free"'}], "include_members": True}


def check_survey_export(ds):
    assert (ds.customer_count, ds.event_count) == (4, 6)
    report = ds.cx_report()
    overall = report["overall"]
    # NPS 9, 6, 10, 8: two promoters, one passive, one detractor → (2 − 1) / 4 = 25.
    assert overall["nps"]["responses"] == 4
    assert overall["nps"]["nps"] == pytest.approx(25.0)
    # CSAT 5, 2, 4: two of three satisfied.
    assert overall["csat"]["responses"] == 3
    assert overall["csat"]["csat"] == pytest.approx(200 / 3)
    # CES 6, 3, 7.
    assert overall["ces"]["responses"] == 3
    assert overall["ces"]["mean"] == pytest.approx(16 / 3)
    assert report["by_channel"]["email"]["nps"]["promoters"] == 1
    segments = {s["name"]: s for s in ds.rule_segments(PRO)["segments"]}
    assert segments["pro"]["customers"] == 3
    assert sorted(segments["pro"]["members"]) == ["101", "103", "104"]
    assert segments["free"]["members"] == ["102"]
    # A breakdown by the trait read from the frame.
    funnel = ds.funnel({"steps": ["survey_response", "purchase"], "breakdown": {"trait": "plan"}})
    groups = {g["value"]: g["entered"] for g in funnel["breakdown"]}
    assert groups == {"pro": 3, "free": 1}


def test_must_show_a_polars_survey_export():
    df = pl.DataFrame(FRAME)
    assert df.schema["customer_id"] == pl.Int64 and df.schema["timestamp"] == pl.Datetime("us")
    check_survey_export(Dataset.from_arrow(df, traits=["plan"]))


def test_the_same_export_from_pandas_and_as_dicts():
    df = pd.DataFrame(FRAME)
    df["nps"] = df["nps"].astype("Int64")  # nullable integers: missing stays null
    check_survey_export(Dataset.from_arrow(df, traits=["plan"]))
    records = []
    for i in range(len(FRAME["customer_id"])):
        row = {k: v[i] for k, v in FRAME.items()}
        record = {k: row[k] for k in ("customer_id", "channel", "kind")}
        record["timestamp"] = row["timestamp"].isoformat() + "Z"
        record["answers"] = {m: row[m] for m in ("nps", "csat", "ces")}
        if row["plan"] is not None:
            record["traits"] = {"plan": row["plan"]}
        records.append(record)
    check_survey_export(Dataset.from_events(records))


def test_answer_and_trait_arguments_name_columns():
    df = pl.DataFrame({
        "user": [1, 2],
        "timestamp": [datetime(2026, 3, 1), datetime(2026, 3, 2)],
        "channel": ["email", "email"],
        "kind": ["survey_response", "survey_response"],
        "q_recommend": [10, 3],
        "q_buy_again": [5, 2],
        "tier": ["gold", "silver"],
        "nps": [0, 0],
    })
    ds = Dataset.from_arrow(df, customer_id="user", answers={"nps": "q_recommend", "will_buy_again": "q_buy_again"}, traits={"level": "tier"})
    assert ds.cx_report()["overall"]["nps"]["nps"] == pytest.approx(0.0)  # 10 and 3, not the `nps` column
    members = ds.rule_segments({"rules": [{"name": "gold", "rule": 'level == "gold"'}], "include_members": True})
    assert members["segments"][0]["members"] == ["1"]
    with pytest.raises(touchpoint.ConfigError) as e:
        Dataset.from_arrow(df, customer_id="user", traits=["plan"])
    assert e.value.field == "traits" and "no column `plan`" in str(e.value)
    with pytest.raises(touchpoint.ArgumentError) as e:
        Dataset.from_arrow(df, customer_id="user", answers={"loyalty": "q_recommend"})
    assert e.value.field == "answers" and "not a survey metric" in str(e.value)
    with pytest.raises(touchpoint.ArgumentError) as e:
        Dataset.from_arrow(df, customer_id="user", traits="tier")
    assert e.value.field == "traits"
    # An answer out of range names the row and the column.
    with pytest.raises(touchpoint.OutOfRangeError) as e:
        Dataset.from_arrow(df, customer_id="user", answers={"csat": "q_recommend"})
    assert (e.value.record, e.value.field) == ("record 1", "q_recommend")


@pytest.mark.parametrize("dtype", ["Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64"])
def test_integer_id_columns_of_every_width_chunked_and_with_nulls(dtype):
    ids = pa.chunked_array([pa.array([1, 2, None], type=getattr(pa, dtype.lower())()), pa.array([2, 3], type=getattr(pa, dtype.lower())())])
    t = pa.table({
        "customer_id": ids,
        "timestamp": pa.array([1_772_357_400_000 + i for i in range(5)], type=pa.timestamp("ms")),
        "channel": ["web"] * 5,
        "kind": ["click"] * 5,
    })
    ds = Dataset.from_arrow(t, mode="lenient")
    assert (ds.customer_count, ds.event_count) == (3, 4)
    assert [(r["record"], r["field"]) for r in ds.rejected] == [("record 3", "customer_id")]
    members = ds.rule_segments({"rules": [{"name": "all", "rule": "events >= 1"}], "include_members": True})
    assert members["segments"][0]["members"] == ["1", "2", "3"]
    with pytest.raises(touchpoint.InvalidRecordError):
        Dataset.from_arrow(t)


def test_integer_ids_in_dicts_segment_and_csv():
    base = {"timestamp": "2026-03-01T09:00:00Z", "channel": "web", "kind": "click"}
    ds = Dataset.from_events([{**base, "customer_id": 42}, {**base, "customer_id": "42"}, {**base, "customer_id": 2**63 + 5}])
    assert ds.customer_count == 2
    with pytest.raises(touchpoint.InvalidRecordError) as e:
        Dataset.from_events([{**base, "customer_id": 4.5}])
    assert e.value.field == "customer_id" and "not an id" in str(e.value)
    seg = '{"userId": 42, "event": "Email Opened", "timestamp": "2026-03-01T09:00:00Z", "properties": {"channel": "email"}}'
    assert Dataset.read_segment(seg).rule_segments({"rules": [{"name": "a", "rule": "events == 1"}], "include_members": True})["segments"][0]["members"] == ["42"]


def test_an_anonymous_journey_in_a_frame():
    df = pl.DataFrame({
        "customer_id": [None, None, 7, 8],
        "anonymous_id": ["v-1", "v-1", "v-1", None],
        "timestamp": [datetime(2026, 3, 1, 9), datetime(2026, 3, 1, 10), datetime(2026, 3, 1, 11), datetime(2026, 3, 1, 12)],
        "channel": ["social", "web", "web", "web"],
        "kind": ["impression", "add_to_cart", "purchase", "page_view"],
    }, schema_overrides={"customer_id": pl.Int64})
    ds = Dataset.from_arrow(df)
    assert ds.customer_count == 2
    funnel = ds.funnel({"steps": ["impression", "add_to_cart", "purchase"]})
    assert [s["customers"] for s in funnel["steps"]] == [1, 1, 1]
    stages = {s["stage"]: s["customers"] for s in ds.cx_report()["stage_distribution"]}
    assert (stages["buy"], stages["shop"]) == (1, 1)
    # A second customer on the same device: the earliest tie wins, the conflict is named.
    conflict = pl.concat([df, pl.DataFrame({"customer_id": [9], "anonymous_id": ["v-1"], "timestamp": [datetime(2026, 3, 2)], "channel": ["web"], "kind": ["click"]}, schema=df.schema)])
    lenient = Dataset.from_arrow(conflict, mode="lenient")
    assert [(r["record"], r["field"], r["code"]) for r in lenient.rejected] == [("record 5", "anonymous_id", "INVALID_RECORD")]
    assert "already tied to `7`" in lenient.rejected[0]["message"]
    with pytest.raises(touchpoint.InvalidRecordError):
        Dataset.from_arrow(conflict)


def test_csv_answers_traits_and_anonymous_ids():
    text = (
        "customer_id,anonymous_id,timestamp,channel,kind,nps,csat,traits.plan\n"
        ",v-1,2026-03-01T09:00:00Z,web,page_view,,,\n"
        "42,v-1,2026-03-01T10:00:00Z,email,survey_response,9,4,pro\n"
    )
    ds = Dataset.read_csv(text)
    assert ds.customer_count == 1
    report = ds.cx_report()
    assert (report["overall"]["nps"]["promoters"], report["overall"]["csat"]["satisfied"]) == (1, 1)
    assert ds.rule_segments(PRO)["segments"][0]["members"] == ["42"]
