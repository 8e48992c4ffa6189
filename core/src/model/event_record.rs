//! The record form of an [`Event`]: how a JSON object, a Python dict or a JavaScript object
//! is read into one (ids as text or integers, answers by metric, unknown fields refused, an
//! object and nothing else).

use super::event::{format_number, Answers, Event, Properties, SurveyAnswer, SurveyMetric};
use crate::{Channel, EventKind, Timestamp};
use serde::Deserialize;

/// The record form of an [`Event`], as read: either id may be missing (not both), and
/// ids may be integers. Any other field is refused (a mistyped `vaule` must not be lost).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventInput {
    #[serde(default)]
    customer_id: Option<Id>,
    #[serde(default)]
    anonymous_id: Option<Id>,
    timestamp: Timestamp,
    channel: Channel,
    kind: EventKind,
    #[serde(default)]
    value: Option<f64>,
    #[serde(default)]
    survey: Option<SurveyAnswer>,
    #[serde(default, deserialize_with = "answers_by_metric")]
    answers: Answers,
    #[serde(default)]
    traits: Option<Properties>,
    #[serde(default)]
    properties: Properties,
    #[serde(default)]
    text: Option<String>,
}

/// An event record as read: an object only. serde's derived struct would also read an
/// array (fields by position: `[["c1"]]` as a record with a bad `customer_id` at `[0]`),
/// which no reader means; the record readers refuse a non-object record as a whole.
pub(crate) struct EventObject(EventInput);

/// The fields of [`EventInput`], as its derived `Deserialize` names them (the camelCase
/// adapter respells exactly these).
const EVENT_FIELDS: &[&str] = &[
    "customer_id",
    "anonymous_id",
    "timestamp",
    "channel",
    "kind",
    "value",
    "survey",
    "answers",
    "traits",
    "properties",
    "text",
];

impl<'de> Deserialize<'de> for EventObject {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct ObjectOnly;
        impl<'de> serde::de::Visitor<'de> for ObjectOnly {
            type Value = EventObject;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an event object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<EventObject, A::Error> {
                EventInput::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(EventObject)
            }
        }
        d.deserialize_struct("EventInput", EVENT_FIELDS, ObjectOnly)
    }
}

impl TryFrom<EventObject> for Event {
    type Error = String;

    fn try_from(e: EventObject) -> std::result::Result<Self, String> {
        Event::try_from(e.0)
    }
}

impl TryFrom<EventInput> for Event {
    type Error = String;

    fn try_from(e: EventInput) -> std::result::Result<Self, String> {
        let anonymous_id = e.anonymous_id.map(|a| a.0);
        let customer_id = match (e.customer_id, &anonymous_id) {
            (Some(id), _) => id.0,
            (None, Some(anonymous)) => anonymous.clone(),
            // The words serde uses, so that the error names the field.
            (None, None) => {
                return Err("missing field `customer_id` (and no `anonymous_id`)".into())
            }
        };
        Ok(Event {
            customer_id,
            anonymous_id,
            timestamp: e.timestamp,
            channel: e.channel,
            kind: e.kind,
            value: e.value,
            survey: e.survey,
            answers: e.answers,
            traits: e.traits.unwrap_or_default(),
            properties: e.properties,
            text: e.text,
        })
    }
}

/// A customer id as read from a record: text, or an integer kept as its decimal text.
struct Id(String);

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Id;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an id: a string or an integer")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<Id, E> {
                Ok(Id(v.to_string()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> std::result::Result<Id, E> {
                Ok(Id(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<Id, E> {
                Ok(Id(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<Id, E> {
                Ok(Id(v.to_string()))
            }
            fn visit_i128<E: serde::de::Error>(self, v: i128) -> std::result::Result<Id, E> {
                Ok(Id(v.to_string()))
            }
            fn visit_u128<E: serde::de::Error>(self, v: u128) -> std::result::Result<Id, E> {
                Ok(Id(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> std::result::Result<Id, E> {
                id_from_float(v).map(Id).map_err(E::custom)
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// The largest integer every smaller one of which a float represents exactly (2^53 − 1).
const MAX_EXACT_FLOAT_ID: f64 = 9_007_199_254_740_991.0;

/// A customer id given as a float (a JavaScript number, a JSON `42.0`): its integer text when
/// it is a whole number up to 2^53 − 1 in size; else why it is refused.
pub fn id_from_float(x: f64) -> std::result::Result<String, String> {
    if !x.is_finite() || x.fract() != 0.0 {
        Err(format!(
            "{} is not an id: an id is text or a whole number",
            format_number(x)
        ))
    } else if x.abs() > MAX_EXACT_FLOAT_ID {
        Err(format!(
            "{} is past 2^53, where floating-point numbers lose whole ids: give the id as text or an integer (a BigInt in JavaScript)",
            format_number(x)
        ))
    } else {
        Ok(format!("{}", x as i64))
    }
}

/// Reads `answers`: a map of metric name (any spelling [`SurveyMetric::parse`] reads) to
/// score; a `null` score is no answer; a metric named twice (`nps` and `NPS`) is an error.
fn answers_by_metric<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Answers, D::Error> {
    struct Visitor;
    impl<'de> serde::de::Visitor<'de> for Visitor {
        type Value = Answers;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an object of survey answers by metric, like {\"nps\": 9, \"csat\": 4}")
        }
        fn visit_unit<E: serde::de::Error>(self) -> std::result::Result<Answers, E> {
            Ok(Answers::new())
        }
        fn visit_none<E: serde::de::Error>(self) -> std::result::Result<Answers, E> {
            Ok(Answers::new())
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> std::result::Result<Answers, A::Error> {
            use serde::de::Error;
            let mut out = Answers::new();
            while let Some(key) = map.next_key::<String>()? {
                let metric = SurveyMetric::parse(&key).ok_or_else(|| {
                    A::Error::custom(format!(
                        "`{key}` is not a survey metric ({})",
                        SurveyMetric::names()
                    ))
                })?;
                if let Some(score) = map.next_value::<Option<f64>>()? {
                    if out.insert(metric, score).is_some() {
                        return Err(A::Error::custom(format!(
                            "`{key}`: a second answer for {}",
                            metric.as_str()
                        )));
                    }
                }
            }
            Ok(out)
        }
    }
    d.deserialize_any(Visitor)
}
