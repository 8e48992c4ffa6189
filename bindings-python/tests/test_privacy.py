"""Privacy: forget, export and pseudonyms from Python."""

import hashlib
import hmac
import json
import threading

import pytest

import touchpoint

EVENTS = [
    {"anonymous_id": "zq-anon", "timestamp": "2026-03-01T09:00:00Z", "channel": "web", "kind": "page_view"},
    {"customer_id": "zq-ana", "anonymous_id": "zq-anon", "timestamp": "2026-03-01T09:05:00Z", "channel": "web",
     "kind": "sign_up", "traits": {"email": "zq@example.com"}},
    {"customer_id": "zq-ana", "timestamp": "2026-03-02T10:00:00Z", "channel": "store", "kind": "purchase",
     "value": 40.0, "properties": {"coupon": "zq-coupon"}},
    {"customer_id": "ben", "timestamp": "2026-03-03T10:00:00Z", "channel": "web", "kind": "purchase", "value": 25.0},
]


def reports(ds):
    return json.dumps([ds.overview(), ds.rfm(), ds.sessions(), ds.lifecycle(), ds.engagement_score()], default=str)


def test_forget_by_an_anonymous_id_leaves_no_trace_and_equals_a_read_without_it():
    ds = touchpoint.Dataset.from_events(EVENTS)
    assert "zq" in reports(ds)
    receipt = ds.forget("zq-anon")
    assert receipt == {"found": True, "customers": 1, "events": 3, "traits": 1, "ids": 2}
    assert "zq" not in reports(ds)
    without = touchpoint.Dataset.from_events(EVENTS[3:])
    assert reports(ds) == reports(without)
    assert ds.forget("zq-ana")["found"] is False
    assert ds.export("zq-ana") is None


def test_forget_takes_a_list_and_refuses_bad_ids_before_forgetting_anything():
    ds = touchpoint.Dataset.from_events(EVENTS)
    with pytest.raises(touchpoint.InvalidRecordError) as e:
        ds.forget(["ben", ""])
    assert e.value.record == "record 2" and e.value.field == "id"
    assert ds.customer_count == 2
    assert ds.forget(["ben", "zq-ana", "nobody"])["customers"] == 2
    assert ds.customer_count == 0
    with pytest.raises(touchpoint.TouchpointError) as e:
        ds.forget(42)
    assert e.value.code == "INVALID_ARGUMENT"


def test_export_re_reads():
    ds = touchpoint.Dataset.from_events(EVENTS)
    export = ds.export("zq-ana")
    assert export["customer_id"] == "zq-ana" and export["ids"] == ["zq-anon"]
    assert export["traits"] == {"email": "zq@example.com"}
    assert export["derived"]["rfm"]["monetary"] == 40.0
    again = touchpoint.Dataset.from_events(export["events"])
    assert again.event_count == 3 and again.customer_count == 1


def test_pseudonyms_are_the_stdlib_hmac_in_every_reader():
    key = b"a key of 16 bytes or more"
    want = hmac.new(key, "zq-ana".encode(), hashlib.sha256).hexdigest()
    assert touchpoint.pseudonymize(key, "zq-ana") == want
    assert touchpoint.pseudonymize(key.decode(), "zq-ana") == want
    ds = touchpoint.Dataset.from_events(EVENTS, pseudonym_key=key)
    ids = {row["customer_id"] for row in ds.rfm()["per_customer"].to_pylist()}
    assert want in ids and "zq-ana" not in ids
    assert ds.export(want)["ids"] == [hmac.new(key, b"zq-anon", hashlib.sha256).hexdigest()]
    csv = "customer_id,timestamp,channel,kind\nzq-ana,2026-03-01T09:00:00Z,web,purchase\n"
    assert touchpoint.Dataset.read_csv(csv, pseudonym_key=key).export(want)["customer_id"] == want
    seg = '{"type":"track","userId":"zq-ana","event":"Order Completed","timestamp":"2026-03-01T09:00:00Z","properties":{"channel":"web"}}\n'
    assert touchpoint.Dataset.read_segment(seg, pseudonym_key=key).export(want) is not None
    with pytest.raises(touchpoint.ConfigError):
        touchpoint.Dataset.from_events(EVENTS, pseudonym_key=b"short")
    with pytest.raises(touchpoint.ConfigError):
        touchpoint.pseudonymize(b"short", "ana")


def test_pseudonyms_from_arrow():
    pa = pytest.importorskip("pyarrow")
    key = "a key of 16 bytes or more"
    table = pa.table({"customer_id": ["zq-ana"], "timestamp": pa.array([0], pa.timestamp("ms", tz="UTC")),
                      "channel": ["web"], "kind": ["purchase"]})
    ds = touchpoint.Dataset.from_arrow(table, pseudonym_key=key)
    assert ds.export(touchpoint.pseudonymize(key, "zq-ana")) is not None
    assert ds.export("zq-ana") is None


def test_forget_while_an_analysis_runs_on_another_thread_is_refused_or_done_never_torn():
    ds = touchpoint.Dataset.from_events(EVENTS * 2000)
    results, errors = [], []

    def analyse():
        for _ in range(20):
            results.append(ds.sessions({"per_customer": True}))

    t = threading.Thread(target=analyse)
    t.start()
    for _ in range(200):
        try:
            ds.forget("nobody")
        except touchpoint.TouchpointError as e:
            errors.append(e.code)
    t.join()
    assert set(errors) <= {"INVALID_ARGUMENT"}
    assert len(results) == 20
