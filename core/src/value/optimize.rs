//! The minimiser the maximum-likelihood fits use: Newton's method damped the
//! Levenberg–Marquardt way, on the (log-)parameters, with the objective's analytic
//! gradient and Hessian where the model supplies them ([`minimize_with`]: BG/NBD, MBG/NBD,
//! Gamma-Gamma), central differences of the objective otherwise ([`minimize`]).
//!
//! Why not a crate: argmin (the candidate) would serve, but brings a framework (solvers,
//! executors, observers, a linear-algebra backend) to a problem of three or four
//! parameters, and its Newton and BFGS solvers still need the derivatives supplied. The
//! damped Newton step here is short, converges quadratically to the optimum itself (the
//! Pareto/NBD likelihood is so flat near its optimum that quasi-Newton stopping rules stop
//! visibly short of it), and ends on the Hessian the standard errors need. With four
//! parameters the Hessian costs 33 evaluations of the likelihood.

/// How the minimiser stops, and where the parameters may go.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    /// Converged when a Newton step moves no parameter by more than this.
    pub tolerance: f64,
    /// The most Newton iterations.
    pub max_iterations: u32,
    /// Per parameter, the lowest value it may take (`None`: unbounded).
    pub lower: Vec<Option<f64>>,
    /// Beyond this in absolute value a (log-)parameter is taken to run away.
    pub runaway: f64,
}

/// The minimum found.
#[derive(Debug, Clone)]
pub(crate) struct Minimum {
    /// Where.
    pub x: Vec<f64>,
    /// Newton iterations taken.
    pub iterations: u32,
    /// The Hessian of the objective there (central differences).
    pub hessian: Vec<Vec<f64>>,
}

/// Why the minimiser gave up.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Failure {
    /// The objective is not a finite number at the start (or nowhere near it).
    NotFinite,
    /// `max_iterations` ran out before convergence.
    Iterations(u32),
    /// A parameter (its index) ran to 0 or infinity.
    Runaway(usize),
}

const GRADIENT_STEP: f64 = 1e-5;
const HESSIAN_STEP: f64 = 1e-4;

fn gradient(f: &dyn Fn(&[f64]) -> f64, x: &[f64]) -> Vec<f64> {
    let mut y = x.to_vec();
    (0..x.len())
        .map(|i| {
            y[i] = x[i] + GRADIENT_STEP;
            let up = f(&y);
            y[i] = x[i] - GRADIENT_STEP;
            let down = f(&y);
            y[i] = x[i];
            (up - down) / (2.0 * GRADIENT_STEP)
        })
        .collect()
}

/// The Hessian of `f` at `x` (where `f(x) = fx`), by central differences.
#[allow(clippy::needless_range_loop)] // a symmetric matrix, filled by (i, j)
pub(crate) fn hessian(f: &dyn Fn(&[f64]) -> f64, x: &[f64], fx: f64) -> Vec<Vec<f64>> {
    let n = x.len();
    let h = HESSIAN_STEP;
    let mut out = vec![vec![0.0; n]; n];
    let mut y = x.to_vec();
    let at = |y: &mut Vec<f64>, moves: &[(usize, f64)]| {
        for &(i, d) in moves {
            y[i] = x[i] + d;
        }
        let v = f(y);
        for &(i, _) in moves {
            y[i] = x[i];
        }
        v
    };
    for i in 0..n {
        let up = at(&mut y, &[(i, h)]);
        let down = at(&mut y, &[(i, -h)]);
        out[i][i] = (up - 2.0 * fx + down) / (h * h);
        for j in 0..i {
            let pp = at(&mut y, &[(i, h), (j, h)]);
            let pm = at(&mut y, &[(i, h), (j, -h)]);
            let mp = at(&mut y, &[(i, -h), (j, h)]);
            let mm = at(&mut y, &[(i, -h), (j, -h)]);
            let v = (pp - pm - mp + mm) / (4.0 * h * h);
            out[i][j] = v;
            out[j][i] = v;
        }
    }
    out
}

/// The Cholesky factor of a symmetric matrix, or `None` if it is not positive definite.
pub(crate) fn cholesky(m: &[Vec<f64>]) -> Option<Vec<Vec<f64>>> {
    let n = m.len();
    let mut l = vec![vec![0.0; n]; n];
    for i in 0..n {
        for j in 0..=i {
            let s: f64 = (0..j).map(|k| l[i][k] * l[j][k]).sum();
            if i == j {
                let d = m[i][i] - s;
                if d.is_nan() || d <= 0.0 || d.is_infinite() {
                    return None;
                }
                l[i][i] = d.sqrt();
            } else {
                l[i][j] = (m[i][j] - s) / l[j][j];
            }
        }
    }
    Some(l)
}

