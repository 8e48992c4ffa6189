//! Collecting customers, events, traits and identity ties in any order.

use super::identity::{Identity, Merge};
use super::traits::TraitUpdates;
use super::{Dataset, PackedAnswer, PlacedRow, RowPlacer, RowSource, Rows, Vocab};
use crate::{
    Channel, Customer, Event, EventKind, Properties, PseudonymKey, RecordRef, Result, Timestamp,
    TouchpointError,
};
use std::collections::HashMap;
use std::ops::Range;

/// Collects customers and events in any order, then sorts them into a [`Dataset`].
///
/// Identity: [`tie`](Self::tie) (an anonymous id to a user id) and [`alias`](Self::alias)
/// (a previous id to a user id) merge ids into one customer when the dataset is built, by
/// the rules of `docs/guide-identity.md`; ties that break them are refused and listed by
/// [`finish_with_refusals`](Self::finish_with_refusals).
#[derive(Debug, Default)]
pub struct DatasetBuilder {
    customer_index: HashMap<String, u32>,
    customer_ids: Vec<String>,
    vocab: Vocab,
    /// The rows in input order, and the customer (id index) of each.
    rows: Rows,
    customer: Vec<u32>,
    /// `(input row, properties)`, ascending by row.
    properties: Vec<(usize, Properties)>,
    /// `(input row, answer)` for the answers after a row's first, ascending by row.
    more_answers: Vec<(usize, PackedAnswer)>,
    /// `(input row, text)` for the rows with free text, ascending by row.
    texts: Vec<(usize, String)>,
    traits: TraitUpdates,
    identity: Identity,
    /// Per id: interned for an event, traits or as a customer (not only by a tie).
    present: Vec<bool>,
    /// When set, every id is replaced by its pseudonym as it is interned.
    pub(crate) pseudonyms: Option<PseudonymKey>,
}

