//! Event records already parsed into JSON values (Python dicts, JavaScript objects):
//! each is read as an [`Event`], and a bad one is named by its 1-based position and field.
//!
//! Records come with the core's snake_case keys (`customer_id`: [`read_records`],
//! [`read_events`]) or with camelCase keys (`customerId`: [`read_camel_records`],
//! [`read_camel_events`]), in which case every error names the field as written
//! (`customerId`, `survey.score`; property names are data and never respelled).

use super::{Ingested, ReadOptions};
use crate::camel_case::{camel_error, from_camel_case, snake_to_camel};
use crate::{
    Channel, Event, EventKind, RecordRef, Result, SurveyMetric, Timestamp, TouchpointError,
};
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

/// [`EventRecord`] for records with camelCase keys (`customerId`), read through
/// [`event_from_camel_deserializer`]; give a list of these to [`read_camel_events`].
#[derive(Debug, Clone)]
pub struct CamelEventRecord(pub Result<Event>);

impl<'de> serde::Deserialize<'de> for CamelEventRecord {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        Ok(CamelEventRecord(event_from_camel_deserializer(
            d,
            RecordRef::Record(0),
        )))
    }
}

/// How the records of a read spell their keys.
#[derive(Clone, Copy, PartialEq)]
enum Keys {
    Snake,
    Camel,
}

/// Reads events that a binding has already deserialized (each with its own error, if it
/// could not be read), validating each. Errors name the 1-based record.
pub fn read_events(
    events: impl IntoIterator<Item = EventRecord>,
    options: impl Into<ReadOptions>,
) -> Result<Ingested> {
    read(
        events.into_iter().map(|EventRecord(e)| e),
        options.into(),
        Keys::Snake,
    )
}

/// [`read_events`] for records read with camelCase keys: an error found while validating an
/// event (an empty customer id, a score out of range) names the field in camelCase
/// (`customerId`), like the errors of reading it.
pub fn read_camel_events(
    events: impl IntoIterator<Item = CamelEventRecord>,
    options: impl Into<ReadOptions>,
) -> Result<Ingested> {
    read(
        events.into_iter().map(|CamelEventRecord(e)| e),
        options.into(),
        Keys::Camel,
    )
}

fn read(
    events: impl Iterator<Item = Result<Event>>,
    options: ReadOptions,
    keys: Keys,
) -> Result<Ingested> {
    let mut builder = options.builder();
    let mut rejections = options.rejections();
    for (i, event) in events.enumerate() {
        let record = RecordRef::Record(i as u64 + 1);
        // Errors of reading name the field as written already; those of the checks on the
        // event name the core's field.
        let pushed = match event {
            Err(e) => Err(e.at_record(record)),
            Ok(e) => match (builder.push_event(e, record), keys) {
                (Err(e), Keys::Camel) => Err(camel_event_error(e)),
                (pushed, _) => pushed,
            },
        };
        rejections.handle(pushed)?;
    }
    super::finish(builder, rejections)
}

/// An error of a pushed (validated) event with its field respelled in camelCase, by
/// following the field through an event that has every field (`properties.x` names data).
pub(crate) fn camel_event_error(e: TouchpointError) -> TouchpointError {
    let every_field = Event::new("", Timestamp(0), Channel::Web, EventKind::Purchase)
        .with_anonymous_id("")
        .with_value(0.0)
        .with_survey(SurveyMetric::Nps, 0.0)
        .with_answer(SurveyMetric::Csat, 0.0);
    camel_error(e, &every_field)
}

/// Reads event records: `customer_id` (text or an integer), `timestamp`, `channel`, `kind`,
/// and optionally `anonymous_id`, `value`, `answers: {nps: 9, csat: 4, …}` (or one
/// `survey: {metric, score}`), `traits` and `properties` (see [`Event`]). Any other field
/// is a bad record naming it ("did you mean `value`?" when it is near a field's name).
pub fn read_records(
    records: impl IntoIterator<Item = Value>,
    options: impl Into<ReadOptions>,
) -> Result<Ingested> {
    read_events(
        records
            .into_iter()
            .map(|v| EventRecord(event_from_value(v, RecordRef::Record(0)))),
        options,
    )
}

