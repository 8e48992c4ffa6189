//! Segment-style JSON: `identify` calls give customers and traits, `track` (and `page`,
//! `screen`) calls give touchpoints. Input is a JSON array of calls, NDJSON (one call per
//! line) or a `{"batch": [...]}` (see [`read_segment_from`]; the shapes are read by
//! `segment_input.rs`).
//!
//! A `track` call becomes an [`Event`]:
//! - customer: `userId`, else `anonymousId`;
//! - timestamp: `timestamp`, else `originalTimestamp`;
//! - kind: `event`, read by [`EventKind::parse`] (`Order Completed` → purchase);
//! - channel: `properties.channel`, else `context.channel` (`browser` → web, `mobile` → app);
//! - value: `properties.revenue`, else `properties.value`, else `properties.total`;
//! - survey answer: `properties.survey` (nps, csat or ces) with `properties.score`;
//! - every other property is kept in [`Event::properties`].

use super::segment_input::{self, At, Sink};
use super::{Ingested, Mode, Rejections};
use crate::{
    Channel, Customer, DatasetBuilder, Event, EventKind, RecordRef, Result, SurveyAnswer,
    SurveyMetric, Timestamp, TouchpointError,
};
use serde_json::{Map, Value};
use std::io::BufRead;

/// Reads Segment-style JSON text: an array of calls, NDJSON (one call, or one
/// `{"batch": [...]}`, per line), or a `{"batch": [...]}` document. The shapes, and how
/// errors name the calls, are described in [`read_segment_from`].
pub fn read_segment(text: &str, mode: Mode) -> Result<Ingested> {
    read_with(mode, |sink| {
        segment_input::read_slice(text.as_bytes(), sink)
    })
}

/// Reads Segment-style JSON from `reader` as a stream: only the call being read is held (an
/// NDJSON line, an element of the array), so a large file needs no more memory than the
/// dataset it makes. The input is UTF-8 text in one of these shapes:
///
/// - a JSON array of calls, named `record N` (1-based);
/// - NDJSON, one JSON object per line, named `line N` (blank lines are skipped). A line may
///   be a `{"batch": [...]}` (the body of a request to Segment's batch API): its calls are
///   named by the line, and a field of one of them by its place (`batch[2].timestamp`,
///   0-based);
/// - a `{"batch": [...]}` document over several lines, its calls named `record N`. This shape
///   is read whole (Segment caps a batch at 500 KB).
///
/// A batch's `context` is merged into each of its calls' `context` (the call's own keys win).
/// The first non-blank character `[` means an array; a first line that starts a JSON value
/// continuing on the next lines (`{` alone) means a document; anything else is NDJSON.
///
/// A JSON syntax error inside an array or a document ends the read (it cannot be resumed);
/// a bad NDJSON line is a bad record like any other. An I/O error of `reader` ends the read
/// with [`TouchpointError::Parse`] naming the line it reached. The function does no I/O of
/// its own: give it a [`std::io::BufReader`] over a file, or a byte slice.
pub fn read_segment_from<R: BufRead>(reader: R, mode: Mode) -> Result<Ingested> {
    read_with(mode, |sink| segment_input::read_stream(reader, sink))
}

