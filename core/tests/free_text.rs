//! Free text on events: the same texts from every reader, kept through sorting, identity,
//! export and forgetting; the voice of the customer over a dataset; negative feedback as a
//! pain signal.

use serde_json::json;
use touchpoint::ingest::TimeColumn;
use touchpoint::ingest::{read_columns, read_csv, read_records, read_segment, EventColumns, Mode};
use touchpoint::{Dataset, PainPointOptions, VoiceOptions};

const LATE: &str = "The parcel was late and arrived damaged. Terrible.";
const GREAT: &str = "Great service, thank you!";

/// `(customer, event index, text)` of every event with text.
fn texts(d: &Dataset) -> Vec<(String, usize, String)> {
    let mut all: Vec<_> = d
        .customers()
        .flat_map(|c| {
            c.texts()
                .map(move |(i, t)| (c.id.to_string(), i, t.to_string()))
                .collect::<Vec<_>>()
        })
        .collect();
    all.sort();
    all
}

fn expected() -> Vec<(String, usize, String)> {
    vec![
        ("ana".into(), 0, GREAT.into()),
        ("ben".into(), 1, LATE.into()),
    ]
}

#[test]
fn every_reader_carries_the_text_to_its_event() {
    // ben's text comes first in the input but second in time: it follows its row.
    let records = vec![
        json!({"customer_id": "ben", "timestamp": "2026-03-02T00:00:00Z", "channel": "support", "kind": "ticket_opened", "text": LATE}),
        json!({"customer_id": "ana", "timestamp": "2026-03-01T00:00:00Z", "channel": "web", "kind": "review", "text": GREAT}),
        json!({"customer_id": "ben", "timestamp": "2026-03-01T00:00:00Z", "channel": "web", "kind": "click", "text": ""}),
        json!({"customer_id": "ana", "timestamp": "2026-03-03T00:00:00Z", "channel": "web", "kind": "click", "text": null}),
    ];
    let from_records = read_records(records, Mode::Strict).unwrap().dataset;
    assert_eq!(texts(&from_records), expected());
    assert_eq!(from_records.text_count(), 2);

    let csv = format!(
        "customer_id,timestamp,channel,kind,text\n\
         ben,2026-03-02T00:00:00Z,support,ticket_opened,\"{LATE}\"\n\
         ana,2026-03-01T00:00:00Z,web,review,\"{GREAT}\"\n\
         ben,2026-03-01T00:00:00Z,web,click,\n\
         ana,2026-03-03T00:00:00Z,web,click,\n"
    );
    assert_eq!(
        texts(&read_csv(&csv, Mode::Strict).unwrap().dataset),
        expected()
    );

    let segment = [
        json!({"type": "track", "userId": "ben", "event": "Ticket Opened", "timestamp": "2026-03-02T00:00:00Z", "properties": {"channel": "support", "text": LATE}}),
        json!({"type": "track", "userId": "ana", "event": "Product Reviewed", "timestamp": "2026-03-01T00:00:00Z", "properties": {"channel": "web", "review_body": GREAT, "rating": 5}}),
        json!({"type": "track", "userId": "ben", "event": "Click", "timestamp": "2026-03-01T00:00:00Z", "properties": {"channel": "web"}}),
        json!({"type": "track", "userId": "ana", "event": "Click", "timestamp": "2026-03-03T00:00:00Z", "properties": {"channel": "web", "comment": null}}),
    ]
    .map(|v| v.to_string())
    .join("\n");
    let from_segment = read_segment(&segment, Mode::Strict).unwrap().dataset;
    assert_eq!(texts(&from_segment), expected());
    // The text is taken out of the properties; the other properties stay.
    let ana = from_segment.customer(from_segment.find_customer("ana").unwrap());
    assert_eq!(ana.property(0, "review_body"), None);
    assert_eq!(ana.property(0, "rating"), Some(&json!(5)));

    let ids = ["ben", "ana", "ben", "ana"];
    let ts = [
        1_772_409_600_000_i64,
        1_772_323_200_000,
        1_772_323_200_000,
        1_772_496_000_000,
    ];
    let channel = ["support", "web", "web", "web"];
    let kind = ["ticket_opened", "review", "click", "click"];
    let text = [Some(LATE), Some(GREAT), Some(""), None];
    let mut columns = EventColumns::new(&ids, TimeColumn::millis(&ts), &channel, &kind);
    columns.text = Some(&text);
    assert_eq!(
        texts(&read_columns(&columns, Mode::Strict).unwrap().dataset),
        expected()
    );
}