/// [`read_records`] for records with camelCase keys (`customerId`, `timestamp`, `channel`,
/// `kind`, `value`, `survey: {metric, score}`, `properties`): errors name the field as
/// written; a snake_case `customer_id` is refused, naming `customerId`.
pub fn read_camel_records(
    records: impl IntoIterator<Item = Value>,
    options: impl Into<ReadOptions>,
) -> Result<Ingested> {
    read_camel_events(
        records
            .into_iter()
            .map(|v| CamelEventRecord(event_from_camel_value(v, RecordRef::Record(0)))),
        options,
    )
}

/// Reads one event record, naming the field that is missing or of the wrong type.
///
/// A JSON value cannot hold NaN or ±∞: a binding whose host values can (Python floats,
/// JavaScript numbers) should use [`event_from_deserializer`] so that such a value is
/// rejected by [`Event::validate`] instead of silently turning into "no value".
pub fn event_from_value(value: Value, record: RecordRef) -> Result<Event> {
    if let Err(e) = check_object(&value, record) {
        crate::limits::dismantle(value);
        return Err(e);
    }
    event_from_deserializer(value, record)
}

/// [`event_from_value`] for a record with camelCase keys.
pub fn event_from_camel_value(value: Value, record: RecordRef) -> Result<Event> {
    if let Err(e) = check_object(&value, record) {
        crate::limits::dismantle(value);
        return Err(e);
    }
    event_from_camel_deserializer(value, record)
}

/// The error of a record whose field `field` held NaN or ±∞ (`x`) in the host language:
/// JSON cannot carry such a number, so a binding that reads records through JSON writes it
/// as text, which the reader refuses as the wrong type. This is the error
/// [`Event::validate`] gives for the number itself: `OUT_OF_RANGE` naming the field, for
/// `value` and for survey answers (`answers.<metric>`, `survey.score`). `None` for any
/// other field, or a finite `x` (the reader's own error stands: a time that is not a whole
/// number of milliseconds is `INVALID_RECORD`, as from every reader).
pub fn non_finite_error(record: RecordRef, field: &str, x: f64) -> Option<TouchpointError> {
    if x.is_finite() {
        return None;
    }
    if field == "value" {
        return crate::limits::check_value(x, record, field).err();
    }
    if field == "survey.score" {
        // Its scale is that of `survey.metric`; no scale has NaN or ±∞.
        return Some(TouchpointError::OutOfRange {
            record,
            field: field.to_string(),
            value: crate::model::event::format_number(x),
            expected: "a whole number on the survey's scale".to_string(),
        });
    }
    let metric = SurveyMetric::parse(field.strip_prefix("answers.")?)?;
    metric.check(x, record, field).err()
}

/// Checks that `value` is an object whose fields nest at most
/// [`MAX_DEPTH`](crate::limits::MAX_DEPTH) levels deep (a map counting one), before serde
/// walks it: deserializing recurses, so a hostile 10,000-deep value must be refused first.
fn check_object(value: &Value, record: RecordRef) -> Result<()> {
    let Value::Object(fields) = value else {
        return Err(TouchpointError::invalid(
            record,
            "",
            "an event must be an object",
        ));
    };
    for (name, field) in fields {
        if let Value::Object(map) = field {
            crate::model::event::check_map_depth(map, record, name)?;
        } else {
            crate::limits::check_depth(field, record, name)?;
        }
    }
    Ok(())
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
        event_error(&path, e.into_inner().to_string(), record)
    })
}

