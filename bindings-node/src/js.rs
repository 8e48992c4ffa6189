//! Arguments read the way the browser package reads them (`bindings-wasm/src/convert.rs`), so
//! both packages accept the same inputs: any iterable where a list is expected (an array, a
//! typed array, a `Set`, a generator), and objects (event records, options) as
//! `JSON.stringify` writes them: a `Date` is its ISO text and a property set to `undefined` is
//! left out. Where JSON would lose a value silently, it is written as text instead: NaN, ±∞
//! (`"NaN"`), an invalid `Date` (`"Invalid Date"`, where JSON writes `null`) and BigInts
//! (`"102"`). So a number or time field holding one is refused naming the record and field
//! (the core reads no number or time from such text) rather than read as "not given", and a
//! BigInt id stays exact. A function or symbol (which JSON leaves out) is refused: the record
//! (or the options) cannot be written as JSON.
//!
//! The few steps that are easiest in JavaScript are one small script ([`SCRIPT`], the same
//! replacer as the browser's `js/json.js`), compiled once per JavaScript environment and kept
//! in [`crate::per_env`]. Whole lists cross as one JSON text (one crossing instead of one per
//! value, which is also much faster than reading objects property by property through napi).

use crate::error::{arg_error, describe, element_error, throwable};
use crate::per_env::per_env;
use napi::bindgen_prelude::{
    Array, BigInt, Float64ArraySlice, FromNapiValue, Function, JsObjectValue, JsValue, Object,
    Unknown, Utf16String,
};
use napi::{sys, Env, ValueType};
use serde_json::Value;
use touchpoint::ingest::{event_from_camel_value, non_finite_error, CamelEventRecord};
use touchpoint::limits::MAX_DEPTH;
use touchpoint::{ErrorInfo, RecordRef, TouchpointError};

/// The helpers, as an object of functions. `keep` is the replacer of the browser package
/// (`bindings-wasm/js/json.js`, `stringifyForTouchpoint`): keep the two the same.
const SCRIPT: &str = r#"(() => {
  function keep(key, v) {
    if (typeof v === 'number') return Number.isFinite(v) ? v : String(v)
    if (typeof v === 'bigint') return String(v)
    if (v === null && this[key] instanceof Date) return 'Invalid Date'
    if (typeof v === 'function' || typeof v === 'symbol') throw new TypeError(`a ${typeof v} (\`${key}\`) is not data`)
    return v
  }
  // The first thing JSON text cannot carry faithfully, as [path, kind]: nesting deeper than
  // `max` (a cycle is infinitely deep: the walk stops at `max`), or text with a lone
  // surrogate ('unicode'), which JSON.stringify escapes and no UTF-8 reader accepts.
  // (bindings-wasm/js/json.js has the same: keep the two the same.)
  function problem(v, max, path = '') {
    if (typeof v === 'string') return v.isWellFormed() ? null : [path, 'unicode']
    if (typeof v !== 'object' || v === null || v instanceof Date) return null
    if (max === 0) return [path, 'deep']
    const list = Array.isArray(v)
    for (const k of list ? v.keys() : Object.keys(v)) {
      const here = list ? `${path}[${k}]` : path === '' ? k : `${path}.${k}`
      if (!list && !k.isWellFormed()) return [here, 'unicode']
      const found = problem(v[k], max - 1, here)
      if (found) return found
    }
    return null
  }
  // The NaN and ±Infinity numbers in a record's fields and one level inside them (`value`,
  // `answers.nps`, `survey.score`), as [path, text]: `keep` writes them as text, and the
  // binding then reports them as the core reports such a number (OUT_OF_RANGE).
  // (bindings-wasm/js/json.js has the same: keep the two the same.)
  function nonFinite(record) {
    const out = []
    const add = (v, path) => { if (typeof v === 'number' && !Number.isFinite(v)) out.push([path, String(v)]) }
    if (typeof record !== 'object' || record === null) return out
    for (const k of Object.keys(record)) {
      const v = record[k]
      add(v, k)
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) for (const j of Object.keys(v)) add(v[j], `${k}.${j}`)
    }
    return out
  }
  const iterable = (v) => typeof v === 'object' && v !== null && typeof v[Symbol.iterator] === 'function'
  return {
    stringify: (v) => JSON.stringify(v, keep),
    // 65: limits::MAX_DEPTH (64) levels inside the record or options object itself.
    problem: (v) => problem(v, 65) ?? undefined,
    nonFinite,
    items: (v) => (Array.isArray(v) ? v : iterable(v) ? Array.from(v) : undefined),
    numbers: (v) =>
      ArrayBuffer.isView(v) && !(v instanceof DataView) && !(v instanceof BigInt64Array) && !(v instanceof BigUint64Array)
        ? (v instanceof Float64Array ? v : Float64Array.from(v))
        : undefined,
  }
})()"#;

