//! Writing rows straight into their sorted place.

use super::{Dataset, PackedAnswer, Rows, Vocab};
use crate::Properties;

/// Builds a [`Dataset`] by writing each row straight into its final place: the number of
/// rows of every customer is known up front, so each customer's rows fill its range in the
/// order they are placed. Customers whose rows came out of time order are then sorted
/// (stably, so equal times keep their placing order); already-sorted input costs one check.
pub(crate) struct RowPlacer {
    data: Dataset,
    next: Vec<usize>,
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
        let next = starts[..counts.len()].to_vec();
        let data = Dataset {
            customer_ids,
            traits,
            vocab,
            starts,
            rows: Rows::zeroed(total),
            properties: Vec::new(),
            more_answers: Vec::new(),
            aliases: Vec::new(),
            pinned_range: None,
        };
        RowPlacer { data, next }
    }

    /// Notes the ids merged into each customer ([`Merge::aliases`](super::identity::Merge::aliases)).
    pub(crate) fn set_aliases(&mut self, aliases: Vec<Vec<String>>) {
        self.data.aliases = aliases;
    }

    /// Writes the next row of `customer` (which must have room left) and returns its row.
    #[inline]
    pub(crate) fn place(
        &mut self,
        customer: u32,
        ts: i64,
        channel: u16,
        kind: u16,
        value: f64,
        answer: PackedAnswer,
    ) -> usize {
        let at = self.next[customer as usize];
        self.next[customer as usize] += 1;
        self.data.rows.set(at, ts, channel, kind, value, answer);
        at
    }

    /// Sorts each customer's rows by time where needed. `properties` and `more_answers` are
    /// `(row, item)` as [`place`](Self::place) returned the rows, in any order (the items of
    /// one row in their order).
    pub(crate) fn finish(
        self,
        mut properties: Vec<(usize, Properties)>,
        mut more_answers: Vec<(usize, PackedAnswer)>,
    ) -> Dataset {
        let mut d = self.data;
        properties.sort_by_key(|p| p.0);
        more_answers.sort_by_key(|p| p.0);
        let mut order = Vec::new();
        let mut moved_to = Vec::new();
        for c in 0..d.customer_ids.len() {
            let (a, b) = (d.starts[c], d.starts[c + 1]);
            if d.rows.ts[a..b].windows(2).all(|w| w[0] <= w[1]) {
                continue;
            }
            order.clear();
            order.extend(0..(b - a) as u32);
            order.sort_by_key(|&i| d.rows.ts[a + i as usize]);
            d.rows.reorder(a, &order);
            if !(has_items(&properties, a, b) || has_items(&more_answers, a, b)) {
                continue;
            }
            // Row a + order[j] moved to a + j.
            moved_to.clear();
            moved_to.resize(b - a, 0);
            for (j, &i) in order.iter().enumerate() {
                moved_to[i as usize] = a + j;
            }
            follow(&mut properties, a, b, &moved_to);
            follow(&mut more_answers, a, b, &moved_to);
        }
        d.properties = properties;
        d.more_answers = more_answers;
        d
    }
}

/// True when some of the sparse items (sorted by row) belong to rows `a..b`.
fn has_items<T>(items: &[(usize, T)], a: usize, b: usize) -> bool {
    !items.is_empty() && items.partition_point(|p| p.0 < a) < items.partition_point(|p| p.0 < b)
}

/// Moves the sparse items of rows `a..b` (sorted by row) to where their rows went.
fn follow<T>(items: &mut [(usize, T)], a: usize, b: usize, moved_to: &[usize]) {
    let lo = items.partition_point(|p| p.0 < a);
    let hi = items.partition_point(|p| p.0 < b);
    if lo < hi {
        for p in &mut items[lo..hi] {
            p.0 = moved_to[p.0 - a];
        }
        // Stable: the items of one row keep their order.
        items[lo..hi].sort_by_key(|p| p.0);
    }
}
