//! `Dataset.fromColumns`: events given as columns (arrays and typed arrays of equal length)
//! instead of one object per event, read by the core's columnar reader
//! (`touchpoint::ingest::read_columns`) through `touchpoint::ingest::HostColumns`, which
//! builds the timestamp column and reports a cell of the wrong type as a bad row (`record N`,
//! the column), in strict and lenient mode alike.
//!
//! Copies: strings are copied once out of the JavaScript heap; a `Float64Array` or
//! `BigInt64Array` is copied once (so nothing JavaScript does can change it under the reader).
//! Integer ids (numbers, BigInts, a `BigInt64Array`) are written once as their decimal text.
//! `Dataset.fromColumnsAsync` makes these copies on the JavaScript thread, then checks the
//! rows and builds the dataset on the libuv thread pool.
//!
//! Column names are camelCase (`customerId`, `anonymousId`, `willBuyAgain`); errors name the
//! column as the user wrote it.

use crate::dataset::{read, read_async, Dataset};
use crate::error::{arg_error, column_error, describe, guard};
use crate::task::Pending;
use napi::bindgen_prelude::{
    Array, BigInt, BigInt64ArraySlice, Float64ArraySlice, FromNapiValue, JsObjectValue, JsValue,
    Object, Unknown,
};
use napi::{Env, JsDate, ValueType};
use napi_derive::napi;
use touchpoint::ingest::{
    ColumnNames, HostAnswerColumn, HostColumn, HostColumns, HostEventColumns, HostTraitColumn,
};
use touchpoint::SurveyMetric;

/// The column names, camelCase: errors name the column as the user wrote it.
const COLUMNS: ColumnNames<'static> = ColumnNames::camel_case();

/// The columns besides the answer columns (named after their metric: `nps`, `csat`, …) and
/// `traits`; the first four are required.
const NAMES: [&str; 9] = COLUMNS.all();

/// A string column: the cells (`null` / `undefined` → `None`) and the rows whose cell is
/// not a string at all, with what it is.
pub(crate) type Strings = HostColumn<Vec<Option<String>>>;

/// A numeric column: `null` / `undefined` read as NaN, the core's "missing".
pub(crate) type Numbers = HostColumn<Vec<f64>>;

#[napi]
impl Dataset {
    /// A dataset from columns of equal length: `customerId`, `timestamp`, `channel` and
    /// `kind` (required), `value`, `survey`, `score`, `anonymousId`, one column per survey
    /// metric (`nps`, `csat`, `ces`, `willBuyAgain`, …) and `traits` (an object of trait
    /// columns) (optional).
    /// See `EventColumns` for what each column may be. Errors name the 1-based row as
    /// `record N` and the column.
    /// `mode` is `"strict"` (default: the first bad row throws) or `"lenient"` (bad rows are
    /// skipped and listed in `rejected`). Typed arrays are copied once.
    /// @throws {TouchpointError} `INVALID_RECORD` / `OUT_OF_RANGE` naming the row and
    /// column; `INVALID_ARGUMENT` naming the column when one is missing, unknown, not an
    /// array or typed array, or of another length than `customerId`; `INVALID_CONFIG` for
    /// an unknown mode.
    #[napi(ts_args_type = "columns: EventColumns, options?: Mode | ReadOptions")]
    pub fn from_columns(
        env: Env,
        columns: Unknown<'_>,
        mode: Unknown<'_>,
    ) -> napi::Result<Dataset> {
        guard(&env, || {
            let (host, columns) = event_columns(&env, columns)?;
            read(&env, mode, |mode| host.read_host(&columns, mode))
        })
    }

    /// `Dataset.fromColumns` off the event loop: the columns are copied out of the
    /// JavaScript arrays now, on the JavaScript thread (typed arrays are one copy each), and
    /// the rows are checked and the dataset built on the libuv thread pool. Resolves to the
    /// dataset; rejects (never throws) with the `TouchpointError` that `fromColumns` would
    /// throw.
    #[napi(
        ts_args_type = "columns: EventColumns, options?: Mode | ReadOptions",
        ts_return_type = "Promise<Dataset>"
    )]
    pub fn from_columns_async(
        env: Env,
        columns: Unknown<'_>,
        mode: Unknown<'_>,
    ) -> napi::Result<Pending<Dataset>> {
        read_async(
            &env,
            mode,
            || event_columns(&env, columns),
            |(host, columns), mode| host.read_host(&columns, mode),
        )
    }
}

