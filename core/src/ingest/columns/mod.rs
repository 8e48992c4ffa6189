//! Columnar input: events given as borrowed columns (an Arrow record batch, a data frame,
//! typed arrays) rather than as records. Nothing is copied or allocated per row: strings are
//! read in place through [`StrColumn`], each distinct channel, kind and survey name is parsed
//! once (once per dictionary entry when the column is dictionary-encoded), and only a
//! customer id seen for the first time is copied into the dataset.
//!
//! Rows are numbered from 1 across every [`ColumnsReader::push`]; an error names the row as
//! [`RecordRef::Record`] and the column by the name in [`ColumnNames`] (answer columns by
//! their [`AnswerColumn::name`]).
//!
//! Identity, traits and several answers per row follow the record readers' rules: a row
//! with an `anonymous_id` and a `customer_id` ties the two (a row with only the anonymous
//! id is anonymous); each trait column gives a customer the value of its latest row (by
//! time, then row order) where the cell is not null; each answer column adds an answer of
//! its metric to the row.

mod cells;
mod extras;
mod ids;
mod lookup;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod parallel_tests;
mod reader;
#[cfg(test)]
mod tests;

pub use cells::{
    IntIds, NumColumn, NumValues, StrColumn, StrTraits, TimeColumn, TimeUnit, TimeValues,
    TraitValues, Validity,
};
pub use ids::seed_hashing;
pub(crate) use ids::{number_ids, MAX_ID_ROWS, NULL_ID};
pub use reader::ColumnsReader;

use super::{Ingested, ReadOptions};
use crate::camel_case::{camel_to_snake, snake_to_camel};
use crate::{Result, SurveyMetric, TouchpointError};
use std::borrow::Cow;
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
    /// The anonymous id column.
    pub anonymous_id: &'a str,
    /// The free-text column.
    pub text: &'a str,
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
            anonymous_id: "anonymousId",
            text: "text",
        }
    }

    /// Whether these names are camelCase (`customerId`): the answer columns are then spelled
    /// in camelCase too (`willBuyAgain`).
    fn is_camel_case(&self) -> bool {
        !self.customer_id.contains('_')
    }

    /// The name of the answer column of `metric` in a host's column object: the metric's
    /// name (`nps`, `will_buy_again`), in camelCase when these names are (`willBuyAgain`).
    pub fn answer_column(&self, metric: SurveyMetric) -> Cow<'static, str> {
        match self.is_camel_case() {
            true => snake_to_camel(metric.as_str()),
            false => Cow::Borrowed(metric.as_str()),
        }
    }

    /// The metric whose answer column is `key`, spelled as [`answer_column`](Self::answer_column) spells it.
    pub fn answer_metric(&self, key: &str) -> Option<SurveyMetric> {
        SurveyMetric::ALL
            .into_iter()
            .find(|&m| self.answer_column(m) == key)
    }

    /// Why `key` is not a column of a host's column object (the nine named columns, one
    /// answer column per survey metric, `traits`): when it is another spelling of one
    /// (`customer_id` for `customerId`, or the reverse) the message names that one,
    /// otherwise it lists them all.
    pub fn not_a_column(&self, key: &str) -> String {
        let answers = SurveyMetric::ALL.map(|m| self.answer_column(m));
        let known: Vec<&str> = (self.all().into_iter())
            .chain(answers.iter().map(|a| a.as_ref()))
            .chain(["traits"])
            .collect();
        let respelled = [snake_to_camel(key), camel_to_snake(key)];
        match respelled
            .iter()
            .find(|k| k.as_ref() != key && known.contains(&k.as_ref()))
        {
            Some(column) => format!("is not a column (did you mean `{column}`?)"),
            None => format!("is not a column (expected {})", known.join(", ")),
        }
    }

    /// The nine names in the order a row is checked: the four required columns, then
    /// `value`, `survey`, `score`, `anonymous_id` and `text`.
    pub const fn all(&self) -> [&'static str; 9] {
        [
            self.customer_id,
            self.timestamp,
            self.channel,
            self.kind,
            self.value,
            self.survey,
            self.score,
            self.anonymous_id,
            self.text,
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
            anonymous_id: "anonymous_id",
            text: "text",
        }
    }
}

/// A column of survey answers of one metric (null or NaN = no answer on that row).
#[derive(Debug, Clone, Copy)]
pub struct AnswerColumn<'a> {
    /// The metric the column answers.
    pub metric: SurveyMetric,
    /// The scores.
    pub scores: NumColumn<'a>,
    /// The column's name, for errors.
    pub name: &'a str,
}

/// A column of customer traits.
#[derive(Clone, Copy)]
pub struct TraitColumn<'a> {
    /// The trait it gives (`plan`).
    pub name: &'a str,
    /// The column's name, for errors (`plan`, `traits.plan`).
    pub column: &'a str,
    /// The values.
    pub values: &'a dyn TraitValues,
}

/// Events as borrowed columns of equal length. Required: `customer_id`, `timestamp`,
/// `channel`, `kind` (a null or empty cell is a bad row, except a null `customer_id` on a
/// row with an `anonymous_id`). Optional: `anonymous_id`, `value` (null = no value),
/// `survey` (a metric name; null = no answer) with its `score`, one [`AnswerColumn`] per
/// metric, and [`TraitColumn`]s.
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
    /// Anonymous ids (identity: see the module doc).
    pub anonymous_id: Option<&'a dyn StrColumn>,
    /// Free text (a comment, a review); a null or empty cell is no text.
    pub text: Option<&'a dyn StrColumn>,
    /// Answer columns, at most one per metric (and not the metric of a row's `survey`).
    pub answers: &'a [AnswerColumn<'a>],
    /// Trait columns.
    pub traits: &'a [TraitColumn<'a>],
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
            anonymous_id: None,
            text: None,
            answers: &[],
            traits: &[],
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
            (n_.anonymous_id, self.anonymous_id.map(|c| c.len())),
            (n_.text, self.text.map(|c| c.len())),
        ];
        let answers = self.answers.iter().map(|a| (a.name, Some(a.scores.len())));
        let traits = self.traits.iter().map(|t| (t.column, Some(t.values.len())));
        for (name, len) in lengths.into_iter().chain(answers).chain(traits) {
            if let Some(len) = len.filter(|&l| l != n) {
                return Err(TouchpointError::config(
                    name,
                    format!("has {len} rows, the timestamp column {n}"),
                ));
            }
        }
        for (i, a) in self.answers.iter().enumerate() {
            if let Some(b) = self.answers[..i].iter().find(|b| b.metric == a.metric) {
                return Err(TouchpointError::config(
                    a.name,
                    format!(
                        "answers {} like column `{}`: one column per metric",
                        a.metric.as_str(),
                        b.name
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// Reads one set of columns. For several batches of the same table, use [`ColumnsReader`].
pub fn read_columns(
    columns: &EventColumns<'_>,
    options: impl Into<ReadOptions>,
) -> Result<Ingested> {
    let mut reader = ColumnsReader::new(options);
    reader.push(columns)?;
    reader.finish()
}
