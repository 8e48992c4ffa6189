"""Python's time objects wherever a time goes: the `timestamp` of event dicts and the times of
analysis options. Aware times are converted to UTC, naive ones read as UTC, dates are midnight
UTC, sub-millisecond parts are floored; NaT is a missing time."""

from datetime import date, datetime, time, timedelta, timezone
from types import MappingProxyType
from zoneinfo import ZoneInfo

import pytest

import touchpoint
from touchpoint import Dataset

np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")

PLUS2 = timezone(timedelta(hours=2))


def event(when, customer="ana", kind="purchase"):
    return {"customer_id": customer, "timestamp": when, "channel": "web", "kind": kind}


def first_event(when):
    return Dataset.from_events([event(when)]).summary()["first_event"]


@pytest.mark.parametrize(
    "when, expected",
    [
        # datetime: naive is UTC; aware is converted; microseconds are floored to ms.
        (datetime(2026, 3, 1, 9, 30), "2026-03-01T09:30:00Z"),
        (datetime(2026, 3, 1, 9, 30, 0, 123999), "2026-03-01T09:30:00.123Z"),
        (datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc), "2026-03-01T09:30:00Z"),
        (datetime(2026, 3, 1, 9, 30, tzinfo=PLUS2), "2026-03-01T07:30:00Z"),
        (datetime(2026, 7, 1, 9, 30, tzinfo=ZoneInfo("Europe/Paris")), "2026-07-01T07:30:00Z"),  # summer time
        (datetime(2026, 1, 1, 9, 30, tzinfo=ZoneInfo("Europe/Paris")), "2026-01-01T08:30:00Z"),
        (datetime(1969, 12, 31, 23, 59, 59, 999500), "1969-12-31T23:59:59.999Z"),  # floored, not truncated
        (datetime(1900, 1, 1), "1900-01-01T00:00:00Z"),
        (datetime(9999, 12, 31, 23, 59, 59), "9999-12-31T23:59:59Z"),
        # date: midnight UTC.
        (date(2026, 3, 1), "2026-03-01T00:00:00Z"),
        # numpy.datetime64, any unit.
        (np.datetime64("2026-03-01T09:30:00.123456789", "ns"), "2026-03-01T09:30:00.123Z"),
        (np.datetime64("2026-03-01T09:30:00.123456", "us"), "2026-03-01T09:30:00.123Z"),
        (np.datetime64("2026-03-01T09:30:00.5", "ms"), "2026-03-01T09:30:00.500Z"),
        (np.datetime64("2026-03-01T09:30:07", "s"), "2026-03-01T09:30:07Z"),
        (np.datetime64("2026-03-01T09:30", "m"), "2026-03-01T09:30:00Z"),
        (np.datetime64("2026-03-01T09", "h"), "2026-03-01T09:00:00Z"),
        (np.datetime64("2026-03-01", "D"), "2026-03-01T00:00:00Z"),
        (np.datetime64("2026-02-26", "W"), "2026-02-26T00:00:00Z"),
        (np.datetime64("2026-03", "M"), "2026-03-01T00:00:00Z"),
        (np.datetime64("1969-11", "M"), "1969-11-01T00:00:00Z"),
        (np.datetime64("2026", "Y"), "2026-01-01T00:00:00Z"),
        (np.datetime64(177235740, "10s"), "2026-03-01T09:30:00Z"),
        (np.datetime64(-1, "ns"), "1969-12-31T23:59:59.999Z"),
        # pandas Timestamp: naive, aware, nanoseconds floored, another unit.
        (pd.Timestamp("2026-03-01 09:30"), "2026-03-01T09:30:00Z"),
        (pd.Timestamp("2026-03-01 09:30", tz="America/New_York"), "2026-03-01T14:30:00Z"),
        (pd.Timestamp("2026-03-01T09:30:00.999999999Z"), "2026-03-01T09:30:00.999Z"),
        (pd.Timestamp("2500-01-01").as_unit("s"), "2500-01-01T00:00:00Z"),
        # Text and integers are read as before.
        ("2026-03-01T11:30:00+02:00", "2026-03-01T09:30:00Z"),
        (1_772_357_400_000, "2026-03-01T09:30:00Z"),
    ],
    ids=repr,
)
def test_a_time_of_each_type_is_read_as_utc(when, expected):
    assert first_event(when) == expected


