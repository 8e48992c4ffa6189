"""Per-customer results come back as pyarrow Tables with fixed schemas, ready for pandas and
polars; the rest of each report stays a dict."""

import pytest

from touchpoint import Dataset

pa = pytest.importorskip("pyarrow")
pl = pytest.importorskip("polars")

T0 = 1_772_357_400_000  # 2026-03-01T09:30:00Z
DAY = 86_400_000


def ev(c, t, kind, value=None):
    e = {"customer_id": c, "timestamp": t, "channel": "web", "kind": kind}
    if value is not None:
        e["value"] = value
    return e


DATA = Dataset.from_events([
    ev("ana", T0, "page_view"),
    ev("ana", T0 + DAY, "purchase", 40.0),
    ev("ana", T0 + 2 * DAY, "purchase", 10.0),
    ev("bo", T0 + DAY, "purchase", 5.0),
    ev("cy", T0 + 3 * DAY, "page_view"),
])


def test_rfm_rows_are_a_table_with_typed_columns():
    r = DATA.rfm()
    t = r["per_customer"]
    assert isinstance(t, pa.Table)
    assert t.schema.names == ["customer_id", "recency_days", "frequency", "monetary", "r", "f", "m", "rfm", "segment"]
    assert t.schema.field("frequency").type == pa.uint64()
    assert t.schema.field("r").type == pa.uint8()
    assert t.column("customer_id").to_pylist() == ["ana", "bo"]  # cy made no purchase
    assert t.column("monetary").to_pylist() == [50.0, 5.0]
    assert r["scored"] == 2 and isinstance(r["segments"], list)  # the summary stays a dict


def test_tables_convert_to_pandas_and_polars():
    t = DATA.engagement_tiers()["per_customer"]
    df = pl.from_arrow(t)
    assert df.shape == (3, 3) and df["events"].to_list() == [3, 1, 1]
    pdf = t.to_pandas()
    assert list(pdf["customer_id"]) == ["ana", "bo", "cy"]


def test_time_columns_are_utc_timestamps():
    t = DATA.lifecycle({"per_customer": True})["per_customer"]
    assert t.schema.field("first_active").type == pa.timestamp("ms", tz="UTC")
    first = t.column("first_active").to_pylist()[0]
    assert int(first.timestamp() * 1000) == T0
    assert t.column("stage").to_pylist()[0] == "buy"


def test_per_customer_off_is_none_and_empty_results_keep_their_columns():
    assert DATA.rfm({"per_customer": False})["per_customer"] is None
    empty = Dataset.from_events([ev("ana", T0, "page_view")]).rfm()["per_customer"]
    assert empty.num_rows == 0 and "segment" in empty.schema.names


def test_overview_parts_carry_their_tables():
    o = DATA.overview()
    assert isinstance(o["rfm"]["per_customer"], pa.Table)
    for part in ("sessions", "lifecycle"):
        rows = o[part]["per_customer"]
        assert rows is None or isinstance(rows, pa.Table)


def test_score_and_sessions_tables():
    s = DATA.engagement_score()["per_customer"]
    assert s.schema.names[:3] == ["customer_id", "raw", "score"]
    assert all(0 <= x <= 100 for x in s.column("score").to_pylist())
    sess = DATA.sessions({"per_customer": True})["per_customer"]
    assert sess.column("sessions").to_pylist() == [3, 1, 1]
