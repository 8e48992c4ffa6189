//! The two-pass columnar reader: check every row once, then place each accepted row
//! straight into its customer's sorted range.

mod survey;

use super::extras::{LatestTraits, RowAnswers};
use super::ids::{fast_map, FastMap, Hashed, IdTable, BLOCK};
use super::lookup::{null, resolve, Code, EntryCache};
use super::{EventColumns, StrColumn};
use crate::dataset::identity::{Identity, Merge};
use crate::dataset::{RowPlacer, Vocab};
use crate::ingest::{Ingested, ReadOptions, Rejections};
use crate::privacy::{pseudonym, PseudonymKey};
use crate::{
    limits, Channel, EventKind, PackedAnswer, RecordRef, Result, SurveyMetric, TouchpointError,
};

/// Reads batches of columns (Arrow record batches) one after the other into one dataset.
/// Rows are numbered across batches. The batches must outlive the reader (`'a`): the
/// lookup tables borrow their strings instead of copying them, and [`finish`](Self::finish)
/// reads the times and values a second time, writing each row straight into its sorted place.
pub struct ColumnsReader<'a> {
    rejections: Rejections,
    batches: Vec<EventColumns<'a>>,
    customers: IdTable<'a>,
    vocab: Vocab,
    channels: FastMap<&'a str, u16>,
    kinds: FastMap<&'a str, u16>,
    metrics: FastMap<&'a str, Option<SurveyMetric>>,
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

/// An accepted row: its id (customer or anonymous), its channel and kind codes, and its
/// first answer. (Its tie, traits and further answers are noted by `read_row` itself.)
struct Row {
    customer: u32,
    codes: [u16; 2],
    answer: PackedAnswer,
}

/// The customer index of a rejected row.
const REJECTED: u32 = u32::MAX;

