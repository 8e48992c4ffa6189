//! Partial states: one analysis's state over one partition of the customers, as versioned
//! bytes that merge with the other partitions' into the report one machine gives. This is
//! how an analysis runs on a cluster (`touchpoint.spark` in Python): each executor reads
//! whole customers, aligns its dataset to the run's [`PartitionContext`], and emits a
//! [`PartialState`]; the driver merges them, in any order, and finishes the report.
//!
//! Within one machine the same merge runs over ranges of customers on every core
//! ([`run_pass`](crate::run_pass)); across machines the states travel as bytes.

mod analyses;
mod context;
mod state;
#[cfg(test)]
mod tests;

pub use analyses::{PartialReport, PARTIAL_ANALYSES};
pub use context::PartitionContext;
pub use state::{PartialState, PARTIAL_STATE_MAGIC, PARTIAL_STATE_VERSION};
