"""The live engine from Python (docs/guide-live.md): events fed one by one or in lists,
signals returned and handed to a callback, the sample data replayed live against the batch
analyses, snapshots, and the errors."""

import datetime as dt
from pathlib import Path

import pytest

import touchpoint

SAMPLE = Path(__file__).resolve().parent.parent.parent / "data" / "sample-events.ndjson"


def ev(customer, when, kind, channel="web", **kw):
    return {"customer_id": customer, "timestamp": when, "channel": channel, "kind": kind, **kw}


def test_signals_are_returned_and_handed_to_the_callback_in_order():
    got = []
    engine = touchpoint.LiveEngine({"segments": [{"name": "buyers", "rule": "purchases >= 1"}]}, on_signal=got.append)
    first = engine.push(ev("ana", "2026-03-02T09:00:00Z", "page_view", id="m1"))
    more = engine.push(iter([ev("ana", dt.datetime(2026, 3, 2, 10, tzinfo=dt.timezone.utc), "purchase", value=30, id=2)]))
    assert got == first + more
    assert [s["signal"] for s in more] == ["stage_entered", "health_band_changed", "segment_entered"]
    assert more[0]["from"] == "shop" and more[0]["to"] == "buy" and more[0]["at"] == "2026-03-02T10:00:00Z"
    # A retried delivery (same customer, same id) is dropped and counted.
    assert engine.push([ev("ana", "2026-03-02T09:00:00Z", "page_view", id="m1")]) == []
    assert engine.stats["duplicates"] == 1 and engine.stats["events"] == 2 and len(engine) == 1
    # Time passing: dormant at the next Monday, at risk 30 days after the last activity.
    later = engine.advance(dt.date(2026, 4, 10))
    assert [(s["signal"], s["at"]) for s in later][:2] == [
        ("lifecycle_changed", "2026-03-09T00:00:00Z"),
        ("became_at_risk", "2026-04-01T10:00:00Z"),
    ]
    assert engine.now == "2026-04-10T00:00:00Z"
    state = engine.customer("ana")
    assert state["lifecycle_status"] == "dormant" and state["at_risk"] and state["segments"] == ["buyers"]
    assert engine.customer("nobody") is None


def test_the_sample_data_replayed_live_gives_the_batch_answers():
    ds = touchpoint.Dataset.read_segment(SAMPLE, mode="lenient")
    ids = [row["customer_id"] for row in ds.lifecycle({"per_customer": True})["per_customer"].to_pylist()]
    events = []
    for c in ids:
        # The customer's own events, identities already resolved by the reader.
        events.extend({k: v for k, v in e.items() if k != "anonymous_id"} for e in ds.export(c)["events"])
    when = lambda e: dt.datetime.fromisoformat(e["timestamp"].replace("Z", "+00:00"))
    events.sort(key=when)
    engine = touchpoint.LiveEngine({"engagement_score": {"scale": 10}})
    for i in range(0, len(events), 500):
        engine.push(events[i : i + 500])
    live = {s["customer_id"]: s for s in engine.customers()}
    again = touchpoint.Dataset.from_events(events)
    lifecycle = again.lifecycle({"per_customer": True})["per_customer"].to_pylist()
    scores = again.engagement_score({"scale": 10})["per_customer"].to_pylist()
    assert len(live) == len(lifecycle) > 100
    for row in lifecycle:
        s = live[row["customer_id"]]
        assert (s["stage"], s["phase"], s["lifecycle_status"]) == (row["stage"], row["phase"], row["status"])
    for row in scores:
        s = live[row["customer_id"]]
        assert s["engagement_score"] == row["score"] and s["health_band"] == row["band"]


def test_a_snapshot_goes_on_where_it_stopped():
    engine = touchpoint.LiveEngine()
    engine.push([ev("ana", "2026-03-02T09:00:00Z", "page_view", id="a"), ev("ben", "2026-03-03T09:00:00Z", "purchase", id="b")])
    data = engine.snapshot()
    assert isinstance(data, bytes) and data[:4] == b"TPLV"
    got = []
    back = touchpoint.LiveEngine.restore(data, on_signal=got.append)
    assert back.customers() == engine.customers() and back.stats == engine.stats
    assert back.push(ev("ana", "2026-03-02T09:00:00Z", "page_view", id="a")) == []
    assert back.advance("2026-05-01T00:00:00Z") == engine.advance("2026-05-01T00:00:00Z") == got


