//! The columnar reader one row after the other: in a one-thread pool, on wasm32, and for
//! batches with dictionary-encoded customer ids or anonymous ids.

use super::check::{check_row, Caches, Checked, Lookups, Metrics};
use super::ColumnsReader;
use crate::ingest::columns::ids::{Hashed, BLOCK};
use crate::ingest::columns::lookup::{null, EntryCache};
use crate::ingest::columns::{EventColumns, StrColumn};
use crate::{RecordRef, Result};

impl<'a> ColumnsReader<'a> {
    /// Reads the rows of `columns` one after the other.
    pub(super) fn push_rows(
        &mut self,
        columns: &EventColumns<'a>,
        mut caches: Caches,
        trait_slots: &[usize],
    ) -> Result<()> {
        let n = columns.len();
        let mut metrics = Metrics::default();
        // The previous row's customer: runs of one customer skip the lookup.
        let mut last: Option<(&'a str, u32)> = None;
        let plain = columns.customer_id.dictionary_len().is_none();
        let mut ahead = [None; BLOCK];
        let base = self.customer.len() as u64;
        for start in (0..n).step_by(BLOCK) {
            let end = (start + BLOCK).min(n);
            if plain {
                // Hash the block's ids first, in a tight loop of their own.
                for (i, slot) in (start..end).zip(ahead.iter_mut()) {
                    *slot = columns
                        .customer_id
                        .get(i)
                        .map(|id| self.customers.hashed(id));
                }
            }
            for i in start..end {
                let record = RecordRef::Record(base + i as u64 + 1);
                let key = if plain { ahead[i - start] } else { None };
                let read = self.read_row(
                    columns,
                    i,
                    record,
                    key,
                    &mut last,
                    &mut caches,
                    &mut metrics,
                    trait_slots,
                );
                if let Err(e) = read {
                    self.rejections.handle(Err(e))?;
                    self.reject();
                }
            }
        }
        Ok(())
    }

    /// Checks row `i` and adds it. Nothing is interned until every check has passed, so
    /// that a rejected row leaves no customer, channel or kind behind; once it has, the row's
    /// tie, traits and further answers are noted.
    #[inline]
    #[allow(clippy::too_many_arguments)]
    fn read_row(
        &mut self,
        c: &EventColumns<'a>,
        i: usize,
        record: RecordRef,
        key: Option<Hashed<'a>>,
        last: &mut Option<(&'a str, u32)>,
        caches: &mut Caches,
        metrics: &mut Metrics<'a>,
        trait_slots: &[usize],
    ) -> Result<()> {
        let id = c.customer_id.get(i);
        // A run of one customer's rows checks its id once.
        let same_id = matches!((*last, id), (Some((s, _)), Some(id)) if s == id);
        let look = Lookups {
            channels: &self.channels,
            kinds: &self.kinds,
            caches,
        };
        let checked = check_row(c, i, record, &look, metrics, same_id)?;
        let codes = self.codes(&checked, caches, c, record)?;
        let (customer, tie) = self.ids(c, i, &checked, key, last, caches, record)?;
        let answer = self.note(c, trait_slots, i, record, customer, tie, &checked);
        self.accept(customer, codes, answer);
        Ok(())
    }

    /// The index of a checked row's customer (its anonymous id's when it has no customer
    /// id) and of the anonymous id it ties to it, if any, numbering them if new.
    #[inline]
    #[allow(clippy::too_many_arguments)]
    fn ids(
        &mut self,
        c: &EventColumns<'a>,
        i: usize,
        checked: &Checked<'a>,
        key: Option<Hashed<'a>>,
        last: &mut Option<(&'a str, u32)>,
        caches: &mut Caches,
        record: RecordRef,
    ) -> Result<(u32, Option<u32>)> {
        let anonymous = checked.anonymous;
        Ok(match checked.id {
            Some(id) => {
                let customer = match *last {
                    Some((s, customer)) if s == id => customer,
                    _ => {
                        let customer =
                            self.customer(c.customer_id, i, id, key, &mut caches.customer);
                        *last = Some((id, customer));
                        customer
                    }
                };
                // A row whose two ids are equal is anonymous, like such a record. (Batches
                // without anonymous ids are marked in `finish`, only if there are ties.)
                if c.anonymous_id.is_some() && anonymous != Some(id) {
                    self.identity.identified(customer);
                }
                let tie = match (anonymous, c.anonymous_id, caches.anonymous.as_mut()) {
                    (Some(a), Some(column), Some(cache)) if a != id => {
                        Some(self.anonymous(column, i, a, cache))
                    }
                    _ => None,
                };
                (customer, tie)
            }
            None => match (anonymous, c.anonymous_id, caches.anonymous.as_mut()) {
                (Some(a), Some(column), Some(cache)) => (self.anonymous(column, i, a, cache), None),
                _ => return Err(null(record, c.names.customer_id)),
            },
        })
    }

    /// The index of anonymous id `id` (row `i`, checked not blank), adding it if new. Out of
    /// line: the customer-id lookup is the hot one.
    #[inline(never)]
    fn anonymous(
        &mut self,
        column: &'a dyn StrColumn,
        i: usize,
        id: &'a str,
        cache: &mut EntryCache<u32>,
    ) -> u32 {
        self.customer(column, i, id, None, cache)
    }

    /// The index of customer `id` (row `i`, checked not blank), adding it if new.
    #[inline(always)]
    fn customer(
        &mut self,
        column: &'a dyn StrColumn,
        i: usize,
        id: &'a str,
        key: Option<Hashed<'a>>,
        cache: &mut EntryCache<u32>,
    ) -> u32 {
        let dict_key = column.dictionary_len().and_then(|_| column.key(i));
        if let Some(c) = dict_key.and_then(|k| cache.get(k)) {
            return c;
        }
        let key = key.unwrap_or_else(|| self.customers.hashed(id));
        let (c, new) = self.customers.index(key);
        if new {
            self.counts.push(0);
        }
        if let Some(k) = dict_key {
            cache.set(k, c);
        }
        c
    }
}
