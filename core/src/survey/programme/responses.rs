//! Survey responses and invitations read from rows as survey tools export them: one row per
//! response with a column per question (wide), or one row per answer (long).

use super::definition::{Question, QuestionType, Survey};
use super::SurveyOptions;
use crate::model::error::{RecordRef, Result, TouchpointError};
use crate::model::time::out_of_range_in_message;
use crate::{limits, Stage, Timestamp};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};

/// How the rows of an export are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SurveyLayout {
    /// One row per response, one column per question (named by the question's id).
    #[default]
    Wide,
    /// One row per answer: `question` and `answer` columns; the rows of a response share its
    /// `response_id` (or, without one, its customer and time).
    Long,
}

/// What to do with a question a response did not answer (a blank cell, `null`, or no row).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkippedAnswers {
    /// Leave it out of that question's scores and count it as skipped (Qualtrics' default).
    #[default]
    Exclude,
    /// Refuse the response: `INVALID_RECORD` naming its first row and the question.
    Reject,
}

/// One answer, checked against its question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    /// A point of a scale, as answered (before any reversing).
    Scale(u8),
    /// Yes or no.
    YesNo(bool),
    /// The choices of a multiple-choice question, in the question's order.
    Choices(Vec<String>),
    /// A single choice, or a free-text answer.
    Text(String),
}

/// Where and when a response (or an invitation) happened, and to whom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyContact {
    /// The customer.
    pub customer_id: String,
    /// When.
    pub timestamp: Timestamp,
    /// The channel (`email`, `in_app`, …), if given.
    pub channel: Option<String>,
    /// The touchpoint: the event or journey step that triggered the survey, if given.
    pub touchpoint: Option<String>,
    /// The customer's journey stage, if given.
    pub stage: Option<Stage>,
    /// The customer's segment, if given.
    pub segment: Option<String>,
}

/// One response: who answered where and when, and the answers by question id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyResponse {
    /// The response's id (wide rows without one are numbered from 1).
    pub response_id: String,
    /// Who, when, where.
    #[serde(flatten)]
    pub contact: SurveyContact,
    /// The answers given, by question id; a skipped question is absent.
    pub answers: BTreeMap<String, Answer>,
}

pub(crate) const CONTACT_FIELDS: [&str; 6] = [
    "customer_id",
    "timestamp",
    "channel",
    "touchpoint",
    "stage",
    "segment",
];

/// The canonical name of a row's field: `customerId` is `customer_id`.
pub(crate) fn field_name(key: &str) -> &str {
    match key {
        "customerId" => "customer_id",
        "responseId" => "response_id",
        other => other,
    }
}

pub(crate) fn object(row: &Value, record: RecordRef) -> Result<&Map<String, Value>> {
    row.as_object()
        .ok_or_else(|| TouchpointError::invalid(record, "", "expected an object (one row)"))
}

fn blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// An id: text or a whole number.
fn id_of(v: &Value, record: RecordRef, field: &str) -> Result<String> {
    let id = match v {
        Value::String(s) => s.clone(),
        Value::Number(n) if n.is_i64() || n.is_u64() => n.to_string(),
        _ => {
            return Err(TouchpointError::invalid(
                record,
                field,
                format!("expected text or a whole number, got {v}"),
            ))
        }
    };
    limits::check_id(&id, record, field)?;
    Ok(id)
}

fn optional_text(v: Option<&Value>, record: RecordRef, field: &str) -> Result<Option<String>> {
    match v {
        None => Ok(None),
        Some(v) if blank(v) => Ok(None),
        Some(v) => id_of(v, record, field).map(Some),
    }
}

pub(crate) fn contact_of(row: &Map<String, Value>, record: RecordRef) -> Result<SurveyContact> {
    let get = |name: &str| {
        row.iter()
            .find(|(k, _)| field_name(k) == name)
            .map(|(_, v)| v)
    };
    let customer_id = match get("customer_id") {
        Some(v) if !blank(v) => id_of(v, record, "customer_id")?,
        _ => {
            return Err(TouchpointError::invalid(
                record,
                "customer_id",
                "missing: every response is tied to a customer",
            ))
        }
    };
    let timestamp = match get("timestamp") {
        Some(v) if !blank(v) => Timestamp::deserialize(v).map_err(|e| {
            let m = e.to_string();
            out_of_range_in_message(&m, record, "timestamp")
                .unwrap_or_else(|| TouchpointError::invalid(record, "timestamp", m))
        })?,
        _ => {
            return Err(TouchpointError::invalid(
                record,
                "timestamp",
                "missing: every response has a time",
            ))
        }
    };
    let stage = match get("stage") {
        Some(v) if !blank(v) => Some(
            Stage::deserialize(v)
                .map_err(|e| TouchpointError::invalid(record, "stage", e.to_string()))?,
        ),
        _ => None,
    };
    Ok(SurveyContact {
        customer_id,
        timestamp,
        channel: optional_text(get("channel"), record, "channel")?,
        touchpoint: optional_text(get("touchpoint"), record, "touchpoint")?,
        stage,
        segment: optional_text(get("segment"), record, "segment")?,
    })
}

