//! Target `sentiment`: arbitrary bytes as texts and as a lexicon. Every call gives a typed
//! error (invalid UTF-8, a blank text, a lexicon line that does not parse, each naming where)
//! or scores within their ranges: compound in [-1, 1], the three shares in [0, 1] summing to
//! 1 within rounding, the label agreeing with the compound; a batch equal to the texts
//! scored one by one.

use super::bytes::Bytes;
use touchpoint::{
    Language, Lexicon, RecordRef, Sentiment, SentimentAnalyzer, SentimentLabel, SentimentOptions,
    TouchpointError,
};

fn check(s: &Sentiment, threshold: f64) {
    if s.label == SentimentLabel::Unscored {
        assert!(
            s.compound.is_none()
                && s.positive.is_none()
                && s.neutral.is_none()
                && s.negative.is_none()
        );
        return;
    }
    let (c, p, u, n) = (
        s.compound.unwrap(),
        s.positive.unwrap(),
        s.neutral.unwrap(),
        s.negative.unwrap(),
    );
    assert!((-1.0..=1.0).contains(&c), "compound {c}");
    for share in [p, u, n] {
        assert!((0.0..=1.0).contains(&share), "share {share}");
    }
    assert!((p + u + n - 1.0).abs() <= 0.0016, "shares {p} {u} {n}");
    let label = if c >= threshold && c != 0.0 {
        SentimentLabel::Positive
    } else if c <= -threshold && c != 0.0 {
        SentimentLabel::Negative
    } else {
        SentimentLabel::Neutral
    };
    assert_eq!(s.label, label);
}

fn typed(e: &TouchpointError) {
    assert!(
        matches!(
            e.code(),
            "INVALID_RECORD" | "OUT_OF_RANGE" | "PARSE_ERROR" | "INVALID_CONFIG"
        ),
        "{e}"
    );
}

pub fn run(data: &[u8]) {
    let mut b = Bytes::new(data);
    let mode = b.byte();
    let threshold = f64::from(b.byte() % 100) / 100.0;
    let options = SentimentOptions {
        detect_language: mode & 1 == 1,
        threshold,
    };
    // A custom lexicon from the first part of the bytes, on VADER's or alone.
    let lexicon_len = usize::from(b.byte()) * usize::from(mode & 2 == 2);
    let rest = b.rest();
    let (lexicon_bytes, texts_bytes) = rest.split_at(lexicon_len.min(rest.len()));
    let mut lexicons = vec![Lexicon::english()];
    if let Ok(text) = std::str::from_utf8(lexicon_bytes) {
        match Lexicon::parse(Language::ENGLISH, text) {
            Ok(own) => lexicons = vec![own],
            Err(e) => {
                assert!(
                    matches!(
                        e,
                        TouchpointError::Parse {
                            record: RecordRef::Line(_),
                            ..
                        }
                    ),
                    "{e}"
                );
            }
        }
    }
    let analyzer = SentimentAnalyzer::with_lexicons(lexicons, options)
        .expect("one lexicon, a valid threshold");
    // Texts separated by 0xFF (never in UTF-8).
    let mut texts = Vec::new();
    for (i, piece) in texts_bytes.split(|&x| x == 0xff).enumerate() {
        match touchpoint::text_from_utf8(piece, RecordRef::Record(i as u64 + 1), "text") {
            Ok(text) => texts.push(text),
            Err(e) => typed(&e),
        }
    }
    let one: Vec<_> = texts.iter().map(|t| analyzer.score(t)).collect();
    for r in &one {
        match r {
            Ok(s) => check(s, threshold),
            Err(e) => typed(e),
        }
    }
    match analyzer.score_all(&texts) {
        Ok(all) => {
            let each: Vec<Sentiment> = one
                .into_iter()
                .map(|r| r.expect("the batch succeeded"))
                .collect();
            assert_eq!(all, each);
        }
        Err(e) => {
            typed(&e);
            assert!(
                one.iter().any(Result::is_err),
                "the batch failed where no text did: {e}"
            );
        }
    }
}
