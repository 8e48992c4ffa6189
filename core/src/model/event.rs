//! Customers, touchpoint events and the survey answers they may carry.

use crate::{Channel, EventKind, RecordRef, Result, Timestamp, TouchpointError};
use serde::{Deserialize, Serialize};

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

/// Which survey a score answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SurveyMetric {
    /// Net Promoter Score: "how likely are you to recommend us?", 0–10.
    Nps,
    /// Customer satisfaction, 1–5.
    Csat,
    /// Customer effort score, 1–7 (CES 2.0: 7 = "strongly agree it was easy").
    Ces,
}

impl SurveyMetric {
    /// The lowest and highest allowed answer.
    pub fn range(self) -> (u8, u8) {
        match self {
            SurveyMetric::Nps => (0, 10),
            SurveyMetric::Csat => (1, 5),
            SurveyMetric::Ces => (1, 7),
        }
    }

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            SurveyMetric::Nps => "nps",
            SurveyMetric::Csat => "csat",
            SurveyMetric::Ces => "ces",
        }
    }

    /// Reads a metric name (case-insensitive).
    pub fn parse(text: &str) -> Option<SurveyMetric> {
        match crate::model::names::canonical(text).as_str() {
            "nps" | "net_promoter_score" => Some(SurveyMetric::Nps),
            "csat" | "satisfaction" => Some(SurveyMetric::Csat),
            "ces" | "effort" | "customer_effort_score" => Some(SurveyMetric::Ces),
            _ => None,
        }
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
                expected: format!(
                    "a whole number from {lo} to {hi} for {}",
                    self.as_str().to_uppercase()
                ),
            })
        }
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

/// One touchpoint: something that happened between a customer and the brand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// The customer's id.
    pub customer_id: String,
    /// When it happened (UTC).
    pub timestamp: Timestamp,
    /// Where it happened.
    pub channel: Channel,
    /// What happened.
    pub kind: EventKind,
    /// Money involved (revenue of a purchase, amount of a refund), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// A survey answer, if the event carries one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub survey: Option<SurveyAnswer>,
    /// Anything else about the event.
    #[serde(default, skip_serializing_if = "Properties::is_empty")]
    pub properties: Properties,
}

impl Event {
    /// A new event with no value, survey answer or properties.
    pub fn new(
        customer_id: impl Into<String>,
        timestamp: Timestamp,
        channel: Channel,
        kind: EventKind,
    ) -> Self {
        Event {
            customer_id: customer_id.into(),
            timestamp,
            channel,
            kind,
            value: None,
            survey: None,
            properties: Properties::new(),
        }
    }

    /// Adds a survey answer.
    pub fn with_survey(mut self, metric: SurveyMetric, score: f64) -> Self {
        self.survey = Some(SurveyAnswer { metric, score });
        self
    }

    /// Adds a monetary value.
    pub fn with_value(mut self, value: f64) -> Self {
        self.value = Some(value);
        self
    }

    /// Checks the event: a non-empty customer id, a finite value, a survey answer in range.
    pub fn validate(&self, record: RecordRef) -> Result<()> {
        if self.customer_id.trim().is_empty() {
            return Err(TouchpointError::invalid(record, "customer_id", "is empty"));
        }
        if let Some(v) = self.value {
            if !v.is_finite() {
                return Err(TouchpointError::invalid(
                    record,
                    "value",
                    format!("{v} is not a finite number"),
                ));
            }
        }
        if let Some(s) = self.survey {
            s.metric.check(s.score, record, "survey.score")?;
        }
        Ok(())
    }
}
