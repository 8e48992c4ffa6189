//! Arguments in, results out. Arguments arrive as `JsValue`s and are checked here, so a
//! value of the wrong type is an `INVALID_ARGUMENT` error naming the argument (and the
//! element) instead of a silent coercion. Objects (events, options) are read as JSON and
//! then with camelCase keys (`touchpoint::camel_case`); results leave in the core's serde
//! form with struct fields in camelCase, map keys (channel, stage, segment names) as they are.

use crate::error::{argument_error, internal_error, IntoJsResult};
use js_sys::{Array, ArrayBuffer, Float64Array, Object};
use serde::Serialize;
use serde_json::Value;
use touchpoint::camel_case::{camel_head, CamelCase};
use touchpoint::ingest::Mode;
use touchpoint::ingest::{event_from_camel_value, non_finite_error, CamelEventRecord};
use touchpoint::limits::MAX_DEPTH;
use touchpoint::{PseudonymKey, ReadOptions, RecordRef, StageMap, TouchpointError};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

/// A core result as a plain JavaScript value: maps become plain objects, `u64` numbers,
/// `None` `null`; struct fields are camelCase (`conversionRate`), map keys as they are.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    CamelCase(value)
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| internal_error(&format!("cannot convert a result to JavaScript: {e}")))
}

/// How a value is named in error messages: `null`, `undefined`, `string "7"`, `object`.
pub(crate) fn describe(v: &JsValue) -> String {
    if v.is_null() {
        "null".into()
    } else if v.is_undefined() {
        "undefined".into()
    } else if let Some(s) = v.as_string() {
        let short: String = s.chars().take(40).collect();
        format!("string {short:?}")
    } else if Array::is_array(v) {
        "an array".into()
    } else {
        v.js_typeof()
            .as_string()
            .unwrap_or_else(|| "a value".into())
    }
}

/// The elements of an array or other iterable object (typed array, `Set`, generator).
/// Strings are refused: they are iterable, but never what was meant.
fn elements(value: &JsValue, arg: &str, what: &str) -> Result<Vec<JsValue>, JsValue> {
    if Array::is_array(value) {
        return Ok(Array::from(value).to_vec());
    }
    let refused = || {
        argument_error(
            arg,
            None,
            &format!("expected {what}, got {}", describe(value)),
        )
    };
    if !value.is_object() {
        return Err(refused());
    }
    match js_sys::try_iter(value) {
        Ok(Some(iter)) => iter
            .into_iter()
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| {
                argument_error(
                    arg,
                    None,
                    &format!("iterating it threw {}", describe_thrown(&e)),
                )
            }),
        Ok(None) | Err(_) => Err(refused()),
    }
}

/// The message of something thrown.
fn describe_thrown(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map_or_else(|| describe(e), |err| String::from(err.message()))
}

/// Survey answers: an array (or typed array, or iterable) of numbers or BigInts. `NaN` and
/// other numbers outside the scale are passed on, for the core to refuse as `OUT_OF_RANGE`.
pub(crate) fn answers(value: &JsValue) -> Result<Vec<f64>, JsValue> {
    numbers(
        value,
        "answers",
        ("argument `answers`", "answers"),
        RecordRef::Answer,
    )
}

