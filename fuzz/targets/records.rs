//! Target `records`: the bytes as JSON event records, read the ways the bindings read them:
//! as JSON values (`read_records`, `read_camel_records`), deserialized straight from the
//! text (`EventRecord`, `CamelEventRecord`: how Python and JavaScript lists arrive), and
//! as `Event`s for `Dataset::from_events`.

use super::readers::{both_modes, error_key, outcome};
use serde_json::Value;
use touchpoint::ingest::{
    read_camel_events, read_camel_records, read_events, read_records, CamelEventRecord, EventRecord,
};
use touchpoint::{Dataset, Event};

/// Reads `data` (a JSON array of records, or one record) every way; value and
/// deserializer paths must agree.
pub fn run(data: &[u8]) {
    let Ok(value) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let records = match value {
        Value::Array(items) => items,
        one => vec![one],
    };
    let (strict, lenient) = both_modes("records", |mode| read_records(records.clone(), mode));
    let (camel_strict, _) = both_modes("camel records", |mode| {
        read_camel_records(records.clone(), mode)
    });

    // Deserialized straight from the text (each record with its own error).
    let text = serde_json::to_string(&records).expect("JSON values print");
    if let Ok(list) = serde_json::from_str::<Vec<EventRecord>>(&text) {
        let (s, l) = both_modes("events", |mode| read_events(list.clone(), mode));
        assert_eq!(
            outcome(&s),
            outcome(&strict),
            "records: value ≠ deserializer (strict)"
        );
        assert_eq!(
            outcome(&l),
            outcome(&lenient),
            "records: value ≠ deserializer (lenient)"
        );
    }
    if let Ok(list) = serde_json::from_str::<Vec<CamelEventRecord>>(&text) {
        let (s, _) = both_modes("camel events", |mode| read_camel_events(list.clone(), mode));
        assert_eq!(
            outcome(&s),
            outcome(&camel_strict),
            "camel records: value ≠ deserializer (strict)"
        );
    }

    // `Event` itself: what reads as one builds a dataset like the reader does.
    let events: Option<Vec<Event>> = records
        .iter()
        .map(|r| serde_json::from_value::<Event>(r.clone()).ok())
        .collect();
    if let Some(events) = events {
        match (Dataset::from_events(events), &strict) {
            (Ok(d), Ok(s)) => assert_eq!(
                serde_json::to_value(d.summary()).ok(),
                serde_json::to_value(s.dataset.summary()).ok(),
                "records: Dataset::from_events ≠ read_records"
            ),
            (Err(e), _) => assert!(
                e.record().is_some(),
                "records: Dataset::from_events failed without naming a record: {e} {}",
                error_key(&e)
            ),
            (Ok(_), Err(_)) => {}
        }
    }
}
