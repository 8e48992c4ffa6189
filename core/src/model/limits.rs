//! The limits of what touchpoint accepts, in one place: the valid time range, the longest
//! id, the deepest nesting, the largest value and the largest result an option may ask for.
//!
//! Input outside a limit is refused with a typed error naming the record and the field
//! (`OUT_OF_RANGE` for a value, `INVALID_RECORD` for a shape); an option that would ask for
//! more is refused with `INVALID_CONFIG` naming the option. Nothing is clamped or wrapped
//! silently. `docs/bad-input.md` lists every class of bad input and its error.

use crate::{RecordRef, Result, TouchpointError};

/// The earliest accepted time: 1900-01-01T00:00:00Z, in milliseconds since the epoch.
pub const EARLIEST_MS: i64 = -2_208_988_800_000;
/// The latest accepted time: 9999-12-31T23:59:59.999Z, in milliseconds since the epoch.
/// Every difference of two accepted times, and every sum of one with a window of at most
/// [`MAX_WINDOW_MS`], fits an `i64` with room to spare.
pub const LATEST_MS: i64 = 253_402_300_799_999;
/// The longest window, duration or period an option may give: the whole accepted range.
pub const MAX_WINDOW_MS: i64 = LATEST_MS - EARLIEST_MS;
/// The longest customer id (or anonymous id, alias, group id), in bytes of UTF-8.
pub const MAX_ID_BYTES: usize = 1024;
/// The shortest key a pseudonym may be made with ([`PseudonymKey`](crate::PseudonymKey)), in bytes.
pub const MIN_PSEUDONYM_KEY_BYTES: usize = 16;
/// The deepest nesting of properties and traits (an object in an object … counts one each).
pub const MAX_DEPTH: usize = 64;
/// The largest text record (an NDJSON line, a CSV record), in bytes.
pub const MAX_RECORD_BYTES: usize = 1 << 20;
/// The longest text scored for sentiment, in bytes (1 MiB): VADER scores sentences and
/// comments; a longer text is refused, not truncated.
pub const MAX_TEXT_BYTES: usize = 1 << 20;
/// The largest magnitude of an event's `value` (revenue, an amount): 10^15. Sums of up to
/// 2^32 such values stay finite and exact to a cent for realistic amounts.
pub const MAX_VALUE: f64 = 1e15;
/// The most steps (and exclusions) a funnel may have: the matcher tracks them in 64-bit masks.
pub const MAX_FUNNEL_STEPS: usize = 64;
/// The longest path the journey map may follow.
pub const MAX_PATH_LENGTH: usize = 100;
/// The most periods (days, weeks, buckets) along a time axis of one report.
pub const MAX_PERIODS: usize = 100_000;
/// The most cells of a periods × periods report (a retention matrix).
pub const MAX_CELLS: usize = 10_000_000;
/// The deepest nesting of a segment predicate (`all` in `any` in `not` …).
pub const MAX_PREDICATE_DEPTH: usize = 64;
/// The largest magnitude of a weight in a weighted score.
pub const MAX_WEIGHT: f64 = 1e6;
/// The most characters of an offending value quoted in an error message.
pub const QUOTE_CHARS: usize = 64;

/// Checks a time in milliseconds: inside [`EARLIEST_MS`]`..=`[`LATEST_MS`], else an
/// `OUT_OF_RANGE` error naming `record` and `field`.
pub fn check_time_ms(ms: i64, record: RecordRef, field: &str) -> Result<i64> {
    if (EARLIEST_MS..=LATEST_MS).contains(&ms) {
        Ok(ms)
    } else {
        Err(TouchpointError::OutOfRange {
            record,
            field: field.to_string(),
            value: ms.to_string(),
            expected: TIME_RANGE.to_string(),
        })
    }
}

/// What [`check_time_ms`] allows, in words.
pub const TIME_RANGE: &str = "a time from 1900-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z";

/// Reads a float as a time in milliseconds: a whole number inside the accepted range. NaN,
/// infinities, fractions and huge values are refused (never saturated).
pub fn time_ms_from_f64(f: f64, record: RecordRef, field: &str) -> Result<i64> {
    if !f.is_finite() || f.fract() != 0.0 {
        return Err(TouchpointError::invalid(
            record,
            field,
            format!("{f} is not a whole number of milliseconds"),
        ));
    }
    if f < EARLIEST_MS as f64 || f > LATEST_MS as f64 {
        return Err(TouchpointError::OutOfRange {
            record,
            field: field.to_string(),
            value: f.to_string(),
            expected: TIME_RANGE.to_string(),
        });
    }
    Ok(f as i64)
}

