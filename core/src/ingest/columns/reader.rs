//! The two-pass columnar reader: check every row once, then place each accepted row
//! straight into its customer's sorted range.
//!
//! Both passes use every thread of the current rayon pool: rows are checked and their ids
//! hashed in pieces, ids are numbered shard by shard (`runs.rs`), and the rows are placed
//! and sorted by ranges of customers ([`RowPlacer`]). In a one-thread pool (and on wasm32)
//! the rows are read one after the other (`serial.rs`); the results are the same.

mod check;
mod runs;
mod serial;

use self::check::{Caches, Checked};
use super::extras::LatestTraits;
use super::ids::{fast_map, FastMap, IdTable};
use super::lookup::{Code, EntryCache};
use super::EventColumns;
use crate::dataset::identity::{Identity, Merge};
use crate::dataset::in_parallel::{map, pool_threads, ranges};
use crate::dataset::{PlacedRow, RowPlacer, RowSource, Vocab};
use crate::ingest::{Ingested, ReadOptions, Rejections};
use crate::privacy::{pseudonym, PseudonymKey};
use crate::{Channel, EventKind, PackedAnswer, RecordRef, Result, TouchpointError};
use std::ops::Range;

/// Reads batches of columns (Arrow record batches) one after the other into one dataset.
/// Rows are numbered across batches. The batches must outlive the reader (`'a`): the
/// lookup tables borrow their strings instead of copying them, and [`finish`](Self::finish)
/// reads the times and values a second time, writing each row straight into its sorted place.
///
/// Every thread of the current rayon pool takes part (run the reader inside
/// `ThreadPool::install` to choose how many); the dataset, the rejections and the errors
/// are the same with any number of threads.
pub struct ColumnsReader<'a> {
    rejections: Rejections,
    batches: Vec<EventColumns<'a>>,
    customers: IdTable<'a>,
    vocab: Vocab,
    channels: FastMap<&'a str, u16>,
    kinds: FastMap<&'a str, u16>,
    /// Per row of every batch: the customer index, or [`REJECTED`].
    customer: Vec<u32>,
    /// Per row: the channel and kind codes (unset for rejected rows).
    codes: Vec<[u16; 2]>,
    /// Per row: the (first) survey answer.
    answer: Vec<PackedAnswer>,
    /// `(row, answer)` for the answers after a row's first.
    more_answers: Vec<(usize, PackedAnswer)>,
    /// Accepted rows per id.
    counts: Vec<u32>,
    /// Anonymous ids tied to customer ids.
    identity: Identity,
    /// The latest row of each id per trait.
    traits: LatestTraits,
    /// The key ids are replaced with, if any.
    pseudonyms: Option<PseudonymKey>,
}

/// The customer index of a rejected row.
const REJECTED: u32 = u32::MAX;

impl<'a> ColumnsReader<'a> {
    /// A reader with nothing read yet.
    pub fn new(options: impl Into<ReadOptions>) -> Self {
        let options = options.into();
        ColumnsReader {
            rejections: options.rejections(),
            pseudonyms: options.pseudonym_key,
            batches: Vec::new(),
            customers: IdTable::new(),
            vocab: Vocab::default(),
            channels: fast_map(),
            kinds: fast_map(),
            customer: Vec::new(),
            codes: Vec::new(),
            answer: Vec::new(),
            more_answers: Vec::new(),
            counts: Vec::new(),
            identity: Identity::default(),
            traits: LatestTraits::default(),
        }
    }

    /// Checks every row of `columns`. Strict: the first bad row is the error. Lenient: bad
    /// rows are skipped and listed in [`Ingested::rejected`]. Columns of unequal length
    /// are an `INVALID_CONFIG` error in either mode.
    pub fn push(&mut self, columns: &EventColumns<'a>) -> Result<()> {
        // On the pool of the thread setting (`set_threads`).
        crate::parallel::install(|| self.push_here(columns))
    }

    fn push_here(&mut self, columns: &EventColumns<'a>) -> Result<()> {
        columns.check_lengths()?;
        let n = columns.len();
        self.customer.reserve(n);
        self.codes.reserve(n);
        self.answer.reserve(n);
        let caches = Caches::new(columns);
        let trait_slots = self.traits.slots(columns);
        // Plain customer ids, no anonymous ids: the ids are numbered in parallel. (A
        // dictionary's ids are looked up once per entry; anonymous ids are numbered
        // between the customer ids of their rows.)
        let plain = columns.customer_id.dictionary_len().is_none();
        if plain && columns.anonymous_id.is_none() && pool_threads() > 1 {
            self.push_runs(columns, caches, &trait_slots)?;
        } else {
            self.push_rows(columns, caches, &trait_slots)?;
        }
        self.batches.push(*columns);
        Ok(())
    }

