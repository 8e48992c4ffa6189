"""touchpoint's sentiment against vaderSentiment 3.3.2 on the same sentences, in one run:
every score checked equal, the time of each printed, and the ratio.

    source scripts/env.sh   # the repo's .venv (vaderSentiment, the touchpoint wheel)
    python benches/sentiment_compare.py [--sentences 20000]

The sentences are scripts/sentiment_corpus.py's (hand-written feedback, then generated
sentences using every VADER rule), cycled to `--sentences`. Each time is the best of three
runs (as timeit does), every engine alike.

Rows (times per sentence; ratio = vaderSentiment's time / touchpoint's):
  batch, 1 thread        touchpoint.sentiments(texts, detect_language=False) with
                         touchpoint.set_threads(1): the same work as vaderSentiment, the
                         Python list in and the pyarrow Table out included
  batch, 2 threads       the same on both cores
  batch, detection       the defaults (language detection on), 1 thread
  one call per text      touchpoint.sentiment(text, detect_language=False) in a loop: a dict
                         per text, as vaderSentiment's polarity_scores returns
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

import touchpoint

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from sentiment_corpus import corpus  # noqa: E402


def timed(fn, repeat=3):
    """The best of `repeat` runs (as timeit: the least disturbed by the machine), and the output."""
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sentences", type=int, default=20_000)
    args = ap.parse_args()
    base = corpus(5000)
    texts = [base[i % len(base)] for i in range(args.sentences)]
    n = len(texts)
    vader = SentimentIntensityAnalyzer()

    t_vader, ref = timed(lambda: [vader.polarity_scores(t) for t in texts])
    touchpoint.set_threads(1)
    touchpoint.sentiments(texts[:10], detect_language=False)  # the lexicon is read once, here
    t_one, table = timed(lambda: touchpoint.sentiments(texts, detect_language=False))
    t_calls, dicts = timed(lambda: [touchpoint.sentiment(t, detect_language=False) for t in texts])
    t_detect, detected = timed(lambda: touchpoint.sentiments(texts))
    touchpoint.set_threads(2)
    t_two, _ = timed(lambda: touchpoint.sentiments(texts, detect_language=False))
    touchpoint.set_threads(0)

    rows = table.to_pylist()
    for text, r, d, s in zip(texts, ref, rows, dicts):
        want = (r["neg"], r["neu"], r["pos"], r["compound"])
        assert (d["negative"], d["neutral"], d["positive"], d["compound"]) == want, text
        assert (s["negative"], s["neutral"], s["positive"], s["compound"]) == want, text
    unscored = detected.column("label").to_pylist().count("unscored")

    print(f"{n} sentences, every score equal to vaderSentiment's; {unscored} left unscored by language detection")
    print(f"{'':28} {'µs / sentence':>14} {'× vaderSentiment':>17}")
    print(f"{'vaderSentiment':28} {t_vader / n * 1e6:14.2f} {1.0:17.1f}")
    for name, t in [
        ("touchpoint batch, 1 thread", t_one),
        ("touchpoint batch, 2 threads", t_two),
        ("touchpoint batch, detection", t_detect),
        ("touchpoint one call per text", t_calls),
    ]:
        print(f"{name:28} {t / n * 1e6:14.2f} {t_vader / t:17.1f}")


if __name__ == "__main__":
    main()