impl DatasetBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty builder that replaces every id it is given (customer, anonymous and alias
    /// ids) with its pseudonym under `key`, as the readers do with
    /// [`ReadOptions::pseudonym_key`](crate::ReadOptions::pseudonym_key).
    pub fn pseudonymous(key: PseudonymKey) -> Self {
        DatasetBuilder {
            pseudonyms: Some(key),
            ..Self::default()
        }
    }

    /// The index of a customer id, adding it if new.
    pub fn intern_customer(&mut self, id: &str) -> u32 {
        let i = self.intern_id(id);
        self.present[i as usize] = true;
        i
    }

    /// The index of an id, adding it if new, without making it a customer (a tie's id).
    fn intern_id(&mut self, id: &str) -> u32 {
        let pseudonym;
        let id = match &self.pseudonyms {
            None => id,
            Some(key) => {
                pseudonym = key.pseudonym(id);
                pseudonym.as_str()
            }
        };
        if let Some(&i) = self.customer_index.get(id) {
            return i;
        }
        let i = self.customer_ids.len() as u32;
        self.customer_ids.push(id.to_string());
        self.customer_index.insert(id.to_string(), i);
        self.present.push(false);
        i
    }

    /// The code of a channel, adding it if new. At most 65,535 distinct channels.
    pub fn intern_channel(&mut self, channel: &Channel, record: RecordRef) -> Result<u16> {
        self.vocab.channel(channel, record)
    }

    /// The code of an event kind, adding it if new. At most 65,535 distinct kinds.
    pub fn intern_kind(&mut self, kind: &EventKind, record: RecordRef) -> Result<u16> {
        self.vocab.kind(kind, record)
    }

    /// Adds a customer (a user id) and its traits, known at no particular time: traits
    /// that come with a time (events, timed calls) overwrite them; among untimed ones the
    /// later call wins.
    pub fn add_customer(&mut self, customer: Customer) {
        let i = self.intern_customer(&customer.id);
        self.identity.identified(i);
        self.traits.push(i, None, customer.traits);
    }

    /// Notes that `id` is a user id (Segment `userId`): such an id is merged into another
    /// user only by an [`alias`](Self::alias).
    pub(crate) fn user_id(&mut self, id: &str) {
        let i = self.intern_customer(id);
        self.identity.identified(i);
    }

    /// Adds traits of customer (or anonymous) id `id` known at `time`: for each trait, the
    /// value with the latest time wins (no time counts as older than any time; equal times
    /// keep input order, the last wins), across every id merged into the customer.
    pub fn add_traits(&mut self, id: &str, traits: Properties, time: Option<Timestamp>) {
        let i = self.intern_customer(id);
        self.traits.push(i, time.map(|t| t.0), traits);
    }

    /// Ties anonymous id `anonymous_id` to user id `user_id` (a sign-in: Segment `identify`
    /// or an event carrying both): every event of the anonymous id counts for the user's
    /// customer. `record` and `field` (the field holding the anonymous id) name the tie if
    /// it is refused: when the anonymous id is already tied to another customer by an
    /// earlier tie, or is itself used as a user id.
    pub fn tie(
        &mut self,
        anonymous_id: &str,
        user_id: &str,
        time: Option<Timestamp>,
        record: RecordRef,
        field: &str,
    ) {
        self.add_tie(anonymous_id, user_id, time, false, record, field);
    }

    /// Merges `previous_id` into `user_id` (Segment `alias`): like [`tie`](Self::tie), but
    /// the previous id may itself be a user id.
    pub fn alias(
        &mut self,
        previous_id: &str,
        user_id: &str,
        time: Option<Timestamp>,
        record: RecordRef,
        field: &str,
    ) {
        self.add_tie(previous_id, user_id, time, true, record, field);
    }

    fn add_tie(
        &mut self,
        from: &str,
        to: &str,
        time: Option<Timestamp>,
        alias: bool,
        record: RecordRef,
        field: &str,
    ) {
        let from = self.intern_id(from);
        let to = self.intern_id(to);
        self.identity.identified(to);
        self.identity
            .tie(from, to, time.map(|t| t.0), alias, record, field);
    }

    /// Checks and adds one event; `record` names it in errors. Its `anonymous_id`, if it
    /// differs from the `customer_id`, ties the two ([`tie`](Self::tie)); its `traits` are
    /// the customer's as of the event's time ([`add_traits`](Self::add_traits)).
    pub fn push_event(&mut self, event: Event, record: RecordRef) -> Result<()> {
        self.push_event_naming(event, record, "anonymous_id")
    }

    /// [`push_event`](Self::push_event), naming the anonymous id's field `anonymous_field`
    /// in a refused tie.
    pub(crate) fn push_event_naming(
        &mut self,
        event: Event,
        record: RecordRef,
        anonymous_field: &str,
    ) -> Result<()> {
        event.validate(record)?;
        let ch = self.intern_channel(&event.channel, record)?;
        let k = self.intern_kind(&event.kind, record)?;
        let mut answers = Vec::new();
        for (a, field) in event.all_answers() {
            answers.push(PackedAnswer::new(
                a.metric,
                a.metric.check(a.score, record, &field)?,
            ));
        }
        let c = self.intern_customer(&event.customer_id);
        match &event.anonymous_id {
            Some(anonymous) if *anonymous == event.customer_id => {}
            Some(anonymous) => {
                self.add_tie(
                    anonymous,
                    &event.customer_id,
                    Some(event.timestamp),
                    false,
                    record,
                    anonymous_field,
                );
            }
            None => self.identity.identified(c),
        }
        self.traits.push(c, Some(event.timestamp.0), event.traits);
        let row = self.customer.len();
        let first = answers.first().copied().unwrap_or(PackedAnswer::NONE);
        self.more_answers
            .extend(answers.iter().skip(1).map(|&a| (row, a)));
        self.push_row(
            c,
            event.timestamp.0,
            ch,
            k,
            event.value,
            first,
            event.properties,
        )
        .map_err(|e| e.at_record(record))?;
        // An empty text is no text (as an empty CSV cell is).
        if let Some(text) = event.text.filter(|t| !t.is_empty()) {
            self.texts.push((row, text));
        }
        Ok(())
    }

    /// Adds one already-checked row by codes: `customer` from [`intern_customer`](Self::intern_customer),
    /// `channel` and `kind` from [`intern_channel`](Self::intern_channel) and
    /// [`intern_kind`](Self::intern_kind). Empty `properties` are not stored.
    ///
    /// The time and value are checked against the [`limits`](crate::limits) (a time from
    /// 1900 to 9999, a finite value of magnitude at most 10^15; `-0` is stored as `0`): an
    /// `OUT_OF_RANGE` error names the row as `record N`, its 1-based position among the
    /// rows pushed, and nothing is added.
    #[allow(clippy::too_many_arguments)]
    pub fn push_row(
        &mut self,
        customer: u32,
        ts: i64,
        channel: u16,
        kind: u16,
        value: Option<f64>,
        answer: PackedAnswer,
        properties: Properties,
    ) -> Result<()> {
        let record = RecordRef::Record(self.customer.len() as u64 + 1);
        crate::limits::check_time_ms(ts, record, "timestamp")?;
        let value = match value {
            Some(v) => crate::limits::check_value(v, record, "value")?,
            None => f64::NAN,
        };
        if !properties.is_empty() {
            self.properties.push((self.customer.len(), properties));
        }
        self.customer.push(customer);
        self.rows.push(ts, channel, kind, value, answer);
        Ok(())
    }

    /// Number of events so far.
    pub fn len(&self) -> usize {
        self.customer.len()
    }

    /// True when no event was added.
    pub fn is_empty(&self) -> bool {
        self.customer.is_empty()
    }

    /// Merges tied ids, applies traits and sorts rows by customer, then time, keeping input
    /// order for ties. Ties refused by the identity rules are left out without a word: when
    /// you added ties, use [`finish_with_refusals`](Self::finish_with_refusals).
    pub fn finish(self) -> Dataset {
        self.finish_with_refusals().0
    }

    /// [`finish`](Self::finish), with the ties that were refused (each an `INVALID_RECORD`
    /// error naming the tie's record and field), in input order.
    pub fn finish_with_refusals(self) -> (Dataset, Vec<TouchpointError>) {
        // On the pool of the thread setting (`set_threads`).
        crate::parallel::install(|| self.finish_here())
    }

    fn finish_here(self) -> (Dataset, Vec<TouchpointError>) {
        let present = &self.present;
        let (merge, refused) = self
            .identity
            .resolve(&self.customer_ids, |i| present[i as usize]);
        // Every row's id is present, so it has a customer.
        let customer_of = |id: u32| merge.as_ref().map_or(id, |m| m.customer[id as usize]);
        let aliases = Merge::aliases(merge.as_ref(), &self.customer_ids);
        let ids = match &merge {
            Some(Merge { id_of, .. }) => id_of
                .iter()
                .map(|&i| self.customer_ids[i as usize].clone())
                .collect(),
            None => self.customer_ids,
        };
        let mut counts = vec![0u32; ids.len()];
        for &c in &self.customer {
            counts[customer_of(c) as usize] += 1;
        }
        let traits = self.traits.apply(ids.len(), merge.as_ref());
        let mut placer = RowPlacer::new(ids, traits, self.vocab, &counts);
        placer.set_aliases(aliases);
        let source = BuilderRows {
            customer: &self.customer,
            merge: merge.as_ref(),
            rows: &self.rows,
        };
        let data = placer.place(&source, self.properties, self.more_answers, self.texts);
        (data, refused)
    }
}

/// The builder's rows in input order, for the [`RowPlacer`].
struct BuilderRows<'a> {
    /// The id of each row.
    customer: &'a [u32],
    merge: Option<&'a Merge>,
    rows: &'a Rows,
}

impl RowSource for BuilderRows<'_> {
    fn rows_of(&self, customers: Range<u32>, mut place: impl FnMut(usize, u32, PlacedRow)) {
        let r = self.rows;
        for (row, &id) in self.customer.iter().enumerate() {
            // Every row's id is present, so it has a customer.
            let customer = self.merge.map_or(id, |m| m.customer[id as usize]);
            if customers.contains(&customer) {
                let values = PlacedRow {
                    ts: r.ts[row],
                    channel: r.channel[row],
                    kind: r.kind[row],
                    value: r.value[row],
                    answer: r.answer[row],
                };
                place(row, customer, values);
            }
        }
    }
}
