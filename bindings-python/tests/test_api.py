"""Idiomatic use of the Python API: exceptions, modes, argument checking, result types."""

import pickle
import threading
from datetime import datetime, timezone

import pytest

import touchpoint
from touchpoint import Dataset

SEGMENT = (
    '{"type":"identify","userId":"u1","traits":{"plan":"gold"}}\n'
    '{"type":"track","userId":"u1","event":"Order Completed","timestamp":"2026-02-01T10:00:00Z",'
    '"properties":{"channel":"web","revenue":25.5}}\n'
    '{"type":"track","userId":"u2","event":"Survey Response","timestamp":"2026-02-02T10:00:00Z",'
    '"properties":{"channel":"email","survey":"nps","score":11}}\n'
    "{bad json\n"
    '{"type":"track","userId":"u2","event":"Survey Response","timestamp":"2026-02-04T10:00:00Z",'
    '"properties":{"channel":"email","survey":"nps","score":9}}\n'
)


def event(customer="ana", kind="purchase", **extra):
    e = {"customer_id": customer, "timestamp": "2026-03-01T09:30:00Z", "channel": "web", "kind": kind}
    e.update(extra)
    return e


# ---------------------------------------------------------------- exception hierarchy


@pytest.mark.parametrize(
    "cls, code, builtin",
    [
        (touchpoint.InvalidRecordError, "INVALID_RECORD", ValueError),
        (touchpoint.OutOfRangeError, "OUT_OF_RANGE", ValueError),
        (touchpoint.ParseError, "PARSE_ERROR", ValueError),
        (touchpoint.ConfigError, "INVALID_CONFIG", ValueError),
        (touchpoint.ArgumentError, "INVALID_ARGUMENT", TypeError),
        (touchpoint.ConvergenceError, "NOT_CONVERGED", None),
        (touchpoint.StoreError, "STORE_ERROR", OSError),
        (touchpoint.InternalError, "INTERNAL", None),
    ],
)
def test_hierarchy(cls, code, builtin):
    assert issubclass(cls, touchpoint.TouchpointError)
    assert issubclass(touchpoint.TouchpointError, Exception)
    assert cls.code == code, "each class carries its code"
    assert cls.__module__ == "touchpoint"
    if builtin is not None:
        assert issubclass(cls, builtin)
    assert cls.__doc__


def test_out_of_range_is_an_invalid_record():
    assert issubclass(touchpoint.OutOfRangeError, touchpoint.InvalidRecordError)
    assert not issubclass(touchpoint.InternalError, ValueError)
    assert touchpoint.TouchpointError.code is None


def test_error_attributes():
    with pytest.raises(touchpoint.OutOfRangeError) as info:
        touchpoint.nps([10, 11])
    e = info.value
    assert (e.code, e.record, e.field) == ("OUT_OF_RANGE", "answer 2", "score")
    assert "11 is out of range" in str(e)
    assert e.args == (str(e),)


def test_catch_by_base_class_and_by_value_error():
    with pytest.raises(touchpoint.TouchpointError):
        touchpoint.csat([0])
    try:
        touchpoint.ces([8])
    except ValueError as e:  # the record errors are ValueErrors too
        assert e.code == "OUT_OF_RANGE"
    else:
        pytest.fail("no error")


def test_errors_pickle_with_their_attributes():
    with pytest.raises(touchpoint.OutOfRangeError) as info:
        touchpoint.nps([-1])
    again = pickle.loads(pickle.dumps(info.value))
    assert type(again) is touchpoint.OutOfRangeError
    assert (again.code, again.record, again.field, str(again)) == (
        "OUT_OF_RANGE", "answer 1", "score", str(info.value))


def test_user_raised_error_has_class_attributes():
    e = touchpoint.ParseError("mine")
    assert (e.code, e.record, e.field) == ("PARSE_ERROR", None, None)


# ---------------------------------------------------------------- panics


def test_panic_becomes_internal_error_and_interpreter_survives():
    for _ in range(3):
        with pytest.raises(touchpoint.InternalError) as info:
            touchpoint._panic_for_tests()
        e = info.value
        assert isinstance(e, Exception), "PanicException is a BaseException; ours is not"
        assert type(e).__name__ == "InternalError"
        assert (e.code, e.record, e.field) == ("INTERNAL", None, None)
        assert "deliberate panic" in str(e)
    assert touchpoint.nps([10])["nps"] == 100.0


# ---------------------------------------------------------------- scores: arguments


