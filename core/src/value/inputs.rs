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

fn out_of_range(i: usize, field: &str, value: f64, who: &str, expected: &str) -> TouchpointError {
    TouchpointError::OutOfRange {
        record: RecordRef::Record(i as u64 + 1),
        field: field.into(),
        value: show(value),
        expected: format!("{who}: {expected}"),
    }
}

pub(crate) fn is_whole(v: f64) -> bool {
    // Finite values from 2^52 up are whole; below, the round trip through an integer (one
    // instruction, where `fract` is a libm call on baseline x86-64).
    v.abs() >= 4_503_599_627_370_496.0 || (v as i64) as f64 == v
}

/// Checks that every customer's history is one the models can read: an error naming the
/// first bad customer (1-based row), the field and the id.
///
/// - Purchase models (`kind` given): [`PurchaseHistories::validate`], then what the models
///   add: histories counting repeat purchases (`include_first_purchase` false), no recency
///   without a repeat purchase, and for BG/BB whole periods with no more purchase periods
///   than the period of the last.
/// - The spend model (`kind` `None`) reads `frequency` and `monetary_value` only: those two
///   columns are checked (finite, at least 0, whole frequencies), so histories without
///   recency or age (zeros) serve it.
pub(crate) fn check_histories(
    h: &PurchaseHistories,
    kind: Option<PurchaseModelKind>,
) -> Result<()> {
    let Some(kind) = kind else {
        return check_spend_columns(h);
    };
    h.validate()?;
    if h.include_first_purchase {
        return Err(TouchpointError::config(
            "include_first_purchase",
            "the purchase models count repeat purchases: make the histories with \
             include_first_purchase false",
        ));
    }
    let discrete = kind == PurchaseModelKind::BgBb;
    // Outside BG/BB the one check is found by a walk over two columns, from whose first
    // failure the loop below starts.
    let start = if discrete {
        0
    } else {
        h.frequency
            .iter()
            .zip(&h.recency)
            .position(|(&x, &tx)| x == 0.0 && tx > 0.0)
            .unwrap_or(h.len())
    };
    for i in start..h.len() {
        let (x, tx, t) = (h.frequency[i], h.recency[i], h.t[i]);
        // The id is read for the checks that can fail only: a million ids' headers are a
        // pass over as much memory as the three columns together.
        if !(discrete || (x == 0.0 && tx > 0.0)) {
            continue;
        }
        let who = h.who(i);
        let id = who.as_str();
        if x == 0.0 && tx > 0.0 {
            return Err(TouchpointError::invalid(
                RecordRef::Record(i as u64 + 1),
                "recency",
                format!("{id} has no repeat purchase but a recency of {tx}"),
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

/// The spend model's columns: one entry per customer, finite, at least 0, whole frequencies.
fn check_spend_columns(h: &PurchaseHistories) -> Result<()> {
    let n = h.frequency.len();
    if !(h.customer_id.is_empty() || h.customer_id.len() == n) {
        return Err(TouchpointError::config(
            "histories",
            format!(
                "{} customer ids but {n} values of `frequency`",
                h.customer_id.len()
            ),
        ));
    }
    for (name, len) in [("monetary_value", h.monetary_value.len())] {
        if len != n {
            return Err(TouchpointError::config(
                "histories",
                format!("{n} values of `frequency` but {len} of `{name}`"),
            ));
        }
    }
    let start = h
        .frequency
        .iter()
        .zip(&h.monetary_value)
        .position(|(&x, &m)| {
            !(x.is_finite() && x >= 0.0 && is_whole(x) && m.is_finite() && m >= 0.0)
        })
        .unwrap_or(n);
    for i in start..n {
        let (x, m) = (h.frequency[i], h.monetary_value[i]);
        // The id is read for a failing check only (see `check_histories`).
        if x.is_finite() && x >= 0.0 && is_whole(x) && m.is_finite() && m >= 0.0 {
            continue;
        }
        let who = h.who(i);
        let id = who.as_str();
        if !(x.is_finite() && x >= 0.0) {
            return Err(out_of_range(i, "frequency", x, id, "a finite number ≥ 0"));
        }
        if !is_whole(x) {
            return Err(TouchpointError::invalid(
                RecordRef::Record(i as u64 + 1),
                "frequency",
                format!("{x} is not a whole number of purchases ({id})"),
            ));
        }
        if !(m.is_finite() && m >= 0.0) {
            return Err(out_of_range(
                i,
                "monetary_value",
                m,
                id,
                "a finite number ≥ 0",
            ));
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
/// patterns of their values. Histories in whole units below 2^21 (those of a summary) are
/// grouped by sorting one packed integer per customer, in parallel; others by hashing.
pub(crate) fn group(h: &PurchaseHistories) -> Vec<(History, f64)> {
    let Some(mut keys) = packed_keys(h) else {
        return group_by_hash(h);
    };
    sort_keys(&mut keys);
    let mask = (1u64 << KEY_BITS) - 1;
    let mut out: Vec<(History, f64)> = Vec::new();
    let mut previous = None;
    for k in keys {
        if previous == Some(k) {
            if let Some(last) = out.last_mut() {
                last.1 += 1.0;
            }
            continue;
        }
        previous = Some(k);
        let field = |shift: u32| ((k >> shift) & mask) as f64;
        out.push(([field(2 * KEY_BITS), field(KEY_BITS), field(0)], 1.0));
    }
    out
}

/// The bits of each of frequency, recency and T in a packed key.
const KEY_BITS: u32 = 21;

/// Per customer, `frequency`, `recency` and `T` packed into one integer (in that order from
/// the high bits, so the keys order as the histories do), when every one is a whole number
/// below 2^[`KEY_BITS`]; `None` otherwise. The histories are checked (finite, at least 0).
fn packed_keys(h: &PurchaseHistories) -> Option<Vec<u64>> {
    use crate::dataset::in_parallel::{map, pool_threads, ranges};
    let limit = (1u64 << KEY_BITS) as f64;
    let n = h.len();
    let pieces = ranges(n, if n < 65_536 { 1 } else { pool_threads() * 4 });
    let parts = map(pieces, |rows| {
        let mut fits = true;
        let keys: Vec<u64> = rows
            .map(|i| {
                let (x, r, t) = (h.frequency[i], h.recency[i], h.t[i]);
                fits &= is_whole(x) & is_whole(r) & is_whole(t);
                fits &= (x < limit) & (r < limit) & (t < limit);
                ((x as u64) << (2 * KEY_BITS)) | ((r as u64) << KEY_BITS) | t as u64
            })
            .collect();
        fits.then_some(keys)
    });
    let mut keys = Vec::with_capacity(n);
    for part in parts {
        keys.extend(part?);
    }
    Some(keys)
}

/// Sorts `keys`, in parallel on the current pool (in turn in the browser build).
fn sort_keys(keys: &mut [u64]) {
    #[cfg(not(target_arch = "wasm32"))]
    if crate::dataset::in_parallel::pool_threads() > 1 {
        use rayon::slice::ParallelSliceMut;
        keys.par_sort_unstable();
        return;
    }
    keys.sort_unstable();
}

/// [`group`] by a hash table of the values' bit patterns, for any histories.
fn group_by_hash(h: &PurchaseHistories) -> Vec<(History, f64)> {
    let mut counts: hashbrown::HashMap<[u64; 3], f64, foldhash::fast::RandomState> =
        hashbrown::HashMap::default();
    for i in 0..h.len() {
        let key = [bits(h.frequency[i]), bits(h.recency[i]), bits(h.t[i])];
        *counts.entry(key).or_insert(0.0) += 1.0;
    }
    let mut keyed: Vec<([u64; 3], f64)> = counts.into_iter().collect();
    // The checked values are finite and at least 0 (-0 made 0 by `bits`), whose bit
    // patterns order as the values do: integer keys sort faster than float tuples.
    keyed.sort_unstable_by_key(|e| e.0);
    keyed
        .into_iter()
        .map(|(k, w)| (k.map(f64::from_bits), w))
        .collect()
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

/// The customers grouped by the pair `(a[i], b[i])` as [`first_sight`] groups them, through
/// a table indexed by the pair, when both columns hold whole numbers (checked: finite, at
/// least 0) whose ranges make at most 2^20 cells: a summary's frequencies and ages in days
/// make a few hundred thousand at most. `None` otherwise.
fn on_grid(a: &[f64], b: &[f64]) -> Option<Distinct> {
    const CELLS: f64 = (1u64 << 20) as f64;
    let (mut a_max, mut b_max, mut whole) = (0.0f64, 0.0f64, true);
    for (&x, &y) in a.iter().zip(b) {
        whole &= is_whole(x) & is_whole(y);
        a_max = a_max.max(x);
        b_max = b_max.max(y);
    }
    if !(whole && (a_max + 1.0) * (b_max + 1.0) <= CELLS) {
        return None;
    }
    let width = b_max as usize + 1;
    let mut cell_group = vec![u32::MAX; (a_max as usize + 1) * width];
    let mut first: Vec<usize> = Vec::new();
    let slot = a
        .iter()
        .zip(b)
        .enumerate()
        .map(|(i, (&x, &y))| {
            let group = &mut cell_group[x as usize * width + y as usize];
            if *group == u32::MAX {
                *group = first.len() as u32;
                first.push(i);
            }
            *group as usize
        })
        .collect();
    Some(Distinct { first, slot })
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
        on_grid(&h.frequency, &h.t)
            .unwrap_or_else(|| first_sight(h.len(), |i| [bits(h.frequency[i]), bits(h.t[i])]))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` valid histories in whole days (`frac` adds a quarter day to every recency and T).
    fn histories(n: usize, frac: bool) -> PurchaseHistories {
        let mut seed = 7u64;
        let mut next = |m: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % m
        };
        let (mut f, mut r, mut t) = (vec![], vec![], vec![]);
        for _ in 0..n {
            let age = next(300) as f64 + 1.0;
            let x = next(6) as f64;
            let recency = if x == 0.0 {
                0.0
            } else {
                next(age as u64) as f64 + 1.0
            };
            let q = if frac { 0.25 } else { 0.0 };
            f.push(x);
            r.push(if x == 0.0 { 0.0 } else { recency.min(age) - q });
            t.push(age + q);
        }
        PurchaseHistories::from_columns(None, f, r, t, None).expect("valid histories")
    }

    #[test]
    fn packed_grouping_is_the_hash_grouping() {
        let h = histories(20_000, false);
        assert!(packed_keys(&h).is_some());
        let grouped = group(&h);
        assert_eq!(grouped, group_by_hash(&h));
        assert_eq!(grouped.iter().map(|g| g.1).sum::<f64>(), 20_000.0);
        // Fractional times are not packed and still grouped.
        let h = histories(5_000, true);
        assert!(packed_keys(&h).is_none());
        assert_eq!(group(&h), group_by_hash(&h));
    }

    #[test]
    fn the_grid_groups_as_first_sight() {
        let h = histories(20_000, false);
        let grid = on_grid(&h.frequency, &h.t).expect("whole numbers on a small grid");
        let hashed = first_sight(h.len(), |i| [bits(h.frequency[i]), bits(h.t[i])]);
        assert_eq!((&grid.first, &grid.slot), (&hashed.first, &hashed.slot));
        assert!(on_grid(&[0.5], &[1.0]).is_none());
        assert!(
            on_grid(&[2000.0], &[1000.0]).is_none(),
            "2001 × 1001 cells is too many"
        );
    }
}
