//! The survey answer of a row of the columnar reader: its metric (cached per dictionary
//! entry) and its score, checked on the metric's scale.

use super::super::lookup::EntryCache;
use super::super::{EventColumns, StrColumn};
use super::ColumnsReader;
use crate::{PackedAnswer, RecordRef, Result, SurveyMetric, TouchpointError};

impl<'a> ColumnsReader<'a> {
    /// The survey answer of row `i`, if its survey cell is not null.
    #[inline]
    pub(super) fn answer(
        &mut self,
        c: &EventColumns<'a>,
        survey: &'a dyn StrColumn,
        i: usize,
        cache: &mut EntryCache<Option<SurveyMetric>>,
        record: RecordRef,
    ) -> Result<PackedAnswer> {
        let (text, metric) = match survey.dictionary_len() {
            Some(_) => {
                let Some(k) = cache.key(survey, i, record, c.names.survey)? else {
                    return Ok(PackedAnswer::NONE);
                };
                let Some(text) = survey.entry(k) else {
                    return Ok(PackedAnswer::NONE);
                };
                let metric = match cache.get(k) {
                    Some(m) => m,
                    None => {
                        let m = self.metric(text);
                        cache.set(k, m);
                        m
                    }
                };
                (text, metric)
            }
            None => {
                let Some(text) = survey.get(i) else {
                    return Ok(PackedAnswer::NONE);
                };
                (text, self.metric(text))
            }
        };
        if text.is_empty() {
            return Ok(PackedAnswer::NONE);
        }
        let names = &c.names;
        let metric = metric.ok_or_else(|| {
            TouchpointError::invalid(
                record,
                names.survey,
                format!(
                    "`{text}` is not a survey metric ({})",
                    SurveyMetric::names()
                ),
            )
        })?;
        let score = c.score.and_then(|s| s.get(i)).ok_or_else(|| {
            TouchpointError::invalid(record, names.score, "missing for a survey answer")
        })?;
        Ok(PackedAnswer::new(
            metric,
            metric.check(score, record, names.score)?,
        ))
    }

    fn metric(&mut self, text: &'a str) -> Option<SurveyMetric> {
        *self
            .metrics
            .entry(text)
            .or_insert_with(|| SurveyMetric::parse(text))
    }
}
