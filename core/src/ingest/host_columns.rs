//! Columns converted from a host language's values (JavaScript arrays and typed arrays)
//! before [`read_columns`]: the part that both JavaScript bindings would otherwise repeat.
//!
//! A host timestamp is a number of milliseconds, a BigInt or text, so the binding builds the
//! [`TimeColumn`] here, one row at a time. A cell that cannot be converted at all (text
//! where a number belongs, a number of milliseconds that is not whole) is a row error: the
//! binding records it with [`HostColumns::reject`] (or a `push_time_*` call records it), and
//! [`HostColumns::read`] reports it exactly like an error of the core's, as `record N` and
//! the column: the first one in strict mode, each one in [`Ingested::rejected`] in lenient
//! mode, the row left out of the dataset.
//!
//! How: such a row's timestamp is marked null, so the columnar reader rejects the row (and
//! only that row), and its error is then replaced by the conversion error.

use super::{
    read_columns, AnswerColumn, ColumnNames, EventColumns, Ingested, NumColumn, ReadOptions,
    StrColumn, TimeColumn, TimeUnit, TimeValues, TraitColumn, Validity,
};
use crate::{RecordRef, Result, SurveyMetric, Timestamp, TouchpointError};
use serde_json::Value;
use std::collections::BTreeMap;

/// The timestamp column built from host values, and the rows that could not be converted.
#[derive(Debug, Clone, Default)]
pub struct HostColumns {
    millis: Vec<i64>,
    /// Arrow-style validity bitmap of `millis`; bits past the end read as valid here.
    valid: Vec<u8>,
    any_null: bool,
    /// Row (0-based) → its first conversion error.
    errors: BTreeMap<usize, TouchpointError>,
}

/// JavaScript numbers above this are not exact integers, and `as i64` would saturate.
const MAX_EXACT: f64 = 9_007_199_254_740_991.0;

impl HostColumns {
    /// Nothing converted yet, room for `rows` timestamps.
    pub fn with_capacity(rows: usize) -> Self {
        HostColumns {
            millis: Vec::with_capacity(rows),
            valid: Vec::with_capacity(rows / 8 + 1),
            ..Default::default()
        }
    }

    /// A timestamp column of integer milliseconds since the epoch, none null (a `BigInt64Array`).
    pub fn from_millis(millis: Vec<i64>) -> Self {
        HostColumns {
            valid: vec![0xff; millis.len() / 8 + 1],
            millis,
            ..Default::default()
        }
    }

    /// Number of timestamps converted so far.
    pub fn len(&self) -> usize {
        self.millis.len()
    }

    /// True before the first timestamp.
    pub fn is_empty(&self) -> bool {
        self.millis.is_empty()
    }

    fn push(&mut self, ms: Option<i64>) {
        let row = self.millis.len();
        if row % 8 == 0 {
            self.valid.push(0xff);
        }
        self.millis.push(ms.unwrap_or(0));
        if ms.is_none() {
            self.clear(row);
        }
    }

    fn clear(&mut self, row: usize) {
        if let Some(byte) = self.valid.get_mut(row / 8) {
            *byte &= !(1 << (row % 8));
            self.any_null = true;
        }
    }

