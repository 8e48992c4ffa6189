#!/usr/bin/env python3
"""Writes vectors/voice.json: the voice of the customer (comments per touchpoint, channel and
stage; their sentiment and negative terms), every expected number computed here,
independently of touchpoint:

- each comment's sentiment by vaderSentiment (negative at compound <= -0.05);
- terms: the ASCII comments below split into words as Unicode's word boundaries split them
  (letters, digits and inner apostrophes), lowercased, without NLTK's English stop words
  (read from the stop-words crate's copy of NLTK's list), numbers and one-letter words;
- the weighted log odds as tidylo's bind_log_odds computes them (empirical-Bayes prior), the
  two sets being a group's negative comments and its other scored ones, written out below
  from tidylo's R source (R/bind_log_odds.R).

    .venv/bin/python scripts/voice-vectors.py
"""

import glob
import json
import math
import os
import pathlib
import re
from collections import Counter

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

ROOT = pathlib.Path(__file__).resolve().parent.parent
NLTK = glob.glob(os.path.expanduser("~/.cargo/registry/src/*/stop-words-0.10.*/src/nltk/english"))
STOP = set(pathlib.Path(NLTK[0]).read_text().split())
VADER = SentimentIntensityAnalyzer()

COMMENTS = [
    ("a", "delivery", "email", "own", "The delivery was late and the parcel arrived damaged."),
    ("b", "delivery", "email", "own", "Late again. The courier left the parcel in the rain, terrible."),
    ("c", "delivery", "sms", "own", "Quick delivery and great packaging, thank you!"),
    ("d", "delivery", "sms", "own", "Delivery on time, the courier was friendly."),
    ("e", "delivery", "email", "own", "Parcel damaged and late, very disappointing."),
    ("f", "checkout", "web", "buy", "The checkout failed twice and the payment page froze. Awful."),
    ("g", "checkout", "web", "buy", "Payment failed again, what a terrible checkout."),
    ("h", "checkout", "web", "buy", "Easy checkout, smooth payment."),
    ("i", "checkout", "app", "buy", "Checkout was fine."),
    ("j", "checkout", "app", "buy", "The promo code failed and support could not help, useless."),
    ("k", "support", "phone", "own", "Waited an hour on hold, nobody answered. Horrible support."),
    ("l", "support", "chat", "own", "The agent was helpful and solved my problem quickly."),
    ("m", "support", "phone", "own", "On hold for ages, then the call dropped. Horrible."),
    ("n", "support", "chat", "own", "Great support, thanks Anna!"),
    ("o", None, "email", None, "  "),
    ("p", None, "email", None, "Le service client était vraiment horrible, je ne reviendrai jamais."),
]


def terms(text):
    words = re.findall(r"[a-z0-9]+(?:'[a-z0-9]+)*", text.lower())
    return [w for w in words if w not in STOP and len(w) >= 2 and re.search(r"[a-z]", w)]


def tidylo_negative(rows, top=10, min_comments=2):
    """rows: (label, compound, index, terms) of a group's scored comments."""
    neg, oth, neg_comments, examples = Counter(), Counter(), Counter(), {}
    for label, compound, at, ts in rows:
        if label == "negative":
            neg.update(ts)
            for t in set(ts):
                neg_comments[t] += 1
                examples.setdefault(t, []).append((compound, at))
        else:
            oth.update(ts)
    # tidylo: one row per (set, feature) with n > 0; alpha = the feature's count over all rows;
    # y_wi = n + alpha; y_w = sum of a feature's y_wi; n_i = sum of a set's y_wi.
    table = [("neg", w, n) for w, n in neg.items()] + [("oth", w, n) for w, n in oth.items()]
    alpha = Counter()
    for _, w, n in table:
        alpha[w] += n
    y = {(s, w): n + alpha[w] for s, w, n in table}
    y_w, n_i = Counter(), Counter()
    for (s, w), v in y.items():
        y_w[w] += v
        n_i[s] += v
    total = sum(y.values())
    out = []
    for (s, w), y_wi in y.items():
        if s != "neg" or neg_comments[w] < min_comments:
            continue
        delta = math.log(y_wi / (n_i["neg"] - y_wi)) - math.log(y_w[w] / (total - y_w[w]))
        z = delta / math.sqrt(1 / y_wi + 1 / y_w[w])
        if z > 0:
            out.append((w, delta, z))
    out.sort(key=lambda x: (-x[2], x[0]))
    return [{"term": w, "negative": neg[w], "other": oth[w], "negative_comments": neg_comments[w],
             "log_odds": d, "log_odds_weighted": z,
             "examples": [COMMENTS[at][4] for _, at in sorted(examples[w])[:3]]}
            for w, d, z in out[:top]]


def label(c):
    return "positive" if c >= 0.05 else "negative" if c <= -0.05 else "neutral"


def scored(members):
    out = []
    for at in members:
        c = VADER.polarity_scores(COMMENTS[at][4])["compound"]
        out.append((label(c), c, at, terms(COMMENTS[at][4])))
    return out


def group(members):
    scored = []
    counts = Counter()
    for at in members:
        text = COMMENTS[at][4]
        if not text.strip():
            counts["blank"] += 1
            continue
        if at == len(COMMENTS) - 1:  # the French review: whatlang names it French, no lexicon
            counts["unscored"] += 1
            continue
        c = VADER.polarity_scores(text)["compound"]
        label = "positive" if c >= 0.05 else "negative" if c <= -0.05 else "neutral"
        counts[label] += 1
        scored.append((label, c, at, terms(text)))
    n = len(scored)
    return {
        "comments": len(members), "blank": counts["blank"], "positive": counts["positive"],
        "neutral": counts["neutral"], "negative": counts["negative"], "unscored": counts["unscored"],
        "negative_share": 100 * counts["negative"] / n if n else None,
        "mean_compound": sum(round(c * 1e4) for _, c, _, _ in scored) / 1e4 / n if n else None,
        "negative_terms": tidylo_negative(scored),
    }


