//! The per-customer funnel state, updated one event at a time (so a streaming engine can
//! feed it event by event). Nothing is allocated per event: all buffers are sized when the
//! pass is built (any-order attempts grow a reused buffer).
//!
//! Ordered and strict funnels keep one partial attempt per level (level = non-optional
//! steps matched so far). A newer attempt at a level replaces the older one: it started
//! later and reached the level later, so whatever the older one can still reach, the newer
//! can too (the conversion window runs from the first step, per-step windows from the
//! previous step). This is the attempt tracking of ClickHouse's `windowFunnel` and PostHog.
//! The counted attempt is the first to reach the furthest level.

use super::spec::Spec;
use super::FunnelOrder;

/// "Not done" in the optional-step times.
pub(crate) const NONE: i64 = i64::MIN;

/// The counted attempt of one customer.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Outcome<'a> {
    /// The furthest level reached (0 = step 0).
    pub level: usize,
    /// Whether an exclusion event removed the customer.
    pub excluded: bool,
    /// The time each level was reached, `level + 1` values.
    pub ts: &'a [i64],
    /// When each optional step was done ([`NONE`] if it was not).
    pub opt: &'a [i64],
    /// The channel of the attempt's first step.
    pub start_channel: u16,
    /// The channel of the attempt's furthest non-optional step.
    pub last_channel: u16,
}

/// The head of an attempt; its times live in the matcher's flat buffers.
#[derive(Debug, Clone, Copy, Default, serde::Serialize, serde::Deserialize)]
struct Head {
    alive: bool,
    excluded: bool,
    /// Strict mode, counted attempt: no other event since its last step.
    contiguous: bool,
    level: usize,
    /// Any order: the steps done.
    mask: u64,
    start_ts: i64,
    start_row: usize,
    /// The row that reached `level`.
    reached_row: usize,
    start_ch: u16,
    last_ch: u16,
}

impl Head {
    /// A live attempt started by the event at `row`.
    fn started(t: i64, row: usize, channel: u16) -> Head {
        Head {
            alive: true,
            start_ts: t,
            start_row: row,
            reached_row: row,
            start_ch: channel,
            last_ch: channel,
            ..Head::default()
        }
    }
}

/// Per-customer funnel state. Ordered/strict: slots `0..levels` hold the attempt at each
/// level and slot `levels` the counted attempt. Any order: slot 0 is the counted attempt
/// and slots `1..` the open attempts.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct Matcher {
    any_order: bool,
    strict: bool,
    levels: usize,
    optional: usize,
    best: usize,
    heads: Vec<Head>,
    ts: Vec<i64>,
    opt: Vec<i64>,
    rows: usize,
    converted: bool,
}

impl Matcher {
    pub(crate) fn new(spec: &Spec) -> Self {
        let any_order = spec.order == FunnelOrder::AnyOrder;
        let levels = spec.levels.len();
        let optional = spec.optional_steps.len();
        let slots = if any_order { 1 } else { levels + 1 };
        Matcher {
            any_order,
            strict: spec.order == FunnelOrder::Strict,
            levels,
            optional,
            best: if any_order { 0 } else { levels },
            heads: vec![Head::default(); slots],
            ts: vec![0; slots * levels],
            opt: vec![NONE; slots * optional],
            rows: 0,
            converted: false,
        }
    }

    /// Forgets the previous customer.
    pub(crate) fn reset(&mut self) {
        if self.any_order {
            self.heads.truncate(1);
            self.ts.truncate(self.levels);
        }
        for h in &mut self.heads {
            h.alive = false;
        }
        self.rows = 0;
        self.converted = false;
    }

    /// True when no later event can change the outcome.
    pub(crate) fn settled(&self, spec: &Spec) -> bool {
        self.converted
            && (self.any_order
                || spec.gap_optional[self.levels - 1] == 0
                || (self.strict && !self.heads[self.best].contiguous))
    }

