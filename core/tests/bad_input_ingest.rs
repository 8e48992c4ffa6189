//! Bad input the readers refuse (issue 8): duplicate Segment events, unknown event fields,
//! duplicated CSV columns and records over `limits::MAX_RECORD_BYTES`. Each refusal names
//! the record and the field, the same in strict mode (the error) and lenient mode (`rejected`).

use serde_json::{json, Value};
use touchpoint::ingest::{
    read_camel_records, read_csv, read_csv_from, read_records, read_segment, read_segment_from,
    Ingested, Mode,
};
use touchpoint::limits::MAX_RECORD_BYTES;
use touchpoint::{RecordRef, Result, TouchpointError};

/// `(code, record, field, message)` of each rejection.
fn rejections(read: &Ingested) -> Vec<(&'static str, String, String, String)> {
    read.rejected.iter().map(parts).collect()
}

fn parts(e: &TouchpointError) -> (&'static str, String, String, String) {
    (
        e.code(),
        e.record().map(|r| r.to_string()).unwrap_or_default(),
        e.field().unwrap_or_default().to_string(),
        e.to_string(),
    )
}

/// Lenient reads `want` rejections; strict fails with the first of them.
fn refused_alike(read: impl Fn(Mode) -> Result<Ingested>) -> Ingested {
    let lenient = read(Mode::Lenient).expect("lenient reads");
    let strict = read(Mode::Strict).expect_err("strict refuses");
    assert_eq!(Some(&strict), lenient.rejected.first());
    lenient
}

fn track(message_id: &str, user: &str) -> Value {
    json!({"type": "track", "messageId": message_id, "userId": user, "event": "Order Completed",
        "timestamp": "2026-03-01T10:00:00Z", "properties": {"channel": "web", "revenue": 10}})
}

#[test]
fn a_repeated_segment_message_id_counts_once_and_names_the_first() {
    let calls = [
        track("m1", "ana"),
        track("m2", "ana"),
        track("m1", "ana"),
        track("m1", "bo"),
    ];
    let ndjson: String = calls.iter().map(|c| format!("{c}\n")).collect();
    let array = serde_json::to_string(&calls).unwrap();
    for (text, unit) in [(ndjson.as_str(), "line"), (array.as_str(), "record")] {
        let read = refused_alike(|mode| read_segment(text, mode));
        assert_eq!(read.dataset.event_count(), 2, "{unit}");
        let want = |n| {
            (
                "INVALID_RECORD",
                format!("{unit} {n}"),
                "messageId".to_string(),
                format!("{unit} {n}: field `messageId`: duplicate of {unit} 1"),
            )
        };
        assert_eq!(rejections(&read), vec![want(3), want(4)]);
        // The stream reader agrees.
        let streamed = read_segment_from(text.as_bytes(), Mode::Lenient).unwrap();
        assert_eq!(rejections(&streamed), rejections(&read));
    }
}

#[test]
fn a_repeated_message_id_in_a_batch_names_its_place() {
    let line1 = json!({"batch": [track("m1", "ana"), track("m1", "ana")]});
    let line2 = json!({"batch": [track("m2", "ana"), track("m1", "ana")]});
    let text = format!("{line1}\n{line2}\n");
    let read = refused_alike(|mode| read_segment(&text, mode));
    assert_eq!(read.dataset.event_count(), 2);
    let got: Vec<_> = rejections(&read)
        .into_iter()
        .map(|r| (r.1, r.2, r.3))
        .collect();
    assert_eq!(
        got,
        [
            (
                "line 1",
                "batch[1].messageId",
                "duplicate of line 1, batch[0]"
            ),
            (
                "line 2",
                "batch[1].messageId",
                "duplicate of line 1, batch[0]"
            ),
        ]
        .map(|(r, f, m)| (
            r.to_string(),
            f.to_string(),
            format!("{r}: field `{f}`: {m}")
        ))
    );
    // A `{"batch": [...]}` document names its calls `record N`.
    let doc = format!(
        "{{\n\"batch\": [{}, {}]\n}}",
        track("m9", "a"),
        track("m9", "a")
    );
    let read = refused_alike(|mode| read_segment(&doc, mode));
    assert_eq!(
        rejections(&read)[0].3,
        "record 2: field `messageId`: duplicate of record 1"
    );
}