@pytest.mark.parametrize("when", [datetime(1, 1, 1), datetime(1899, 12, 31, 23, 59, 59), 2**62, 1e300, "1800-01-01"], ids=repr)
def test_a_time_before_1900_or_after_9999_is_out_of_range(when):
    with pytest.raises(touchpoint.OutOfRangeError) as info:
        Dataset.from_events([event(when)])
    assert (info.value.code, info.value.record, info.value.field) == ("OUT_OF_RANGE", "record 1", "timestamp")


def test_types_mix_in_one_list_and_agree():
    moments = [
        "2026-03-01T09:30:00Z",
        1_772_357_400_000,
        datetime(2026, 3, 1, 9, 30),
        datetime(2026, 3, 1, 11, 30, tzinfo=PLUS2),
        np.datetime64("2026-03-01T09:30"),
        pd.Timestamp("2026-03-01 09:30", tz="UTC"),
    ]
    ds = Dataset.from_events(event(t, customer=f"c{i}") for i, t in enumerate(moments))
    assert ds.summary()["first_event"] == ds.summary()["last_event"] == "2026-03-01T09:30:00Z"
    assert ds.event_count == len(moments)


def test_the_records_of_a_pandas_frame_are_read():
    frame = pd.DataFrame(
        {
            "customer_id": ["ana", "bo"],
            "timestamp": pd.to_datetime(["2026-03-01 09:30", "2026-03-02 10:00"]).tz_localize("Europe/Paris"),
            "channel": ["web", "email"],
            "kind": ["purchase", "email_open"],
        }
    )
    ds = Dataset.from_events(frame.to_dict("records"))
    assert ds.summary()["first_event"] == "2026-03-01T08:30:00Z"
    assert ds.summary()["last_event"] == "2026-03-02T09:00:00Z"


def test_the_callers_dicts_are_not_changed():
    e = event(datetime(2026, 3, 1, 9, 30))
    before = dict(e)
    Dataset.from_events([e])
    assert e == before and isinstance(e["timestamp"], datetime)


def test_a_mapping_that_is_not_a_dict_is_read():
    ds = Dataset.from_events([MappingProxyType(event(date(2026, 3, 1)))])
    assert ds.summary()["first_event"] == "2026-03-01T00:00:00Z"


@pytest.mark.parametrize("nat", [pd.NaT, np.datetime64("NaT"), np.datetime64("NaT", "ns")], ids=repr)
def test_nat_is_a_missing_timestamp_naming_the_record(nat):
    events = [event("2026-03-01"), event(nat, customer="bo"), event(date(2026, 3, 2), customer="cy")]
    with pytest.raises(touchpoint.InvalidRecordError) as info:
        Dataset.from_events(events)
    e = info.value
    assert (e.code, e.record, e.field) == ("INVALID_RECORD", "record 2", "timestamp")
    assert "NaT" in str(e)
    ds = Dataset.from_events(events, mode="lenient")
    assert (ds.customer_count, ds.event_count) == (2, 2)
    assert [(r["code"], r["record"], r["field"]) for r in ds.rejected] == [("INVALID_RECORD", "record 2", "timestamp")]