/// A list of numbers: a numeric typed array (copied once; BigInt arrays excepted), or an
/// array (or other iterable) of numbers and BigInts. NaN and ±∞ are passed on, for the core
/// to refuse where it must; an element of another type is `INVALID_ARGUMENT` naming it
/// (`record(i)`, 1-based) and `field`, the message saying `what` it is an element of; a
/// value that is no list at all is `INVALID_ARGUMENT` naming `arg`. (As the Node package's
/// `js::numbers`.)
pub(crate) fn numbers(
    value: &JsValue,
    arg: &str,
    (what, field): (&str, &str),
    record: fn(u64) -> RecordRef,
) -> Result<Vec<f64>, JsValue> {
    if ArrayBuffer::is_view(value)
        && !value.is_instance_of::<js_sys::DataView>()
        && !value.is_instance_of::<js_sys::BigInt64Array>()
        && !value.is_instance_of::<js_sys::BigUint64Array>()
    {
        // A numeric typed array: every element is a number already.
        return Ok(Float64Array::new(value).to_vec());
    }
    elements(value, arg, "an array of numbers")?
        .iter()
        .enumerate()
        .map(|(i, v)| {
            // A BigInt as `Number(big)`: exact up to 2^53, and any larger one is far off every
            // scale, so the core refuses it as `OUT_OF_RANGE` (never wrapped to 64 bits).
            // `Number(big)` is the constructor called as a function; js-sys has no other
            // conversion from a BigInt (its deprecation points at `From` for Rust numbers).
            #[allow(deprecated)]
            let number = match v.is_bigint() {
                true => Some(js_sys::Number::new(v).value_of()),
                false => v.as_f64(),
            };
            number.ok_or_else(|| {
                let at = record(i as u64 + 1);
                let message = format!("{at}: {what}: {} is not a number", describe(v));
                crate::error::js_error(
                    "INVALID_ARGUMENT",
                    &message,
                    Some(&at.to_string()),
                    Some(field),
                )
            })
        })
        .collect()
}

/// A JSON-shaped value read exactly (numbers keep every bit, unlike a trip through JSON
/// text and serde_json's parser): JSON text (parsed by `JSON.parse`), or an object, whose
/// `toJSON()` is called first if it has one (as `JSON.stringify` would). Text that is not
/// JSON, or an object nested more than 64 deep (or containing itself), is `INVALID_ARGUMENT`
/// naming `arg`. What saved models are read with.
pub(crate) fn json_value(value: &JsValue, arg: &str) -> Result<Value, JsValue> {
    let mut value = value.clone();
    if let Some(text) = value.as_string() {
        value = js_sys::JSON::parse(&text).map_err(|e| {
            argument_error(
                arg,
                None,
                &format!("is not JSON text: {}", describe_thrown(&e)),
            )
        })?;
    }
    if value.is_object() {
        let to_json = js_sys::Reflect::get(&value, &JsValue::from_str("toJSON"))?;
        if let Some(f) = to_json.dyn_ref::<js_sys::Function>() {
            value = f.call0(&value)?;
        }
    }
    if let Some((field, message)) = problem(&value) {
        return Err(argument_error(arg, None, &format!("`{field}` {message}")));
    }
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| argument_error(arg, None, &format!("cannot be read as JSON: {e}")))
}

/// A text argument (`readSegment`, `readCsv`).
pub(crate) fn text(value: &JsValue, arg: &str) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| {
        argument_error(
            arg,
            None,
            &format!("expected a string, got {}", describe(value)),
        )
    })
}

/// A text argument of a reader (`readCsv`, `readSegment`): `Ok(text)`, or, for text with a
/// lone surrogate (which `as_string` would silently replace with U+FFFD, merging `'x\ud800'`
/// and `'x\udbff'`), `Err` with its bytes as WTF-8 (each lone surrogate three bytes that are
/// not UTF-8), for the reader to refuse that line as not well-formed text (`PARSE_ERROR`),
/// as the Node package does. Anything but a string is `INVALID_ARGUMENT` naming `arg`.
pub(crate) fn text_arg(value: &JsValue, arg: &str) -> Result<Result<String, Vec<u8>>, JsValue> {
    let text = text(value, arg)?;
    if !text.contains(char::REPLACEMENT_CHARACTER)
        || value.unchecked_ref::<js_sys::JsString>().is_valid_utf16()
    {
        return Ok(Ok(text));
    }
    Ok(Err(touchpoint::ingest::utf16_as_bytes(
        code_units(value).to_vec(),
    )))
}

/// The message of text with a lone surrogate (as in the Node package).
pub(crate) const NOT_UNICODE: &str = "is not valid Unicode: it has a lone surrogate";

/// The reading mode: omitted (`undefined` / `null`) is strict; a string is read by the
/// core (an unknown one is `INVALID_CONFIG`); anything else is `INVALID_ARGUMENT`.
pub(crate) fn mode(value: &JsValue) -> Result<Mode, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Mode::Strict);
    }
    match value.as_string() {
        Some(s) => Mode::parse(&s).into_js(),
        None => Err(argument_error(
            "mode",
            None,
            &format!(
                "expected \"strict\" or \"lenient\", got {}",
                describe(value)
            ),
        )),
    }
}

