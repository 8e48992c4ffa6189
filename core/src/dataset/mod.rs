//! The columnar event store: interned customer ids, channels and kinds, one column per
//! field, rows sorted by customer then time. Every analysis reads it one customer at a time.

use crate::{
    Channel, Customer, Event, EventKind, Properties, RecordRef, Result, SurveyMetric, Timestamp,
    TouchpointError,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A survey answer packed into one byte: 0 = none, otherwise `metric * 16 + score`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PackedAnswer(pub u8);

impl PackedAnswer {
    /// No answer.
    pub const NONE: PackedAnswer = PackedAnswer(0);

    /// Packs a checked answer.
    pub fn new(metric: SurveyMetric, score: u8) -> Self {
        let m = match metric {
            SurveyMetric::Nps => 1,
            SurveyMetric::Csat => 2,
            SurveyMetric::Ces => 3,
        };
        PackedAnswer(m * 16 + score)
    }

    /// The answer, if any.
    pub fn get(self) -> Option<(SurveyMetric, u8)> {
        let metric = match self.0 >> 4 {
            1 => SurveyMetric::Nps,
            2 => SurveyMetric::Csat,
            3 => SurveyMetric::Ces,
            _ => return None,
        };
        Some((metric, self.0 & 15))
    }
}

/// Customers and their touchpoints, stored by column and sorted by customer, then time,
/// then input order. Build one with [`DatasetBuilder`], [`Dataset::from_events`] or the
/// [`ingest`](crate::ingest) readers.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    customer_ids: Vec<String>,
    traits: Vec<Properties>,
    vocab: Vocab,
    /// Row range of customer `c`: `starts[c]..starts[c + 1]`.
    starts: Vec<usize>,
    rows: Rows,
    /// Event properties, sparse: `(row, properties)` ascending by row, for the rows that have any.
    properties: Vec<(usize, Properties)>,
}

/// The event columns, one value per row.
#[derive(Debug, Clone, Default)]
struct Rows {
    ts: Vec<i64>,
    channel: Vec<u16>,
    kind: Vec<u16>,
    /// NaN = no value.
    value: Vec<f64>,
    answer: Vec<PackedAnswer>,
}

impl Rows {
    /// `n` rows to be overwritten.
    fn zeroed(n: usize) -> Self {
        Rows {
            ts: vec![0; n],
            channel: vec![0; n],
            kind: vec![0; n],
            value: vec![0.0; n],
            answer: vec![PackedAnswer::NONE; n],
        }
    }

    fn push(&mut self, ts: i64, channel: u16, kind: u16, value: f64, answer: PackedAnswer) {
        self.ts.push(ts);
        self.channel.push(channel);
        self.kind.push(kind);
        self.value.push(value);
        self.answer.push(answer);
    }

    #[inline]
    fn set(
        &mut self,
        at: usize,
        ts: i64,
        channel: u16,
        kind: u16,
        value: f64,
        answer: PackedAnswer,
    ) {
        self.ts[at] = ts;
        self.channel[at] = channel;
        self.kind[at] = kind;
        self.value[at] = value;
        self.answer[at] = answer;
    }

    /// Puts row `start + order[j]` at `start + j`, for `j` in `0..order.len()`.
    fn reorder(&mut self, start: usize, order: &[u32]) {
        let end = start + order.len();
        reorder(&mut self.ts[start..end], order);
        reorder(&mut self.channel[start..end], order);
        reorder(&mut self.kind[start..end], order);
        reorder(&mut self.value[start..end], order);
        reorder(&mut self.answer[start..end], order);
    }
}

/// One customer's rows: parallel slices, in time order.
#[derive(Debug, Clone, Copy)]
pub struct CustomerEvents<'a> {
    /// The customer's index in the dataset.
    pub index: u32,
    /// The customer's id.
    pub id: &'a str,
    /// Milliseconds since the epoch, ascending.
    pub ts: &'a [i64],
    /// Channel codes; [`Dataset::channel_name`] reads them.
    pub channel: &'a [u16],
    /// Event-kind codes; [`Dataset::kind_name`] reads them.
    pub kind: &'a [u16],
    /// Monetary values; NaN marks "no value" (never returned to users as a number).
    pub value: &'a [f64],
    /// Survey answers.
    pub answer: &'a [PackedAnswer],
}

