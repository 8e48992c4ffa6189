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

use crate::convert::{self, describe};
use crate::dataset::Dataset;
use crate::error::{column_error, IntoJsResult};
use js_sys::{
    Array, ArrayBuffer, BigInt64Array, Float64Array, Object, Reflect, Uint32Array, Uint8Array,
};
use touchpoint::ingest::{ColumnNames, HostColumn, HostColumns, HostEventColumns, StrColumn};
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
  customerId: (string | null)[];
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
  /** `"nps"`, `"csat"` or `"ces"` on survey answers; `null` (or `""`) on every other row. */
  survey?: (SurveyMetric | "" | null)[] | null;
  /**
   * The answer on rows whose `survey` is set (there a `null` or NaN is an error, like a
   * score out of range); ignored on other rows (fill them with NaN, `null` or 0).
   */
  score?: Float64Array | (number | null)[] | null;
}
"#;

#[wasm_bindgen(module = "/js/columns.js")]
extern "C" {
    /// One pass over a plain array column: `[kinds, numbers, json, strings]` (see the file).
    #[wasm_bindgen(js_name = readColumn)]
    fn read_column(array: &Array) -> Array;
}

/// The column names, camelCase: errors name the column as the user wrote it.
const COLUMNS: ColumnNames<'static> = ColumnNames::camel_case();

/// The columns, in the order the core checks a row; the first four are required.
const NAMES: [&str; 7] = COLUMNS.all();

/// What a cell is, by the kind code of `js/columns.js`.
const KIND_NAMES: [&str; 10] = [
    "null",
    "a number",
    "a string",
    "a Date",
    "a BigInt",
    "a boolean",
    "an object",
    "an array",
    "a symbol",
    "a function",
];
const NULL: u8 = 0;
const NUMBER: u8 = 1;
const STRING: u8 = 2;
const DATE: u8 = 3;
const BIGINT: u8 = 4;

fn kind_name(kind: u8) -> &'static str {
    KIND_NAMES
        .as_slice()
        .get(usize::from(kind))
        .copied()
        .unwrap_or("a value")
}

/// A plain array column as `js/columns.js` read it.
struct Cells {
    kinds: Vec<u8>,
    /// Empty when the column has no number or `Date`.
    numbers: Vec<f64>,
    /// Empty when the column has no string or BigInt.
    keys: Vec<u32>,
    /// The distinct texts of the string and BigInt cells.
    texts: Vec<String>,
}

impl Cells {
    fn number(&self, row: usize) -> f64 {
        self.numbers.get(row).copied().unwrap_or(f64::NAN)
    }

    fn text(&self, row: usize) -> &str {
        self.keys
            .get(row)
            .and_then(|&k| self.texts.as_slice().get(k as usize))
            .map_or("", |t| t.as_str())
    }
}

/// A string column, dictionary-encoded (by `js/columns.js`): the core looks each distinct
/// string up once. `keys[row]` is `NONE` for a missing cell.
struct DictStrings {
    keys: Vec<u32>,
    entries: Vec<String>,
}

const NONE: u32 = u32::MAX;

impl StrColumn for DictStrings {
    fn len(&self) -> usize {
        self.keys.len()
    }
    fn get(&self, row: usize) -> Option<&str> {
        self.key(row).map(|k| self.entries[k].as_str())
    }
    fn dictionary_len(&self) -> Option<usize> {
        Some(self.entries.len())
    }
    fn key(&self, row: usize) -> Option<usize> {
        let k = self.keys[row];
        (k != NONE).then_some(k as usize)
    }
    fn entry(&self, key: usize) -> Option<&str> {
        Some(self.entries[key].as_str())
    }
}

