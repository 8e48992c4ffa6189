//! Planning an experiment: the units needed to detect an effect, and the effect a number of
//! units can detect, for conversion rates and means, as statsmodels' `NormalIndPower`
//! computes them (two independent samples, the normal approximation, both tails counted in a
//! two-sided test); a conversion's effect is measured by Cohen's h (statsmodels'
//! `proportion_effectsize`), a mean's by the difference over the standard deviation.

use super::distributions::Reference;
use super::srm::check_probability;
use super::{Alternative, MetricKind};
use crate::model::error::{Result, TouchpointError};
use serde::{Deserialize, Serialize};

fn five_percent() -> f64 {
    0.05
}

fn eighty_percent() -> f64 {
    0.8
}

fn one() -> f64 {
    1.0
}

/// What the plan is for: a metric's baseline (the control's rate or mean) and, for a mean,
/// the standard deviation of one unit's value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PowerOptions {
    /// A conversion rate or a mean (a ratio is planned as a mean of its per-unit values).
    pub kind: MetricKind,
    /// The control's conversion rate (between 0 and 1) or mean.
    pub baseline: f64,
    /// A mean's standard deviation per unit (above 0); not given for a conversion.
    #[serde(default)]
    pub std_dev: Option<f64>,
    /// The significance level. Default 0.05.
    #[serde(default = "five_percent")]
    pub alpha: f64,
    /// The chance to detect the effect when it is there. Default 0.8.
    #[serde(default = "eighty_percent")]
    pub power: f64,
    /// Two-sided (the default) or one-sided (`greater`: the effect is an increase).
    #[serde(default)]
    pub alternative: Alternative,
    /// Treatment units per control unit. Default 1.
    #[serde(default = "one")]
    pub ratio: f64,
}

/// The units an experiment needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SampleSize {
    /// The control's units, exactly as solved (not rounded).
    pub control: f64,
    /// The treatment's units (`control × ratio`).
    pub treatment: f64,
    /// Both, each rounded up to a whole unit.
    pub total: u64,
    /// The standardized effect: Cohen's h for a rate, difference ÷ standard deviation for
    /// a mean.
    pub effect_size: f64,
}

/// The smallest effect an experiment of a given size detects with the planned power.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DetectableEffect {
    /// The treatment's value at that effect (a rate or a mean).
    pub treatment: f64,
    /// treatment − baseline.
    pub absolute: f64,
    /// treatment ÷ baseline − 1; `None` when the baseline is 0.
    pub relative: Option<f64>,
    /// The standardized effect (Cohen's h, or difference ÷ standard deviation).
    pub effect_size: f64,
}

impl PowerOptions {
    fn check(&self) -> Result<()> {
        check_probability("alpha", self.alpha)?;
        check_probability("power", self.power)?;
        if !(self.ratio.is_finite() && self.ratio > 0.0) {
            return Err(TouchpointError::config(
                "ratio",
                "treatment units per control unit: a number above 0",
            ));
        }
        if self.alternative == Alternative::Less {
            return Err(TouchpointError::config(
                "alternative",
                "plan a decrease as `greater` on the reversed metric, or two-sided",
            ));
        }
        match (self.kind, self.std_dev) {
            (MetricKind::Conversion, None) if self.baseline > 0.0 && self.baseline < 1.0 => Ok(()),
            (MetricKind::Conversion, None) => Err(TouchpointError::config(
                "baseline",
                format!(
                    "{} is not a conversion rate strictly between 0 and 1",
                    self.baseline
                ),
            )),
            (MetricKind::Conversion, Some(_)) => Err(TouchpointError::config(
                "std_dev",
                "a conversion's spread follows from its rate: leave out std_dev",
            )),
            (_, Some(sd)) if sd.is_finite() && sd > 0.0 && self.baseline.is_finite() => Ok(()),
            (_, _) => Err(TouchpointError::config(
                "std_dev",
                "a mean's plan needs a finite baseline and a standard deviation above 0",
            )),
        }
    }