/// The reader options: the mode as above (`undefined`, `null` or a string), or an object
/// `{mode, pseudonymKey}` (a key as a `Uint8Array`, or a string: its UTF-8 bytes).
pub(crate) fn read_options(value: &JsValue) -> Result<ReadOptions, JsValue> {
    if !value.is_object() || Array::is_array(value) {
        return Ok(ReadOptions::new(mode(value)?));
    }
    let get = |name: &str| {
        js_sys::Reflect::get(value, &JsValue::from_str(name)).map_err(|e| {
            argument_error(
                "options",
                None,
                &format!("reading `{name}` threw {}", describe_thrown(&e)),
            )
        })
    };
    let read = ReadOptions::new(mode(&get("mode")?)?);
    let key = get("pseudonymKey")?;
    if key.is_undefined() || key.is_null() {
        return Ok(read);
    }
    Ok(read.with_pseudonyms(pseudonym_key(&key)?))
}

/// A pseudonym key from a `Uint8Array` or a string (its UTF-8 bytes). A key shorter than 16
/// bytes, a string with a lone surrogate (refused rather than read as U+FFFD), or another
/// type is an `INVALID_CONFIG` error naming `pseudonymKey`.
pub(crate) fn pseudonym_key(value: &JsValue) -> Result<PseudonymKey, JsValue> {
    let refused = |message: &str| TouchpointError::InvalidConfig {
        option: "pseudonymKey".into(),
        message: message.into(),
    };
    let bytes = if let Some(text) = value.dyn_ref::<js_sys::JsString>() {
        if !text.is_valid_utf16() {
            return Err(refused(
                "is not valid Unicode (a lone surrogate): give the key as a Uint8Array, or as well-formed text",
            ))
            .into_js();
        }
        String::from(text).into_bytes()
    } else if let Some(array) = value.dyn_ref::<js_sys::Uint8Array>() {
        array.to_vec()
    } else {
        return Err(refused(&format!(
            "expected a Uint8Array or a string, got {}",
            describe(value)
        )))
        .into_js();
    };
    PseudonymKey::new(bytes)
        .map_err(|e| match e {
            TouchpointError::InvalidConfig { message, .. } => refused(&message),
            e => e,
        })
        .into_js()
}

/// Event records: each element as JSON, in order, read the way `JSON.stringify` reads it
/// (a `Date` becomes its ISO text, `undefined` properties are left out), except that NaN,
/// ±Infinity, an invalid `Date` and BigInts are written as text (`js/json.js`), for the core
/// to refuse in a number or time field, naming it. A record with a field nested more than 64
/// deep (or containing itself: a cycle), or with text holding a lone surrogate, is that
/// record's `INVALID_RECORD` error naming the field (listed in lenient mode); one that is not
/// JSON otherwise (a function) is an `INVALID_ARGUMENT` error naming it; everything else about the records is checked by the
/// core (so in lenient mode a non-object element is a rejection like any bad record).
///
/// Why not `serde_wasm_bindgen::from_value`: it recurses without a limit, so a cyclic or
/// very deeply nested object exhausts the wasm stack and traps (`RuntimeError: memory access
/// out of bounds`), which leaves the instance unusable; and it reads a `Date` as `{}`.
#[wasm_bindgen(module = "/js/json.js")]
extern "C" {
    /// `JSON.stringify` writing NaN, ±Infinity, an invalid `Date` and BigInts as text (see
    /// `js/json.js`).
    #[wasm_bindgen(js_name = stringifyForTouchpoint, catch)]
    fn stringify_for_touchpoint(value: &JsValue) -> Result<JsValue, JsValue>;

    /// `[path, kind]` of a field nested more than 64 deep (or containing itself) or of text
    /// with a lone surrogate, else `undefined` (see `js/json.js`).
    #[wasm_bindgen(js_name = problemForTouchpoint)]
    fn problem_for_touchpoint(value: &JsValue) -> JsValue;

    /// `[path, text]` of each NaN or ±Infinity in a record's fields and one level inside
    /// them (see `js/json.js`).
    #[wasm_bindgen(js_name = nonFinite)]
    fn non_finite_numbers(record: &JsValue) -> Array;

    /// The UTF-16 code units of a string, in one crossing (see `js/json.js`).
    #[wasm_bindgen(js_name = codeUnits)]
    fn code_units(text: &JsValue) -> js_sys::Uint16Array;
}