impl CustomerEvents<'_> {
    /// Number of events.
    pub fn len(&self) -> usize {
        self.ts.len()
    }

    /// True when the customer has no events (known from an `identify` only).
    pub fn is_empty(&self) -> bool {
        self.ts.is_empty()
    }
}

impl Dataset {
    /// Builds a dataset from events, checking each (errors name the 1-based record).
    pub fn from_events(events: impl IntoIterator<Item = Event>) -> Result<Dataset> {
        let mut b = DatasetBuilder::new();
        for (i, e) in events.into_iter().enumerate() {
            b.push_event(e, RecordRef::Record(i as u64 + 1))?;
        }
        Ok(b.finish())
    }

    /// Number of customers (including those with no events).
    pub fn customer_count(&self) -> usize {
        self.customer_ids.len()
    }

    /// Number of events.
    pub fn event_count(&self) -> usize {
        self.rows.ts.len()
    }

    /// The id of customer `index`.
    pub fn customer_id(&self, index: u32) -> &str {
        &self.customer_ids[index as usize]
    }

    /// The traits of customer `index`.
    pub fn traits(&self, index: u32) -> &Properties {
        &self.traits[index as usize]
    }

    /// The distinct channels, indexed by channel code.
    pub fn channels(&self) -> &[Channel] {
        &self.vocab.channels
    }

    /// The distinct event kinds, indexed by kind code.
    pub fn kinds(&self) -> &[EventKind] {
        &self.vocab.kinds
    }

    /// The channel of a channel code.
    pub fn channel_name(&self, code: u16) -> &Channel {
        &self.vocab.channels[code as usize]
    }

    /// The kind of a kind code.
    pub fn kind_name(&self, code: u16) -> &EventKind {
        &self.vocab.kinds[code as usize]
    }

    /// The code of a kind, if any event has it.
    pub fn kind_code(&self, kind: &EventKind) -> Option<u16> {
        self.vocab.kind_index.get(kind).copied()
    }

    /// The code of a channel, if any event has it.
    pub fn channel_code(&self, channel: &Channel) -> Option<u16> {
        self.vocab.channel_index.get(channel).copied()
    }

    /// The rows of customer `index`.
    pub fn customer(&self, index: u32) -> CustomerEvents<'_> {
        let (a, b) = (self.starts[index as usize], self.starts[index as usize + 1]);
        CustomerEvents {
            index,
            id: &self.customer_ids[index as usize],
            ts: &self.rows.ts[a..b],
            channel: &self.rows.channel[a..b],
            kind: &self.rows.kind[a..b],
            value: &self.rows.value[a..b],
            answer: &self.rows.answer[a..b],
        }
    }

    /// Every customer's rows, in customer-index order.
    pub fn customers(&self) -> impl ExactSizeIterator<Item = CustomerEvents<'_>> + '_ {
        (0..self.customer_ids.len() as u32).map(move |i| self.customer(i))
    }

    /// The earliest and latest event time, if there are events.
    pub fn time_range(&self) -> Option<(Timestamp, Timestamp)> {
        let lo = self.rows.ts.iter().min()?;
        let hi = self.rows.ts.iter().max()?;
        Some((Timestamp(*lo), Timestamp(*hi)))
    }

    /// Row `i` (in sorted order) as an [`Event`].
    pub fn event(&self, row: usize) -> Event {
        let r = &self.rows;
        let a = r.answer[row].get();
        Event {
            customer_id: self.customer_ids[self.customer_of_row(row)].clone(),
            timestamp: Timestamp(r.ts[row]),
            channel: self.channel_name(r.channel[row]).clone(),
            kind: self.kind_name(r.kind[row]).clone(),
            value: Some(r.value[row]).filter(|v| !v.is_nan()),
            survey: a.map(|(metric, score)| crate::SurveyAnswer {
                metric,
                score: score as f64,
            }),
            properties: match self.properties.binary_search_by_key(&row, |p| p.0) {
                Ok(i) => self.properties[i].1.clone(),
                Err(_) => Properties::new(),
            },
        }
    }

    /// The customer index owning `row`: the last customer whose rows start at or before it
    /// (customers without events own an empty range and are skipped over).
    fn customer_of_row(&self, row: usize) -> usize {
        self.starts.partition_point(|&s| s <= row) - 1
    }

    /// A short description for reports.
    pub fn summary(&self) -> DatasetSummary {
        DatasetSummary {
            customers: self.customer_count() as u64,
            events: self.event_count() as u64,
            first_event: self.time_range().map(|r| r.0),
            last_event: self.time_range().map(|r| r.1),
        }
    }
}

