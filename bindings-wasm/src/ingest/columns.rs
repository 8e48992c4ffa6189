//! `Dataset.fromColumns(columns, mode?)`: events given as columns (arrays and typed arrays of
//! equal length) instead of one object per event, read by the core's columnar reader
//! (`touchpoint::ingest::read_columns`) through `touchpoint::ingest::HostColumns`, which
//! builds the timestamp column and reports a cell of the wrong type as a bad row (`record N`,
//! the column), in strict and lenient mode alike.
//!
//! Crossings: a typed array is copied into wasm memory once (`Float64Array::to_vec`); a plain
//! array is read in one pass in JavaScript (`js/columns.js`), which hands over a kind per
//! cell, the numbers as a `Float64Array`, and the strings dictionary-encoded: a key per cell
//! and the distinct strings as one JSON text (so the core also parses each distinct channel,
//! kind and customer id once).

use super::cells::{
    cells, kind_name, Cells, DictStrings, BIGINT, BOOLEAN, DATE, NONE, NULL, NUMBER, STRING,
    UNPAIRED,
};
use crate::convert::{self, describe, NOT_UNICODE};
use crate::dataset::Dataset;
use crate::error::{column_error, IntoJsResult};
use js_sys::{Array, ArrayBuffer, BigInt64Array, Float64Array, Object, Reflect};
use std::collections::HashMap;
use touchpoint::ingest::{
    ColumnNames, HostAnswerColumn, HostColumn, HostColumns, HostEventColumns, HostTraitColumn,
};
use touchpoint::SurveyMetric;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(typescript_custom_section)]
const TS_COLUMNS: &'static str = r#"
/**
 * Events as columns, for `Dataset.fromColumns`: one array (or typed array) per field, all of
 * the same length, row `i` of each making event `i` (`record i+1` in errors). Typed arrays
 * are copied once. In a plain array, `null` and `undefined` are a missing cell.
 */
export interface EventColumns {
  /**
   * Customer ids: strings or integers (numbers up to 2^53, BigInts; kept as their decimal
   * text), or a `BigInt64Array`. A `null` is a bad row unless the row has an `anonymousId`;
   * a number with a fraction is a bad row.
   */
  customerId: BigInt64Array | (IdInput | null)[];
  /**
   * Epoch milliseconds (`Float64Array`, `BigInt64Array`, or an array of numbers), ISO 8601 /
   * RFC 3339 text (`"2026-03-01T09:30:00Z"`; `YYYY-MM-DD[ HH:MM:SS]` is UTC), or `Date`s. A
   * number must be a whole number of milliseconds; a NaN is a bad row.
   */
  timestamp: Float64Array | BigInt64Array | (number | bigint | string | Date | null)[];
  /** `"email"`, `"web"`, `"sms"`, … (unknown names are kept as custom channels). */
  channel: (string | null)[];
  /** `"purchase"`, `"page_view"`, `"survey_response"`, … (unknown names are custom kinds). */
  kind: (string | null)[];
  /**
   * Money involved. `null` and NaN mean "no value" (NaN is the missing marker of a
   * `Float64Array`; unlike `fromEvents`, where a NaN value is an error); ±Infinity is an error.
   */
  value?: Float64Array | (number | null)[] | null;
  /** A metric name on survey answers; `null` (or `""`) on every other row. */
  survey?: (SurveyMetric | "" | null)[] | null;
  /**
   * The answer on rows whose `survey` is set (there a `null` or NaN is an error, like a
   * score out of range); ignored on other rows (fill them with NaN, `null` or 0).
   */
  score?: Float64Array | (number | null)[] | null;
  /** Anonymous ids (identity: a row with both ids ties them), like `customerId`. */
  anonymousId?: BigInt64Array | (IdInput | null)[] | null;
  /**
   * Free text the customer wrote (a comment, a review, a ticket); `null` or `""`: none. At
   * most 1 MiB of UTF-8 per cell.
   */
  text?: (string | null)[] | null;
  /** NPS answers, 0–10 (`null` / NaN: no answer on that row). */
  nps?: Float64Array | (number | null)[] | null;
  /** CSAT answers, 1–5. */
  csat?: Float64Array | (number | null)[] | null;
  /** CES answers, 1–7. */
  ces?: Float64Array | (number | null)[] | null;
  /** "Will you buy our products in the future?", 1–5. */
  willBuyAgain?: Float64Array | (number | null)[] | null;
  /** "Does the company deliver what it promises?", 1–5. */
  deliversPromise?: Float64Array | (number | null)[] | null;
  /** "When a problem arises, can you rely on a fair solution?", 1–5. */
  fairSolution?: Float64Array | (number | null)[] | null;
  /**
   * Customer traits, one column per trait (`{plan: ["pro", null, ...]}`): strings, numbers,
   * booleans or `null`; each customer gets the value of its latest row (by time) that has one.
   */
  traits?: Record<string, (string | number | boolean | null)[]> | null;
}
"#;

