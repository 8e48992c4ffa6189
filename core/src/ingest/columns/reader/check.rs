//! The checks of a row of the columnar reader that need no state of the reader's own: every
//! check but interning. Pure (the maps and caches are only read), so rows are checked in
//! parallel and a row's first error is the same in any order.

use super::super::extras::RowAnswers;
use super::super::ids::{FastMap, Hashed};
use super::super::lookup::{null, resolve, Code, EntryCache};
use super::super::{EventColumns, StrColumn};
use crate::{limits, PackedAnswer, RecordRef, Result, SurveyMetric, TouchpointError};

/// A row that passed every check: what interning it needs.
#[derive(Clone, Copy)]
pub(super) struct Checked<'a> {
    /// The customer id (checked), if not null.
    pub(super) id: Option<&'a str>,
    /// The customer id hashed for the id table (by the parallel reader only).
    pub(super) key: Option<Hashed<'a>>,
    /// The anonymous id (checked), if not null.
    pub(super) anonymous: Option<&'a str>,
    pub(super) ts: i64,
    pub(super) channel: Code<'a>,
    pub(super) kind: Code<'a>,
    /// The `survey` / `score` answer.
    pub(super) survey: PackedAnswer,
    /// The answer columns' answers (with the survey's first), if there are answer columns.
    pub(super) answers: Option<RowAnswers>,
}

/// What checking a row reads besides its columns: the reader's channel and kind names and
/// the batch's per-dictionary-entry caches.
pub(super) struct Lookups<'r, 'a> {
    pub(super) channels: &'r FastMap<&'a str, u16>,
    pub(super) kinds: &'r FastMap<&'a str, u16>,
    pub(super) caches: &'r Caches,
}

/// The per-dictionary-entry caches of one batch.
pub(super) struct Caches {
    pub(super) customer: EntryCache<u32>,
    pub(super) channel: EntryCache<u16>,
    pub(super) kind: EntryCache<u16>,
    /// The metric of each entry of a dictionary-encoded survey column (read up front).
    pub(super) metric: Option<EntryCache<Option<SurveyMetric>>>,
    pub(super) anonymous: Option<EntryCache<u32>>,
}

impl Caches {
    pub(super) fn new(columns: &EventColumns<'_>) -> Self {
        let metric = columns.survey.map(|survey| {
            let mut cache = EntryCache::new(survey);
            for k in 0..cache.codes.len() {
                if let Some(text) = survey.entry(k) {
                    cache.set(k, SurveyMetric::parse(text));
                }
            }
            cache
        });
        Caches {
            customer: EntryCache::new(columns.customer_id),
            channel: EntryCache::new(columns.channel),
            kind: EntryCache::new(columns.kind),
            metric,
            anonymous: columns.anonymous_id.map(EntryCache::new),
        }
    }
}

/// The metrics of the survey names seen by one checker (a plain survey column has few).
#[derive(Default)]
pub(super) struct Metrics<'a>(Vec<(&'a str, Option<SurveyMetric>)>);

impl<'a> Metrics<'a> {
    fn of(&mut self, text: &'a str) -> Option<SurveyMetric> {
        if let Some(&(_, m)) = self.0.iter().find(|(t, _)| *t == text) {
            return m;
        }
        let m = SurveyMetric::parse(text);
        if self.0.len() < 32 {
            self.0.push((text, m));
        }
        m
    }
}

/// Checks row `i` of `c`, in the order of the record readers: the ids, their dictionary
/// keys, the time, the channel and kind, the value, the survey answer, the text's length,
/// the traits' depth and the answer columns. `same_id`: the row's customer id is the previous row's, checked
/// already.
#[inline]
pub(super) fn check_row<'a>(
    c: &EventColumns<'a>,
    i: usize,
    record: RecordRef,
    look: &Lookups<'_, 'a>,
    metrics: &mut Metrics<'a>,
    same_id: bool,
) -> Result<Checked<'a>> {
    let names = &c.names;
    let caches = look.caches;
    let id = c.customer_id.get(i);
    let anonymous = c.anonymous_id.and_then(|a| a.get(i));
    if id.is_none() && anonymous.is_none() {
        return Err(null(record, names.customer_id));
    }
    if let Some(text) = id.filter(|_| !same_id) {
        limits::check_id(text, record, names.customer_id)?;
    }
    if let Some(text) = anonymous {
        limits::check_id(text, record, names.anonymous_id)?;
    }
    // The id columns' dictionary keys are used once the row is accepted: check them now.
    caches
        .customer
        .key(c.customer_id, i, record, names.customer_id)?;
    if let (Some(column), Some(cache)) = (c.anonymous_id, caches.anonymous.as_ref()) {
        cache.key(column, i, record, names.anonymous_id)?;
    }
    let ts = match c.timestamp.millis_at(i) {
        Ok(Some(ts)) => limits::check_time_ms(ts, record, names.timestamp)?,
        Ok(None) => return Err(null(record, names.timestamp)),
        Err(raw) => {
            return Err(TouchpointError::OutOfRange {
                record,
                field: names.timestamp.to_string(),
                value: raw,
                expected: limits::TIME_RANGE.to_string(),
            })
        }
    };
    let channel = resolve(
        c.channel,
        i,
        &caches.channel,
        look.channels,
        record,
        names.channel,
    )?;
    let kind = resolve(c.kind, i, &caches.kind, look.kinds, record, names.kind)?;
    if let Some(v) = c.value.and_then(|v| v.get(i)) {
        limits::check_value(v, record, names.value)?;
    }
    let survey = match (c.survey, caches.metric.as_ref()) {
        (Some(survey), Some(cache)) => answer(c, survey, i, cache, metrics, record)?,
        _ => PackedAnswer::NONE,
    };
    if let Some(text) = c.text.and_then(|t| t.get(i)) {
        limits::check_text(text, record, names.text)?;
    }
    for t in c.traits {
        if let Some(v) = t.values.nested(i) {
            limits::check_depth(v, record, t.column)?;
        }
    }
    let answers = if c.answers.is_empty() {
        None
    } else {
        Some(RowAnswers::read(c, i, survey, record)?)
    };
    Ok(Checked {
        id,
        key: None,
        anonymous,
        ts,
        channel,
        kind,
        survey,
        answers,
    })
}

/// The survey answer of row `i`, if its survey cell is not null: its metric (read up front
/// per dictionary entry) and its score, checked on the metric's scale.
#[inline]
fn answer<'a>(
    c: &EventColumns<'a>,
    survey: &'a dyn StrColumn,
    i: usize,
    cache: &EntryCache<Option<SurveyMetric>>,
    metrics: &mut Metrics<'a>,
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
            (text, cache.get(k).flatten())
        }
        None => {
            let Some(text) = survey.get(i) else {
                return Ok(PackedAnswer::NONE);
            };
            (text, metrics.of(text))
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