def test_answers_accept_any_iterable_of_numbers():
    expected = touchpoint.nps([10, 9, 8, 3])
    assert touchpoint.nps((10, 9, 8, 3)) == expected
    assert touchpoint.nps(x for x in [10, 9, 8, 3]) == expected
    assert touchpoint.nps([10.0, 9, 8.0, 3]) == expected
    assert touchpoint.nps(range(9, 11))["promoters"] == 2


def test_numpy_array_is_accepted():
    np = pytest.importorskip("numpy")
    assert touchpoint.nps(np.array([10, 9, 8, 3])) == touchpoint.nps([10, 9, 8, 3])
    assert touchpoint.csat(np.array([5.0, 1.0]))["csat"] == 50.0


@pytest.mark.parametrize("bad, record", [(["7", 8], "answer 1"), ([9, None], "answer 2"), ([10, True], "answer 2")])
def test_non_number_answer_is_an_argument_error(bad, record):
    with pytest.raises(touchpoint.ArgumentError) as info:
        touchpoint.nps(bad)
    e = info.value
    assert isinstance(e, TypeError)
    assert (e.code, e.record, e.field) == ("INVALID_ARGUMENT", record, "answers")


@pytest.mark.parametrize("bad", ["9, 10", b"\x09", {9: 1}, 9, None])
def test_answers_must_be_an_iterable_of_numbers(bad):
    with pytest.raises(touchpoint.ArgumentError) as info:
        touchpoint.nps(bad)
    assert info.value.record is None


def test_nan_and_fractions_are_out_of_range():
    with pytest.raises(touchpoint.OutOfRangeError):
        touchpoint.nps([float("nan")])
    with pytest.raises(touchpoint.OutOfRangeError):
        touchpoint.csat([4.5])


# ---------------------------------------------------------------- scores: results


def test_results_are_plain_dicts_with_floats_ints_and_none():
    s = touchpoint.nps([10, 0])
    assert type(s) is dict
    assert s["nps"] == 0.0 and type(s["nps"]) is float
    assert type(s["promoter_share"]) is float and type(s["responses"]) is int
    empty = touchpoint.ces([])
    assert empty["responses"] == 0
    assert empty["mean"] is None and empty["low_effort_share"] is None
    assert empty["counts"] == [0] * 7 and type(empty["counts"]) is list


def test_csat_counts_are_a_list():
    assert touchpoint.csat([5, 5, 1])["counts"] == [1, 0, 0, 0, 2]


# ---------------------------------------------------------------- datasets


def test_strict_raises_lenient_reports():
    with pytest.raises(touchpoint.OutOfRangeError) as info:
        Dataset.read_segment(SEGMENT)  # strict by default
    assert (info.value.record, info.value.field) == ("line 3", "properties.score")

    ds = Dataset.read_segment(SEGMENT, mode="lenient")
    assert [(r["code"], r["record"], r["field"]) for r in ds.rejected] == [
        ("OUT_OF_RANGE", "line 3", "properties.score"),
        ("PARSE_ERROR", "line 4", None),
    ]
    assert set(ds.rejected[0]) == {"code", "message", "record", "field"}
    assert (ds.customer_count, ds.event_count) == (2, 2)
    assert ds.cx_report()["overall"]["nps"]["promoters"] == 1


def test_mode_is_case_insensitive_and_validated():
    assert Dataset.read_segment(SEGMENT, "LENIENT").event_count == 2
    assert Dataset.from_events([event()], mode=None).event_count == 1
    with pytest.raises(touchpoint.ConfigError) as info:
        Dataset.read_csv("customer_id,timestamp,channel,kind\n", mode="relaxed")
    assert (info.value.code, info.value.field) == ("INVALID_CONFIG", "mode")
    with pytest.raises(touchpoint.ArgumentError):
        Dataset.read_csv("customer_id,timestamp,channel,kind\n", mode=True)


def test_rejected_is_empty_when_strict_and_a_fresh_list():
    ds = Dataset.from_events([event()])
    assert ds.rejected == []
    lenient = Dataset.from_events([event(), {"customer_id": "x"}], "lenient")
    lenient.rejected.clear()
    assert len(lenient.rejected) == 1
    assert lenient.rejected[0]["record"] == "record 2"


def test_from_events_accepts_any_iterable_and_epoch_millis():
    ds = Dataset.from_events(event(c, timestamp=1_772_357_400_000) for c in "abc")
    assert ds.summary() == {
        "customers": 3, "events": 3,
        "first_event": "2026-03-01T09:30:00Z", "last_event": "2026-03-01T09:30:00Z",
    }


