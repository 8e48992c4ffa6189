//! Columnar input: events given as borrowed columns (an Arrow record batch, a data frame,
//! typed arrays) rather than as records. Nothing is copied or allocated per row: strings are
//! read in place through [`StrColumn`], each distinct channel, kind and survey name is parsed
//! once (once per dictionary entry when the column is dictionary-encoded), and only a
//! customer id seen for the first time is copied into the dataset.
//!
//! Rows are numbered from 1 across every [`ColumnsReader::push`]; an error names the row as
//! [`RecordRef::Record`] and the column by the name in [`ColumnNames`].

use super::{Ingested, Mode, Rejections};
use crate::{
    Channel, DatasetBuilder, EventKind, PackedAnswer, RecordRef, Result, SurveyMetric, TouchpointError, DAY_MS,
};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A column of optional strings, read in place.
///
/// Implement [`get`](StrColumn::get) for plain columns (Arrow `Utf8`, `LargeUtf8`,
/// `Utf8View`, a `&[&str]`). A dictionary-encoded column (Arrow `Dictionary`, a pandas or
/// polars categorical) should also implement the three dictionary methods: the reader then
/// looks each dictionary entry up once instead of once per row.
pub trait StrColumn {
    /// Number of rows.
    fn len(&self) -> usize;

    /// True when there are no rows.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The string of `row`; `None` when it is null.
    fn get(&self, row: usize) -> Option<&str>;

    /// For a dictionary-encoded column, the number of dictionary entries; `None` otherwise.
    fn dictionary_len(&self) -> Option<usize> {
        None
    }

    /// For a dictionary-encoded column, the dictionary key of `row` (below
    /// [`dictionary_len`](StrColumn::dictionary_len)); `None` when the row is null.
    fn key(&self, row: usize) -> Option<usize> {
        let _ = row;
        None
    }

    /// For a dictionary-encoded column, the string of dictionary entry `key`; `None` when
    /// the entry itself is null.
    fn entry(&self, key: usize) -> Option<&str> {
        let _ = key;
        None
    }
}

/// `StrColumn` for owned and borrowed lists of strings and of optional strings:
/// `Vec<T>`, `[T; N]` and `&[T]` for `T` = `&str`, `String`, `Option<&str>`, `Option<String>`.
macro_rules! str_column_for_lists {
    ($($t:ty => |$v:ident| $get:expr;)+) => {$(
        impl StrColumn for Vec<$t> {
            fn len(&self) -> usize {
                <[$t]>::len(self)
            }
            fn get(&self, row: usize) -> Option<&str> {
                let $v = &self[row];
                $get
            }
        }
        impl<const N: usize> StrColumn for [$t; N] {
            fn len(&self) -> usize {
                N
            }
            fn get(&self, row: usize) -> Option<&str> {
                let $v = &self[row];
                $get
            }
        }
        impl StrColumn for &[$t] {
            fn len(&self) -> usize {
                <[$t]>::len(self)
            }
            fn get(&self, row: usize) -> Option<&str> {
                let $v = &self[row];
                $get
            }
        }
    )+};
}

str_column_for_lists! {
    &str => |v| Some(*v);
    String => |v| Some(v.as_str());
    Option<&str> => |v| *v;
    Option<String> => |v| v.as_deref();
}

/// A validity bitmap in Arrow's layout: bit `offset + i` (least significant bit first) is
/// 1 when row `i` holds a value and 0 when it is null.
#[derive(Debug, Clone, Copy)]
pub struct Validity<'a> {
    bits: &'a [u8],
    offset: usize,
}

impl<'a> Validity<'a> {
    /// A bitmap whose row 0 is bit `offset` of `bits`.
    pub fn new(bits: &'a [u8], offset: usize) -> Self {
        Validity { bits, offset }
    }

    /// True when row `row` holds a value. Rows past the end of the bitmap are null.
    #[inline]
    pub fn is_valid(&self, row: usize) -> bool {
        let bit = self.offset + row;
        self.bits.get(bit >> 3).is_some_and(|b| (b >> (bit & 7)) & 1 == 1)
    }
}

