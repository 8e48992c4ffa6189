//! The log-likelihoods of the BG/NBD, MBG/NBD and Gamma-Gamma fits with their analytic
//! gradients and Hessians, summed over the customers in one parallel walk.
//!
//! Each log-likelihood is split in two: the terms that depend on the frequency alone
//! (`ln Γ(r+x)`, `ln B(a, b+x)`, `ln Γ(px+q) - ln Γ(px)`, …), summed once per distinct
//! frequency with the total weight of its customers, and the per-history terms (a few logs
//! and one log-sum-exp), walked in ranges fixed by the number of histories, so the sums are
//! the same on any number of threads.

use super::inputs::History;
use super::special::{digamma, ln_gamma, trigamma};
use super::{bg_nbd, mbg_nbd};
use crate::parallel;

/// A log-likelihood with its gradient and Hessian in the model's parameters.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Sums<const N: usize> {
    /// The total weighted log-likelihood.
    pub value: f64,
    /// Its gradient.
    pub gradient: [f64; N],
    /// Its Hessian.
    pub hessian: [[f64; N]; N],
}

/// The accumulator of a walk: value, gradient, then the Hessian's upper triangle by rows.
type Acc = [f64; 15];

fn add(mut a: Acc, b: Acc) -> Acc {
    for (x, y) in a.iter_mut().zip(b) {
        *x += y;
    }
    a
}

/// Upper-triangle slot of `(i, j)`, `i ≤ j`, in a 4 × 4 symmetric matrix.
const fn slot4(i: usize, j: usize) -> usize {
    5 + i * 4 - i * (i + 1) / 2 + j
}

/// `[value, gradient…, Hessian upper triangle…]` into [`Sums`] (`n` parameters).
fn unpack<const N: usize>(acc: &Acc, slot: fn(usize, usize) -> usize) -> Sums<N> {
    let mut s = Sums {
        value: acc[0],
        gradient: [0.0; N],
        hessian: [[0.0; N]; N],
    };
    for i in 0..N {
        s.gradient[i] = acc[1 + i];
        for j in i..N {
            s.hessian[i][j] = acc[slot(i, j)];
            s.hessian[j][i] = acc[slot(i, j)];
        }
    }
    s
}

/// The distinct frequencies of `histories` (sorted by frequency, as
/// [`group`](super::inputs::group) leaves them) with their customers' total weight.
fn frequencies(histories: &[(History, f64)]) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::new();
    for (h, w) in histories {
        match out.last_mut() {
            Some(last) if last.0 == h[0] => last.1 += w,
            _ => out.push((h[0], *w)),
        }
    }
    out
}

/// The distinct histories of a BG/NBD or MBG/NBD fit laid out for its walks: their
/// [`frequencies`], and their recencies and ages as indices into one table of the distinct
/// times. Each evaluation then takes `ln(α + t)` and `1 / (α + t)` once per distinct time
/// (a few hundred when the times are whole days) instead of twice per history, and a
/// history costs one exponential and one logarithm. The table holds the very values the
/// histories hold, so the sums are the same, bit for bit, as computed row by row.
pub(crate) struct BgData<'a> {
    /// The distinct histories, sorted as [`group`](super::inputs::group) leaves them.
    histories: &'a [(History, f64)],
    /// Their distinct frequencies with their customers' total weight.
    freqs: Vec<(f64, f64)>,
    /// The distinct recencies and ages, in order of first sight.
    times: Vec<f64>,
    /// Per history, the index in `times` of its recency and of its age.
    at: Vec<[usize; 2]>,
    /// The size of the parallel ranges.
    leaf: usize,
}