/// Solves `L Lᵀ x = b`.
fn solve(l: &[Vec<f64>], b: &[f64]) -> Vec<f64> {
    let n = b.len();
    let mut y = vec![0.0; n];
    for i in 0..n {
        y[i] = (b[i] - (0..i).map(|k| l[i][k] * y[k]).sum::<f64>()) / l[i][i];
    }
    let mut x = vec![0.0; n];
    for i in (0..n).rev() {
        x[i] = (y[i] - (i + 1..n).map(|k| l[k][i] * x[k]).sum::<f64>()) / l[i][i];
    }
    x
}

/// The inverse of a positive definite matrix, or `None`.
pub(crate) fn inverse(m: &[Vec<f64>]) -> Option<Vec<Vec<f64>>> {
    let l = cholesky(m)?;
    let n = m.len();
    let cols: Vec<Vec<f64>> = (0..n)
        .map(|j| {
            let mut e = vec![0.0; n];
            e[j] = 1.0;
            solve(&l, &e)
        })
        .collect();
    Some(
        (0..n)
            .map(|i| (0..n).map(|j| cols[j][i]).collect())
            .collect(),
    )
}

/// Whether `x` (gradient `g`, Hessian `h` on the `free` parameters, objective `fx`) is the
/// minimum: the Hessian is positive definite and the Newton step moves no parameter by
/// more than `tolerance`, or would lower the objective by less than its rounding error
/// (the derivatives by differences are then noise, and further steps a random walk).
fn converged(free: &[usize], g: &[f64], h: &[Vec<f64>], fx: f64, tolerance: f64) -> bool {
    let m: Vec<Vec<f64>> = free
        .iter()
        .map(|&i| free.iter().map(|&j| h[i][j]).collect())
        .collect();
    let Some(l) = cholesky(&m) else {
        return false;
    };
    let gf: Vec<f64> = free.iter().map(|&i| g[i]).collect();
    let step = solve(&l, &gf);
    let longest = step.iter().fold(0.0f64, |a, s| a.max(s.abs()));
    let decrease: f64 = step.iter().zip(&gf).map(|(s, g)| s * g).sum::<f64>() / 2.0;
    longest <= tolerance || decrease.abs() <= 1e-16 * fx.abs().max(1e-300)
}

/// The gradient and Hessian of an objective at a point.
pub(crate) type Derivatives = (Vec<f64>, Vec<Vec<f64>>);

/// An objective's value at a point, with its gradient and Hessian there when they come
/// with the value at little extra cost (`None`: the minimiser asks for them when needed).
pub(crate) type Evaluation = (f64, Option<Derivatives>);

/// Minimises `f` from `x0`, with derivatives by central differences.
pub(crate) fn minimize(
    f: &dyn Fn(&[f64]) -> f64,
    x0: &[f64],
    settings: &Settings,
) -> Result<Minimum, Failure> {
    minimize_with(
        &|x| (f(x), None),
        &|x, fx| (gradient(f, x), hessian(f, x, fx)),
        x0,
        settings,
    )
}