/// Checks a customer id (or anonymous id, alias, group id): not empty, not only
/// whitespace, at most [`MAX_ID_BYTES`] bytes, and free of control characters (which break
/// exports and logs). `INVALID_RECORD` naming `record` and `field` otherwise.
pub fn check_id(id: &str, record: RecordRef, field: &str) -> Result<()> {
    let problem = if id.trim().is_empty() {
        if id.is_empty() {
            "is empty".to_string()
        } else {
            "is only whitespace".to_string()
        }
    } else if id.len() > MAX_ID_BYTES {
        format!(
            "is {} bytes long; an id may have at most {MAX_ID_BYTES}",
            id.len()
        )
    } else if let Some(c) = id.chars().find(|c| c.is_control()) {
        format!(
            "contains the control character U+{:04X} at byte {}",
            c as u32,
            id.find(c).unwrap_or(0)
        )
    } else {
        return Ok(());
    };
    Err(TouchpointError::invalid(record, field, problem))
}

/// Checks an event's free text: at most [`MAX_TEXT_BYTES`] bytes (`OUT_OF_RANGE` naming
/// `record` and `field`). A blank text is allowed: the voice of the customer counts it.
pub fn check_text(text: &str, record: RecordRef, field: &str) -> Result<()> {
    if text.len() <= MAX_TEXT_BYTES {
        Ok(())
    } else {
        Err(TouchpointError::OutOfRange {
            record,
            field: field.to_string(),
            value: format!("a text of {} bytes", text.len()),
            expected: format!("at most {MAX_TEXT_BYTES} bytes"),
        })
    }
}

/// Checks an amount (an event's `value`): finite and at most [`MAX_VALUE`] in magnitude.
/// `-0` comes back as `0`.
pub fn check_value(v: f64, record: RecordRef, field: &str) -> Result<f64> {
    if v.is_finite() && v.abs() <= MAX_VALUE {
        Ok(v + 0.0)
    } else {
        Err(TouchpointError::OutOfRange {
            record,
            field: field.to_string(),
            value: v.to_string(),
            expected: "a finite number of magnitude at most 1e15".to_string(),
        })
    }
}

/// Checks a number given as an option: finite (a Rust caller can build an options struct
/// with NaN or ±∞, which JSON cannot hold); `INVALID_CONFIG` naming `option` otherwise.
pub fn check_option_number(x: f64, option: &str) -> Result<f64> {
    if x.is_finite() {
        Ok(x)
    } else {
        Err(TouchpointError::config(
            option,
            format!("{x} is not a finite number"),
        ))
    }
}

/// Checks a weight of a weighted score: finite and at most [`MAX_WEIGHT`] in magnitude;
/// `INVALID_CONFIG` naming `option` otherwise.
pub fn check_weight(w: f64, option: &str) -> Result<f64> {
    if w.is_finite() && w.abs() <= MAX_WEIGHT {
        Ok(w)
    } else {
        Err(TouchpointError::config(
            option,
            format!("{w} is not a weight from -1e6 to 1e6"),
        ))
    }
}

/// Reads a window, duration or gap given in `unit_ms` units (1000 for seconds, [`DAY_MS`]
/// for days) as whole milliseconds: a finite number above 0 of at most [`MAX_WINDOW_MS`],
/// at least one millisecond once rounded. `INVALID_CONFIG` naming `option` otherwise.
///
/// [`DAY_MS`]: crate::DAY_MS
pub fn window_ms(amount: f64, unit_ms: f64, option: &str) -> Result<i64> {
    let ms = (amount * unit_ms).round();
    if amount.is_finite() && ms >= 1.0 && ms <= MAX_WINDOW_MS as f64 {
        Ok(ms as i64)
    } else {
        Err(TouchpointError::config(
            option,
            format!(
                "{amount} is not a duration above 0 of at most {} days",
                MAX_WINDOW_MS / crate::DAY_MS
            ),
        ))
    }
}

/// Checks a time given as an option (`as_of`): inside the accepted range, else
/// `INVALID_CONFIG` naming `option` (options read from JSON are checked when read; a Rust
/// caller can build a `Timestamp` of any `i64`).
pub fn check_option_time(t: crate::Timestamp, option: &str) -> Result<i64> {
    if t.is_in_range() {
        Ok(t.0)
    } else {
        Err(TouchpointError::config(
            option,
            format!("{} is out of range ({TIME_RANGE})", t.0),
        ))
    }
}

/// Checks how many periods a time axis of a report would have: at most [`MAX_PERIODS`];
/// `INVALID_CONFIG` naming `option` otherwise, before anything is allocated.
pub fn check_periods(periods: u64, option: &str) -> Result<usize> {
    if periods <= MAX_PERIODS as u64 {
        Ok(periods as usize)
    } else {
        Err(TouchpointError::config(
            option,
            format!(
                "the data would need {periods} periods: at most {MAX_PERIODS} are supported (choose a longer period)"
            ),
        ))
    }
}

/// The first [`QUOTE_CHARS`] characters of `text`, with `…` when cut: how an error
/// message quotes a value it did not accept (a 1 MB id is not copied into the message).
pub fn quote(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(QUOTE_CHARS) {
        None => text.into(),
        Some((cut, _)) => format!("{}…", &text[..cut]).into(),
    }
}

