"""Writes vectors/live.json: the live engine's shared vectors (op `live`).

Each case feeds steps to a fresh engine: `{"push": [events]}` or `{"advance": time}`, and
expects the signals of each step, then each customer's state and the engine's stats.

The expectations are written here by hand from the definitions (docs/guide-live.md,
core/src/live/), not read back from the engine. The numbers are computed in this script,
independently of the Rust code: each engagement score is
`100 × (1 − e^(−raw / scale))` with `raw = Σ weight × 2^(−age / half-life)`, and the time a
decaying score leaves its band is the first whole millisecond at which raw falls below the
band's edge, `−scale × ln(1 − min / 100)`.

Run: python scripts/live-vectors.py (no dependencies).
"""

import datetime as dt
import json
import math
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "vectors" / "live.json"
DAY = 86_400_000
HALF_LIFE = 30 * DAY
SCALE = 10.0
WEIGHT = {"page_view": 1.0, "purchase": 10.0, "survey_response": 2.0, "refund": 0.0}


def ms(text):
    return int(dt.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000)


def iso(t):
    d = dt.datetime.fromtimestamp(t / 1000, dt.timezone.utc)
    text = d.strftime("%Y-%m-%dT%H:%M:%S")
    if t % 1000:
        text += f".{t % 1000:03d}"
    return text + "Z"


def raw(events, at):
    """The raw score at `at` of (time, kind) pairs, summed in time order."""
    total = 0.0
    for t, kind in sorted(events):
        w = WEIGHT[kind]
        if t <= at and w != 0.0:
            total += w * 2.0 ** (-(at - t) / HALF_LIFE)
    return total


def score(r):
    return 100.0 * -math.expm1(-r / SCALE) if r > 0 else 0.0


def leaves_band(events, since, band_min):
    """The first whole ms after `since` at which the score is below `band_min`."""
    edge = -SCALE * math.log1p(-band_min / 100.0)
    r = raw(events, since)
    crossing = since + HALF_LIFE * math.log2(r / edge)
    return math.floor(crossing) + 1


def signal(customer, at, kind, frm, to, reason, late=False):
    return {"customer_id": customer, "at": at, "signal": kind, "from": frm, "to": to, "reason": reason, "late": late}


