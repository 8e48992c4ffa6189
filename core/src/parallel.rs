//! How many threads touchpoint uses, and the one way it splits work over them.
//!
//! Every analysis walks the customers in ranges whose boundaries depend only on the number
//! of customers ([`split`]), never on the number of threads, and merges the ranges' states
//! in customer order. So a run on one thread and a run on every core give the same report,
//! bit for bit: the threads change when each range is walked, not what is added to what.
//!
//! The work runs on rayon's work-stealing pool. The default is every core (rayon's global
//! pool, which honours `RAYON_NUM_THREADS`); [`set_threads`] picks another count for the
//! whole process. The browser build has one thread: there the same ranges are walked in turn.

use crate::{Result, TouchpointError};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The most threads [`set_threads`] accepts.
pub const MAX_THREADS: usize = 1024;

/// The thread setting: 0 = every core (rayon's global pool).
static SETTING: AtomicUsize = AtomicUsize::new(0);

/// Sets how many threads the readers and analyses use, for the whole process: `0` (the
/// default) means every core; `1` runs everything on the calling thread. The results do not
/// depend on it. In the browser build there is one thread whatever the setting.
///
/// More than [`MAX_THREADS`] is an `INVALID_CONFIG` error naming `threads`.
pub fn set_threads(threads: usize) -> Result<()> {
    SETTING.store(threads_from_number(threads as f64)?, Ordering::Relaxed);
    Ok(())
}

/// The thread count a host language's number asks for: a whole number from 0 to
/// [`MAX_THREADS`]. Anything else (negative, fractional, NaN, too many) is an
/// `INVALID_CONFIG` error naming `threads`, the same in every language.
pub fn threads_from_number(threads: f64) -> Result<usize> {
    if threads.fract() == 0.0 && (0.0..=MAX_THREADS as f64).contains(&threads) {
        Ok(threads as usize)
    } else {
        Err(TouchpointError::config(
            "threads",
            format!("a whole number from 0 (every core) to {MAX_THREADS}, got {threads}"),
        ))
    }
}

/// How many threads the readers and analyses use now (1 in the browser build).
pub fn threads() -> usize {
    imp::threads(SETTING.load(Ordering::Relaxed))
}

/// Call in a child process made by `fork()` (Python's `multiprocessing` "fork" start method,
/// `os.fork`) before touchpoint runs there: the parent's worker threads do not exist in the
/// child, so the child gets a pool of its own, started on first use, of the same size.
/// (Python's `touchpoint` package registers this with `os.register_at_fork`.)
pub fn reset_threads_after_fork() {
    imp::after_fork();
}

/// Runs `work` on the pool of the current setting; `join` and [`for_each_range`] inside it
/// use that pool.
pub(crate) fn install<R: Send>(work: impl FnOnce() -> R + Send) -> R {
    imp::install(SETTING.load(Ordering::Relaxed), work)
}

/// Runs `a` and `b`, in parallel when a thread is free, and returns both results.
pub(crate) fn join<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    imp::join(a, b)
}

/// The fewest customers (or rows) a range holds before it is split again.
const LEAF_MIN: usize = 2048;
/// The most ranges a walk is split into: enough for work stealing to even out skew on many
/// cores, few enough that the states' merges cost little.
const LEAVES_MAX: usize = 256;

/// The size of the ranges `n` items are walked in, at least `at_least`: a function of `n`
/// and of the work, never of the threads.
pub(crate) fn leaf_size(n: usize, at_least: usize) -> usize {
    #[cfg(test)]
    if let Some(leaf) = TEST_LEAF.with(|l| l.get()) {
        return leaf;
    }
    LEAF_MIN.max(n.div_ceil(LEAVES_MAX)).max(at_least)
}

#[cfg(test)]
thread_local! {
    /// Tests split small datasets into tiny ranges, to merge as often as possible.
    static TEST_LEAF: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
}

/// Runs `f` with ranges of `leaf` items (on this thread's calls), for tests.
#[cfg(test)]
pub(crate) fn with_leaf<R>(leaf: usize, f: impl FnOnce() -> R) -> R {
    let old = TEST_LEAF.with(|l| l.replace(Some(leaf)));
    let out = f();
    TEST_LEAF.with(|l| l.set(old));
    out
}