#[test]
fn a_message_id_of_a_rejected_call_may_come_again() {
    let mut bad = track("m1", "ana");
    bad["timestamp"] = json!("not a time");
    let text = format!("{bad}\n{}\n", track("m1", "ana"));
    let read = read_segment(&text, Mode::Lenient).unwrap();
    assert_eq!(read.dataset.event_count(), 1);
    assert_eq!(rejections(&read)[0].2, "timestamp");
}

fn event(extra: (&str, Value)) -> Value {
    let mut e = json!({"customer_id": "ana", "timestamp": "2026-03-01T10:00:00Z",
        "channel": "web", "kind": "purchase"});
    e[extra.0] = extra.1;
    e
}

#[test]
fn an_unknown_event_field_is_refused_with_the_near_name() {
    let records = vec![
        event(("value", json!(5))),
        event(("vaule", json!(5))),
        event(("timestmap", json!(1))),
        event(("colour", json!("red"))),
    ];
    let read = refused_alike(|mode| read_records(records.clone(), mode));
    assert_eq!(read.dataset.event_count(), 1);
    let got = rejections(&read);
    let fields: Vec<_> = got
        .iter()
        .map(|r| (r.0, r.1.as_str(), r.2.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("INVALID_RECORD", "record 2", "vaule"),
            ("INVALID_RECORD", "record 3", "timestmap"),
            ("INVALID_RECORD", "record 4", "colour"),
        ]
    );
    assert!(got[0].3.ends_with("did you mean `value`?)"), "{}", got[0].3);
    assert!(
        got[1].3.ends_with("did you mean `timestamp`?)"),
        "{}",
        got[1].3
    );
    assert!(
        got[2]
            .3
            .contains("is not a field of an event (expected `customer_id`")
            || got[2].3.contains("expected customer_id"),
        "{}",
        got[2].3
    );
}

#[test]
fn an_unknown_camel_case_field_is_refused_in_camel_case() {
    let base = json!({"customerId": "ana", "timestamp": 0, "channel": "web", "kind": "purchase"});
    let with = |k: &str| {
        let mut e = base.clone();
        e[k] = json!(5);
        e
    };
    let records = vec![
        base.clone(),
        with("vaule"),
        with("anonymousID"),
        with("anonymous_id"),
    ];
    let read = refused_alike(|mode| read_camel_records(records.clone(), mode));
    let got = rejections(&read);
    let fields: Vec<_> = got.iter().map(|r| (r.1.as_str(), r.2.as_str())).collect();
    assert_eq!(
        fields,
        [
            ("record 2", "vaule"),
            ("record 3", "anonymousID"),
            ("record 4", "anonymous_id")
        ]
    );
    assert!(got[0].3.ends_with("did you mean `value`?)"), "{}", got[0].3);
    assert!(
        got[1].3.ends_with("did you mean `anonymousId`?)"),
        "{}",
        got[1].3
    );
    assert!(
        got[2].3.ends_with("(keys are camelCase: `anonymousId`)"),
        "{}",
        got[2].3
    );
}

#[test]
fn a_duplicated_csv_column_is_refused_at_line_1() {
    for header in [
        "customer_id,timestamp,channel,kind,value,value",
        "customer_id,timestamp,channel,kind,plan,Plan",
        "customer_id,timestamp,Channel,kind,channel",
    ] {
        let text = format!("{header}\nana,2026-03-01,web,purchase,1,2\n");
        for mode in [Mode::Strict, Mode::Lenient] {
            let e = read_csv(&text, mode).expect_err(header);
            let duplicated = header.rsplit(',').next().unwrap();
            assert_eq!(
                (e.code(), e.record(), e.field()),
                ("INVALID_RECORD", Some(RecordRef::Line(1)), Some(duplicated)),
                "{header}: {e}"
            );
        }
    }
    // Other columns are still kept as properties.
    let read = read_csv(
        "customer_id,timestamp,channel,kind,plan\nana,2026-03-01,web,click,pro\n",
        Mode::Strict,
    )
    .unwrap();
    assert_eq!(read.dataset.event_count(), 1);
}

