//! Segment-style JSON: `identify` calls give customers and traits, `track` (and `page`,
//! `screen`) calls give touchpoints, `alias` calls merge two ids, `group` calls attach an
//! account. Input is a JSON array of calls, NDJSON (one call per line) or a
//! `{"batch": [...]}` (see [`read_segment_from`]; the shapes are read by `segment_input.rs`).
//!
//! Every call names its customer by `userId`, else `anonymousId` (text, or an integer kept
//! as its decimal text). A call carrying both ties the anonymous id to the user: every
//! event of the anonymous id counts for the user's customer (identity rules:
//! `docs/guide-identity.md`, implemented by [`DatasetBuilder::tie`] and
//! [`DatasetBuilder::alias`]). The time of a call is `timestamp`, else `originalTimestamp`.
//!
//! - `identify`: `traits` become the customer's traits as of the call's time.
//! - `alias`: `previousId` is merged into `userId`.
//! - `group`: the customer's traits get `account_id` (the `groupId`) and `account` (the
//!   group's `traits` with its `id`); the latest group call wins.
//! - `track`, `page`, `screen` become an [`Event`]:
//!   - kind: `event`, read by [`EventKind::parse`] (`Order Completed` → purchase); `page`
//!     and `screen` calls are page views;
//!   - channel: `properties.channel`, else `context.channel` (`browser` → web, `mobile` → app);
//!   - value: `properties.revenue`, else `properties.value`, else `properties.total`;
//!   - survey answers: `properties.survey` (a metric name) with `properties.score`, and/or
//!     properties named after a metric (`nps`, `csat`, `ces`, `will_buy_again`,
//!     `delivers_promise`, `fair_solution`): `{"nps": 9, "csat": 4}` is two answers;
//!   - free text: `properties.text`, else `properties.comment`, else
//!     `properties.review_body` (Segment's Product Reviewed), the first present taken out;
//!   - every other property is kept in [`Event::properties`].
//!
//! A call whose `messageId` was read before (a retried delivery) is refused, so that it
//! counts once: `INVALID_RECORD`, field `messageId`, "duplicate of line N" (`record N`;
//! `line N, batch[i]` for a call of a batch line). A rejected call's `messageId` may come
//! again. An NDJSON line longer than [`MAX_RECORD_BYTES`](crate::limits::MAX_RECORD_BYTES)
//! is a bad record with an empty field (a streamed one is skipped without being held).

use super::segment_input::{self, At, Sink};
use super::{Ingested, ReadOptions};
use crate::{
    Answers, Channel, DatasetBuilder, Event, EventKind, Properties, RecordRef, Result,
    SurveyAnswer, SurveyMetric, Timestamp, TouchpointError,
};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::io::BufRead;