/// The column names, camelCase: errors name the column as the user wrote it.
const COLUMNS: ColumnNames<'static> = ColumnNames::camel_case();

/// The columns besides the answer columns (named after their metric: `nps`, `csat`,
/// `willBuyAgain`, …) and `traits`; the first four are required.
const NAMES: [&str; 9] = COLUMNS.all();

#[wasm_bindgen]
impl Dataset {
    /// A dataset from columns of equal length (see `EventColumns`); errors name the 1-based
    /// row as `record N` and the column. A missing, unknown or mistyped column, or one of
    /// another length than `customerId`, is `INVALID_ARGUMENT` naming it.
    #[wasm_bindgen(js_name = fromColumns)]
    pub fn from_columns(
        #[wasm_bindgen(unchecked_param_type = "EventColumns")] columns: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Mode | ReadOptions")] options: JsValue,
    ) -> Result<Dataset, JsValue> {
        let mode = convert::read_options(&options)?;
        let Fields {
            fixed: [customer_id, timestamp, channel, kind, value, survey, score, anonymous_id, text],
            answers,
            traits,
        } = fields(&columns)?;
        let customer_id = ids(
            COLUMNS.customer_id,
            &required(COLUMNS.customer_id, customer_id)?,
        )?;
        let host = times(&required(COLUMNS.timestamp, timestamp)?)?;
        let channel = strings(COLUMNS.channel, &required(COLUMNS.channel, channel)?)?;
        let kind = strings(COLUMNS.kind, &required(COLUMNS.kind, kind)?)?;
        let mut columns = HostEventColumns::new(customer_id, channel, kind);
        columns.names = COLUMNS;
        columns.value = value.map(|v| numbers(COLUMNS.value, &v)).transpose()?;
        columns.survey = survey.map(|v| strings(COLUMNS.survey, &v)).transpose()?;
        columns.score = score.map(|v| numbers(COLUMNS.score, &v)).transpose()?;
        columns.anonymous_id = anonymous_id
            .map(|v| ids(COLUMNS.anonymous_id, &v))
            .transpose()?;
        columns.text = text.map(|v| strings(COLUMNS.text, &v)).transpose()?;
        for (metric, v) in answers {
            let name = COLUMNS.answer_column(metric);
            let scores = numbers(&name, &v)?;
            columns.answers.push(HostAnswerColumn {
                metric,
                name: name.into_owned(),
                scores,
            });
        }
        if let Some(traits) = traits {
            columns.traits = trait_columns(&traits)?;
        }
        if let Some((name, len, n)) = host.length_mismatch(&columns) {
            return Err(column_error(
                name,
                &format!("has {len} rows, {} has {n}", COLUMNS.customer_id),
            ));
        }
        Ok(host.read_host(&columns, mode).into_js()?.into())
    }
}

/// The columns of the `columns` object (`None` when absent, `undefined` or `null`).
struct Fields {
    fixed: [Option<JsValue>; 9],
    answers: Vec<(SurveyMetric, JsValue)>,
    traits: Option<JsValue>,
}

/// The columns of the `columns` object; a key that is not a column is an error (a misspelt
/// optional column would otherwise be ignored without a word).
fn fields(columns: &JsValue) -> Result<Fields, JsValue> {
    if !columns.is_object() || Array::is_array(columns) || ArrayBuffer::is_view(columns) {
        return Err(crate::error::argument_error(
            "columns",
            None,
            &format!("expected an object of columns {{customerId, timestamp, channel, kind, ...}}, got {}", describe(columns)),
        ));
    }
    let present = |v: JsValue| (!(v.is_undefined() || v.is_null())).then_some(v);
    let mut out = Fields {
        fixed: Default::default(),
        answers: Vec::new(),
        traits: None,
    };
    for key in Object::keys(columns.unchecked_ref::<Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        let v = Reflect::get(columns, &JsValue::from_str(&key))?;
        if let Some(i) = NAMES.iter().position(|n| *n == key) {
            out.fixed[i] = present(v);
        } else if let Some(metric) = COLUMNS.answer_metric(&key) {
            if let Some(v) = present(v) {
                out.answers.push((metric, v));
            }
        } else if key == "traits" {
            out.traits = present(v);
        } else {
            return Err(column_error(&key, &COLUMNS.not_a_column(&key)));
        }
    }
    Ok(out)
}