/// `read`, unless the core refused it for a field that held NaN or ±∞ in `record` (which
/// `js/json.js` wrote as text, so the core saw the wrong type): then the core's error for
/// that number, `OUT_OF_RANGE` naming the field (`value`, `answers.nps`), as in Rust and
/// Python (`touchpoint::ingest::non_finite_error`).
fn non_finite(record: &JsValue, read: CamelEventRecord) -> CamelEventRecord {
    let CamelEventRecord(Err(TouchpointError::InvalidRecord {
        record: at, field, ..
    })) = &read
    else {
        return read;
    };
    let number = non_finite_numbers(record).iter().find_map(|pair| {
        let pair = Array::from(&pair);
        (pair.get(0).as_string().as_deref() == Some(field.as_str()))
            .then(|| pair.get(1).as_string()?.parse::<f64>().ok())
            .flatten()
    });
    match number.and_then(|x| non_finite_error(*at, field, x)) {
        Some(e) => CamelEventRecord(Err(e)),
        None => read,
    }
}

/// What `problemForTouchpoint` finds in a record or options object: the field (a value too
/// deep is named by its top-level key: `properties`) and the message.
fn problem(value: &JsValue) -> Option<(String, String)> {
    const _: () = assert!(MAX_DEPTH == 64, "js/json.js looks 65 levels down");
    let found = problem_for_touchpoint(value);
    if !Array::is_array(&found) {
        return None;
    }
    let found = Array::from(&found);
    let path = found.get(0).as_string().unwrap_or_default();
    Some(match found.get(1).as_string().as_deref() {
        Some("deep") => (
            path.split(['.', '[']).next().unwrap_or_default().to_string(),
            format!("nests more than {MAX_DEPTH} levels deep (or contains itself); at most {MAX_DEPTH} are allowed"),
        ),
        _ => (path, NOT_UNICODE.to_string()),
    })
}

pub(crate) fn events(value: &JsValue) -> Result<Vec<CamelEventRecord>, JsValue> {
    const ARG: &str = "events";
    let read = |v: Value| CamelEventRecord(event_from_camel_value(v, RecordRef::Record(0)));
    let items = elements(value, ARG, "an array of event objects")?;
    // Fast path: the whole list as one JSON text (one crossing instead of one per record).
    // `null` elements stand in for what has no JSON form, as JSON.stringify writes them.
    let list: Array = items.iter().collect();
    if let Ok(text) = stringify_for_touchpoint(&list) {
        if let Some(Ok(values)) = text
            .as_string()
            .map(|t| serde_json::from_str::<Vec<Value>>(&t))
        {
            if values.len() == items.len() {
                return Ok(items
                    .iter()
                    .zip(values)
                    .map(|(record, v)| non_finite(record, read(v)))
                    .collect());
            }
        }
    }
    // Something is not JSON: read record by record to name it.
    items
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let record = RecordRef::Record(i as u64 + 1);
            let parsed = match stringify_for_touchpoint(v) {
                Err(e) => Err(format!(
                    "cannot be written as JSON: {}",
                    describe_thrown(&e)
                )),
                // `undefined`, functions and symbols have no JSON form: the core refuses them.
                Ok(text) => match text.as_string() {
                    None => Ok(Value::Null),
                    Some(text) => serde_json::from_str(&text)
                        .map_err(|e| format!("cannot be read as JSON: {e}")),
                },
            };
            match (parsed, problem(v)) {
                (Ok(parsed), _) => Ok(non_finite(v, read(parsed))),
                (Err(_), Some((field, message))) => {
                    Ok(CamelEventRecord(Err(TouchpointError::InvalidRecord {
                        record,
                        field,
                        message,
                    })))
                }
                (Err(why), None) => Err(argument_error(ARG, Some(record), &why)),
            }
        })
        .collect()
}