#[test]
fn a_record_over_the_limit_is_refused_naming_its_line() {
    let big = "x".repeat(MAX_RECORD_BYTES + 10);
    // NDJSON: the long line is the record; the lines around it are read.
    let long_call = json!({"type": "track", "userId": "bo", "event": "click",
        "timestamp": "2026-03-01T10:00:00Z", "properties": {"channel": "web", "note": big}});
    let text = format!(
        "{}\n{long_call}\n{}\n",
        track("m1", "ana"),
        track("m2", "cy")
    );
    let read = refused_alike(|mode| read_segment(&text, mode));
    assert_eq!(read.dataset.event_count(), 2);
    let streamed = read_segment_from(text.as_bytes(), Mode::Lenient).unwrap();
    for r in [&read, &streamed] {
        let got = rejections(r);
        assert_eq!(got.len(), 1);
        assert_eq!(
            (got[0].0, got[0].1.as_str(), got[0].2.as_str()),
            ("INVALID_RECORD", "line 2", "")
        );
        assert!(got[0].3.contains("more than the 1048576"), "{}", got[0].3);
        assert_eq!(r.dataset.event_count(), 2);
    }
    // A long line without a newline at the end of the input.
    let last = format!("{}\n{long_call}", track("m1", "ana"));
    let streamed = read_segment_from(last.as_bytes(), Mode::Lenient).unwrap();
    assert_eq!(rejections(&streamed)[0].1, "line 2");
    // CSV: the long record, by its line.
    let csv = format!(
        "customer_id,timestamp,channel,kind,note\nana,2026-03-01,web,click,a\nbo,2026-03-01,web,click,{big}\ncy,2026-03-01,web,click,c\n"
    );
    let read = refused_alike(|mode| read_csv(&csv, mode));
    assert_eq!(read.dataset.event_count(), 2);
    let got = rejections(&read);
    assert_eq!(
        (got[0].0, got[0].1.as_str(), got[0].2.as_str()),
        ("INVALID_RECORD", "line 3", "")
    );
    let streamed = read_csv_from(csv.as_bytes(), Mode::Lenient).unwrap();
    assert_eq!(rejections(&streamed), got);
}

#[test]
fn invalid_utf8_bytes_are_refused_naming_the_line_never_replaced() {
    let mut ndjson = format!("{}\n", track("m1", "ana")).into_bytes();
    ndjson.extend_from_slice(b"{\"type\":\"track\",\"userId\":\"b\xff\",\"event\":\"click\",\"timestamp\":\"2026-03-01T10:00:00Z\",\"properties\":{\"channel\":\"web\"}}\n");
    let read = read_segment_from(ndjson.as_slice(), Mode::Lenient).unwrap();
    let got = rejections(&read);
    assert_eq!((got[0].0, got[0].1.as_str()), ("PARSE_ERROR", "line 2"));
    assert!(read.dataset.customers().all(|c| !c.id.contains('\u{fffd}')));
    let mut csv = b"customer_id,timestamp,channel,kind\nana,2026-03-01,web,click\n".to_vec();
    csv.extend_from_slice(b"b\xff,2026-03-01,web,click\n");
    let read = read_csv_from(csv.as_slice(), Mode::Lenient).unwrap();
    let got = rejections(&read);
    assert_eq!((got[0].0, got[0].1.as_str()), ("PARSE_ERROR", "line 3"));
    assert_eq!(read.dataset.customer_count(), 1);
}
