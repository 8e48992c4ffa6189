//! Customers, touchpoint events and the survey answers they may carry.

use crate::{Channel, EventKind, RecordRef, Result, Timestamp, TouchpointError};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// Free-form key → JSON value properties (traits of a customer, properties of an event).
pub type Properties = serde_json::Map<String, serde_json::Value>;

/// A customer: an id and whatever the business knows about them.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Customer {
    /// The customer's id, as the business knows it.
    pub id: String,
    /// Demographics and anything else the business knows.
    #[serde(default, skip_serializing_if = "Properties::is_empty")]
    pub traits: Properties,
}

/// Which survey question a score answers.
///
/// NPS, CSAT and CES are the classic CX scores. The engagement survey (five questions in
/// every customer survey) reuses two of them and adds three 1–5 agreement scales:
///
/// | question | metric | scale |
/// |---|---|---|
/// | How satisfied are you overall with us? | [`Csat`](SurveyMetric::Csat) | 1–5 |
/// | Will you buy our products in the future? | [`WillBuyAgain`](SurveyMetric::WillBuyAgain) | 1–5 |
/// | How likely are you to recommend us? | [`Nps`](SurveyMetric::Nps) | 0–10 |
/// | Does the company deliver what it promises? | [`DeliversPromise`](SurveyMetric::DeliversPromise) | 1–5 |
/// | When a problem arises, can you rely on a fair solution? | [`FairSolution`](SurveyMetric::FairSolution) | 1–5 |
///
/// On the 1–5 agreement scales, 1 = "definitely not" / "strongly disagree" and
/// 5 = "definitely" / "strongly agree".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SurveyMetric {
    /// Net Promoter Score: "how likely are you to recommend us?", 0–10.
    Nps,
    /// Customer satisfaction, 1–5.
    Csat,
    /// Customer effort score, 1–7 (CES 2.0: 7 = "strongly agree it was easy").
    Ces,
    /// "Will you buy our products in the future?", 1–5 (5 = definitely).
    WillBuyAgain,
    /// "Does the company / product deliver what it promises?", 1–5 (5 = strongly agree).
    DeliversPromise,
    /// "When a problem arises, can you rely on us for a fair and satisfactory solution?",
    /// 1–5 (5 = strongly agree).
    FairSolution,
}

impl SurveyMetric {
    /// Every metric, in declaration order.
    pub const ALL: [SurveyMetric; 6] = [
        SurveyMetric::Nps,
        SurveyMetric::Csat,
        SurveyMetric::Ces,
        SurveyMetric::WillBuyAgain,
        SurveyMetric::DeliversPromise,
        SurveyMetric::FairSolution,
    ];

    /// The lowest and highest allowed answer.
    pub fn range(self) -> (u8, u8) {
        match self {
            SurveyMetric::Nps => (0, 10),
            SurveyMetric::Csat => (1, 5),
            SurveyMetric::Ces => (1, 7),
            SurveyMetric::WillBuyAgain
            | SurveyMetric::DeliversPromise
            | SurveyMetric::FairSolution => (1, 5),
        }
    }

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            SurveyMetric::Nps => "nps",
            SurveyMetric::Csat => "csat",
            SurveyMetric::Ces => "ces",
            SurveyMetric::WillBuyAgain => "will_buy_again",
            SurveyMetric::DeliversPromise => "delivers_promise",
            SurveyMetric::FairSolution => "fair_solution",
        }
    }

    /// Reads a metric name: case-insensitive, in snake_case or camelCase
    /// (`will_buy_again`, `willBuyAgain`), or one of a few aliases (`satisfaction` → csat,
    /// `effort` → ces, `repurchase` → will_buy_again, …).
    pub fn parse(text: &str) -> Option<SurveyMetric> {
        let name = |t: &str| match crate::model::names::canonical(t).as_str() {
            "nps" | "net_promoter_score" | "recommend" => Some(SurveyMetric::Nps),
            "csat" | "satisfaction" => Some(SurveyMetric::Csat),
            "ces" | "effort" | "customer_effort_score" => Some(SurveyMetric::Ces),
            "will_buy_again" | "buy_again" | "repurchase" => Some(SurveyMetric::WillBuyAgain),
            "delivers_promise" | "delivers_what_it_promises" | "keeps_promises" => {
                Some(SurveyMetric::DeliversPromise)
            }
            "fair_solution" | "fair_resolution" => Some(SurveyMetric::FairSolution),
            _ => None,
        };
        name(text).or_else(|| name(&crate::camel_case::camel_to_snake(text.trim())))
    }

    /// The metric whose name (`as_str`, any case) is `name`, without aliases: how a column
    /// (`nps`, `will_buy_again`) or a Segment property is recognised as an answer.
    pub fn from_column_name(name: &str) -> Option<SurveyMetric> {
        SurveyMetric::ALL
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(name.trim()))
    }

    /// The names of every metric, for messages: `nps, csat, ces, will_buy_again, …`.
    pub fn names() -> String {
        SurveyMetric::ALL.map(SurveyMetric::as_str).join(", ")
    }

    /// Checks that `score` is a whole number in this metric's range and returns it as `u8`.
    pub fn check(self, score: f64, record: RecordRef, field: &str) -> Result<u8> {
        let (lo, hi) = self.range();
        if score.is_finite() && score.fract() == 0.0 && score >= lo as f64 && score <= hi as f64 {
            Ok(score as u8)
        } else {
            Err(TouchpointError::OutOfRange {
                record,
                field: field.to_string(),
                value: format_number(score),
                expected: format!("a whole number from {lo} to {hi} for {}", self.label()),
            })
        }
    }

    /// How messages name the metric: `NPS`, `CSAT`, `CES`, `will_buy_again`, …
    fn label(self) -> String {
        match self {
            SurveyMetric::Nps | SurveyMetric::Csat | SurveyMetric::Ces => {
                self.as_str().to_uppercase()
            }
            other => other.as_str().to_string(),
        }
    }
}

