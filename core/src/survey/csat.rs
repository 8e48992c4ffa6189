//! Customer satisfaction (CSAT): the share of 1–5 answers that are 4 or 5.

use crate::{Result, SurveyMetric};
use serde::{Deserialize, Serialize};

/// Counts of 1–5 answers; `counts[s - 1]` answers of score `s`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsatTally {
    /// `counts[s - 1]` answers of score `s`.
    pub counts: [u64; 5],
}

impl CsatTally {
    /// Adds a checked answer (1–5).
    pub fn add(&mut self, score: u8) {
        self.counts[(score.clamp(1, 5) - 1) as usize] += 1;
    }

    /// Adds another tally.
    pub fn merge(&mut self, other: &CsatTally) {
        for (a, b) in self.counts.iter_mut().zip(other.counts) {
            *a += b;
        }
    }

    /// The summary of what was added.
    pub fn summary(&self) -> CsatSummary {
        let responses: u64 = self.counts.iter().sum();
        let satisfied = self.counts[3] + self.counts[4];
        let total: u64 = self
            .counts
            .iter()
            .enumerate()
            .map(|(i, c)| (i as u64 + 1) * c)
            .sum();
        CsatSummary {
            responses,
            satisfied,
            csat: (responses > 0).then(|| 100.0 * satisfied as f64 / responses as f64),
            mean: (responses > 0).then(|| total as f64 / responses as f64),
            counts: self.counts,
        }
    }
}

/// CSAT of a set of answers. With no answers the ratios are `None` ("no data").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CsatSummary {
    /// Number of answers.
    pub responses: u64,
    /// Answers of 4 or 5.
    pub satisfied: u64,
    /// Percent of answers that are 4 or 5.
    pub csat: Option<f64>,
    /// Mean answer (1–5).
    pub mean: Option<f64>,
    /// `counts[s - 1]` answers of score `s`.
    pub counts: [u64; 5],
}

/// The CSAT of 1–5 answers. A non-integer or out-of-range answer is an error naming it.
pub fn csat(answers: &[f64]) -> Result<CsatSummary> {
    let counts = crate::survey::answers::histogram::<5>(answers, SurveyMetric::Csat)?;
    Ok(CsatTally { counts }.summary())
}