    /// The timestamp column's name (one word: the same in every spelling).
    fn field() -> &'static str {
        ColumnNames::default().timestamp
    }

    /// Appends milliseconds since the epoch.
    pub fn push_time_millis(&mut self, ms: i64) {
        self.push(Some(ms));
    }

    /// Appends a number of milliseconds since the epoch (a JavaScript number, a
    /// `Date`'s value): it must be a whole number, like a numeric `timestamp` of an event
    /// record (a fraction, NaN or ±∞ is `INVALID_RECORD`), from 1900 to 9999 (else
    /// `OUT_OF_RANGE`, never clamped); a refused time is a row error.
    pub fn push_time_number(&mut self, ms: f64) {
        let row = self.len();
        let record = RecordRef::Record(row as u64 + 1);
        match crate::limits::time_ms_from_f64(ms, record, Self::field()) {
            Ok(ms) => self.push(Some(ms)),
            Err(e) => {
                self.push(None);
                self.errors.entry(row).or_insert(e);
            }
        }
    }

    /// Appends a timestamp given as text, read like an event record's (RFC 3339 / ISO 8601,
    /// `YYYY-MM-DD HH:MM:SS`, `YYYY-MM-DD`, or integer milliseconds); unreadable text is a
    /// row error.
    pub fn push_time_text(&mut self, text: &str) {
        let row = self.len();
        match Timestamp::parse_field(text, RecordRef::Record(row as u64 + 1), Self::field()) {
            Ok(ts) => self.push(Some(ts.millis())),
            Err(e) => {
                self.push(None);
                self.errors.entry(row).or_insert(e);
            }
        }
    }

    /// Appends a missing timestamp (the reader reports it as null, like any null cell).
    pub fn push_time_null(&mut self) {
        self.push(None);
    }

    /// Appends a timestamp cell that has the wrong type altogether; `message` says what it is.
    pub fn push_time_invalid(&mut self, message: impl Into<String>) {
        let row = self.len();
        self.push(None);
        self.reject(row, Self::field(), message);
    }

    /// Records that the cell of `column` in `row` (0-based) could not be converted: the row
    /// is rejected with this error (the first one recorded for a row wins). Call it after
    /// that row's timestamp was pushed.
    pub fn reject(&mut self, row: usize, column: &str, message: impl Into<String>) {
        let error = TouchpointError::invalid(RecordRef::Record(row as u64 + 1), column, message);
        self.errors.entry(row).or_insert(error);
        self.clear(row);
    }

    /// True when some row could not be converted.
    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// The timestamp column for [`EventColumns`].
    pub fn timestamp(&self) -> TimeColumn<'_> {
        TimeColumn {
            values: TimeValues::I64(&self.millis),
            unit: TimeUnit::Millisecond,
            validity: self.any_null.then(|| Validity::new(&self.valid, 0)),
        }
    }

    /// Reads `columns` (whose timestamp column is [`timestamp`](Self::timestamp), rows
    /// numbered from 1) with [`read_columns`], reporting each row that could not be converted
    /// with its conversion error.
    pub fn read(
        &self,
        columns: &EventColumns<'_>,
        options: impl Into<ReadOptions>,
    ) -> Result<Ingested> {
        let fix = |e: TouchpointError| match e.record() {
            Some(RecordRef::Record(n)) => match n
                .checked_sub(1)
                .and_then(|row| self.errors.get(&(row as usize)))
            {
                Some(conversion) => conversion.clone(),
                None => e,
            },
            _ => e,
        };
        let mut read = read_columns(columns, options).map_err(fix)?;
        if !self.errors.is_empty() {
            read.rejected = read.rejected.into_iter().map(fix).collect();
        }
        Ok(read)
    }
}

#[cfg(test)]
#[path = "host_columns_tests.rs"]
mod tests;

/// One column as a binding read it from host values: its cells, and the rows (0-based)
/// whose cell had the wrong type, with what it was.
#[derive(Debug, Clone, Default)]
pub struct HostColumn<C> {
    /// The cells, in row order.
    pub cells: C,
    /// Rows whose cell could not be read, and why.
    pub bad: Vec<(usize, String)>,
}

/// A column of answers to one survey metric, as a binding read it (NaN: no answer).
#[derive(Debug, Clone)]
pub struct HostAnswerColumn {
    /// The metric.
    pub metric: SurveyMetric,
    /// The column's name (`nps`), for errors.
    pub name: String,
    /// The scores.
    pub scores: HostColumn<Vec<f64>>,
}

/// A column of customer-trait values, as a binding read it (JSON `null`: no value).
#[derive(Debug, Clone)]
pub struct HostTraitColumn {
    /// The trait (`plan`).
    pub name: String,
    /// The column's name for errors (`traits.plan`).
    pub column: String,
    /// The values.
    pub values: HostColumn<Vec<Value>>,
}

impl HostTraitColumn {
    /// A trait value given as a host number (a JavaScript number): a whole number up to
    /// 2^53 − 1 in size as an integer, any other finite number as it is; ±∞ and NaN are
    /// refused, with why.
    pub fn number(x: f64) -> std::result::Result<Value, String> {
        match serde_json::Number::from_f64(x) {
            Some(_) if x.fract() == 0.0 && x.abs() <= MAX_EXACT => Ok((x as i64).into()),
            Some(n) => Ok(Value::Number(n)),
            None => Err(format!("{x} is not a finite number")),
        }
    }
}

/// The event columns besides the timestamp (which [`HostColumns`] holds), as a binding read
/// them from host arrays.
#[derive(Debug, Clone)]
pub struct HostEventColumns<S> {
    /// Customer ids.
    pub customer_id: HostColumn<S>,
    /// Channel names.
    pub channel: HostColumn<S>,
    /// Event kinds.
    pub kind: HostColumn<S>,
    /// Monetary values (NaN: none).
    pub value: Option<HostColumn<Vec<f64>>>,
    /// Survey metrics.
    pub survey: Option<HostColumn<S>>,
    /// Survey scores.
    pub score: Option<HostColumn<Vec<f64>>>,
    /// The names errors give the columns: the names the host's user wrote
    /// ([`ColumnNames::camel_case`] in JavaScript).
    pub names: ColumnNames<'static>,
    /// Anonymous ids.
    pub anonymous_id: Option<HostColumn<S>>,
    /// Free text.
    pub text: Option<HostColumn<S>>,
    /// One column per survey metric.
    pub answers: Vec<HostAnswerColumn>,
    /// Customer traits.
    pub traits: Vec<HostTraitColumn>,
}