/// Minimises `f` from `x0`; `derivatives(x, f(x))` is its gradient and Hessian at `x`,
/// asked for only where `f` did not return them. The analytic fits return them with every
/// value: the likelihood's walk is dominated by its logs and exponentials, which the value
/// and the derivatives share, so one walk per trial point costs less than a value walk per
/// trial and a derivatives walk at each accepted point.
pub(crate) fn minimize_with(
    f: &dyn Fn(&[f64]) -> Evaluation,
    derivatives: &dyn Fn(&[f64], f64) -> Derivatives,
    x0: &[f64],
    settings: &Settings,
) -> Result<Minimum, Failure> {
    let n = x0.len();
    let clamp = |x: &mut [f64]| {
        for (xi, lo) in x.iter_mut().zip(&settings.lower) {
            if let Some(lo) = lo {
                *xi = xi.max(*lo);
            }
        }
    };
    let mut x = x0.to_vec();
    clamp(&mut x);
    let (mut fx, mut known) = f(&x);
    if !fx.is_finite() {
        return Err(Failure::NotFinite);
    }
    let mut lambda = 1e-3;
    for iteration in 1..=settings.max_iterations {
        let (g, h) = known.take().unwrap_or_else(|| derivatives(&x, fx));
        if g.iter().chain(h.iter().flatten()).any(|v| !v.is_finite()) {
            return Err(Failure::NotFinite);
        }
        // Parameters held at their lower bound by a gradient pushing them below it.
        let free: Vec<usize> = (0..n)
            .filter(|&i| !matches!(settings.lower[i], Some(lo) if x[i] <= lo && g[i] > 0.0))
            .collect();
        if converged(&free, &g, &h, fx, settings.tolerance) {
            return Ok(Minimum {
                x,
                iterations: iteration,
                hessian: h,
            });
        }
        let scale = free.iter().map(|&i| h[i][i].abs()).fold(1e-12, f64::max);
        let mut accepted = None;
        for _ in 0..60 {
            let mut m: Vec<Vec<f64>> = free
                .iter()
                .map(|&i| free.iter().map(|&j| h[i][j]).collect())
                .collect();
            for (k, row) in m.iter_mut().enumerate() {
                row[k] += lambda * scale;
            }
            let Some(l) = cholesky(&m) else {
                lambda *= 10.0;
                continue;
            };
            let rhs: Vec<f64> = free.iter().map(|&i| -g[i]).collect();
            let step = solve(&l, &rhs);
            // No step of more than a factor e^3 in a parameter at once.
            let longest = step.iter().fold(0.0f64, |a, s| a.max(s.abs()));
            let shrink = if longest > 3.0 { 3.0 / longest } else { 1.0 };
            let mut y = x.clone();
            for (k, &i) in free.iter().enumerate() {
                y[i] += step[k] * shrink;
            }
            clamp(&mut y);
            let moved = y
                .iter()
                .zip(&x)
                .fold(0.0f64, |a, (yi, xi)| a.max((yi - xi).abs()));
            let (fy, at_y) = f(&y);
            // Steps at the level of rounding are accepted: they end the search.
            if fy.is_finite() && fy <= fx + 1e-14 * fx.abs() {
                accepted = Some((y, fy, at_y, lambda));
                break;
            }
            if moved <= settings.tolerance {
                accepted = Some((x.clone(), fx, Some((g.clone(), h.clone())), lambda));
                break;
            }
            lambda *= 10.0;
        }
        let Some((y, fy, at_y, used)) = accepted else {
            return Err(Failure::NotFinite);
        };
        x = y;
        fx = fy;
        known = at_y;
        if let Some(i) = x.iter().position(|v| v.abs() > settings.runaway) {
            return Err(Failure::Runaway(i));
        }
        lambda = (used / 10.0).max(1e-12);
    }
    Err(Failure::Iterations(settings.max_iterations))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Settings {
        Settings {
            tolerance: 1e-10,
            max_iterations: 200,
            lower: vec![None, None],
            runaway: 30.0,
        }
    }

    #[test]
    fn finds_the_minimum_of_rosenbrock() {
        let f = |x: &[f64]| (1.0 - x[0]).powi(2) + 100.0 * (x[1] - x[0] * x[0]).powi(2);
        let m = minimize(&f, &[-1.2, 1.0], &settings()).unwrap();
        assert!(
            (m.x[0] - 1.0).abs() < 1e-7 && (m.x[1] - 1.0).abs() < 1e-7,
            "{:?}",
            m.x
        );
        assert!(cholesky(&m.hessian).is_some());
    }

    #[test]
    fn respects_a_lower_bound() {
        let f = |x: &[f64]| (x[0] + 2.0).powi(2) + (x[1] - 1.0).powi(2);
        let mut s = settings();
        s.lower = vec![Some(0.0), None];
        let m = minimize(&f, &[1.0, 0.0], &s).unwrap();
        assert_eq!(m.x[0], 0.0);
        assert!((m.x[1] - 1.0).abs() < 1e-8, "{:?}", m.x);
    }

    #[test]
    fn reports_a_runaway_and_exhausted_iterations() {
        let f = |x: &[f64]| (-x[0]).exp() + x[1] * x[1];
        assert_eq!(
            minimize(&f, &[0.0, 1.0], &settings()).unwrap_err(),
            Failure::Runaway(0)
        );
        let g = |x: &[f64]| (1.0 - x[0]).powi(2) + 100.0 * (x[1] - x[0] * x[0]).powi(2);
        let mut s = settings();
        s.max_iterations = 1;
        assert_eq!(
            minimize(&g, &[-1.2, 1.0], &s).unwrap_err(),
            Failure::Iterations(1)
        );
    }

    #[test]
    fn inverts_a_positive_definite_matrix() {
        let m = vec![vec![4.0, 1.0], vec![1.0, 3.0]];
        let inv = inverse(&m).unwrap();
        assert!((inv[0][0] - 3.0 / 11.0).abs() < 1e-15);
        assert!((inv[0][1] + 1.0 / 11.0).abs() < 1e-15);
        assert!(inverse(&[vec![1.0, 2.0], vec![2.0, 1.0]]).is_none());
    }
}
