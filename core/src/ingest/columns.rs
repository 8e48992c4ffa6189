//! Columnar input: events given as borrowed columns (an Arrow record batch, a data frame,
//! typed arrays) rather than as records. Nothing is copied or allocated per row: strings are
//! read in place through [`StrColumn`], each distinct channel, kind and survey name is parsed
//! once (once per dictionary entry when the column is dictionary-encoded), and only a
//! customer id seen for the first time is copied into the dataset.
//!
//! Rows are numbered from 1 across every [`ColumnsReader::push`]; an error names the row as
//! [`RecordRef::Record`] and the column by the name in [`ColumnNames`].

use super::{Ingested, Mode, Rejections};
use crate::dataset::{RowPlacer, Vocab};
use crate::{Channel, EventKind, PackedAnswer, Properties, RecordRef, Result, SurveyMetric, TouchpointError, DAY_MS};
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
#[derive(Clone, Copy)]
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
/// lookup tables borrow their strings instead of copying them, and [`finish`](Self::finish)
/// reads the times and values a second time, writing each row straight into its sorted place.
pub struct ColumnsReader<'a> {
    rejections: Rejections,
    batches: Vec<EventColumns<'a>>,
    customers: IdTable<'a>,
    vocab: Vocab,
    channels: FastMap<&'a str, u16>,
    kinds: FastMap<&'a str, u16>,
    metrics: FastMap<&'a str, Option<SurveyMetric>>,
    /// Per row of every batch: the customer index, or [`REJECTED`].
    customer: Vec<u32>,
    /// Per row: the channel and kind codes (unset for rejected rows).
    codes: Vec<[u16; 2]>,
    /// Per row: the survey answer.
    answer: Vec<PackedAnswer>,
    /// Accepted rows per customer.
    counts: Vec<u32>,
}

/// The customer index of a rejected row.
const REJECTED: u32 = u32::MAX;

/// A dictionary column's per-entry cache (`None` = not looked up yet), indexed by dictionary key.
struct EntryCache<T> {
    codes: Vec<Option<T>>,
}

impl<T: Copy> EntryCache<T> {
    fn new(column: &dyn StrColumn) -> Self {
        EntryCache { codes: vec![None; column.dictionary_len().unwrap_or(0)] }
    }
}

/// The per-dictionary-entry caches of one batch.
struct Caches {
    customer: EntryCache<u32>,
    channel: EntryCache<u16>,
    kind: EntryCache<u16>,
    metric: Option<EntryCache<Option<SurveyMetric>>>,
}

/// A channel or kind cell: its code when seen before, else its text (and dictionary key),
/// interned only once the whole row has been checked.
enum Code<'a> {
    Known(u16),
    New(&'a str, Option<usize>),
}

impl<'a> ColumnsReader<'a> {
    /// A reader with nothing read yet.
    pub fn new(mode: Mode) -> Self {
        ColumnsReader {
            rejections: Rejections::new(mode),
            batches: Vec::new(),
            customers: IdTable::new(),
            vocab: Vocab::default(),
            channels: FastMap::default(),
            kinds: FastMap::default(),
            metrics: FastMap::default(),
            customer: Vec::new(),
            codes: Vec::new(),
            answer: Vec::new(),
            counts: Vec::new(),
        }
    }

    /// Checks every row of `columns`. Strict: the first bad row is the error. Lenient: bad
    /// rows are skipped and listed in [`Ingested::rejected`]. Columns of unequal length
    /// are an `INVALID_CONFIG` error in either mode.
    pub fn push(&mut self, columns: &EventColumns<'a>) -> Result<()> {
        columns.check_lengths()?;
        let n = columns.len();
        self.customer.reserve(n);
        self.codes.reserve(n);
        self.answer.reserve(n);
        let mut caches = Caches {
            customer: EntryCache::new(columns.customer_id),
            channel: EntryCache::new(columns.channel),
            kind: EntryCache::new(columns.kind),
            metric: columns.survey.map(EntryCache::new),
        };
        // The previous row's customer: runs of one customer skip the lookup.
        let mut last: Option<(&'a str, u32)> = None;
        let plain = columns.customer_id.dictionary_len().is_none();
        let mut ahead = [None; BLOCK];
        let base = self.customer.len() as u64;
        for start in (0..n).step_by(BLOCK) {
            let end = (start + BLOCK).min(n);
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
                let key = if plain { ahead[i - start] } else { None };
                match self.read_row(columns, i, record, key, &mut last, &mut caches) {
                    Ok((customer, codes, answer)) => {
                        self.counts[customer as usize] += 1;
                        self.customer.push(customer);
                        self.codes.push(codes);
                        self.answer.push(answer);
                    }
                    Err(e) => {
                        self.rejections.handle(Err(e))?;
                        self.customer.push(REJECTED);
                        self.codes.push([0, 0]);
                        self.answer.push(PackedAnswer::NONE);
                    }
                }
            }
        }
        self.batches.push(*columns);
        Ok(())
    }

