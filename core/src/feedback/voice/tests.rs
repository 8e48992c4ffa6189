use super::*;
use serde_json::json;

fn comments(rows: serde_json::Value) -> Vec<Comment> {
    read_comments(rows.as_array().unwrap(), &VoiceOptions::default()).unwrap()
}

fn sample() -> Vec<Comment> {
    comments(json!([
        {"customer_id": "a", "timestamp": 0, "touchpoint": "delivery", "text": "The delivery was late and the parcel was damaged."},
        {"customer_id": "b", "timestamp": 0, "touchpoint": "delivery", "text": "Late delivery again, terrible."},
        {"customer_id": "c", "timestamp": 0, "touchpoint": "delivery", "text": "Quick delivery, great packaging!"},
        {"customer_id": "d", "timestamp": 0, "touchpoint": "delivery", "text": "Delivery on time, love it."},
        {"customer_id": "e", "timestamp": 0, "touchpoint": "checkout", "text": "The checkout failed twice, awful payment page."},
        {"customer_id": "f", "timestamp": 0, "touchpoint": "checkout", "text": "Payment failed, what a terrible checkout."},
        {"customer_id": "g", "timestamp": 0, "touchpoint": "checkout", "text": "Easy checkout."},
        {"customer_id": "h", "timestamp": 0, "touchpoint": "checkout", "text": "  "},
        {"customer_id": "i", "timestamp": 0, "text": "Le service client était vraiment horrible, je ne reviendrai jamais."}
    ]))
}

#[test]
fn terms_drop_stop_words_numbers_and_single_letters() {
    let t: Vec<String> = terms::terms(
        "The parcel wasn't there: 2 days LATE, a joke!",
        crate::Language::ENGLISH,
    );
    assert_eq!(t, ["parcel", "days", "late", "joke"]);
}

#[test]
fn negative_terms_per_touchpoint() {
    let r = voice_of_customer(&sample(), &VoiceOptions::default()).unwrap();
    assert_eq!(
        (r.overall.comments, r.overall.blank, r.overall.unscored),
        (9, 1, 1)
    );
    let delivery = &r
        .by_touchpoint
        .iter()
        .find(|g| g.group.as_deref() == Some("delivery"))
        .unwrap();
    assert_eq!((delivery.negative, delivery.positive), (2, 2));
    let top: Vec<&str> = delivery
        .negative_terms
        .iter()
        .map(|t| t.term.as_str())
        .collect();
    assert_eq!(top, ["late"]);
    let late = &delivery.negative_terms[0];
    assert_eq!(
        (late.negative, late.other, late.negative_comments),
        (2, 0, 2)
    );
    assert_eq!(late.examples.len(), 2);
    let checkout = r
        .by_touchpoint
        .iter()
        .find(|g| g.group.as_deref() == Some("checkout"))
        .unwrap();
    let top: Vec<&str> = checkout
        .negative_terms
        .iter()
        .map(|t| t.term.as_str())
        .collect();
    assert!(
        top.contains(&"failed") && top.contains(&"payment"),
        "{top:?}"
    );
    assert!(
        !top.contains(&"checkout"),
        "checkout is in the positive comment too: {top:?}"
    );
    assert_eq!(r.by_touchpoint.last().unwrap().group, None);
}

#[test]
fn tidylo_weighted_log_odds() {
    // Two sets, as tidylo's bind_log_odds(set, feature, n) reads them:
    // negative: late 3, box 1; other: late 1, box 4, fast 2.
    let mut m = std::collections::HashMap::new();
    let tally = |n, o, c| TermTally {
        negative: n,
        other: o,
        negative_comments: c,
        examples: vec![],
    };
    m.insert("late".to_string(), tally(3, 1, 3));
    m.insert("box".to_string(), tally(1, 4, 1));
    m.insert("fast".to_string(), tally(0, 2, 0));
    let out = terms::negative_terms(
        m.iter()
            .map(|(k, v): (&String, &TermTally)| (k.as_str(), v)),
        10,
        1,
    );
    // Pseudo counts: late 3+4, 1+4; box 1+5, 4+5; fast -, 2+2. n_neg = 13, n_oth = 18,
    // N = 31; late: δ = ln(7/6) − ln(12/19), z = δ / √(1/7 + 1/12).
    let delta = (7.0f64 / 6.0).ln() - (12.0f64 / 19.0).ln();
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].0, "late");
    assert!((out[0].2 - delta).abs() < 1e-12);
    assert!((out[0].3 - delta / (1.0f64 / 7.0 + 1.0 / 12.0).sqrt()).abs() < 1e-12);
}

#[test]
fn split_anywhere_gives_one_report() {
    let c = sample();
    let whole = voice_of_customer(&c, &VoiceOptions::default()).unwrap();
    let split = crate::parallel::with_leaf(1, || {
        voice_of_customer(&c, &VoiceOptions::default()).unwrap()
    });
    assert_eq!(whole, split);
}

#[test]
fn bad_comments_are_named() {
    let o = VoiceOptions::default();
    let e = read_comments(&[json!({"customer_id": "a", "timestamp": 0})], &o).unwrap_err();
    assert_eq!((e.code(), e.field()), ("INVALID_RECORD", Some("text")));
    let e = read_comments(
        &[json!({"customer_id": "a", "timestamp": 0, "text": 3})],
        &o,
    )
    .unwrap_err();
    assert_eq!(e.field(), Some("text"));
    let big = "x ".repeat(crate::limits::MAX_TEXT_BYTES);
    let e = read_comments(
        &[json!({"customer_id": "a", "timestamp": 0, "text": big})],
        &o,
    )
    .unwrap_err();
    assert_eq!(e.code(), "OUT_OF_RANGE");
    let e = read_comments(
        &[json!({"customer_id": "a", "timestamp": 0, "text": "ok", "rating": 3})],
        &o,
    )
    .unwrap_err();
    assert_eq!(
        (e.record(), e.field()),
        (Some(RecordRef::Record(1)), Some("rating"))
    );
    let bad = VoiceOptions {
        terms: 5000,
        ..Default::default()
    };
    assert_eq!(
        voice_of_customer(&[], &bad).unwrap_err().code(),
        "INVALID_CONFIG"
    );
}
