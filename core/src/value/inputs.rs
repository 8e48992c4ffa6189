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
    // Finite values from 2^52 up are whole; below, the round trip through an integer (one
    // instruction, where `fract` is a libm call on baseline x86-64).
    v.abs() >= 4_503_599_627_370_496.0 || (v as i64) as f64 == v
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
    // The first bad customer, found in parallel (the same one on any number of threads).
    let leaf = parallel::leaf_size(n, 8192);
    let walk = |lo: usize, hi: usize| {
        (lo..hi).find(|&i| !looks_valid(h, kind, i) && check_one(h, kind, i).is_err())
    };
    let first_bad = parallel::install(|| parallel::split(0, n, leaf, &walk, &|a, b| a.or(b)));
    match first_bad {
        Some(i) => check_one(h, kind, i),
        None => Ok(()),
    }
}

/// The checks of [`check_one`] in one expression, without the messages: `true` only when
/// `check_one` passes.
fn looks_valid(h: &PurchaseHistories, kind: Option<PurchaseModelKind>, i: usize) -> bool {
    let (x, tx, t) = (h.frequency[i], h.recency[i], h.t[i]);
    let basic = x.is_finite()
        && x >= 0.0
        && (kind.is_none() || is_whole(x))
        && tx.is_finite()
        && tx >= 0.0
        && t.is_finite()
        && t >= 0.0
        && tx <= t
        && ((x > 0.0) == (tx > 0.0));
    basic && (kind != Some(PurchaseModelKind::BgBb) || (is_whole(tx) && is_whole(t) && x <= tx))
}

/// The checks of customer `i`'s history (see [`check_histories`]).
fn check_one(h: &PurchaseHistories, kind: Option<PurchaseModelKind>, i: usize) -> Result<()> {
    let discrete = kind == Some(PurchaseModelKind::BgBb);
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
    Ok(())
}

/// The bit pattern of a value, -0 as 0.
fn bits(v: f64) -> u64 {
    (v + 0.0).to_bits()
}

/// The distinct (frequency, recency, T) of the customers with how many share each, ordered
/// by value (so equal frequencies are neighbours); customers are grouped by the bit
/// patterns of their values.
pub(crate) fn group(h: &PurchaseHistories) -> Vec<(History, f64)> {
    let mut counts: hashbrown::HashMap<[u64; 3], f64, foldhash::fast::RandomState> =
        hashbrown::HashMap::default();
    for i in 0..h.len() {
        let key = [bits(h.frequency[i]), bits(h.recency[i]), bits(h.t[i])];
        *counts.entry(key).or_insert(0.0) += 1.0;
    }
    let mut out: Vec<(History, f64)> = counts
        .into_iter()
        .map(|(k, w)| (k.map(f64::from_bits), w))
        .collect();
    out.sort_unstable_by(|a, b| {
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
    let walk = |lo: usize, hi: usize| vec![(lo..hi).map(&f).collect::<Vec<T>>()];
    let merge = |mut a: Vec<Vec<T>>, b: Vec<Vec<T>>| {
        a.extend(b);
        a
    };
    // The leaf is chosen on the calling thread (tests set it there).
    let leaf = parallel::leaf_size(n, 1024);
    let ranges = parallel::install(|| parallel::split(0, n, leaf, &walk, &merge));
    // The ranges' values moved once into one vector.
    let mut out = Vec::with_capacity(n);
    for r in ranges {
        out.extend(r);
    }
    out
}

/// Customers grouped by a key, in order of first sight.
pub(crate) struct Distinct {
    /// Per group, its first customer.
    pub first: Vec<usize>,
    /// Per customer, the index of their group.
    pub slot: Vec<usize>,
}

/// The customers `0..n` grouped by `key(i)`.
fn first_sight<K: std::hash::Hash + Eq>(n: usize, key: impl Fn(usize) -> K) -> Distinct {
    let mut index: hashbrown::HashMap<K, usize, foldhash::fast::RandomState> =
        hashbrown::HashMap::default();
    let mut first: Vec<usize> = Vec::new();
    let slot: Vec<usize> = (0..n)
        .map(|i| {
            *index.entry(key(i)).or_insert_with(|| {
                first.push(i);
                first.len() - 1
            })
        })
        .collect();
    Distinct { first, slot }
}

impl Distinct {
    /// The distinct (frequency, recency, T) of `h`'s customers (bit patterns, -0 as 0).
    pub(crate) fn of(h: &PurchaseHistories) -> Distinct {
        first_sight(h.len(), |i| {
            [bits(h.frequency[i]), bits(h.recency[i]), bits(h.t[i])]
        })
    }

    /// The distinct (frequency, T) of `h`'s customers, the recency left out: the customers
    /// who share the part of a prediction that does not depend on it. Far fewer than the
    /// distinct histories, so the table stays in the cache.
    pub(crate) fn frequency_and_age(h: &PurchaseHistories) -> Distinct {
        first_sight(h.len(), |i| [bits(h.frequency[i]), bits(h.t[i])])
    }

    /// `f(frequency, recency, T)` of each group's first customer, computed in parallel.
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
}