/// The columns of the `columns` argument as the core's host columns, their lengths checked.
fn event_columns(
    env: &Env,
    columns: Unknown<'_>,
) -> napi::Result<(HostColumns, HostEventColumns<Vec<Option<String>>>)> {
    let Fields {
        fixed: [customer_id, timestamp, channel, kind, value, survey, score, anonymous_id, text],
        answers,
        traits,
    } = fields(env, columns)?;
    let customer_id = ids(
        env,
        COLUMNS.customer_id,
        required(env, COLUMNS.customer_id, customer_id)?,
    )?;
    let host = times(env, required(env, COLUMNS.timestamp, timestamp)?)?;
    let channel = strings(
        env,
        COLUMNS.channel,
        required(env, COLUMNS.channel, channel)?,
    )?;
    let kind = strings(env, COLUMNS.kind, required(env, COLUMNS.kind, kind)?)?;
    let mut columns = HostEventColumns::new(customer_id, channel, kind);
    columns.names = COLUMNS;
    columns.value = value.map(|v| numbers(env, COLUMNS.value, v)).transpose()?;
    columns.survey = survey
        .map(|v| strings(env, COLUMNS.survey, v))
        .transpose()?;
    columns.score = score.map(|v| numbers(env, COLUMNS.score, v)).transpose()?;
    columns.anonymous_id = anonymous_id
        .map(|v| ids(env, COLUMNS.anonymous_id, v))
        .transpose()?;
    columns.text = text.map(|v| strings(env, COLUMNS.text, v)).transpose()?;
    for (metric, v) in answers {
        let name = COLUMNS.answer_column(metric);
        let scores = numbers(env, &name, v)?;
        columns.answers.push(HostAnswerColumn {
            metric,
            name: name.into_owned(),
            scores,
        });
    }
    if let Some(traits) = traits {
        columns.traits = trait_columns(env, traits)?;
    }
    if let Some((name, len, n)) = host.length_mismatch(&columns) {
        return Err(column_error(
            env,
            name,
            &format!("has {len} rows, {} has {n}", COLUMNS.customer_id),
        ));
    }
    Ok((host, columns))
}

/// The columns of the `columns` object (`None` when absent, `undefined` or `null`).
struct Fields<'e> {
    fixed: [Option<Unknown<'e>>; 9],
    answers: Vec<(SurveyMetric, Unknown<'e>)>,
    traits: Option<Unknown<'e>>,
}

/// The columns of the `columns` object; a key that is not a column is an error (a misspelt
/// optional column would otherwise be ignored without a word).
fn fields<'e>(env: &Env, columns: Unknown<'e>) -> napi::Result<Fields<'e>> {
    if columns.get_type()? != ValueType::Object || columns.is_array()? || columns.is_typedarray()? {
        let what = describe(columns)?;
        return Err(arg_error(env, "columns", &format!("expected an object of columns {{customerId, timestamp, channel, kind, ...}}, got {what}")));
    }
    let object = Object::from_unknown(columns)?;
    let present = |v: Unknown<'e>| -> napi::Result<Option<Unknown<'e>>> {
        Ok((!matches!(v.get_type()?, ValueType::Undefined | ValueType::Null)).then_some(v))
    };
    let mut out = Fields {
        fixed: [None; 9],
        answers: Vec::new(),
        traits: None,
    };
    for key in Object::keys(&object)? {
        let v: Unknown<'e> = object.get_named_property(&key)?;
        if let Some(i) = NAMES.iter().position(|n| *n == key) {
            out.fixed[i] = present(v)?;
        } else if let Some(metric) = COLUMNS.answer_metric(&key) {
            if let Some(v) = present(v)? {
                out.answers.push((metric, v));
            }
        } else if key == "traits" {
            out.traits = present(v)?;
        } else {
            return Err(column_error(env, &key, &COLUMNS.not_a_column(&key)));
        }
    }
    Ok(out)
}

/// A required column, or the error naming it.
fn required<'e>(env: &Env, name: &str, v: Option<Unknown<'e>>) -> napi::Result<Unknown<'e>> {
    v.ok_or_else(|| {
        column_error(
            env,
            name,
            "is missing (required: customerId, timestamp, channel, kind)",
        )
    })
}

/// `v` as a plain array, or the error naming the column.
fn array<'e>(env: &Env, name: &str, v: Unknown<'e>, expected: &str) -> napi::Result<Array<'e>> {
    if v.is_array()? {
        return Array::from_unknown(v);
    }
    let what = describe(v)?;
    Err(column_error(
        env,
        name,
        &format!("expected {expected}, got {what}"),
    ))
}