/// One helper of [`SCRIPT`], compiled on first use in this environment.
fn helper<'env>(
    env: &'env Env,
    name: &str,
) -> napi::Result<Function<'env, sys::napi_value, Unknown<'env>>> {
    let state = per_env(env)?;
    if state.helpers.is_none() {
        let helpers: Object<'_> = env.run_script(SCRIPT)?;
        state.helpers = Some(helpers.create_ref()?);
    }
    let helpers = state.helpers.as_ref().expect("set above").get_value(env)?;
    helpers.get_named_property(name)
}

/// The message of something thrown (`TypeError: Do not know how to serialize a BigInt` →
/// `Do not know how to serialize a BigInt`).
fn thrown(e: &napi::Error) -> String {
    let reason = e.reason.as_str();
    reason
        .split_once(": ")
        .filter(|(name, _)| name.ends_with("Error"))
        .map_or(reason, |(_, m)| m)
        .to_string()
}

/// `value` as JSON text (`None` for what JSON leaves out: `undefined`, a function, a
/// symbol), or the message of what `JSON.stringify` threw (a cycle, nesting too deep).
fn stringify(env: &Env, value: Unknown<'_>) -> napi::Result<Result<Option<String>, String>> {
    match helper(env, "stringify")?.call(value.raw()) {
        Ok(text) if text.get_type()? == ValueType::String => {
            Ok(Ok(Some(String::from_unknown(text)?)))
        }
        Ok(_) => Ok(Ok(None)),
        Err(e) => Ok(Err(thrown(&e))),
    }
}

/// The elements of an array or other iterable object (typed array, `Set`, generator) as a
/// JavaScript array (an array is returned as is). Strings are refused: they are iterable, but
/// never what was meant. `what` says what was expected.
pub(crate) fn items<'env>(
    env: &'env Env,
    value: Unknown<'env>,
    arg: &str,
    what: &str,
) -> napi::Result<Array<'env>> {
    if value.is_array()? {
        return Array::from_unknown(value);
    }
    let refused = || -> napi::Result<napi::Error> {
        Ok(arg_error(
            env,
            arg,
            &format!("expected {what}, got {}", describe(value)?),
        ))
    };
    if value.get_type()? != ValueType::Object {
        return Err(refused()?);
    }
    match helper(env, "items")?.call(value.raw()) {
        Ok(list) if list.is_array()? => Array::from_unknown(list),
        Ok(_) => Err(refused()?),
        Err(e) => Err(arg_error(
            env,
            arg,
            &format!("iterating it threw {}", thrown(&e)),
        )),
    }
}

/// Element `i` of `list` (a hole reads as `undefined`).
pub(crate) fn element<'env>(list: &Array<'env>, i: u32) -> napi::Result<Unknown<'env>> {
    list.get(i)?
        .ok_or_else(|| napi::Error::from_reason("the list got shorter while it was read"))
}

/// A BigInt as the nearest number, as JavaScript's `Number(big)`: exact up to 2^53, and any
/// larger one is far off every survey scale, so the core refuses it as `OUT_OF_RANGE`
/// (never wrapped to 64 bits: -(2^64)+10 must not become a promoter's 10).
fn bigint_as_number(big: &BigInt) -> f64 {
    let magnitude = big.words.iter().rev().fold(0.0, |acc, &word| {
        acc * 18_446_744_073_709_551_616.0 + word as f64
    });
    if big.sign_bit {
        -magnitude
    } else {
        magnitude
    }
}

/// Survey answers: an array (or typed array, or iterable) of numbers or BigInts. NaN and
/// numbers off the scale are passed on, for the core to refuse as `OUT_OF_RANGE`; anything
/// else is `INVALID_ARGUMENT` naming it (`answer 2`).
pub(crate) fn answers(env: &Env, value: Unknown<'_>) -> napi::Result<Vec<f64>> {
    numbers(
        env,
        value,
        "answers",
        ("argument `answers`", "answers"),
        RecordRef::Answer,
    )
}

