//! Forgetting customers (a GDPR erasure request): every event, trait and id of a customer
//! leaves the dataset, and nothing computed afterwards can show them. Analyses compute from
//! the dataset each time they are asked (no result is cached), so removing the rows is all
//! there is to it.

use super::{Dataset, Rows, Vocab};
use crate::{limits, RecordRef, Result};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What [`Dataset::forget`] removed: counts only, never the ids or the data themselves, so
/// the receipt can be kept as the proof that a request was carried out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ForgetReceipt {
    /// True when some customer was found (and forgotten); false when nothing was held.
    pub found: bool,
    /// Customers removed.
    pub customers: u32,
    /// Events removed.
    pub events: u64,
    /// Traits removed (the customers' latest trait values, one per trait name).
    pub traits: u64,
    /// Ids removed: each customer's id and the ids merged into it (anonymous ids, aliases).
    pub ids: u64,
}

impl Dataset {
    /// Forgets the customer of `id` (its customer id, or any anonymous id or alias merged
    /// into it): its events, traits and ids leave the dataset, which then answers every
    /// analysis as if they had never been read. An id the dataset does not hold is no
    /// error: the receipt says `found: false`. An invalid id (empty, whitespace only, too
    /// long, control characters) is an `INVALID_RECORD` error naming `record 1`, field `id`.
    ///
    /// ```
    /// use touchpoint::{Channel, Dataset, Event, EventKind, Timestamp};
    /// let t = Timestamp::parse("2026-03-01T09:30:00Z").unwrap();
    /// let mut data = Dataset::from_events([
    ///     Event::new("ana", t, Channel::Web, EventKind::Purchase),
    ///     Event::new("ben", t, Channel::Web, EventKind::Purchase),
    /// ]).unwrap();
    /// let receipt = data.forget("ana").unwrap();
    /// assert_eq!((receipt.found, receipt.events), (true, 1));
    /// assert_eq!(data.customer_count(), 1);
    /// assert!(!data.forget("ana").unwrap().found);
    /// ```
    pub fn forget(&mut self, id: &str) -> Result<ForgetReceipt> {
        self.forget_all([id])
    }

