//! The single pass: every journey analysis is a [`CustomerPass`] that sees each customer's
//! events (in time order) once; [`run_passes`] walks the dataset once for all of them.
//!
//! Analyses keep their per-customer state in small structs updated one event at a time,
//! so a streaming engine can feed the same state event by event.
//!
//! Every analysis's pass is also a [`MergeablePass`]: the state of one range of customers
//! merges with the state of the next range into the state of both. [`run_pass`] splits the
//! customers into ranges that depend only on their number (see `crate::parallel`), walks
//! them on every core and merges them in customer order, so the report is the same, bit for
//! bit, on one thread or many.

use crate::{CustomerEvents, Dataset, Stage, StageMap};

/// An analysis that reads each customer's events once, in customer order.
pub trait CustomerPass {
    /// Sees one customer's events; called once per customer, customers in index order.
    fn customer(&mut self, ctx: &PassContext<'_>, events: &CustomerEvents<'_>);
}

/// A pass whose state over a range of customers merges with its state over the next range.
///
/// A clone of an unstarted pass (nothing seen yet) starts a new range; [`merge`](Self::merge)
/// adds what such a clone saw over the customers right after this pass's own. Merging in
/// customer order must give the state one pass would have after seeing both ranges.
pub trait MergeablePass: CustomerPass + Clone + Send + Sync {
    /// Adds the state of `later`, a clone of the same unstarted pass that saw the customers
    /// right after the ones this pass saw.
    fn merge(&mut self, later: Self);

    /// How many customers a range should hold at least, for this pass's state to be worth
    /// cloning and merging: a pass with a large fixed state (a retention matrix of many
    /// cells) asks for long ranges. The default, 0, leaves the choice to the walk.
    fn min_customers_per_range(&self) -> usize {
        0
    }
}

/// Runs the unstarted `pass` over every customer of `ctx.data`: ranges of customers on every
/// core ([`set_threads`](crate::set_threads)), merged in customer order.
pub fn run_pass<P: MergeablePass>(ctx: &PassContext<'_>, pass: P) -> P {
    let n = ctx.data.customer_count();
    let walk = |lo: usize, hi: usize| {
        let mut p = pass.clone();
        for c in lo..hi {
            p.customer(ctx, &ctx.data.customer(c as u32));
        }
        p
    };
    let merge = |mut a: P, b: P| {
        a.merge(b);
        a
    };
    let leaf = crate::parallel::leaf_size(n, pass.min_customers_per_range());
    crate::parallel::install(|| crate::parallel::split(0, n, leaf, &walk, &merge))
}

/// What every pass may look up while it runs.
#[derive(Debug)]
pub struct PassContext<'a> {
    /// The dataset being read.
    pub data: &'a Dataset,
    /// The journey stage of each kind code (`stage_of[kind as usize]`).
    pub stage_of: Vec<Option<Stage>>,
}

impl<'a> PassContext<'a> {
    /// A context with the stages of `stages`.
    pub fn new(data: &'a Dataset, stages: &StageMap) -> Self {
        PassContext {
            data,
            stage_of: crate::survey::cx_report::stage_table(data, stages),
        }
    }

    /// The stage an event of kind code `kind` signals.
    pub fn stage(&self, kind: u16) -> Option<Stage> {
        self.stage_of[kind as usize]
    }
}

/// Walks the dataset once, on the calling thread, handing each customer to every pass in
/// turn. [`run_pass`] is the parallel walk of one [`MergeablePass`].
pub fn run_passes(ctx: &PassContext<'_>, passes: &mut [&mut dyn CustomerPass]) {
    for c in ctx.data.customers() {
        for p in passes.iter_mut() {
            p.customer(ctx, &c);
        }
    }
}
