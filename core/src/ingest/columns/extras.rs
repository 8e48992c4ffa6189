//! What a row may add besides its event: several survey answers (the answer columns) and
//! customer traits (the trait columns).

use super::EventColumns;
use crate::dataset::identity::Merge;
use crate::{PackedAnswer, Properties, RecordRef, Result, SurveyMetric, TouchpointError};

/// The answers of one row, at most one per metric, the `survey` column's first.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct RowAnswers {
    list: [PackedAnswer; SurveyMetric::ALL.len()],
    len: u8,
}

impl RowAnswers {
    /// The row's answers: `survey` (the `survey` / `score` answer, if any), then one per
    /// answer column whose cell is not null. A score out of range, or a metric answered twice,
    /// is an error naming the column.
    #[inline]
    pub(super) fn read(
        c: &EventColumns<'_>,
        i: usize,
        survey: PackedAnswer,
        record: RecordRef,
    ) -> Result<RowAnswers> {
        let mut out = RowAnswers::default();
        if survey != PackedAnswer::NONE {
            out.list[0] = survey;
            out.len = 1;
        }
        for a in c.answers {
            let Some(score) = a.scores.get(i) else {
                continue;
            };
            let score = a.metric.check(score, record, a.name)?;
            if survey.get().is_some_and(|(m, _)| m == a.metric) {
                return Err(TouchpointError::invalid(
                    record,
                    a.name,
                    "is also the `survey` answer: one answer per metric on a row",
                ));
            }
            // At most one column per metric (checked per batch), so this fits.
            if let Some(slot) = out.list.get_mut(usize::from(out.len)) {
                *slot = PackedAnswer::new(a.metric, score);
                out.len += 1;
            }
        }
        Ok(out)
    }

    /// The first answer (or none).
    pub(super) fn first(&self) -> PackedAnswer {
        self.list[0]
    }

    /// The answers after the first.
    pub(super) fn rest(&self) -> &[PackedAnswer] {
        let n = usize::from(self.len);
        self.list.get(1..n).unwrap_or(&[])
    }
}

/// The latest row of each id where a trait column is not null, per trait name.
#[derive(Debug, Default)]
pub(super) struct LatestTraits {
    /// The trait names, in order of first sight.
    pub(super) names: Vec<String>,
    /// Per trait, per id index: `(time, row)` of the latest non-null cell; `NONE` if none.
    latest: Vec<Vec<(i64, u64)>>,
}

const NONE: (i64, u64) = (i64::MIN, u64::MAX);

impl LatestTraits {
    /// The slot of each trait column of a batch (by trait name).
    pub(super) fn slots(&mut self, c: &EventColumns<'_>) -> Vec<usize> {
        c.traits
            .iter()
            .map(|t| match self.names.iter().position(|n| n == t.name) {
                Some(slot) => slot,
                None => {
                    self.names.push(t.name.to_string());
                    self.latest.push(Vec::new());
                    self.names.len() - 1
                }
            })
            .collect()
    }

    /// Notes row `row` (global, 0-based; time `ts`) of id `id`, for every trait column of
    /// `c` (whose slots are `slots`) whose cell `i` is not null.
    #[inline]
    pub(super) fn note(
        &mut self,
        c: &EventColumns<'_>,
        slots: &[usize],
        i: usize,
        id: u32,
        ts: i64,
        row: u64,
    ) {
        for (t, &slot) in c.traits.iter().zip(slots) {
            if t.values.is_null(i) {
                continue;
            }
            let latest = &mut self.latest[slot];
            if latest.len() <= id as usize {
                latest.resize(id as usize + 1, NONE);
            }
            let cell = &mut latest[id as usize];
            if *cell == NONE || (ts, row) >= *cell {
                *cell = (ts, row);
            }
        }
    }

    /// Each customer's traits: for each trait, the value of the latest of its ids' rows.
    /// `value(slot, row)` reads a cell; `merge` maps ids to customers.
    pub(super) fn traits(
        &self,
        customers: usize,
        merge: Option<&Merge>,
        value: impl Fn(usize, u64) -> Option<serde_json::Value>,
    ) -> Vec<Properties> {
        let mut out = vec![Properties::new(); customers];
        let mut best = vec![NONE; customers];
        for (slot, name) in self.names.iter().enumerate() {
            best.iter_mut().for_each(|b| *b = NONE);
            for (id, &cell) in self.latest[slot].iter().enumerate() {
                let customer = match merge {
                    Some(m) => m.customer_of(id as u32),
                    None => Some(id as u32),
                };
                if let Some(b) = customer.and_then(|c| best.get_mut(c as usize)) {
                    if cell != NONE && (*b == NONE || cell >= *b) {
                        *b = cell;
                    }
                }
            }
            for (c, b) in best.iter().enumerate() {
                if *b != NONE {
                    if let Some(v) = value(slot, b.1) {
                        out[c].insert(name.clone(), v);
                    }
                }
            }
        }
        out
    }
}
