//! Two waves of one survey compared, question by question: NPS by the trinomial z-test
//! (`nps_difference`), a rating's mean by Welch's t-test and its top box by a two-proportion
//! z-test, a yes/no share likewise, and the engagement index by Welch's t over customers —
//! the statistics the experiments use.

use super::definition::QuestionType;
use super::report::SurveyReport;
use crate::experiment::effect::{compare, Estimate, Test};
use crate::experiment::{Alternative, MetricKind};
use crate::model::error::{Result, TouchpointError};
use crate::{nps_difference, NpsCounts};
use serde::{Deserialize, Serialize};

/// What a change measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WaveMeasure {
    /// Net Promoter Score, in points.
    Nps,
    /// A rating's mean answer.
    Mean,
    /// A rating's top-box percentage (CSAT, the CES "easy" share).
    TopBoxShare,
    /// A yes/no question's percentage of yes.
    YesShare,
    /// The engagement index (0–100), over customers.
    EngagementIndex,
}

/// One measure in the earlier and the later wave, and the change tested.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WaveChange {
    /// The question (`engagement_index` for the index).
    pub question: String,
    /// What is measured.
    pub measure: WaveMeasure,
    /// Its value in the earlier wave.
    pub earlier: Option<f64>,
    /// Its value in the later wave.
    pub later: Option<f64>,
    /// later − earlier.
    pub difference: Option<f64>,
    /// The difference's interval at 1 − alpha, lower bound.
    pub lower: Option<f64>,
    /// Its upper bound.
    pub upper: Option<f64>,
    /// The two-sided p-value.
    pub p_value: Option<f64>,
    /// Whether the p-value is below alpha.
    pub significant: bool,
    /// Why there is no test, when there is none (too few answers, no spread).
    pub note: Option<String>,
}

/// Two waves of a survey compared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WaveComparison {
    /// The significance level.
    pub alpha: f64,
    /// The earlier wave's responses.
    pub earlier_responses: u64,
    /// The later wave's responses.
    pub later_responses: u64,
    /// The changes, question by question in the later wave's order, then the index.
    pub changes: Vec<WaveChange>,
}

fn untested(
    question: &str,
    measure: WaveMeasure,
    e: Option<f64>,
    l: Option<f64>,
    note: &str,
) -> WaveChange {
    WaveChange {
        question: question.to_string(),
        measure,
        earlier: e,
        later: l,
        difference: e.zip(l).map(|(e, l)| l - e),
        lower: None,
        upper: None,
        p_value: None,
        significant: false,
        note: Some(note.to_string()),
    }
}

/// Compares two estimates (`value` in the unit reported, `variance` of one unit's value),
/// by Welch's t for a mean or a z-test for a proportion; `scale` turns a proportion into
/// percentage points.
#[allow(clippy::too_many_arguments)]
fn tested(
    question: &str,
    measure: WaveMeasure,
    kind: MetricKind,
    (n0, v0, var0): (u64, f64, f64),
    (n1, v1, var1): (u64, f64, f64),
    scale: f64,
    alpha: f64,
) -> WaveChange {
    let (e, l) = (Some(v0 * scale), Some(v1 * scale));
    if n0 < 2 || n1 < 2 {
        return untested(question, measure, e, l, "fewer than two answers in a wave");
    }
    if var0 == 0.0 && var1 == 0.0 {
        return untested(
            question,
            measure,
            e,
            l,
            "every answer is the same in both waves",
        );
    }
    let estimate = |n: u64, v: f64, var: f64| Estimate {
        units: n as f64,
        value: v,
        raw: v,
        variance: var,
    };
    let test = Test {
        kind,
        alpha,
        alternative: Alternative::TwoSided,
        pooled: false,
    };
    let (effect, _, _) = compare(&test, &estimate(n0, v0, var0), &estimate(n1, v1, var1));
    WaveChange {
        question: question.to_string(),
        measure,
        earlier: e,
        later: l,
        difference: Some(effect.estimate * scale),
        lower: effect.interval.lower.map(|x| x * scale),
        upper: effect.interval.upper.map(|x| x * scale),
        p_value: Some(effect.p_value),
        significant: effect.p_value < alpha,
        note: None,
    }
}

