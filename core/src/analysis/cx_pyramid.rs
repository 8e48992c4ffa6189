//! The CX pyramid (MISSION §6): six levels, each measured by an indicator from the data and
//! judged against a configurable threshold. A business reaches a level when it meets that
//! level and every level below it; the weakest level is the one furthest below its threshold.
//!
//! | level | name | indicator (per trigger event) |
//! |---|---|---|
//! | 1 | information | self-service uses not followed by a ticket within `deflection_window_days` |
//! | 2 | problem_solving | resolved tickets not followed by a new ticket within `repeat_window_days` |
//! | 3 | underlying_need | resolved tickets not followed by a new ticket within `repeat_need_days` |
//! | 4 | anticipation | recommendations followed by a purchase within `uptake_window_days` |
//! | 5 | proactivity | proactive messages followed by a purchase within `uptake_window_days` |
//! | 6 | transformation | NPS over every answer |

use crate::analysis::pass::{run_pass, CustomerPass, MergeablePass, PassContext};
use crate::{
    CustomerEvents, Dataset, EventKind, NpsTally, Result, StageMap, SurveyMetric, TouchpointError,
    DAY_MS,
};
use serde::{Deserialize, Serialize};

/// Options of [`cx_pyramid`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PyramidOptions {
    /// Kinds that are self-service (help centre, FAQ). Default help_view, faq_view,
    /// help_article_view, each also in its Segment past-tense form (help_viewed, …).
    pub self_service_kinds: Vec<String>,
    /// Kinds that show a recommendation. Default recommendation_view and recommendation_click,
    /// also as recommendation_viewed and recommendation_clicked.
    pub recommendation_kinds: Vec<String>,
    /// Kinds of proactive outreach. Default reorder_reminder and replenishment_reminder,
    /// also with `_sent`.
    pub proactive_kinds: Vec<String>,
    /// Days after a self-service use in which a ticket means it failed. Default 7.
    pub deflection_window_days: f64,
    /// Days after a resolution in which a new ticket means the fix failed. Default 7.
    pub repeat_window_days: f64,
    /// Days after a resolution in which a new ticket means the need behind it remains. Default 30.
    pub repeat_need_days: f64,
    /// Days after a recommendation or proactive message in which a purchase counts. Default 7.
    pub uptake_window_days: f64,
    /// Thresholds of levels 1–6 (percent for 1–5, NPS points for 6). Default 60, 70, 80, 10, 15, 50.
    pub thresholds: [f64; 6],
    /// Fewest trigger events (or NPS answers) a level needs to be judged. Default 5.
    pub min_evidence: u64,
    /// Whether a level without enough data stops the climb. Default false: it is skipped.
    pub no_data_blocks: bool,
}

impl Default for PyramidOptions {
    fn default() -> Self {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect();
        PyramidOptions {
            self_service_kinds: s(&[
                "help_view",
                "help_viewed",
                "faq_view",
                "faq_viewed",
                "help_article_view",
                "help_article_viewed",
            ]),
            recommendation_kinds: s(&[
                "recommendation_view",
                "recommendation_viewed",
                "recommendation_click",
                "recommendation_clicked",
            ]),
            proactive_kinds: s(&[
                "reorder_reminder",
                "reorder_reminder_sent",
                "replenishment_reminder",
                "replenishment_reminder_sent",
            ]),
            deflection_window_days: 7.0,
            repeat_window_days: 7.0,
            repeat_need_days: 30.0,
            uptake_window_days: 7.0,
            thresholds: [60.0, 70.0, 80.0, 10.0, 15.0, 50.0],
            min_evidence: 5,
            no_data_blocks: false,
        }
    }
}

/// The names of the six levels, bottom to top.
pub const LEVELS: [&str; 6] = [
    "information",
    "problem_solving",
    "underlying_need",
    "anticipation",
    "proactivity",
    "transformation",
];

/// One level of the pyramid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PyramidLevel {
    /// 1 (bottom) to 6 (top).
    pub level: u8,
    /// The level's name.
    pub name: String,
    /// What the value measures.
    pub indicator: String,
    /// The measured value (`None`: not enough data).
    pub value: Option<f64>,
    /// The threshold the value must reach.
    pub threshold: f64,
    /// Whether it is met (`None`: not enough data).
    pub met: Option<bool>,
    /// How many trigger events (or answers) the value rests on.
    pub evidence: u64,
}

/// The CX pyramid of a dataset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PyramidReport {
    /// The six levels, bottom to top.
    pub levels: Vec<PyramidLevel>,
    /// The highest level reached (0: not even level 1).
    pub reached: u8,
    /// The level furthest below its threshold (value ÷ threshold), if any level has data.
    pub weakest: Option<u8>,
}

#[derive(Debug, Default, Clone, Copy, serde::Serialize, serde::Deserialize)]
struct Ratio {
    good: u64,
    all: u64,
}

/// The pyramid analysis as a [`CustomerPass`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PyramidPass {
    options: PyramidOptions,
    self_service: Vec<u16>,
    recommendation: Vec<u16>,
    proactive: Vec<u16>,
    opened: Option<u16>,
    resolved: Option<u16>,
    purchase: Option<u16>,
    ratios: [Ratio; 5],
    nps: NpsTally,
}

fn codes(data: &Dataset, names: &[String], option: &str) -> Result<Vec<u16>> {
    let mut out = Vec::new();
    for (i, n) in names.iter().enumerate() {
        let k = EventKind::parse(n)
            .ok_or_else(|| TouchpointError::config(format!("{option}[{i}]"), "is empty"))?;
        out.extend(data.kind_code(&k));
    }
    Ok(out)
}

