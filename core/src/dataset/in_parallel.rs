//! The columnar reader's and the row placer's parallel parts: work cut into pieces, run on
//! the current rayon pool (every core by default; a caller may `install` a smaller pool),
//! and in turn on wasm32 or in a one-thread pool. The pieces and what each computes do not
//! depend on the number of threads, so the results are the same with any.

use std::ops::Range;

/// The threads of the current pool: `rayon::current_num_threads()`, or 1 on wasm32.
pub(crate) fn pool_threads() -> usize {
    #[cfg(not(target_arch = "wasm32"))]
    {
        rayon::current_num_threads().max(1)
    }
    #[cfg(target_arch = "wasm32")]
    {
        1
    }
}

/// `f` of every item, the results in the items' order: in parallel on the current pool
/// when it has more than one thread, else in turn.
pub(crate) fn map<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync + Send) -> Vec<R> {
    #[cfg(not(target_arch = "wasm32"))]
    if items.len() > 1 && pool_threads() > 1 {
        use rayon::prelude::*;
        return items.into_par_iter().map(f).collect();
    }
    items.into_iter().map(f).collect()
}

/// `0..n` cut into `pieces` ranges (the last ones one shorter), none empty.
pub(crate) fn ranges(n: usize, pieces: usize) -> Vec<Range<usize>> {
    let pieces = pieces.clamp(1, n.max(1));
    let (size, extra) = (n / pieces, n % pieces);
    let mut start = 0;
    (0..pieces)
        .map(|k| {
            let end = start + size + usize::from(k < extra);
            let r = start..end;
            start = end;
            r
        })
        .filter(|r| !r.is_empty())
        .collect()
}

/// `slice` cut into consecutive pieces of the given lengths (which must add up to at most
/// its length).
pub(crate) fn split_by_lengths<T>(
    mut slice: &mut [T],
    lengths: impl IntoIterator<Item = usize>,
) -> Vec<&mut [T]> {
    let mut out = Vec::new();
    for n in lengths {
        let (head, tail) = std::mem::take(&mut slice).split_at_mut(n);
        out.push(head);
        slice = tail;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_cover_every_index_once_in_order() {
        for (n, k) in [(0, 3), (1, 4), (10, 3), (10, 10), (7, 100), (1000, 7)] {
            let rs = ranges(n, k);
            let flat: Vec<usize> = rs.iter().flat_map(|r| r.clone()).collect();
            assert_eq!(flat, (0..n).collect::<Vec<_>>(), "n {n}, k {k}");
            assert!(rs.len() <= k.max(1));
        }
    }

    #[test]
    fn pieces_of_a_slice_have_the_lengths_asked() {
        let mut v: Vec<u32> = (0..10).collect();
        let parts = split_by_lengths(&mut v, [3, 0, 5]);
        let lens: Vec<usize> = parts.iter().map(|p| p.len()).collect();
        assert_eq!(lens, [3, 0, 5]);
        assert_eq!(parts[2], [3, 4, 5, 6, 7]);
    }
}
