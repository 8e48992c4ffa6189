//! Event records already parsed into JSON values (Python dicts, JavaScript objects):
//! each is read as an [`Event`], and a bad one is named by its 1-based position and field.

use super::{Ingested, Mode, Rejections};
use crate::{DatasetBuilder, Event, RecordRef, Result, TouchpointError};
use serde_json::Value;

/// Reads events that a binding has already deserialized (each with its own error, if it
/// could not be read), validating each. Errors name the 1-based record.
pub fn read_events(events: impl IntoIterator<Item = Result<Event>>, mode: Mode) -> Result<Ingested> {
    let mut builder = DatasetBuilder::new();
    let mut rejections = Rejections::new(mode);
    for (i, event) in events.into_iter().enumerate() {
        let record = RecordRef::Record(i as u64 + 1);
        rejections.handle(event.and_then(|e| builder.push_event(e, record)))?;
    }
    Ok(Ingested { dataset: builder.finish(), rejected: rejections.into_vec() })
}

/// Reads event records (`customer_id`, `timestamp`, `channel`, `kind`, and optionally
/// `value`, `survey: {metric, score}`, `properties`).
pub fn read_records(records: impl IntoIterator<Item = Value>, mode: Mode) -> Result<Ingested> {
    read_events(records.into_iter().enumerate().map(|(i, v)| event_from_value(v, RecordRef::Record(i as u64 + 1))), mode)
}

/// Reads one event record, naming the field that is missing or of the wrong type.
///
/// A JSON value cannot hold NaN or ±∞: a binding whose host values can (Python floats,
/// JavaScript numbers) should use [`event_from_deserializer`] so that such a value is
/// rejected by [`Event::validate`] instead of silently turning into "no value".
pub fn event_from_value(value: Value, record: RecordRef) -> Result<Event> {
    if !value.is_object() {
        return Err(TouchpointError::invalid(record, "", "an event must be an object"));
    }
    event_from_deserializer(value, record)
}

/// Reads one event record from any serde deserializer (a Python dict through pythonize, a
/// JavaScript object through napi), naming the field that is missing or of the wrong type.
/// The event is not yet validated: [`read_events`] (or [`DatasetBuilder::push_event`]) does that.
pub fn event_from_deserializer<'de, D: serde::Deserializer<'de>>(value: D, record: RecordRef) -> Result<Event> {
    serde_path_to_error::deserialize::<_, Event>(value).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner().to_string();
        // A missing field is reported by serde at the parent's path.
        let field = match (inner.strip_prefix("missing field `"), path.as_str()) {
            (Some(rest), ".") => rest.trim_end_matches('`').to_string(),
            (Some(rest), parent) => format!("{parent}.{}", rest.trim_end_matches('`')),
            (None, p) => p.to_string(),
        };
        TouchpointError::invalid(record, field, inner)
    })
}