    /// The dataset and the rejected rows: each accepted row is read once more (its time and
    /// value) and written straight into its sorted place.
    pub fn finish(self) -> Ingested {
        let ids = self.customers.keys.iter().map(IdKey::text).collect::<Vec<_>>();
        let traits = vec![Properties::new(); ids.len()];
        let mut placer = RowPlacer::new(ids, traits, self.vocab, &self.counts);
        let mut row = 0;
        for b in &self.batches {
            for i in 0..b.len() {
                let customer = self.customer[row];
                if customer != REJECTED {
                    // Checked by `push`: neither is an error here.
                    let ts = b.timestamp.millis_at(i).ok().flatten().unwrap_or_default();
                    let value = b.value.and_then(|v| v.get(i)).unwrap_or(f64::NAN);
                    let [channel, kind] = self.codes[row];
                    placer.place(customer, ts, channel, kind, value, self.answer[row]);
                }
                row += 1;
            }
        }
        Ingested { dataset: placer.finish(Vec::new()), rejected: self.rejections.into_vec() }
    }

    /// Checks row `i` and returns its customer, channel and kind codes and survey answer.
    /// Nothing is interned until every check has passed, so that a rejected row leaves no
    /// customer, channel or kind behind.
    #[inline]
    fn read_row(
        &mut self,
        c: &EventColumns<'a>,
        i: usize,
        record: RecordRef,
        key: Option<(IdKey<'a>, u64)>,
        last: &mut Option<(&'a str, u32)>,
        caches: &mut Caches,
    ) -> Result<(u32, [u16; 2], PackedAnswer)> {
        let names = &c.names;
        let id = c.customer_id.get(i).ok_or_else(|| null(record, names.customer_id))?;
        // Blank ids are rare: only an id starting with whitespace (or a non-ASCII character,
        // which may be Unicode whitespace) is trimmed to find out.
        if id.bytes().next().is_none_or(|b| b.is_ascii_whitespace() || !b.is_ascii()) && id.trim().is_empty() {
            return Err(TouchpointError::invalid(record, names.customer_id, "is empty"));
        }
        match c.timestamp.millis_at(i) {
            Ok(Some(_)) => {}
            Ok(None) => return Err(null(record, names.timestamp)),
            Err(()) => return Err(TouchpointError::invalid(record, names.timestamp, "is out of range")),
        }
        let channel = resolve(c.channel, i, &mut caches.channel, &self.channels, record, names.channel)?;
        let kind = resolve(c.kind, i, &mut caches.kind, &self.kinds, record, names.kind)?;
        if let Some(v) = c.value.and_then(|v| v.get(i)).filter(|v| !v.is_finite()) {
            return Err(TouchpointError::invalid(record, names.value, format!("{v} is not a finite number")));
        }
        let answer = match (c.survey, caches.metric.as_mut()) {
            (Some(survey), Some(cache)) => self.answer(c, survey, i, cache, record)?,
            _ => PackedAnswer::NONE,
        };
        let customer = match *last {
            Some((s, customer)) if s == id => customer,
            _ => {
                let customer = self.customer(c.customer_id, i, id, key, &mut caches.customer);
                *last = Some((id, customer));
                customer
            }
        };
        let channel = self.intern(channel, Vocab::channel, |s| &mut s.channels, &mut caches.channel, record, names.channel, Channel::parse)?;
        let kind = self.intern(kind, Vocab::kind, |s| &mut s.kinds, &mut caches.kind, record, names.kind, EventKind::parse)?;
        Ok((customer, [channel, kind], answer))
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

    /// The code of a checked channel or kind cell, adding the name to the vocabulary if new.
    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn intern<T>(
        &mut self,
        code: Code<'a>,
        add: fn(&mut Vocab, &T, RecordRef) -> Result<u16>,
        texts: fn(&mut Self) -> &mut FastMap<&'a str, u16>,
        cache: &mut EntryCache<u16>,
        record: RecordRef,
        name: &str,
        parse: fn(&str) -> Option<T>,
    ) -> Result<u16> {
        let (text, key) = match code {
            Code::Known(code) => return Ok(code),
            Code::New(text, key) => (text, key),
        };
        let code = match texts(self).get(text) {
            Some(&code) => code,
            None => {
                let parsed = parse(text).ok_or_else(|| TouchpointError::invalid(record, name, "is empty"))?;
                let code = add(&mut self.vocab, &parsed, record)?;
                texts(self).insert(text, code);
                code
            }
        };
        if let Some(k) = key {
            cache.codes[k] = Some(code);
        }
        Ok(code)
    }

    /// The index of customer `id` (row `i`, checked not blank), adding it if new.
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
        let key = key.unwrap_or_else(|| IdKey::of(id));
        let c = match self.customers.find(key) {
            Ok(c) => c,
            Err(slot) => {
                self.counts.push(0);
                self.customers.insert(slot, key)
            }
        };
        if let Some(k) = dict_key {
            cache.codes[k] = Some(c);
        }
        c
    }
}

/// A channel or kind cell of row `i`: null and empty cells are errors.
#[inline]
fn resolve<'a>(
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

    /// The id as an owned string.
    fn text(&self) -> String {
        match *self {
            IdKey::Short([lo, hi]) => {
                let mut word = [0u8; 16];
                word[..8].copy_from_slice(&lo.to_le_bytes());
                word[8..].copy_from_slice(&hi.to_le_bytes());
                let len = usize::from(word[15]).min(15);
                // The bytes came from a `str` cut at its end, so they are valid UTF-8.
                String::from_utf8_lossy(&word[..len]).into_owned()
            }
            IdKey::Long(s) => s.to_string(),
        }
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

/// Customer ids → customer index: open addressing with linear probing, load factor at most
/// 1/2. A slot holds the key itself when the id is short (so that a hit costs one cache
/// miss, not two), else the id's hash with the id borrowed in `keys`; [`prefetch`]
/// (IdTable::prefetch) lets a block of lookups overlap their misses. Customers are numbered
/// in order of first sight; `keys` lists them in that order.
struct IdTable<'a> {
    slots: Vec<Slot>,
    keys: Vec<IdKey<'a>>,
}

/// A table slot: `index` is the customer index + 1 (0 = empty); `key` is the short id's
/// words, or for a long id its hash and `u64::MAX` (a short key's last byte is its length,
/// at most 15, so it can't look like that).
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    key: [u64; 2],
    index: u32,
}

impl Slot {
    #[inline]
    fn words((key, hash): (IdKey<'_>, u64)) -> [u64; 2] {
        match key {
            IdKey::Short(w) => w,
            IdKey::Long(_) => [hash, u64::MAX],
        }
    }
}

impl<'a> IdTable<'a> {
    fn new() -> Self {
        IdTable { slots: vec![Slot::default(); 1024], keys: Vec::new() }
    }