def month_case():
    """One customer's month: stages, bands, a phase, a segment, a detractor, a duplicate,
    dormancy and risk as time passes, and a late refund that corrects the stage."""
    ev = lambda t, ch, kind, id_, **kw: {"customer_id": "ana", "timestamp": t, "channel": ch, "kind": kind, "id": id_, **kw}
    steps = [
        {"push": [ev("2026-03-02T09:00:00Z", "web", "page_view", "m1")]},
        {"push": [ev("2026-03-02T09:10:00Z", "web", "purchase", "m2", value=40),
                  ev("2026-03-02T09:10:00Z", "web", "purchase", "m2", value=40)]},
        {"push": [ev("2026-03-04T12:00:00Z", "app", "purchase", "m3", value=25)]},
        {"push": [ev("2026-03-10T08:00:00Z", "email", "survey_response", "m4", answers={"nps": 4})]},
        {"advance": "2026-04-30T00:00:00Z"},
        {"push": [ev("2026-03-05T10:00:00Z", "web", "refund", "m5", value=-25)]},
    ]
    seen = [(ms("2026-03-02T09:00:00Z"), "page_view"), (ms("2026-03-02T09:10:00Z"), "purchase"),
            (ms("2026-03-04T12:00:00Z"), "purchase"), (ms("2026-03-10T08:00:00Z"), "survey_response")]
    # Scores at each push, for the bands: red < 40 ≤ yellow < 70 ≤ green.
    s1 = score(raw(seen[:1], seen[0][0]))
    s2 = score(raw(seen[:2], seen[1][0]))
    s3 = score(raw(seen[:3], seen[2][0]))
    s4 = score(raw(seen[:4], seen[3][0]))
    assert s1 < 40 <= s2 < 70 <= s3 and s4 >= 70, (s1, s2, s3, s4)
    to_yellow = leaves_band(seen, seen[3][0], 70.0)
    to_red = leaves_band(seen, seen[3][0], 40.0)
    end = ms("2026-04-30T00:00:00Z")
    assert to_yellow < end < to_red
    a = "ana"
    signals = [
        [signal(a, "2026-03-02T09:00:00Z", "stage_entered", None, "shop", "a page_view on web reached the shop stage"),
         signal(a, "2026-03-02T09:00:00Z", "lifecycle_changed", None, "new", "a page_view on web made the customer new"),
         signal(a, "2026-03-02T09:00:00Z", "phase_changed", None, "first_experience", "a page_view on web changed the engagement phase")],
        # The second m2 is a duplicate: no signal, counted in stats.
        [signal(a, "2026-03-02T09:10:00Z", "stage_entered", "shop", "buy", "a purchase on web reached the buy stage"),
         signal(a, "2026-03-02T09:10:00Z", "health_band_changed", "red", "yellow", "a purchase on web raised the engagement score into yellow (40 and up)")],
        # A second purchase: loyalty (two purchases), green, and the `buyers` segment.
        [signal(a, "2026-03-04T12:00:00Z", "phase_changed", "first_experience", "loyalty", "a purchase on app changed the engagement phase"),
         signal(a, "2026-03-04T12:00:00Z", "health_band_changed", "yellow", "green", "a purchase on app raised the engagement score into green (70 and up)"),
         signal(a, "2026-03-04T12:00:00Z", "segment_entered", None, "buyers", "a purchase on app made `purchases >= 2` hold")],
        # Weeks start on Monday: the week of 2026-03-09 began without activity (dormant at its
        # start), then the answer makes her returning (active the week before, now again).
        [signal(a, "2026-03-09T00:00:00Z", "lifecycle_changed", "new", "dormant", "time passing began a lifecycle period without activity after an active one"),
         signal(a, "2026-03-10T08:00:00Z", "lifecycle_changed", "dormant", "returning", "a survey_response on email made the customer returning"),
         signal(a, "2026-03-10T08:00:00Z", "detractor", None, "4", "answered 4 to the NPS question")],
        # Time passes: dormant from the next week, green ends as the score decays, at risk
        # 30 days after the last activity; red comes after the clock.
        [signal(a, "2026-03-16T00:00:00Z", "lifecycle_changed", "returning", "dormant", "time passing began a lifecycle period without activity after an active one"),
         signal(a, iso(to_yellow), "health_band_changed", "green", "yellow", "time passing lowered the engagement score into yellow (below 70)"),
         signal(a, "2026-04-09T08:00:00Z", "became_at_risk", None, "at_risk", "time passing reached the at-risk period without activity")],
        # A refund of 2026-03-05, seven weeks late: the stage moves on (refund → own), marked late.
        [signal(a, "2026-04-30T00:00:00Z", "stage_entered", "buy", "own", "a late refund on web reached the own stage", late=True)],
    ]
    final = seen + [(ms("2026-03-05T10:00:00Z"), "refund")]
    customer = {
        "customer_id": a, "events": 5, "first_seen": "2026-03-02T09:00:00Z", "last_seen": "2026-03-10T08:00:00Z",
        "stage": "own", "lifecycle_status": "dormant", "phase": "loyalty", "last_active": "2026-03-10T08:00:00Z",
        "active_days": 4, "engagement_score": score(raw(final, end)), "health_band": "yellow", "at_risk": True,
        # Sessions: 09:00 and 09:10 are one (a gap of 30 minutes at most), then three more.
        "sessions": 4, "purchases": 2, "revenue": 65.0, "last_purchase": "2026-03-04T12:00:00Z",
        "nps_last": 4, "csat_last": None, "ces_last": None, "traits": {},
        # The sum of every value: 40 + 25 − 25.
        "computed_traits": {"spend": 40.0}, "segments": ["buyers"],
    }
    return {
        "name": "a customer's month: stages, health bands, phase, segment, detractor, duplicate, dormancy and risk as time passes, a late refund",
        "op": "live",
        "input": {
            "options": {"segments": [{"name": "buyers", "rule": "purchases >= 2"}],
                        "computed_traits": [{"name": "spend", "aggregate": "sum", "of": "value"}]},
            "steps": steps,
        },
        "expected": {
            "signals": signals,
            "customers": [customer],
            "stats": {"customers": 1, "events": 5, "duplicates": 1, "late_events": 1, "out_of_order_events": 1, "unmerged_ties": 0},
        },
    }