/// [`event_from_deserializer`] for a record with camelCase keys: errors name the field as
/// written (`customerId`, `survey.score`).
pub fn event_from_camel_deserializer<'de, D: serde::Deserializer<'de>>(
    value: D,
    record: RecordRef,
) -> Result<Event> {
    let mut track = serde_path_to_error::Track::new();
    let read = from_camel_case(serde_path_to_error::Deserializer::new(value, &mut track));
    read.map_err(|e: D::Error| {
        event_error(
            &track.path().to_string(),
            camel_missing(e.to_string()),
            record,
        )
    })
}

/// A "missing field" message in camelCase: the adapter words serde's own that way already,
/// but the check that a record names its customer (`customer_id`, or else `anonymous_id`)
/// runs after the keys are read, in the core's words. Each backticked name is respelled
/// (`snake_to_camel` leaves a camelCase one as it is).
fn camel_missing(message: String) -> String {
    if !message.contains("missing field `") {
        return message;
    }
    message
        .split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                snake_to_camel(part)
            } else {
                part.into()
            }
        })
        .collect::<Vec<_>>()
        .join("`")
}

/// The error of a record that could not be read: `inner` (the deserializer's words) at
/// `path` ("." for the record itself).
fn event_error(path: &str, inner: String, record: RecordRef) -> TouchpointError {
    // A missing field is reported at its parent's path ("." for the record itself), in
    // words that each deserializer wraps in its own way: look for serde's phrase anywhere.
    let missing = inner.find("missing field `").map(|at| {
        inner[at + "missing field `".len()..]
            .split('`')
            .next()
            .unwrap_or_default()
            .to_string()
    });
    // An unknown field is reported at its own path already.
    let unknown = quoted_after(&inner, "unknown field `");
    let field = match (missing, path) {
        (Some(name), ".") => name,
        (Some(name), parent) => format!("{parent}.{name}"),
        (None, ".") => String::new(),
        (None, p) => p.to_string(),
    };
    let message = match unknown {
        Some(key) => unknown_field(&key, &inner),
        None => inner,
    };
    crate::model::time::out_of_range_in_message(&message, record, &field)
        .unwrap_or_else(|| TouchpointError::invalid(record, field, message))
}

/// The text between `prefix` and the next backtick in `text`.
fn quoted_after(text: &str, prefix: &str) -> Option<String> {
    let at = text.find(prefix)? + prefix.len();
    text[at..].split('`').next().map(str::to_string)
}

/// Why `key` (an unknown field, in serde's message `inner`, which lists the fields as the
/// record spells them) is refused, with the field it was probably meant to be.
fn unknown_field(key: &str, inner: &str) -> String {
    let expected: Vec<&str> = inner
        .split_once("expected")
        .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
        .unwrap_or_default();
    // The camelCase adapter names the one a snake_case key stands for.
    if let Some(camel) = quoted_after(inner, "keys are camelCase: `") {
        return format!("is not a field of an event (keys are camelCase: `{camel}`)");
    }
    match nearest(key, &expected) {
        Some(near) => format!("is not a field of an event (did you mean `{near}`?)"),
        None => format!(
            "is not a field of an event (expected {})",
            expected.join(", ")
        ),
    }
}

/// The name in `names` nearest to `key` (edits: insert, delete, replace, swap two neighbours;
/// case ignored), if it is near enough to be a typo: at most 2 edits, and fewer than half
/// of the key's length.
fn nearest<'a>(key: &str, names: &[&'a str]) -> Option<&'a str> {
    let key: Vec<char> = key.to_lowercase().chars().collect();
    names
        .iter()
        .map(|&name| {
            (
                edits(&key, &name.to_lowercase().chars().collect::<Vec<_>>()),
                name,
            )
        })
        .filter(|&(d, _)| d <= 2 && 2 * d < key.len())
        .min_by_key(|&(d, _)| d)
        .map(|(_, name)| name)
}

