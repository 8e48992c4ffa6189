"""Dataset.from_arrow: pyarrow, polars and pandas read in place give what from_events gives."""

from datetime import datetime, timezone

import pytest

import touchpoint
from touchpoint import Dataset

pa = pytest.importorskip("pyarrow")
pl = pytest.importorskip("polars")
pd = pytest.importorskip("pandas")

T0 = 1_772_357_400_000  # 2026-03-01T09:30:00Z in ms
HOUR = 3_600_000

# (customer, ms, channel, kind, value, survey, score): equal timestamps, aliases, mixed case,
# one-event customers, every survey metric.
ROWS = [
    ("ana", T0, "web", "page_view", None, None, None),
    ("bo", T0, "Email", "email_open", None, None, None),
    ("ana", T0 + HOUR, "web", "add_to_cart", None, None, None),
    ("ana", T0 + HOUR, "web", "Order Completed", 40.0, None, None),
    ("bo", T0 + 2 * HOUR, "email", "survey_response", None, "nps", 9.0),
    ("cy", T0 - HOUR, "store", "purchase", 12.5, None, None),
    ("ana", T0 + 3 * HOUR, "app", "survey_response", None, "nps", 3.0),
    ("cy", T0 + 5 * HOUR, "support", "survey_response", None, "csat", 4.0),
    ("dee", T0 + 7 * HOUR, "support", "survey_response", None, "ces", 6.0),
    ("bo", T0 + 8 * HOUR, "social", "review", None, None, None),
]
COLUMNS = ["customer_id", "timestamp", "channel", "kind", "value", "survey", "score"]


def events():
    out = []
    for c, t, ch, k, v, s, sc in ROWS:
        e = {"customer_id": c, "timestamp": t, "channel": ch, "kind": k}
        if v is not None:
            e["value"] = v
        if s is not None:
            e["survey"] = {"metric": s, "score": sc}
        out.append(e)
    return out


def table(ts_type=None):
    cols = {name: [r[i] for r in ROWS] for i, name in enumerate(COLUMNS)}
    ts = pa.array(cols.pop("timestamp"), pa.timestamp("ms", tz="UTC"))
    if ts_type is not None:
        ts = ts.cast(ts_type)
    t = pa.table({k: pa.array(v, pa.float64() if k in ("value", "score") else pa.string()) for k, v in cols.items()})
    return t.add_column(1, "timestamp", ts)


def expected():
    ds = Dataset.from_events(events())
    return ds.summary(), ds.cx_report()


def same(ds):
    assert (ds.summary(), ds.cx_report()) == expected()


# ---------------------------------------------------------------- the three libraries


def test_pyarrow_table_and_record_batch():
    same(Dataset.from_arrow(table()))
    same(Dataset.from_arrow(table().to_batches()[0]))


def test_polars():
    df = pl.from_arrow(table())
    assert df.schema["customer_id"] == pl.String  # exported as utf8_view
    same(Dataset.from_arrow(df))


def test_pandas():
    df = table().to_pandas()
    same(Dataset.from_arrow(df))
    # A pandas frame built by hand: object strings, NaN for "no value", naive datetimes.
    df = pd.DataFrame([dict(zip(COLUMNS, r)) for r in ROWS])
    df["timestamp"] = pd.to_datetime(df["timestamp"], unit="ms")
    same(Dataset.from_arrow(df))


def test_several_record_batches_number_rows_across_batches():
    t = table()
    chunked = pa.Table.from_batches(t.to_batches(max_chunksize=3))
    assert len(chunked.to_batches()) == 4
    same(Dataset.from_arrow(chunked))
    bad = pa.concat_tables([t, t.slice(0, 1).set_column(2, "channel", pa.array([None], pa.string()))])
    with pytest.raises(touchpoint.InvalidRecordError) as e:
        Dataset.from_arrow(pa.Table.from_batches(bad.to_batches(max_chunksize=4)))
    assert (e.value.record, e.value.field) == (f"record {len(ROWS) + 1}", "channel")