    /// The counted attempt, if the customer did step 0.
    pub(crate) fn outcome(&self) -> Option<Outcome<'_>> {
        let h = &self.heads[self.best];
        h.alive.then(|| {
            let b = self.best;
            Outcome {
                level: h.level,
                excluded: h.excluded,
                ts: &self.ts[b * self.levels..b * self.levels + h.level + 1],
                opt: &self.opt[b * self.optional..(b + 1) * self.optional],
                start_channel: h.start_ch,
                last_channel: h.last_ch,
            }
        })
    }

    /// Sees the customer's next event (events in time order, ties in input order).
    pub(crate) fn push(&mut self, spec: &Spec, t: i64, kind: u16, channel: u16) {
        let row = self.rows;
        self.rows += 1;
        let m = spec.matches(kind, channel);
        if self.any_order {
            if !self.converted {
                self.push_any_order(spec, row, t, m, spec.exclusions(kind), channel);
            }
            return;
        }
        if !self.converted {
            let x = spec.exclusions(kind);
            if m == 0 && x == 0 && !self.strict {
                return;
            }
            if x != 0 {
                self.exclude(spec, t, x, 0);
            }
            if m != 0 {
                self.advance(spec, row, t, m, channel);
            }
            for level in 0..self.levels {
                let h = self.heads[level];
                if h.alive && h.reached_row != row {
                    let gap = spec.gap_optional[level] & m;
                    if gap != 0 {
                        self.collect(spec, level, gap, t);
                    } else if self.strict {
                        self.heads[level].alive = false;
                    }
                }
            }
        }
        let b = self.heads[self.best];
        if b.alive && !b.excluded && b.reached_row != row && (!self.strict || b.contiguous) {
            let gap = spec.gap_optional[b.level] & m;
            if gap != 0 {
                self.collect(spec, self.best, gap, t);
            } else if self.strict {
                self.heads[self.best].contiguous = false;
            }
        }
    }

    /// Ordered/strict: starts or extends attempts with an event matching steps `m`.
    fn advance(&mut self, spec: &Spec, row: usize, t: i64, m: u64, channel: u16) {
        // Highest level first, so one event never fills two steps of one attempt.
        for level in (0..self.levels).rev() {
            let step = spec.levels[level];
            if m & (1u64 << step) == 0 {
                continue;
            }
            if level == 0 {
                self.heads[0] = Head::started(t, row, channel);
                self.ts[0] = t;
                self.opt[..self.optional].fill(NONE);
            } else {
                let prev = self.heads[level - 1];
                if !prev.alive || t - prev.start_ts > spec.window {
                    continue;
                }
                let prev_t = self.ts[(level - 1) * self.levels + level - 1];
                if spec.within[step].is_some_and(|w| t - prev_t > w) {
                    continue;
                }
                self.copy(level - 1, level, level);
                self.ts[level * self.levels + level] = t;
                let h = &mut self.heads[level];
                h.level = level;
                h.reached_row = row;
                h.last_ch = channel;
            }
            self.offer(level, row);
        }
    }

    /// Records the optional steps in `gap` that attempt `slot` has not done yet.
    fn collect(&mut self, spec: &Spec, slot: usize, mut gap: u64, t: i64) {
        let h = self.heads[slot];
        if t - h.start_ts > spec.window {
            return;
        }
        let last = self.ts[slot * self.levels + h.level];
        while gap != 0 {
            let step = gap.trailing_zeros() as usize;
            gap &= gap - 1;
            let Some(o) = spec.optional_slot[step] else {
                continue;
            };
            let cell = &mut self.opt[slot * self.optional + o];
            if *cell == NONE && spec.within[step].is_none_or(|w| t - last <= w) {
                *cell = t;
            }
        }
    }

    /// Removes the attempts (from slot `first` on) that an exclusion event at `t` falls into,
    /// and marks the counted attempt excluded if it falls into it.
    fn exclude(&mut self, spec: &Spec, t: i64, mut x: u64, first: usize) {
        while x != 0 {
            let e = x.trailing_zeros() as usize;
            x &= x - 1;
            let (lo, hi) = spec.exclusion_levels[e];
            let inside =
                |h: &Head| h.alive && (lo..hi).contains(&h.level) && t - h.start_ts <= spec.window;
            if self.any_order {
                let mut i = first;
                while i < self.heads.len() {
                    if inside(&self.heads[i]) {
                        self.remove(i);
                    } else {
                        i += 1;
                    }
                }
            } else {
                for level in lo..hi {
                    if inside(&self.heads[level]) {
                        self.heads[level].alive = false;
                    }
                }
            }
            let b = &mut self.heads[self.best];
            if !b.excluded && inside(b) {
                b.excluded = true;
            }
        }
    }

    /// Makes attempt `slot` the counted one if it is the first to reach its level (or the
    /// counted one was excluded; any order: or it reached the level with the same event
    /// and started later).
    fn offer(&mut self, slot: usize, row: usize) {
        let h = self.heads[slot];
        let b = self.heads[self.best];
        let better = !b.alive
            || h.level > b.level
            || (h.level == b.level
                && (b.excluded || (b.reached_row == row && h.start_row > b.start_row)));
        if better {
            self.copy(slot, self.best, h.level + 1);
            let b = &mut self.heads[self.best];
            b.alive = true;
            b.excluded = false;
            b.contiguous = true;
            if h.level + 1 == self.levels {
                self.converted = true;
            }
        }
    }

    /// Copies attempt `from` (its head, first `upto` times and optional times) to `to`.
    fn copy(&mut self, from: usize, to: usize, upto: usize) {
        self.heads[to] = self.heads[from];
        let l = self.levels;
        self.ts.copy_within(from * l..from * l + upto, to * l);
        let o = self.optional;
        self.opt.copy_within(from * o..(from + 1) * o, to * o);
    }

    /// Any order: drops open attempt `i` (order of open attempts does not matter).
    fn remove(&mut self, i: usize) {
        let last = self.heads.len() - 1;
        self.heads.swap_remove(i);
        let l = self.levels;
        if i != last {
            self.ts.copy_within(last * l..(last + 1) * l, i * l);
        }
        self.ts.truncate(last * l);
    }

    fn push_any_order(&mut self, spec: &Spec, row: usize, t: i64, m: u64, x: u64, channel: u16) {
        if m == 0 && x == 0 {
            return;
        }
        let mut i = 1;
        while i < self.heads.len() {
            if t - self.heads[i].start_ts > spec.window {
                self.remove(i);
            } else {
                i += 1;
            }
        }
        if x != 0 {
            self.exclude(spec, t, x, 1);
        }
        if m == 0 {
            return;
        }
        // Each event fills the first step (in the order given) it matches that the attempt
        // has not done yet.
        for i in 1..self.heads.len() {
            let free = m & !self.heads[i].mask;
            if free == 0 {
                continue;
            }
            let h = &mut self.heads[i];
            h.mask |= 1u64 << free.trailing_zeros();
            h.level += 1;
            h.reached_row = row;
            h.last_ch = channel;
            let level = h.level;
            self.ts[i * self.levels + level] = t;
            self.offer(i, row);
        }
        self.heads.push(Head {
            mask: 1u64 << m.trailing_zeros(),
            ..Head::started(t, row, channel)
        });
        self.ts.resize(self.heads.len() * self.levels, 0);
        let new = self.heads.len() - 1;
        self.ts[new * self.levels] = t;
        self.offer(new, row);
        self.dedup();
    }

    /// Any order: of two open attempts with the same steps done, the later-started one can
    /// do whatever the other can (same future, longer window), so the other is dropped.
    fn dedup(&mut self) {
        let mut i = 1;
        while i < self.heads.len() {
            let mut j = i + 1;
            let mut dropped_i = false;
            while j < self.heads.len() {
                if self.heads[j].mask != self.heads[i].mask {
                    j += 1;
                } else if self.heads[j].start_row > self.heads[i].start_row {
                    self.remove(i);
                    dropped_i = true;
                    break;
                } else {
                    self.remove(j);
                }
            }
            if !dropped_i {
                i += 1;
            }
        }
    }
}