def test_bad_input_is_refused_by_name_and_takes_nothing():
    engine = touchpoint.LiveEngine()
    good = ev("c", "2026-03-02T09:00:00Z", "click")
    with pytest.raises(touchpoint.InvalidRecordError) as e:
        engine.push([good, {**good, "id": 1.5}])
    assert (e.value.record, e.value.field) == ("record 2", "id")
    with pytest.raises(touchpoint.InvalidRecordError) as e:
        engine.push([good, {**good, "timestamp": "soon"}])
    assert (e.value.record, e.value.field) == ("record 2", "timestamp")
    assert engine.stats["events"] == 0
    with pytest.raises(touchpoint.ConfigError) as e:
        touchpoint.LiveEngine({"engagement_score": {"scale": None}})
    assert e.value.field == "engagement_score.scale"
    with pytest.raises(touchpoint.ConfigError) as e:
        touchpoint.LiveEngine({"computed_traits": [{"name": "x", "aggregate": "count", "window_seconds": 0}]})
    assert e.value.field == "computed_traits.x.window_seconds"
    data = engine.snapshot()
    with pytest.raises(touchpoint.ParseError, match="truncated"):
        touchpoint.LiveEngine.restore(data[:-2])
    with pytest.raises(touchpoint.ParseError, match="version 9, written by a later touchpoint"):
        touchpoint.LiveEngine.restore(data[:4] + bytes([9, 0, 0, 0]) + data[8:])
    with pytest.raises(touchpoint.ArgumentError):
        engine.advance([1, 2])
    with pytest.raises(touchpoint.ArgumentError):
        engine.push("not events")
    # A callback that raises stops the delivery with its exception; the events are taken.
    def boom(_signal):
        raise RuntimeError("boom")
    failing = touchpoint.LiveEngine(on_signal=boom)
    with pytest.raises(RuntimeError, match="boom"):
        failing.push(good)
    assert failing.stats["events"] == 1


# ---------------------------------------------------------------- the durable store

WRITER = r"""
import sys, touchpoint
path, start, total = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
engine = touchpoint.LiveEngine.open(path)
for i in range(start, total, 5):
    engine.push([
        {"id": f"m{n}", "customer_id": f"c{n % 50}", "timestamp": 1772323200000 + n * 60000,
         "channel": "web", "kind": ["page_view", "purchase", "click"][n % 3]}
        for n in range(i, min(i + 5, total))
    ])
    print("ack", min(i + 5, total), flush=True)
"""


def stream(total):
    return [
        {"id": f"m{n}", "customer_id": f"c{n % 50}", "timestamp": 1772323200000 + n * 60000,
         "channel": "web", "kind": ["page_view", "purchase", "click"][n % 3]}
        for n in range(total)
    ]


def test_a_killed_writer_loses_nothing_acknowledged_and_counts_nothing_twice(tmp_path):
    import random
    import subprocess
    import sys
    import threading
    import time

    path = str(tmp_path / "live.redb")
    total = 30000
    touchpoint.LiveEngine.open(path, {"segments": [{"name": "buyers", "rule": "purchases >= 2"}]})
    acked, kills, rng = 0, 0, random.Random(7)
    for _ in range(6):
        start = max(0, acked - 15)  # a client retrying resends a little of what was stored
        child = subprocess.Popen([sys.executable, "-c", WRITER, path, str(start), str(total)],
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        seen = []
        reader = threading.Thread(target=lambda: seen.extend(line.split()[1] for line in child.stdout if line.startswith("ack")))
        reader.start()
        time.sleep(rng.uniform(0.1, 0.5))
        if child.poll() is None:
            child.kill()
            kills += 1
        child.wait()
        reader.join()
        if seen:
            acked = max(acked, int(seen[-1]))
        print(f"from {start}: acknowledged through {acked}, killed {kills}")
        if acked >= total:
            break
    assert kills >= 2
    store = touchpoint.LiveEngine.open(path)
    assert store.stats["events"] >= acked
    events = stream(total)
    store.push(events[max(0, acked - 5):])
    once = touchpoint.LiveEngine({"segments": [{"name": "buyers", "rule": "purchases >= 2"}]})
    once.push(events)
    assert store.stats["events"] == total
    assert store.customers() == once.customers()
    store.checkpoint()
    del store
    again = touchpoint.LiveEngine.open(path)
    assert again.customers() == once.customers() and again.stats["events"] == total


def test_a_store_refuses_other_options_and_files_that_are_not_stores(tmp_path):
    path = tmp_path / "s.redb"
    touchpoint.LiveEngine.open(path, {"at_risk_days": 10})
    with pytest.raises(touchpoint.ConfigError) as e:
        touchpoint.LiveEngine.open(path, {"at_risk_days": 20})
    assert e.value.field == "options"
    assert touchpoint.LiveEngine.open(path).options["at_risk_days"] == 10
    junk = tmp_path / "junk.redb"
    junk.write_bytes(b"not a store" * 100)
    with pytest.raises(touchpoint.StoreError) as e:
        touchpoint.LiveEngine.open(junk)
    assert isinstance(e.value, OSError) and e.value.code == "STORE_ERROR"
    with pytest.raises(touchpoint.ArgumentError):
        touchpoint.LiveEngine().checkpoint()