def by(field):
    return by_key(lambda c: c[field], stages=field == 3)


def by_key(key, stages=False):
    """The groups of `key(comment)`: named ones in order (stages in journey order), then None."""
    keys = sorted({key(c) for c in COMMENTS if key(c) is not None},
                  key=lambda k: (["discover", "shop", "buy", "own", "advocate"].index(k) if stages else 0, k))
    out = [dict(group([i for i, c in enumerate(COMMENTS) if key(c) == k]), group=k) for k in keys]
    missing = [i for i, c in enumerate(COMMENTS) if key(c) is None]
    if missing:
        out.append(dict(group(missing), group=None))
    return out


# Over a dataset: each comment is the free text of an event whose kind is its touchpoint
# (`feedback` where the comment gave none), on its channel; an earlier event of the customer
# (a purchase for `buy`, a loyalty_join for `own`) sets the journey stage reached; the
# customer's trait `plan` (pro for even comments, free for odd, none for the last two) is the
# segment.
STAGE_KIND = {"buy": "purchase", "own": "loyalty_join"}
# The readers read a channel's aliases as the channel: `chat` is the support channel.
CHANNEL = {"chat": "support"}


def plan(i):
    return None if i >= len(COMMENTS) - 2 else ("pro" if i % 2 == 0 else "free")


def events():
    out = []
    for i, (customer, touchpoint, channel, stage, text) in enumerate(COMMENTS):
        t = 1_700_000_000_000 + i * 60_000
        e = {"customer_id": customer, "timestamp": t, "channel": channel,
             "kind": touchpoint or "feedback", "text": text}
        if plan(i):
            e["traits"] = {"plan": plan(i)}
        out.append(e)
        # After the comment in the input, before it in time: the readers sort each
        # customer's events.
        if stage:
            out.append({"customer_id": customer, "timestamp": t - 3_600_000, "channel": channel,
                        "kind": STAGE_KIND[stage]})
    return out


def rows():
    out = []
    for i, (customer, touchpoint, channel, stage, text) in enumerate(COMMENTS):
        r = {"customer_id": customer, "timestamp": 1_700_000_000_000 + i * 60_000, "channel": channel,
             "text": text}
        if touchpoint:
            r["touchpoint"] = touchpoint
        if stage:
            r["stage"] = stage
        out.append(r)
    return out


def main():
    overall = dict(group(range(len(COMMENTS))), group=None)
    cases = [
        {"name": "negative terms per touchpoint, channel and stage: tidylo's weighted log odds of "
                 "the negative comments against the group's other scored ones, with examples",
         "op": "voice_of_customer",
         "input": {"comments": rows(), "options": None},
         "expected": {"overall": overall, "by_touchpoint": by(1), "by_channel": by(2),
                      "by_stage": by(3)}},
        {"name": "three terms at most, each in at least three negative comments",
         "op": "voice_of_customer",
         "input": {"comments": rows(), "options": {"terms": 3, "min_comments": 3, "examples": 1}},
         "expected": {"overall": {"negative_terms": [
             dict(t, examples=t["examples"][:1])
             for t in tidylo_negative(scored(range(len(COMMENTS) - 2)), top=3, min_comments=3)]}}},
        {"name": "over a dataset: every event's free text is a comment, its kind the touchpoint, "
                 "the journey stage the one reached by then, a trait the segment",
         "op": "voice_of_customer",
         "input": {"events": events(), "options": {"segment_trait": "plan"}},
         "expected": {"overall": overall,
                      "by_touchpoint": by_key(lambda c: c[1] or "feedback"),
                      "by_channel": by_key(lambda c: CHANNEL.get(c[2], c[2])), "by_stage": by(3),
                      "by_segment": by_key(lambda c: plan(COMMENTS.index(c)))}},
        {"name": "error: a comment without text names the row",
         "op": "voice_of_customer",
         "input": {"comments": [{"customer_id": "a", "timestamp": 0, "text": "ok"},
                                {"customer_id": "b", "timestamp": 0}]},
         "error": {"code": "INVALID_RECORD", "record": "record 2", "field": "text"}},
        {"name": "error: a column that is no field of a comment",
         "op": "voice_of_customer",
         "input": {"comments": [{"customer_id": "a", "timestamp": 0, "text": "ok", "score": 3}]},
         "error": {"code": "INVALID_RECORD", "record": "record 1", "field": "score"}},
        {"name": "error: a 10 MB comment is refused, never truncated",
         "op": "voice_of_customer",
         "input": {"comments": [{"customer_id": "a", "timestamp": 0,
                                 "text": {"$repeat": "slow delivery ", "times": 750_000}}]},
         "error": {"code": "OUT_OF_RANGE", "record": "record 1", "field": "text"}},
        {"name": "error: more than 1000 terms asked for",
         "op": "voice_of_customer",
         "input": {"comments": [], "options": {"terms": 1001}},
         "error": {"code": "INVALID_CONFIG", "field": "terms"}},
    ]
    doc = {
        "description": "The voice of the customer (issue 12): comments per touchpoint, channel "
                       "and stage, their sentiment (vaderSentiment's labels) and the terms that "
                       "set the negative ones apart (tidylo's weighted log odds). Written by "
                       "scripts/voice-vectors.py.",
        "cases": cases,
    }
    path = ROOT / "vectors" / "voice.json"
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {len(cases)} cases to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
