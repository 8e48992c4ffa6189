//! The one error type of touchpoint, and where in the input an error happened.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Where a bad value was found: the unit (line, record, answer) and its 1-based position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "unit", content = "index")]
pub enum RecordRef {
    /// A line of a text input (CSV, NDJSON), 1-based, the CSV header being line 1.
    Line(u64),
    /// An element of a JSON array or of a list of records, 1-based.
    Record(u64),
    /// An element of a list of survey answers, 1-based.
    Answer(u64),
}

impl fmt::Display for RecordRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordRef::Line(n) => write!(f, "line {n}"),
            RecordRef::Record(n) => write!(f, "record {n}"),
            RecordRef::Answer(n) => write!(f, "answer {n}"),
        }
    }
}

/// Every error touchpoint reports. Each variant has a stable [`code`](TouchpointError::code)
/// that the Python and JavaScript bindings expose unchanged.
#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TouchpointError {
    /// A record lacks a field it needs, or a field has the wrong type or shape. An empty
    /// `field` means the record as a whole is at fault (not an object, say).
    #[error("{record}: {}{message}", field_prefix(field))]
    InvalidRecord {
        /// Which record.
        record: RecordRef,
        /// The field, as a dotted path (`properties.channel`).
        field: String,
        /// What is wrong with it.
        message: String,
    },
    /// A value is of the right type but outside what the field allows (an NPS answer of 11).
    #[error("{record}: field `{field}`: {value} is out of range ({expected})")]
    OutOfRange {
        /// Which record.
        record: RecordRef,
        /// The field, as a dotted path (`survey.score`).
        field: String,
        /// The offending value, as written in the input.
        value: String,
        /// What the field allows.
        expected: String,
    },
    /// The input is not well-formed text of the expected format (broken JSON, ragged CSV).
    #[error("{record}: cannot parse: {message}")]
    Parse {
        /// Where the parser stopped.
        record: RecordRef,
        /// What the parser said.
        message: String,
    },
    /// An option or a configuration value is invalid.
    #[error("invalid option `{option}`: {message}")]
    InvalidConfig {
        /// The option's name.
        option: String,
        /// Why it is invalid.
        message: String,
    },
    /// A model's maximum-likelihood fit found no optimum: the iterations ran out, the
    /// likelihood was not a finite number, or a parameter ran to 0 or infinity.
    #[error("the {model} fit did not converge: {message}")]
    NotConverged {
        /// The model (`bg_nbd`, `gamma_gamma`, …).
        model: String,
        /// Why, and what may help.
        message: String,
    },
    /// A durable store could not be opened, read or written (the file system said no, the
    /// file is another program's or damaged, another process holds it).
    #[error("the store at {path}: {message}")]
    Store {
        /// The store's path.
        path: String,
        /// What failed.
        message: String,
    },
}

impl TouchpointError {
    /// The stable, language-independent code of this error (`"OUT_OF_RANGE"`, …).
    pub fn code(&self) -> &'static str {
        match self {
            TouchpointError::InvalidRecord { .. } => "INVALID_RECORD",
            TouchpointError::OutOfRange { .. } => "OUT_OF_RANGE",
            TouchpointError::Parse { .. } => "PARSE_ERROR",
            TouchpointError::InvalidConfig { .. } => "INVALID_CONFIG",
            TouchpointError::NotConverged { .. } => "NOT_CONVERGED",
            TouchpointError::Store { .. } => "STORE_ERROR",
        }
    }

    /// The record the error names, if it names one.
    pub fn record(&self) -> Option<RecordRef> {
        match self {
            TouchpointError::InvalidRecord { record, .. }
            | TouchpointError::OutOfRange { record, .. }
            | TouchpointError::Parse { record, .. } => Some(*record),
            TouchpointError::InvalidConfig { .. }
            | TouchpointError::NotConverged { .. }
            | TouchpointError::Store { .. } => None,
        }
    }

    /// The field (or option) the error names, if it names one.
    pub fn field(&self) -> Option<&str> {
        match self {
            TouchpointError::InvalidRecord { field, .. }
            | TouchpointError::OutOfRange { field, .. } => {
                Some(field.as_str()).filter(|f| !f.is_empty())
            }
            TouchpointError::InvalidConfig { option, .. } => Some(option),
            TouchpointError::Parse { .. }
            | TouchpointError::NotConverged { .. }
            | TouchpointError::Store { .. } => None,
        }
    }

    /// The same error, naming `at` as its record (errors that name no record are unchanged).
    pub fn at_record(mut self, at: RecordRef) -> Self {
        match &mut self {
            TouchpointError::InvalidRecord { record, .. }
            | TouchpointError::OutOfRange { record, .. }
            | TouchpointError::Parse { record, .. } => *record = at,
            TouchpointError::InvalidConfig { .. }
            | TouchpointError::NotConverged { .. }
            | TouchpointError::Store { .. } => {}
        }
        self
    }

    /// The same error naming its field (or option) as `respell` returns it; the message
    /// names it the new way too. An error that names no field is returned unchanged.
    pub fn map_field(mut self, respell: impl FnOnce(&str) -> String) -> Self {
        match &mut self {
            TouchpointError::InvalidRecord { field, .. }
            | TouchpointError::OutOfRange { field, .. }
                if !field.is_empty() =>
            {
                *field = respell(field)
            }
            TouchpointError::InvalidConfig { option, .. } if !option.is_empty() => {
                *option = respell(option)
            }
            _ => {}
        }
        self
    }

    pub(crate) fn invalid(
        record: RecordRef,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        TouchpointError::InvalidRecord {
            record,
            field: field.into(),
            message: message.into(),
        }
    }

    pub(crate) fn config(option: impl Into<String>, message: impl Into<String>) -> Self {
        TouchpointError::InvalidConfig {
            option: option.into(),
            message: message.into(),
        }
    }
}

/// "field `x`: " before a message about field `x`; nothing when the whole record is at fault.
fn field_prefix(field: &str) -> String {
    if field.is_empty() {
        String::new()
    } else {
        format!("field `{field}`: ")
    }
}

/// Result alias used throughout touchpoint.
pub type Result<T, E = TouchpointError> = std::result::Result<T, E>;

/// The flat form of an error that the bindings expose: a stable code, the message, and the
/// record and field it names as plain strings (`"line 3"`, `"properties.channel"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorInfo {
    /// The stable code (`"OUT_OF_RANGE"`, …).
    pub code: String,
    /// The full message.
    pub message: String,
    /// The record, if any (`"line 3"`, `"record 2"`, `"answer 1"`).
    pub record: Option<String>,
    /// The field or option, if any.
    pub field: Option<String>,
}

impl From<&TouchpointError> for ErrorInfo {
    fn from(e: &TouchpointError) -> Self {
        ErrorInfo {
            code: e.code().to_string(),
            message: e.to_string(),
            record: e.record().map(|r| r.to_string()),
            field: e.field().map(str::to_string),
        }
    }
}
