//! The distributions the tests read, from statrs: quantiles and tail probabilities of the
//! standard normal, Student's t and chi-square.

use statrs::distribution::{ChiSquared, ContinuousCDF, Normal, StudentsT};

/// The standard normal, or Student's t with `df` degrees of freedom.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Reference {
    /// The standard normal (z-tests).
    Normal,
    /// Student's t (Welch's test).
    T(f64),
}

impl Reference {
    /// P(X > x).
    pub(crate) fn upper_tail(self, x: f64) -> f64 {
        match self {
            Reference::Normal => standard_normal().sf(x),
            Reference::T(df) => students_t(df).sf(x),
        }
    }

    /// P(X < x).
    pub(crate) fn lower_tail(self, x: f64) -> f64 {
        self.upper_tail(-x)
    }

    /// The `p` quantile (0 < p < 1).
    pub(crate) fn quantile(self, p: f64) -> f64 {
        match self {
            Reference::Normal => standard_normal().inverse_cdf(p),
            Reference::T(df) => t_quantile(df, p),
        }
    }
}

fn standard_normal() -> Normal {
    Normal::standard()
}

fn students_t(df: f64) -> StudentsT {
    // df > 0 and finite: the callers check the variances and counts first.
    StudentsT::new(0.0, 1.0, df).unwrap_or_else(|_| StudentsT::new(0.0, 1.0, 1.0).expect("t(1)"))
}

/// Student's t quantile: statrs's (through the inverse regularized beta), polished by two
/// Newton steps on its cdf (the tail nearer to `p`, for precision), which brings it to
/// scipy's to about 1e-12.
fn t_quantile(df: f64, p: f64) -> f64 {
    use statrs::distribution::Continuous;
    let t = students_t(df);
    let mut x = t.inverse_cdf(p);
    for _ in 0..2 {
        let density = t.pdf(x);
        if !(density > 0.0 && x.is_finite()) {
            break;
        }
        // F(x) - p, from the lower tail below the median and the upper tail above it.
        let excess = if p < 0.5 {
            t.cdf(x) - p
        } else {
            (1.0 - p) - t.sf(x)
        };
        let next = x - excess / density;
        if next.is_finite() {
            x = next;
        }
    }
    x
}

/// P(X > x) for chi-square with `df` degrees of freedom.
pub(crate) fn chi_square_upper_tail(x: f64, df: f64) -> f64 {
    ChiSquared::new(df).map_or(f64::NAN, |c| c.sf(x))
}
