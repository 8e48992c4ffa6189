//! Writing rows straight into their sorted place, customer ranges in parallel.

use super::in_parallel::{map, pool_threads, split_by_lengths};
use super::{Dataset, PackedAnswer, Rows, Vocab};
use crate::Properties;
use std::ops::Range;

/// One row's values, as a [`RowSource`] gives them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PlacedRow {
    pub(crate) ts: i64,
    pub(crate) channel: u16,
    pub(crate) kind: u16,
    /// NaN = no value.
    pub(crate) value: f64,
    pub(crate) answer: PackedAnswer,
}

/// The rows to place, in input order.
pub(crate) trait RowSource: Sync {
    /// Calls `place(input row, customer, values)` for every row whose customer is in
    /// `customers`, in input order (reading the values of those rows only).
    fn rows_of(&self, customers: Range<u32>, place: impl FnMut(usize, u32, PlacedRow));
}

/// Builds a [`Dataset`] by writing each row straight into its final place: the number of
/// rows of every customer is known up front, so each customer's rows fill its range in
/// input order. Customers whose rows came out of time order are then sorted (stably, so
/// equal times keep input order); already-sorted input costs one check.
///
/// The customers are cut into ranges of about equal rows, one per thread of the current
/// pool: each range's rows are a slice of their own, written and sorted by one thread.
pub(crate) struct RowPlacer {
    data: Dataset,
}

/// The event columns of a run of rows, to be written.
struct RowsMut<'a> {
    ts: &'a mut [i64],
    channel: &'a mut [u16],
    kind: &'a mut [u16],
    value: &'a mut [f64],
    answer: &'a mut [PackedAnswer],
}

impl RowPlacer {
    /// Room for `counts[c]` rows of each customer `c`.
    pub(crate) fn new(
        customer_ids: Vec<String>,
        traits: Vec<Properties>,
        vocab: Vocab,
        counts: &[u32],
    ) -> Self {
        let mut starts = Vec::with_capacity(counts.len() + 1);
        let mut total = 0usize;
        starts.push(0);
        for &n in counts {
            total += n as usize;
            starts.push(total);
        }
        let data = Dataset {
            customer_ids,
            traits,
            vocab,
            starts,
            rows: Rows::zeroed(total),
            properties: Vec::new(),
            more_answers: Vec::new(),
            texts: Vec::new(),
            aliases: Vec::new(),
            pinned_range: None,
        };
        RowPlacer { data }
    }

    /// Notes the ids merged into each customer ([`Merge::aliases`](super::identity::Merge::aliases)).
    pub(crate) fn set_aliases(&mut self, aliases: Vec<Vec<String>>) {
        self.data.aliases = aliases;
    }

    /// Places every row of `source` and sorts each customer's rows by time. `properties`,
    /// `more_answers` and `texts` are `(input row, item)`, ascending by input row (the items
    /// of one row in their order); they follow their rows.
    pub(crate) fn place<S: RowSource>(
        self,
        source: &S,
        properties: Vec<(usize, Properties)>,
        more_answers: Vec<(usize, PackedAnswer)>,
        texts: Vec<(usize, String)>,
    ) -> Dataset {
        let mut d = self.data;
        // The input rows that have sparse items.
        let mut item_rows: Vec<usize> = (properties.iter().map(|p| p.0))
            .chain(more_answers.iter().map(|p| p.0))
            .chain(texts.iter().map(|p| p.0))
            .collect();
        item_rows.sort_unstable();
        item_rows.dedup();
        let cuts = customer_cuts(&d.starts, pool_threads());
        let starts = &d.starts;
        let lengths = cuts.windows(2).map(|w| starts[w[1]] - starts[w[0]]);
        let lengths: Vec<usize> = lengths.collect();
        let r = &mut d.rows;
        let pieces = split_by_lengths(&mut r.ts, lengths.iter().copied())
            .into_iter()
            .zip(split_by_lengths(&mut r.channel, lengths.iter().copied()))
            .zip(split_by_lengths(&mut r.kind, lengths.iter().copied()))
            .zip(split_by_lengths(&mut r.value, lengths.iter().copied()))
            .zip(split_by_lengths(&mut r.answer, lengths.iter().copied()))
            .zip(cuts.windows(2).map(|w| w[0] as u32..w[1] as u32))
            .map(|(((((ts, channel), kind), value), answer), customers)| {
                let rows = RowsMut {
                    ts,
                    channel,
                    kind,
                    value,
                    answer,
                };
                (rows, customers)
            })
            .collect();
        let item_rows = &item_rows;
        let moved = map(pieces, |(rows, customers)| {
            place_range(source, starts, rows, customers, item_rows)
        });
        // `(input row, final row)` of the rows with items, by input row.
        let mut moved: Vec<(usize, usize)> = moved.into_iter().flatten().collect();
        moved.sort_unstable();
        let at = |row: usize| moved[moved.partition_point(|m| m.0 < row)].1;
        let mut properties: Vec<_> = properties.into_iter().map(|(r, p)| (at(r), p)).collect();
        let mut more_answers: Vec<_> = more_answers.into_iter().map(|(r, a)| (at(r), a)).collect();
        let mut texts: Vec<_> = texts.into_iter().map(|(r, t)| (at(r), t)).collect();
        // Stable: the items of one row keep their order.
        properties.sort_by_key(|p| p.0);
        more_answers.sort_by_key(|p| p.0);
        texts.sort_by_key(|p| p.0);
        d.properties = properties;
        d.more_answers = more_answers;
        d.texts = texts;
        d
    }
}

