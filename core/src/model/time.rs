//! UTC timestamps with millisecond precision.

use crate::{RecordRef, Result, TouchpointError};
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

    /// Parses the text forms described on the type; `None` if none fits.
    pub fn parse(text: &str) -> Option<Timestamp> {
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

    /// Parses `text`, or reports which record and field held it.
    pub fn parse_field(text: &str, record: RecordRef, field: &str) -> Result<Timestamp> {
        Timestamp::parse(text).ok_or_else(|| {
            TouchpointError::invalid(
                record,
                field,
                format!("cannot read `{text}` as a timestamp (expected RFC 3339, e.g. 2026-03-01T09:30:00Z)"),
            )
        })
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

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw<'a> {
            Millis(i64),
            Float(f64),
            #[serde(borrow)]
            Text(std::borrow::Cow<'a, str>),
        }
        match Raw::deserialize(d)? {
            Raw::Millis(ms) => Ok(Timestamp(ms)),
            Raw::Float(f) if f.is_finite() && f.fract() == 0.0 => Ok(Timestamp(f as i64)),
            Raw::Float(f) => Err(serde::de::Error::custom(format!(
                "{f} is not a whole number of milliseconds"
            ))),
            Raw::Text(t) => Timestamp::parse(&t).ok_or_else(|| {
                serde::de::Error::custom(format!("cannot read `{t}` as a timestamp"))
            }),
        }
    }
}
