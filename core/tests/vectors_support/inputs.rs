//! The generated and host-only inputs of the shared vectors (vectors/README.md, "Generated
//! and host-only inputs"), expanded for the Rust API: `$repeat`, `$concat`, `$list`, `$nest`,
//! `$wide`, `$bigint` become JSON values; `$text_utf16` and `$utf8_bytes` become bytes (a Rust
//! `String` cannot hold a lone surrogate or invalid UTF-8, so those cases go through the byte
//! readers); `$number` (NaN, ±infinity) only exists as an `f64` (survey answers).

use serde_json::{Map, Value};

/// The encoding a `$`-object uses, if it is one.
pub fn encoding(v: &Value) -> Option<&str> {
    v.as_object()?
        .keys()
        .find(|k| k.starts_with('$'))
        .map(String::as_str)
}

fn count(v: &Value, key: &str) -> usize {
    v[key]
        .as_u64()
        .unwrap_or_else(|| panic!("`{key}` must be a count in {v}")) as usize
}

/// A JSON value with every generated input expanded. Panics on an encoding that has no JSON
/// form (NaN, a lone surrogate, a cycle): such a case must say `"skip": {"rust": "why"}`.
pub fn expand(v: &Value) -> Value {
    match v {
        Value::Array(items) => Value::Array(items.iter().map(expand).collect()),
        Value::Object(map) => match encoding(v) {
            None => Value::Object(map.iter().map(|(k, x)| (k.clone(), expand(x))).collect()),
            Some("$repeat" | "$concat") => Value::String(
                String::from_utf8(text(v)).expect("a generated string with a JSON form"),
            ),
            Some("$list") => Value::Array(vec![expand(&v["$list"]); count(v, "times")]),
            Some("$nest") => {
                let key = v["key"].as_str().expect("`key` of $nest");
                let mut out = expand(&v["$nest"]);
                for _ in 0..count(v, "depth") {
                    out = Value::Object(Map::from_iter([(key.to_string(), out)]));
                }
                out
            }
            Some("$wide") => {
                let prefix = v["prefix"].as_str().expect("`prefix` of $wide");
                let value = expand(&v["$wide"]);
                Value::Object(
                    (0..count(v, "keys"))
                        .map(|i| (format!("{prefix}{i}"), value.clone()))
                        .collect(),
                )
            }
            Some("$bigint") => {
                let digits = v["$bigint"].as_str().expect("$bigint digits");
                serde_json::from_str(digits).expect("$bigint is a JSON number")
            }
            Some(other) => panic!("{other} has no JSON form in Rust: the case needs skip.rust"),
        },
        _ => v.clone(),
    }
}

/// The bytes of a text input: a string, or `$utf8_bytes`, `$text_utf16` (as WTF-8: a lone
/// surrogate is the 3 bytes UTF-8 would give it, which are not valid UTF-8), `$repeat`,
/// `$concat`.
pub fn text(v: &Value) -> Vec<u8> {
    match (v, encoding(v)) {
        (Value::String(s), _) => s.as_bytes().to_vec(),
        (_, Some("$utf8_bytes")) => v["$utf8_bytes"]
            .as_array()
            .expect("bytes")
            .iter()
            .map(|b| b.as_u64().expect("a byte") as u8)
            .collect(),
        (_, Some("$text_utf16")) => {
            let units: Vec<u16> = v["$text_utf16"]
                .as_array()
                .expect("UTF-16 code units")
                .iter()
                .map(|u| u.as_u64().expect("a code unit") as u16)
                .collect();
            let mut out = Vec::new();
            for unit in char::decode_utf16(units) {
                let code = match unit {
                    Ok(c) => c as u32,
                    Err(lone) => u32::from(lone.unpaired_surrogate()),
                };
                // UTF-8's bit layout, applied to any code point (WTF-8 for a surrogate).
                match code {
                    0..=0x7f => out.push(code as u8),
                    0x80..=0x7ff => {
                        out.extend([0xc0 | (code >> 6) as u8, 0x80 | (code & 0x3f) as u8])
                    }
                    0x800..=0xffff => out.extend([
                        0xe0 | (code >> 12) as u8,
                        0x80 | ((code >> 6) & 0x3f) as u8,
                        0x80 | (code & 0x3f) as u8,
                    ]),
                    _ => out.extend([
                        0xf0 | (code >> 18) as u8,
                        0x80 | ((code >> 12) & 0x3f) as u8,
                        0x80 | ((code >> 6) & 0x3f) as u8,
                        0x80 | (code & 0x3f) as u8,
                    ]),
                }
            }
            out
        }
        (_, Some("$repeat")) => text(&v["$repeat"]).repeat(count(v, "times")),
        (_, Some("$concat")) => v["$concat"]
            .as_array()
            .expect("$concat parts")
            .iter()
            .flat_map(text)
            .collect(),
        _ => panic!("not a text input: {v}"),
    }
}

/// A number of a survey-answer list: a JSON number, `$number` (`NaN`, `Infinity`,
/// `-Infinity`, `-0`) or `$bigint` (its nearest `f64`: a Rust answer is an `f64`).
pub fn number(v: &Value) -> f64 {
    match encoding(v) {
        Some("$number") => match v["$number"].as_str().expect("$number name") {
            "NaN" => f64::NAN,
            "Infinity" => f64::INFINITY,
            "-Infinity" => f64::NEG_INFINITY,
            "-0" => -0.0,
            other => panic!("unknown $number {other}"),
        },
        Some("$bigint") => v["$bigint"]
            .as_str()
            .expect("$bigint digits")
            .parse()
            .expect("digits"),
        _ => v.as_f64().expect("a number"),
    }
}