def traits_case():
    """Computed traits over a window, an event out of order within the reorder window, and a
    segment left when its events leave the window."""
    ev = lambda t, ch, cat: {"customer_id": "bob", "timestamp": t, "channel": ch, "kind": "page_view", "properties": {"category": cat}}
    steps = [
        {"push": [ev("2026-03-01T09:00:00Z", "web", "shoes")]},
        {"push": [ev("2026-03-03T09:00:00Z", "app", "bags")]},
        # A day older than the clock, inside the two-day reorder window: not late.
        {"push": [ev("2026-03-02T09:00:00Z", "web", "bags")]},
        {"advance": "2026-03-20T00:00:00Z"},
    ]
    b = "bob"
    seen = [(ms("2026-03-01T09:00:00Z"), "page_view"), (ms("2026-03-02T09:00:00Z"), "page_view"), (ms("2026-03-03T09:00:00Z"), "page_view")]
    assert score(raw(seen, seen[-1][0])) < 40
    signals = [
        [signal(b, "2026-03-01T09:00:00Z", "stage_entered", None, "shop", "a page_view on web reached the shop stage"),
         signal(b, "2026-03-01T09:00:00Z", "lifecycle_changed", None, "new", "a page_view on web made the customer new"),
         signal(b, "2026-03-01T09:00:00Z", "phase_changed", None, "first_experience", "a page_view on web changed the engagement phase")],
        # 2026-03-01 is a Sunday: the week of Monday 03-02 begins without activity (dormant),
        # then 03-03 makes him returning; two views in the window make him `browsing`.
        [signal(b, "2026-03-02T00:00:00Z", "lifecycle_changed", "new", "dormant", "time passing began a lifecycle period without activity after an active one"),
         signal(b, "2026-03-03T09:00:00Z", "lifecycle_changed", "dormant", "returning", "a page_view on app made the customer returning"),
         signal(b, "2026-03-03T09:00:00Z", "phase_changed", "first_experience", "relationship", "a page_view on app changed the engagement phase"),
         signal(b, "2026-03-03T09:00:00Z", "segment_entered", None, "browsing", "a page_view on app made `traits.views >= 2` hold")],
        # Refolded in time order: still returning, still browsing: nothing changes.
        [],
        # Dormant from Monday 03-09; the views of 03-01 and 03-02 leave the 7-day window at
        # 03-08T09:00 and 03-09T09:00: one view left then, and the segment with it.
        [signal(b, "2026-03-09T00:00:00Z", "lifecycle_changed", "returning", "dormant", "time passing began a lifecycle period without activity after an active one"),
         signal(b, "2026-03-09T09:00:00Z", "segment_left", "browsing", None, "time passing made `traits.views >= 2` no longer hold")],
    ]
    end = ms("2026-03-20T00:00:00Z")
    customer = {
        "customer_id": b, "events": 3, "first_seen": "2026-03-01T09:00:00Z", "last_seen": "2026-03-03T09:00:00Z",
        "stage": "shop", "lifecycle_status": "dormant", "phase": "relationship", "last_active": "2026-03-03T09:00:00Z",
        "active_days": 3, "engagement_score": score(raw(seen, end)), "health_band": "red", "at_risk": False,
        "sessions": 3, "purchases": 0, "revenue": 0.0, "last_purchase": None,
        "nps_last": None, "csat_last": None, "ces_last": None, "traits": {},
        "computed_traits": {"views": 0, "favourite": "bags", "channels": ["web", "app"]},
        "segments": [],
    }
    return {
        "name": "computed traits over a window, an event out of order within the reorder window, a segment left as its events leave the window",
        "op": "live",
        "input": {
            "options": {
                "reorder_seconds": 172800,
                "computed_traits": [
                    {"name": "views", "aggregate": "count", "kinds": ["page_view"], "window_seconds": 604800},
                    {"name": "favourite", "aggregate": "most_frequent", "of": "category"},
                    {"name": "channels", "aggregate": "unique", "of": "channel"},
                ],
                "segments": [{"name": "browsing", "rule": "views >= 2"}],
            },
            "steps": steps,
        },
        "expected": {
            "signals": signals,
            "customers": [customer],
            "stats": {"customers": 1, "events": 3, "duplicates": 0, "late_events": 0, "out_of_order_events": 1, "unmerged_ties": 0},
        },
    }


def error_cases():
    good = {"customer_id": "c", "timestamp": "2026-03-02T09:00:00Z", "channel": "web", "kind": "click"}
    return [
        {"name": "error: a live score without a scale names the option", "op": "live",
         "input": {"options": {"engagement_score": {"scale": None}}, "steps": []},
         "error": {"code": "INVALID_CONFIG", "field": "engagement_score.scale"}},
        {"name": "error: a computed trait that sums nothing names its `of`", "op": "live",
         "input": {"options": {"computed_traits": [{"name": "spend", "aggregate": "sum"}]}, "steps": []},
         "error": {"code": "INVALID_CONFIG", "field": "computed_traits.spend.of"}},
        {"name": "error: an id that is neither text nor an integer names the record, and the batch is refused", "op": "live",
         "input": {"options": None, "steps": [{"push": [good, {**good, "id": 1.5}]}]},
         "error": {"code": "INVALID_RECORD", "record": "record 2", "field": "id"}},
        {"name": "error: a bad event of a batch names its record and field", "op": "live",
         "input": {"options": None, "steps": [{"push": [good, {**good, "timestamp": "soon"}]}]},
         "error": {"code": "INVALID_RECORD", "record": "record 2", "field": "timestamp"}},
    ]


def main():
    doc = {
        "description": "The live engine (core/src/live/): steps of pushes and clock advances, the signals of each, then each customer's state and the stats. Written by scripts/live-vectors.py from the definitions, with the scores and band crossings computed there.",
        "cases": [month_case(), traits_case(), *error_cases()],
    }
    OUT.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