/// Reads Segment-style JSON text: an array of calls, NDJSON (one call, or one
/// `{"batch": [...]}`, per line), or a `{"batch": [...]}` document. The shapes, and how
/// errors name the calls, are described in [`read_segment_from`].
pub fn read_segment(text: &str, options: impl Into<ReadOptions>) -> Result<Ingested> {
    read_with(options.into(), |sink| {
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
pub fn read_segment_from<R: BufRead>(
    reader: R,
    options: impl Into<ReadOptions>,
) -> Result<Ingested> {
    read_with(options.into(), |sink| {
        segment_input::read_stream(reader, sink)
    })
}

/// Runs `read`, which hands each call to the sink, and builds the dataset from them.
fn read_with(
    options: ReadOptions,
    read: impl FnOnce(&mut Sink<'_>) -> Result<()>,
) -> Result<Ingested> {
    let mut builder = options.builder();
    let mut rejections = options.rejections();
    let mut seen = MessageIds::default();
    read(&mut |call: Result<Value>, at: At| {
        let read = call.and_then(|call| {
            let message_id = seen.check(&call, &at)?;
            read_call(&mut builder, &call, at.record)?;
            seen.note(message_id, &at);
            Ok(())
        });
        rejections.handle(read.map_err(|e| at.locate(e)))
    })?;
    super::finish(builder, rejections)
}

/// The `messageId` of every call read so far, and where it was: a call whose `messageId`
/// was seen before is a duplicate (a retried delivery), refused so that it counts once.
/// Only calls that were read count: a rejected call's `messageId` may come again.
#[derive(Default)]
struct MessageIds(HashMap<String, String>);

impl MessageIds {
    /// The call's `messageId` (none when absent or not text), or the error of a duplicate.
    fn check(&self, call: &Value, at: &At) -> Result<Option<String>> {
        let Some(id) = call.get("messageId").and_then(Value::as_str) else {
            return Ok(None);
        };
        match self.0.get(id) {
            Some(first) => Err(TouchpointError::invalid(
                at.record,
                "messageId",
                format!("duplicate of {first}"),
            )),
            None => Ok(Some(id.to_string())),
        }
    }

    /// Notes where a read call's `messageId` was.
    fn note(&mut self, id: Option<String>, at: &At) {
        if let Some(id) = id {
            self.0.insert(id, at.to_string());
        }
    }
}

fn read_call(builder: &mut DatasetBuilder, call: &Value, record: RecordRef) -> Result<()> {
    let obj = call
        .as_object()
        .ok_or_else(|| TouchpointError::invalid(record, "", "a call must be a JSON object"))?;
    let call_type = obj.get("type").and_then(Value::as_str).unwrap_or("track");
    if call_type == "alias" {
        return read_alias(builder, obj, record);
    }
    let user_id = id_field(obj, "userId", record)?;
    let anonymous_id = id_field(obj, "anonymousId", record)?;
    let customer_id = user_id
        .clone()
        .or_else(|| anonymous_id.clone())
        .ok_or_else(|| {
            TouchpointError::invalid(record, "userId", "missing (and no anonymousId)")
        })?;
    let time = || optional_time(obj, record);
    match call_type {
        "identify" | "group" => {
            let time = time()?;
            let traits = object_field(obj, "traits", record)?
                .cloned()
                .unwrap_or_default();
            crate::model::event::check_map_depth(&traits, record, "traits")?;
            let traits = if call_type == "group" {
                account_traits(obj, traits, record)?
            } else {
                traits
            };
            builder.intern_customer(&customer_id);
            if let Some(user) = &user_id {
                builder.user_id(user);
                if let Some(anonymous) = &anonymous_id {
                    builder.tie(anonymous, user, time, record, "anonymousId");
                }
            }
            builder.add_traits(&customer_id, traits, time);
            Ok(())
        }
        "track" | "page" | "screen" => {
            let mut event = read_track(obj, call_type, customer_id, record)?;
            event.anonymous_id = anonymous_id;
            builder.push_event_naming(event, record, "anonymousId")
        }
        other => Err(TouchpointError::invalid(
            record,
            "type",
            format!(
                "`{other}` is not a supported call (identify, track, page, screen, alias, group)"
            ),
        )),
    }
}

/// An `alias` call: `previousId` → `userId`.
fn read_alias(
    builder: &mut DatasetBuilder,
    obj: &Map<String, Value>,
    record: RecordRef,
) -> Result<()> {
    let previous = id_field(obj, "previousId", record)?
        .ok_or_else(|| TouchpointError::invalid(record, "previousId", "missing"))?;
    let user = id_field(obj, "userId", record)?
        .ok_or_else(|| TouchpointError::invalid(record, "userId", "missing"))?;
    let time = optional_time(obj, record)?;
    builder.alias(&previous, &user, time, record, "previousId");
    Ok(())
}

/// The customer traits of a `group` call: `account_id` and `account` (the group's traits
/// and its `id`).
fn account_traits(
    obj: &Map<String, Value>,
    group_traits: Properties,
    record: RecordRef,
) -> Result<Properties> {
    let group = id_field(obj, "groupId", record)?
        .ok_or_else(|| TouchpointError::invalid(record, "groupId", "missing"))?;
    let mut account = Properties::new();
    account.insert("id".into(), Value::from(group.clone()));
    account.extend(group_traits);
    let mut traits = Properties::new();
    traits.insert("account_id".into(), Value::from(group));
    traits.insert("account".into(), Value::Object(account));
    Ok(traits)
}

/// The time of a call that need not have one.
fn optional_time(obj: &Map<String, Value>, record: RecordRef) -> Result<Option<Timestamp>> {
    text_field(obj, &["timestamp", "originalTimestamp"], record)?
        .map(|t| Timestamp::parse_field(&t, record, "timestamp"))
        .transpose()
}

fn read_track(
    obj: &Map<String, Value>,
    call_type: &str,
    customer_id: String,
    record: RecordRef,
) -> Result<Event> {
    let timestamp = optional_time(obj, record)?
        .ok_or_else(|| TouchpointError::invalid(record, "timestamp", "missing"))?;
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
            let v = v.as_f64().ok_or_else(|| {
                TouchpointError::invalid(record, &field, format!("{v} is not a number"))
            })?;
            value = Some(crate::limits::check_value(v, record, &field)?);
            properties.remove(key);
            break;
        }
    }
    let mut text = None;
    for key in ["text", "comment", "review_body"] {
        match properties.remove(key) {
            None => continue,
            Some(Value::Null) => {}
            Some(Value::String(s)) => {
                crate::limits::check_text(&s, record, &format!("properties.{key}"))?;
                text = Some(s)
            }
            Some(other) => {
                return Err(TouchpointError::invalid(
                    record,
                    format!("properties.{key}"),
                    format!("{other} is not text"),
                ))
            }
        }
        break;
    }
    let survey = read_survey(&mut properties, record)?;
    let answers = read_answers(&mut properties, survey, record)?;
    if kind == EventKind::SurveyResponse && survey.is_none() && answers.is_empty() {
        return Err(TouchpointError::invalid(
            record,
            "properties.survey",
            "missing for a survey response (and no answer property such as `nps`)",
        ));
    }
    Ok(Event {
        customer_id,
        anonymous_id: None,
        timestamp,
        channel,
        kind,
        value,
        survey,
        answers,
        traits: Properties::new(),
        properties,
        text,
    })
}

/// The `properties.survey` + `properties.score` answer, taken out of the properties.
fn read_survey(properties: &mut Properties, record: RecordRef) -> Result<Option<SurveyAnswer>> {
    let m = match properties.remove("survey") {
        None => return Ok(None),
        Some(Value::String(m)) => m,
        Some(other) => {
            return Err(TouchpointError::invalid(
                record,
                "properties.survey",
                format!("{other} is not a string"),
            ))
        }
    };
    let metric = SurveyMetric::parse(&m).ok_or_else(|| {
        TouchpointError::invalid(
            record,
            "properties.survey",
            format!("`{m}` is not a survey metric ({})", SurveyMetric::names()),
        )
    })?;
    let score = match properties.remove("score") {
        Some(v) => v.as_f64().ok_or_else(|| {
            TouchpointError::invalid(record, "properties.score", format!("{v} is not a number"))
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
    Ok(Some(SurveyAnswer { metric, score }))
}

/// The properties named after a metric (`nps`, `csat`, …), taken out as answers.
fn read_answers(
    properties: &mut Properties,
    survey: Option<SurveyAnswer>,
    record: RecordRef,
) -> Result<Answers> {
    let keys: Vec<(String, SurveyMetric)> = properties
        .keys()
        .filter_map(|k| SurveyMetric::from_column_name(k).map(|m| (k.clone(), m)))
        .collect();
    let mut answers = Answers::new();
    for (key, metric) in keys {
        let field = format!("properties.{key}");
        let score = match properties.remove(&key) {
            Some(Value::Null) | None => continue,
            Some(v) => v.as_f64().ok_or_else(|| {
                TouchpointError::invalid(record, &field, format!("{v} is not a number"))
            })?,
        };
        metric.check(score, record, &field)?;
        if survey.is_some_and(|s| s.metric == metric) || answers.contains_key(&metric) {
            return Err(TouchpointError::invalid(
                record,
                &field,
                format!(
                    "a second answer for {}: one per metric on an event",
                    metric.as_str()
                ),
            ));
        }
        answers.insert(metric, score);
    }
    Ok(answers)
}

/// An id field (`userId`, `anonymousId`, `previousId`, `groupId`): text, or an integer
/// kept as its decimal text.
/// An id field (`userId`, `anonymousId`, `previousId`, `groupId`): text or an integer,
/// checked by [`limits::check_id`](crate::limits::check_id).
fn id_field(obj: &Map<String, Value>, key: &str, record: RecordRef) -> Result<Option<String>> {
    let id = match obj.get(key) {
        Some(Value::Number(n)) => {
            let text = match (n.as_i64(), n.as_u64(), n.as_f64()) {
                (Some(i), _, _) => Ok(i.to_string()),
                (_, Some(u), _) => Ok(u.to_string()),
                (_, _, Some(x)) => crate::id_from_float(x),
                _ => Ok(n.to_string()),
            };
            text.map(Some)
                .map_err(|why| TouchpointError::invalid(record, key, why))
        }
        _ => text_field(obj, &[key], record),
    }?;
    if let Some(id) = &id {
        crate::limits::check_id(id, record, key)?;
    }
    Ok(id)
}

/// The first of `keys` present, as a string.
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
