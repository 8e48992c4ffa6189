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

/// Student's t quantile. From 30 degrees of freedom up, the Cornish-Fisher expansion in
/// 1/df (Abramowitz and Stegun 26.7.5: within about 1e-8 at 30), polished below 1000 by one
/// Newton step on statrs's cdf; below 30, statrs's own quantile (through the inverse
/// regularized beta, four times slower) polished by two. Within 1e-11 of scipy's (tested).
fn t_quantile(df: f64, p: f64) -> f64 {
    use statrs::distribution::Continuous;
    let t = students_t(df);
    let (mut x, steps) = if df >= 30.0 {
        let z = standard_normal().inverse_cdf(p);
        let z2 = z * z;
        let g1 = (z2 + 1.0) * z / 4.0;
        let g2 = ((5.0 * z2 + 16.0) * z2 + 3.0) * z / 96.0;
        let g3 = (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) * z / 384.0;
        let g4 = ((((79.0 * z2 + 776.0) * z2 + 1482.0) * z2 - 1920.0) * z2 - 945.0) * z / 92160.0;
        // From 1000 degrees of freedom the expansion's next term is below 1e-11, and a
        // Newton step on statrs's cdf (less precise there) would only move it away.
        let steps = if df >= 1000.0 { 0 } else { 1 };
        (z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df, steps)
    } else {
        (t.inverse_cdf(p), 2)
    };
    for _ in 0..steps {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// scipy.stats.t.ppf(p, df) (scipy 1.16), around the switch from statrs's quantile to the
    /// expansion at 30 degrees of freedom, and far from it.
    const SCIPY: [(f64, f64, f64); 40] = [
        (1.5, 0.9, 2.1963984175655376),
        (1.5, 0.95, 3.70518082009675),
        (1.5, 0.975, 6.016663104427929),
        (1.5, 0.995, 17.820310514462804),
        (1.5, 0.0005, -82.84744670365761),
        (5.0, 0.9, 1.4758840488244815),
        (5.0, 0.95, 2.0150483733330233),
        (5.0, 0.975, 2.5705818356363146),
        (5.0, 0.995, 4.032142983555228),
        (5.0, 0.0005, -6.86882662588111),
        (29.9, 0.9, 1.3105137523618793),
        (29.9, 0.95, 1.6974417072384511),
        (29.9, 0.975, 2.0425589158185566),
        (29.9, 0.995, 2.750614269193996),
        (29.9, 0.0005, -3.647259085690303),
        (30.0, 0.9, 1.3104150253913955),
        (30.0, 0.95, 1.697260886593957),
        (30.0, 0.975, 2.0422724563012378),
        (30.0, 0.995, 2.7499956535672254),
        (30.0, 0.0005, -3.645958635042021),
        (31.7, 0.9, 1.3088339936132678),
        (31.7, 0.95, 1.6943666408657019),
        (31.7, 0.975, 2.0376896343317954),
        (31.7, 0.995, 2.740110657265477),
        (31.7, 0.0005, -3.625214606370447),
        (149.0, 0.9, 1.2872591354025067),
        (149.0, 0.95, 1.655144533797956),
        (149.0, 0.975, 1.976013177689192),
        (149.0, 0.995, 2.609227907447889),
        (149.0, 0.0005, -3.3570202825441466),
        (1000.0, 0.9, 1.2823987214609247),
        (1000.0, 0.95, 1.6463788172854643),
        (1000.0, 0.975, 1.9623390808264083),
        (1000.0, 0.995, 2.580754698065951),
        (1000.0, 0.0005, -3.3002826484239134),
        (123456.7, 0.9, 1.2815584229236765),
        (123456.7, 0.95, 1.644865969583758),
        (123456.7, 0.975, 1.9599832001362323),
        (123456.7, 0.995, 2.575869128193177),
        (123456.7, 0.0005, -3.2906055440824167),
    ];

    #[test]
    fn t_quantiles_match_scipy() {
        for (df, p, expected) in SCIPY {
            let got = Reference::T(df).quantile(p);
            assert!(
                (got - expected).abs() <= 1e-11 * expected.abs(),
                "t({df}) at {p}: {got} vs {expected}"
            );
        }
    }
}
