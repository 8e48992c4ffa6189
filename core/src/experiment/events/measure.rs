//! The metrics of an experiment from events: checked, resolved to a dataset's kind codes,
//! and measured for one customer over a span of their events.

use super::{ExperimentMetric, Measure, MetricPart};
use crate::{CustomerEvents, Dataset, EventKind, Result, SurveyMetric, TouchpointError, DAY_MS};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A set of event kinds, by code; empty = every kind but the exposure's.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Kinds {
    any: bool,
    codes: Vec<bool>,
}

impl Kinds {
    fn new(data: &Dataset, names: &[String], field: &str) -> Result<Kinds> {
        let mut codes = vec![false; data.kinds().len()];
        for name in names {
            let kind = EventKind::parse(name).ok_or_else(|| {
                TouchpointError::config(field, "an empty event kind names nothing")
            })?;
            if let Some(c) = data.kind_code(&kind) {
                codes[c as usize] = true;
            }
        }
        Ok(Kinds {
            any: names.is_empty(),
            codes,
        })
    }

    #[inline]
    fn has(&self, kind: u16, exposure: Option<u16>) -> bool {
        if self.any {
            Some(kind) != exposure
        } else {
            self.codes.get(kind as usize).copied().unwrap_or(false)
        }
    }
}

/// A metric resolved against a dataset.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Metric {
    pub(super) measure: Measure,
    kinds: Kinds,
    /// A funnel's steps; `None` for a kind no event has (the funnel never completes).
    steps: Vec<Option<u16>>,
    numerator: Option<(Measure, Kinds)>,
    denominator: Option<(Measure, Kinds)>,
    day: i64,
    /// The window after the first exposure, in ms (inclusive).
    window: Option<i64>,
    /// CUPED's span before the first exposure, in ms.
    pub(super) pre: Option<i64>,
}

/// One customer's value of a metric: y, and a ratio's denominator x.
pub(super) type Value = (f64, f64);

fn seconds_to_ms(s: Option<f64>, field: &str) -> Result<Option<i64>> {
    match s {
        None => Ok(None),
        Some(s) if s.is_finite() && s > 0.0 && s <= 1e13 => Ok(Some((s * 1000.0).round() as i64)),
        Some(s) => Err(TouchpointError::config(
            field,
            format!("{s} is not a number of seconds above 0"),
        )),
    }
}

impl Metric {
    pub(super) fn new(data: &Dataset, m: &ExperimentMetric, i: usize) -> Result<Metric> {
        let field = |f: &str| format!("metrics[{i}].{f}");
        let unused = |f: &str, set: bool| -> Result<()> {
            if set {
                return Err(TouchpointError::config(
                    field(f),
                    format!("not an option of a `{}` metric", measure_name(m.measure)),
                ));
            }
            Ok(())
        };
        if m.name.trim().is_empty() {
            return Err(TouchpointError::config(
                field("name"),
                "a metric needs a name",
            ));
        }
        use Measure as M;
        let takes_kinds = matches!(m.measure, M::Converted | M::Count | M::Sum | M::Retained);
        unused("kinds", !takes_kinds && !m.kinds.is_empty())?;
        unused("steps", m.measure != M::Funnel && !m.steps.is_empty())?;
        let ratio = m.measure == M::Ratio;
        unused("numerator", !ratio && m.numerator.is_some())?;
        unused("denominator", !ratio && m.denominator.is_some())?;
        unused("day", m.measure != M::Retained && m.day.is_some())?;
        unused(
            "window_seconds",
            m.measure == M::Retained && m.window_seconds.is_some(),
        )?;
        let cuped = matches!(m.measure, M::Converted | M::Funnel | M::Count | M::Sum);
        unused(
            "pre_exposure_seconds",
            !cuped && m.pre_exposure_seconds.is_some(),
        )?;
        if m.measure == M::Converted && m.kinds.is_empty() {
            return Err(TouchpointError::config(
                field("kinds"),
                "a `converted` metric needs the kinds that count as converting",
            ));
        }
        if m.measure == M::Funnel && m.steps.len() < 2 {
            return Err(TouchpointError::config(
                field("steps"),
                "a funnel needs at least two steps",
            ));
        }
        let part = |p: &Option<MetricPart>, f: &str| -> Result<Option<(Measure, Kinds)>> {
            match p {
                None if ratio => Err(TouchpointError::config(field(f), "a ratio needs it")),
                None => Ok(None),
                Some(p) if matches!(p.measure, M::Count | M::Sum) => {
                    Ok(Some((p.measure, Kinds::new(data, &p.kinds, &field(f))?)))
                }
                Some(_) => Err(TouchpointError::config(
                    format!("{}.measure", field(f)),
                    "a ratio's part is a `count` or a `sum`",
                )),
            }
        };
        let steps = m
            .steps
            .iter()
            .map(|s| {
                let kind = EventKind::parse(s).ok_or_else(|| {
                    TouchpointError::config(field("steps"), "an empty event kind names nothing")
                })?;
                Ok(data.kind_code(&kind))
            })
            .collect::<Result<_>>()?;
        Ok(Metric {
            measure: m.measure,
            kinds: Kinds::new(data, &m.kinds, &field("kinds"))?,
            steps,
            numerator: part(&m.numerator, "numerator")?,
            denominator: part(&m.denominator, "denominator")?,
            day: i64::from(m.day.unwrap_or(0)),
            window: seconds_to_ms(m.window_seconds, &field("window_seconds"))?,
            pre: seconds_to_ms(m.pre_exposure_seconds, &field("pre_exposure_seconds"))?,
        })
    }

