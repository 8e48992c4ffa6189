"""Python values the core cannot hold are refused with a TouchpointError naming the record
and field (or the option), never a crash, a RecursionError or a UnicodeEncodeError: values
nested too deep or containing themselves, NaN and infinities in options, integers beyond 64
bits, lone surrogates, invalid UTF-8 in Arrow columns."""

import subprocess
import sys
import textwrap

import pytest

import touchpoint
from touchpoint import Dataset


def event(**fields):
    e = {"customer_id": "c1", "timestamp": 0, "channel": "web", "kind": "click"}
    e.update(fields)
    return e


def nested(levels):
    value = {}
    for _ in range(levels - 1):
        value = {"a": value}
    return value


def circular():
    p = {"plan": "gold"}
    p["self"] = p
    return p


def refused(exc, code, record, field):
    e = exc.value
    assert (e.code, e.record, e.field) == (code, record, field), str(e)


def test_a_deep_or_circular_value_does_not_crash_the_process():
    # Run in a child process: before the fix this was a segmentation fault, which would
    # have ended the whole test run.
    script = textwrap.dedent(
        """
        import touchpoint
        from touchpoint import Dataset
        deep = {}
        for _ in range(10_000):
            deep = {"a": deep}
        cyc = {}
        cyc["self"] = cyc
        e = {"customer_id": "c1", "timestamp": 0, "channel": "web", "kind": "click"}
        ds = Dataset.from_events([e])
        for call in (
            lambda: Dataset.from_events([dict(e, properties=deep)]),
            lambda: Dataset.from_events([dict(e, traits=cyc)]),
            lambda: ds.journey_map({"start_kind": deep}),
            lambda: ds.rule_segments({"rules": cyc}),
        ):
            try:
                call()
            except touchpoint.TouchpointError as err:
                print(err.code, err.field)
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[:4] == [
        "INVALID_RECORD properties",
        "INVALID_RECORD traits",
        "INVALID_CONFIG start_kind",
        "INVALID_CONFIG rules",
    ]


@pytest.mark.parametrize("field", ["properties", "traits"])
def test_properties_and_traits_deeper_than_64_are_refused(field):
    Dataset.from_events([event(**{field: nested(64)})])
    with pytest.raises(touchpoint.InvalidRecordError) as exc:
        Dataset.from_events([event(**{field: nested(65)})])
    refused(exc, "INVALID_RECORD", "record 1", field)
    with pytest.raises(touchpoint.InvalidRecordError) as exc:
        Dataset.from_events([event(), event(**{field: circular()})])
    refused(exc, "INVALID_RECORD", "record 2", field)


def test_lenient_mode_lists_a_circular_record():
    ds = Dataset.from_events([event(properties=circular()), event(customer_id="c2")], mode="lenient")
    assert ds.summary()["customers"] == 1
    [r] = ds.rejected
    assert (r["code"], r["record"], r["field"]) == ("INVALID_RECORD", "record 1", "properties")


def test_very_wide_properties_are_accepted():
    wide = {f"k{i}": i for i in range(10_000)}
    assert Dataset.from_events([event(properties=wide)]).summary()["events"] == 1


def test_options_deep_or_circular_are_a_config_error():
    ds = Dataset.from_events([event()])
    with pytest.raises(touchpoint.ConfigError) as exc:
        ds.journey_map({"start_kind": nested(100)})
    refused(exc, "INVALID_CONFIG", None, "start_kind")
    with pytest.raises(touchpoint.ConfigError) as exc:
        ds.journey_map({"start_kind": circular()})
    refused(exc, "INVALID_CONFIG", None, "start_kind")


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), float("-inf")])
def test_nan_and_infinity_in_options_are_not_read_as_unset(bad):
    ds = Dataset.from_events([event(kind="purchase", value=5)])
    with pytest.raises(touchpoint.ConfigError) as exc:
        ds.rfm({"as_of": bad})
    refused(exc, "INVALID_CONFIG", None, "as_of")
    steps = [{"kind": "click"}, {"kind": "purchase", "within_seconds": bad}]
    with pytest.raises(touchpoint.ConfigError) as exc:
        ds.funnel({"steps": steps})
    refused(exc, "INVALID_CONFIG", None, "steps[1].within_seconds")


def test_integers_beyond_64_bits_in_options_are_a_config_error():
    ds = Dataset.from_events([event()])
    with pytest.raises(touchpoint.ConfigError) as exc:
        ds.journey_map({"path_length": 2**70})
    refused(exc, "INVALID_CONFIG", None, "path_length")


def test_numpy_numbers_in_options_are_read():
    np = pytest.importorskip("numpy")
    ds = Dataset.from_events([event()])
    assert ds.journey_map({"path_length": np.int64(3)})["distinct_paths"] == 1
    with pytest.raises(touchpoint.ConfigError) as exc:
        ds.sessions({"gap_minutes": np.float32("nan")})
    refused(exc, "INVALID_CONFIG", None, "gap_minutes")


def test_huge_answers_are_out_of_range_not_wrapped():
    for bad in [2**70, -(2**64) + 10]:
        with pytest.raises(touchpoint.OutOfRangeError) as exc:
            touchpoint.nps([9, bad])
        refused(exc, "OUT_OF_RANGE", "answer 2", "score")


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"customer_id": "x\ud800"}, "customer_id"),
        ({"properties": {"plan": "gold\udbff"}}, "properties.plan"),
    ],
)
def test_lone_surrogates_in_records_are_an_invalid_record(fields, field):
    with pytest.raises(touchpoint.InvalidRecordError) as exc:
        Dataset.from_events([event(), event(**fields)])
    refused(exc, "INVALID_RECORD", "record 2", field)
    assert "not valid Unicode" in str(exc.value)


def test_lone_surrogates_in_text_are_a_touchpoint_error_naming_the_line():
    csv = "customer_id,timestamp,channel,kind\nc1,0,web,click\nx\ud800,0,web,click\n"
    with pytest.raises(touchpoint.TouchpointError) as exc:
        Dataset.read_csv(csv)
    assert exc.value.record == "line 3"
    segment = '[{"userId":"x\ud800","timestamp":"2026-01-01T00:00:00Z","event":"e"}]'
    with pytest.raises(touchpoint.TouchpointError) as exc:
        Dataset.read_segment(segment)
    assert exc.value.record == "line 1"
    import io

    with pytest.raises(touchpoint.TouchpointError) as exc:
        Dataset.read_csv(io.StringIO(csv))
    assert exc.value.record == "line 3"


def test_lone_surrogates_in_options_and_stage_maps_are_a_config_error():
    ds = Dataset.from_events([event()])
    with pytest.raises(touchpoint.ConfigError) as exc:
        ds.cx_report({"click\ud800": "discover"})
    refused(exc, "INVALID_CONFIG", None, "stage_map")
    with pytest.raises(touchpoint.ConfigError) as exc:
        ds.cx_report({"click": "discover\ud800"})
    refused(exc, "INVALID_CONFIG", None, "stage_map.click")
    with pytest.raises(touchpoint.ConfigError) as exc:
        ds.journey_map({"start_kind": "click\ud800"})
    refused(exc, "INVALID_CONFIG", None, "start_kind")


def test_invalid_utf8_in_an_arrow_column_names_the_column_and_row():
    pa = pytest.importorskip("pyarrow")
    ids = pa.array([b"c1", b"c2", b"x\xff"], pa.binary()).view(pa.string())
    kinds = pa.array([b"click", b"click\xc3", b"click"], pa.binary()).cast(pa.string(), safe=False)
    base = {"timestamp": pa.array([0, 0, 0], pa.int64()), "channel": ["web"] * 3}
    with pytest.raises(touchpoint.InvalidRecordError) as exc:
        Dataset.from_arrow(pa.table({**base, "customer_id": ids, "kind": ["click"] * 3}))
    refused(exc, "INVALID_RECORD", "record 3", "customer_id")
    with pytest.raises(touchpoint.InvalidRecordError) as exc:
        Dataset.from_arrow(pa.table({**base, "customer_id": ["a", "b", "c"], "kind": kinds}))
    refused(exc, "INVALID_RECORD", "record 2", "kind")
    # Dictionary-encoded: the row that uses the bad entry.
    cats = pa.DictionaryArray.from_arrays(pa.array([0, 0, 1], pa.int32()), kinds.slice(0, 2))
    with pytest.raises(touchpoint.InvalidRecordError) as exc:
        Dataset.from_arrow(pa.table({**base, "customer_id": ["a", "b", "c"], "kind": cats}))
    refused(exc, "INVALID_RECORD", "record 3", "kind")
