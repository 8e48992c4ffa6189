//! What every fit and prediction shares: the checks of the purchase histories, the
//! grouping of customers into distinct histories, and the walks over them in parallel.

use super::model::PurchaseModelKind;
use super::PurchaseHistories;
use crate::model::error::{RecordRef, Result, TouchpointError};
use crate::parallel;

/// One distinct history: `[frequency, recency, T]` (or `[frequency, monetary_value, 0]`).
pub(crate) type History = [f64; 3];

/// A number as an error message shows it.
pub(crate) fn show(v: f64) -> String {
    format!("{v}")
}

fn out_of_range(i: usize, field: &str, value: f64, id: &str, expected: &str) -> TouchpointError {
    TouchpointError::OutOfRange {
        record: RecordRef::Record(i as u64 + 1),
        field: field.into(),
        value: show(value),
        expected: format!("customer `{id}`: {expected}"),
    }
}

fn is_whole(v: f64) -> bool {
    v.fract() == 0.0
}

/// Checks that the columns line up and that every customer's history is one the models
/// can read: an error naming the first bad customer (1-based row), the field and the id.
/// `kind` adds the purchase models' checks (whole frequencies; whole periods for BG/BB).
pub(crate) fn check_histories(
    h: &PurchaseHistories,
    kind: Option<PurchaseModelKind>,
) -> Result<()> {
    let n = h.customer_id.len();
    for (name, len) in [
        ("frequency", h.frequency.len()),
        ("recency", h.recency.len()),
        ("T", h.t.len()),
        ("monetary_value", h.monetary_value.len()),
    ] {
        if len != n {
            return Err(TouchpointError::config(
                "histories",
                format!("{n} customer ids but {len} values of `{name}`"),
            ));
        }
    }
    let discrete = kind == Some(PurchaseModelKind::BgBb);
    for i in 0..n {
        let (x, tx, t, id) = (
            h.frequency[i],
            h.recency[i],
            h.t[i],
            h.customer_id[i].as_str(),
        );
        if !(x.is_finite() && x >= 0.0) {
            return Err(out_of_range(i, "frequency", x, id, "a finite number ≥ 0"));
        }
        if kind.is_some() && !is_whole(x) {
            return Err(out_of_range(
                i,
                "frequency",
                x,
                id,
                "a whole number of repeat purchases",
            ));
        }
        if !(tx.is_finite() && tx >= 0.0) {
            return Err(out_of_range(i, "recency", tx, id, "a finite number ≥ 0"));
        }
        if !(t.is_finite() && t >= 0.0) {
            return Err(out_of_range(i, "T", t, id, "a finite number ≥ 0"));
        }
        if tx > t {
            let expected = format!("at most the customer's age T = {}", show(t));
            return Err(out_of_range(i, "recency", tx, id, &expected));
        }
        if x > 0.0 && tx == 0.0 {
            return Err(TouchpointError::invalid(
                RecordRef::Record(i as u64 + 1),
                "recency",
                format!("customer `{id}` has {x} repeat purchases but a recency of 0"),
            ));
        }
        if x == 0.0 && tx > 0.0 {
            return Err(TouchpointError::invalid(
                RecordRef::Record(i as u64 + 1),
                "recency",
                format!("customer `{id}` has no repeat purchase but a recency of {tx}"),
            ));
        }
        if discrete {
            if !is_whole(tx) {
                return Err(out_of_range(
                    i,
                    "recency",
                    tx,
                    id,
                    "a whole number of periods",
                ));
            }
            if !is_whole(t) {
                return Err(out_of_range(i, "T", t, id, "a whole number of periods"));
            }
            if x > tx {
                let expected = format!("at most the period of the last purchase, {tx}");
                return Err(out_of_range(i, "frequency", x, id, &expected));
            }
        }
    }
    Ok(())
}

