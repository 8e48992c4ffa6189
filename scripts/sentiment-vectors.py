#!/usr/bin/env python3
"""Writes vectors/sentiment.json: vaderSentiment 3.3.2's answers for touchpoint's sentiment,
replayed by the Rust, Python, Node and browser suites.

    .venv/bin/python scripts/sentiment-vectors.py

Every expected score is vaderSentiment's own `polarity_scores` on the same text (the label is
its compound against VADER's recommended ±0.05). The sentences come from
scripts/sentiment_corpus.py (hand-written feedback, then generated sentences that exercise
every rule). Custom-lexicon cases change vaderSentiment's own dictionaries the same way
(`lexicon[word] = valence`, `del lexicon[word]`) and score with it. The language cases
(texts in French and German left unscored) state touchpoint's documented behaviour: no
reference package detects languages.

The Python suite's tests/test_sentiment_vader.py compares 5,000 sentences directly with the
installed package; these vectors carry 600 of them to Node and the browser.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

sys.path.insert(0, str(Path(__file__).parent))
from sentiment_corpus import corpus  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "vectors" / "sentiment.json"
PER_CASE = 50


def label(compound, threshold=0.05):
    if compound >= threshold and compound != 0:
        return "positive"
    if compound <= -threshold and compound != 0:
        return "negative"
    return "neutral"


def expected(vader, text, threshold=0.05):
    d = vader.polarity_scores(text)
    return {
        "label": label(d["compound"], threshold),
        "compound": d["compound"],
        "positive": d["pos"],
        "neutral": d["neu"],
        "negative": d["neg"],
    }


def main():
    vader = SentimentIntensityAnalyzer()
    cases = []
    texts = corpus(600)
    for start in range(0, len(texts), PER_CASE):
        chunk = texts[start : start + PER_CASE]
        cases.append({
            "name": f"vaderSentiment parity, sentences {start + 1}-{start + len(chunk)}",
            "op": "sentiment",
            "input": {"texts": chunk, "options": {"detect_language": False}},
            "expected": {"sentiments": [expected(vader, t) for t in chunk]},
        })

    one = "The staff were extremely friendly, but the checkout was SO slow!!"
    cases.append({
        "name": "one text, default options (English detected)",
        "op": "sentiment",
        "input": {"text": one, "options": None},
        "expected": dict(expected(vader, one), language="eng"),
    })
    strict = ["great", "The book was only kind of good.", "not bad"]
    cases.append({
        "name": "a stricter threshold (0.5) moves labels to neutral",
        "op": "sentiment",
        "input": {"texts": strict, "options": {"threshold": 0.5, "detect_language": False}},
        "expected": {"sentiments": [expected(vader, t, 0.5) for t in strict]},
    })

    languages = [
        "Le service client était vraiment horrible, je ne reviendrai jamais dans ce magasin.",
        "Der Kundendienst war leider sehr unfreundlich und hat mir überhaupt nicht geholfen.",
        "The customer service was really horrible, I will never come back to this store.",
        "ok :)",
        ":) !!",
    ]
    cases.append({
        "name": "texts in a language without a lexicon are unscored, not neutral",
        "op": "sentiment",
        "input": {"texts": languages, "options": {}},
        "expected": {"sentiments": [
            {"label": "unscored", "compound": None, "positive": None, "neutral": None,
             "negative": None, "language": "fra"},
            {"label": "unscored", "compound": None, "positive": None, "neutral": None,
             "negative": None, "language": "deu"},
            dict(expected(vader, languages[2]), language="eng"),
            # English words: English by the evidence, without the detector.
            dict(expected(vader, languages[3]), language="eng"),
            # No words: scored with the first lexicon, the language unknown.
            dict(expected(vader, languages[4]), language=None),
        ]},
    })

    # Custom words: vaderSentiment's own dictionary changed the same way.
    custom = ["I asked for a refund", "Good service", "The refund was not good", "meh"]
    tuned = SentimentIntensityAnalyzer()
    tuned.lexicon["refund"] = -1.8
    tuned.lexicon["meh"] = -0.9
    del tuned.lexicon["good"]
    cases.append({
        "name": "custom words added, overridden and removed (vaderSentiment's dictionary changed alike)",
        "op": "sentiment",
        "input": {
            "texts": custom,
            "lexicons": [{"language": "eng", "words": {"refund": -1.8, "meh": -0.9}, "remove": ["good"]}],
            "options": {"detect_language": False},
        },
        "expected": {"sentiments": [expected(tuned, t) for t in custom]},
    })

    own_text = "refund\t-1.8\nhorrible\t-2.5\t0.5\t[-2, -3]\n\nlovely\t2.8\n"
    own = SentimentIntensityAnalyzer()
    own.lexicon = {"refund": -1.8, "horrible": -2.5, "lovely": 2.8}
    own.emojis = {}
    texts_own = ["A lovely refund", "horrible 😡", "nothing known here"]
    cases.append({
        "name": "a lexicon read from VADER's format replaces the English one",
        "op": "sentiment",
        "input": {
            "texts": texts_own,
            "lexicons": [{"language": "eng", "text": own_text}],
            "options": {"detect_language": False},
        },
        "expected": {"sentiments": [expected(own, t) for t in texts_own]},
    })

    french = "horrible\t-2.5\nmagnifique\t3.0\n"
    cases.append({
        "name": "a French lexicon scores French, English stays the default",
        "op": "sentiment",
        "input": {
            "texts": [languages[0], "Un service client vraiment magnifique, merci beaucoup à toute l'équipe.", languages[2]],
            "lexicons": [{"language": "eng"}, {"language": "fra", "text": french}],
            "options": {},
        },
        "expected": {"sentiments": [
            {"label": "negative", "language": "fra"},
            {"label": "positive", "language": "fra"},
            dict(expected(vader, languages[2]), language="eng"),
        ]},
    })

    errors = [
        ("an empty text in a batch names its record", {"texts": ["fine", "  ", "good"]},
         {"code": "INVALID_RECORD", "record": "record 2", "field": "text"}),
        ("one empty text", {"text": ""},
         {"code": "INVALID_RECORD", "record": "record 1", "field": "text"}),
        ("a text over 1 MiB is refused, not truncated",
         {"text": {"$repeat": "a", "times": 1048577}},
         {"code": "OUT_OF_RANGE", "record": "record 1", "field": "text"}),
        ("a lexicon line that does not parse is named",
         {"texts": ["ok"], "lexicons": [{"language": "eng", "text": "good\t1.9\nawful -3.4\n"}]},
         {"code": "PARSE_ERROR", "record": "line 2"}),
        ("a valence that is not a number", {"texts": ["ok"], "lexicons": [{"language": "eng", "text": "good\tgreat\n"}]},
         {"code": "PARSE_ERROR", "record": "line 1"}),
        ("an unknown language code", {"texts": ["ok"], "lexicons": [{"language": "english"}]},
         {"code": "INVALID_CONFIG"}),
        ("a threshold outside [0, 1)", {"texts": ["ok"], "options": {"threshold": 1.5}},
         {"code": "INVALID_CONFIG"}),
        ("two lexicons for one language", {"texts": ["ok"], "lexicons": [{"language": "eng"}, {"language": "eng"}]},
         {"code": "INVALID_CONFIG"}),
    ]
    for name, inp, err in errors:
        cases.append({"name": name, "op": "sentiment", "input": inp, "error": err})
    cases.append({
        "name": "invalid UTF-8 bytes are refused naming the record",
        "op": "sentiment",
        "input": {"texts": ["fine", {"$utf8_bytes": [111, 107, 32, 255]}]},
        "error": {"code": "INVALID_RECORD", "record": "record 2", "field": "text"},
        "skip": {"js": "a JavaScript string cannot hold invalid UTF-8 (the Uint8Array form is tested in the Node and browser suites)"},
    })
    cases.append({
        "name": "a lone surrogate is refused, not replaced",
        "op": "sentiment",
        "input": {"texts": [{"$text_utf16": [103, 111, 111, 100, 55296]}]},
        "error": {"code": "INVALID_RECORD", "record": "record 1", "field": "text"},
    })

    doc = {
        "description": (
            f"Sentiment: vaderSentiment {vaderSentiment_version()}'s polarity_scores on {len(texts)} sentences "
            "(scripts/sentiment_corpus.py) and on custom lexicons; languages without a lexicon unscored; "
            "typed errors (written by scripts/sentiment-vectors.py)."
        ),
        "cases": cases,
    }
    OUT.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {OUT} ({len(cases)} cases)")


def vaderSentiment_version():
    from importlib.metadata import version
    return version("vaderSentiment")


if __name__ == "__main__":
    main()