/// How deep `value` nests (a scalar is 0, `{}` and `[]` are 1, `{"a": {}}` is 2), counted
/// without recursion, so that a hostile value cannot overflow the stack here.
pub fn depth(value: &serde_json::Value) -> usize {
    use serde_json::Value;
    let mut deepest = 0;
    let mut stack: Vec<(&Value, usize)> = vec![(value, 0)];
    while let Some((v, d)) = stack.pop() {
        match v {
            Value::Array(items) => {
                deepest = deepest.max(d + 1);
                stack.extend(items.iter().map(|x| (x, d + 1)));
            }
            Value::Object(map) => {
                deepest = deepest.max(d + 1);
                stack.extend(map.values().map(|x| (x, d + 1)));
            }
            _ => {}
        }
    }
    deepest
}

/// Drops `value` without recursion. serde_json drops a value recursively, so a refused
/// hostile value (10,000 arrays deep) is taken apart here instead, one level at a time.
pub fn dismantle(value: serde_json::Value) {
    use serde_json::Value;
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => stack.extend(map.into_iter().map(|(_, x)| x)),
            _ => {}
        }
    }
}

/// Checks that `value` nests at most [`MAX_DEPTH`] deep; `INVALID_RECORD` naming `record`
/// and `field` otherwise.
pub fn check_depth(value: &serde_json::Value, record: RecordRef, field: &str) -> Result<()> {
    let d = depth(value);
    if d <= MAX_DEPTH {
        Ok(())
    } else {
        Err(TouchpointError::invalid(
            record,
            field,
            format!("nests {d} levels deep; at most {MAX_DEPTH} are allowed"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const R: RecordRef = RecordRef::Record(1);

    #[test]
    fn the_time_range_is_1900_to_9999() {
        use chrono::{TimeZone, Utc};
        let first = Utc.with_ymd_and_hms(1900, 1, 1, 0, 0, 0).unwrap();
        let last = Utc.with_ymd_and_hms(9999, 12, 31, 23, 59, 59).unwrap();
        assert_eq!(first.timestamp_millis(), EARLIEST_MS);
        assert_eq!(last.timestamp_millis() + 999, LATEST_MS);
        assert!(check_time_ms(EARLIEST_MS, R, "timestamp").is_ok());
        assert!(check_time_ms(LATEST_MS, R, "timestamp").is_ok());
        let e = check_time_ms(LATEST_MS + 1, R, "timestamp").unwrap_err();
        assert_eq!((e.code(), e.field()), ("OUT_OF_RANGE", Some("timestamp")));
        assert!(check_time_ms(i64::MIN, R, "t").is_err());
        assert!(EARLIEST_MS.checked_sub(MAX_WINDOW_MS).is_some());
        assert!(LATEST_MS.checked_add(MAX_WINDOW_MS).is_some());
    }

    #[test]
    fn float_times_are_never_saturated() {
        assert_eq!(time_ms_from_f64(1.0e12, R, "t").unwrap(), 1_000_000_000_000);
        for bad in [1e300, -1e300, f64::NAN, f64::INFINITY, 1.5, 2f64.powi(62)] {
            assert!(time_ms_from_f64(bad, R, "t").is_err(), "{bad}");
        }
    }

    #[test]
    fn ids_are_checked() {
        assert!(check_id("c1", R, "customer_id").is_ok());
        assert!(check_id("ñandú 🦤", R, "customer_id").is_ok());
        for bad in ["", "  \t", "a\nb", "x\u{0}", "\u{7f}"] {
            let e = check_id(bad, R, "customer_id").unwrap_err();
            assert_eq!(e.field(), Some("customer_id"), "{bad:?}");
        }
        assert!(check_id(&"x".repeat(MAX_ID_BYTES), R, "c").is_ok());
        assert!(check_id(&"x".repeat(MAX_ID_BYTES + 1), R, "c").is_err());
    }

    #[test]
    fn values_are_finite_and_bounded() {
        assert_eq!(
            check_value(-0.0, R, "value").unwrap().to_bits(),
            0f64.to_bits()
        );
        assert_eq!(check_value(1e15, R, "value").unwrap(), 1e15);
        for bad in [f64::NAN, f64::INFINITY, -f64::INFINITY, 1e308, -1.1e15] {
            let e = check_value(bad, R, "value").unwrap_err();
            assert_eq!(e.code(), "OUT_OF_RANGE");
        }
    }

    #[test]
    fn quotes_are_short() {
        assert_eq!(quote("abc"), "abc");
        let long = "é".repeat(1000);
        let q = quote(&long);
        assert_eq!(q.chars().count(), QUOTE_CHARS + 1);
        assert!(q.ends_with('…'));
    }

    #[test]
    fn depth_is_counted_without_recursion() {
        assert_eq!(depth(&json!(1)), 0);
        assert_eq!(depth(&json!({})), 1);
        assert_eq!(depth(&json!({"a": [{"b": 1}]})), 3);
        let mut v = serde_json::Value::from(0);
        for _ in 0..100_000 {
            v = serde_json::Value::Array(vec![v]);
        }
        assert_eq!(depth(&v), 100_000);
        assert!(check_depth(&v, R, "properties").is_err());
        dismantle(v);
    }
}