def test_from_events_refuses_a_dict_for_a_list():
    with pytest.raises(touchpoint.ArgumentError):
        Dataset.from_events({"customer_id": "a"})  # a dict, not a list of dicts


def test_an_element_that_is_not_a_mapping_is_a_bad_record():
    with pytest.raises(touchpoint.InvalidRecordError) as info:
        Dataset.from_events([event(), 42])
    assert (info.value.record, info.value.field) == ("record 2", None)
    ds = Dataset.from_events([object(), event()], mode="lenient")
    assert ds.event_count == 1
    assert [(r["code"], r["record"]) for r in ds.rejected] == [("INVALID_RECORD", "record 1")]


def test_dataset_cannot_be_constructed_directly():
    with pytest.raises(TypeError):
        Dataset()


def test_repr():
    assert repr(Dataset.read_segment(SEGMENT, "lenient")) == "Dataset(customers=2, events=2, rejected=2)"


def test_empty_dataset_is_no_data():
    ds = Dataset.read_csv("customer_id,timestamp,channel,kind\n")
    assert ds.summary() == {"customers": 0, "events": 0, "first_event": None, "last_event": None}
    report = ds.cx_report()
    assert [s["share"] for s in report["stage_distribution"]] == [None] * 5
    assert report["overall"]["nps"]["nps"] is None


# ---------------------------------------------------------------- CX report


def test_stage_map_overrides():
    events = [event(kind="survey_response", survey={"metric": "nps", "score": 10})]
    ds = Dataset.from_events(events)
    default = ds.cx_report()
    assert default["customers_without_stage"] == 1
    assert ds.cx_report(None) == default
    moved = ds.cx_report({"survey_response": "discover"})
    assert moved["by_stage"][0]["stage"] == "discover"
    assert moved["by_stage"][0]["nps"]["promoters"] == 1
    assert [s["stage"] for s in moved["stage_distribution"]] == ["discover", "shop", "buy", "own", "advocate"]


def test_stage_map_errors():
    ds = Dataset.from_events([event()])
    with pytest.raises(touchpoint.ConfigError) as info:
        ds.cx_report({"purchase": "checkout"})
    assert info.value.field == "stage_map.purchase"
    with pytest.raises(touchpoint.ArgumentError) as info:
        ds.cx_report({"purchase": 3})
    assert info.value.field == "stage_map.purchase"
    with pytest.raises(touchpoint.ArgumentError):
        ds.cx_report(["purchase"])


def test_report_keys_are_the_core_serde_keys():
    report = Dataset.from_events([event(channel="email")]).cx_report()
    assert set(report) == {
        "dataset", "overall", "by_channel", "by_stage", "no_stage",
        "stage_distribution", "customers_without_stage",
    }
    assert list(report["by_channel"]) == ["email"]
    assert set(report["by_stage"][0]) == {"stage", "nps", "csat", "ces"}