/// The unit of the integers of a [`TimeColumn`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeUnit {
    /// Seconds since the Unix epoch.
    Second,
    /// Milliseconds since the Unix epoch.
    Millisecond,
    /// Microseconds since the Unix epoch.
    Microsecond,
    /// Nanoseconds since the Unix epoch.
    Nanosecond,
    /// Days since the Unix epoch (Arrow `Date32`): midnight UTC.
    Day,
}

/// Integer values of a [`TimeColumn`].
#[derive(Debug, Clone, Copy)]
pub enum TimeValues<'a> {
    /// 64-bit integers (Arrow `Timestamp`, `Int64`, `Date64`).
    I64(&'a [i64]),
    /// 32-bit integers (Arrow `Date32`, `Int32`).
    I32(&'a [i32]),
}

/// The timestamp column: integers since the Unix epoch in some [`TimeUnit`], read as UTC
/// and truncated to whole milliseconds (towards the past).
#[derive(Debug, Clone, Copy)]
pub struct TimeColumn<'a> {
    /// The integers.
    pub values: TimeValues<'a>,
    /// Their unit.
    pub unit: TimeUnit,
    /// Which rows are null; `None` when none is.
    pub validity: Option<Validity<'a>>,
}

impl<'a> TimeColumn<'a> {
    /// Milliseconds since the epoch, none null.
    pub fn millis(values: &'a [i64]) -> Self {
        TimeColumn { values: TimeValues::I64(values), unit: TimeUnit::Millisecond, validity: None }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        match self.values {
            TimeValues::I64(v) => v.len(),
            TimeValues::I32(v) => v.len(),
        }
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Milliseconds of `row`: `Ok(None)` when null, `Err(())` when it overflows.
    #[inline]
    fn millis_at(&self, row: usize) -> std::result::Result<Option<i64>, ()> {
        if self.validity.is_some_and(|v| !v.is_valid(row)) {
            return Ok(None);
        }
        let v = match self.values {
            TimeValues::I64(v) => v[row],
            TimeValues::I32(v) => i64::from(v[row]),
        };
        let ms = match self.unit {
            TimeUnit::Millisecond => Some(v),
            TimeUnit::Second => v.checked_mul(1000),
            TimeUnit::Microsecond => Some(v.div_euclid(1000)),
            TimeUnit::Nanosecond => Some(v.div_euclid(1_000_000)),
            TimeUnit::Day => v.checked_mul(DAY_MS),
        };
        ms.map(Some).ok_or(())
    }
}

/// Values of a [`NumColumn`].
#[derive(Debug, Clone, Copy)]
pub enum NumValues<'a> {
    /// 64-bit floats.
    F64(&'a [f64]),
    /// 32-bit floats.
    F32(&'a [f32]),
    /// 64-bit integers.
    I64(&'a [i64]),
    /// 32-bit integers.
    I32(&'a [i32]),
}

/// A numeric column (`value`, `score`), read as `f64`. NaN counts as null (it is pandas'
/// missing value); an infinity is a bad value.
#[derive(Debug, Clone, Copy)]
pub struct NumColumn<'a> {
    /// The numbers.
    pub values: NumValues<'a>,
    /// Which rows are null; `None` when none is.
    pub validity: Option<Validity<'a>>,
}

impl<'a> NumColumn<'a> {
    /// Floats without a validity bitmap (NaN still counts as null).
    pub fn f64(values: &'a [f64]) -> Self {
        NumColumn { values: NumValues::F64(values), validity: None }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        match self.values {
            NumValues::F64(v) => v.len(),
            NumValues::F32(v) => v.len(),
            NumValues::I64(v) => v.len(),
            NumValues::I32(v) => v.len(),
        }
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    #[inline]
    fn get(&self, row: usize) -> Option<f64> {
        if self.validity.is_some_and(|v| !v.is_valid(row)) {
            return None;
        }
        let x = match self.values {
            NumValues::F64(v) => v[row],
            NumValues::F32(v) => f64::from(v[row]),
            NumValues::I64(v) => v[row] as f64,
            NumValues::I32(v) => f64::from(v[row]),
        };
        (!x.is_nan()).then_some(x)
    }
}

/// The names errors give the columns (the caller's column names, say).
#[derive(Debug, Clone, Copy)]
pub struct ColumnNames<'a> {
    /// The customer id column.
    pub customer_id: &'a str,
    /// The timestamp column.
    pub timestamp: &'a str,
    /// The channel column.
    pub channel: &'a str,
    /// The event kind column.
    pub kind: &'a str,
    /// The value column.
    pub value: &'a str,
    /// The survey metric column.
    pub survey: &'a str,
    /// The survey score column.
    pub score: &'a str,
}

impl Default for ColumnNames<'_> {
    fn default() -> Self {
        ColumnNames {
            customer_id: "customer_id",
            timestamp: "timestamp",
            channel: "channel",
            kind: "kind",
            value: "value",
            survey: "survey",
            score: "score",
        }
    }
}

/// Events as borrowed columns of equal length. Required: `customer_id`, `timestamp`,
/// `channel`, `kind` (a null or empty cell is a bad row). Optional: `value` (null = no
/// value), `survey` (`nps`, `csat` or `ces`; null = no answer) with its `score`.
pub struct EventColumns<'a> {
    /// Customer ids.
    pub customer_id: &'a dyn StrColumn,
    /// Event times.
    pub timestamp: TimeColumn<'a>,
    /// Channels (any [`Channel`] name or alias).
    pub channel: &'a dyn StrColumn,
    /// Event kinds (any [`EventKind`] name or alias).
    pub kind: &'a dyn StrColumn,
    /// Monetary values.
    pub value: Option<NumColumn<'a>>,
    /// Survey metrics.
    pub survey: Option<&'a dyn StrColumn>,
    /// Survey scores, read where `survey` is not null.
    pub score: Option<NumColumn<'a>>,
    /// The names errors give the columns.
    pub names: ColumnNames<'a>,
}

impl<'a> EventColumns<'a> {
    /// The required columns, no optional ones, default names.
    pub fn new(
        customer_id: &'a dyn StrColumn,
        timestamp: TimeColumn<'a>,
        channel: &'a dyn StrColumn,
        kind: &'a dyn StrColumn,
    ) -> Self {
        EventColumns { customer_id, timestamp, channel, kind, value: None, survey: None, score: None, names: ColumnNames::default() }
    }