impl<'a> BgData<'a> {
    /// The layout of `histories` (sorted by frequency), walked in ranges of `leaf`.
    pub(crate) fn new(histories: &'a [(History, f64)], leaf: usize) -> BgData<'a> {
        let mut index: hashbrown::HashMap<u64, usize, foldhash::fast::RandomState> =
            hashbrown::HashMap::default();
        let mut times: Vec<f64> = Vec::new();
        let mut slot = |v: f64| {
            *index.entry(v.to_bits()).or_insert_with(|| {
                times.push(v);
                times.len() - 1
            })
        };
        let at = histories
            .iter()
            .map(|(h, _)| [slot(h[1]), slot(h[2])])
            .collect();
        BgData {
            histories,
            freqs: frequencies(histories),
            times,
            at,
            leaf,
        }
    }

    /// `ln(α + t)` and `1 / (α + t)` of every distinct time (in parallel when they are
    /// many: times that are not whole days can be as many as the histories).
    fn time_table(&self, alpha: f64) -> Vec<(f64, f64)> {
        let walk = |lo: usize, hi: usize| {
            let part: Vec<(f64, f64)> = self.times[lo..hi]
                .iter()
                .map(|&t| ((alpha + t).ln(), 1.0 / (alpha + t)))
                .collect();
            vec![part]
        };
        let merge = |mut a: Vec<Vec<(f64, f64)>>, b: Vec<Vec<(f64, f64)>>| {
            a.extend(b);
            a
        };
        parallel::split(0, self.times.len(), self.leaf.max(4096), &walk, &merge).concat()
    }
}

/// The BG/NBD (`modified` false) or MBG/NBD (`modified` true) log-likelihood of the
/// weighted histories of `data` at `p = [r, alpha, a, b]`, with its derivatives when
/// `derivatives` (the value is the same either way).
pub(crate) fn bg_family(p: &[f64; 4], modified: bool, data: &BgData, derivatives: bool) -> Sums<4> {
    let (histories, freqs, leaf) = (data.histories, &data.freqs, data.leaf);
    let (r, alpha, a, b) = (p[0], p[1], p[2], p[3]);
    // MBG/NBD's frequency terms are BG/NBD's with b + x + 1 for b + x; its drop-out term
    // is there for every history, BG/NBD's only after a repeat purchase.
    let e = if modified { 1.0 } else { 0.0 };
    let mut acc: Acc = [0.0; 15];
    for &(x, w) in freqs.iter() {
        acc[0] += w * if modified {
            mbg_nbd::frequency_part(p, x)
        } else {
            bg_nbd::frequency_part(p, x)
        };
        if !derivatives {
            continue;
        }
        let (bx, abx) = (b + x + e, a + b + x + e);
        acc[1] += w * (digamma(r + x) - digamma(r) + alpha.ln());
        acc[2] += w * r / alpha;
        acc[3] += w * (digamma(a + b) - digamma(abx));
        acc[4] += w * (digamma(a + b) + digamma(bx) - digamma(b) - digamma(abx));
        acc[slot4(0, 0)] += w * (trigamma(r + x) - trigamma(r));
        acc[slot4(0, 1)] += w / alpha;
        acc[slot4(1, 1)] -= w * r / (alpha * alpha);
        let ab = trigamma(a + b) - trigamma(abx);
        acc[slot4(2, 2)] += w * ab;
        acc[slot4(2, 3)] += w * ab;
        acc[slot4(3, 3)] += w * (ab + trigamma(bx) - trigamma(b));
    }
    let ln_a = a.ln();
    let table = data.time_table(alpha);
    let walk = |lo: usize, hi: usize| -> Acc {
        let mut s: Acc = [0.0; 15];
        let (mut last, mut ln_bx, mut inv_bx) = (f64::NAN, 0.0, 0.0);
        for (&(h, w), &[at_x, at_t]) in histories[lo..hi].iter().zip(&data.at[lo..hi]) {
            let x = h[0];
            let rx = r + x;
            let (la, ia) = table[at_t];
            // Alive at T: A = -(r+x) ln(α+T).
            let va = -rx * la;
            if !(modified || x > 0.0) {
                s[0] += w * va;
                if derivatives {
                    s[1] -= w * la;
                    s[2] -= w * rx * ia;
                    s[slot4(0, 1)] -= w * ia;
                    s[slot4(1, 1)] += w * rx * ia * ia;
                }
                continue;
            }
            if x != last {
                last = x;
                ln_bx = (b + x + e - 1.0).ln();
                inv_bx = 1.0 / (b + x + e - 1.0);
            }
            // Dropped out after the last purchase: B = ln a - ln(b+x-1+e) - (r+x) ln(α+t_x).
            let (lb, ib) = table[at_x];
            let vb = ln_a - ln_bx - rx * lb;
            // ln(e^A + e^B) and the shares wa, wb of its two terms.
            let d = vb - va;
            let ed = (-d.abs()).exp();
            let (value, wb) = if d > 0.0 {
                (vb + ed.ln_1p(), 1.0 / (1.0 + ed))
            } else {
                (va + ed.ln_1p(), ed / (1.0 + ed))
            };
            let wa = 1.0 - wb;
            s[0] += w * value;
            if !derivatives {
                continue;
            }
            let ga = [-la, -rx * ia];
            let gb = [-lb, -rx * ib, 1.0 / a, -inv_bx];
            s[1] += w * (wa * ga[0] + wb * gb[0]);
            s[2] += w * (wa * ga[1] + wb * gb[1]);
            s[3] += w * wb * gb[2];
            s[4] += w * wb * gb[3];
            // wa ∇²A + wb ∇²B + wa wb (∇A - ∇B)(∇A - ∇B)ᵀ.
            let delta = [ga[0] - gb[0], ga[1] - gb[1], -gb[2], -gb[3]];
            let c = w * wa * wb;
            for i in 0..4 {
                for j in i..4 {
                    s[slot4(i, j)] += c * delta[i] * delta[j];
                }
            }
            s[slot4(0, 1)] -= w * (wa * ia + wb * ib);
            s[slot4(1, 1)] += w * rx * (wa * ia * ia + wb * ib * ib);
            s[slot4(2, 2)] -= w * wb * gb[2] * gb[2];
            s[slot4(3, 3)] += w * wb * inv_bx * inv_bx;
        }
        s
    };
    let walked = parallel::split(0, histories.len(), leaf, &walk, &add);
    unpack(&add(acc, walked), slot4)
}

/// Upper-triangle slot of `(i, j)`, `i ≤ j`, in a 3 × 3 symmetric matrix.
const fn slot3(i: usize, j: usize) -> usize {
    4 + i * 3 - i * (i + 1) / 2 + j
}

/// The Gamma-Gamma fit's customers (those with repeat purchases) laid out for its walks.
pub(crate) struct SpendData {
    /// Per customer: frequency and mean spend.
    pub customers: Vec<[f64; 2]>,
    /// The distinct frequencies (in order of first sight) with their number of customers.
    pub freqs: Vec<(f64, f64)>,
    /// `Σ x ln m` over the customers (with the next two, the terms linear in p or free
    /// of the parameters, summed once).
    pub x_ln_m: f64,
    /// `Σ ln m`.
    pub ln_m: f64,
    /// `Σ x ln x`.
    pub x_ln_x: f64,
    /// The size of the parallel ranges.
    pub leaf: usize,
}

impl SpendData {
    /// The layout of `customers` (`[frequency, mean spend]`, each > 0).
    pub(crate) fn new(customers: Vec<[f64; 2]>) -> SpendData {
        let mut index: hashbrown::HashMap<u64, usize, foldhash::fast::RandomState> =
            hashbrown::HashMap::default();
        let mut freqs: Vec<(f64, f64)> = Vec::new();
        let (mut x_ln_m, mut ln_m) = (0.0, 0.0);
        for c in &customers {
            let k = *index.entry(c[0].to_bits()).or_insert_with(|| {
                freqs.push((c[0], 0.0));
                freqs.len() - 1
            });
            freqs[k].1 += 1.0;
            let l = c[1].ln();
            x_ln_m += c[0] * l;
            ln_m += l;
        }
        let x_ln_x = freqs.iter().map(|&(x, w)| w * x * x.ln()).sum();
        let leaf = parallel::leaf_size(customers.len(), 1024);
        SpendData {
            customers,
            freqs,
            x_ln_m,
            ln_m,
            x_ln_x,
            leaf,
        }
    }