/// The per-dictionary-entry caches of one batch.
struct Caches {
    customer: EntryCache<u32>,
    channel: EntryCache<u16>,
    kind: EntryCache<u16>,
    metric: Option<EntryCache<Option<SurveyMetric>>>,
    anonymous: Option<EntryCache<u32>>,
}

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
            metrics: fast_map(),
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
        columns.check_lengths()?;
        let n = columns.len();
        self.customer.reserve(n);
        self.codes.reserve(n);
        self.answer.reserve(n);
        let mut caches = Caches {
            customer: EntryCache::new(columns.customer_id),
            channel: EntryCache::new(columns.channel),
            kind: EntryCache::new(columns.kind),
            metric: columns.survey.map(EntryCache::new),
            anonymous: columns.anonymous_id.map(EntryCache::new),
        };
        let trait_slots = self.traits.slots(columns);
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
                match self.read_row(
                    columns,
                    i,
                    record,
                    key,
                    &mut last,
                    &mut caches,
                    &trait_slots,
                ) {
                    Ok(r) => {
                        self.counts[r.customer as usize] += 1;
                        self.customer.push(r.customer);
                        self.codes.push(r.codes);
                        self.answer.push(r.answer);
                    }
                    Err(e) => {
                        self.rejections.handle(Err(e))?;
                        self.customer.push(REJECTED);
                        self.codes.push([0, 0]);
                        self.answer.push(PackedAnswer::NONE);
                    }
                }
            }
        }
        self.batches.push(*columns);
        Ok(())
    }

    /// The dataset and the rejected rows: tied ids are merged, and each accepted row is read
    /// once more (its time and value) and written straight into its sorted place. A refused
    /// identity tie is handled like a bad row: the error in strict mode, listed in lenient.
    pub fn finish(self) -> Result<Ingested> {
        let ids = self
            .customers
            .keys
            .iter()
            .map(|k| pseudonym(&self.pseudonyms, k.text()))
            .collect::<Vec<_>>();
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
        // Every accepted row's id has rows, so it has a customer.
        let customer_of = |id: u32| merge.as_ref().map_or(id, |m| m.customer[id as usize]);
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
        let mut placer = RowPlacer::new(ids, traits, self.vocab, &counts);
        placer.set_aliases(aliases);
        let more = &self.more_answers;
        let mut next_more = 0;
        let mut placed_more = Vec::new();
        let mut row = 0;
        for b in batches {
            for i in 0..b.len() {
                let customer = self.customer[row];
                if customer != REJECTED {
                    // Checked by `push`: neither is an error here.
                    let ts = b.timestamp.millis_at(i).ok().flatten().unwrap_or_default();
                    // `+ 0.0` reads -0 as 0, like `limits::check_value`.
                    let value = b.value.and_then(|v| v.get(i)).map_or(f64::NAN, |v| v + 0.0);
                    let [channel, kind] = self.codes[row];
                    let at = placer.place(
                        customer_of(customer),
                        ts,
                        channel,
                        kind,
                        value,
                        self.answer[row],
                    );
                    while more.get(next_more).is_some_and(|m| m.0 == row) {
                        placed_more.push((at, more[next_more].1));
                        next_more += 1;
                    }
                }
                row += 1;
            }
        }
        Ok(Ingested {
            dataset: placer.finish(Vec::new(), placed_more),
            rejected: rejections.into_vec(),
        })
    }

    /// Checks row `i` and returns it. Nothing is interned until every check has passed, so
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
        trait_slots: &[usize],
    ) -> Result<Row> {
        let names = &c.names;
        let id = c.customer_id.get(i);
        let anonymous = c.anonymous_id.and_then(|a| a.get(i));
        if id.is_none() && anonymous.is_none() {
            return Err(null(record, names.customer_id));
        }
        // A run of one customer's rows checks its id once.
        let same_id = matches!((*last, id), (Some((s, _)), Some(id)) if s == id);
        for (text, name) in [(id, names.customer_id), (anonymous, names.anonymous_id)] {
            match text {
                Some(_) if same_id && name == names.customer_id => {}
                Some(text) => limits::check_id(text, record, name)?,
                None => {}
            }
        }
        // The id columns' dictionary keys are used once the row is accepted: check them now.
        caches
            .customer
            .key(c.customer_id, i, record, names.customer_id)?;
        if let (Some(column), Some(cache)) = (c.anonymous_id, caches.anonymous.as_ref()) {
            cache.key(column, i, record, names.anonymous_id)?;
        }
        let ts = match c.timestamp.millis_at(i) {
            Ok(Some(ts)) => limits::check_time_ms(ts, record, names.timestamp)?,
            Ok(None) => return Err(null(record, names.timestamp)),
            Err(raw) => {
                return Err(TouchpointError::OutOfRange {
                    record,
                    field: names.timestamp.to_string(),
                    value: raw,
                    expected: limits::TIME_RANGE.to_string(),
                })
            }
        };
        let channel = resolve(
            c.channel,
            i,
            &mut caches.channel,
            &self.channels,
            record,
            names.channel,
        )?;
        let kind = resolve(c.kind, i, &mut caches.kind, &self.kinds, record, names.kind)?;
        if let Some(v) = c.value.and_then(|v| v.get(i)) {
            limits::check_value(v, record, names.value)?;
        }
        let survey = match (c.survey, caches.metric.as_mut()) {
            (Some(survey), Some(cache)) => self.answer(c, survey, i, cache, record)?,
            _ => PackedAnswer::NONE,
        };
        for t in c.traits {
            if let Some(v) = t.values.nested(i) {
                limits::check_depth(v, record, t.column)?;
            }
        }
        let answers = if c.answers.is_empty() {
            None
        } else {
            Some(RowAnswers::read(c, i, survey, record)?)
        };
        let (customer, tie) = match id {
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
                _ => return Err(null(record, names.customer_id)),
            },
        };
        let channel = self.intern(
            channel,
            Vocab::channel,
            |s| &mut s.channels,
            &mut caches.channel,
            record,
            names.channel,
            Channel::parse,
        )?;
        let kind = self.intern(
            kind,
            Vocab::kind,
            |s| &mut s.kinds,
            &mut caches.kind,
            record,
            names.kind,
            EventKind::parse,
        )?;
        let row = self.customer.len();
        if let Some(anonymous) = tie {
            let name = c.names.anonymous_id;
            self.identity
                .tie(anonymous, customer, Some(ts), false, record, name);
        }
        if !c.traits.is_empty() {
            self.traits
                .note(c, trait_slots, i, customer, ts, row as u64);
        }
        let answer = match answers {
            None => survey,
            Some(a) => {
                self.more_answers.extend(a.rest().iter().map(|&m| (row, m)));
                a.first()
            }
        };
        Ok(Row {
            customer,
            codes: [channel, kind],
            answer,
        })
    }

    /// The code of a checked channel or kind cell, adding the name to the vocabulary if new.
    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn intern<T>(
        &mut self,
        code: Code<'a>,
        add: fn(&mut Vocab, &T, RecordRef) -> Result<u16>,
        texts: fn(&mut Self) -> &mut FastMap<&'a str, u16>,
        cache: &mut EntryCache<u16>,
        record: RecordRef,
        name: &str,
        parse: fn(&str) -> Option<T>,
    ) -> Result<u16> {
        let (text, key) = match code {
            Code::Known(code) => return Ok(code),
            Code::New(text, key) => (text, key),
        };
        let code = match texts(self).get(text) {
            Some(&code) => code,
            None => {
                let parsed = parse(text)
                    .ok_or_else(|| TouchpointError::invalid(record, name, "is empty"))?;
                let code = add(&mut self.vocab, &parsed, record)?;
                texts(self).insert(text, code);
                code
            }
        };
        if let Some(k) = key {
            cache.set(k, code);
        }
        Ok(code)
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
