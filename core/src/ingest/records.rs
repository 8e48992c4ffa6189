//! Event records already parsed into JSON values (Python dicts, JavaScript objects):
//! each is read as an [`Event`], and a bad one is named by its 1-based position and field.

use super::{Ingested, Mode, Rejections};
use crate::{DatasetBuilder, Event, RecordRef, Result, TouchpointError};
use serde_json::Value;

/// One event record as a binding's deserializer read it: the event, or why it could not be
/// read (naming the field). Deserialize a list of these straight from host values (a Python
/// list of dicts, a JavaScript array), so NaN and ±∞ reach [`Event::validate`] and are refused
/// rather than lost on the way through JSON, and one bad record doesn't fail the whole list.
#[derive(Debug, Clone)]
pub struct EventRecord(pub Result<Event>);

impl<'de> serde::Deserialize<'de> for EventRecord {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        // The position is not known here; `read_events` puts it in.
        Ok(EventRecord(event_from_deserializer(
            d,
            RecordRef::Record(0),
        )))
    }
}

/// Reads events that a binding has already deserialized (each with its own error, if it
/// could not be read), validating each. Errors name the 1-based record.
pub fn read_events(events: impl IntoIterator<Item = EventRecord>, mode: Mode) -> Result<Ingested> {
    let mut builder = DatasetBuilder::new();
    let mut rejections = Rejections::new(mode);
    for (i, EventRecord(event)) in events.into_iter().enumerate() {
        let record = RecordRef::Record(i as u64 + 1);
        let event = event.map_err(|e| e.at_record(record));
        rejections.handle(event.and_then(|e| builder.push_event(e, record)))?;
    }
    super::finish(builder, rejections)
}

/// Reads event records: `customer_id` (text or an integer), `timestamp`, `channel`, `kind`,
/// and optionally `anonymous_id`, `value`, `answers: {nps: 9, csat: 4, …}` (or one
/// `survey: {metric, score}`), `traits` and `properties` (see [`Event`]).
pub fn read_records(records: impl IntoIterator<Item = Value>, mode: Mode) -> Result<Ingested> {
    read_events(
        records
            .into_iter()
            .map(|v| EventRecord(event_from_value(v, RecordRef::Record(0)))),
        mode,
    )
}

/// Reads one event record, naming the field that is missing or of the wrong type.
///
/// A JSON value cannot hold NaN or ±∞: a binding whose host values can (Python floats,
/// JavaScript numbers) should use [`event_from_deserializer`] so that such a value is
/// rejected by [`Event::validate`] instead of silently turning into "no value".
pub fn event_from_value(value: Value, record: RecordRef) -> Result<Event> {
    if !value.is_object() {
        return Err(TouchpointError::invalid(
            record,
            "",
            "an event must be an object",
        ));
    }
    event_from_deserializer(value, record)
}

/// Reads one event record from any serde deserializer (a Python dict through pythonize, a
/// JavaScript object through napi), naming the field that is missing or of the wrong type.
/// The event is not yet validated: [`read_events`] (or [`DatasetBuilder::push_event`]) does that.
pub fn event_from_deserializer<'de, D: serde::Deserializer<'de>>(
    value: D,
    record: RecordRef,
) -> Result<Event> {
    serde_path_to_error::deserialize::<_, Event>(value).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner().to_string();
        // A missing field is reported at its parent's path ("." for the record itself), in
        // words that each deserializer wraps in its own way: look for serde's phrase anywhere.
        let missing = inner.find("missing field `").map(|at| {
            inner[at + "missing field `".len()..]
                .split('`')
                .next()
                .unwrap_or_default()
                .to_string()
        });
        let field = match (missing, path.as_str()) {
            (Some(name), ".") => name,
            (Some(name), parent) => format!("{parent}.{name}"),
            (None, ".") => String::new(),
            (None, p) => p.to_string(),
        };
        TouchpointError::invalid(record, field, inner)
    })
}