    /// Number of rows (of the timestamp column; [`ColumnsReader::push`] checks the others).
    pub fn len(&self) -> usize {
        self.timestamp.len()
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn check_lengths(&self) -> Result<()> {
        let n = self.len();
        let n_ = &self.names;
        let lengths = [
            (n_.customer_id, Some(self.customer_id.len())),
            (n_.channel, Some(self.channel.len())),
            (n_.kind, Some(self.kind.len())),
            (n_.value, self.value.map(|c| c.len())),
            (n_.survey, self.survey.map(|c| c.len())),
            (n_.score, self.score.map(|c| c.len())),
        ];
        for (name, len) in lengths {
            if let Some(len) = len.filter(|&l| l != n) {
                return Err(TouchpointError::config(name, format!("has {len} rows, the timestamp column {n}")));
            }
        }
        Ok(())
    }
}

/// Reads one set of columns. For several batches of the same table, use [`ColumnsReader`].
pub fn read_columns(columns: &EventColumns<'_>, mode: Mode) -> Result<Ingested> {
    let mut reader = ColumnsReader::new(mode);
    reader.push(columns)?;
    Ok(reader.finish())
}

/// Reads batches of columns (Arrow record batches) one after the other into one dataset.
/// Rows are numbered across batches. The batches must outlive the reader (`'a`): the
/// lookup tables borrow their strings instead of copying them.
pub struct ColumnsReader<'a> {
    builder: DatasetBuilder,
    rejections: Rejections,
    rows: u64,
    customers: IdTable<'a>,
    channels: FastMap<&'a str, u16>,
    kinds: FastMap<&'a str, u16>,
    metrics: FastMap<&'a str, Option<SurveyMetric>>,
}

/// A dictionary column's per-entry cache (`None` = not looked up yet), indexed by dictionary key.
struct EntryCache<T> {
    codes: Vec<Option<T>>,
}

impl<T: Copy> EntryCache<T> {
    fn new(column: &dyn StrColumn) -> Self {
        EntryCache { codes: vec![None; column.dictionary_len().unwrap_or(0)] }
    }
}

/// What a row turned out to be, before anything is interned.
struct Row<'a> {
    customer: &'a str,
    ts: i64,
    value: Option<f64>,
    answer: PackedAnswer,
}

