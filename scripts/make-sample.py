#!/usr/bin/env python3
"""Writes data/sample-events.ndjson: a small, deterministic Segment-style data set.

400 customers of a fictional shop over 12 weeks, on every channel: ad impressions, e-mail,
web and app visits, carts, purchases, support tickets, surveys (NPS, CSAT, CES), reviews,
referrals and loyalty. Re-running it gives the same file byte for byte.
"""
import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

rng = random.Random(20261122)
START = datetime(2026, 6, 1, tzinfo=timezone.utc)
OUT = Path(__file__).resolve().parent.parent / "data" / "sample-events.ndjson"


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def track(calls, user, t, event, channel, **props):
    calls.append({"type": "track", "userId": user, "event": event, "timestamp": iso(t),
                  "properties": {"channel": channel, **props}})


def customer(calls, i):
    user = f"cust-{i:04d}"
    plan = rng.choice(["free", "free", "plus", "pro"])
    calls.append({"type": "identify", "userId": user,
                  "traits": {"plan": plan, "country": rng.choice(["RO", "PL", "IT", "RU", "DE"]),
                             "age": rng.randint(18, 70)}})
    t = START + timedelta(days=rng.uniform(0, 60), hours=rng.uniform(0, 12))
    first = rng.choice(["ads", "social", "email", "web"])
    track(calls, user, t, "Ad Impression" if first in ("ads", "social") else "Email Opened", first)
    if rng.random() < 0.25:
        return  # never came back
    happy = rng.random() < 0.6 if plan != "free" else rng.random() < 0.45
    for visit in range(rng.randint(1, 4)):
        t += timedelta(hours=rng.uniform(1, 96))
        channel = rng.choice(["web", "web", "app", "email"])
        if channel == "email":
            track(calls, user, t, "Email Opened", "email")
            t += timedelta(minutes=rng.uniform(1, 20))
            track(calls, user, t, "Email Link Clicked", "email")
            channel = "web"
        for _ in range(rng.randint(1, 5)):
            t += timedelta(minutes=rng.uniform(0.5, 12))
            track(calls, user, t, "Product Viewed", channel, product=f"sku-{rng.randint(1, 30)}")
        if rng.random() < 0.55:
            t += timedelta(minutes=rng.uniform(1, 10))
            track(calls, user, t, "Product Added", channel)
    if rng.random() < 0.35:
        return  # abandoned
    orders = 1 + (rng.random() < 0.4) + (rng.random() < 0.2)
    for n in range(orders):
        t += timedelta(days=rng.uniform(0.1, 14))
        channel = rng.choice(["web", "app", "store"])
        track(calls, user, t, "Order Completed", channel, revenue=round(rng.uniform(15, 220), 2))
        if rng.random() < 0.35:
            # Self-service first: the help centre answers some questions, not all.
            t += timedelta(days=rng.uniform(0.5, 3))
            track(calls, user, t, "Help Viewed", rng.choice(["web", "app"]), article=f"faq-{rng.randint(1, 12)}")
        if rng.random() < 0.3:
            t += timedelta(days=rng.uniform(1, 5))
            track(calls, user, t, "Ticket Opened", "support", topic=rng.choice(["delivery", "billing", "defect"]))
            wait = rng.uniform(0.5, 30) if happy else rng.uniform(12, 120)
            if rng.random() < (0.9 if happy else 0.6):
                t += timedelta(hours=wait)
                track(calls, user, t, "Ticket Resolved", "support")
            t += timedelta(hours=rng.uniform(1, 24))
            track(calls, user, t, "Survey Response", "support", survey="ces",
                  score=rng.randint(5, 7) if happy else rng.randint(1, 4))
            track(calls, user, t + timedelta(minutes=1), "Survey Response", "support", survey="csat",
                  score=rng.randint(4, 5) if happy else rng.randint(1, 3))
        if n == 0 and rng.random() < 0.7:
            t += timedelta(days=rng.uniform(2, 10))
            channel = rng.choice(["email", "email", "sms", "app"])
            score = rng.choice([9, 10, 10, 8]) if happy else rng.choice([3, 5, 6, 7, 8])
            track(calls, user, t, "Survey Response", channel, survey="nps", score=score)
        if rng.random() < 0.3:
            t += timedelta(days=rng.uniform(1, 7))
            track(calls, user, t, "Loyalty Joined", "app")
    if rng.random() < 0.5:
        t += timedelta(days=rng.uniform(1, 6))
        track(calls, user, t, "Recommendation Viewed", rng.choice(["web", "app", "email"]))
        if rng.random() < 0.25:
            t += timedelta(days=rng.uniform(0.1, 6))
            track(calls, user, t, "Order Completed", "web", revenue=round(rng.uniform(10, 80), 2))
    if rng.random() < 0.3:
        t += timedelta(days=rng.uniform(10, 25))
        track(calls, user, t, "Reorder Reminder", rng.choice(["email", "sms", "push"]))
        if rng.random() < 0.3:
            t += timedelta(days=rng.uniform(0.2, 5))
            track(calls, user, t, "Order Completed", "app", revenue=round(rng.uniform(15, 120), 2))
    if happy and rng.random() < 0.5:
        t += timedelta(days=rng.uniform(1, 10))
        track(calls, user, t, rng.choice(["Review Posted", "Product Shared", "Referral Sent"]),
              rng.choice(["web", "social"]))


def main():
    calls = []
    for i in range(1, 401):
        customer(calls, i)
    # Two records a lenient read reports: an NPS answer of 11 and a call without a timestamp.
    calls.insert(57, {"type": "track", "userId": "cust-0007", "event": "Survey Response",
                      "timestamp": "2026-07-01T10:00:00Z",
                      "properties": {"channel": "email", "survey": "nps", "score": 11}})
    calls.insert(311, {"type": "track", "userId": "cust-0042", "event": "Product Viewed",
                       "properties": {"channel": "web"}})
    OUT.parent.mkdir(exist_ok=True)
    with OUT.open("w") as f:
        for c in calls:
            f.write(json.dumps(c, separators=(",", ":")) + "\n")
    print(f"wrote {len(calls)} calls to {OUT}")


if __name__ == "__main__":
    main()