    /// The total log-likelihood at `[p, q, v]`, with its derivatives when `derivatives`.
    pub(crate) fn log_likelihood(&self, params: &[f64; 3], derivatives: bool) -> Sums<3> {
        let (p, q, v) = (params[0], params[1], params[2]);
        let n: f64 = self.customers.len() as f64;
        let mut acc: Acc = [0.0; 15];
        // The per-customer `(px - 1) ln m + px ln x`, summed.
        acc[0] = p * (self.x_ln_m + self.x_ln_x) - self.ln_m + n * (q * v.ln() - ln_gamma(q));
        if derivatives {
            acc[1] = self.x_ln_m + self.x_ln_x;
            acc[2] = n * (v.ln() - digamma(q));
            acc[3] = n * q / v;
            acc[slot3(1, 1)] = -n * trigamma(q);
            acc[slot3(1, 2)] = n / v;
            acc[slot3(2, 2)] = -n * q / (v * v);
        }
        for &(x, w) in &self.freqs {
            let (px, k) = (p * x, p * x + q);
            acc[0] += w * (ln_gamma(k) - ln_gamma(px));
            if derivatives {
                let (dk, dpx) = (digamma(k), digamma(px));
                let tk = trigamma(k);
                acc[1] += w * x * (dk - dpx);
                acc[2] += w * dk;
                acc[slot3(0, 0)] += w * x * x * (tk - trigamma(px));
                acc[slot3(0, 1)] += w * x * tk;
                acc[slot3(1, 1)] += w * tk;
            }
        }
        // Per customer: -(px + q) ln(x m + v).
        let walk = |lo: usize, hi: usize| -> Acc {
            let mut s: Acc = [0.0; 15];
            for c in &self.customers[lo..hi] {
                let (x, m) = (c[0], c[1]);
                let u = x * m + v;
                let (lu, k) = (u.ln(), p * x + q);
                s[0] -= k * lu;
                if derivatives {
                    let iu = 1.0 / u;
                    s[1] -= x * lu;
                    s[2] -= lu;
                    s[3] -= k * iu;
                    s[slot3(0, 2)] -= x * iu;
                    s[slot3(1, 2)] -= iu;
                    s[slot3(2, 2)] += k * iu * iu;
                }
            }
            s
        };
        let walked = parallel::split(0, self.customers.len(), self.leaf, &walk, &add);
        unpack(&add(acc, walked), slot3)
    }
}

/// The objective of a fit in log-parameters `θ = ln p` from the log-likelihood `s` in the
/// parameters `p`: `-ll / divisor + penalizer Σ p²`, its gradient and Hessian.
pub(crate) fn log_scale<const N: usize>(
    s: &Sums<N>,
    p: &[f64; N],
    divisor: f64,
    penalizer: f64,
) -> (f64, Vec<f64>, Vec<Vec<f64>>) {
    let value = -s.value / divisor + penalizer * p.iter().map(|v| v * v).sum::<f64>();
    let gradient = (0..N)
        .map(|i| -p[i] * s.gradient[i] / divisor + 2.0 * penalizer * p[i] * p[i])
        .collect();
    let hessian = (0..N)
        .map(|i| {
            (0..N)
                .map(|j| {
                    let mut h = -p[i] * p[j] * s.hessian[i][j];
                    if i == j {
                        h -= p[i] * s.gradient[i];
                    }
                    h / divisor
                        + if i == j {
                            4.0 * penalizer * p[i] * p[i]
                        } else {
                            0.0
                        }
                })
                .collect()
        })
        .collect();
    (value, gradient, hessian)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Central differences of `f` at `p`, to check the analytic derivatives against.
    fn numeric<const N: usize>(f: &dyn Fn(&[f64; N]) -> f64, p: &[f64; N]) -> Sums<N> {
        let h = 1e-4;
        let at = |moves: &[(usize, f64)]| {
            let mut q = *p;
            for &(i, d) in moves {
                q[i] += d * p[i];
            }
            f(&q)
        };
        let mut s = Sums {
            value: f(p),
            gradient: [0.0; N],
            hessian: [[0.0; N]; N],
        };
        for i in 0..N {
            s.gradient[i] = (at(&[(i, h)]) - at(&[(i, -h)])) / (2.0 * h * p[i]);
            for j in 0..N {
                s.hessian[i][j] =
                    (at(&[(i, h), (j, h)]) - at(&[(i, h), (j, -h)]) - at(&[(i, -h), (j, h)])
                        + at(&[(i, -h), (j, -h)]))
                        / (4.0 * h * h * p[i] * p[j]);
            }
        }
        s
    }

    fn close<const N: usize>(a: &Sums<N>, b: &Sums<N>, tol: f64) {
        let scale = b.value.abs().max(1.0);
        assert!((a.value - b.value).abs() < 1e-12 * scale, "{a:?} {b:?}");
        for i in 0..N {
            let g = b.gradient[i].abs().max(1.0);
            assert!(
                (a.gradient[i] - b.gradient[i]).abs() < 1e-6 * g,
                "{i}: {a:?} {b:?}"
            );
            for j in 0..N {
                let d = (a.hessian[i][j] - b.hessian[i][j]).abs();
                assert!(
                    d < tol * b.hessian[i][j].abs().max(1.0),
                    "{i},{j}: {a:?} {b:?}"
                );
            }
        }
    }

    fn histories() -> Vec<(History, f64)> {
        let mut h = vec![
            ([0.0, 0.0, 30.0], 5.0),
            ([0.0, 0.0, 2.5], 1.0),
            ([1.0, 3.0, 40.0], 2.0),
            ([1.0, 39.0, 40.0], 1.0),
            ([4.0, 20.0, 21.0], 3.0),
            ([12.0, 80.5, 90.0], 1.0),
        ];
        h.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap());
        h
    }