/// A required column, or the error naming it.
fn required(name: &str, v: Option<JsValue>) -> Result<JsValue, JsValue> {
    v.ok_or_else(|| {
        column_error(
            name,
            "is missing (required: customerId, timestamp, channel, kind)",
        )
    })
}

/// A column of strings (`null` / `undefined` = missing).
fn strings(name: &str, v: &JsValue) -> Result<HostColumn<DictStrings>, JsValue> {
    let Cells {
        kinds,
        mut keys,
        texts,
        ..
    } = cells(name, v, "an array of strings")?;
    keys.resize(kinds.len(), NONE);
    let mut bad = Vec::new();
    for (i, kind) in kinds.into_iter().enumerate() {
        if kind != STRING {
            keys[i] = NONE;
            if kind == UNPAIRED {
                bad.push((i, NOT_UNICODE.to_string()));
            } else if kind != NULL {
                bad.push((i, format!("expected a string, got {}", kind_name(kind))));
            }
        }
    }
    Ok(HostColumn {
        cells: DictStrings {
            keys,
            entries: texts,
        },
        bad,
    })
}

/// A numeric column: a `Float64Array` (NaN = missing), or an array of numbers and `null`s.
fn numbers(name: &str, v: &JsValue) -> Result<HostColumn<Vec<f64>>, JsValue> {
    if let Some(typed) = v.dyn_ref::<Float64Array>() {
        return Ok(HostColumn {
            cells: typed.to_vec(),
            bad: Vec::new(),
        });
    }
    let cells = cells(name, v, "a Float64Array or an array of numbers")?;
    let mut out = HostColumn {
        cells: Vec::with_capacity(cells.kinds.len()),
        bad: Vec::new(),
    };
    for (i, &kind) in cells.kinds.iter().enumerate() {
        out.cells.push(if kind == NUMBER {
            cells.number(i)
        } else {
            f64::NAN
        });
        if kind != NUMBER && kind != NULL {
            out.bad.push((
                i,
                format!("expected a number or null, got {}", kind_name(kind)),
            ));
        }
    }
    Ok(out)
}

/// The timestamp column: a `Float64Array` or `BigInt64Array` of epoch milliseconds, or an
/// array of epoch milliseconds (numbers or BigInts), ISO 8601 / RFC 3339 text and `Date`s.
fn times(v: &JsValue) -> Result<HostColumns, JsValue> {
    if let Some(typed) = v.dyn_ref::<Float64Array>() {
        let ms = typed.to_vec();
        let mut host = HostColumns::with_capacity(ms.len());
        for x in ms {
            host.push_time_number(x);
        }
        return Ok(host);
    }
    if let Some(typed) = v.dyn_ref::<BigInt64Array>() {
        return Ok(HostColumns::from_millis(typed.to_vec()));
    }
    let expected =
        "a Float64Array, a BigInt64Array or an array of epoch milliseconds or ISO 8601 strings";
    let cells = cells(COLUMNS.timestamp, v, expected)?;
    let mut host = HostColumns::with_capacity(cells.kinds.len());
    for (i, &kind) in cells.kinds.iter().enumerate() {
        match kind {
            NUMBER => host.push_time_number(cells.number(i)),
            STRING => host.push_time_text(cells.text(i)),
            UNPAIRED => host.push_time_invalid(NOT_UNICODE),
            NULL => host.push_time_null(),
            DATE if cells.number(i).is_nan() => host.push_time_invalid("is an invalid Date"),
            DATE => host.push_time_number(cells.number(i)),
            BIGINT => match cells.text(i).parse::<i64>() {
                Ok(ms) => host.push_time_millis(ms),
                Err(_) => host.push_time_invalid("the BigInt does not fit in 64 bits"),
            },
            _ => host.push_time_invalid(format!(
                "expected epoch milliseconds, an ISO 8601 string or a Date, got {}",
                kind_name(kind)
            )),
        }
    }
    Ok(host)
}

