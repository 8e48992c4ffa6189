//! The live engine: each customer's state moved one event at a time, in any order, with
//! the batch analyses' own per-customer steps, so a dataset of the same events gives the
//! same answers; change signals out; computed traits; a versioned snapshot.
//!
//! - `options.rs`: [`LiveOptions`] (the batch analyses' options, segments, traits, the
//!   at-risk and reorder windows), checked into the tables read per event;
//! - `store.rs`: each customer's events as compact rows in time order, and the state
//!   folded from them (lifecycle, segment metrics, traits, sessions, the score);
//! - `engine.rs`: [`LiveEngine`] (push, advance), the timers of changes time brings, the ids
//!   already counted;
//! - `state.rs`: a customer's view and [`CustomerState`] at a time, and the next moment time
//!   alone changes them;
//! - `signals.rs`: [`Signal`] and the comparison of a customer's views;
//! - `traits.rs`: [`ComputedTrait`], Segment's computed traits;
//! - `snapshot.rs`: the engine as versioned bytes;
//! - `durable.rs`: [`DurableLiveEngine`], the engine kept in an embedded store (redb), every
//!   acknowledged batch on disk before it is applied (not in the browser).
//!
//! Late events: events come in any order. One in time order for its customer folds in one
//! step; an earlier one is inserted in place and the customer refolded, so the state is
//! always the state of the events sorted by time (ties in arrival order). An event more
//! than `reorder_seconds` older than the clock marks its signals `late`: corrections.

#[cfg(not(target_arch = "wasm32"))]
mod durable;
mod engine;
mod options;
mod signals;
mod snapshot;
mod state;
mod store;
#[cfg(test)]
mod tests;
mod traits;

#[cfg(not(target_arch = "wasm32"))]
pub use durable::DurableLiveEngine;
pub use engine::{LiveEngine, LiveStats};
pub use options::LiveOptions;
pub use signals::{Signal, SignalKind};
pub use snapshot::{LIVE_SNAPSHOT_MAGIC, LIVE_SNAPSHOT_VERSION};
pub use state::CustomerState;
pub use traits::{ComputedTrait, TraitAggregate};
