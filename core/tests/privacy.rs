//! Forgetting a customer leaves nothing of it behind, and leaves the others as if it had
//! never been read; exports re-read; pseudonyms are HMAC-SHA-256 in every reader.

use serde_json::{json, Value};
use touchpoint::ingest::{ColumnsReader, EventColumns, TimeColumn};
use touchpoint::{read_csv, read_records, read_segment, Dataset, Mode, PseudonymKey, ReadOptions};

/// Every secret string of the forgotten customer contains this (in either case).
const MARK: &str = "zq";

/// Segment NDJSON for a dozen customers; `secret` adds the customer to forget (an anonymous
/// id tied by a sign-in, a previous id merged by an alias, traits, a unique channel, kind
/// and property value), first in the input so that it is the first sight of shared
/// channels and kinds too.
fn segment(secret: bool) -> String {
    let mut lines = Vec::new();
    if secret {
        lines.extend([
            json!({"type":"track","anonymousId":"ZQ-anon-9","event":"Product Viewed","timestamp":"2026-01-01T08:00:00Z","properties":{"channel":"web","sku":"ZQ-sku-unique"}}),
            json!({"type":"identify","userId":"ZQ-user-42","anonymousId":"ZQ-anon-9","timestamp":"2026-01-01T08:01:00Z","traits":{"email":"zq.secret@example.com","plan":"ZQ-plan"}}),
            json!({"type":"track","userId":"ZQ-prev-1","event":"Email Opened","timestamp":"2026-01-02T08:00:00Z","properties":{"channel":"email"}}),
            json!({"type":"alias","userId":"ZQ-user-42","previousId":"ZQ-prev-1","timestamp":"2026-01-03T08:00:00Z"}),
            json!({"type":"track","userId":"ZQ-user-42","event":"Order Completed","timestamp":"2026-01-04T08:00:00Z","properties":{"channel":"store","revenue":123456.78,"coupon":"ZQ-coupon"}}),
            json!({"type":"track","userId":"ZQ-user-42","event":"ZQ Secret Thing","timestamp":"2026-01-05T08:00:00Z","properties":{"channel":"zq-kiosk","nps":2}}),
            json!({"type":"track","userId":"ZQ-user-42","event":"Support Ticket","timestamp":"2026-01-06T08:00:00Z","properties":{"channel":"phone","csat":1}}),
        ]);
    }
    let kinds = [
        "Product Viewed",
        "Product Added",
        "Order Completed",
        "Email Opened",
        "Support Ticket",
    ];
    let channels = ["web", "app", "email", "store", "phone"];
    for c in 0..12u32 {
        let user = format!("user-{c}");
        lines.push(json!({"type":"identify","userId":user,"traits":{"plan": if c % 2 == 0 {"pro"} else {"free"}}}));
        for e in 0..(3 + c % 5) {
            let day = 1 + (c * 7 + e * 3) % 50;
            let mut properties = json!({"channel": channels[((c + e) % 5) as usize]});
            let kind = kinds[((c * 3 + e) % 5) as usize];
            if kind == "Order Completed" {
                properties["revenue"] = json!(10.0 + f64::from(c * 5 + e));
            }
            if e == 2 {
                properties["nps"] = json!((c + e) % 11);
            }
            let ts = format!(
                "2026-{:02}-{:02}T{:02}:00:00Z",
                1 + (day - 1) / 28,
                1 + (day - 1) % 28,
                8 + e % 10
            );
            lines.push(json!({"type":"track","userId":user,"event":kind,"timestamp":ts,"properties":properties}));
        }
    }
    lines
        .iter()
        .map(Value::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

fn read(secret: bool) -> Dataset {
    let read = read_segment(&segment(secret), Mode::Strict).unwrap();
    assert!(read.rejected.is_empty(), "{:?}", read.rejected);
    read.dataset
}

fn opts<T: serde::de::DeserializeOwned + Default>(v: Value) -> T {
    touchpoint::options_from_value(v).unwrap()
}

/// Every report of every analysis, serialised, with per-customer rows where there are.
fn every_report(data: &Dataset) -> Vec<(&'static str, String)> {
    let steps = json!({"steps": ["page_view", "add_to_cart", "purchase"]});
    let text = |v: Value| v.to_string();
    let j = |r: &dyn erased::Ser| r.json();
    vec![
        ("overview", j(&touchpoint::overview(data, &opts(json!({"funnel": steps, "pain_points": {"min_evidence": 1}, "pyramid": {"min_evidence": 1}}))).unwrap())),
        ("funnel", j(&touchpoint::funnel(data, &opts(steps.clone())).unwrap())),
        ("journey_map", j(&touchpoint::journey_map(data, &opts(json!({}))).unwrap())),
        ("pain_points", j(&touchpoint::pain_points(data, &opts(json!({"min_evidence": 1}))).unwrap())),
        ("cx_pyramid", j(&touchpoint::cx_pyramid(data, &opts(json!({"min_evidence": 1}))).unwrap())),
        ("cx_report", j(&touchpoint::cx_report(data, &Default::default()))),
        ("sessions", j(&touchpoint::sessions(data, &opts(json!({"per_customer": true}))).unwrap())),
        ("engagement", j(&touchpoint::engagement(data, &opts(json!({}))).unwrap())),
        ("lifecycle", j(&touchpoint::lifecycle(data, &opts(json!({"per_customer": true}))).unwrap())),
        ("engagement_score", j(&touchpoint::engagement_score(data, &opts(json!({"per_customer": true}))).unwrap())),
        ("retention", j(&touchpoint::retention(data, &opts(json!({"periods": 4}))).unwrap())),
        ("rfm", j(&touchpoint::rfm(data, &opts(json!({"per_customer": true, "list_not_scored": true}))).unwrap())),
        ("engagement_tiers", j(&touchpoint::engagement_tiers(data, &opts(json!({"per_customer": true}))).unwrap())),
        ("summary", j(&data.summary())),
        // The codes keep the order of first sight in the input read, which the forgotten
        // customer may have set: compared as sets (no report depends on it, as the
        // reports above show).
        ("channels and kinds", text(json!([sorted(data.channels()), sorted(data.kinds())]))),
        ("events", text(json!((0..data.event_count()).map(|r| data.event(r)).collect::<Vec<_>>()))),
        ("customers", text(json!(data.customers().map(|c| (c.id, data.traits(c.index), data.aliases(c.index))).collect::<Vec<_>>()))),
        ("exports", text(json!(data.customers().map(|c| data.export(c.id).unwrap()).collect::<Vec<_>>()))),
    ]
}

fn sorted<T: serde::Serialize>(items: &[T]) -> Vec<String> {
    let mut names: Vec<String> = items.iter().map(|i| json!(i).to_string()).collect();
    names.sort();
    names
}

/// Serialising any report through one trait object.
mod erased {
    pub trait Ser {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> Ser for T {
        fn json(&self) -> String {
            serde_json::to_string(self).unwrap()
        }
    }
}

#[test]
fn forgetting_by_any_of_its_ids_leaves_no_trace_and_the_rest_as_if_never_read() {
    let without = read(false);
    for id in ["ZQ-user-42", "ZQ-anon-9", "ZQ-prev-1"] {
        let mut data = read(true);
        // The mark is there before (so the check below can fail).
        assert!(format!("{data:?}").to_lowercase().contains(MARK));
        assert!(every_report(&data)
            .iter()
            .any(|(_, r)| r.to_lowercase().contains(MARK)));
        let receipt = data.forget(id).unwrap();
        assert_eq!(
            serde_json::to_value(receipt).unwrap(),
            json!({"found": true, "customers": 1, "events": 5, "traits": 2, "ids": 3})
        );
        assert!(!serde_json::to_string(&receipt)
            .unwrap()
            .to_lowercase()
            .contains(MARK));
        let debug = format!("{data:?}").to_lowercase();
        assert!(
            !debug.contains(MARK),
            "{id}: the dataset's Debug form still holds it"
        );
        for ((name, after), (_, built)) in every_report(&data).iter().zip(every_report(&without)) {
            assert!(
                !after.to_lowercase().contains(MARK),
                "{id}: {name} still holds it: {after}"
            );
            assert_eq!(
                after, &built,
                "{id}: {name} differs from a dataset read without it"
            );
        }
        // Forgetting again finds nothing.
        assert!(!data.forget(id).unwrap().found);
    }
}

#[test]
fn forget_all_forgets_a_batch_and_checks_every_id_first() {
    let mut data = read(true);
    let before = data.customer_count();
    let e = data.forget_all(["user-1", " "]).unwrap_err();
    assert_eq!(
        (e.code(), e.to_string().contains("record 2")),
        ("INVALID_RECORD", true)
    );
    assert_eq!(
        data.customer_count(),
        before,
        "nothing is forgotten when an id is invalid"
    );
    let r = data
        .forget_all(["user-1", "ZQ-anon-9", "nobody", "user-1"])
        .unwrap();
    assert_eq!((r.found, r.customers, r.ids), (true, 2, 4));
    assert_eq!(data.customer_count(), before - 2);
    let e = data.forget("").unwrap_err();
    assert_eq!(e.code(), "INVALID_RECORD");
    assert!(!data.forget("nobody").unwrap().found);
}

#[test]
fn an_export_holds_every_id_and_re_reads_to_the_same_events() {
    let data = read(true);
    let export = data.export("ZQ-prev-1").unwrap().expect("held");
    assert_eq!(export.customer_id, "ZQ-user-42");
    assert_eq!(export.ids.len(), 2);
    assert_eq!(export.traits["plan"], "ZQ-plan");
    assert_eq!(export.events.len(), 5);
    assert_eq!(export.derived.rfm.as_ref().unwrap().monetary, 123456.78);
    assert!(export.derived.engagement_score.is_some() && export.derived.lifecycle.is_some());
    assert_eq!(export.derived.sessions.as_ref().unwrap().events, 5);
    let records = serde_json::to_value(&export.events).unwrap();
    let again = read_records(records.as_array().unwrap().clone(), Mode::Strict)
        .unwrap()
        .dataset;
    let events = |d: &Dataset| (0..d.event_count()).map(|r| d.event(r)).collect::<Vec<_>>();
    assert_eq!(events(&again), export.events);
    assert!(data.export("nobody").unwrap().is_none());
    assert_eq!(data.export("").unwrap_err().code(), "INVALID_RECORD");
}

#[test]
fn every_reader_replaces_ids_with_the_same_pseudonyms() {
    let key = PseudonymKey::new("a key of 16 bytes or more").unwrap();
    let options = || ReadOptions::new(Mode::Strict).with_pseudonyms(key.clone());
    let p = |id: &str| key.pseudonym(id);
    // Segment: ties and aliases still merge; refused ties name pseudonyms only.
    let seg = read_segment(&segment(true), options()).unwrap().dataset;
    let c = seg
        .find_customer(&p("ZQ-user-42"))
        .expect("merged under the pseudonym");
    let mut aliases = seg.aliases(c).to_vec();
    aliases.sort();
    let mut want = vec![p("ZQ-anon-9"), p("ZQ-prev-1")];
    want.sort();
    assert_eq!(aliases, want);
    // Ids only: properties and traits are data, not ids, and are kept as they are.
    for c in seg.customers() {
        assert!(!c.id.to_lowercase().contains(MARK));
        assert!(seg
            .aliases(c.index)
            .iter()
            .all(|a| !a.to_lowercase().contains(MARK)));
    }
    let refused = read_segment(
        "{\"type\":\"identify\",\"userId\":\"ZQ-u1\",\"anonymousId\":\"ZQ-a\"}\n{\"type\":\"identify\",\"userId\":\"ZQ-u2\",\"anonymousId\":\"ZQ-a\",\"timestamp\":\"2026-01-01T00:00:00Z\"}",
        ReadOptions::new(Mode::Lenient).with_pseudonyms(key.clone()),
    )
    .unwrap();
    assert_eq!(refused.rejected.len(), 1);
    assert!(
        !refused.rejected[0]
            .to_string()
            .to_lowercase()
            .contains(MARK),
        "{}",
        refused.rejected[0]
    );
    // Records, CSV and columns.
    let records = read_records(
        vec![json!({"customer_id": "ana", "anonymous_id": "dev-1", "timestamp": "2026-01-01T00:00:00Z", "channel": "web", "kind": "purchase"})],
        options(),
    )
    .unwrap()
    .dataset;
    assert_eq!(records.customer_id(0), p("ana"));
    assert_eq!(records.aliases(0), [p("dev-1")]);
    let csv = read_csv(
        "customer_id,timestamp,channel,kind\nana,2026-01-01T00:00:00Z,web,purchase\n",
        options(),
    )
    .unwrap()
    .dataset;
    assert_eq!(csv.customer_id(0), p("ana"));
    let ids = ["ana", "ana"];
    let ts = [0i64, 1];
    let channels = ["web", "app"];
    let kinds = ["purchase", "page_view"];
    let (ids, channels, kinds) = (&ids[..], &channels[..], &kinds[..]);
    let columns = EventColumns::new(&ids, TimeColumn::millis(&ts), &channels, &kinds);
    let mut reader = ColumnsReader::new(options());
    reader.push(&columns).unwrap();
    let cols = reader.finish().unwrap().dataset;
    assert_eq!(
        (cols.customer_count(), cols.customer_id(0)),
        (1, p("ana").as_str())
    );
    // Without a key, nothing changes.
    assert_eq!(
        read_csv(
            "customer_id,timestamp,channel,kind\nana,2026-01-01T00:00:00Z,web,purchase\n",
            Mode::Strict
        )
        .unwrap()
        .dataset
        .customer_id(0),
        "ana"
    );
}