    #[test]
    fn bg_nbd_and_mbg_nbd_derivatives_match_differences_of_the_likelihood() {
        let h = histories();
        let data = BgData::new(&h, 2);
        assert_eq!(data.freqs.len(), 4);
        assert_eq!(data.times.len(), 10);
        for modified in [false, true] {
            let ll = |p: &[f64; 4]| -> f64 {
                h.iter()
                    .map(|(d, w)| {
                        w * if modified {
                            let part = mbg_nbd::frequency_part(p, d[0]);
                            mbg_nbd::log_likelihood_rest(p, d[0], d[1], d[2], part)
                        } else {
                            let part = bg_nbd::frequency_part(p, d[0]);
                            bg_nbd::log_likelihood_rest(p, d[0], d[1], d[2], part)
                        }
                    })
                    .sum()
            };
            for p in [[0.24, 4.4, 0.79, 2.43], [1.3, 0.2, 3.0, 0.6]] {
                let s = bg_family(&p, modified, &data, true);
                close(&s, &numeric(&ll, &p), 1e-4);
                let v = bg_family(&p, modified, &data, false);
                assert_eq!(v.value, s.value);
            }
        }
    }

    #[test]
    fn gamma_gamma_derivatives_match_differences_of_the_likelihood() {
        let customers = vec![
            [1.0, 20.0],
            [3.0, 35.5],
            [1.0, 7.25],
            [10.0, 41.0],
            [2.0, 3.0],
        ];
        let data = SpendData::new(customers.clone());
        let ll = |q: &[f64; 3]| -> f64 {
            let (p, q, v) = (q[0], q[1], q[2]);
            customers
                .iter()
                .map(|&[x, m]| {
                    let px = p * x;
                    ln_gamma(px + q) - ln_gamma(px) - ln_gamma(q)
                        + q * v.ln()
                        + px * x.ln()
                        + (px - 1.0) * m.ln()
                        - (px + q) * (x * m + v).ln()
                })
                .sum()
        };
        for p in [[6.2, 3.7, 15.0], [0.4, 12.0, 0.9]] {
            close(&data.log_likelihood(&p, true), &numeric(&ll, &p), 1e-4);
        }
    }
}