#[test]
fn a_text_over_the_limit_is_refused_naming_its_field() {
    let long = "a".repeat(touchpoint::limits::MAX_TEXT_BYTES + 1);
    let e = read_records(
        vec![json!({"customer_id": "a", "timestamp": 0, "channel": "web", "kind": "review", "text": long})],
        Mode::Strict,
    )
    .unwrap_err();
    assert_eq!((e.code(), e.field()), ("OUT_OF_RANGE", Some("text")), "{e}");
    let e = read_records(
        vec![json!({"customer_id": "a", "timestamp": 0, "channel": "web", "kind": "review", "text": 5})],
        Mode::Strict,
    )
    .unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        ("INVALID_RECORD", Some("text")),
        "{e}"
    );
    let e = read_segment(
        &json!({"type": "track", "userId": "a", "event": "Review", "timestamp": "2026-03-01T00:00:00Z", "properties": {"channel": "web", "comment": ["no"]}}).to_string(),
        Mode::Strict,
    )
    .unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        ("INVALID_RECORD", Some("properties.comment")),
        "{e}"
    );

    let (ids, ts, ch, k) = (["a", "b"], [0_i64, 0], ["web", "web"], ["review", "review"]);
    let text = [Some(long.as_str()), Some("fine")];
    let mut columns = EventColumns::new(&ids, TimeColumn::millis(&ts), &ch, &k);
    columns.text = Some(&text);
    let read = read_columns(&columns, Mode::Lenient).unwrap();
    assert_eq!(
        texts(&read.dataset),
        [("b".to_string(), 0, "fine".to_string())]
    );
    assert_eq!(
        (read.rejected[0].code(), read.rejected[0].field()),
        ("OUT_OF_RANGE", Some("text"))
    );
}

#[test]
fn texts_follow_identity_export_and_forgetting() {
    let mut d = read_records(
        vec![
            json!({"anonymous_id": "anon", "timestamp": "2026-03-01T00:00:00Z", "channel": "web", "kind": "review", "text": LATE}),
            json!({"customer_id": "ana", "anonymous_id": "anon", "timestamp": "2026-03-02T00:00:00Z", "channel": "web", "kind": "sign_up"}),
            json!({"customer_id": "ben", "timestamp": "2026-03-02T00:00:00Z", "channel": "web", "kind": "review", "text": GREAT}),
        ],
        Mode::Strict,
    )
    .unwrap()
    .dataset;
    assert_eq!(
        texts(&d),
        [
            ("ana".to_string(), 0, LATE.to_string()),
            ("ben".to_string(), 0, GREAT.to_string())
        ]
    );
    let export = d.export("ana").unwrap().expect("ana is known");
    assert_eq!(export.events[0].text.as_deref(), Some(LATE));
    d.forget("ana").unwrap();
    assert_eq!(texts(&d), [("ben".to_string(), 0, GREAT.to_string())]);
    assert_eq!(d.event(0).text.as_deref(), Some(GREAT));
}