/// Counts and time span of a dataset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DatasetSummary {
    /// Number of customers.
    pub customers: u64,
    /// Number of events.
    pub events: u64,
    /// Time of the earliest event (`None` without events).
    pub first_event: Option<Timestamp>,
    /// Time of the latest event (`None` without events).
    pub last_event: Option<Timestamp>,
}

/// The distinct channels and event kinds of a dataset, each numbered in order of first sight.
#[derive(Debug, Clone, Default)]
pub(crate) struct Vocab {
    channels: Vec<Channel>,
    channel_index: HashMap<Channel, u16>,
    kinds: Vec<EventKind>,
    kind_index: HashMap<EventKind, u16>,
}

impl Vocab {
    /// The code of a channel, adding it if new. At most 65,535 distinct channels.
    pub(crate) fn channel(&mut self, channel: &Channel, record: RecordRef) -> Result<u16> {
        intern(&mut self.channel_index, &mut self.channels, channel).ok_or_else(|| {
            TouchpointError::invalid(record, "channel", "more than 65,535 distinct channels")
        })
    }

    /// The code of an event kind, adding it if new. At most 65,535 distinct kinds.
    pub(crate) fn kind(&mut self, kind: &EventKind, record: RecordRef) -> Result<u16> {
        intern(&mut self.kind_index, &mut self.kinds, kind).ok_or_else(|| {
            TouchpointError::invalid(record, "kind", "more than 65,535 distinct event kinds")
        })
    }
}

/// Collects customers and events in any order, then sorts them into a [`Dataset`].
#[derive(Debug, Default)]
pub struct DatasetBuilder {
    customer_index: HashMap<String, u32>,
    customer_ids: Vec<String>,
    traits: Vec<Properties>,
    vocab: Vocab,
    /// The rows in input order, and the customer of each.
    rows: Rows,
    customer: Vec<u32>,
    /// `(input row, properties)`, ascending by row.
    properties: Vec<(usize, Properties)>,
}

impl DatasetBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// The index of a customer id, adding it if new.
    pub fn intern_customer(&mut self, id: &str) -> u32 {
        if let Some(&i) = self.customer_index.get(id) {
            return i;
        }
        let i = self.customer_ids.len() as u32;
        self.customer_ids.push(id.to_string());
        self.traits.push(Properties::new());
        self.customer_index.insert(id.to_string(), i);
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

    /// Adds (or merges the traits of) a customer. Later traits overwrite earlier ones.
    pub fn add_customer(&mut self, customer: Customer) {
        let i = self.intern_customer(&customer.id) as usize;
        self.traits[i].extend(customer.traits);
    }

    /// Checks and adds one event; `record` names it in errors.
    pub fn push_event(&mut self, event: Event, record: RecordRef) -> Result<()> {
        event.validate(record)?;
        let c = self.intern_customer(&event.customer_id);
        let ch = self.intern_channel(&event.channel, record)?;
        let k = self.intern_kind(&event.kind, record)?;
        let answer = match event.survey {
            Some(s) => {
                PackedAnswer::new(s.metric, s.metric.check(s.score, record, "survey.score")?)
            }
            None => PackedAnswer::NONE,
        };
        self.push_row(
            c,
            event.timestamp.0,
            ch,
            k,
            event.value,
            answer,
            event.properties,
        );
        Ok(())
    }

    /// Adds one already-checked row by codes: `customer` from [`intern_customer`](Self::intern_customer),
    /// `channel` and `kind` from [`intern_channel`](Self::intern_channel) and
    /// [`intern_kind`](Self::intern_kind). Empty `properties` are not stored.
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
    ) {
        if !properties.is_empty() {
            self.properties.push((self.customer.len(), properties));
        }
        self.customer.push(customer);
        self.rows
            .push(ts, channel, kind, value.unwrap_or(f64::NAN), answer);
    }

    /// Number of events so far.
    pub fn len(&self) -> usize {
        self.customer.len()
    }

    /// True when no event was added.
    pub fn is_empty(&self) -> bool {
        self.customer.is_empty()
    }

    /// Sorts rows by customer, then time, keeping input order for ties.
    pub fn finish(self) -> Dataset {
        let mut counts = vec![0u32; self.customer_ids.len()];
        for &c in &self.customer {
            counts[c as usize] += 1;
        }
        let mut placer = RowPlacer::new(self.customer_ids, self.traits, self.vocab, &counts);
        let mut properties = self.properties.into_iter().peekable();
        let mut placed_properties = Vec::new();
        let r = &self.rows;
        for (row, &customer) in self.customer.iter().enumerate() {
            let at = placer.place(
                customer,
                r.ts[row],
                r.channel[row],
                r.kind[row],
                r.value[row],
                r.answer[row],
            );
            if let Some((_, p)) = properties.next_if(|(r, _)| *r == row) {
                placed_properties.push((at, p));
            }
        }
        placer.finish(placed_properties)
    }
}

