//! UTC timestamps with millisecond precision.

use crate::{limits, RecordRef, Result, TouchpointError};
use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A point in time, UTC, as milliseconds since the Unix epoch.
///
/// Written as RFC 3339 (`2026-03-01T09:30:00Z`); read from RFC 3339 with any offset,
/// from `YYYY-MM-DD HH:MM:SS[.fff]` or `YYYY-MM-DD` (taken as UTC), or from an integer
/// number of milliseconds since the epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

/// One minute, in milliseconds.
pub const MINUTE_MS: i64 = 60_000;
/// One day, in milliseconds.
pub const DAY_MS: i64 = 86_400_000;

impl Timestamp {
    /// Milliseconds since the Unix epoch.
    pub fn millis(self) -> i64 {
        self.0
    }

    /// True when the time is inside the accepted range
    /// ([`limits::EARLIEST_MS`]`..=`[`limits::LATEST_MS`]: 1900 to 9999).
    pub fn is_in_range(self) -> bool {
        (limits::EARLIEST_MS..=limits::LATEST_MS).contains(&self.0)
    }

    /// Parses the text forms described on the type; `None` if none fits or the time is
    /// outside the accepted range (1900 to 9999, see [`limits`]).
    pub fn parse(text: &str) -> Option<Timestamp> {
        read_text(text).filter(|t| t.is_in_range())
    }

    /// Parses `text`, or reports which record and field held it: `INVALID_RECORD` when the
    /// text is not a time, `OUT_OF_RANGE` when it is one outside 1900 to 9999.
    pub fn parse_field(text: &str, record: RecordRef, field: &str) -> Result<Timestamp> {
        match read_text(text) {
            Some(t) if t.is_in_range() => Ok(t),
            Some(_) => Err(out_of_range(text, record, field)),
            None => Err(TouchpointError::invalid(
                record,
                field,
                format!(
                    "cannot read `{}` as a timestamp (expected RFC 3339, e.g. 2026-03-01T09:30:00Z)",
                    limits::quote(text)
                ),
            )),
        }
    }

    /// Reads milliseconds since the epoch, checked to be inside the accepted range
    /// (`OUT_OF_RANGE` naming `record` and `field` otherwise).
    pub fn from_millis(ms: i64, record: RecordRef, field: &str) -> Result<Timestamp> {
        limits::check_time_ms(ms, record, field).map(Timestamp)
    }

    /// The RFC 3339 form, UTC, with milliseconds only when they are not zero.
    pub fn to_rfc3339(self) -> String {
        match DateTime::<Utc>::from_timestamp_millis(self.0) {
            Some(dt) => dt.to_rfc3339_opts(SecondsFormat::AutoSi, true),
            None => self.0.to_string(),
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

impl Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_rfc3339())
    }
}

/// Reads the text forms described on [`Timestamp`], at any time (checked by the callers).
/// A leap second (`23:59:60`) reads as the next second.
fn read_text(text: &str) -> Option<Timestamp> {
    let t = text.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Some(Timestamp(dt.timestamp_millis()));
    }
    for fmt in [
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(n) = NaiveDateTime::parse_from_str(t, fmt) {
            return Some(Timestamp(n.and_utc().timestamp_millis()));
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Some(Timestamp(
            d.and_hms_opt(0, 0, 0)?.and_utc().timestamp_millis(),
        ));
    }
    t.parse::<i64>().ok().map(Timestamp)
}

/// The words of a time outside the accepted range, as a deserializer's message: a record
/// reader finds [`limits::TIME_RANGE`] in it and reports `OUT_OF_RANGE` (see
/// [`out_of_range_in_message`]); an options reader reports it as `INVALID_CONFIG`.
fn range_message(value: &str) -> String {
    format!(
        "`{}` is out of range ({})",
        limits::quote(value),
        limits::TIME_RANGE
    )
}

fn out_of_range(value: &str, record: RecordRef, field: &str) -> TouchpointError {
    TouchpointError::OutOfRange {
        record,
        field: field.to_string(),
        value: limits::quote(value).into_owned(),
        expected: limits::TIME_RANGE.to_string(),
    }
}

/// The `OUT_OF_RANGE` error of a time that [`Timestamp`]'s `Deserialize` refused as outside
/// the accepted range, found in a deserializer's `message` (which each deserializer may
/// wrap in words of its own); `None` when the message is about something else.
pub(crate) fn out_of_range_in_message(
    message: &str,
    record: RecordRef,
    field: &str,
) -> Option<TouchpointError> {
    let end = message.find(&format!("` is out of range ({})", limits::TIME_RANGE))?;
    let start = message[..end].rfind('`')?;
    Some(out_of_range(&message[start + 1..end], record, field))
}

impl<'de> Deserialize<'de> for Timestamp {
    /// Reads RFC 3339 text (or the other text forms of [`Timestamp`]), or whole milliseconds
    /// since the epoch (an integer, or a float without a fraction). A time outside the
    /// accepted range (1900 to 9999) is refused, never clamped.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw<'a> {
            Millis(i64),
            Float(f64),
            #[serde(borrow)]
            Text(std::borrow::Cow<'a, str>),
        }
        use serde::de::Error;
        let t = match Raw::deserialize(d)? {
            Raw::Millis(ms) => Timestamp(ms),
            Raw::Float(f) if f.is_finite() && f.fract() == 0.0 => {
                if f < limits::EARLIEST_MS as f64 || f > limits::LATEST_MS as f64 {
                    return Err(D::Error::custom(range_message(&format!("{f:?}"))));
                }
                Timestamp(f as i64)
            }
            Raw::Float(f) => {
                return Err(D::Error::custom(format!(
                    "{f} is not a whole number of milliseconds"
                )))
            }
            Raw::Text(t) => match read_text(&t) {
                Some(ms) if ms.is_in_range() => ms,
                Some(_) => return Err(D::Error::custom(range_message(&t))),
                None => {
                    return Err(D::Error::custom(format!(
                        "cannot read `{}` as a timestamp",
                        limits::quote(&t)
                    )))
                }
            },
        };
        if t.is_in_range() {
            Ok(t)
        } else {
            Err(D::Error::custom(range_message(&t.0.to_string())))
        }
    }
}