fn outside(q: &Question, v: &Value, record: RecordRef, expected: String) -> TouchpointError {
    TouchpointError::OutOfRange {
        record,
        field: q.id.clone(),
        value: match v {
            Value::String(s) => limits::quote(s).into_owned(),
            other => other.to_string(),
        },
        expected,
    }
}

/// A cell read as the answer to `q`: `None` when blank (skipped).
pub(crate) fn answer_of(
    q: &Question,
    v: &Value,
    record: RecordRef,
    separator: &str,
) -> Result<Option<Answer>> {
    if blank(v) {
        return Ok(None);
    }
    let answer = match q.kind {
        k if k.is_scale() => {
            let (lo, hi) = (q.min.unwrap_or(0), q.max.unwrap_or(0));
            let x = match v {
                Value::Number(n) => n.as_f64(),
                Value::String(s) => s.trim().parse::<f64>().ok(),
                _ => None,
            };
            match x {
                Some(x) if x.fract() == 0.0 && x >= f64::from(lo) && x <= f64::from(hi) => {
                    Answer::Scale(x as u8)
                }
                _ => {
                    return Err(outside(
                        q,
                        v,
                        record,
                        format!("a whole number from {lo} to {hi}"),
                    ))
                }
            }
        }
        QuestionType::YesNo => {
            let yes = match v {
                Value::Bool(b) => Some(*b),
                Value::Number(n) => match n.as_f64() {
                    Some(1.0) => Some(true),
                    Some(0.0) => Some(false),
                    _ => None,
                },
                Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
                    "yes" | "y" | "true" | "1" => Some(true),
                    "no" | "n" | "false" | "0" => Some(false),
                    _ => None,
                },
                _ => None,
            };
            match yes {
                Some(b) => Answer::YesNo(b),
                None => return Err(outside(q, v, record, "yes or no".into())),
            }
        }
        QuestionType::SingleChoice => match v {
            Value::String(s) if q.choices.iter().any(|c| c == s.trim()) => {
                Answer::Text(s.trim().to_string())
            }
            _ => {
                return Err(outside(
                    q,
                    v,
                    record,
                    format!("one of {}", q.choices.join(", ")),
                ))
            }
        },
        QuestionType::MultipleChoice => {
            let picked: Vec<&str> = match v {
                Value::String(s) => s.split(separator).map(str::trim).collect(),
                Value::Array(items) => items
                    .iter()
                    .map(|i| i.as_str().map(str::trim).unwrap_or("\u{0}"))
                    .collect(),
                _ => vec!["\u{0}"],
            };
            let mut chosen = vec![false; q.choices.len()];
            for p in picked.into_iter().filter(|p| !p.is_empty()) {
                match q.choices.iter().position(|c| c == p) {
                    Some(i) => chosen[i] = true,
                    None => {
                        return Err(outside(
                            q,
                            v,
                            record,
                            format!("any of {}", q.choices.join(", ")),
                        ))
                    }
                }
            }
            let chosen: Vec<String> = q
                .choices
                .iter()
                .zip(chosen)
                .filter(|(_, c)| *c)
                .map(|(c, _)| c.clone())
                .collect();
            if chosen.is_empty() {
                return Ok(None);
            }
            Answer::Choices(chosen)
        }
        _ => match v {
            Value::String(s) if s.len() > limits::MAX_TEXT_BYTES => {
                return Err(TouchpointError::OutOfRange {
                    record,
                    field: q.id.clone(),
                    value: format!("a text of {} bytes", s.len()),
                    expected: format!("at most {} bytes", limits::MAX_TEXT_BYTES),
                })
            }
            Value::String(s) => Answer::Text(s.clone()),
            _ => {
                return Err(TouchpointError::invalid(
                    record,
                    q.id.clone(),
                    format!("expected text, got {v}"),
                ))
            }
        },
    };
    Ok(Some(answer))
}

fn unknown_question(
    survey: &Survey,
    name: &str,
    record: RecordRef,
    field: &str,
) -> TouchpointError {
    TouchpointError::invalid(
        record,
        field,
        format!(
            "`{name}` is not a question of survey `{}` (questions: {})",
            survey.id,
            survey.question_ids()
        ),
    )
}

fn check_skipped(
    survey: &Survey,
    r: &SurveyResponse,
    record: RecordRef,
    options: &SurveyOptions,
) -> Result<()> {
    if options.skipped == SkippedAnswers::Reject {
        if let Some(q) = survey
            .questions
            .iter()
            .find(|q| !r.answers.contains_key(&q.id))
        {
            return Err(TouchpointError::invalid(
                record,
                q.id.clone(),
                "not answered, and `skipped` is `reject`",
            ));
        }
    }
    Ok(())
}