/// Builds a [`Dataset`] by writing each row straight into its final place: the number of
/// rows of every customer is known up front, so each customer's rows fill its range in the
/// order they are placed. Customers whose rows came out of time order are then sorted
/// (stably, so equal times keep their placing order); already-sorted input costs one check.
pub(crate) struct RowPlacer {
    data: Dataset,
    next: Vec<usize>,
}

impl RowPlacer {
    /// Room for `counts[c]` rows of each customer `c`.
    pub(crate) fn new(
        customer_ids: Vec<String>,
        traits: Vec<Properties>,
        vocab: Vocab,
        counts: &[u32],
    ) -> Self {
        let mut starts = Vec::with_capacity(counts.len() + 1);
        let mut total = 0usize;
        starts.push(0);
        for &n in counts {
            total += n as usize;
            starts.push(total);
        }
        let next = starts[..counts.len()].to_vec();
        let data = Dataset {
            customer_ids,
            traits,
            vocab,
            starts,
            rows: Rows::zeroed(total),
            properties: Vec::new(),
        };
        RowPlacer { data, next }
    }

    /// Writes the next row of `customer` (which must have room left) and returns its row.
    #[inline]
    pub(crate) fn place(
        &mut self,
        customer: u32,
        ts: i64,
        channel: u16,
        kind: u16,
        value: f64,
        answer: PackedAnswer,
    ) -> usize {
        let at = self.next[customer as usize];
        self.next[customer as usize] += 1;
        self.data.rows.set(at, ts, channel, kind, value, answer);
        at
    }

    /// Sorts each customer's rows by time where needed. `properties` are `(row, properties)`
    /// as [`place`](Self::place) returned the rows, in any order.
    pub(crate) fn finish(self, mut properties: Vec<(usize, Properties)>) -> Dataset {
        let mut d = self.data;
        properties.sort_unstable_by_key(|p| p.0);
        let mut order = Vec::new();
        for c in 0..d.customer_ids.len() {
            let (a, b) = (d.starts[c], d.starts[c + 1]);
            if d.rows.ts[a..b].windows(2).all(|w| w[0] <= w[1]) {
                continue;
            }
            order.clear();
            order.extend(0..(b - a) as u32);
            order.sort_by_key(|&i| d.rows.ts[a + i as usize]);
            d.rows.reorder(a, &order);
            let lo = properties.partition_point(|p| p.0 < a);
            let hi = properties.partition_point(|p| p.0 < b);
            if lo < hi {
                // Row a + order[j] moved to a + j.
                let mut moved_to = vec![0usize; b - a];
                for (j, &i) in order.iter().enumerate() {
                    moved_to[i as usize] = a + j;
                }
                for p in &mut properties[lo..hi] {
                    p.0 = moved_to[p.0 - a];
                }
                properties[lo..hi].sort_unstable_by_key(|p| p.0);
            }
        }
        d.properties = properties;
        d
    }
}

/// Puts `slice[order[j]]` at `j`.
fn reorder<T: Copy>(slice: &mut [T], order: &[u32]) {
    let copy = slice.to_vec();
    for (dst, &i) in slice.iter_mut().zip(order) {
        *dst = copy[i as usize];
    }
}

fn intern<T: Clone + Eq + std::hash::Hash>(
    index: &mut HashMap<T, u16>,
    list: &mut Vec<T>,
    item: &T,
) -> Option<u16> {
    if let Some(&i) = index.get(item) {
        return Some(i);
    }
    let i = u16::try_from(list.len()).ok().filter(|&i| i < u16::MAX)?;
    list.push(item.clone());
    index.insert(item.clone(), i);
    Some(i)
}
