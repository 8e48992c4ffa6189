//! Customer effort score (CES 2.0): 1–7 agreement with "the company made it easy for me".
//! 7 means least effort. Low effort = answers 5–7, high effort = answers 1–3.

use crate::{Result, SurveyMetric};
use serde::{Deserialize, Serialize};

/// Counts of 1–7 answers; `counts[s - 1]` answers of score `s`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CesTally {
    /// `counts[s - 1]` answers of score `s`.
    pub counts: [u64; 7],
}

impl CesTally {
    /// Adds a checked answer (1–7).
    pub fn add(&mut self, score: u8) {
        self.counts[(score.clamp(1, 7) - 1) as usize] += 1;
    }

    /// Adds another tally.
    pub fn merge(&mut self, other: &CesTally) {
        for (a, b) in self.counts.iter_mut().zip(other.counts) {
            *a += b;
        }
    }

    /// The summary of what was added.
    pub fn summary(&self) -> CesSummary {
        let responses: u64 = self.counts.iter().sum();
        let low_effort: u64 = self.counts[4..].iter().sum();
        let high_effort: u64 = self.counts[..3].iter().sum();
        let total: u64 = self
            .counts
            .iter()
            .enumerate()
            .map(|(i, c)| (i as u64 + 1) * c)
            .sum();
        let share = |k: u64| (responses > 0).then(|| 100.0 * k as f64 / responses as f64);
        CesSummary {
            responses,
            mean: (responses > 0).then(|| total as f64 / responses as f64),
            low_effort,
            low_effort_share: share(low_effort),
            high_effort,
            high_effort_share: share(high_effort),
            counts: self.counts,
        }
    }
}

/// CES of a set of answers. With no answers the ratios are `None` ("no data").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CesSummary {
    /// Number of answers.
    pub responses: u64,
    /// Mean answer (1–7, higher = easier).
    pub mean: Option<f64>,
    /// Answers of 5, 6 or 7.
    pub low_effort: u64,
    /// Percent of answers that are 5, 6 or 7.
    pub low_effort_share: Option<f64>,
    /// Answers of 1, 2 or 3.
    pub high_effort: u64,
    /// Percent of answers that are 1, 2 or 3.
    pub high_effort_share: Option<f64>,
    /// `counts[s - 1]` answers of score `s`.
    pub counts: [u64; 7],
}

/// The CES of 1–7 answers. A non-integer or out-of-range answer is an error naming it.
pub fn ces(answers: &[f64]) -> Result<CesSummary> {
    let counts = crate::survey::answers::histogram::<7>(answers, SurveyMetric::Ces)?;
    Ok(CesTally { counts }.summary())
}
