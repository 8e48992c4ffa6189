//! Segment-style JSON: `identify` calls give customers and traits, `track` (and `page`,
//! `screen`) calls give touchpoints. Input is a JSON array of calls or NDJSON, one per line.
//!
//! A `track` call becomes an [`Event`]:
//! - customer: `userId`, else `anonymousId`;
//! - timestamp: `timestamp`, else `originalTimestamp`;
//! - kind: `event`, read by [`EventKind::parse`] (`Order Completed` → purchase);
//! - channel: `properties.channel`, else `context.channel` (`browser` → web, `mobile` → app);
//! - value: `properties.revenue`, else `properties.value`, else `properties.total`;
//! - survey answer: `properties.survey` (nps, csat or ces) with `properties.score`;
//! - every other property is kept in [`Event::properties`].

use super::{Ingested, Mode, Rejections};
use crate::{
    Channel, Customer, DatasetBuilder, Event, EventKind, RecordRef, Result, SurveyAnswer,
    SurveyMetric, Timestamp, TouchpointError,
};
use serde_json::{Map, Value};

/// Reads Segment-style JSON (an array of calls, or NDJSON).
pub fn read_segment(text: &str, mode: Mode) -> Result<Ingested> {
    let mut builder = DatasetBuilder::new();
    let mut rejections = Rejections::new(mode);
    if text.trim_start().starts_with('[') {
        let calls: Vec<Value> = serde_json::from_str(text).map_err(|e| TouchpointError::Parse {
            record: RecordRef::Line(e.line() as u64),
            message: e.to_string(),
        })?;
        for (i, call) in calls.iter().enumerate() {
            rejections.handle(read_call(
                &mut builder,
                call,
                RecordRef::Record(i as u64 + 1),
            ))?;
        }
    } else {
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let record = RecordRef::Line(i as u64 + 1);
            let parsed = serde_json::from_str::<Value>(line)
                .map_err(|e| TouchpointError::Parse {
                    record,
                    message: e.to_string(),
                })
                .and_then(|call| read_call(&mut builder, &call, record));
            rejections.handle(parsed)?;
        }
    }
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