/// A list of numbers: a numeric typed array (copied once; BigInt arrays excepted), or an
/// array (or other iterable) of numbers and BigInts. NaN and ±∞ are passed on, for the core
/// to refuse where it must; an element of another type is `INVALID_ARGUMENT` naming it
/// (`record(i)`, 1-based) and `field`, the message saying `what` it is an element of
/// (`(what, field)`); a value that is no list at all is `INVALID_ARGUMENT` naming `arg`.
pub(crate) fn numbers(
    env: &Env,
    value: Unknown<'_>,
    arg: &str,
    (what, field): (&str, &str),
    record: fn(u64) -> RecordRef,
) -> napi::Result<Vec<f64>> {
    if !value.is_array()? && value.get_type()? == ValueType::Object {
        // A numeric typed array: every element is a number already (copied once).
        let typed = helper(env, "numbers")?.call(value.raw())?;
        if typed.get_type()? == ValueType::Object {
            return Ok(Float64ArraySlice::from_unknown(typed)?.to_vec());
        }
    }
    let list = items(env, value, arg, "an array of numbers")?;
    (0..list.len())
        .map(|i| {
            let v = element(&list, i)?;
            match v.get_type()? {
                ValueType::Number => f64::from_unknown(v),
                ValueType::BigInt => Ok(bigint_as_number(&BigInt::from_unknown(v)?)),
                _ => {
                    let at = record(u64::from(i) + 1);
                    let info = ErrorInfo {
                        code: "INVALID_ARGUMENT".to_string(),
                        message: format!("{at}: {what}: {} is not a number", describe(v)?),
                        record: Some(at.to_string()),
                        field: Some(field.to_string()),
                    };
                    Err(throwable(env, &info))
                }
            }
        })
        .collect()
}

/// Event records (an array or any iterable): each element as JSON, in order, read the way
/// `JSON.stringify` writes it (see the module doc). A record nested deeper than
/// `limits::MAX_DEPTH` (or containing itself), or with text holding a lone surrogate, is
/// that record's `INVALID_RECORD` error naming the field (so lenient mode lists it); one
/// that cannot be JSON otherwise (a function) is an `INVALID_ARGUMENT` error naming it.
/// Everything else about the records is checked by the core.
pub(crate) fn events(env: &Env, value: Unknown<'_>) -> napi::Result<Vec<CamelEventRecord>> {
    const ARG: &str = "events";
    let read = |v: Value| CamelEventRecord(event_from_camel_value(v, RecordRef::Record(0)));
    let list = items(env, value, ARG, "an array of event objects")?;
    // Fast path: the whole list as one JSON text. `null` stands in for an element with no
    // JSON form, as JSON.stringify writes it.
    if let Ok(Some(text)) = stringify(env, list.to_unknown())? {
        if let Ok(values) = serde_json::from_str::<Vec<Value>>(&text) {
            if values.len() == list.len() as usize {
                return (0..list.len())
                    .zip(values)
                    .map(|(i, v)| non_finite(env, element(&list, i)?, read(v)))
                    .collect();
            }
        }
    }
    // Something is not JSON: read record by record to name it.
    (0..list.len())
        .map(|i| {
            let record = RecordRef::Record(u64::from(i) + 1);
            let refused = |why: String| element_error(env, ARG, record, &why);
            let v = element(&list, i)?;
            let parsed = match stringify(env, v)? {
                Err(e) => Err(format!("cannot be written as JSON: {e}")),
                Ok(None) => Ok(Value::Null),
                Ok(Some(text)) => {
                    serde_json::from_str(&text).map_err(|e| format!("cannot be read as JSON: {e}"))
                }
            };
            match parsed {
                Ok(parsed) => non_finite(env, v, read(parsed)),
                Err(why) => match problem(env, v)? {
                    Some((field, message)) => {
                        Ok(CamelEventRecord(Err(TouchpointError::InvalidRecord {
                            record,
                            field,
                            message,
                        })))
                    }
                    None => Err(refused(why)),
                },
            }
        })
        .collect()
}

/// `read`, unless the core refused it for a field that held NaN or ±∞ in `record` (which
/// [`SCRIPT`]'s replacer wrote as text, so the core saw the wrong type): then the core's error
/// for that number, `OUT_OF_RANGE` naming the field (`value`, `answers.nps`), as in Rust
/// and Python (`touchpoint::ingest::non_finite_error`).
fn non_finite(
    env: &Env,
    record: Unknown<'_>,
    read: CamelEventRecord,
) -> napi::Result<CamelEventRecord> {
    let CamelEventRecord(Err(TouchpointError::InvalidRecord {
        record: at, field, ..
    })) = &read
    else {
        return Ok(read);
    };
    let found: Vec<(String, String)> =
        env.from_js_value(helper(env, "nonFinite")?.call(record.raw())?)?;
    let number = found
        .into_iter()
        .find(|(path, _)| path == field)
        .and_then(|(_, text)| text.parse::<f64>().ok());
    Ok(match number.and_then(|x| non_finite_error(*at, field, x)) {
        Some(e) => CamelEventRecord(Err(e)),
        None => read,
    })
}