/// A proportion `k / n` as (n, p, p(1 − p)).
fn proportion(k: u64, n: u64) -> (u64, f64, f64) {
    let p = if n > 0 { k as f64 / n as f64 } else { 0.0 };
    (n, p, p * (1.0 - p))
}

/// Compares the `later` wave of a survey with the `earlier` one, question by question (the
/// questions both reports have), at significance level `alpha` (two-sided). Free-text and
/// choice questions are not compared. `alpha` outside (0, 1) is `INVALID_CONFIG`.
pub fn compare_survey_waves(
    earlier: &SurveyReport,
    later: &SurveyReport,
    alpha: f64,
) -> Result<WaveComparison> {
    if !(alpha > 0.0 && alpha < 1.0) {
        return Err(TouchpointError::config("alpha", "must be between 0 and 1"));
    }
    let mut changes = Vec::new();
    for b in &later.overall.questions {
        let Some(a) = earlier
            .overall
            .questions
            .iter()
            .find(|a| a.question == b.question)
        else {
            continue;
        };
        if a.kind != b.kind {
            return Err(TouchpointError::config(
                "later",
                format!("question `{}` is of another type in each wave", b.question),
            ));
        }
        let id = b.question.as_str();
        match (
            b.kind, &a.nps, &b.nps, &a.rating, &b.rating, &a.yes_no, &b.yes_no,
        ) {
            (QuestionType::Nps, Some(x), Some(y), ..) => {
                let counts = |s: &crate::NpsSummary| NpsCounts {
                    promoters: s.promoters,
                    passives: s.passives,
                    detractors: s.detractors,
                };
                changes.push(match nps_difference(&counts(x), &counts(y), alpha) {
                    Ok(d) => WaveChange {
                        question: id.to_string(),
                        measure: WaveMeasure::Nps,
                        earlier: x.nps,
                        later: y.nps,
                        difference: Some(d.difference),
                        lower: Some(d.lower),
                        upper: Some(d.upper),
                        p_value: Some(d.p_value),
                        significant: d.significant,
                        note: None,
                    },
                    Err(e) => untested(id, WaveMeasure::Nps, x.nps, y.nps, &e.to_string()),
                });
            }
            (_, _, _, Some(x), Some(y), ..) => {
                let (n0, n1) = (a.responses, b.responses);
                changes.push(match (x.mean, y.mean) {
                    (Some(m0), Some(m1)) => tested(
                        id,
                        WaveMeasure::Mean,
                        MetricKind::Mean,
                        (n0, m0, x.std_dev.unwrap_or(0.0).powi(2)),
                        (n1, m1, y.std_dev.unwrap_or(0.0).powi(2)),
                        1.0,
                        alpha,
                    ),
                    (m0, m1) => untested(id, WaveMeasure::Mean, m0, m1, "no answers in a wave"),
                });
                changes.push(tested(
                    id,
                    WaveMeasure::TopBoxShare,
                    MetricKind::Conversion,
                    proportion(x.top_box, n0),
                    proportion(y.top_box, n1),
                    100.0,
                    alpha,
                ));
            }
            (QuestionType::YesNo, .., Some(x), Some(y)) => changes.push(tested(
                id,
                WaveMeasure::YesShare,
                MetricKind::Conversion,
                proportion(x.yes, a.responses),
                proportion(y.yes, b.responses),
                100.0,
                alpha,
            )),
            _ => {}
        }
    }
    if let (Some(x), Some(y)) = (&earlier.engagement_index, &later.engagement_index) {
        let m = |e: &super::index::EngagementIndex| {
            (
                e.customers,
                e.index.unwrap_or(0.0),
                e.std_dev.unwrap_or(0.0).powi(2),
            )
        };
        changes.push(if x.index.is_some() && y.index.is_some() {
            tested(
                "engagement_index",
                WaveMeasure::EngagementIndex,
                MetricKind::Mean,
                m(x),
                m(y),
                1.0,
                alpha,
            )
        } else {
            untested(
                "engagement_index",
                WaveMeasure::EngagementIndex,
                x.index,
                y.index,
                "no complete response in a wave",
            )
        });
    }
    Ok(WaveComparison {
        alpha,
        earlier_responses: earlier.responses,
        later_responses: later.responses,
        changes,
    })
}