    /// The power of `control` control units against standardized effect `d` (statsmodels'
    /// `NormalIndPower.power`).
    fn power_at(&self, d: f64, control: f64) -> f64 {
        let scale = d * (control / (1.0 + 1.0 / self.ratio)).sqrt();
        let n = Reference::Normal;
        match self.alternative {
            Alternative::TwoSided => {
                let z = n.quantile(1.0 - self.alpha / 2.0);
                n.upper_tail(z - scale) + n.lower_tail(-z - scale)
            }
            _ => n.upper_tail(n.quantile(1.0 - self.alpha) - scale),
        }
    }

    /// The control units at which the power reaches `self.power` for effect `d > 0`
    /// (bisection on a function that rises with the units).
    fn units_for(&self, d: f64) -> f64 {
        let (mut lo, mut hi) = (0.0f64, 1.0f64);
        while self.power_at(d, hi) < self.power && hi < 1e18 {
            hi *= 2.0;
        }
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            if self.power_at(d, mid) < self.power {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        0.5 * (lo + hi)
    }
}

/// Cohen's h between rates: 2·asin(√p₂) − 2·asin(√p₁).
fn cohens_h(p2: f64, p1: f64) -> f64 {
    2.0 * p2.sqrt().asin() - 2.0 * p1.sqrt().asin()
}

/// The units an experiment needs to detect a relative effect of `relative_effect` (0.1 for
/// +10%) on the baseline with the planned power. `INVALID_CONFIG` naming the option for a bad
/// one (a rate outside (0, 1), a power or alpha outside (0, 1), …) or `relative_effect` for a
/// zero effect or a treatment rate outside (0, 1).
pub fn sample_size(o: &PowerOptions, relative_effect: f64) -> Result<SampleSize> {
    o.check()?;
    let target = o.baseline * (1.0 + relative_effect);
    let d = match o.kind {
        MetricKind::Conversion => cohens_h(target, o.baseline),
        _ => (target - o.baseline) / o.std_dev.unwrap_or(1.0),
    };
    let bad_rate = o.kind == MetricKind::Conversion && !(target > 0.0 && target < 1.0);
    if !(d.is_finite() && d != 0.0) || bad_rate {
        return Err(TouchpointError::config(
            "relative_effect",
            format!("{relative_effect} is no effect to detect (or leaves a rate outside 0 to 1)"),
        ));
    }
    if o.alternative == Alternative::Greater && d < 0.0 {
        return Err(TouchpointError::config(
            "relative_effect",
            "a one-sided (`greater`) plan detects an increase: give an effect above 0",
        ));
    }
    let control = o.units_for(d.abs());
    let treatment = control * o.ratio;
    Ok(SampleSize {
        control,
        treatment,
        total: control.ceil() as u64 + treatment.ceil() as u64,
        effect_size: d,
    })
}

/// The smallest increase that `control_units` control units (and `ratio` times as many
/// treated) detect with the planned power. `INVALID_CONFIG` for a bad option or fewer than 2
/// control units.
pub fn minimum_detectable_effect(o: &PowerOptions, control_units: f64) -> Result<DetectableEffect> {
    o.check()?;
    if !(control_units.is_finite() && control_units >= 2.0) {
        return Err(TouchpointError::config(
            "control_units",
            "at least 2 units in the control",
        ));
    }
    // The standardized effect at which the power is reached: bisection on d.
    let (mut lo, mut hi) = (0.0f64, 1.0f64);
    while o.power_at(hi, control_units) < o.power && hi < 1e9 {
        hi *= 2.0;
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if o.power_at(mid, control_units) < o.power {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let d = 0.5 * (lo + hi);
    let treatment = match o.kind {
        MetricKind::Conversion => {
            // Solve h(p₂, p₁) = d: p₂ = sin²(asin(√p₁) + d/2), at most 1.
            let angle = (o.baseline.sqrt().asin() + d / 2.0).min(std::f64::consts::FRAC_PI_2);
            angle.sin().powi(2)
        }
        _ => o.baseline + d * o.std_dev.unwrap_or(1.0),
    };
    Ok(DetectableEffect {
        treatment,
        absolute: treatment - o.baseline,
        relative: (o.baseline != 0.0).then(|| treatment / o.baseline - 1.0),
        effect_size: d,
    })
}
