"""The voice of the customer from Python: comments as frames (pandas, with missing texts;
pyarrow; polars) or dicts, the same report from each, tidylo's weighted log odds recomputed
with pandas on a larger generated set, and typed errors."""

import math
import random

import pandas as pd
import pyarrow as pa
import pytest

import touchpoint

WORDS = {
    "negative": ["late", "broken", "rude", "refund", "waiting", "damaged"],
    "positive": ["quick", "friendly", "lovely", "helpful", "perfect", "smooth"],
}


def generated(n=600, seed=3):
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        tone = rng.choice(["negative", "positive"])
        words = rng.sample(WORDS[tone], 2) + rng.sample(WORDS["negative" if tone == "positive" else "positive"], 1) * rng.randint(0, 1)
        opener = "Terrible, awful experience:" if tone == "negative" else "Great, wonderful experience:"
        rows.append({"customer_id": f"c{i % 97}", "timestamp": 1_700_000_000_000 + i,
                     "touchpoint": rng.choice(["delivery", "support"]), "channel": rng.choice(["email", "web"]),
                     "text": f"{opener} {' '.join(words)}."})
    return rows


def tidylo(frame):
    """tidylo's bind_log_odds on a (set, term, n) frame, written with pandas."""
    frame = frame.copy()
    frame["alpha"] = frame.groupby("term")["n"].transform("sum")
    frame["y_wi"] = frame["n"] + frame["alpha"]
    frame["y_w"] = frame.groupby("term")["y_wi"].transform("sum")
    frame["n_i"] = frame.groupby("set")["y_wi"].transform("sum")
    total = frame["y_wi"].sum()
    delta = (frame["y_wi"] / (frame["n_i"] - frame["y_wi"])).map(math.log) - (frame["y_w"] / (total - frame["y_w"])).map(math.log)
    frame["z"] = delta / (1 / frame["y_wi"] + 1 / frame["y_w"]) ** 0.5
    return frame


def test_weighted_log_odds_match_a_pandas_tidylo():
    rows = generated()
    report = touchpoint.voice_of_customer(rows, terms=50, min_comments=1, detect_language=False)
    sentiment = touchpoint.sentiments([r["text"] for r in rows], detect_language=False).column("label").to_pylist()
    for group in report["by_touchpoint"]:
        counts = {}
        for r, label in zip(rows, sentiment):
            if r["touchpoint"] != group["group"]:
                continue
            s = "neg" if label == "negative" else "oth"
            for w in r["text"].lower().replace(",", " ").replace(":", " ").replace(".", " ").split():
                if w in {"terrible", "awful", "experience", "great", "wonderful"} or w in sum(WORDS.values(), []):
                    counts[(s, w)] = counts.get((s, w), 0) + 1
        frame = tidylo(pd.DataFrame([(s, w, n) for (s, w), n in counts.items()], columns=["set", "term", "n"]))
        expected = frame[(frame["set"] == "neg") & (frame["z"] > 0)].sort_values(["z", "term"], ascending=[False, True])
        got = [(t["term"], t["log_odds_weighted"]) for t in group["negative_terms"]]
        assert [t for t, _ in got] == list(expected["term"])[:50]
        for (_, z), e in zip(got, expected["z"]):
            assert math.isclose(z, e, rel_tol=1e-12)


def test_frames_give_the_same_report():
    rows = generated(120)
    rows[5]["text"] = None
    from_dicts = touchpoint.voice_of_customer(rows)
    frame = pd.DataFrame(rows)
    assert touchpoint.voice_of_customer(frame) == from_dicts
    assert touchpoint.voice_of_customer(pa.Table.from_pandas(frame, preserve_index=False)) == from_dicts
    assert from_dicts["overall"]["blank"] == 1
    polars = pytest.importorskip("polars")
    assert touchpoint.voice_of_customer(polars.from_pandas(frame)) == from_dicts