@pytest.mark.parametrize(
    "when",
    [np.datetime64(10**17, "D"), np.datetime64(-(10**15), "h"), np.datetime64(300_000, "Y")],
    ids=repr,
)
def test_a_time_out_of_range_is_out_of_range_naming_the_record(when):
    events = [event("2026-03-01"), event(when)]
    with pytest.raises(touchpoint.OutOfRangeError) as info:
        Dataset.from_events(events)
    assert (info.value.code, info.value.record, info.value.field) == ("OUT_OF_RANGE", "record 2", "timestamp")
    ds = Dataset.from_events(events, mode="lenient")
    assert ds.event_count == 1
    assert [(r["code"], r["record"]) for r in ds.rejected] == [("OUT_OF_RANGE", "record 2")]


def test_a_time_of_day_is_not_a_time():
    with pytest.raises(touchpoint.InvalidRecordError) as info:
        Dataset.from_events([event(time(9, 30))])
    assert (info.value.record, info.value.field) == ("record 1", "timestamp")


# ------------------------------------------------------------------ options

PURCHASES = Dataset.from_events(
    [
        {"customer_id": "ana", "timestamp": "2026-01-01T12:00:00Z", "channel": "web", "kind": "purchase", "value": 10.0},
        {"customer_id": "bo", "timestamp": "2026-02-01T12:00:00Z", "channel": "web", "kind": "purchase", "value": 30.0},
    ]
)
AS_OF = "2026-03-01T00:00:00Z"
SAME_MOMENTS = [
    AS_OF,
    1_772_323_200_000,
    datetime(2026, 3, 1),
    datetime(2026, 3, 1, 2, tzinfo=PLUS2),
    date(2026, 3, 1),
    np.datetime64("2026-03-01"),
    pd.Timestamp("2026-03-01", tz="UTC"),
]


@pytest.mark.parametrize("as_of", SAME_MOMENTS, ids=repr)
def test_time_options_take_every_time_type(as_of):
    assert PURCHASES.rfm({"as_of": as_of})["as_of"] == AS_OF
    assert PURCHASES.engagement_tiers({"as_of": as_of})["as_of"] == AS_OF
    assert PURCHASES.engagement_score({"as_of": as_of})["as_of"] == AS_OF
    rules = {"rules": [{"name": "lapsed", "rule": "last_seen_days_ago > 40"}], "as_of": as_of}
    assert PURCHASES.rule_segments(rules)["segments"][0]["customers"] == 1  # ana: 59 days; bo: 28
    assert PURCHASES.overview({"rfm": {"as_of": as_of}})["rfm"]["as_of"] == AS_OF


def test_a_time_option_gives_what_its_text_gives():
    by_text = PURCHASES.rfm({"as_of": AS_OF, "per_customer": True})
    by_datetime = PURCHASES.rfm({"as_of": datetime(2026, 3, 1), "per_customer": True})
    assert by_text["per_customer"].equals(by_datetime["per_customer"])
    assert {k: v for k, v in by_text.items() if k != "per_customer"} == {
        k: v for k, v in by_datetime.items() if k != "per_customer"
    }


@pytest.mark.parametrize(
    "options, field",
    [
        ({"as_of": pd.NaT}, "as_of"),
        ({"as_of": np.datetime64("NaT")}, "as_of"),
        ({"as_of": np.datetime64(10**17, "D")}, "as_of"),
        ({"rfm": {"as_of": pd.NaT}}, "rfm.as_of"),
    ],
    ids=repr,
)
def test_a_missing_or_out_of_range_time_option_is_a_config_error_naming_it(options, field):
    run = PURCHASES.overview if "rfm" in options else PURCHASES.rfm
    with pytest.raises(touchpoint.ConfigError) as info:
        run(options)
    assert (info.value.code, info.value.field) == ("INVALID_CONFIG", field)


def test_a_time_where_no_time_goes_is_named():
    with pytest.raises(touchpoint.ConfigError) as info:
        PURCHASES.sessions({"inactivity_seconds": datetime(2026, 3, 1)})
    assert info.value.field == "inactivity_seconds"
    assert "2026-03-01T00:00:00Z" in str(info.value)
