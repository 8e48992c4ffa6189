//! Corrections of p-values for many comparisons at once (treatments × metrics).

use crate::model::error::{RecordRef, Result, TouchpointError};
use serde::{Deserialize, Serialize};

/// How p-values are corrected across many comparisons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Correction {
    /// No correction (the default).
    #[default]
    None,
    /// Holm-Bonferroni: controls the chance of any false positive (family-wise error).
    Holm,
    /// Benjamini-Hochberg: controls the expected share of false positives among the
    /// positives (false discovery rate).
    BenjaminiHochberg,
}

/// The p-values adjusted by `correction`, in their order, as statsmodels' `multipletests`
/// (`"holm"`, `"fdr_bh"`) gives them: a comparison is significant at level alpha when its
/// adjusted p-value is below alpha.
///
/// A p-value outside [0, 1] (or NaN) is `OUT_OF_RANGE` naming `p_values` and its 1-based
/// position.
pub fn adjust_p_values(p_values: &[f64], correction: Correction) -> Result<Vec<f64>> {
    if let Some(i) = p_values.iter().position(|p| !(0.0..=1.0).contains(p)) {
        return Err(TouchpointError::OutOfRange {
            record: RecordRef::Record(i as u64 + 1),
            field: "p_values".into(),
            value: p_values[i].to_string(),
            expected: "a probability from 0 to 1".into(),
        });
    }
    let m = p_values.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| p_values[a].total_cmp(&p_values[b]));
    let mut adjusted = vec![0.0; m];
    match correction {
        Correction::None => return Ok(p_values.to_vec()),
        Correction::Holm => {
            // (m − rank) × p, rising with the rank.
            let mut running = 0.0f64;
            for (rank, &i) in order.iter().enumerate() {
                running = running.max(((m - rank) as f64 * p_values[i]).min(1.0));
                adjusted[i] = running;
            }
        }
        Correction::BenjaminiHochberg => {
            // p ÷ ((rank + 1) / m), as statsmodels divides (so the largest p stays itself),
            // falling from the largest rank down.
            let mut running = 1.0f64;
            for (rank, &i) in order.iter().enumerate().rev() {
                running = running.min(p_values[i] / ((rank + 1) as f64 / m as f64));
                adjusted[i] = running;
            }
        }
    }
    Ok(adjusted)
}