/// An id column: strings, integers (numbers up to 2^53, BigInts of 64 bits: kept as their
/// decimal text) and `null`s, or a `BigInt64Array`. A number with a fraction is a bad cell.
pub(crate) fn ids(name: &str, v: &JsValue) -> Result<HostColumn<DictStrings>, JsValue> {
    if let Some(typed) = v.dyn_ref::<BigInt64Array>() {
        let entries: Vec<String> = typed.to_vec().iter().map(i64::to_string).collect();
        return Ok(HostColumn {
            cells: DictStrings {
                keys: (0..entries.len() as u32).collect(),
                entries,
            },
            bad: Vec::new(),
        });
    }
    let Cells {
        kinds,
        numbers,
        mut keys,
        mut texts,
    } = cells(name, v, "an array of strings or integers")?;
    keys.resize(kinds.len(), NONE);
    let mut bad = Vec::new();
    let mut number_keys: HashMap<i64, u32> = HashMap::new();
    for (i, kind) in kinds.into_iter().enumerate() {
        match kind {
            STRING => {}
            BIGINT => {
                let text: &str = match texts.as_slice().get(keys[i] as usize) {
                    Some(t) => t,
                    None => "",
                };
                let fits = text
                    .parse::<i128>()
                    .is_ok_and(|n| n >= i128::from(i64::MIN) && n <= i128::from(u64::MAX));
                if !fits {
                    keys[i] = NONE;
                    bad.push((i, "the BigInt does not fit in 64 bits".to_string()));
                }
            }
            NUMBER => {
                let x = numbers.get(i).copied().unwrap_or(f64::NAN);
                match touchpoint::id_from_float(x) {
                    Ok(id) => {
                        let n = x as i64;
                        keys[i] = *number_keys.entry(n).or_insert_with(|| {
                            texts.push(id);
                            texts.len() as u32 - 1
                        });
                    }
                    Err(why) => {
                        keys[i] = NONE;
                        bad.push((i, why));
                    }
                }
            }
            NULL => keys[i] = NONE,
            UNPAIRED => {
                keys[i] = NONE;
                bad.push((i, NOT_UNICODE.to_string()));
            }
            other => {
                keys[i] = NONE;
                bad.push((
                    i,
                    format!("expected a string or an integer, got {}", kind_name(other)),
                ));
            }
        }
    }
    Ok(HostColumn {
        cells: DictStrings {
            keys,
            entries: texts,
        },
        bad,
    })
}

/// The `traits` column: an object whose every key is a trait and value an array of
/// strings, numbers, booleans and `null`s.
fn trait_columns(v: &JsValue) -> Result<Vec<HostTraitColumn>, JsValue> {
    if !v.is_object() || Array::is_array(v) || ArrayBuffer::is_view(v) {
        return Err(column_error(
            "traits",
            &format!(
                "expected an object of trait columns {{plan: [...], ...}}, got {}",
                describe(v)
            ),
        ));
    }
    let mut out = Vec::new();
    for name in Object::keys(v.unchecked_ref::<Object>()).iter() {
        let name = name.as_string().unwrap_or_default();
        let column = format!("traits.{name}");
        let cells = cells(
            &column,
            &Reflect::get(v, &JsValue::from_str(&name))?,
            "an array of strings, numbers or booleans",
        )?;
        let mut values = HostColumn {
            cells: Vec::with_capacity(cells.kinds.len()),
            bad: Vec::new(),
        };
        for (i, &kind) in cells.kinds.iter().enumerate() {
            let value = match kind {
                NULL => serde_json::Value::Null,
                STRING => cells.text(i).into(),
                UNPAIRED => {
                    values.bad.push((i, NOT_UNICODE.to_string()));
                    serde_json::Value::Null
                }
                BOOLEAN => (cells.number(i) != 0.0).into(),
                NUMBER => {
                    let x = cells.number(i);
                    HostTraitColumn::number(x).unwrap_or_else(|why| {
                        values.bad.push((i, why));
                        serde_json::Value::Null
                    })
                }
                other => {
                    values.bad.push((
                        i,
                        format!(
                            "expected a string, a number or a boolean, got {}",
                            kind_name(other)
                        ),
                    ));
                    serde_json::Value::Null
                }
            };
            values.cells.push(value);
        }
        out.push(HostTraitColumn {
            name,
            column,
            values,
        });
    }
    Ok(out)
}