    /// Forgets the customers of several ids at once (a batch of erasure requests), like
    /// [`forget`](Self::forget): one receipt for them all. Every id is checked before
    /// anything is removed; an invalid one is an `INVALID_RECORD` error naming its 1-based
    /// position (`record N`, field `id`), and then nothing is forgotten.
    pub fn forget_all<'i>(
        &mut self,
        ids: impl IntoIterator<Item = &'i str>,
    ) -> Result<ForgetReceipt> {
        let ids: Vec<&str> = ids.into_iter().collect();
        for (i, id) in ids.iter().enumerate() {
            limits::check_id(id, RecordRef::Record(i as u64 + 1), "id")?;
        }
        let mut drop = vec![false; self.customer_count()];
        if ids.len() == 1 {
            if let Some(c) = self.find_customer(ids[0]) {
                drop[c as usize] = true;
            }
        } else {
            let mut index: HashMap<&str, usize> = HashMap::new();
            for (c, id) in self.customer_ids.iter().enumerate() {
                index.insert(id, c);
            }
            for (c, aliases) in self.aliases.iter().enumerate() {
                index.extend(aliases.iter().map(|a| (a.as_str(), c)));
            }
            for id in ids {
                if let Some(&c) = index.get(id) {
                    drop[c] = true;
                }
            }
        }
        Ok(self.remove_customers(&drop))
    }

    /// Removes the customers marked in `drop` with everything that is theirs, keeping the
    /// others in order; channels and kinds no remaining event uses leave the vocabulary.
    fn remove_customers(&mut self, drop: &[bool]) -> ForgetReceipt {
        let mut receipt = ForgetReceipt::default();
        if !drop.contains(&true) {
            return receipt;
        }
        let old_starts = std::mem::take(&mut self.starts);
        let old = std::mem::take(&mut self.rows);
        // Per old customer: the rows removed before its own.
        let mut shift = Vec::with_capacity(drop.len());
        let mut removed = 0usize;
        let mut starts = vec![0usize];
        for (c, &gone) in drop.iter().enumerate() {
            let (a, b) = (old_starts[c], old_starts[c + 1]);
            shift.push(removed);
            if gone {
                removed += b - a;
                receipt.customers += 1;
                receipt.events += (b - a) as u64;
                receipt.traits += self.traits[c].len() as u64;
                receipt.ids += 1 + self.aliases.get(c).map_or(0, Vec::len) as u64;
                continue;
            }
            self.rows.ts.extend_from_slice(&old.ts[a..b]);
            self.rows.channel.extend_from_slice(&old.channel[a..b]);
            self.rows.kind.extend_from_slice(&old.kind[a..b]);
            self.rows.value.extend_from_slice(&old.value[a..b]);
            self.rows.answer.extend_from_slice(&old.answer[a..b]);
            starts.push(self.rows.ts.len());
        }
        receipt.found = true;
        self.starts = starts;
        // The sparse items follow their rows: the customer of a row is the last one whose
        // rows start at or before it.
        let moved = |row: usize| {
            let c = old_starts.partition_point(|&s| s <= row) - 1;
            (!drop[c]).then(|| row - shift[c])
        };
        let properties = std::mem::take(&mut self.properties);
        self.properties = properties
            .into_iter()
            .filter_map(|(row, p)| Some((moved(row)?, p)))
            .collect();
        let more = std::mem::take(&mut self.more_answers);
        self.more_answers = more
            .into_iter()
            .filter_map(|(row, a)| Some((moved(row)?, a)))
            .collect();
        let texts = std::mem::take(&mut self.texts);
        self.texts = texts
            .into_iter()
            .filter_map(|(row, t)| Some((moved(row)?, t)))
            .collect();
        keep(&mut self.customer_ids, drop);
        keep(&mut self.traits, drop);
        if !self.aliases.is_empty() {
            keep(&mut self.aliases, drop);
        }
        self.vocab = compact(std::mem::take(&mut self.vocab), &mut self.rows);
        receipt
    }
}

/// Keeps the items of `list` not marked in `drop`.
fn keep<T>(list: &mut Vec<T>, drop: &[bool]) {
    let mut gone = drop.iter();
    list.retain(|_| !gone.next().copied().unwrap_or(false));
}

/// The vocabulary without the channels and kinds no row uses, each keeping its order; the
/// rows' codes are renumbered to match.
fn compact(vocab: Vocab, rows: &mut Rows) -> Vocab {
    let (channels, channel_index) = keep_used(vocab.channels, &mut rows.channel);
    let (kinds, kind_index) = keep_used(vocab.kinds, &mut rows.kind);
    Vocab {
        channels,
        channel_index,
        kinds,
        kind_index,
    }
}

/// The items of `list` some code in `codes` uses, in their order, with their index; `codes`
/// are renumbered to the new positions.
fn keep_used<T: Clone + Eq + std::hash::Hash>(
    list: Vec<T>,
    codes: &mut [u16],
) -> (Vec<T>, HashMap<T, u16>) {
    let mut used = vec![false; list.len()];
    for &c in codes.iter() {
        used[c as usize] = true;
    }
    let mut renumber = vec![0u16; list.len()];
    let mut kept = Vec::new();
    for (i, item) in list.into_iter().enumerate() {
        if used[i] {
            renumber[i] = kept.len() as u16;
            kept.push(item);
        }
    }
    for c in codes.iter_mut() {
        *c = renumber[*c as usize];
    }
    let index = kept
        .iter()
        .enumerate()
        .map(|(i, item)| (item.clone(), i as u16))
        .collect();
    (kept, index)
}