impl<'a> ColumnsReader<'a> {
    /// A reader with nothing read yet.
    pub fn new(mode: Mode) -> Self {
        ColumnsReader {
            builder: DatasetBuilder::new(),
            rejections: Rejections::new(mode),
            rows: 0,
            customers: IdTable::new(),
            channels: FastMap::default(),
            kinds: FastMap::default(),
            metrics: FastMap::default(),
        }
    }

    /// Reads every row of `columns`. Strict: the first bad row is the error. Lenient: bad
    /// rows are skipped and listed in [`Ingested::rejected`]. Columns of unequal length
    /// are an `INVALID_CONFIG` error in either mode.
    pub fn push(&mut self, columns: &EventColumns<'a>) -> Result<()> {
        columns.check_lengths()?;
        let mut cust_cache = EntryCache::<u32>::new(columns.customer_id);
        let mut chan_cache = EntryCache::<u16>::new(columns.channel);
        let mut kind_cache = EntryCache::<u16>::new(columns.kind);
        let mut metric_cache = columns.survey.map(EntryCache::<Option<SurveyMetric>>::new);
        // The previous row's customer: runs of one customer skip the lookup.
        let mut last: Option<(&'a str, u32)> = None;
        let plain = columns.customer_id.dictionary_len().is_none();
        let mut ahead = [None; BLOCK];
        let base = self.rows;
        for start in (0..columns.len()).step_by(BLOCK) {
            let end = (start + BLOCK).min(columns.len());
            if plain {
                // Hash the block's ids first and touch their slots: the table's cache misses
                // then overlap instead of stalling one row at a time.
                for (i, slot) in (start..end).zip(ahead.iter_mut()) {
                    *slot = columns.customer_id.get(i).map(IdKey::of);
                }
                self.customers.prefetch(&ahead[..end - start]);
            }
            for i in start..end {
                let record = RecordRef::Record(base + i as u64 + 1);
                let result = (|| -> Result<()> {
                    let row = self.check_row(columns, i, record, metric_cache.as_mut())?;
                    let channel = self.code(columns.channel, i, &mut chan_cache, Vocab::Channel, record, columns.names.channel)?;
                    let kind = self.code(columns.kind, i, &mut kind_cache, Vocab::Kind, record, columns.names.kind)?;
                    let customer = match last {
                        Some((s, c)) if s == row.customer => c,
                        _ => {
                            let key = if plain { ahead[i - start] } else { None };
                            let c = self.customer(columns.customer_id, i, row.customer, key, &mut cust_cache);
                            last = Some((row.customer, c));
                            c
                        }
                    };
                    self.builder.push_row(customer, row.ts, channel, kind, row.value, row.answer, None);
                    Ok(())
                })();
                self.rejections.handle(result)?;
            }
        }
        self.rows += columns.len() as u64;
        Ok(())
    }

    /// The dataset and the rejected rows.
    pub fn finish(self) -> Ingested {
        Ingested { dataset: self.builder.finish(), rejected: self.rejections.into_vec() }
    }

    /// Checks everything of row `i` that needs no interning (so that a rejected row leaves
    /// no customer, channel or kind behind).
    #[inline]
    fn check_row(
        &mut self,
        c: &EventColumns<'a>,
        i: usize,
        record: RecordRef,
        metric_cache: Option<&mut EntryCache<Option<SurveyMetric>>>,
    ) -> Result<Row<'a>> {
        let names = &c.names;
        let customer = c.customer_id.get(i).ok_or_else(|| null(record, names.customer_id))?;
        if customer.trim().is_empty() {
            return Err(TouchpointError::invalid(record, names.customer_id, "is empty"));
        }
        let ts = match c.timestamp.millis_at(i) {
            Ok(Some(ts)) => ts,
            Ok(None) => return Err(null(record, names.timestamp)),
            Err(()) => return Err(TouchpointError::invalid(record, names.timestamp, "is out of range")),
        };
        // The kind and channel must be there (interned later, once checked).
        for (column, name) in [(c.channel, names.channel), (c.kind, names.kind)] {
            let present = match column.dictionary_len() {
                Some(_) => column.key(i).and_then(|k| column.entry(k)),
                None => column.get(i),
            };
            match present {
                None => return Err(null(record, name)),
                Some(s) if s.trim().is_empty() => {
                    return Err(TouchpointError::invalid(record, name, "is empty"))
                }
                Some(_) => {}
            }
        }
        let value = match c.value.and_then(|v| v.get(i)) {
            Some(v) if !v.is_finite() => {
                return Err(TouchpointError::invalid(record, names.value, format!("{v} is not a finite number")))
            }
            v => v,
        };
        let answer = match (c.survey, metric_cache) {
            (Some(survey), Some(cache)) => self.answer(c, survey, i, cache, record)?,
            _ => PackedAnswer::NONE,
        };
        Ok(Row { customer, ts, value, answer })
    }