/// The optimal-string-alignment distance between `a` and `b`.
fn edits(a: &[char], b: &[char]) -> usize {
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Mode;
    use serde_json::json;

    fn fields(read: &Ingested) -> Vec<(String, String)> {
        read.rejected
            .iter()
            .map(|e| {
                (
                    e.record().unwrap().to_string(),
                    e.field().unwrap_or("").into(),
                )
            })
            .collect()
    }

    #[test]
    fn camel_records_read_and_errors_name_camel_fields() {
        let ok = json!({"customerId": "a", "timestamp": 0, "channel": "web", "kind": "survey_response",
            "survey": {"metric": "nps", "score": 9}, "properties": {"plan_tier": "pro"}});
        let records = vec![
            ok.clone(),
            json!({"customerId": " ", "timestamp": 0, "channel": "web", "kind": "click"}),
            json!({"customer_id": "b", "timestamp": 0, "channel": "web", "kind": "click"}),
            json!({"customerId": "c", "timestamp": 0, "channel": "web", "kind": "click",
                "survey": {"metric": "nps", "score": 11}}),
            json!({"timestamp": 0, "channel": "web", "kind": "click"}),
            json!({"customerId": "d", "timestamp": 0, "channel": "web", "kind": "click", "value": "x"}),
            json!(7),
        ];
        let read = read_camel_records(records, Mode::Lenient).unwrap();
        assert_eq!(read.dataset.event_count(), 1);
        let want = [
            ("record 2", "customerId"),
            ("record 3", "customer_id"),
            ("record 4", "survey.score"),
            ("record 5", "customerId"),
            ("record 6", "value"),
            ("record 7", ""),
        ];
        let want: Vec<_> = want
            .iter()
            .map(|(r, f)| (r.to_string(), f.to_string()))
            .collect();
        assert_eq!(fields(&read), want);
        assert!(read.rejected[0]
            .to_string()
            .contains("field `customerId`: is only whitespace"));
        assert!(read.rejected[1]
            .to_string()
            .contains("keys are camelCase: `customerId`"));
        assert!(read.rejected[3]
            .to_string()
            .contains("missing field `customerId`"));

        let props = &read.dataset.customer(0);
        assert_eq!(props.ts.len(), 1);
        let strict = read_camel_records(vec![ok, json!({"customerId": ""})], Mode::Strict);
        assert_eq!(strict.unwrap_err().field(), Some("timestamp"));
    }

    #[test]
    fn camel_event_records_deserialize_from_any_deserializer() {
        let list: Vec<CamelEventRecord> = serde_json::from_value(json!([
            {"customerId": "a", "timestamp": "2026-03-01T00:00:00Z", "channel": "web", "kind": "click"},
            {"customerId": "", "timestamp": 0, "channel": "web", "kind": "click"},
        ]))
        .unwrap();
        let read = read_camel_events(list, Mode::Lenient).unwrap();
        assert_eq!(
            fields(&read),
            vec![("record 2".into(), "customerId".into())]
        );
        // The snake reader is unchanged.
        let read = read_records(
            vec![json!({"customer_id": "", "timestamp": 0, "channel": "web", "kind": "click"})],
            Mode::Lenient,
        )
        .unwrap();
        assert_eq!(
            fields(&read),
            vec![("record 1".into(), "customer_id".into())]
        );
    }

    #[test]
    fn a_non_finite_number_from_a_host_is_out_of_range_for_values_and_answers() {
        let r = RecordRef::Record(3);
        let code = |f: &str, x: f64| {
            non_finite_error(r, f, x).map(|e| (e.code(), e.field().map(String::from)))
        };
        for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            for field in [
                "value",
                "answers.nps",
                "answers.willBuyAgain",
                "survey.score",
            ] {
                assert_eq!(
                    code(field, x),
                    Some(("OUT_OF_RANGE", Some(field.to_string())))
                );
            }
            // Not a value or an answer: the reader's own error stands.
            assert_eq!(code("timestamp", x), None);
            assert_eq!(code("answers.unknown", x), None);
        }
        assert_eq!(code("value", 1.5), None);
        let e = non_finite_error(r, "value", f64::NAN).unwrap();
        assert_eq!(e.record(), Some(r));
        assert!(e.to_string().contains("NaN"), "{e}");
    }
}