/// Runs `read`, which hands each call to the sink, and builds the dataset from them.
fn read_with(mode: Mode, read: impl FnOnce(&mut Sink<'_>) -> Result<()>) -> Result<Ingested> {
    let mut builder = DatasetBuilder::new();
    let mut rejections = Rejections::new(mode);
    read(&mut |call: Result<Value>, at: At| {
        let read = call.and_then(|call| read_call(&mut builder, &call, at.record));
        rejections.handle(read.map_err(|e| at.locate(e)))
    })?;
    Ok(Ingested {
        dataset: builder.finish(),
        rejected: rejections.into_vec(),
    })
}

fn read_call(builder: &mut DatasetBuilder, call: &Value, record: RecordRef) -> Result<()> {
    let obj = call
        .as_object()
        .ok_or_else(|| TouchpointError::invalid(record, "", "a call must be a JSON object"))?;
    let call_type = obj.get("type").and_then(Value::as_str).unwrap_or("track");
    let customer_id = text_field(obj, &["userId", "anonymousId"], record)?.ok_or_else(|| {
        TouchpointError::invalid(record, "userId", "missing (and no anonymousId)")
    })?;
    match call_type {
        "identify" => {
            let traits = object_field(obj, "traits", record)?
                .cloned()
                .unwrap_or_default();
            builder.add_customer(Customer {
                id: customer_id,
                traits,
            });
            Ok(())
        }
        "track" | "page" | "screen" => {
            let event = read_track(obj, call_type, customer_id, record)?;
            builder.push_event(event, record)
        }
        other => Err(TouchpointError::invalid(
            record,
            "type",
            format!("`{other}` is not a supported call (identify, track, page, screen)"),
        )),
    }
}

fn read_track(
    obj: &Map<String, Value>,
    call_type: &str,
    customer_id: String,
    record: RecordRef,
) -> Result<Event> {
    let timestamp = match text_field(obj, &["timestamp", "originalTimestamp"], record)? {
        Some(t) => Timestamp::parse_field(&t, record, "timestamp")?,
        None => return Err(TouchpointError::invalid(record, "timestamp", "missing")),
    };
    let kind = if call_type == "track" {
        let name = text_field(obj, &["event"], record)?
            .ok_or_else(|| TouchpointError::invalid(record, "event", "missing"))?;
        EventKind::parse(&name)
            .ok_or_else(|| TouchpointError::invalid(record, "event", "is empty"))?
    } else {
        EventKind::PageView
    };
    let mut properties = object_field(obj, "properties", record)?
        .cloned()
        .unwrap_or_default();
    let channel_text = match properties.remove("channel") {
        Some(Value::String(s)) => Some(s),
        Some(other) => {
            return Err(TouchpointError::invalid(
                record,
                "properties.channel",
                format!("{other} is not a string"),
            ))
        }
        None => obj
            .get("context")
            .and_then(|c| c.get("channel"))
            .and_then(Value::as_str)
            .map(str::to_string),
    };
    let channel = channel_text
        .as_deref()
        .and_then(Channel::parse)
        .ok_or_else(|| {
            TouchpointError::invalid(
                record,
                "properties.channel",
                "missing (and no context.channel)",
            )
        })?;
    let mut value = None;
    for key in ["revenue", "value", "total"] {
        if let Some(v) = properties.get(key) {
            let field = format!("properties.{key}");
            value = Some(v.as_f64().ok_or_else(|| {
                TouchpointError::invalid(record, &field, format!("{v} is not a number"))
            })?);
            properties.remove(key);
            break;
        }
    }
    let survey = match properties.remove("survey") {
        None => None,
        Some(Value::String(m)) => {
            let metric = SurveyMetric::parse(&m).ok_or_else(|| {
                TouchpointError::invalid(
                    record,
                    "properties.survey",
                    format!("`{m}` is not nps, csat or ces"),
                )
            })?;
            let score = match properties.remove("score") {
                Some(v) => v.as_f64().ok_or_else(|| {
                    TouchpointError::invalid(
                        record,
                        "properties.score",
                        format!("{v} is not a number"),
                    )
                })?,
                None => {
                    return Err(TouchpointError::invalid(
                        record,
                        "properties.score",
                        "missing for a survey answer",
                    ))
                }
            };
            metric.check(score, record, "properties.score")?;
            Some(SurveyAnswer { metric, score })
        }
        Some(other) => {
            return Err(TouchpointError::invalid(
                record,
                "properties.survey",
                format!("{other} is not a string"),
            ))
        }
    };
    if kind == EventKind::SurveyResponse && survey.is_none() {
        return Err(TouchpointError::invalid(
            record,
            "properties.survey",
            "missing for a survey response",
        ));
    }
    Ok(Event {
        customer_id,
        timestamp,
        channel,
        kind,
        value,
        survey,
        properties,
    })
}

/// The first of `keys` present, as a string (numbers are accepted as ids).
fn text_field(
    obj: &Map<String, Value>,
    keys: &[&str],
    record: RecordRef,
) -> Result<Option<String>> {
    for key in keys {
        match obj.get(*key) {
            None | Some(Value::Null) => continue,
            Some(Value::String(s)) if s.trim().is_empty() => {
                return Err(TouchpointError::invalid(record, *key, "is empty"))
            }
            Some(Value::String(s)) => return Ok(Some(s.clone())),
            Some(Value::Number(n)) => return Ok(Some(n.to_string())),
            Some(other) => {
                return Err(TouchpointError::invalid(
                    record,
                    *key,
                    format!("{other} is not a string"),
                ))
            }
        }
    }
    Ok(None)
}

fn object_field<'a>(
    obj: &'a Map<String, Value>,
    key: &str,
    record: RecordRef,
) -> Result<Option<&'a Map<String, Value>>> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(m)) => Ok(Some(m)),
        Some(other) => Err(TouchpointError::invalid(
            record,
            key,
            format!("{other} is not an object"),
        )),
    }
}