    /// The survey answer of row `i`, if its survey cell is not null.
    #[inline]
    fn answer(
        &mut self,
        c: &EventColumns<'a>,
        survey: &'a dyn StrColumn,
        i: usize,
        cache: &mut EntryCache<Option<SurveyMetric>>,
        record: RecordRef,
    ) -> Result<PackedAnswer> {
        let (text, metric) = match survey.dictionary_len() {
            Some(_) => {
                let Some(k) = survey.key(i) else { return Ok(PackedAnswer::NONE) };
                let Some(text) = survey.entry(k) else { return Ok(PackedAnswer::NONE) };
                let metric = match cache.codes[k] {
                    Some(m) => m,
                    None => {
                        let m = self.metric(text);
                        cache.codes[k] = Some(m);
                        m
                    }
                };
                (text, metric)
            }
            None => {
                let Some(text) = survey.get(i) else { return Ok(PackedAnswer::NONE) };
                (text, self.metric(text))
            }
        };
        if text.is_empty() {
            return Ok(PackedAnswer::NONE);
        }
        let names = &c.names;
        let metric = metric.ok_or_else(|| {
            TouchpointError::invalid(record, names.survey, format!("`{text}` is not nps, csat or ces"))
        })?;
        let score = c
            .score
            .and_then(|s| s.get(i))
            .ok_or_else(|| TouchpointError::invalid(record, names.score, "missing for a survey answer"))?;
        Ok(PackedAnswer::new(metric, metric.check(score, record, names.score)?))
    }

    fn metric(&mut self, text: &'a str) -> Option<SurveyMetric> {
        *self.metrics.entry(text).or_insert_with(|| SurveyMetric::parse(text))
    }

    /// The channel or kind code of row `i` (checked non-null and non-empty already).
    #[inline]
    fn code(
        &mut self,
        column: &'a dyn StrColumn,
        i: usize,
        cache: &mut EntryCache<u16>,
        vocab: Vocab,
        record: RecordRef,
        name: &str,
    ) -> Result<u16> {
        if column.dictionary_len().is_some() {
            let k = column.key(i).ok_or_else(|| null(record, name))?;
            if let Some(code) = cache.codes[k] {
                return Ok(code);
            }
            let text = column.entry(k).ok_or_else(|| null(record, name))?;
            let code = self.intern(text, vocab, record, name)?;
            cache.codes[k] = Some(code);
            Ok(code)
        } else {
            let text = column.get(i).ok_or_else(|| null(record, name))?;
            self.intern(text, vocab, record, name)
        }
    }

    #[inline]
    fn intern(&mut self, text: &'a str, vocab: Vocab, record: RecordRef, name: &str) -> Result<u16> {
        let map = match vocab {
            Vocab::Channel => &self.channels,
            Vocab::Kind => &self.kinds,
        };
        if let Some(&code) = map.get(text) {
            return Ok(code);
        }
        let empty = || TouchpointError::invalid(record, name, "is empty");
        let code = match vocab {
            Vocab::Channel => self.builder.intern_channel(&Channel::parse(text).ok_or_else(empty)?, record)?,
            Vocab::Kind => self.builder.intern_kind(&EventKind::parse(text).ok_or_else(empty)?, record)?,
        };
        match vocab {
            Vocab::Channel => self.channels.insert(text, code),
            Vocab::Kind => self.kinds.insert(text, code),
        };
        Ok(code)
    }