    /// The dataset and the rejected rows: tied ids are merged, and each accepted row is read
    /// once more (its time and value) and written straight into its sorted place. A refused
    /// identity tie is handled like a bad row: the error in strict mode, listed in lenient.
    pub fn finish(self) -> Result<Ingested> {
        crate::parallel::install(|| self.finish_here())
    }

    fn finish_here(self) -> Result<Ingested> {
        let keys = &self.customers.keys;
        let key = &self.pseudonyms;
        let ids = map(ranges(keys.len(), pool_threads() * 4), |r| {
            let texts = keys[r].iter().map(|k| pseudonym(key, k.text()));
            texts.collect::<Vec<_>>()
        });
        let ids: Vec<String> = ids.into_iter().flatten().collect();
        let mut identity = self.identity;
        if identity.has_ties() {
            // The ids of batches without anonymous ids are user ids.
            let mut row = 0;
            for b in &self.batches {
                if b.anonymous_id.is_none() {
                    for &c in &self.customer[row..row + b.len()] {
                        if c != REJECTED {
                            identity.identified(c);
                        }
                    }
                }
                row += b.len();
            }
        }
        let counts = &self.counts;
        let (merge, refused) = identity.resolve(&ids, |i| counts[i as usize] > 0);
        let mut rejections = self.rejections;
        rejections.handle_refused(refused)?;
        let aliases = Merge::aliases(merge.as_ref(), &ids);
        let (ids, counts) = match &merge {
            None => (ids, self.counts),
            Some(m) => {
                let mut merged = vec![0u32; m.id_of.len()];
                for (id, &n) in self.counts.iter().enumerate() {
                    if let Some(c) = m.customer_of(id as u32) {
                        merged[c as usize] += n;
                    }
                }
                let ids = m.id_of.iter().map(|&i| ids[i as usize].clone()).collect();
                (ids, merged)
            }
        };
        let batches = &self.batches;
        let mut first_rows = Vec::with_capacity(batches.len());
        let mut total = 0u64;
        for b in batches {
            first_rows.push(total);
            total += b.len() as u64;
        }
        let traits = self.traits.traits(ids.len(), merge.as_ref(), |slot, row| {
            let b = first_rows.partition_point(|&f| f <= row) - 1;
            let name = &self.traits.names[slot];
            let column = batches[b].traits.iter().find(|t| t.name == name)?;
            column.values.get((row - first_rows[b]) as usize)
        });
        // The accepted rows' texts, `(row, text)` ascending by row.
        let mut texts = Vec::new();
        for (b, &first) in batches.iter().zip(&first_rows) {
            let Some(column) = b.text else { continue };
            let first = first as usize;
            for (i, &id) in self.customer[first..first + b.len()].iter().enumerate() {
                match column.get(i) {
                    Some(text) if id != REJECTED && !text.is_empty() => {
                        texts.push((first + i, text.to_string()))
                    }
                    _ => {}
                }
            }
        }
        let mut placer = RowPlacer::new(ids, traits, self.vocab, &counts);
        placer.set_aliases(aliases);
        let source = ColumnRows {
            batches,
            customer: &self.customer,
            merge: merge.as_ref(),
            codes: &self.codes,
            answer: &self.answer,
        };
        Ok(Ingested {
            dataset: placer.place(&source, Vec::new(), self.more_answers, texts),
            rejected: rejections.into_vec(),
        })
    }

    /// The channel and kind codes of a checked row, adding their names to the vocabulary
    /// if new.
    fn codes(
        &mut self,
        row: &Checked<'a>,
        caches: &mut Caches,
        c: &EventColumns<'a>,
        record: RecordRef,
    ) -> Result<[u16; 2]> {
        let channel = intern(
            row.channel,
            &mut self.channels,
            &mut caches.channel,
            |text, record| {
                let parsed = Channel::parse(text);
                let parsed = parsed.ok_or_else(|| empty(record, c.names.channel))?;
                self.vocab.channel(&parsed, record)
            },
            record,
        )?;
        let kind = intern(
            row.kind,
            &mut self.kinds,
            &mut caches.kind,
            |text, record| {
                let parsed = EventKind::parse(text);
                let parsed = parsed.ok_or_else(|| empty(record, c.names.kind))?;
                self.vocab.kind(&parsed, record)
            },
            record,
        )?;
        Ok([channel, kind])
    }