/// Each element of `array` in turn (a hole reads as `undefined`).
fn each<'e>(
    array: &Array<'e>,
    mut f: impl FnMut(usize, Unknown<'e>) -> napi::Result<()>,
) -> napi::Result<()> {
    for i in 0..array.len() {
        if let Some(cell) = array.get::<Unknown<'e>>(i)? {
            f(i as usize, cell)?;
        }
    }
    Ok(())
}

/// A string cell as text; one with a lone surrogate (which napi would read as U+FFFD) is a
/// bad cell, listed in `bad` with its row.
fn string_cell(
    cell: Unknown<'_>,
    i: usize,
    bad: &mut Vec<(usize, String)>,
) -> napi::Result<Option<String>> {
    Ok(match crate::js::string(cell)? {
        Ok(text) => Some(text),
        Err(_) => {
            bad.push((i, crate::js::NOT_UNICODE.to_string()));
            None
        }
    })
}

/// A column of strings (`null` / `undefined` = missing).
fn strings(env: &Env, name: &str, v: Unknown<'_>) -> napi::Result<Strings> {
    let array = array(env, name, v, "an array of strings")?;
    let mut out = Strings {
        cells: Vec::with_capacity(array.len() as usize),
        bad: Vec::new(),
    };
    each(&array, |i, cell| {
        let text = match cell.get_type()? {
            ValueType::String => string_cell(cell, i, &mut out.bad)?,
            ValueType::Undefined | ValueType::Null => None,
            _ => {
                out.bad
                    .push((i, format!("expected a string, got {}", describe(cell)?)));
                None
            }
        };
        out.cells.push(text);
        Ok(())
    })?;
    Ok(out)
}

/// A numeric column: a `Float64Array` (NaN = missing), or an array of numbers and `null`s.
pub(crate) fn numbers(env: &Env, name: &str, v: Unknown<'_>) -> napi::Result<Numbers> {
    if v.is_typedarray()? {
        let Ok(values) = Float64ArraySlice::from_unknown(v) else {
            return Err(column_error(
                env,
                name,
                "expected a Float64Array or an array of numbers, got another typed array",
            ));
        };
        return Ok(Numbers {
            cells: values.as_ref().to_vec(),
            bad: Vec::new(),
        });
    }
    let array = array(env, name, v, "a Float64Array or an array of numbers")?;
    let mut out = Numbers {
        cells: Vec::with_capacity(array.len() as usize),
        bad: Vec::new(),
    };
    each(&array, |i, cell| {
        let x = match cell.get_type()? {
            ValueType::Number => f64::from_unknown(cell)?,
            ValueType::Undefined | ValueType::Null => f64::NAN,
            _ => {
                out.bad.push((
                    i,
                    format!("expected a number or null, got {}", describe(cell)?),
                ));
                f64::NAN
            }
        };
        out.cells.push(x);
        Ok(())
    })?;
    Ok(out)
}

/// The timestamp column: a `Float64Array` or `BigInt64Array` of epoch milliseconds, or an
/// array of epoch milliseconds (numbers or BigInts), ISO 8601 / RFC 3339 text and `Date`s.
fn times(env: &Env, v: Unknown<'_>) -> napi::Result<HostColumns> {
    const NAME: &str = COLUMNS.timestamp;
    if v.is_typedarray()? {
        if let Ok(ms) = Float64ArraySlice::from_unknown(v) {
            let mut host = HostColumns::with_capacity(ms.as_ref().len());
            for &x in ms.as_ref() {
                host.push_time_number(x);
            }
            return Ok(host);
        }
        if let Ok(ms) = BigInt64ArraySlice::from_unknown(v) {
            return Ok(HostColumns::from_millis(ms.as_ref().to_vec()));
        }
        return Err(column_error(env, NAME, "expected a Float64Array or a BigInt64Array of epoch milliseconds, got another typed array"));
    }
    let array = array(
        env,
        NAME,
        v,
        "a Float64Array, a BigInt64Array or an array of epoch milliseconds or ISO 8601 strings",
    )?;
    let mut host = HostColumns::with_capacity(array.len() as usize);
    each(&array, |_, cell| {
        match cell.get_type()? {
            ValueType::Number => host.push_time_number(f64::from_unknown(cell)?),
            ValueType::String => host.push_time_text(&String::from_unknown(cell)?),
            ValueType::Undefined | ValueType::Null => host.push_time_null(),
            ValueType::BigInt => match BigInt::from_unknown(cell)?.get_i64() {
                (ms, true) => host.push_time_millis(ms),
                _ => host.push_time_invalid("the BigInt does not fit in 64 bits"),
            },
            ValueType::Object if cell.is_date()? => {
                let ms = JsDate::from_unknown(cell)?.value_of()?;
                if ms.is_nan() {
                    host.push_time_invalid("is an invalid Date");
                } else {
                    host.push_time_number(ms);
                }
            }
            _ => host.push_time_invalid(format!(
                "expected epoch milliseconds, an ISO 8601 string or a Date, got {}",
                describe(cell)?
            )),
        }
        Ok(())
    })?;
    Ok(host)
}

