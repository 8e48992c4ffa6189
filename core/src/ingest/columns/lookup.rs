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

    /// The dictionary key of row `i` of `column` (the column this cache was made for), checked
    /// below the dictionary's length: [`StrColumn::key`] is the caller's code, so a key past
    /// the dictionary is a bad row naming the column, never an index out of bounds.
    #[inline]
    pub(super) fn key(
        &self,
        column: &dyn StrColumn,
        i: usize,
        record: RecordRef,
        name: &str,
    ) -> Result<Option<usize>> {
        if column.dictionary_len().is_none() {
            return Ok(None);
        }
        match column.key(i) {
            Some(k) if k >= self.codes.len() => Err(TouchpointError::invalid(
                record,
                name,
                format!(
                    "has dictionary key {k}, past the dictionary's {} entries",
                    self.codes.len()
                ),
            )),
            key => Ok(key),
        }
    }

    /// The cached code of entry `k`, if looked up already.
    #[inline]
    pub(super) fn get(&self, k: usize) -> Option<T> {
        self.codes.get(k).copied().flatten()
    }

    /// Caches the code of entry `k`.
    #[inline]
    pub(super) fn set(&mut self, k: usize, code: T) {
        if let Some(slot) = self.codes.get_mut(k) {
            *slot = Some(code);
        }
    }
}

/// A channel or kind cell: its code when seen before, else its text (and dictionary key),
/// interned only once the whole row has been checked.
#[derive(Clone, Copy)]
pub(super) enum Code<'a> {
    Known(u16),
    New(&'a str, Option<usize>),
}

/// A channel or kind cell of row `i`: null and empty cells are errors.
#[inline]
pub(super) fn resolve<'a>(
    column: &'a dyn StrColumn,
    i: usize,
    cache: &EntryCache<u16>,
    texts: &FastMap<&'a str, u16>,
    record: RecordRef,
    name: &str,
) -> Result<Code<'a>> {
    let (text, key) = match column.dictionary_len() {
        Some(_) => {
            let k = cache
                .key(column, i, record, name)?
                .ok_or_else(|| null(record, name))?;
            if let Some(code) = cache.get(k) {
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