    /// Notes what an accepted row of customer (or anonymous id) `customer` adds besides
    /// its event: its tie to `tie`, its traits and its answers after the first. Returns
    /// its first answer.
    #[allow(clippy::too_many_arguments)]
    fn note(
        &mut self,
        c: &EventColumns<'a>,
        trait_slots: &[usize],
        i: usize,
        record: RecordRef,
        customer: u32,
        tie: Option<u32>,
        checked: &Checked<'a>,
    ) -> PackedAnswer {
        let row = self.customer.len();
        if let Some(anonymous) = tie {
            let name = c.names.anonymous_id;
            let ts = Some(checked.ts);
            self.identity
                .tie(anonymous, customer, ts, false, record, name);
        }
        if !c.traits.is_empty() {
            let ts = checked.ts;
            self.traits
                .note(c, trait_slots, i, customer, ts, row as u64);
        }
        match &checked.answers {
            None => checked.survey,
            Some(a) => {
                self.more_answers.extend(a.rest().iter().map(|&m| (row, m)));
                a.first()
            }
        }
    }

    /// Adds an accepted row of customer (or anonymous id) `customer`.
    #[inline]
    fn accept(&mut self, customer: u32, codes: [u16; 2], answer: PackedAnswer) {
        self.counts[customer as usize] += 1;
        self.customer.push(customer);
        self.codes.push(codes);
        self.answer.push(answer);
    }

    /// Adds a rejected row.
    #[inline]
    fn reject(&mut self) {
        self.customer.push(REJECTED);
        self.codes.push([0, 0]);
        self.answer.push(PackedAnswer::NONE);
    }
}

/// The code of a checked channel or kind cell: known, or its text's code, or `add`ed.
#[inline]
fn intern<'a>(
    code: Code<'a>,
    texts: &mut FastMap<&'a str, u16>,
    cache: &mut EntryCache<u16>,
    add: impl FnOnce(&str, RecordRef) -> Result<u16>,
    record: RecordRef,
) -> Result<u16> {
    let (text, key) = match code {
        Code::Known(code) => return Ok(code),
        Code::New(text, key) => (text, key),
    };
    let code = match texts.get(text) {
        Some(&code) => code,
        None => {
            let code = add(text, record)?;
            texts.insert(text, code);
            code
        }
    };
    if let Some(k) = key {
        cache.set(k, code);
    }
    Ok(code)
}

fn empty(record: RecordRef, name: &str) -> TouchpointError {
    TouchpointError::invalid(record, name, "is empty")
}

/// The reader's rows in input order, for the [`RowPlacer`]: each accepted row's customer,
/// codes and answer, and its time and value read from its batch.
struct ColumnRows<'r, 'a> {
    batches: &'r [EventColumns<'a>],
    /// The id of each row ([`REJECTED`] for a rejected one).
    customer: &'r [u32],
    merge: Option<&'r Merge>,
    codes: &'r [[u16; 2]],
    answer: &'r [PackedAnswer],
}

impl RowSource for ColumnRows<'_, '_> {
    fn rows_of(&self, customers: Range<u32>, mut place: impl FnMut(usize, u32, PlacedRow)) {
        let mut row = 0;
        for b in self.batches {
            let ids = &self.customer[row..row + b.len()];
            for (i, &id) in ids.iter().enumerate() {
                if id == REJECTED {
                    continue;
                }
                // Every accepted row's id has rows, so it has a customer.
                let customer = self.merge.map_or(id, |m| m.customer[id as usize]);
                if !customers.contains(&customer) {
                    continue;
                }
                // Checked by `push`: neither is an error here.
                let ts = b.timestamp.millis_at(i).ok().flatten().unwrap_or_default();
                // `+ 0.0` reads -0 as 0, like `limits::check_value`.
                let value = b.value.and_then(|v| v.get(i)).map_or(f64::NAN, |v| v + 0.0);
                let [channel, kind] = self.codes[row + i];
                let values = PlacedRow {
                    ts,
                    channel,
                    kind,
                    value,
                    answer: self.answer[row + i],
                };
                place(row + i, customer, values);
            }
            row += b.len();
        }
    }
}