    /// The index of customer `id` (row `i`), interning it if new.
    #[inline]
    fn customer(
        &mut self,
        column: &'a dyn StrColumn,
        i: usize,
        id: &'a str,
        key: Option<(IdKey<'a>, u64)>,
        cache: &mut EntryCache<u32>,
    ) -> u32 {
        let dict_key = column.dictionary_len().and_then(|_| column.key(i));
        if let Some(c) = dict_key.and_then(|k| cache.codes[k]) {
            return c;
        }
        let builder = &mut self.builder;
        let c = self.customers.get_or_insert(key.unwrap_or_else(|| IdKey::of(id)), || builder.intern_customer(id));
        if let Some(k) = dict_key {
            cache.codes[k] = Some(c);
        }
        c
    }
}

/// Rows per block of [`ColumnsReader::push`]: the customer ids of a block are hashed and
/// their table slots touched before the rows are read.
const BLOCK: usize = 64;

/// A customer id as a table key: up to 15 bytes packed inline (the bytes, then the length
/// in the last byte, so "a" and "a\0" differ), comparable without following a pointer (and
/// without a cache miss); longer ids borrowed from the column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IdKey<'a> {
    Short([u64; 2]),
    Long(&'a str),
}

impl<'a> IdKey<'a> {
    /// The key of `id` and its hash.
    #[inline]
    fn of(id: &'a str) -> (IdKey<'a>, u64) {
        let b = id.as_bytes();
        let key = if b.len() > 15 {
            IdKey::Long(id)
        } else {
            let mut word = [0u8; 16];
            word[..b.len()].copy_from_slice(b);
            word[15] = b.len() as u8;
            let (lo, hi) = word.split_at(8);
            IdKey::Short([lo, hi].map(|half| u64::from_le_bytes(half.try_into().unwrap_or_default())))
        };
        (key, key.hash())
    }

    #[inline]
    fn hash(&self) -> u64 {
        let mut h = FxHasher::default();
        match *self {
            IdKey::Short([lo, hi]) => {
                h.add(lo);
                h.add(hi);
            }
            IdKey::Long(s) => h.write(s.as_bytes()),
        }
        h.finish()
    }
}

/// Customer ids → customer index, for the ids of plain (not dictionary-encoded) columns:
/// open addressing with linear probing over `u32` slots (index + 1; 0 = empty), the keys in
/// a side vector indexed by customer. Much smaller than a general hash map, so more of it
/// stays in cache; and [`prefetch`](IdTable::prefetch) lets a block of lookups overlap.
/// Customer indices are the builder's, which counts customers in order of first sight.
struct IdTable<'a> {
    slots: Vec<u32>,
    keys: Vec<IdKey<'a>>,
}

impl<'a> IdTable<'a> {
    fn new() -> Self {
        IdTable { slots: vec![0; 1024], keys: Vec::new() }
    }

