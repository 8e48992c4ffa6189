"""Sentiment against the reference: vaderSentiment (installed by scripts/setup.sh) and
touchpoint score the same 5,000 sentences, and every one of the four scores must be equal.

The sentences are scripts/sentiment_corpus.py's: hand-written customer feedback, then
generated sentences that use every rule (negations, "but", capitals, boosters and dampeners,
idioms, "least", "!" and "?", emoticons, emoji, Unicode whitespace)."""

import sys
from pathlib import Path

import pyarrow as pa
import pytest

import touchpoint

vader = pytest.importorskip("vaderSentiment.vaderSentiment")
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from sentiment_corpus import corpus  # noqa: E402

SENTENCES = corpus(5000)


def reference(text):
    d = REF.polarity_scores(text)
    return d["neg"], d["neu"], d["pos"], d["compound"]


REF = vader.SentimentIntensityAnalyzer()


def test_the_corpus_covers_every_rule():
    text = "\n".join(SENTENCES).lower()
    assert len(SENTENCES) >= 1000
    for needle in ["not ", "n't", " but ", "very ", "kind of", "the bomb", "least", "!!", "??",
                   ":)", "😁", "\u00a0", "without a doubt", "never so"]:
        assert needle in text, needle
    assert sum(1 for s in SENTENCES if any(w.isupper() and len(w) > 1 for w in s.split())) > 500


def test_same_scores_as_vader_on_5000_sentences():
    table = touchpoint.sentiments(SENTENCES, detect_language=False)
    assert table.num_rows == len(SENTENCES)
    rows = table.to_pylist()
    differ = []
    for text, row in zip(SENTENCES, rows):
        ours = (row["negative"], row["neutral"], row["positive"], row["compound"])
        if ours != reference(text):
            differ.append((text, ours, reference(text)))
    assert not differ, f"{len(differ)} of {len(SENTENCES)} differ, e.g. {differ[:3]}"


def test_one_text_at_a_time_agrees():
    for text in SENTENCES[:300]:
        s = touchpoint.sentiment(text, detect_language=False)
        assert (s["negative"], s["neutral"], s["positive"], s["compound"]) == reference(text)
        assert s["label"] == ("positive" if s["compound"] >= 0.05 else "negative" if s["compound"] <= -0.05 else "neutral")


def test_detection_leaves_english_scored():
    rows = touchpoint.sentiments(SENTENCES).to_pylist()
    unscored = [t for t, r in zip(SENTENCES, rows) if r["label"] == "unscored"]
    # Measured: 1 of 5,000 generated sentences (word salads of rare words), 0 hand-written.
    assert len(unscored) <= 10, unscored
    scored = [r for r in rows if r["label"] != "unscored"]
    for text, row in zip(SENTENCES, rows):
        if row["label"] != "unscored":
            assert row["compound"] == reference(text)[3]
    assert len(scored) >= 4990


def test_frames_arrays_and_bytes():
    import pandas as pd

    texts = ["Great service!", "Terrible delivery, the parcel was broken.", b"not bad at all"]
    table = touchpoint.sentiments(pd.Series(texts[:2]))
    assert table.column_names == ["label", "compound", "positive", "neutral", "negative", "language"]
    assert table.column("label").to_pylist() == ["positive", "negative"]
    assert touchpoint.sentiments(pa.array(texts[:2])).column("label").to_pylist() == ["positive", "negative"]
    assert touchpoint.sentiment(texts[2], detect_language=False)["compound"] == reference("not bad at all")[3]
    frame = table.to_pandas()
    assert frame["compound"].tolist() == [reference(t)[3] for t in texts[:2]]


def test_unscored_is_not_neutral():
    s = touchpoint.sentiment("Le service client était vraiment horrible, je ne reviendrai jamais dans ce magasin.")
    assert s == {"label": "unscored", "compound": None, "positive": None, "neutral": None,
                 "negative": None, "language": "fra"}
    table = touchpoint.sentiments(["Der Kundendienst war leider sehr unfreundlich und hat mir nicht geholfen.", "good"])
    assert table.column("compound").null_count == 1
    assert table.column("label").to_pylist() == ["unscored", "positive"]


def test_custom_lexicons():
    lexicon = touchpoint.Lexicon.english()
    assert len(lexicon) == 7506 and lexicon.language == "eng"
    lexicon.set_word("Refund", -1.8)
    assert lexicon.valence("refund") == -1.8
    assert lexicon.remove_word("good") and lexicon.valence("good") is None
    tuned = vader.SentimentIntensityAnalyzer()
    tuned.lexicon["refund"] = -1.8
    del tuned.lexicon["good"]
    analyzer = touchpoint.SentimentAnalyzer([lexicon], detect_language=False)
    for text in ["I asked for a refund", "good refund, not good", "The refund was GOOD!!"]:
        assert analyzer.score(text)["compound"] == tuned.polarity_scores(text)["compound"]
    french = touchpoint.Lexicon.parse("horrible\t-2.5\nmagnifique\t3\n", language="fra")
    both = touchpoint.SentimentAnalyzer([touchpoint.Lexicon.english(), french])
    assert both.languages == ["eng", "fra"]
    s = both.score("Le service client était vraiment horrible, je ne reviendrai jamais dans ce magasin.")
    assert (s["label"], s["language"]) == ("negative", "fra")


def test_bad_input_is_typed():
    with pytest.raises(touchpoint.InvalidRecordError) as e:
        touchpoint.sentiments(["fine", "   "])
    assert (e.value.record, e.value.field) == ("record 2", "text")
    with pytest.raises(touchpoint.OutOfRangeError):
        touchpoint.sentiment("a" * (10 * 1024 * 1024))
    with pytest.raises(touchpoint.InvalidRecordError) as e:
        touchpoint.sentiments(["ok", b"\xff\xfe"])
    assert e.value.record == "record 2"
    with pytest.raises(touchpoint.InvalidRecordError):
        touchpoint.sentiment("caf\udce9")
    with pytest.raises(touchpoint.InvalidRecordError) as e:
        touchpoint.sentiments(["ok", None])
    assert e.value.record == "record 2"
    with pytest.raises(touchpoint.ArgumentError):
        touchpoint.sentiment(42)
    with pytest.raises(touchpoint.ArgumentError):
        touchpoint.sentiments("one text, not a list")
    with pytest.raises(touchpoint.ParseError) as e:
        touchpoint.Lexicon.parse("good\t1.9\nawful -3.4\n")
    assert e.value.record == "line 2"
    with pytest.raises(touchpoint.ConfigError):
        touchpoint.Lexicon.empty("english")
    with pytest.raises(touchpoint.ConfigError):
        touchpoint.SentimentAnalyzer(threshold=1.0)
    with pytest.raises(touchpoint.ConfigError):
        touchpoint.Lexicon.english().set_word("two words", 1.0)