impl<S> HostEventColumns<S> {
    /// The required columns and nothing else.
    pub fn new(customer_id: HostColumn<S>, channel: HostColumn<S>, kind: HostColumn<S>) -> Self {
        HostEventColumns {
            customer_id,
            channel,
            kind,
            value: None,
            survey: None,
            score: None,
            anonymous_id: None,
            text: None,
            answers: Vec::new(),
            traits: Vec::new(),
            names: ColumnNames::default(),
        }
    }
}

impl HostColumns {
    /// The first column whose length differs from `customer_id`'s, as
    /// `(column, its length, customer_id's length)`; `None` when all agree.
    pub fn length_mismatch<'c, S: StrColumn>(
        &self,
        c: &'c HostEventColumns<S>,
    ) -> Option<(&'c str, usize, usize)> {
        let n = c.customer_id.cells.len();
        let names = &c.names;
        let fixed = [
            (names.timestamp, Some(self.len())),
            (names.channel, Some(c.channel.cells.len())),
            (names.kind, Some(c.kind.cells.len())),
            (names.value, c.value.as_ref().map(|v| v.cells.len())),
            (names.survey, c.survey.as_ref().map(|v| v.cells.len())),
            (names.score, c.score.as_ref().map(|v| v.cells.len())),
            (
                names.anonymous_id,
                c.anonymous_id.as_ref().map(|v| v.cells.len()),
            ),
            (names.text, c.text.as_ref().map(|v| v.cells.len())),
        ];
        let answers = c
            .answers
            .iter()
            .map(|a| (a.name.as_str(), Some(a.scores.cells.len())));
        let traits = c
            .traits
            .iter()
            .map(|t| (t.column.as_str(), Some(t.values.cells.len())));
        fixed
            .into_iter()
            .chain(answers)
            .chain(traits)
            .find_map(|(name, len)| len.filter(|&l| l != n).map(|l| (name, l, n)))
    }

    /// Rejects the row of every cell that could not be read (naming its column), then reads
    /// the columns with [`read`](Self::read). Check [`length_mismatch`](Self::length_mismatch) first.
    pub fn read_host<S: StrColumn>(
        mut self,
        c: &HostEventColumns<S>,
        options: impl Into<ReadOptions>,
    ) -> Result<Ingested> {
        let names = c.names;
        let fixed = [
            (names.customer_id, Some(&c.customer_id.bad)),
            (names.channel, Some(&c.channel.bad)),
            (names.kind, Some(&c.kind.bad)),
            (names.value, c.value.as_ref().map(|v| &v.bad)),
            (names.survey, c.survey.as_ref().map(|v| &v.bad)),
            (names.score, c.score.as_ref().map(|v| &v.bad)),
            (names.anonymous_id, c.anonymous_id.as_ref().map(|v| &v.bad)),
            (names.text, c.text.as_ref().map(|v| &v.bad)),
        ];
        let answers = c
            .answers
            .iter()
            .map(|a| (a.name.as_str(), Some(&a.scores.bad)));
        let traits = c
            .traits
            .iter()
            .map(|t| (t.column.as_str(), Some(&t.values.bad)));
        for (name, rows) in fixed.into_iter().chain(answers).chain(traits) {
            for (row, message) in rows.into_iter().flatten() {
                self.reject(*row, name, message.as_str());
            }
        }
        let answers: Vec<AnswerColumn<'_>> = c
            .answers
            .iter()
            .map(|a| AnswerColumn {
                metric: a.metric,
                scores: NumColumn::f64(&a.scores.cells),
                name: &a.name,
            })
            .collect();
        let traits: Vec<TraitColumn<'_>> = c
            .traits
            .iter()
            .map(|t| TraitColumn {
                name: &t.name,
                column: &t.column,
                values: &t.values.cells,
            })
            .collect();
        let columns = EventColumns {
            customer_id: &c.customer_id.cells,
            timestamp: self.timestamp(),
            channel: &c.channel.cells,
            kind: &c.kind.cells,
            value: c.value.as_ref().map(|v| NumColumn::f64(&v.cells)),
            survey: c.survey.as_ref().map(|v| &v.cells as &dyn StrColumn),
            score: c.score.as_ref().map(|v| NumColumn::f64(&v.cells)),
            anonymous_id: c.anonymous_id.as_ref().map(|v| &v.cells as &dyn StrColumn),
            text: c.text.as_ref().map(|v| &v.cells as &dyn StrColumn),
            answers: &answers,
            traits: &traits,
            names,
        };
        self.read(&columns, options)
    }
}