    /// Touches the slot and key of each id, so that the lookups that follow hit the cache.
    #[inline]
    fn prefetch(&self, ids: &[Option<(IdKey<'a>, u64)>]) {
        let mask = self.slots.len() - 1;
        let mut sum = 0u32;
        for &(_, h) in ids.iter().flatten() {
            sum = sum.wrapping_add(self.slots[h as usize & mask]);
        }
        std::hint::black_box(sum);
        let mut first = 0u8;
        for &(_, h) in ids.iter().flatten() {
            if let Some(IdKey::Short(w)) = self.slots[h as usize & mask].checked_sub(1).map(|c| self.keys[c as usize]) {
                first ^= w[0] as u8;
            }
        }
        std::hint::black_box(first);
    }

    /// The index of `key`, calling `insert` (which must return the next index) when new.
    #[inline]
    fn get_or_insert(&mut self, (key, hash): (IdKey<'a>, u64), insert: impl FnOnce() -> u32) -> u32 {
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            match self.slots[i] {
                0 => break,
                s if self.keys[s as usize - 1] == key => return s - 1,
                _ => i = (i + 1) & mask,
            }
        }
        let c = insert();
        debug_assert_eq!(c as usize, self.keys.len(), "customer indices are given in order");
        self.keys.push(key);
        self.slots[i] = c + 1;
        if self.keys.len() * 2 > self.slots.len() {
            self.grow();
        }
        c
    }

    /// Doubles the slots (load factor at most 1/2).
    fn grow(&mut self) {
        let n = self.slots.len() * 2;
        let mut slots = vec![0u32; n];
        for (c, key) in self.keys.iter().enumerate() {
            let mut i = key.hash() as usize & (n - 1);
            while slots[i] != 0 {
                i = (i + 1) & (n - 1);
            }
            slots[i] = c as u32 + 1;
        }
        self.slots = slots;
    }
}

#[derive(Clone, Copy)]
enum Vocab {
    Channel,
    Kind,
}

fn null(record: RecordRef, column: &str) -> TouchpointError {
    TouchpointError::invalid(record, column, "is null")
}

/// FxHash (as in rustc) with a final mix: fast for the short keys of the lookup tables.
/// The tables only speed up interning; the dataset's own maps are the builder's.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // The multiply only carries low bits upwards, and the table indexes by the low
        // bits: without this final mix, ids that differ only in their last characters
        // ("c0001234", "c0001235") would collide. (murmur3's fmix64.)
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::read_records;
    use crate::{cx_report, StageMap};
    use serde_json::json;

    /// A dictionary-encoded column for the tests: keys (None = null) into `entries`.
    struct Dict<'a> {
        keys: Vec<Option<usize>>,
        entries: &'a [&'a str],
    }

    impl StrColumn for Dict<'_> {
        fn len(&self) -> usize {
            self.keys.len()
        }
        fn get(&self, row: usize) -> Option<&str> {
            self.keys[row].map(|k| self.entries[k])
        }
        fn dictionary_len(&self) -> Option<usize> {
            Some(self.entries.len())
        }
        fn key(&self, row: usize) -> Option<usize> {
            self.keys[row]
        }
        fn entry(&self, key: usize) -> Option<&str> {
            Some(self.entries[key])
        }
    }

    const T0: i64 = 1_772_357_400_000; // 2026-03-01T09:30:00Z

    #[test]
    fn columns_read_like_records() {
        let customers = ["ana", "bo", "ana", "cy", "bo"];
        let ts = [T0 + 5_000, T0, T0, T0 + 1, T0 + 2];
        let channels = Dict { keys: vec![Some(0), Some(1), Some(0), Some(2), Some(1)], entries: &["Web", "email", "store"] };
        let kinds: [&str; 5] = ["page_view", "survey_response", "Order Completed", "page_view", "purchase"];
        let value = [f64::NAN, 0.0, 40.0, 0.0, 12.5];
        let value_valid = [0b1_0100u8];
        let survey: [Option<&str>; 5] = [None, Some("nps"), None, None, None];
        let score = [0.0, 9.0, 0.0, 0.0, 0.0];

        let mut cols = EventColumns::new(&customers, TimeColumn::millis(&ts), &channels, &kinds);
        cols.value = Some(NumColumn { values: NumValues::F64(&value), validity: Some(Validity::new(&value_valid, 0)) });
        cols.survey = Some(&survey);
        cols.score = Some(NumColumn::f64(&score));
        let read = read_columns(&cols, Mode::Strict).unwrap();

        let records = vec![
            json!({"customer_id": "ana", "timestamp": T0 + 5_000, "channel": "web", "kind": "page_view"}),
            json!({"customer_id": "bo", "timestamp": T0, "channel": "email", "kind": "survey_response", "survey": {"metric": "nps", "score": 9}}),
            json!({"customer_id": "ana", "timestamp": T0, "channel": "web", "kind": "purchase", "value": 40.0}),
            json!({"customer_id": "cy", "timestamp": T0 + 1, "channel": "store", "kind": "page_view"}),
            json!({"customer_id": "bo", "timestamp": T0 + 2, "channel": "email", "kind": "purchase", "value": 12.5}),
        ];
        let expected = read_records(records, Mode::Strict).unwrap();
        let (a, b) = (&read.dataset, &expected.dataset);
        assert_eq!(a.customer_count(), 3);
        assert_eq!(a.event_count(), 5);
        for row in 0..5 {
            assert_eq!(a.event(row), b.event(row), "row {row}");
        }
        let map = StageMap::default();
        assert_eq!(serde_json::to_value(cx_report(a, &map)).unwrap(), serde_json::to_value(cx_report(b, &map)).unwrap());
    }

    #[test]
    fn units_and_batches() {
        let secs = [T0 / 1000];
        let nanos = [T0 * 1_000_000 + 999_999];
        let days = [20_513i32]; // 2026-03-01
        let mut reader = ColumnsReader::new(Mode::Strict);
        let (c, ch, k) = (["a"], ["web"], ["click"]);
        for (values, unit) in [
            (TimeValues::I64(&secs), TimeUnit::Second),
            (TimeValues::I64(&nanos), TimeUnit::Nanosecond),
            (TimeValues::I32(&days), TimeUnit::Day),
        ] {
            let cols = EventColumns::new(&c, TimeColumn { values, unit, validity: None }, &ch, &k);
            reader.push(&cols).unwrap();
        }
        let data = reader.finish().dataset;
        let ts: Vec<i64> = data.customer(0).ts.to_vec();
        assert_eq!(ts, vec![20_513 * DAY_MS, T0, T0]);
    }

    #[test]
    fn bad_rows_name_row_and_column() {
        let customers: [Option<&str>; 5] = [Some("a"), None, Some("c"), Some(" "), Some("e")];
        let ts = [T0; 5];
        let ts_valid = [0b0_1111u8];
        let channels = ["web"; 5];
        let kinds = ["click"; 5];
        let survey = [Some("nps"), None, Some("nps"), None, None];
        let score = [11.0, 0.0, 7.0, 0.0, 0.0];
        let mut cols = EventColumns::new(
            &customers,
            TimeColumn { values: TimeValues::I64(&ts), unit: TimeUnit::Millisecond, validity: Some(Validity::new(&ts_valid, 0)) },
            &channels,
            &kinds,
        );
        cols.survey = Some(&survey);
        cols.score = Some(NumColumn::f64(&score));
        cols.names.customer_id = "user";

        let err = read_columns(&cols, Mode::Strict).unwrap_err();
        assert_eq!(err.code(), "OUT_OF_RANGE");
        assert_eq!((err.record(), err.field()), (Some(RecordRef::Record(1)), Some("score")));

        let read = read_columns(&cols, Mode::Lenient).unwrap();
        let got: Vec<_> = read.rejected.iter().map(|e| (e.record().unwrap(), e.field().unwrap().to_string())).collect();
        let want = [(1, "score"), (2, "user"), (4, "user"), (5, "timestamp")];
        assert_eq!(got, want.map(|(r, f)| (RecordRef::Record(r), f.to_string())).to_vec());
        assert!(read.rejected[1].to_string().contains("is null"));
        assert_eq!((read.dataset.customer_count(), read.dataset.event_count()), (1, 1));
        assert_eq!(read.dataset.customer_id(0), "c");
    }

    #[test]
    fn many_customers_short_and_long_ids() {
        // 3,000 ids (the id table grows several times), short, long, and "a" vs "a\0".
        let mut ids: Vec<String> = (0..1500).map(|i| format!("c{i}")).collect();
        ids.extend((0..1498).map(|i| format!("a-long-customer-id-{i:05}")));
        ids.extend(["a".to_string(), "a\0".to_string()]);
        let rows: Vec<&str> = (0..9000).map(|r| ids[(r * 7919) % ids.len()].as_str()).collect();
        let ts: Vec<i64> = (0..9000).map(|r| T0 + r as i64).collect();
        let (ch, k) = (vec!["web"; 9000], vec!["click"; 9000]);
        let batches = [(0, 4000), (4000, 9000)].map(|(a, b)| (&rows[a..b], &ts[a..b], &ch[a..b], &k[a..b]));
        let mut reader = ColumnsReader::new(Mode::Strict);
        for (c, t, chan, kind) in &batches {
            reader.push(&EventColumns::new(c, TimeColumn::millis(t), chan, kind)).unwrap();
        }
        let data = reader.finish().dataset;
        assert_eq!(data.customer_count(), 3000);
        for c in data.customers() {
            assert_eq!(c.len(), 3, "{}", c.id);
            assert!(c.ts.iter().all(|&t| rows[(t - T0) as usize] == c.id));
        }
    }

    #[test]
    fn unequal_lengths_are_a_config_error() {
        let (c, ch, k) = (["a", "b"], ["web"], ["click", "click"]);
        let ts = [T0, T0];
        let err = read_columns(&EventColumns::new(&c, TimeColumn::millis(&ts), &ch, &k), Mode::Lenient).unwrap_err();
        assert_eq!((err.code(), err.field()), ("INVALID_CONFIG", Some("channel")));
    }
}