/// Customer boundaries `0 = c0 ≤ c1 ≤ … ≤ ck = customers` cutting the rows into at most
/// `pieces` runs of about equal length (one piece when there is one thread).
fn customer_cuts(starts: &[usize], pieces: usize) -> Vec<usize> {
    let customers = starts.len() - 1;
    let total = starts[customers];
    let mut cuts = vec![0];
    for k in 1..pieces {
        let target = total * k / pieces;
        let c = starts.partition_point(|&s| s < target).min(customers);
        if c > *cuts.last().unwrap_or(&0) {
            cuts.push(c);
        }
    }
    if *cuts.last().unwrap_or(&0) < customers || cuts.len() == 1 {
        cuts.push(customers);
    }
    cuts
}

/// Writes the rows of `customers` into `rows` (their run of the dataset) and sorts each
/// customer's rows by time. Returns `(input row, final row)` for the input rows listed in
/// `item_rows` (ascending) that belong to these customers.
fn place_range<S: RowSource>(
    source: &S,
    starts: &[usize],
    rows: RowsMut<'_>,
    customers: Range<u32>,
    item_rows: &[usize],
) -> Vec<(usize, usize)> {
    let (c0, c1) = (customers.start as usize, customers.end as usize);
    let base = starts[c0];
    let mut next: Vec<usize> = starts[c0..c1].iter().map(|s| s - base).collect();
    let mut tracked = Vec::new();
    let mut cursor = 0;
    source.rows_of(customers, |input, customer, row| {
        let slot = &mut next[customer as usize - c0];
        let at = *slot;
        *slot += 1;
        rows.ts[at] = row.ts;
        rows.channel[at] = row.channel;
        rows.kind[at] = row.kind;
        rows.value[at] = row.value;
        rows.answer[at] = row.answer;
        if cursor < item_rows.len() {
            cursor += item_rows[cursor..].partition_point(|&r| r < input);
            if item_rows.get(cursor) == Some(&input) {
                tracked.push((input, at));
            }
        }
    });
    // Local rows from here on; `tracked` by local row.
    tracked.sort_unstable_by_key(|t| t.1);
    let mut order = Vec::new();
    let mut moved_to = Vec::new();
    for c in c0..c1 {
        let (a, b) = (starts[c] - base, starts[c + 1] - base);
        if rows.ts[a..b].windows(2).all(|w| w[0] <= w[1]) {
            continue;
        }
        order.clear();
        order.extend(0..(b - a) as u32);
        order.sort_by_key(|&i| rows.ts[a + i as usize]);
        super::reorder_in_place(&mut rows.ts[a..b], &order);
        super::reorder_in_place(&mut rows.channel[a..b], &order);
        super::reorder_in_place(&mut rows.kind[a..b], &order);
        super::reorder_in_place(&mut rows.value[a..b], &order);
        super::reorder_in_place(&mut rows.answer[a..b], &order);
        let lo = tracked.partition_point(|t| t.1 < a);
        let hi = tracked.partition_point(|t| t.1 < b);
        if lo == hi {
            continue;
        }
        // Row a + order[j] moved to a + j.
        moved_to.clear();
        moved_to.resize(b - a, 0);
        for (j, &i) in order.iter().enumerate() {
            moved_to[i as usize] = a + j;
        }
        for t in &mut tracked[lo..hi] {
            t.1 = moved_to[t.1 - a];
        }
    }
    for t in &mut tracked {
        t.1 += base;
    }
    tracked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_split_rows_evenly_at_customer_boundaries() {
        // Customers of 4, 0, 4, 1, 3 rows (12 in all).
        let starts = [0, 4, 4, 8, 9, 12];
        assert_eq!(customer_cuts(&starts, 1), [0, 5]);
        assert_eq!(customer_cuts(&starts, 2), [0, 3, 5]);
        assert_eq!(customer_cuts(&starts, 3), [0, 1, 3, 5]);
        assert_eq!(customer_cuts(&[0], 4), [0, 0]);
        for k in 1..20 {
            let cuts = customer_cuts(&starts, k);
            assert!(cuts.windows(2).all(|w| w[0] < w[1]) || cuts == [0, 0]);
            assert_eq!((cuts[0], *cuts.last().unwrap()), (0, 5));
        }
    }
}
