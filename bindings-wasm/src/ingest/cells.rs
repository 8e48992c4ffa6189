//! Plain array columns of `Dataset.fromColumns` as `js/columns.js` reads them in one pass:
//! a kind per cell, the numbers, and the strings dictionary-encoded.

use crate::convert::describe;
use crate::error::{column_error, internal_error};
use js_sys::{Array, ArrayBuffer, Float64Array, Uint32Array, Uint8Array};
use touchpoint::ingest::StrColumn;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(module = "/js/columns.js")]
extern "C" {
    /// One pass over a plain array column: `[kinds, numbers, keys, json]` (see the file).
    #[wasm_bindgen(js_name = readColumn)]
    fn read_column(array: &Array) -> Array;
}

/// What a cell is, by the kind code of `js/columns.js`.
pub(crate) const KIND_NAMES: [&str; 11] = [
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
    "a string",
];
pub(crate) const NULL: u8 = 0;
pub(crate) const NUMBER: u8 = 1;
pub(crate) const STRING: u8 = 2;
pub(crate) const DATE: u8 = 3;
pub(crate) const BIGINT: u8 = 4;
pub(crate) const BOOLEAN: u8 = 5;
/// A string with a lone surrogate: not in the dictionary, refused where text is read.
pub(crate) const UNPAIRED: u8 = 10;

pub(crate) fn kind_name(kind: u8) -> &'static str {
    KIND_NAMES
        .as_slice()
        .get(usize::from(kind))
        .copied()
        .unwrap_or("a value")
}

/// A plain array column as `js/columns.js` read it.
pub(crate) struct Cells {
    pub(crate) kinds: Vec<u8>,
    /// Empty when the column has no number or `Date`.
    pub(crate) numbers: Vec<f64>,
    /// Empty when the column has no string or BigInt.
    pub(crate) keys: Vec<u32>,
    /// The distinct texts of the string and BigInt cells.
    pub(crate) texts: Vec<String>,
}

impl Cells {
    pub(crate) fn number(&self, row: usize) -> f64 {
        self.numbers.get(row).copied().unwrap_or(f64::NAN)
    }

    pub(crate) fn text(&self, row: usize) -> &str {
        self.keys
            .get(row)
            .and_then(|&k| self.texts.as_slice().get(k as usize))
            .map_or("", |t| t.as_str())
    }
}

/// A string column, dictionary-encoded (by `js/columns.js`): the core looks each distinct
/// string up once. `keys[row]` is `NONE` for a missing cell.
pub(crate) struct DictStrings {
    pub(crate) keys: Vec<u32>,
    pub(crate) entries: Vec<String>,
}

pub(crate) const NONE: u32 = u32::MAX;

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

/// A plain array column read by `js/columns.js`, or the error naming the column.
pub(crate) fn cells(name: &str, v: &JsValue, expected: &str) -> Result<Cells, JsValue> {
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
    // Every text in the dictionary is well-formed (a string with a lone surrogate is kind
    // UNPAIRED), so its JSON always reads.
    let texts = parts
        .get(3)
        .as_string()
        .and_then(|json| serde_json::from_str::<Vec<String>>(&json).ok())
        .ok_or_else(|| internal_error("the strings of a column could not be read"))?;
    Ok(Cells {
        kinds,
        numbers,
        keys,
        texts,
    })
}
