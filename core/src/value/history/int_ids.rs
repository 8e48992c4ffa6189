//! Integer customer ids numbered in order of first appearance, for the transaction columns
//! reader (`transactions.rs`).

/// The most slots [`number_int_ids`] gives a direct array: 64M `u32`s, 256 MB.
const MAX_SLOTS: u64 = 1 << 26;

/// A slot of the direct array that no row has reached yet.
const UNSEEN: u32 = u32::MAX;

/// Each row's customer (numbered in order of first appearance) and each customer's id, in
/// that order. There are at most `MAX_ID_ROWS` (2^30) rows, so a number is never
/// `u32::MAX` (the null id of the text reader, and [`UNSEEN`] here).
pub(super) fn number_int_ids(customer_id: &[i64]) -> (Vec<u32>, Vec<i64>) {
    if customer_id.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let (min, max) = customer_id
        .iter()
        .fold((i64::MAX, i64::MIN), |(lo, hi), &id| {
            (lo.min(id), hi.max(id))
        });
    // Ids from a database's autoincrement key (the usual int64 customer column) are dense:
    // they fill most of `min..=max`. Then an array indexed by `id - min` numbers them with
    // one load per row, where a hash table of a million ids misses the cache on most rows.
    // Sparse ids (a wide span for the rows) would make the array mostly empty, so past a
    // few slots a row (and 256 MB in any case) they go through the hash table instead.
    let span = max.abs_diff(min);
    let rows = customer_id.len() as u64;
    if span <= MAX_SLOTS.min(4 * rows + 1024) {
        direct(customer_id, min, span as usize + 1)
    } else {
        hashed(customer_id)
    }
}

/// [`number_int_ids`] through an array of `slots` slots, one per id from `min`.
fn direct(customer_id: &[i64], min: i64, slots: usize) -> (Vec<u32>, Vec<i64>) {
    let mut number = vec![UNSEEN; slots];
    let mut distinct: Vec<i64> = Vec::new();
    let numbers = customer_id
        .iter()
        .map(|&id| {
            // `min <= id` and `id - min < slots`: the difference is an index.
            let slot = &mut number[id.abs_diff(min) as usize];
            if *slot == UNSEEN {
                *slot = distinct.len() as u32;
                distinct.push(id);
            }
            *slot
        })
        .collect();
    (numbers, distinct)
}

/// [`number_int_ids`] through a hash table.
fn hashed(customer_id: &[i64]) -> (Vec<u32>, Vec<i64>) {
    // A table seeded per process (foldhash), so crafted ids cannot make it quadratic.
    let mut index: hashbrown::HashMap<i64, u32, foldhash::fast::RandomState> =
        hashbrown::HashMap::with_capacity_and_hasher(
            (customer_id.len() / 4).min(1 << 22),
            foldhash::fast::RandomState::default(),
        );
    let mut distinct: Vec<i64> = Vec::new();
    let mut last: Option<(i64, u32)> = None;
    let numbers = customer_id
        .iter()
        .map(|&id| match last {
            Some((l, k)) if l == id => k,
            _ => {
                let k = *index.entry(id).or_insert_with(|| {
                    distinct.push(id);
                    (distinct.len() - 1) as u32
                });
                last = Some((id, k));
                k
            }
        })
        .collect();
    (numbers, distinct)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dense_and_sparse_ids_are_numbered_alike() {
        // Dense (the array), sparse (the table), the extremes of i64 (the table).
        for ids in [
            vec![5i64, 3, 5, 9, 3, 4, 10, 9],
            vec![5, -1_000_000_000_000, 5, 9, i64::MAX, 3],
            vec![i64::MIN, i64::MAX, i64::MIN],
            vec![i64::MAX - 2, i64::MAX, i64::MAX - 2],
            vec![i64::MIN, i64::MIN + 3],
            vec![],
        ] {
            let (numbers, distinct) = number_int_ids(&ids);
            assert_eq!((numbers.clone(), distinct.clone()), hashed(&ids), "{ids:?}");
            assert!(ids
                .iter()
                .zip(&numbers)
                .all(|(id, &k)| distinct[k as usize] == *id));
        }
        let (numbers, distinct) = number_int_ids(&[7, 7, 2, 7, 3, 2]);
        assert_eq!(numbers, [0, 0, 1, 0, 2, 1]);
        assert_eq!(distinct, [7, 2, 3]);
    }
}