#[wasm_bindgen]
impl Dataset {
    /// A dataset from columns of equal length (see `EventColumns`); errors name the 1-based
    /// row as `record N` and the column. A missing, unknown or mistyped column, or one of
    /// another length than `customerId`, is `INVALID_ARGUMENT` naming it.
    #[wasm_bindgen(js_name = fromColumns)]
    pub fn from_columns(
        #[wasm_bindgen(unchecked_param_type = "EventColumns")] columns: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Mode")] mode: JsValue,
    ) -> Result<Dataset, JsValue> {
        let mode = convert::mode(&mode)?;
        let [customer_id, timestamp, channel, kind, value, survey, score] = fields(&columns)?;
        let c = COLUMNS;
        let customer_id = strings(c.customer_id, &required(c.customer_id, customer_id)?)?;
        let host = times(&required(c.timestamp, timestamp)?)?;
        let channel = strings(c.channel, &required(c.channel, channel)?)?;
        let kind = strings(c.kind, &required(c.kind, kind)?)?;
        let value = value.map(|v| numbers(c.value, &v)).transpose()?;
        let survey = survey.map(|v| strings(c.survey, &v)).transpose()?;
        let score = score.map(|v| numbers(c.score, &v)).transpose()?;

        let columns = HostEventColumns {
            customer_id,
            channel,
            kind,
            value,
            survey,
            score,
            names: COLUMNS,
        };
        if let Some((name, len, n)) = host.length_mismatch(&columns) {
            return Err(column_error(
                name,
                &format!("has {len} rows, {} has {n}", c.customer_id),
            ));
        }
        Ok(host.read_host(&columns, mode).into_js()?.into())
    }
}

/// The seven columns of the `columns` object (`None` when absent, `undefined` or `null`);
/// a key that is not one of them is an error (a misspelt optional column would otherwise be
/// ignored without a word).
fn fields(columns: &JsValue) -> Result<[Option<JsValue>; 7], JsValue> {
    if !columns.is_object() || Array::is_array(columns) || ArrayBuffer::is_view(columns) {
        return Err(crate::error::argument_error(
            "columns",
            None,
            &format!("expected an object of columns {{customerId, timestamp, channel, kind, ...}}, got {}", describe(columns)),
        ));
    }
    for key in Object::keys(columns.unchecked_ref::<Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        if !NAMES.contains(&key.as_str()) {
            return Err(column_error(&key, &COLUMNS.not_a_column(&key)));
        }
    }
    let mut out: [Option<JsValue>; 7] = Default::default();
    for (slot, name) in out.iter_mut().zip(NAMES) {
        let v = Reflect::get(columns, &JsValue::from_str(name))?;
        if !(v.is_undefined() || v.is_null()) {
            *slot = Some(v);
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

/// A plain array column read by `js/columns.js`, or the error naming the column.
fn cells(name: &str, v: &JsValue, expected: &str) -> Result<Cells, JsValue> {
    if !Array::is_array(v) {
        let what = if ArrayBuffer::is_view(v) {
            "a typed array of another type".to_string()
        } else {
            describe(v)
        };
        return Err(column_error(
            name,
            &format!("expected {expected}, got {what}"),
        ));
    }
    let parts = read_column(v.unchecked_ref());
    let kinds = parts.get(0).unchecked_into::<Uint8Array>().to_vec();
    let numbers = parts
        .get(1)
        .dyn_into::<Float64Array>()
        .map(|a| a.to_vec())
        .unwrap_or_default();
    let keys = parts
        .get(2)
        .dyn_into::<Uint32Array>()
        .map(|a| a.to_vec())
        .unwrap_or_default();
    let texts = match parts
        .get(3)
        .as_string()
        .map(|json| serde_json::from_str::<Vec<String>>(&json))
    {
        Some(Ok(texts)) => texts,
        // Lone surrogates: read one by one (each becomes U+FFFD).
        _ => Array::from(&parts.get(4))
            .iter()
            .map(|s| s.as_string().unwrap_or_default())
            .collect(),
    };
    Ok(Cells {
        kinds,
        numbers,
        keys,
        texts,
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
            if kind != NULL {
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