/// The distinct histories with how many customers share each, ordered by value (so equal
/// frequencies are neighbours); customers are grouped by the bit patterns of their values.
pub(crate) fn group(rows: impl Iterator<Item = History>) -> Vec<(History, f64)> {
    let mut counts: hashbrown::HashMap<[u64; 3], f64, foldhash::fast::RandomState> =
        hashbrown::HashMap::default();
    for h in rows {
        // `+ 0.0` makes -0 and 0 one key.
        let key = [
            (h[0] + 0.0).to_bits(),
            (h[1] + 0.0).to_bits(),
            (h[2] + 0.0).to_bits(),
        ];
        *counts.entry(key).or_insert(0.0) += 1.0;
    }
    let mut out: Vec<(History, f64)> = counts
        .into_iter()
        .map(|(k, w)| {
            (
                [
                    f64::from_bits(k[0]),
                    f64::from_bits(k[1]),
                    f64::from_bits(k[2]),
                ],
                w,
            )
        })
        .collect();
    out.sort_by(|a, b| {
        (a.0[0], a.0[1], a.0[2])
            .partial_cmp(&(b.0[0], b.0[1], b.0[2]))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    out
}

/// `Σ weight × loglik(history)` over the distinct histories, in ranges of `leaf` (from
/// [`parallel::leaf_size`] of their number: the same sum on any number of threads).
/// `part` is the part of the log-likelihood that depends on the frequency alone, computed
/// once per run of equal frequencies.
pub(crate) fn weighted_sum(
    distinct: &[(History, f64)],
    leaf: usize,
    part: &(dyn Fn(f64) -> f64 + Sync),
    loglik: &(dyn Fn(&History, f64) -> f64 + Sync),
) -> f64 {
    let walk = |lo: usize, hi: usize| {
        let mut sum = 0.0;
        let mut last = f64::NAN;
        let mut cached = 0.0;
        for (h, w) in &distinct[lo..hi] {
            if h[0] != last {
                last = h[0];
                cached = part(h[0]);
            }
            sum += w * loglik(h, cached);
        }
        sum
    };
    parallel::split(0, distinct.len(), leaf, &walk, &|a, b| a + b)
}

/// `f(i)` for every customer `0..n`, in order, computed in parallel.
pub(crate) fn per_customer<T: Send>(n: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let walk = |lo: usize, hi: usize| (lo..hi).map(&f).collect::<Vec<T>>();
    let merge = |mut a: Vec<T>, b: Vec<T>| {
        a.extend(b);
        a
    };
    // The leaf is chosen on the calling thread (tests set it there).
    let leaf = parallel::leaf_size(n, 1024);
    parallel::install(|| parallel::split(0, n, leaf, &walk, &merge))
}

/// The customers grouped by their distinct (frequency, recency, T), in order of first
/// sight (bit patterns of the values, -0 as 0).
pub(crate) struct Distinct {
    /// Per distinct history, the first customer who has it.
    pub first: Vec<usize>,
    /// Per customer, the index of their distinct history.
    pub slot: Vec<usize>,
}

fn bits(v: f64) -> u64 {
    (v + 0.0).to_bits()
}

impl Distinct {
    /// The distinct histories of `h`.
    pub(crate) fn of(h: &PurchaseHistories) -> Distinct {
        let mut index: hashbrown::HashMap<[u64; 3], usize, foldhash::fast::RandomState> =
            hashbrown::HashMap::with_capacity_and_hasher(1024, Default::default());
        let mut first: Vec<usize> = Vec::new();
        let slot: Vec<usize> = (0..h.len())
            .map(|i| {
                let key = [bits(h.frequency[i]), bits(h.recency[i]), bits(h.t[i])];
                *index.entry(key).or_insert_with(|| {
                    first.push(i);
                    first.len() - 1
                })
            })
            .collect();
        Distinct { first, slot }
    }

    /// `f(frequency, recency, T)` per distinct history, computed in parallel.
    pub(crate) fn each<T: Send>(
        &self,
        h: &PurchaseHistories,
        f: impl Fn(f64, f64, f64) -> T + Sync,
    ) -> Vec<T> {
        per_customer(self.first.len(), |k| {
            let i = self.first[k];
            f(h.frequency[i], h.recency[i], h.t[i])
        })
    }

    /// `f(frequency, recency, T, shared)` per distinct history, where `shared = g(frequency,
    /// T)` is computed once per distinct (frequency, T), the part of a prediction that does
    /// not depend on the recency. Both in parallel.
    pub(crate) fn each_shared<S: Send + Sync, T: Send>(
        &self,
        h: &PurchaseHistories,
        g: impl Fn(f64, f64) -> S + Sync,
        f: impl Fn(f64, f64, f64, &S) -> T + Sync,
    ) -> Vec<T> {
        let mut index: hashbrown::HashMap<[u64; 2], usize, foldhash::fast::RandomState> =
            hashbrown::HashMap::default();
        let mut pair_first: Vec<usize> = Vec::new();
        let pair: Vec<usize> = self
            .first
            .iter()
            .map(|&i| {
                let key = [bits(h.frequency[i]), bits(h.t[i])];
                *index.entry(key).or_insert_with(|| {
                    pair_first.push(i);
                    pair_first.len() - 1
                })
            })
            .collect();
        let shared = per_customer(pair_first.len(), |k| {
            let i = pair_first[k];
            g(h.frequency[i], h.t[i])
        });
        per_customer(self.first.len(), |k| {
            let i = self.first[k];
            f(h.frequency[i], h.recency[i], h.t[i], &shared[pair[k]])
        })
    }
}
