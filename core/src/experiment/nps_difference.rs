//! The difference in Net Promoter Score between two groups (variants, or two survey waves),
//! with its interval from the trinomial variance of each score.

use super::distributions::Reference;
use super::srm::check_probability;
use crate::model::error::{Result, TouchpointError};
use serde::{Deserialize, Serialize};

/// A group's answers by class: promoters (9–10), passives (7–8), detractors (0–6). Extra
/// fields are ignored, so an NPS summary (`nps(answers)`) serves as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NpsCounts {
    /// Answers of 9 or 10.
    pub promoters: u64,
    /// Answers of 7 or 8.
    pub passives: u64,
    /// Answers of 0 to 6.
    pub detractors: u64,
}

/// One group's score with its standard error, in points (−100 to 100).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NpsEstimate {
    /// Answers.
    pub responses: u64,
    /// % promoters − % detractors.
    pub nps: f64,
    /// √((p + d − (p − d)²) / n) × 100, p and d the shares of promoters and detractors.
    pub std_error: f64,
}

/// The treatment's (or the later wave's) NPS minus the control's, tested.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NpsDifference {
    /// The control (or earlier wave).
    pub control: NpsEstimate,
    /// The treatment (or later wave).
    pub treatment: NpsEstimate,
    /// treatment − control, in points.
    pub difference: f64,
    /// √(se_control² + se_treatment²).
    pub std_error: f64,
    /// The difference's two-sided interval at 1 − alpha, in points.
    pub lower: f64,
    /// Its upper bound.
    pub upper: f64,
    /// difference ÷ std_error.
    pub z: f64,
    /// The two-sided p-value (normal reference).
    pub p_value: f64,
    /// Whether the p-value is below alpha.
    pub significant: bool,
}

fn estimate(c: &NpsCounts, field: &str) -> Result<(NpsEstimate, f64)> {
    let n = c.promoters + c.passives + c.detractors;
    if n == 0 {
        return Err(TouchpointError::config(
            field,
            "no answers: an NPS needs at least one",
        ));
    }
    let nf = n as f64;
    let (p, d) = (c.promoters as f64 / nf, c.detractors as f64 / nf);
    // The score of one answer is +1, 0 or −1: its variance is p + d − (p − d)².
    let variance = ((p + d - (p - d) * (p - d)) / nf).max(0.0);
    Ok((
        NpsEstimate {
            responses: n,
            nps: 100.0 * (p - d),
            std_error: 100.0 * variance.sqrt(),
        },
        variance,
    ))
}

/// The NPS of `treatment` minus that of `control`, with its interval at 1 − alpha and a
/// two-sided z-test, each score's variance the trinomial one (every answer scores +1, 0 or
/// −1). A group with no answers, or no spread in both (every answer the same class in each),
/// is `INVALID_CONFIG` naming `control` or `treatment`; alpha outside (0, 1) names `alpha`.
pub fn nps_difference(
    control: &NpsCounts,
    treatment: &NpsCounts,
    alpha: f64,
) -> Result<NpsDifference> {
    check_probability("alpha", alpha)?;
    let (c, vc) = estimate(control, "control")?;
    let (t, vt) = estimate(treatment, "treatment")?;
    let se = (vc + vt).sqrt();
    if se == 0.0 {
        return Err(TouchpointError::config(
            "treatment",
            "every answer of each group is of one class: no spread, nothing to test",
        ));
    }
    let difference = t.nps - c.nps;
    let z = difference / (100.0 * se);
    let q = Reference::Normal.quantile(1.0 - alpha / 2.0);
    let p_value = (2.0 * Reference::Normal.upper_tail(z.abs())).min(1.0);
    Ok(NpsDifference {
        control: c,
        treatment: t,
        difference,
        std_error: 100.0 * se,
        lower: difference - q * 100.0 * se,
        upper: difference + q * 100.0 * se,
        z,
        p_value,
        significant: p_value < alpha,
    })
}
