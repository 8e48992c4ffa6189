//! What a funnel counts per group of customers: how many reached each step, and the times
//! between steps (for the time-to-convert statistics), in customer order.

use super::matcher::{Outcome, NONE};
use super::spec::Spec;

/// The customers of one group (one breakdown value, or everyone) who reached each step.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(super) struct Tally {
    pub(super) counts: Vec<u64>,
    pub(super) from_prev: Vec<Vec<i64>>,
    pub(super) from_first: Vec<Vec<i64>>,
}

impl Tally {
    pub(super) fn new(steps: usize) -> Self {
        Tally {
            counts: vec![0; steps],
            from_prev: vec![Vec::new(); steps],
            from_first: vec![Vec::new(); steps],
        }
    }

    pub(super) fn add(&mut self, spec: &Spec, o: &Outcome<'_>) {
        for level in 0..=o.level {
            let s = spec.levels[level];
            self.counts[s] += 1;
            if level > 0 {
                self.from_prev[s].push(o.ts[level] - o.ts[level - 1]);
                self.from_first[s].push(o.ts[level] - o.ts[0]);
            }
        }
        for (slot, &t) in o.opt.iter().enumerate() {
            if t != NONE {
                let s = spec.optional_steps[slot];
                self.counts[s] += 1;
                self.from_prev[s].push(t - o.ts[spec.prev_level[s]]);
                self.from_first[s].push(t - o.ts[0]);
            }
        }
    }

    pub(super) fn merge(&mut self, other: Tally) {
        for (i, c) in other.counts.into_iter().enumerate() {
            self.counts[i] += c;
        }
        for (mine, theirs) in self.from_prev.iter_mut().zip(other.from_prev) {
            mine.extend(theirs);
        }
        for (mine, theirs) in self.from_first.iter_mut().zip(other.from_first) {
            mine.extend(theirs);
        }
    }
}