/// An id column: strings, integers (numbers up to 2^53, BigInts: kept as their decimal
/// text) and `null`s, or a `BigInt64Array`. A number with a fraction is a bad cell.
pub(crate) fn ids(env: &Env, name: &str, v: Unknown<'_>) -> napi::Result<Strings> {
    if v.is_typedarray()? {
        let Ok(values) = BigInt64ArraySlice::from_unknown(v) else {
            return Err(column_error(
                env,
                name,
                "expected a BigInt64Array or an array of strings and integers, got another typed array",
            ));
        };
        return Ok(Strings {
            cells: values
                .as_ref()
                .iter()
                .map(|i| Some(i.to_string()))
                .collect(),
            bad: Vec::new(),
        });
    }
    let array = array(env, name, v, "an array of strings or integers")?;
    let mut out = Strings {
        cells: Vec::with_capacity(array.len() as usize),
        bad: Vec::new(),
    };
    each(&array, |i, cell| {
        let text = match cell.get_type()? {
            ValueType::String => string_cell(cell, i, &mut out.bad)?,
            ValueType::Undefined | ValueType::Null => None,
            ValueType::Number => match touchpoint::id_from_float(f64::from_unknown(cell)?) {
                Ok(id) => Some(id),
                Err(why) => {
                    out.bad.push((i, why));
                    None
                }
            },
            ValueType::BigInt => {
                let big = BigInt::from_unknown(cell)?;
                match (big.get_i64(), big.get_u64()) {
                    ((n, true), _) => Some(n.to_string()),
                    (_, (false, n, true)) => Some(n.to_string()),
                    _ => {
                        out.bad
                            .push((i, "the BigInt does not fit in 64 bits".to_string()));
                        None
                    }
                }
            }
            _ => {
                out.bad.push((
                    i,
                    format!("expected a string or an integer, got {}", describe(cell)?),
                ));
                None
            }
        };
        out.cells.push(text);
        Ok(())
    })?;
    Ok(out)
}

/// The `traits` column: an object whose every key is a trait and value an array of
/// strings, numbers, booleans and `null`s.
fn trait_columns(env: &Env, v: Unknown<'_>) -> napi::Result<Vec<HostTraitColumn>> {
    if v.get_type()? != ValueType::Object || v.is_array()? || v.is_typedarray()? {
        let what = describe(v)?;
        return Err(column_error(
            env,
            "traits",
            &format!("expected an object of trait columns {{plan: [...], ...}}, got {what}"),
        ));
    }
    let object = Object::from_unknown(v)?;
    let mut out = Vec::new();
    for name in Object::keys(&object)? {
        let column = format!("traits.{name}");
        let v: Unknown<'_> = object.get_named_property(&name)?;
        let array = array(env, &column, v, "an array of strings, numbers or booleans")?;
        let mut values = HostColumn {
            cells: Vec::with_capacity(array.len() as usize),
            bad: Vec::new(),
        };
        each(&array, |i, cell| {
            let value = match cell.get_type()? {
                ValueType::String => match crate::js::string(cell)? {
                    Ok(text) => text.into(),
                    Err(_) => {
                        values.bad.push((i, crate::js::NOT_UNICODE.to_string()));
                        serde_json::Value::Null
                    }
                },
                ValueType::Boolean => bool::from_unknown(cell)?.into(),
                ValueType::Number => {
                    let x = f64::from_unknown(cell)?;
                    HostTraitColumn::number(x).unwrap_or_else(|why| {
                        values.bad.push((i, why));
                        serde_json::Value::Null
                    })
                }
                ValueType::Undefined | ValueType::Null => serde_json::Value::Null,
                _ => {
                    values.bad.push((
                        i,
                        format!(
                            "expected a string, a number or a boolean, got {}",
                            describe(cell)?
                        ),
                    ));
                    serde_json::Value::Null
                }
            };
            values.cells.push(value);
            Ok(())
        })?;
        out.push(HostTraitColumn {
            name,
            column,
            values,
        });
    }
    Ok(out)
}
