//! Looking up the cells of the columnar reader: per-dictionary-entry caches, channel and
//! kind cells, blank and null cells.

use super::ids::FastMap;
use super::StrColumn;
use crate::{RecordRef, Result, TouchpointError};

/// A dictionary column's per-entry cache (`None` = not looked up yet), indexed by dictionary key.
pub(super) struct EntryCache<T> {
    pub(super) codes: Vec<Option<T>>,
}

impl<T: Copy> EntryCache<T> {
    pub(super) fn new(column: &dyn StrColumn) -> Self {
        EntryCache {
            codes: vec![None; column.dictionary_len().unwrap_or(0)],
        }
    }
}

/// A channel or kind cell: its code when seen before, else its text (and dictionary key),
/// interned only once the whole row has been checked.
pub(super) enum Code<'a> {
    Known(u16),
    New(&'a str, Option<usize>),
}

/// A channel or kind cell of row `i`: null and empty cells are errors.
#[inline]
pub(super) fn resolve<'a>(
    column: &'a dyn StrColumn,
    i: usize,
    cache: &mut EntryCache<u16>,
    texts: &FastMap<&'a str, u16>,
    record: RecordRef,
    name: &str,
) -> Result<Code<'a>> {
    let (text, key) = match column.dictionary_len() {
        Some(_) => {
            let k = column.key(i).ok_or_else(|| null(record, name))?;
            if let Some(code) = cache.codes[k] {
                return Ok(Code::Known(code));
            }
            (column.entry(k).ok_or_else(|| null(record, name))?, Some(k))
        }
        None => {
            let text = column.get(i).ok_or_else(|| null(record, name))?;
            if let Some(&code) = texts.get(text) {
                return Ok(Code::Known(code));
            }
            (text, None)
        }
    };
    if text.trim().is_empty() {
        return Err(TouchpointError::invalid(record, name, "is empty"));
    }
    Ok(Code::New(text, key))
}

pub(super) fn null(record: RecordRef, column: &str) -> TouchpointError {
    TouchpointError::invalid(record, column, "is null")
}
