//! The columnar reader in parallel, for a batch of plain customer ids without anonymous
//! ids, a run of rows at a time:
//!
//! 1. the rows are checked and their ids hashed, in pieces, in parallel (`check_row` needs
//!    no state of the reader's own);
//! 2. in row order, a bad row is the error (strict) or listed (lenient), and each good
//!    row's channel, kind and answers are noted (new names are few);
//! 3. the ids are numbered in order of first sight, shard by shard in parallel
//!    ([`IdTable::index_all`](crate::ingest::columns::ids::IdTable::index_all));
//! 4. the rows of each customer are counted, and the traits noted in row order.
//!
//! Each step gives what the one-row-at-a-time reader gives, so the results are the same.

use super::check::{check_row, Caches, Checked, Lookups, Metrics};
use super::{ColumnsReader, REJECTED};
use crate::dataset::in_parallel::{map, pool_threads, ranges, split_by_lengths};
use crate::ingest::columns::ids::{MAX_IDS, MAX_RUN, NO_ID};
use crate::ingest::columns::lookup::Code;
use crate::ingest::columns::EventColumns;
use crate::{PackedAnswer, RecordRef, Result, TouchpointError};

/// The rows read at a time: enough to keep every thread busy between the steps, few enough
/// to keep the checked rows in cache.
const RUN: usize = 1 << 15;
const _: () = assert!(RUN <= MAX_RUN && NO_ID == REJECTED);

impl<'a> ColumnsReader<'a> {
    /// Reads the rows of `columns` (plain customer ids, no anonymous ids) in parallel.
    pub(super) fn push_runs(
        &mut self,
        columns: &EventColumns<'a>,
        mut caches: Caches,
        trait_slots: &[usize],
    ) -> Result<()> {
        let pieces = pool_threads() * 4;
        let base = self.customer.len();
        let record = |i: usize| RecordRef::Record((base + i) as u64 + 1);
        let mut checked: Vec<Option<Checked<'a>>> = Vec::new();
        for run in ranges(columns.len(), columns.len().div_ceil(RUN)) {
            // 1. Check and hash: each row's `Checked`, or `None` and its error.
            checked.clear();
            checked.resize(run.len(), None);
            let look = Lookups {
                channels: &self.channels,
                kinds: &self.kinds,
                caches: &caches,
            };
            let (look, table) = (&look, &self.customers);
            let cut = ranges(run.len(), pieces);
            let jobs = (cut.iter().cloned())
                .zip(split_by_lengths(&mut checked, cut.iter().map(|r| r.len())))
                .collect();
            let errors = map(jobs, |(piece, out)| {
                let mut metrics = Metrics::default();
                let mut errors: Vec<TouchpointError> = Vec::new();
                let mut last = None;
                for (p, slot) in piece.zip(out) {
                    let i = run.start + p;
                    let id = columns.customer_id.get(i);
                    let same_id = last.is_some() && last == id;
                    match check_row(columns, i, record(i), look, &mut metrics, same_id) {
                        Ok(mut row) => {
                            last = id;
                            row.key = id.map(|id| table.hashed(id));
                            *slot = Some(row);
                        }
                        Err(e) => errors.push(e),
                    }
                }
                errors
            });
            // 2. Bad rows, channels, kinds and answers, in row order.
            let mut errors = errors.into_iter().flatten();
            for (p, slot) in checked.iter_mut().enumerate() {
                let i = run.start + p;
                let coded = match slot {
                    Some(row) => self.codes_of(row, &mut caches, columns, record(i)),
                    None => Err(errors
                        .next()
                        .unwrap_or_else(|| unreachable_error(record(i)))),
                };
                match coded {
                    Ok(codes) => {
                        let row = base + i;
                        let answer = match slot.as_ref().and_then(|r| r.answers.as_ref()) {
                            None => slot.as_ref().map_or(PackedAnswer::NONE, |r| r.survey),
                            Some(a) => {
                                self.more_answers.extend(a.rest().iter().map(|&m| (row, m)));
                                a.first()
                            }
                        };
                        self.codes.push(codes);
                        self.answer.push(answer);
                    }
                    Err(e) => {
                        self.rejections.handle(Err(e))?;
                        *slot = None;
                        self.codes.push([0, 0]);
                        self.answer.push(PackedAnswer::NONE);
                    }
                }
            }
            // 3. Customer numbers (`NO_ID` for a rejected row).
            let key = |p: usize| checked[p].as_ref().and_then(|row| row.key);
            let customers = if self.customers.keys.len() + checked.len() <= MAX_IDS {
                self.customers.index_all(checked.len(), key)
            } else {
                // Past a billion customers: the table's own limit applies, one at a time.
                let ids = (0..checked.len()).map(|p| key(p).map(|k| self.customers.index(k).0));
                ids.map(|c| c.unwrap_or(REJECTED)).collect()
            };
            // 4. Counts and traits.
            self.counts.resize(self.customers.keys.len(), 0);
            for &c in &customers {
                if c != REJECTED {
                    self.counts[c as usize] += 1;
                }
            }
            if !columns.traits.is_empty() {
                for (p, &c) in customers.iter().enumerate() {
                    if let Some(row) = &checked[p] {
                        let (i, at) = (run.start + p, (base + run.start + p) as u64);
                        self.traits.note(columns, trait_slots, i, c, row.ts, at);
                    }
                }
            }
            self.customer.extend_from_slice(&customers);
        }
        Ok(())
    }

    /// The channel and kind codes of a checked row: known ones at once, new ones interned.
    #[inline]
    fn codes_of(
        &mut self,
        row: &Checked<'a>,
        caches: &mut Caches,
        columns: &EventColumns<'a>,
        record: RecordRef,
    ) -> Result<[u16; 2]> {
        match (row.channel, row.kind) {
            (Code::Known(channel), Code::Known(kind)) => Ok([channel, kind]),
            _ => self.codes(row, caches, columns, record),
        }
    }
}

/// A row with neither a `Checked` nor an error: cannot happen (each piece gives one or
/// the other per row, in row order).
#[cold]
fn unreachable_error(record: RecordRef) -> TouchpointError {
    TouchpointError::invalid(record, "row", "was not checked")
}
