//! The analyzer's own checks; the parity with vaderSentiment on thousands of sentences is in
//! the shared vectors (`vectors/sentiment.json`) and the Python suite's direct comparison.

use super::*;

/// vaderSentiment 3.3.2's answers: (text, neg, neu, pos, compound).
const VADER: &[(&str, f64, f64, f64, f64)] = &[
    (
        "VADER is smart, handsome, and funny.",
        0.0,
        0.254,
        0.746,
        0.8316,
    ),
    (
        "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
        0.0,
        0.294,
        0.706,
        0.9469,
    ),
    ("The book was only kind of good.", 0.0, 0.697, 0.303, 0.3832),
    (
        "The plot was good, but the characters are uncompelling and the dialog is not great.",
        0.327,
        0.579,
        0.094,
        -0.7042,
    ),
    (
        "Today only kinda sux! But I'll get by, lol",
        0.127,
        0.556,
        0.317,
        0.5249,
    ),
    (
        "Catch utf-8 emoji such as 💘 and 💋 and 😁",
        0.0,
        0.583,
        0.417,
        0.875,
    ),
    ("Not bad at all", 0.0, 0.513, 0.487, 0.431),
    (
        "Without a doubt, an excellent idea.",
        0.0,
        0.408,
        0.592,
        0.7013,
    ),
    (
        "Roger Dodger is one of the least compelling variations on this theme.",
        0.132,
        0.868,
        0.0,
        -0.1695,
    ),
    (
        "Sentiment analysis has never been this good!",
        0.0,
        0.621,
        0.379,
        0.5672,
    ),
    (
        "With VADER, sentiment analysis is the shit!",
        0.0,
        0.583,
        0.417,
        0.6476,
    ),
    ("Make sure you :) or :D today!", 0.0, 0.294, 0.706, 0.8633),
    // "but" with repeated values: vaderSentiment's `list.index` weighs the first "good" thrice.
    (
        "Good good good but good good bad",
        0.246,
        0.052,
        0.702,
        0.7783,
    ),
    ("great", 0.0, 0.0, 1.0, 0.6249),
];

#[test]
fn same_scores_as_vader() {
    let analyzer = SentimentAnalyzer::with_lexicons(
        vec![Lexicon::english()],
        SentimentOptions {
            detect_language: false,
            ..SentimentOptions::default()
        },
    )
    .unwrap();
    for &(text, neg, neu, pos, compound) in VADER {
        let s = analyzer.score(text).unwrap();
        assert_eq!(
            (s.negative, s.neutral, s.positive, s.compound),
            (Some(neg), Some(neu), Some(pos), Some(compound)),
            "{text}"
        );
    }
    let all = analyzer
        .score_all(&VADER.iter().map(|v| v.0).collect::<Vec<_>>())
        .unwrap();
    assert_eq!(all.len(), VADER.len());
    assert!(all.iter().zip(VADER).all(|(s, v)| s.compound == Some(v.4)));
}

#[test]
fn labels_follow_the_threshold() {
    let s = sentiment("Terrible delivery, the parcel was broken.").unwrap();
    assert_eq!(s.label, SentimentLabel::Negative);
    assert_eq!(
        sentiment("Great service, thank you!").unwrap().label,
        SentimentLabel::Positive
    );
    assert_eq!(
        sentiment("The parcel arrived on Tuesday.").unwrap().label,
        SentimentLabel::Neutral
    );
    let strict = SentimentAnalyzer::with_lexicons(
        vec![Lexicon::english()],
        SentimentOptions {
            threshold: 0.7,
            ..SentimentOptions::default()
        },
    )
    .unwrap();
    // compound 0.6249: positive at 0.05, neutral at 0.7.
    assert_eq!(sentiment("great").unwrap().label, SentimentLabel::Positive);
    assert_eq!(
        strict.score("great").unwrap().label,
        SentimentLabel::Neutral
    );
}