# ---------------------------------------------------------------- dictionaries / categoricals


def test_dictionary_and_categorical_columns():
    t = table()
    for name in ("customer_id", "channel", "kind", "survey"):
        i = t.schema.get_field_index(name)
        t = t.set_column(i, name, t.column(name).dictionary_encode())
    assert pa.types.is_dictionary(t.schema.field("channel").type)
    same(Dataset.from_arrow(t))

    df = pl.from_arrow(table()).with_columns(
        pl.col("customer_id", "channel", "survey").cast(pl.Categorical),
        pl.col("kind").cast(pl.Enum(sorted({r[3] for r in ROWS}))),
    )
    same(Dataset.from_arrow(df))

    pdf = table().to_pandas().astype({"customer_id": "category", "channel": "category", "kind": "category"})
    same(Dataset.from_arrow(pdf))


def test_null_in_a_dictionary_column_names_the_row():
    t = table()
    channel = pa.array(["web", None] + [r[2] for r in ROWS[2:]]).dictionary_encode()
    t = t.set_column(t.schema.get_field_index("channel"), "channel", channel)
    with pytest.raises(touchpoint.InvalidRecordError) as e:
        Dataset.from_arrow(t)
    assert (e.value.record, e.value.field) == ("record 2", "channel")


# ---------------------------------------------------------------- timestamps


@pytest.mark.parametrize(
    "ts_type",
    [
        pa.timestamp("s", tz="UTC"),
        pa.timestamp("ms"),
        pa.timestamp("us", tz="Europe/Paris"),
        pa.timestamp("ns", tz="America/New_York"),
        pa.timestamp("ns"),
        pa.int64(),
    ],
    ids=str,
)
def test_timestamp_units_and_time_zones(ts_type):
    # Every row falls on a whole second, so every unit holds the same instants.
    same(Dataset.from_arrow(table(ts_type)))


def test_sub_millisecond_parts_are_truncated_and_dates_are_midnight_utc():
    base = dict(customer_id=["a", "a"], channel=["web", "web"], kind=["click", "click"])
    ns = pa.array([T0 * 1_000_000 + 999_999, -1], pa.timestamp("ns"))
    ds = Dataset.from_arrow(pa.table({**base, "timestamp": ns}))
    assert ds.summary()["first_event"] == "1969-12-31T23:59:59.999Z"
    assert ds.summary()["last_event"] == "2026-03-01T09:30:00Z"
    dates = pa.array([datetime(2026, 3, 1).date()] * 2, pa.date32())
    assert Dataset.from_arrow(pa.table({**base, "timestamp": dates})).summary()["first_event"] == "2026-03-01T00:00:00Z"
    dates = dates.cast(pa.date64())
    assert Dataset.from_arrow(pa.table({**base, "timestamp": dates})).summary()["first_event"] == "2026-03-01T00:00:00Z"


def test_tz_aware_pandas_and_polars():
    df = pd.DataFrame([dict(zip(COLUMNS, r)) for r in ROWS])
    df["timestamp"] = pd.to_datetime(df["timestamp"], unit="ms", utc=True).dt.tz_convert("Asia/Tokyo")
    same(Dataset.from_arrow(df))
    pdf = pl.from_pandas(df).with_columns(pl.col("timestamp").dt.cast_time_unit("us"))
    same(Dataset.from_arrow(pdf))


# ---------------------------------------------------------------- bad rows


def test_null_in_a_required_column_names_the_row():
    t = table()
    cust = pa.array(["ana", "bo", None] + [r[0] for r in ROWS[3:]])
    t = t.set_column(0, "customer_id", cust)
    with pytest.raises(touchpoint.InvalidRecordError) as e:
        Dataset.from_arrow(t)
    assert (e.value.code, e.value.record, e.value.field) == ("INVALID_RECORD", "record 3", "customer_id")
    assert "is null" in str(e.value)

    ds = Dataset.from_arrow(t, mode="lenient")
    assert ds.event_count == len(ROWS) - 1
    assert [(r["record"], r["field"]) for r in ds.rejected] == [("record 3", "customer_id")]


