//! How well a purchase model predicts: fitted on the calibration period, compared with what
//! each customer actually bought in the holdout period (lifetimes'
//! `plot_calibration_purchases_vs_holdout_purchases`, as a table).
//!
//! Customers are grouped by their calibration-period frequency (repeat purchases): one group
//! per frequency from 0 to `max_frequency − 1`, and one group for `max_frequency` or more
//! (lifetimes drops those; its default `n` is 7). For each group: the mean purchases the
//! customers made in the holdout (`actual`) and the mean the model expected for them over
//! the holdout's duration, given their calibration history (`predicted`).

use super::inputs::check_histories;
use super::{PurchaseHistories, PurchaseModel};
use crate::model::error::{Result, TouchpointError};
use serde::{Deserialize, Serialize};

/// Options of [`calibration_report`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CalibrationOptions {
    /// The first frequency whose customers are pooled into one last group. Default 7.
    pub max_frequency: u32,
}

impl Default for CalibrationOptions {
    fn default() -> Self {
        CalibrationOptions { max_frequency: 7 }
    }
}

/// The customers of one calibration frequency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalibrationGroup {
    /// Their repeat purchases in the calibration period (the last group: at least this).
    pub frequency: u32,
    /// Whether this is the last group, of `frequency` or more.
    pub or_more: bool,
    /// How many customers.
    pub customers: u64,
    /// Their mean purchases in the holdout.
    pub actual: f64,
    /// The mean purchases the model expected of them in the holdout.
    pub predicted: f64,
}

/// The result of [`calibration_report`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalibrationReport {
    /// The holdout's duration, in the histories' units.
    pub duration: f64,
    /// How many customers.
    pub customers: u64,
    /// Every customer's holdout purchases, summed.
    pub actual_purchases: f64,
    /// The purchases the model expected of them, summed.
    pub predicted_purchases: f64,
    /// The mean absolute difference between a customer's actual and predicted holdout
    /// purchases (`None` without customers).
    pub mean_absolute_error: Option<f64>,
    /// The groups by calibration frequency, lowest first; empty groups are left out.
    pub groups: Vec<CalibrationGroup>,
}

/// Compares `model`'s predictions for the holdout with the purchases made in it: `h` must
/// be a calibration / holdout split (histories made with a `calibration_end`), else
/// `INVALID_CONFIG` naming `holdout`.
pub fn calibration_report(
    model: &PurchaseModel,
    h: &PurchaseHistories,
    o: &CalibrationOptions,
) -> Result<CalibrationReport> {
    if o.max_frequency == 0 {
        return Err(TouchpointError::config("max_frequency", "at least 1"));
    }
    let holdout = h.holdout.as_ref().ok_or_else(|| {
        TouchpointError::config(
            "holdout",
            "these histories have no holdout period: make them with a `calibration_end`",
        )
    })?;
    if holdout.frequency.len() != h.len() {
        return Err(TouchpointError::config(
            "holdout",
            format!(
                "{} customers but {} holdout frequencies",
                h.len(),
                holdout.frequency.len()
            ),
        ));
    }
    check_histories(h, Some(model.model))?;
    let predicted = model.predict(h, holdout.duration)?.expected_purchases;
    let cap = o.max_frequency as usize;
    // [customers, actual, predicted] per group.
    let mut sums = vec![[0.0f64; 3]; cap + 1];
    let mut error = 0.0;
    for (i, &p) in predicted.iter().enumerate() {
        let g = (h.frequency[i] as usize).min(cap);
        let actual = holdout.frequency[i];
        sums[g][0] += 1.0;
        sums[g][1] += actual;
        sums[g][2] += p;
        error += (actual - p).abs();
    }
    let n = h.len();
    Ok(CalibrationReport {
        duration: holdout.duration,
        customers: n as u64,
        actual_purchases: holdout.frequency.iter().sum(),
        predicted_purchases: predicted.iter().sum(),
        mean_absolute_error: (n > 0).then(|| error / n as f64),
        groups: sums
            .iter()
            .enumerate()
            .filter(|(_, s)| s[0] > 0.0)
            .map(|(g, s)| CalibrationGroup {
                frequency: g as u32,
                or_more: g == cap,
                customers: s[0] as u64,
                actual: s[1] / s[0],
                predicted: s[2] / s[0],
            })
            .collect(),
    })
}