#[test]
fn other_languages_are_unscored_not_neutral() {
    let s =
        sentiment("Le service client était vraiment horrible, je ne reviendrai jamais.").unwrap();
    assert_eq!(s.label, SentimentLabel::Unscored);
    assert_eq!(s.compound, None);
    assert_eq!(s.language.map(Language::code), Some("fra"));
    let english =
        sentiment("The customer service was really horrible, I will never come back.").unwrap();
    assert_eq!(english.language, Some(Language::ENGLISH));
    assert_eq!(english.label, SentimentLabel::Negative);
    // No words at all: scored with the first lexicon, language unknown.
    let short = sentiment(":) !!").unwrap();
    assert_eq!(
        (short.label, short.language),
        (SentimentLabel::Positive, None)
    );
    // English words: English without the detector.
    assert_eq!(
        sentiment("ok :)").unwrap().language,
        Some(Language::ENGLISH)
    );
    // Another script than every lexicon's: unscored.
    let russian = sentiment("Служба поддержки была ужасной, я больше никогда не вернусь.").unwrap();
    assert_eq!(russian.label, SentimentLabel::Unscored);
    // (whatlang cannot tell Russian from its neighbours reliably here: the language stays
    // unknown, the text unscored all the same.)
    assert!(matches!(
        russian.language.map(Language::code),
        None | Some("rus")
    ));
    for (text, code) in [
        ("El servicio al cliente fue horrible, nunca volveré a esta tienda.", "spa"),
        ("Il servizio clienti è stato orribile, non tornerò mai più in questo negozio.", "ita"),
        ("De klantenservice van deze winkel was echt heel slecht en ze hebben mij helemaal niet geholpen met mijn bestelling.", "nld"),
        ("Der Kundendienst war leider sehr unfreundlich und hat mir nicht geholfen.", "deu"),
    ] {
        let s = sentiment(text).unwrap();
        assert_eq!((s.label, s.language.map(Language::code)), (SentimentLabel::Unscored, Some(code)), "{text}");
    }

    // A lexicon for French scores French.
    let mut french = Lexicon::empty(Language::from_code("fra", "x").unwrap());
    french.set_word("horrible", -2.5).unwrap();
    let both = SentimentAnalyzer::with_lexicons(
        vec![Lexicon::english(), french],
        SentimentOptions::default(),
    )
    .unwrap();
    let s = both
        .score("Le service client était vraiment horrible, je ne reviendrai jamais.")
        .unwrap();
    assert_eq!(s.label, SentimentLabel::Negative);
}

#[test]
fn custom_words_change_the_score() {
    let mut lexicon = Lexicon::english();
    assert_eq!(lexicon.valence("refund"), None);
    lexicon.set_word("refund", -1.8).unwrap();
    lexicon.set_word("good", 0.0).unwrap();
    let analyzer =
        SentimentAnalyzer::with_lexicons(vec![lexicon], SentimentOptions::default()).unwrap();
    let s = analyzer.score("I asked for a refund").unwrap();
    assert_eq!(s.label, SentimentLabel::Negative);
    assert_eq!(analyzer.score("good").unwrap().compound, Some(0.0));
}

#[test]
fn bad_texts_and_settings_are_typed_errors() {
    let err = sentiment("   ").unwrap_err();
    assert_eq!(err.code(), "INVALID_RECORD");
    assert!(err.to_string().contains("`text`"), "{err}");
    let big = "a".repeat(MAX_TEXT_BYTES + 1);
    assert_eq!(sentiment(&big).unwrap_err().code(), "OUT_OF_RANGE");
    let err = SentimentAnalyzer::new()
        .score_all(&["fine", "", "good"])
        .unwrap_err();
    assert!(err.to_string().starts_with("record 2:"), "{err}");
    let err = text_from_utf8(b"ok \xff", RecordRef::Record(3), "text").unwrap_err();
    assert_eq!(err.code(), "INVALID_RECORD");
    assert!(err.to_string().contains("byte 3"), "{err}");
    let options = SentimentOptions {
        threshold: 1.5,
        ..SentimentOptions::default()
    };
    let err = SentimentAnalyzer::with_lexicons(vec![Lexicon::english()], options).unwrap_err();
    assert_eq!(err.code(), "INVALID_CONFIG");
    let twice = vec![Lexicon::english(), Lexicon::english()];
    assert!(SentimentAnalyzer::with_lexicons(twice, SentimentOptions::default()).is_err());
    assert!(SentimentAnalyzer::with_lexicons(vec![], SentimentOptions::default()).is_err());
}

#[test]
fn batches_match_one_at_a_time_across_leaves() {
    let texts: Vec<String> = (0..1200)
        .map(|i| {
            format!(
                "order {i} was {} but the courier was {}",
                ["great", "bad", "ok"][i % 3],
                ["rude", "kind"][i % 2]
            )
        })
        .collect();
    let analyzer = SentimentAnalyzer::new();
    let all = analyzer.score_all(&texts).unwrap();
    for (text, s) in texts.iter().zip(&all) {
        assert_eq!(*s, analyzer.score(text).unwrap());
    }
}