    /// Touches the home slot of each id, so that the lookups that follow hit the cache.
    #[inline]
    fn prefetch(&self, ids: &[Option<(IdKey<'a>, u64)>]) {
        let mask = self.slots.len() - 1;
        let mut sum = 0u32;
        for &(_, h) in ids.iter().flatten() {
            sum = sum.wrapping_add(self.slots[h as usize & mask].index);
        }
        std::hint::black_box(sum);
    }

    /// The index of `key`, or the empty slot where it would go.
    #[inline]
    fn find(&self, key: (IdKey<'a>, u64)) -> std::result::Result<u32, usize> {
        let words = Slot::words(key);
        let mask = self.slots.len() - 1;
        let mut i = key.1 as usize & mask;
        loop {
            let slot = self.slots[i];
            if slot.index == 0 {
                return Err(i);
            }
            if slot.key == words && (words[1] != u64::MAX || self.keys[slot.index as usize - 1] == key.0) {
                return Ok(slot.index - 1);
            }
            i = (i + 1) & mask;
        }
    }

    /// Adds `key` at the empty `slot` that [`find`](Self::find) gave; returns its index.
    fn insert(&mut self, slot: usize, key: (IdKey<'a>, u64)) -> u32 {
        let c = self.keys.len() as u32;
        self.keys.push(key.0);
        self.slots[slot] = Slot { key: Slot::words(key), index: c + 1 };
        if self.keys.len() * 2 > self.slots.len() {
            self.grow();
        }
        c
    }

    /// Doubles the slots.
    fn grow(&mut self) {
        let n = self.slots.len() * 2;
        let mut slots = vec![Slot::default(); n];
        for (c, &key) in self.keys.iter().enumerate() {
            let hash = key.hash();
            let mut i = hash as usize & (n - 1);
            while slots[i].index != 0 {
                i = (i + 1) & (n - 1);
            }
            slots[i] = Slot { key: Slot::words((key, hash)), index: c as u32 + 1 };
        }
        self.slots = slots;
    }
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

    proptest::proptest! {
        /// Any rows — out of order, equal times, repeated and blank ids, bad scores, split
        /// into two batches — read as columns give the dataset and the rejections that the
        /// same rows read as records give.
        #[test]
        fn columns_and_records_agree(
            rows in proptest::collection::vec((0usize..6, 0i64..5, 0usize..3, 0usize..3, 0u8..14), 0..60),
            split in 0usize..60,
            lenient in proptest::bool::ANY,
        ) {
            const IDS: [&str; 6] = ["ana", "bo", "a-very-long-customer-id-42", "cy", " ", "dee"];
            const CHANNELS: [&str; 3] = ["web", "Email", "store"];
            const KINDS: [&str; 3] = ["page_view", "Order Completed", "survey_response"];
            let mode = if lenient { Mode::Lenient } else { Mode::Strict };
            let ids: Vec<&str> = rows.iter().map(|r| IDS[r.0]).collect();
            let ts: Vec<i64> = rows.iter().map(|r| T0 + r.1 * 1000).collect();
            let channels: Vec<&str> = rows.iter().map(|r| CHANNELS[r.2]).collect();
            let kinds: Vec<&str> = rows.iter().map(|r| KINDS[r.3]).collect();
            // Score 0–10 is an NPS answer, 11–13 out of range; only on survey rows.
            let survey: Vec<Option<&str>> = rows.iter().map(|r| (r.3 == 2).then_some("nps")).collect();
            let score: Vec<f64> = rows.iter().map(|r| f64::from(r.4)).collect();
            let value: Vec<f64> = rows.iter().map(|r| if r.3 == 1 { f64::from(r.4) } else { f64::NAN }).collect();
            let split = split.min(rows.len());
            let mut reader = ColumnsReader::new(mode);
            let mut pushed = Ok(());
            let batches = [(0, split), (split, rows.len())]
                .map(|(a, b)| (&ids[a..b], &ts[a..b], &channels[a..b], &kinds[a..b], &value[a..b], &survey[a..b], &score[a..b]));
            for (c, t, ch, k, v, sv, sc) in &batches {
                let mut cols = EventColumns::new(c, TimeColumn::millis(t), ch, k);
                cols.value = Some(NumColumn::f64(v));
                cols.survey = Some(sv);
                cols.score = Some(NumColumn::f64(sc));
                pushed = pushed.and_then(|()| reader.push(&cols));
            }
            let records: Vec<_> = (0..rows.len()).map(|i| {
                let mut r = json!({"customer_id": ids[i], "timestamp": ts[i], "channel": channels[i], "kind": kinds[i]});
                if !value[i].is_nan() { r["value"] = json!(value[i]); }
                if survey[i].is_some() { r["survey"] = json!({"metric": "nps", "score": score[i]}); }
                r
            }).collect();
            let expected = read_records(records, mode);
            match (pushed, expected) {
                (Ok(()), Ok(expected)) => {
                    let read = reader.finish();
                    let (a, b) = (&read.dataset, &expected.dataset);
                    proptest::prop_assert_eq!(a.customer_count(), b.customer_count());
                    proptest::prop_assert_eq!(a.event_count(), b.event_count());
                    for c in 0..a.customer_count() as u32 {
                        proptest::prop_assert_eq!(a.customer_id(c), b.customer_id(c));
                    }
                    for row in 0..a.event_count() {
                        proptest::prop_assert_eq!(a.event(row), b.event(row), "row {}", row);
                    }
                    // The record readers name the score `survey.score`; the column is `score`.
                    let where_ = |e: &TouchpointError| (e.record(), e.field().map(|f| f.replace("survey.", "")), e.code());
                    let got: Vec<_> = read.rejected.iter().map(where_).collect();
                    let want: Vec<_> = expected.rejected.iter().map(where_).collect();
                    proptest::prop_assert_eq!(got, want);
                }
                (Err(a), Err(b)) => proptest::prop_assert_eq!((a.record(), a.code()), (b.record(), b.code())),
                (a, b) => proptest::prop_assert!(false, "columns {:?}, records {:?}", a.err(), b.err().map(|e| e.to_string())),
            }
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