def test_typed_errors():
    ok = {"customer_id": "a", "timestamp": 0, "text": "fine"}
    with pytest.raises(touchpoint.InvalidRecordError) as e:
        touchpoint.voice_of_customer([ok, {"customer_id": "b", "timestamp": 0}])
    assert (e.value.record, e.value.field) == ("record 2", "text")
    with pytest.raises(touchpoint.OutOfRangeError) as e:
        touchpoint.voice_of_customer([dict(ok, text="slow " * (2 * 1024 * 1024))])
    assert e.value.field == "text"
    with pytest.raises(touchpoint.InvalidRecordError):
        touchpoint.voice_of_customer([dict(ok, rating=3)])
    assert touchpoint.voice_of_customer([dict(ok, rating=3)], ignore_columns=["rating"])["overall"]["comments"] == 1
    with pytest.raises(touchpoint.TouchpointError):
        touchpoint.voice_of_customer([dict(ok, text="bad \ud800 surrogate")])
    with pytest.raises(touchpoint.ConfigError):
        touchpoint.voice_of_customer([ok], terms=5000)
    with pytest.raises(touchpoint.ArgumentError):
        touchpoint.voice_of_customer("comments")


def comment_events(rows):
    """The generated comments as events: the touchpoint a kind (`review`, `ticket_opened`),
    a trait `plan` for the segment."""
    kind = {"delivery": "review", "support": "ticket_opened"}
    return [{"customer_id": r["customer_id"], "timestamp": r["timestamp"], "channel": r["channel"],
             "kind": kind[r["touchpoint"]], "text": r["text"],
             "traits": {"plan": "pro" if int(r["customer_id"][1:]) % 2 else "free"}}
            for r in rows]


def test_a_dataset_with_text_from_every_reader_gives_the_voice_of_its_comments():
    rows = generated(300)
    events = comment_events(rows)
    ds = touchpoint.Dataset.from_events(events)
    frame = pd.DataFrame([{k: v for k, v in e.items() if k != "traits"} for e in events])
    frame["plan"] = [e["traits"]["plan"] for e in events]
    from_arrow = touchpoint.Dataset.from_arrow(pa.Table.from_pandas(frame), traits=["plan"])
    csv = touchpoint.Dataset.read_csv(frame.rename(columns={"plan": "traits.plan"}).to_csv(index=False))
    options = {"segment_trait": "plan", "min_comments": 3}
    report = ds.voice_of_customer(options)
    assert from_arrow.voice_of_customer(options) == report
    assert csv.voice_of_customer(options) == report
    # The same as the comment rows with the kind as touchpoint and the plan as segment.
    # In the dataset's order (customers in order of first sight, then time), so that examples
    # of equal compound scores are picked alike.
    comments = sorted((dict(r, touchpoint=e["kind"], segment=e["traits"]["plan"])
                       for r, e in zip(rows, events)),
                      key=lambda c: (int(c["customer_id"][1:]), c["timestamp"]))
    by_rows = touchpoint.voice_of_customer(comments, min_comments=3)
    # Stages differ (a review is `advocate`, a ticket `own`; the rows gave none): compare the rest.
    for key in ("overall", "by_touchpoint", "by_channel", "by_segment"):
        assert report[key] == by_rows[key], key
    assert [g["group"] for g in report["by_stage"]] == ["own", "advocate"]
    assert report["overall"]["comments"] == 300


def test_text_on_events_is_checked_and_scored_as_a_pain():
    base = {"customer_id": "a", "timestamp": 0, "channel": "support", "kind": "ticket_opened"}
    with pytest.raises(touchpoint.OutOfRangeError) as e:
        touchpoint.Dataset.from_events([dict(base, text="x" * (1 << 20 | 1))])
    assert e.value.field == "text"
    with pytest.raises(touchpoint.InvalidRecordError) as e:
        touchpoint.Dataset.from_events([dict(base, text=5)])
    assert e.value.field == "text"
    with pytest.raises(touchpoint.OutOfRangeError) as e:
        touchpoint.Dataset.from_arrow(pa.table({"customer_id": ["a"], "timestamp": pa.array([0], pa.int64()),
                                                "channel": ["web"], "kind": ["review"], "comment": ["x" * (1 << 20 | 1)]}),
                                      text="comment")
    assert (e.value.field, e.value.record) == ("comment", "record 1")
    ds = touchpoint.Dataset.from_events([
        dict(base, customer_id="a", text="Nobody answered, terrible support."),
        dict(base, customer_id="b", text="Still broken, awful."),
        dict(base, customer_id="c", text="Fixed quickly, thank you!"),
    ])
    pains = ds.pain_points({"min_evidence": 3, "top": 50})["ranked"]
    negative = [(p["scope"], p["name"], round(p["value"], 2), p["evidence"]) for p in pains if p["signal"] == "negative_feedback"]
    assert ("channel", "support", 66.67, 3) in negative
    # The text survives export.
    assert ds.export("a")["events"][0]["text"] == "Nobody answered, terrible support."
