//! Python values as JSON, never deeper than `touchpoint::limits::MAX_DEPTH`: the options of
//! an analysis (read here whole, times included) and the depth check that every event
//! record passes before pythonize reads it. A value nested deeper, or one that contains
//! itself (`p["self"] = p`), is refused instead of overflowing the stack; so are NaN and ±∞
//! where an option wants a number, integers no `i64`/`u64` holds, and text with lone
//! surrogates.

use crate::time::{read_time, PyTime, TIME_RANGE};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple};
use serde_json::{Map, Number, Value};
use std::borrow::Cow;
use touchpoint::limits::MAX_DEPTH;

/// What is wrong with a value and where: `(path, message)`, the path dotted from the top
/// (`steps[1].within_seconds`, empty for the top itself).
pub(crate) type Problem = (String, String);

/// The message of a value of a type JSON has no place for (a custom object): a binding-level
/// `ArgumentError`, where the other problems are the option's.
pub(crate) const UNREADABLE: &str = "cannot read a value of type";

/// The message of a value nested too deep (or containing itself).
pub(crate) fn too_deep_message() -> String {
    format!("nests more than {MAX_DEPTH} levels deep (or contains itself); at most {MAX_DEPTH} are allowed")
}

/// The text of a Python `str`, or why it is not valid Unicode (a lone surrogate, which
/// UTF-8 cannot hold): never replaced by U+FFFD.
pub(crate) fn text<'a>(s: &'a Bound<'_, PyString>) -> Result<Cow<'a, str>, String> {
    s.to_cow().map_err(|_| {
        let at = s
            .to_string_lossy()
            .chars()
            .position(|c| c == char::REPLACEMENT_CHARACTER)
            .unwrap_or(0);
        format!("is not valid Unicode: it has a lone surrogate (character {at})")
    })
}

/// Whether `obj` nests more than `budget` levels deep (a dict, list or tuple counts one
/// level; scalars none), looking at most `budget + 1` levels down, so a cycle ends too.
pub(crate) fn nests_deeper(obj: &Bound<'_, PyAny>, budget: usize) -> PyResult<bool> {
    let children: Vec<Bound<'_, PyAny>> = if let Ok(d) = obj.cast::<PyDict>() {
        d.values().iter().collect()
    } else if let Ok(l) = obj.cast::<PyList>() {
        l.iter().collect()
    } else if let Ok(t) = obj.cast::<PyTuple>() {
        t.iter().collect()
    } else if obj.is_instance_of::<PyString>() {
        return Ok(false);
    } else if let Ok(m) = obj.cast::<PyMapping>() {
        m.values()?.iter().collect()
    } else {
        return Ok(false);
    };
    if budget == 0 {
        return Ok(true);
    }
    for child in children {
        if nests_deeper(&child, budget - 1)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Reads an options value as JSON: dicts (str keys), lists, tuples, `None`, `bool`, `int`
/// (also numpy integers: any `__index__`), `float` (finite), `str`, and Python times
/// (as RFC 3339 text, so that a time given where no time goes is named as one).
/// An option's value may nest `MAX_DEPTH` deep, like a record's field; one nested deeper is
/// named by its top-level option (`segments`), not by a path 64 levels long.
pub(crate) fn option_value(obj: &Bound<'_, PyAny>) -> Result<Value, Problem> {
    read(obj, "", MAX_DEPTH + 1).map_err(|(path, message)| match message == too_deep_message() {
        true => (top_level(&path).to_string(), message),
        false => (path, message),
    })
}

/// The first name of a dotted path: `segments` of `segments[0].rule.all`.
fn top_level(path: &str) -> &str {
    path.split(['.', '[']).next().unwrap_or_default()
}

fn read(obj: &Bound<'_, PyAny>, path: &str, budget: usize) -> Result<Value, Problem> {
    let here = |message: String| (path.to_string(), message);
    let fail = |e: PyErr| (path.to_string(), e.to_string());
    let child = |key: &str| match path.is_empty() {
        true => key.to_string(),
        false => format!("{path}.{key}"),
    };
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return text(s).map(|t| Value::String(t.into_owned())).map_err(here);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyFloat>() {
        return finite(obj.extract().map_err(fail)?).map_err(here);
    }
    let is_list = obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>();
    let map = obj.cast::<PyMapping>().ok().filter(|_| !is_list);
    if is_list || map.is_some() {
        if budget == 0 {
            return Err(here(too_deep_message()));
        }
        if let Some(map) = map {
            let mut out = Map::new();
            for item in map.items().map_err(fail)?.iter() {
                let (key, value): (Bound<'_, PyAny>, Bound<'_, PyAny>) =
                    item.extract().map_err(fail)?;
                let Ok(key) = key.cast::<PyString>() else {
                    return Err(here(format!(
                        "keys must be str, got {}",
                        crate::error::type_name(&key)
                    )));
                };
                let key = text(key)
                    .map_err(|m| (child(&key.to_string_lossy()), format!("this key {m}")))?;
                let value = read(&value, &child(&key), budget - 1)?;
                out.insert(key.into_owned(), value);
            }
            return Ok(Value::Object(out));
        }
        let items: Vec<Bound<'_, PyAny>> = obj
            .try_iter()
            .map_err(fail)?
            .collect::<PyResult<_>>()
            .map_err(fail)?;
        return items
            .iter()
            .enumerate()
            .map(|(i, item)| read(item, &format!("{path}[{i}]"), budget - 1))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array);
    }
    if obj.is_instance_of::<PyInt>() {
        return int(obj).map_err(here);
    }
    match read_time(obj).map_err(fail)? {
        PyTime::Millis(ms) => Ok(Value::String(touchpoint::Timestamp(ms).to_rfc3339())),
        PyTime::Missing => Err(here("is NaT, a missing time".to_string())),
        PyTime::OutOfRange(r) => Err(here(format!("{r} is out of range ({TIME_RANGE})"))),
        PyTime::Invalid(message) => Err(here(message)),
        PyTime::Other if obj.hasattr("__index__").unwrap_or(false) => int(obj).map_err(here),
        PyTime::Other if obj.hasattr("__float__").unwrap_or(false) => match obj.extract::<f64>() {
            Ok(f) => finite(f).map_err(here),
            Err(e) => Err(here(e.to_string())),
        },
        PyTime::Other => Err(here(format!(
            "{UNREADABLE} {}",
            crate::error::type_name(obj)
        ))),
    }
}

/// A float as JSON: NaN and ±∞ are refused (JSON has no place for them; never "not set").
fn finite(f: f64) -> Result<Value, String> {
    Number::from_f64(f)
        .map(Value::Number)
        .ok_or_else(|| format!("{f} is not a finite number"))
}

/// An integer (a Python `int`, or anything with `__index__`: numpy integers) as JSON, if an
/// `i64` or `u64` holds it exactly.
fn int(obj: &Bound<'_, PyAny>) -> Result<Value, String> {
    if let Ok(i) = obj.extract::<i64>() {
        return Ok(i.into());
    }
    if let Ok(u) = obj.extract::<u64>() {
        return Ok(u.into());
    }
    match obj.call_method0("__index__") {
        Ok(index) => Err(format!("{index} is too large a number (at most 64 bits)")),
        Err(e) => Err(e.to_string()),
    }
}