impl<'de> Deserialize<'de> for SurveyMetric {
    /// Reads any name [`SurveyMetric::parse`] reads.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let name = std::borrow::Cow::<'de, str>::deserialize(d)?;
        SurveyMetric::parse(&name).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{name}` is not a survey metric ({})",
                SurveyMetric::names()
            ))
        })
    }
}

/// Writes a number the way a user typed it: `11`, not `11.0`.
pub(crate) fn format_number(x: f64) -> String {
    if x.is_finite() && x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// A survey answer carried by an event.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SurveyAnswer {
    /// Which survey.
    pub metric: SurveyMetric,
    /// The answer. Must be a whole number in the metric's range.
    pub score: f64,
}

/// Survey answers by metric: the answers of one response (`{"nps": 9, "csat": 4}`).
pub type Answers = BTreeMap<SurveyMetric, f64>;

/// One touchpoint: something that happened between a customer and the brand.
///
/// Read from a record (a JSON object, a Python dict, a JavaScript object) with the field
/// names below. `customer_id` (and `anonymous_id`) may be text or an integer, kept as its
/// decimal text (`42` → `"42"`); a number with a fraction is refused, and so is a float past
/// 2^53, where floating point can no longer tell neighbouring ids apart (`42.0` reads as
/// `"42"`: JavaScript numbers are floats). A record with only an `anonymous_id` is the event
/// of a visitor not (yet) known: its `customer_id` is the anonymous id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "super::event_record::EventObject")]
pub struct Event {
    /// The customer's id: the user id, or the anonymous id when the user is not known.
    pub customer_id: String,
    /// The anonymous id (device, cookie) the event was recorded under, if known. When it
    /// differs from `customer_id`, the event ties it to that customer: every event of the
    /// anonymous id counts for the customer (see [`DatasetBuilder::tie`](crate::DatasetBuilder::tie)).
    /// When it equals `customer_id`, the event is anonymous.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anonymous_id: Option<String>,
    /// When it happened (UTC).
    pub timestamp: Timestamp,
    /// Where it happened.
    pub channel: Channel,
    /// What happened.
    pub kind: EventKind,
    /// Money involved (revenue of a purchase, amount of a refund), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// One survey answer, `{metric, score}`: the single-answer form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub survey: Option<SurveyAnswer>,
    /// Survey answers by metric (`{nps: 9, csat: 4, ces: 6}`): several answers of one
    /// response, as survey exports have them. A metric may not also be the `survey` answer.
    #[serde(default, skip_serializing_if = "Answers::is_empty")]
    pub answers: Answers,
    /// Traits of the customer as known at the time of the event (`{plan: "pro"}`), merged
    /// into the customer's traits: for each trait, the value of the latest event wins.
    #[serde(default, skip_serializing_if = "Properties::is_empty")]
    pub traits: Properties,
    /// Anything else about the event.
    #[serde(default, skip_serializing_if = "Properties::is_empty")]
    pub properties: Properties,
    /// Free text the customer wrote at this touchpoint: a survey comment, a review, a
    /// support ticket, a social mention. At most
    /// [`MAX_TEXT_BYTES`](crate::limits::MAX_TEXT_BYTES). An empty text is stored as no
    /// text (as an empty CSV cell is); a blank one (only spaces) is kept, and counted as
    /// blank by the voice of the customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl Event {
    /// A new event with no value, survey answer, traits or properties.
    pub fn new(
        customer_id: impl Into<String>,
        timestamp: Timestamp,
        channel: Channel,
        kind: EventKind,
    ) -> Self {
        Event {
            customer_id: customer_id.into(),
            anonymous_id: None,
            timestamp,
            channel,
            kind,
            value: None,
            survey: None,
            answers: Answers::new(),
            traits: Properties::new(),
            properties: Properties::new(),
            text: None,
        }
    }

    /// Sets the free text (a comment, a review, a ticket's words).
    pub fn with_text(mut self, text: impl Into<String>) -> Self {
        self.text = Some(text.into());
        self
    }

    /// Sets the survey answer (the single-answer form).
    pub fn with_survey(mut self, metric: SurveyMetric, score: f64) -> Self {
        self.survey = Some(SurveyAnswer { metric, score });
        self
    }

    /// Adds an answer to [`answers`](Self::answers) (replacing one of the same metric).
    pub fn with_answer(mut self, metric: SurveyMetric, score: f64) -> Self {
        self.answers.insert(metric, score);
        self
    }

    /// Adds a monetary value.
    pub fn with_value(mut self, value: f64) -> Self {
        self.value = Some(value);
        self
    }

    /// Sets the anonymous id the event was recorded under.
    pub fn with_anonymous_id(mut self, anonymous_id: impl Into<String>) -> Self {
        self.anonymous_id = Some(anonymous_id.into());
        self
    }

    /// Adds an event property (`experiment_id`, `plan` …).
    pub fn with_property(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.properties.insert(name.into(), value.into());
        self
    }

    /// Adds a customer trait.
    pub fn with_trait(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.traits.insert(name.into(), value.into());
        self
    }

    /// Every survey answer of the event (the `survey` answer first, then `answers` in
    /// metric order), with the field that names it in errors (`survey.score`, `answers.nps`).
    pub fn all_answers(&self) -> impl Iterator<Item = (SurveyAnswer, String)> + '_ {
        let single = self.survey.map(|a| (a, "survey.score".to_string()));
        let many = self.answers.iter().map(|(&metric, &score)| {
            (
                SurveyAnswer { metric, score },
                format!("answers.{}", metric.as_str()),
            )
        });
        single.into_iter().chain(many)
    }

    /// Checks the event against the [`limits`](crate::limits): a time from 1900 to 9999
    /// (`OUT_OF_RANGE`), a customer id and anonymous id that [`check_id`](crate::limits::check_id)
    /// accepts, a finite value of magnitude at most 10^15 (`OUT_OF_RANGE`), survey answers
    /// in range (at most one per metric), properties and traits at most 64 levels deep, a
    /// text of at most [`MAX_TEXT_BYTES`](crate::limits::MAX_TEXT_BYTES) (`OUT_OF_RANGE`).
    pub fn validate(&self, record: RecordRef) -> Result<()> {
        use crate::limits;
        if let Some(text) = &self.text {
            limits::check_text(text, record, "text")?;
        }
        limits::check_id(&self.customer_id, record, "customer_id")?;
        if let Some(a) = &self.anonymous_id {
            limits::check_id(a, record, "anonymous_id")?;
        }
        limits::check_time_ms(self.timestamp.0, record, "timestamp")?;
        if let Some(v) = self.value {
            limits::check_value(v, record, "value")?;
        }
        if let Some(s) = self.survey {
            if self.answers.contains_key(&s.metric) {
                return Err(TouchpointError::invalid(
                    record,
                    format!("answers.{}", s.metric.as_str()),
                    "is also the `survey` answer: one answer per metric on an event",
                ));
            }
        }
        for (a, field) in self.all_answers() {
            a.metric.check(a.score, record, &field)?;
        }
        check_map_depth(&self.properties, record, "properties")?;
        check_map_depth(&self.traits, record, "traits")
    }
}

/// Checks that a map of properties (or traits) nests at most
/// [`MAX_DEPTH`](crate::limits::MAX_DEPTH) levels deep, the map itself counting one.
pub(crate) fn check_map_depth(map: &Properties, record: RecordRef, field: &str) -> Result<()> {
    let deepest = map.values().map(crate::limits::depth).max().unwrap_or(0) + 1;
    if deepest <= crate::limits::MAX_DEPTH {
        Ok(())
    } else {
        Err(TouchpointError::invalid(
            record,
            field,
            format!(
                "nests {deepest} levels deep; at most {} are allowed",
                crate::limits::MAX_DEPTH
            ),
        ))
    }
}