/// The stage-map overrides `{ kind: stage | null }` (a plain object or a `Map`), read by
/// the core on top of the default mapping. Omitted means the default mapping.
pub(crate) fn stage_map(value: &JsValue) -> Result<StageMap, JsValue> {
    const ARG: &str = "stageMap";
    if value.is_undefined() || value.is_null() {
        return Ok(StageMap::default());
    }
    let entries: Vec<JsValue> = if let Some(map) = value.dyn_ref::<js_sys::Map>() {
        map.entries().into_iter().collect::<Result<_, _>>()?
    } else if value.is_object() && !Array::is_array(value) {
        Object::entries(value.unchecked_ref()).to_vec()
    } else {
        return Err(argument_error(
            ARG,
            None,
            &format!(
                "expected an object of kind -> stage name or null, got {}",
                describe(value)
            ),
        ));
    };
    let mut pairs: Vec<(String, Option<String>)> = Vec::with_capacity(entries.len());
    // Text with a lone surrogate is refused naming the entry (never read as U+FFFD).
    let well_formed = |v: &JsValue| v.unchecked_ref::<js_sys::JsString>().is_valid_utf16();
    let not_unicode = |kind: &str| {
        Err(TouchpointError::InvalidConfig {
            option: format!("{ARG}.{kind}"),
            message: NOT_UNICODE.into(),
        })
        .into_js()
    };
    for entry in entries {
        let entry = Array::from(&entry);
        let (k, v) = (entry.get(0), entry.get(1));
        let kind = k.as_string().ok_or_else(|| {
            argument_error(
                ARG,
                None,
                &format!("a kind must be a string, got {}", describe(&k)),
            )
        })?;
        if !well_formed(&k) || (v.is_string() && !well_formed(&v)) {
            return not_unicode(&kind);
        }
        let stage = if v.is_undefined() || v.is_null() {
            None
        } else {
            Some(v.as_string().ok_or_else(|| {
                argument_error(
                    &format!("{ARG}.{kind}"),
                    None,
                    &format!("expected a stage name or null, got {}", describe(&v)),
                )
            })?)
        };
        pairs.push((kind, stage));
    }
    StageMap::with_overrides(pairs.iter().map(|(k, v)| (k.as_str(), v.as_deref())))
        .map_err(|e| e.map_field(camel_head))
        .into_js()
}

/// The options object of a dataset analysis as JSON, for the core to read with camelCase
/// keys (`touchpoint::with_camel_options`): through JSON rather than serde_wasm_bindgen, whose
/// struct reading looks fields up by name and so would never see an unknown or snake_case key.
/// Written as [`events`] writes records: a `Date` is its ISO text, and NaN or an invalid
/// `Date` is text the core refuses, naming the option, rather than `null` ("not given").
/// Omitted (`undefined` / `null`) is `null`: the defaults.
pub(crate) fn options(value: &JsValue) -> Result<Value, JsValue> {
    const ARG: &str = "options";
    if value.is_undefined() || value.is_null() {
        return Ok(Value::Null);
    }
    if !value.is_object() || Array::is_array(value) {
        return Err(argument_error(
            ARG,
            None,
            &format!("expected an options object, got {}", describe(value)),
        ));
    }
    let parsed = match stringify_for_touchpoint(value) {
        Err(e) => Err(format!(
            "cannot be written as JSON: {}",
            describe_thrown(&e)
        )),
        Ok(json) => serde_json::from_str(&json.as_string().unwrap_or_else(|| "null".into()))
            .map_err(|e| format!("cannot be read as JSON: {e}")),
    };
    parsed.or_else(|why| match problem(value) {
        Some((option, message)) => {
            Err::<Value, _>(TouchpointError::InvalidConfig { option, message }).into_js()
        }
        None => Err(argument_error(ARG, None, &why)),
    })
}