fn shop() -> Dataset {
    let mut events = Vec::new();
    let t = |day: i64| 1_772_323_200_000 + day * 86_400_000;
    let late = [
        "The delivery was late and the parcel arrived damaged.",
        "Late again, the courier lost my parcel. Terrible.",
        "Parcel damaged and late, very disappointing.",
    ];
    for (i, text) in late.iter().enumerate() {
        let id = format!("late{i}");
        events.push(json!({"customer_id": id, "timestamp": t(0), "channel": "web", "kind": "purchase", "value": 20, "traits": {"plan": "pro"}}));
        events.push(json!({"customer_id": id, "timestamp": t(2), "channel": "support", "kind": "ticket_opened", "text": text}));
    }
    for (i, text) in [
        "Lovely shoes, great fit!",
        "Great quality, fast and friendly.",
    ]
    .iter()
    .enumerate()
    {
        let id = format!("happy{i}");
        events.push(json!({"customer_id": id, "timestamp": t(0), "channel": "web", "kind": "purchase", "value": 20, "traits": {"plan": 1}}));
        events.push(json!({"customer_id": id, "timestamp": t(1), "channel": "web", "kind": "review", "text": text}));
    }
    events.push(json!({"customer_id": "blank", "timestamp": t(1), "channel": "web", "kind": "review", "text": "   "}));
    read_records(events, Mode::Strict).unwrap().dataset
}

#[test]
fn the_voice_of_a_dataset_is_the_voice_of_its_comments() {
    let d = shop();
    let options = VoiceOptions {
        segment_trait: Some("plan".into()),
        min_comments: 1,
        ..VoiceOptions::default()
    };
    let comments = touchpoint::dataset_comments(&d, &options).unwrap();
    assert_eq!(comments.len(), 6);
    let late = &comments
        .iter()
        .find(|c| c.contact.customer_id == "late0")
        .unwrap()
        .contact;
    assert_eq!(
        (
            late.channel.as_deref(),
            late.touchpoint.as_deref(),
            late.segment.as_deref()
        ),
        (Some("support"), Some("ticket_opened"), Some("pro"))
    );
    // The furthest stage reached by then: the purchase's `buy` or later.
    assert!(late.stage.is_some());
    let happy = &comments
        .iter()
        .find(|c| c.contact.customer_id == "happy0")
        .unwrap()
        .contact;
    assert_eq!(happy.segment.as_deref(), Some("1"));

    let report = touchpoint::voice_of_dataset(&d, &options).unwrap();
    assert_eq!(
        report,
        touchpoint::voice_of_customer(&comments, &options).unwrap()
    );
    assert_eq!((report.overall.comments, report.overall.blank), (6, 1));
    assert_eq!((report.overall.negative, report.overall.positive), (3, 2));
    let tickets = report
        .by_touchpoint
        .iter()
        .find(|g| g.group.as_deref() == Some("ticket_opened"))
        .unwrap();
    assert_eq!((tickets.negative, tickets.negative_share), (3, Some(100.0)));
    let terms: Vec<&str> = report
        .overall
        .negative_terms
        .iter()
        .map(|t| t.term.as_str())
        .collect();
    assert!(
        terms.contains(&"late") && terms.contains(&"parcel"),
        "{terms:?}"
    );

    let bad = VoiceOptions {
        stage_map: [("review".to_string(), Some("nowhere".to_string()))].into(),
        ..VoiceOptions::default()
    };
    let e = touchpoint::voice_of_dataset(&d, &bad).unwrap_err();
    assert_eq!(e.code(), "INVALID_CONFIG", "{e}");
}

#[test]
fn negative_feedback_is_a_pain_signal() {
    let d = shop();
    let options = PainPointOptions {
        min_evidence: 2,
        top: 100,
        ..PainPointOptions::default()
    };
    let report = touchpoint::pain_points(&d, &options).unwrap();
    let negative: Vec<(&str, &str, f64, u64)> = report
        .ranked
        .iter()
        .filter(|p| p.signal == "negative_feedback")
        .map(|p| (p.scope.as_str(), p.name.as_str(), p.value, p.evidence))
        .collect();
    // Support: three negative texts of three; the web: two positive reviews (the blank one
    // is not counted).
    assert!(
        negative.contains(&("channel", "support", 100.0, 3)),
        "{negative:?}"
    );
    assert!(
        negative.contains(&("channel", "web", 0.0, 2)),
        "{negative:?}"
    );
    let weights = PainPointOptions {
        weights: [("negative_feedback".to_string(), 0.0)].into(),
        ..options
    };
    let top = touchpoint::pain_points(&d, &weights).unwrap();
    assert!(top
        .ranked
        .iter()
        .filter(|p| p.signal == "negative_feedback")
        .all(|p| p.score == 0.0));
}