/// What [`SCRIPT`]'s `problem` finds in `value` (a record or an options object, whose
/// fields may nest `MAX_DEPTH` deep): the field (a value too deep is named by its
/// top-level key: `properties`) and the message.
fn problem(env: &Env, value: Unknown<'_>) -> napi::Result<Option<(String, String)>> {
    const _: () = assert!(MAX_DEPTH == 64, "SCRIPT's `problem` looks 65 levels down");
    let found = helper(env, "problem")?.call(value.raw())?;
    if found.get_type()? != ValueType::Object {
        return Ok(None);
    }
    let (path, kind): (String, String) = env.from_js_value(found)?;
    Ok(Some(match kind.as_str() {
        "deep" => (
            path.split(['.', '[']).next().unwrap_or_default().to_string(),
            format!("nests more than {MAX_DEPTH} levels deep (or contains itself); at most {MAX_DEPTH} are allowed"),
        ),
        _ => (path, NOT_UNICODE.to_string()),
    }))
}

/// Refuses an options-like object (a stage map) that JSON cannot carry faithfully: nested
/// too deep, containing itself, or with a lone surrogate: `INVALID_CONFIG` naming
/// `name.<path>` (`stageMap.<kind>`).
pub(crate) fn check_options(env: &Env, value: Unknown<'_>, name: &str) -> napi::Result<()> {
    if value.get_type()? != ValueType::Object {
        return Ok(());
    }
    match problem(env, value)? {
        None => Ok(()),
        Some((path, message)) => {
            let option = format!("{name}.{path}");
            Err(throwable(
                env,
                &ErrorInfo::from(&TouchpointError::InvalidConfig { option, message }),
            ))
        }
    }
}

/// The message of text with a lone surrogate.
pub(crate) const NOT_UNICODE: &str = "is not valid Unicode: it has a lone surrogate";

/// A JavaScript string as Rust text, or, if it has a lone surrogate (which napi would
/// silently replace with U+FFFD, merging `'x\ud800'` and `'x\udbff'`), `Err` with its
/// bytes as WTF-8 (each surrogate three bytes, not UTF-8), for a text reader to refuse
/// naming the line.
pub(crate) fn string(value: Unknown<'_>) -> napi::Result<Result<String, Vec<u8>>> {
    let text = String::from_unknown(value)?;
    if !text.contains(char::REPLACEMENT_CHARACTER) {
        return Ok(Ok(text));
    }
    let units = Utf16String::from_unknown(value)?;
    if String::from_utf16(&units).is_ok() {
        return Ok(Ok(text));
    }
    Ok(Err(touchpoint::ingest::utf16_as_bytes(
        units.iter().copied(),
    )))
}

/// A text argument (CSV, Segment JSON): `Ok(text)`, or `Err(bytes)` for text with a lone
/// surrogate (see [`string`]); anything but a string is `INVALID_ARGUMENT` naming `name`.
pub(crate) fn text_arg(
    env: &Env,
    value: Unknown<'_>,
    name: &str,
) -> napi::Result<Result<String, Vec<u8>>> {
    match value.get_type()? {
        ValueType::String => string(value),
        _ => crate::error::arg::<String>(env, value, name).map(Ok),
    }
}

/// The options object of an analysis as JSON (`Value::Null` when omitted: `undefined` or
/// `null`), written as `JSON.stringify` writes it (a `Date` is its ISO text) except that NaN
/// and ±∞ are text, so the core refuses them naming the option rather than reading `null`.
/// Options nested more than `limits::MAX_DEPTH` deep (or containing themselves), or with a
/// lone surrogate, are `INVALID_CONFIG` naming the option.
pub(crate) fn options(env: &Env, value: Unknown<'_>) -> napi::Result<Value> {
    const ARG: &str = "options";
    match value.get_type()? {
        ValueType::Undefined | ValueType::Null => return Ok(Value::Null),
        ValueType::Object if !value.is_array()? => {}
        _ => {
            return Err(arg_error(
                env,
                ARG,
                "expected an options object, undefined or null",
            ))
        }
    }
    let parsed = match stringify(env, value)? {
        Err(e) => Err(format!("cannot be written as JSON: {e}")),
        Ok(None) => Ok(Value::Null),
        Ok(Some(text)) => {
            serde_json::from_str(&text).map_err(|e| format!("cannot be read as JSON: {e}"))
        }
    };
    parsed.or_else(|why| match problem(env, value)? {
        Some((option, message)) => Err(throwable(
            env,
            &ErrorInfo::from(&TouchpointError::InvalidConfig { option, message }),
        )),
        None => Err(arg_error(env, ARG, &why)),
    })
}
