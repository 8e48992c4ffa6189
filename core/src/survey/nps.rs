//! Net Promoter Score: promoters (9–10), passives (7–8), detractors (0–6) and
//! NPS = % promoters − % detractors, with its 95% margin of error.

use crate::{Result, SurveyMetric};
use serde::{Deserialize, Serialize};

/// z for a two-sided 95% interval.
pub(crate) const Z95: f64 = 1.959_963_984_540_054;

/// Which NPS group an answer puts a customer in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NpsGroup {
    /// Answered 9 or 10.
    Promoter,
    /// Answered 7 or 8.
    Passive,
    /// Answered 0 to 6.
    Detractor,
}

impl NpsGroup {
    /// The group of a checked 0–10 answer.
    pub fn of(score: u8) -> NpsGroup {
        match score {
            9.. => NpsGroup::Promoter,
            7 | 8 => NpsGroup::Passive,
            _ => NpsGroup::Detractor,
        }
    }
}

/// Counts of 0–10 answers, one slot per score; add answers one at a time or merge tallies.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NpsTally {
    /// `counts[s]` answers of score `s`.
    pub counts: [u64; 11],
}

impl NpsTally {
    /// Adds a checked answer (0–10).
    pub fn add(&mut self, score: u8) {
        self.counts[score.min(10) as usize] += 1;
    }

    /// Adds another tally.
    pub fn merge(&mut self, other: &NpsTally) {
        for (a, b) in self.counts.iter_mut().zip(other.counts) {
            *a += b;
        }
    }

    /// The summary of what was added.
    pub fn summary(&self) -> NpsSummary {
        let sum = |r: std::ops::RangeInclusive<usize>| self.counts[r].iter().sum::<u64>();
        let (detractors, passives, promoters) = (sum(0..=6), sum(7..=8), sum(9..=10));
        let responses = detractors + passives + promoters;
        let share = |k: u64| (responses > 0).then(|| 100.0 * k as f64 / responses as f64);
        let (nps, margin_of_error) = if responses == 0 {
            (None, None)
        } else {
            let n = responses as f64;
            let (p, d) = (promoters as f64 / n, detractors as f64 / n);
            let variance = (p + d - (p - d) * (p - d)).max(0.0);
            (
                Some(100.0 * (p - d)),
                Some(100.0 * Z95 * (variance / n).sqrt()),
            )
        };
        NpsSummary {
            responses,
            promoters,
            passives,
            detractors,
            promoter_share: share(promoters),
            passive_share: share(passives),
            detractor_share: share(detractors),
            nps,
            margin_of_error,
        }
    }
}

/// NPS of a set of answers. Shares are percentages (0–100), the NPS is in [-100, 100].
/// With no answers every ratio is `None` ("no data"), never NaN.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NpsSummary {
    /// Number of answers.
    pub responses: u64,
    /// Answers of 9 or 10.
    pub promoters: u64,
    /// Answers of 7 or 8.
    pub passives: u64,
    /// Answers of 0 to 6.
    pub detractors: u64,
    /// Percent of answers that are promoters.
    pub promoter_share: Option<f64>,
    /// Percent of answers that are passives.
    pub passive_share: Option<f64>,
    /// Percent of answers that are detractors.
    pub detractor_share: Option<f64>,
    /// % promoters − % detractors.
    pub nps: Option<f64>,
    /// Half-width of the 95% confidence interval of the NPS, in NPS points
    /// (normal approximation: 1.96 · √((p + d − (p − d)²) / n) · 100).
    pub margin_of_error: Option<f64>,
}

/// The NPS of 0–10 answers. A non-integer or out-of-range answer is an
/// [`OutOfRange`](crate::TouchpointError::OutOfRange) error naming its 1-based position.
pub fn nps(answers: &[f64]) -> Result<NpsSummary> {
    let counts = crate::survey::answers::histogram::<11>(answers, SurveyMetric::Nps)?;
    Ok(NpsTally { counts }.summary())
}
