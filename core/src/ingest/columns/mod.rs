//! Columnar input: events given as borrowed columns (an Arrow record batch, a data frame,
//! typed arrays) rather than as records. Nothing is copied or allocated per row: strings are
//! read in place through [`StrColumn`], each distinct channel, kind and survey name is parsed
//! once (once per dictionary entry when the column is dictionary-encoded), and only a
//! customer id seen for the first time is copied into the dataset.
//!
//! Rows are numbered from 1 across every [`ColumnsReader::push`]; an error names the row as
//! [`RecordRef::Record`] and the column by the name in [`ColumnNames`].

mod cells;
mod ids;
mod reader;
#[cfg(test)]
mod tests;

pub use cells::{NumColumn, NumValues, StrColumn, TimeColumn, TimeUnit, TimeValues, Validity};
pub use reader::ColumnsReader;

use super::{Ingested, Mode};
use crate::camel_case::{camel_to_snake, snake_to_camel};
use crate::{Result, TouchpointError};
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

impl ColumnNames<'static> {
    /// The columns named in camelCase (`customerId`, `timestamp`, …), as the JavaScript
    /// bindings take them.
    pub const fn camel_case() -> Self {
        ColumnNames {
            customer_id: "customerId",
            timestamp: "timestamp",
            channel: "channel",
            kind: "kind",
            value: "value",
            survey: "survey",
            score: "score",
        }
    }

    /// Why `key` is not one of these columns: when it is another spelling of one
    /// (`customer_id` for `customerId`, or the reverse) the message names that one, otherwise
    /// it lists them all.
    pub fn not_a_column(&self, key: &str) -> String {
        let names = self.all();
        let respelled = [snake_to_camel(key), camel_to_snake(key)];
        match respelled
            .iter()
            .find(|k| k.as_ref() != key && names.contains(&k.as_ref()))
        {
            Some(column) => format!("is not a column (did you mean `{column}`?)"),
            None => format!("is not a column (expected {})", names.join(", ")),
        }
    }

    /// The seven names in the order a row is checked: the four required columns, then
    /// `value`, `survey` and `score`.
    pub const fn all(&self) -> [&'static str; 7] {
        [
            self.customer_id,
            self.timestamp,
            self.channel,
            self.kind,
            self.value,
            self.survey,
            self.score,
        ]
    }
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
        EventColumns {
            customer_id,
            timestamp,
            channel,
            kind,
            value: None,
            survey: None,
            score: None,
            names: ColumnNames::default(),
        }
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
                return Err(TouchpointError::config(
                    name,
                    format!("has {len} rows, the timestamp column {n}"),
                ));
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