def test_bad_rows_lenient_with_renamed_columns():
    t = table().rename_columns(["user", "at", "via", "what", "amount", "metric", "answer"])
    ts = pa.array([None] + [r[1] for r in ROWS[1:]], pa.timestamp("ms"))
    answer = pa.array([r[6] for r in ROWS[:4]] + [11.0] + [r[6] for r in ROWS[5:]])
    t = t.set_column(1, "at", ts).set_column(6, "answer", answer)
    names = dict(customer_id="user", timestamp="at", channel="via", kind="what", value="amount", survey="metric", score="answer")
    with pytest.raises(touchpoint.InvalidRecordError) as e:
        Dataset.from_arrow(t, **names)
    assert (e.value.record, e.value.field) == ("record 1", "at")
    ds = Dataset.from_arrow(t, mode="lenient", **names)
    assert [(r["code"], r["record"], r["field"]) for r in ds.rejected] == [
        ("INVALID_RECORD", "record 1", "at"),
        ("OUT_OF_RANGE", "record 5", "answer"),
    ]
    assert ds.event_count == len(ROWS) - 2


def test_nan_value_is_no_value_and_optional_columns_may_be_absent():
    t = table()
    ds = Dataset.from_arrow(t.drop_columns(["value", "survey", "score"]))
    assert ds.event_count == len(ROWS)
    assert ds.cx_report()["overall"]["nps"]["responses"] == 0
    values = pa.array([float("nan")] * len(ROWS))
    assert Dataset.from_arrow(t.set_column(4, "value", values)).event_count == len(ROWS)
    inf = pa.array([float("inf")] + [None] * (len(ROWS) - 1))
    with pytest.raises(touchpoint.InvalidRecordError) as e:
        Dataset.from_arrow(t.set_column(4, "value", inf))
    assert (e.value.record, e.value.field) == ("record 1", "value")


# ---------------------------------------------------------------- bad arguments


def test_missing_column_is_a_config_error_naming_it():
    with pytest.raises(touchpoint.ConfigError) as e:
        Dataset.from_arrow(table().drop_columns(["kind"]))
    assert e.value.field == "kind" and "no column `kind`" in str(e.value)
    with pytest.raises(touchpoint.ConfigError) as e:
        Dataset.from_arrow(table(), value="revenue")  # named explicitly: must exist
    assert e.value.field == "value"


def test_unsupported_types_and_objects_are_argument_errors():
    t = table()
    text_ts = t.set_column(1, "timestamp", pa.array([datetime.now(timezone.utc).isoformat()] * len(ROWS)))
    with pytest.raises(touchpoint.ArgumentError) as e:
        Dataset.from_arrow(text_ts)
    assert e.value.field == "timestamp" and "to_datetime" in str(e.value)
    # Integer ids are read (as their decimal text); float ids are refused with a hint.
    with pytest.raises(touchpoint.ArgumentError) as e:
        Dataset.from_arrow(t.set_column(0, "customer_id", pa.array([float(i) for i in range(len(ROWS))])))
    assert e.value.field == "customer_id" and "cast it to integers" in str(e.value)
    with pytest.raises(touchpoint.ArgumentError) as e:
        Dataset.from_arrow(events())
    assert e.value.field == "data" and "__arrow_c_stream__" in str(e.value)
    with pytest.raises(touchpoint.ArgumentError):
        Dataset.from_arrow(t, customer_id=3)
    with pytest.raises(touchpoint.ConfigError):
        Dataset.from_arrow(t, mode="sloppy")


def test_empty_table():
    ds = Dataset.from_arrow(table().slice(0, 0))
    assert (ds.customer_count, ds.event_count) == (0, 0)