def test_reports_from_threads_agree():
    ds = Dataset.from_events(event(f"c{i % 50}", survey={"metric": "nps", "score": i % 11}) for i in range(2000))
    expected = ds.cx_report()
    results = []
    threads = [threading.Thread(target=lambda: results.append(ds.cx_report())) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 4


# ---------------------------------------------------------------- dataset analyses

JOURNEY = [
    {"customer_id": "ana", "timestamp": "2026-03-01T09:00:00Z", "channel": "email", "kind": "email_open"},
    {"customer_id": "ana", "timestamp": "2026-03-01T09:05:00Z", "channel": "web", "kind": "page_view"},
    {"customer_id": "ana", "timestamp": "2026-03-01T09:15:00Z", "channel": "web", "kind": "purchase", "value": 30},
    {"customer_id": "ben", "timestamp": "2026-03-02T10:00:00Z", "channel": "web", "kind": "page_view"},
]

# Every analysis method, with options it needs (None: the defaults are enough).
ANALYSES = {
    "journey_map": None,
    "pain_points": None,
    "cx_pyramid": None,
    "sessions": None,
    "engagement": None,
    "lifecycle": None,
    "engagement_score": None,
    "funnel": {"steps": ["page_view", "purchase"]},
    "retention": None,
    "rfm": None,
    "engagement_tiers": None,
    "rule_segments": {"rules": [{"name": "buyers", "rule": "purchases >= 1"}]},
}


def test_analysis_options_default_to_none_and_empty_dict():
    ds = Dataset.from_events(JOURNEY)
    journey = ds.journey_map()
    assert ds.journey_map(None) == journey == ds.journey_map({}) == ds.journey_map(options={})
    assert journey["top_paths"][0] == {"path": ["email_open", "page_view", "purchase"], "customers": 1, "share": 50.0}
    assert journey["channel_switching"]["multichannel_customers"] == 1
    assert len(ds.cx_pyramid()["levels"]) == 6
    assert isinstance(ds.pain_points({"min_evidence": 1})["ranked"], list)


@pytest.mark.parametrize("method", sorted(ANALYSES))
def test_analysis_results_are_plain_dicts_and_lists(method):
    ds = Dataset.from_events(JOURNEY)
    result = getattr(ds, method)(ANALYSES[method])
    assert type(result) is dict

    def walk(value):
        assert not isinstance(value, tuple), f"{method}: a tuple in the result"
        assert not (isinstance(value, float) and value != value), f"{method}: NaN in the result"
        if isinstance(value, dict):
            assert all(type(k) is str for k in value)
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(result)
    assert getattr(Dataset, method).__doc__


def test_analysis_options_accept_any_mapping_and_tuples():
    from types import MappingProxyType

    ds = Dataset.from_events(JOURNEY)
    thresholds = (50, 60, 70, 10, 10, 30)
    a = ds.cx_pyramid(MappingProxyType({"thresholds": thresholds}))
    assert [level["threshold"] for level in a["levels"]] == list(thresholds)


def test_analysis_bad_options():
    ds = Dataset.from_events(JOURNEY)
    cases = [
        (lambda: ds.journey_map({"path_lenght": 3}), touchpoint.ConfigError, "path_lenght"),
        (lambda: ds.journey_map({"path_length": "long"}), touchpoint.ConfigError, "path_length"),
        (lambda: ds.journey_map({"path_length": 0}), touchpoint.ConfigError, "path_length"),
        (lambda: ds.pain_points({"weights": {"slowness": 2}}), touchpoint.ConfigError, "weights.slowness"),
        (lambda: ds.cx_pyramid({"thresholds": [1, 2]}), touchpoint.ConfigError, "thresholds"),
        (lambda: ds.journey_map("kind"), touchpoint.ArgumentError, "options"),
        (lambda: ds.journey_map([("node", "kind")]), touchpoint.ArgumentError, "options"),
        (lambda: ds.sessions({"inactivity_seconds": datetime.now(timezone.utc)}), touchpoint.ConfigError, "inactivity_seconds"),
        (lambda: ds.sessions({"inactivity_seconds": object()}), touchpoint.ArgumentError, "options"),
    ]
    for call, cls, field in cases:
        with pytest.raises(cls) as info:
            call()
        assert info.value.field == field, str(info.value)
        assert info.value.record is None
    with pytest.raises(TypeError):
        ds.journey_map(node="kind")  # options are one dict, not keywords


def test_analyses_from_threads_agree():
    ds = Dataset.from_events(
        {"customer_id": f"c{i % 50}", "timestamp": 1772357400000 + i * 60_000, "channel": "web", "kind": "page_view"}
        for i in range(2000)
    )
    expected = ds.journey_map()
    results = []
    threads = [threading.Thread(target=lambda: results.append(ds.journey_map())) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 4


def test_nan_and_infinite_values_are_refused_not_lost():
    good = {"customer_id": "a", "timestamp": "2026-01-01T00:00:00Z", "channel": "web", "kind": "purchase"}
    for bad in (float("nan"), float("inf"), float("-inf")):
        with pytest.raises(touchpoint.OutOfRangeError) as info:
            touchpoint.Dataset.from_events([good, {**good, "value": bad}])
        assert (info.value.code, info.value.record, info.value.field) == ("OUT_OF_RANGE", "record 2", "value")
    ds = touchpoint.Dataset.from_events([{**good, "value": float("nan")}, good], mode="lenient")
    assert ds.event_count == 1
    assert [(r["record"], r["field"]) for r in ds.rejected] == [("record 1", "value")]


def test_an_unreadable_record_is_rejected_in_lenient_mode():
    good = {"customer_id": "a", "timestamp": "2026-01-01T00:00:00Z", "channel": "web", "kind": "page_view"}
    ds = touchpoint.Dataset.from_events([good, 5, {**good, "timestamp": object()}], mode="lenient")
    assert ds.event_count == 1
    assert [r["record"] for r in ds.rejected] == ["record 2", "record 3"]
    assert ds.rejected[1]["field"] == "timestamp"