/// Folds `lo..hi` into one value: ranges of at most `leaf` items are `walk`ed, and two
/// neighbouring ranges' values are `merge`d, earlier first. The split points depend only on
/// `lo`, `hi` and `leaf`, so the result does not depend on the threads.
pub(crate) fn split<T: Send>(
    lo: usize,
    hi: usize,
    leaf: usize,
    walk: &(impl Fn(usize, usize) -> T + Sync),
    merge: &(impl Fn(T, T) -> T + Sync),
) -> T {
    if hi - lo <= leaf {
        return walk(lo, hi);
    }
    // Split at a whole number of leaves from `lo`, half of them on each side.
    let leaves = (hi - lo).div_ceil(leaf);
    let mid = lo + (leaves / 2) * leaf;
    let (a, b) = join(
        || split(lo, mid, leaf, walk, merge),
        || split(mid, hi, leaf, walk, merge),
    );
    merge(a, b)
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use std::sync::{Arc, Mutex};

    use std::sync::atomic::{AtomicBool, Ordering};

    /// The pool of a setting other than 0 (or of every setting after a fork), kept while
    /// the setting stays.
    static POOL: Mutex<Option<(usize, Arc<rayon::ThreadPool>)>> = Mutex::new(None);

    /// Set in a forked child: rayon's global pool has no threads there.
    static FORKED: AtomicBool = AtomicBool::new(false);

    pub(super) fn after_fork() {
        FORKED.store(true, Ordering::Relaxed);
        // The parent's pool has no threads here: forget it (dropping it would signal threads
        // that do not exist), and start another on first use.
        if let Ok(mut held) = POOL.try_lock() {
            if let Some(old) = held.take() {
                std::mem::forget(old);
            }
        }
    }

    /// Every core: rayon's global pool, or in a forked child a pool of our own.
    fn every_core() -> usize {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    }

    fn pool(threads: usize) -> Option<Arc<rayon::ThreadPool>> {
        let mut held = POOL.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((n, pool)) = held.as_ref() {
            if *n == threads {
                return Some(pool.clone());
            }
        }
        // A pool that cannot start (no threads allowed) leaves the work on the caller's thread.
        let pool = Arc::new(
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .thread_name(|i| format!("touchpoint-{i}"))
                .build()
                .ok()?,
        );
        *held = Some((threads, pool.clone()));
        Some(pool)
    }

    pub(super) fn threads(setting: usize) -> usize {
        match setting {
            0 if FORKED.load(Ordering::Relaxed) => every_core(),
            0 => rayon::current_num_threads(),
            n => n,
        }
    }

    pub(super) fn install<R: Send>(setting: usize, work: impl FnOnce() -> R + Send) -> R {
        let n = match setting {
            0 if FORKED.load(Ordering::Relaxed) => every_core(),
            0 => return work(),
            n => n,
        };
        match pool(n) {
            Some(pool) => pool.install(work),
            None => work(),
        }
    }

    pub(super) fn join<A: Send, B: Send>(
        a: impl FnOnce() -> A + Send,
        b: impl FnOnce() -> B + Send,
    ) -> (A, B) {
        rayon::join(a, b)
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    pub(super) fn after_fork() {}

    pub(super) fn threads(_setting: usize) -> usize {
        1
    }

    pub(super) fn install<R: Send>(_setting: usize, work: impl FnOnce() -> R + Send) -> R {
        work()
    }

    pub(super) fn join<A: Send, B: Send>(
        a: impl FnOnce() -> A + Send,
        b: impl FnOnce() -> B + Send,
    ) -> (A, B) {
        (a(), b())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_depend_on_the_count_alone() {
        // Every leaf is walked once, in order, and merged left to right.
        for n in [0, 1, 2047, 2048, 2049, 10_000, 1_000_003] {
            let leaf = leaf_size(n, 0);
            let walk = |lo: usize, hi: usize| vec![(lo, hi)];
            let merge = |mut a: Vec<(usize, usize)>, b: Vec<(usize, usize)>| {
                a.extend(b);
                a
            };
            let ranges = split(0, n, leaf, &walk, &merge);
            assert_eq!(ranges.first().map(|r| r.0), Some(0));
            assert_eq!(ranges.last().map(|r| r.1), Some(n));
            assert!(
                ranges.windows(2).all(|w| w[0].1 == w[1].0),
                "{n}: {ranges:?}"
            );
            assert!(ranges.iter().all(|r| r.1 - r.0 <= leaf));
            assert!(ranges.len() <= LEAVES_MAX, "{n}: {} ranges", ranges.len());
        }
    }

    #[test]
    fn a_thread_count_beyond_the_limit_is_refused() {
        let e = set_threads(MAX_THREADS + 1).unwrap_err();
        assert_eq!(e.code(), "INVALID_CONFIG");
        assert_eq!(e.field(), Some("threads"));
    }
}