impl PyramidPass {
    /// A pass over `data`.
    pub fn new(data: &Dataset, options: &PyramidOptions) -> Result<Self> {
        for (name, v) in [
            ("deflection_window_days", options.deflection_window_days),
            ("repeat_window_days", options.repeat_window_days),
            ("repeat_need_days", options.repeat_need_days),
            ("uptake_window_days", options.uptake_window_days),
        ] {
            crate::limits::window_ms(v, DAY_MS as f64, name)?;
        }
        if let Some(i) = options.thresholds.iter().position(|t| !t.is_finite()) {
            return Err(TouchpointError::config(
                format!("thresholds[{i}]"),
                "must be a finite number",
            ));
        }
        Ok(PyramidPass {
            options: options.clone(),
            self_service: codes(data, &options.self_service_kinds, "self_service_kinds")?,
            recommendation: codes(data, &options.recommendation_kinds, "recommendation_kinds")?,
            proactive: codes(data, &options.proactive_kinds, "proactive_kinds")?,
            opened: data.kind_code(&EventKind::TicketOpened),
            resolved: data.kind_code(&EventKind::TicketResolved),
            purchase: data.kind_code(&EventKind::Purchase),
            ratios: [Ratio::default(); 5],
            nps: NpsTally::default(),
        })
    }

    /// The pyramid of everything seen.
    pub fn finish(self) -> PyramidReport {
        let o = &self.options;
        let indicators = [
            "% of self-service uses not followed by a ticket",
            "% of resolved tickets not followed by a new ticket (first-contact resolution)",
            "% of resolved tickets whose need did not come back",
            "% of recommendations followed by a purchase",
            "% of proactive messages followed by a purchase",
            "NPS",
        ];
        let nps = self.nps.summary();
        let mut levels = Vec::with_capacity(6);
        for (i, name) in LEVELS.iter().enumerate() {
            let (value, evidence) = if i < 5 {
                let r = self.ratios[i];
                (
                    (r.all > 0).then(|| 100.0 * r.good as f64 / r.all as f64),
                    r.all,
                )
            } else {
                (nps.nps, nps.responses)
            };
            let value = value.filter(|_| evidence >= o.min_evidence.max(1));
            levels.push(PyramidLevel {
                level: i as u8 + 1,
                name: name.to_string(),
                indicator: indicators[i].to_string(),
                value,
                threshold: o.thresholds[i],
                met: value.map(|v| v >= o.thresholds[i]),
                evidence,
            });
        }
        let mut reached = 0;
        for l in &levels {
            match l.met {
                Some(true) => reached = l.level,
                Some(false) => break,
                None if o.no_data_blocks => break,
                None => {}
            }
        }
        let weakest = levels
            .iter()
            .filter_map(|l| l.value.map(|v| (l.level, v - l.threshold, l.threshold)))
            .map(|(level, gap, t)| (level, if t.abs() > 0.0 { gap / t.abs() } else { gap }))
            .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))
            .map(|(level, _)| level);
        PyramidReport {
            levels,
            reached,
            weakest,
        }
    }
}

/// Whether an event of a kind in `targets` follows event `i` within `window_ms`.
fn followed_by(c: &CustomerEvents<'_>, i: usize, targets: &[Option<u16>], window_ms: i64) -> bool {
    let limit = c.ts[i].saturating_add(window_ms);
    c.ts[i + 1..]
        .iter()
        .zip(&c.kind[i + 1..])
        .take_while(|(t, _)| **t <= limit)
        .any(|(_, k)| targets.contains(&Some(*k)))
}

impl CustomerPass for PyramidPass {
    fn customer(&mut self, _ctx: &PassContext<'_>, c: &CustomerEvents<'_>) {
        let o = &self.options;
        // Checked by `new`: at most `limits::MAX_WINDOW_MS`, so an event time plus one fits.
        let days = |d: f64| (d * DAY_MS as f64).round() as i64;
        let (ticket, buy) = ([self.opened], [self.purchase]);
        for i in 0..c.len() {
            let k = c.kind[i];
            let mut count = |level: usize, good: bool| {
                self.ratios[level].all += 1;
                self.ratios[level].good += good as u64;
            };
            if self.self_service.contains(&k) {
                count(
                    0,
                    !followed_by(c, i, &ticket, days(o.deflection_window_days)),
                );
            }
            if Some(k) == self.resolved {
                count(1, !followed_by(c, i, &ticket, days(o.repeat_window_days)));
                count(2, !followed_by(c, i, &ticket, days(o.repeat_need_days)));
            }
            if self.recommendation.contains(&k) {
                count(3, followed_by(c, i, &buy, days(o.uptake_window_days)));
            }
            if self.proactive.contains(&k) {
                count(4, followed_by(c, i, &buy, days(o.uptake_window_days)));
            }
            for (metric, score) in c.answers(i) {
                if metric == SurveyMetric::Nps {
                    self.nps.add(score);
                }
            }
        }
    }
}

impl MergeablePass for PyramidPass {
    fn merge(&mut self, later: Self) {
        for (a, b) in self.ratios.iter_mut().zip(later.ratios) {
            a.good += b.good;
            a.all += b.all;
        }
        self.nps.merge(&later.nps);
    }
}

/// The CX pyramid of `data`.
pub fn cx_pyramid(data: &Dataset, options: &PyramidOptions) -> Result<PyramidReport> {
    let pass = PyramidPass::new(data, options)?;
    Ok(run_pass(&PassContext::new(data, &StageMap::default()), pass).finish())
}
