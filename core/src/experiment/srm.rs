//! The sample-ratio mismatch check: were the units split as planned?

use super::distributions::chi_square_upper_tail;
use crate::model::error::{RecordRef, Result, TouchpointError};
use serde::{Deserialize, Serialize};

/// The exposures of each variant against the planned split (Pearson's chi-square test with
/// one degree of freedom fewer than variants, as GrowthBook's `check_srm` and scipy's
/// `chisquare`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SampleRatioCheck {
    /// Per variant: the units exposed.
    pub units: Vec<u64>,
    /// Per variant: the units the planned split expects (total × weight).
    pub expected: Vec<f64>,
    /// Pearson's statistic, Σ (units − expected)² / expected.
    pub chi_square: f64,
    /// Its p-value (chi-square with variants − 1 degrees of freedom).
    pub p_value: f64,
    /// Whether the p-value is below the threshold: the split is not the one planned, and
    /// the experiment's results should not be trusted until the cause is found.
    pub mismatch: bool,
}

/// The planned shares: `weights` checked (one per variant, each above 0, summing to 1
/// within 1e-6), or equal shares.
pub(crate) fn planned_shares(variants: usize, weights: Option<&[f64]>) -> Result<Vec<f64>> {
    let Some(weights) = weights else {
        return Ok(vec![1.0 / variants as f64; variants]);
    };
    if weights.len() != variants {
        return Err(TouchpointError::config(
            "weights",
            format!(
                "{} weights for {variants} variants: one per variant",
                weights.len()
            ),
        ));
    }
    if let Some(i) = weights.iter().position(|w| !(w.is_finite() && *w > 0.0)) {
        return Err(TouchpointError::OutOfRange {
            record: RecordRef::Record(i as u64 + 1),
            field: "weights".into(),
            value: weights[i].to_string(),
            expected: "a share above 0".into(),
        });
    }
    let total: f64 = weights.iter().sum();
    if (total - 1.0).abs() > 1e-6 {
        return Err(TouchpointError::config(
            "weights",
            format!("the weights sum to {total}: the shares of the variants sum to 1"),
        ));
    }
    Ok(weights.to_vec())
}

/// Checks that `threshold` is a probability strictly between 0 and 1.
pub(crate) fn check_probability(field: &str, value: f64) -> Result<()> {
    if value > 0.0 && value < 1.0 {
        Ok(())
    } else {
        Err(TouchpointError::config(
            field,
            format!("{value} is not a probability strictly between 0 and 1"),
        ))
    }
}

/// The sample-ratio check of `units` (per variant) against `weights` (default equal):
/// flagged when the p-value is below `threshold` (GrowthBook's default is 0.001).
///
/// Fewer than two variants, weights that are not one share above 0 per variant summing to
/// 1, no unit at all, or a threshold outside (0, 1) are `INVALID_CONFIG` errors (a weight
/// at or below 0 is `OUT_OF_RANGE` naming `weights`).
pub fn sample_ratio_check(
    units: &[u64],
    weights: Option<&[f64]>,
    threshold: f64,
) -> Result<SampleRatioCheck> {
    if units.len() < 2 {
        return Err(TouchpointError::config(
            "variants",
            format!(
                "an experiment compares at least two variants, got {}",
                units.len()
            ),
        ));
    }
    check_probability("srm_threshold", threshold)?;
    let shares = planned_shares(units.len(), weights)?;
    let total: f64 = units.iter().map(|&u| u as f64).sum();
    if total == 0.0 {
        return Err(TouchpointError::config(
            "units",
            "no unit was exposed to any variant",
        ));
    }
    let expected: Vec<f64> = shares.iter().map(|w| total * w).collect();
    let chi_square: f64 = units
        .iter()
        .zip(&expected)
        .map(|(&u, e)| (u as f64 - e).powi(2) / e)
        .sum();
    let p_value = chi_square_upper_tail(chi_square, (units.len() - 1) as f64);
    Ok(SampleRatioCheck {
        units: units.to_vec(),
        expected,
        chi_square,
        p_value,
        mismatch: p_value < threshold,
    })
}