    /// The customer's value after the first exposure at `t0`; `None` when the customer is not
    /// a unit of this metric (no answer; a retention day not yet observable by `end`).
    pub(super) fn after(
        &self,
        ev: &CustomerEvents<'_>,
        t0: i64,
        end: i64,
        exposure: Option<u16>,
    ) -> Option<Value> {
        if self.measure == Measure::Retained {
            let from = t0.saturating_add(self.day.saturating_mul(DAY_MS));
            let to = from.saturating_add(DAY_MS);
            if to > end.saturating_add(1) {
                return None;
            }
            let hit = span(ev.ts, from, to).any(|i| self.kinds.has(ev.kind[i], exposure));
            return Some((f64::from(u8::from(hit)), 0.0));
        }
        let to = match self.window {
            Some(w) => t0.saturating_add(w).saturating_add(1),
            None => i64::MAX,
        };
        self.over(ev, span(ev.ts, t0, to), exposure)
    }

    /// The customer's covariate: the same measure over `pre` before the first exposure.
    pub(super) fn before(&self, ev: &CustomerEvents<'_>, t0: i64, exposure: Option<u16>) -> f64 {
        let pre = self.pre.unwrap_or(0);
        self.over(ev, span(ev.ts, t0.saturating_sub(pre), t0), exposure)
            .map_or(0.0, |v| v.0)
    }

    fn over(
        &self,
        ev: &CustomerEvents<'_>,
        rows: Range<usize>,
        exposure: Option<u16>,
    ) -> Option<Value> {
        let one = |b: bool| f64::from(u8::from(b));
        Some(match self.measure {
            Measure::Converted => (
                one(rows.clone().any(|i| self.kinds.has(ev.kind[i], exposure))),
                0.0,
            ),
            Measure::Count | Measure::Sum => {
                (part(self.measure, &self.kinds, ev, rows, exposure), 0.0)
            }
            Measure::Funnel => {
                let mut step = 0;
                for i in rows {
                    if self.steps[step] == Some(ev.kind[i]) {
                        step += 1;
                        if step == self.steps.len() {
                            break;
                        }
                    }
                }
                (one(step == self.steps.len()), 0.0)
            }
            Measure::Ratio => {
                let (nm, nk) = self.numerator.as_ref()?;
                let (dm, dk) = self.denominator.as_ref()?;
                (
                    part(*nm, nk, ev, rows.clone(), exposure),
                    part(*dm, dk, ev, rows, exposure),
                )
            }
            Measure::Nps | Measure::Csat | Measure::Ces => {
                let metric = match self.measure {
                    Measure::Nps => SurveyMetric::Nps,
                    Measure::Csat => SurveyMetric::Csat,
                    _ => SurveyMetric::Ces,
                };
                let score = rows
                    .rev()
                    .find_map(|i| ev.answers(i).filter(|a| a.0 == metric).last())?
                    .1;
                let y = match self.measure {
                    Measure::Nps if score >= 9 => 100.0,
                    Measure::Nps if score <= 6 => -100.0,
                    Measure::Nps => 0.0,
                    Measure::Csat => one(score >= 4),
                    _ => f64::from(score),
                };
                (y, 0.0)
            }
            Measure::Retained => unreachable!("measured by `after`"),
        })
    }
}

/// A count or a sum of values over `rows`.
fn part(
    measure: Measure,
    kinds: &Kinds,
    ev: &CustomerEvents<'_>,
    rows: Range<usize>,
    exposure: Option<u16>,
) -> f64 {
    let mut total = 0.0;
    for i in rows {
        if kinds.has(ev.kind[i], exposure) {
            if measure == Measure::Count {
                total += 1.0;
            } else if !ev.value[i].is_nan() {
                total += ev.value[i];
            }
        }
    }
    total
}

/// The rows whose time is in `from..to`.
fn span(ts: &[i64], from: i64, to: i64) -> Range<usize> {
    ts.partition_point(|&t| t < from)..ts.partition_point(|&t| t < to)
}

/// A measure's name in options.
pub(super) fn measure_name(m: Measure) -> &'static str {
    match m {
        Measure::Converted => "converted",
        Measure::Funnel => "funnel",
        Measure::Count => "count",
        Measure::Sum => "sum",
        Measure::Ratio => "ratio",
        Measure::Nps => "nps",
        Measure::Csat => "csat",
        Measure::Ces => "ces",
        Measure::Retained => "retained",
    }
}