/// Reads the responses to `survey` from `rows` (objects), laid out as `options.layout` says.
///
/// Every row names its customer (`customer_id`, text or a whole number) and its time
/// (`timestamp`, RFC 3339 or milliseconds), and may give `response_id`, `channel`,
/// `touchpoint`, `stage` and `segment`. A wide row's other columns are the questions' ids
/// (columns in `options.ignore_columns` are passed over); a long row has `question` and
/// `answer`. A blank answer (`null`, empty text) is skipped.
///
/// Errors name the row (`record N`) and the field: `INVALID_RECORD` for a missing customer
/// or time, a question the survey does not have, two answers to one single-answer question;
/// `OUT_OF_RANGE` for an answer outside its scale or choices, or a text over
/// [`limits::MAX_TEXT_BYTES`].
pub fn read_survey_responses(
    survey: &Survey,
    rows: &[Value],
    options: &SurveyOptions,
) -> Result<Vec<SurveyResponse>> {
    match options.layout {
        SurveyLayout::Wide => rows
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let record = RecordRef::Record(i as u64 + 1);
                let row = object(row, record)?;
                let mut response_id = None;
                let mut answers = BTreeMap::new();
                for (key, v) in row {
                    let name = field_name(key);
                    if name == "response_id" {
                        response_id = optional_text(Some(v), record, "response_id")?;
                    } else if CONTACT_FIELDS.contains(&name) || options.ignore_columns.contains(key)
                    {
                        continue;
                    } else {
                        let q = survey
                            .question(key)
                            .ok_or_else(|| unknown_question(survey, key, record, key))?;
                        if let Some(a) = answer_of(q, v, record, &options.choice_separator)? {
                            answers.insert(q.id.clone(), a);
                        }
                    }
                }
                let r = SurveyResponse {
                    response_id: response_id.unwrap_or_else(|| (i + 1).to_string()),
                    contact: contact_of(row, record)?,
                    answers,
                };
                check_skipped(survey, &r, record, options)?;
                Ok(r)
            })
            .collect(),
        SurveyLayout::Long => read_long(survey, rows, options),
    }
}

fn read_long(
    survey: &Survey,
    rows: &[Value],
    options: &SurveyOptions,
) -> Result<Vec<SurveyResponse>> {
    let mut out: Vec<(SurveyResponse, RecordRef)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        let record = RecordRef::Record(i as u64 + 1);
        let row = object(row, record)?;
        let (mut question, mut answer, mut response_id) = (None, None, None);
        for (key, v) in row {
            match field_name(key) {
                "question" => question = Some(v),
                "answer" => answer = Some(v),
                "response_id" => response_id = optional_text(Some(v), record, "response_id")?,
                name if CONTACT_FIELDS.contains(&name) => {}
                _ if options.ignore_columns.contains(key) => {}
                _ => {
                    return Err(TouchpointError::invalid(
                        record,
                        key.clone(),
                        "not a field of a long survey row (response_id, customer_id, \
                         timestamp, channel, touchpoint, stage, segment, question, answer)",
                    ))
                }
            }
        }
        let contact = contact_of(row, record)?;
        let name = match question {
            Some(Value::String(s)) if !s.trim().is_empty() => s.trim(),
            _ => {
                return Err(TouchpointError::invalid(
                    record,
                    "question",
                    "missing: a long row names the question it answers",
                ))
            }
        };
        let q = survey
            .question(name)
            .ok_or_else(|| unknown_question(survey, name, record, "question"))?;
        let key = response_id.clone().unwrap_or_else(|| {
            format!("{}\u{0}{}", contact.customer_id, contact.timestamp.millis())
        });
        let at = *index.entry(key).or_insert_with(|| {
            out.push((
                SurveyResponse {
                    response_id: response_id
                        .clone()
                        .unwrap_or_else(|| (out.len() + 1).to_string()),
                    contact: contact.clone(),
                    answers: BTreeMap::new(),
                },
                record,
            ));
            out.len() - 1
        });
        let r = &mut out[at].0;
        if r.contact != contact {
            return Err(TouchpointError::invalid(
                record,
                "customer_id",
                format!(
                    "differs in customer, time, channel, touchpoint, stage or segment from \
                     the first row of response `{}`",
                    r.response_id
                ),
            ));
        }
        let Some(a) = answer_of(
            q,
            answer.unwrap_or(&Value::Null),
            record,
            &options.choice_separator,
        )?
        else {
            continue;
        };
        match (r.answers.get_mut(&q.id), a) {
            (None, a) => {
                r.answers.insert(q.id.clone(), a);
            }
            (Some(Answer::Choices(have)), Answer::Choices(more)) => {
                for c in more {
                    if !have.contains(&c) {
                        have.push(c);
                    }
                }
                have.sort_by_key(|c| q.choices.iter().position(|x| x == c));
            }
            _ => {
                return Err(TouchpointError::invalid(
                    record,
                    "question",
                    format!("response `{}` answers `{}` twice", r.response_id, q.id),
                ))
            }
        }
    }
    out.into_iter()
        .map(|(r, record)| check_skipped(survey, &r, record, options).map(|_| r))
        .collect()
}
