//! The single pass: every journey analysis is a [`CustomerPass`] that sees each customer's
//! events (in time order) once; [`run_passes`] walks the dataset once for all of them.
//!
//! Analyses keep their per-customer state in small structs updated one event at a time,
//! so a streaming engine can feed the same state event by event.

use crate::{CustomerEvents, Dataset, Stage, StageMap};

/// An analysis that reads each customer's events once, in customer order.
pub trait CustomerPass {
    /// Sees one customer's events; called once per customer, customers in index order.
    fn customer(&mut self, ctx: &PassContext<'_>, events: &CustomerEvents<'_>);
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

/// Walks the dataset once, handing each customer to every pass in turn.
pub fn run_passes(ctx: &PassContext<'_>, passes: &mut [&mut dyn CustomerPass]) {
    for c in ctx.data.customers() {
        for p in passes.iter_mut() {
            p.customer(ctx, &c);
        }
    }
}
