//! The columnar event store: interned customer ids, channels and kinds, one column per
//! field, rows sorted by customer then time. Every analysis reads it one customer at a time.

mod answers;
mod builder;
mod forget;
pub(crate) mod identity;
pub(crate) mod in_parallel;
mod placer;
mod traits;

pub use self::answers::PackedAnswer;
pub use self::builder::DatasetBuilder;
pub use self::forget::ForgetReceipt;
pub(crate) use self::placer::{PlacedRow, RowPlacer, RowSource};

use crate::{
    Answers, Channel, Event, EventKind, Properties, RecordRef, Result, SurveyMetric, Timestamp,
    TouchpointError,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

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
    /// The answers after the first of a row, sparse: `(row, answer)` ascending by row.
    more_answers: Vec<(usize, PackedAnswer)>,
    /// Free text, sparse: `(row, text)` ascending by row, for the rows that have one.
    texts: Vec<(usize, String)>,
    /// Per customer: the other ids identity resolution merged into it. Empty when no id
    /// was merged (then every customer has none).
    aliases: Vec<Vec<String>>,
    /// The time range of the whole data this dataset is a partition of
    /// ([`align_to`](Dataset::align_to)); none for a dataset of its own.
    pinned_range: Option<(Timestamp, Timestamp)>,
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
    /// The first survey answer of each event; [`answers`](Self::answers) gives them all.
    pub answer: &'a [PackedAnswer],
    /// The customer's first row in the dataset.
    pub(crate) first_row: usize,
    /// The answers after the first of each row of the customer, `(dataset row, answer)`.
    pub(crate) more_answers: &'a [(usize, PackedAnswer)],
    /// The properties of the customer's rows that have any, `(dataset row, properties)`.
    pub(crate) properties: &'a [(usize, Properties)],
    /// The texts of the customer's rows that have one, `(dataset row, text)`.
    pub(crate) texts: &'a [(usize, String)],
}

impl<'a> CustomerEvents<'a> {
    /// Number of events.
    pub fn len(&self) -> usize {
        self.ts.len()
    }

    /// True when the customer has no events (known from an `identify` only).
    pub fn is_empty(&self) -> bool {
        self.ts.is_empty()
    }

    /// Every survey answer of event `i` (usually none or one; several when one response
    /// answered several questions), as `(metric, score)`.
    #[inline]
    pub fn answers(&self, i: usize) -> impl Iterator<Item = (SurveyMetric, u8)> + '_ {
        answers::answers_of_row(self.answer[i], self.more_answers, self.first_row + i)
    }

    /// The property `name` of event `i`, if it has one.
    pub fn property(&self, i: usize, name: &str) -> Option<&serde_json::Value> {
        let row = self.first_row + i;
        let at = self.properties.binary_search_by_key(&row, |p| p.0).ok()?;
        self.properties[at].1.get(name)
    }

    /// The free text of event `i` (a comment, a review), if it has one.
    pub fn text(&self, i: usize) -> Option<&'a str> {
        let row = self.first_row + i;
        let at = self.texts.binary_search_by_key(&row, |t| t.0).ok()?;
        Some(&self.texts[at].1)
    }

    /// The events that carry free text, as `(event index, text)` in time order.
    pub fn texts(&self) -> impl Iterator<Item = (usize, &'a str)> + 'a {
        let first = self.first_row;
        self.texts
            .iter()
            .map(move |(row, t)| (row - first, t.as_str()))
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

    /// The other ids merged into customer `index` by identity resolution (anonymous ids,
    /// previous ids), in the order they were first seen; empty when none were.
    pub fn aliases(&self, index: u32) -> &[String] {
        self.aliases.get(index as usize).map_or(&[], Vec::as_slice)
    }

    /// The rows of customer `index`, as row numbers for [`event`](Self::event).
    pub(crate) fn rows_of(&self, index: u32) -> std::ops::Range<usize> {
        self.starts[index as usize]..self.starts[index as usize + 1]
    }

    /// The customer an id belongs to: its own id, or one of its [`aliases`](Self::aliases).
    pub fn find_customer(&self, id: &str) -> Option<u32> {
        let own = self.customer_ids.iter().position(|c| c == id);
        own.or_else(|| self.aliases.iter().position(|a| a.iter().any(|x| x == id)))
            .map(|i| i as u32)
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
        let more = rows_between(&self.more_answers, a, b);
        let properties = rows_between(&self.properties, a, b);
        let texts = rows_between(&self.texts, a, b);
        CustomerEvents {
            index,
            id: &self.customer_ids[index as usize],
            ts: &self.rows.ts[a..b],
            channel: &self.rows.channel[a..b],
            kind: &self.rows.kind[a..b],
            value: &self.rows.value[a..b],
            answer: &self.rows.answer[a..b],
            first_row: a,
            more_answers: more,
            properties,
            texts,
        }
    }

    /// Every customer's rows, in customer-index order.
    pub fn customers(&self) -> impl ExactSizeIterator<Item = CustomerEvents<'_>> + '_ {
        (0..self.customer_ids.len() as u32).map(move |i| self.customer(i))
    }

    /// The earliest and latest event time, if there are events; for a partition aligned to
    /// a [`PartitionContext`](crate::PartitionContext), the whole data's.
    pub fn time_range(&self) -> Option<(Timestamp, Timestamp)> {
        self.pinned_range.or_else(|| self.own_time_range())
    }

    /// The earliest and latest time of this dataset's own events.
    pub(crate) fn own_time_range(&self) -> Option<(Timestamp, Timestamp)> {
        let lo = self.rows.ts.iter().min()?;
        let hi = self.rows.ts.iter().max()?;
        Some((Timestamp(*lo), Timestamp(*hi)))
    }

    /// Takes `first..=last` as the time range (see [`align_to`](Self::align_to)).
    pub(crate) fn pin_time_range(&mut self, first: Timestamp, last: Timestamp) {
        self.pinned_range = Some((first, last));
    }

    /// Replaces the channels and kinds by `channels` and `kinds`, old code `c` becoming
    /// `channel_map[c]` (`kind_map[k]`).
    pub(crate) fn recode(
        &mut self,
        channel_map: &[u16],
        kind_map: &[u16],
        channels: &[Channel],
        kinds: &[EventKind],
    ) -> Result<()> {
        let mut vocab = Vocab::default();
        for c in channels {
            vocab.channel(c, RecordRef::Record(0))?;
        }
        for k in kinds {
            vocab.kind(k, RecordRef::Record(0))?;
        }
        for c in &mut self.rows.channel {
            *c = channel_map[*c as usize];
        }
        for k in &mut self.rows.kind {
            *k = kind_map[*k as usize];
        }
        self.vocab = vocab;
        Ok(())
    }

    /// Row `i` (in sorted order) as an [`Event`]: every answer in
    /// [`answers`](Event::answers), no `anonymous_id` (ids are merged) and no traits (they
    /// are the customer's: [`traits`](Self::traits)).
    pub fn event(&self, row: usize) -> Event {
        let r = &self.rows;
        let answers: Answers = answers::answers_of_row(r.answer[row], &self.more_answers, row)
            .map(|(metric, score)| (metric, f64::from(score)))
            .collect();
        Event {
            customer_id: self.customer_ids[self.customer_of_row(row)].clone(),
            anonymous_id: None,
            timestamp: Timestamp(r.ts[row]),
            channel: self.channel_name(r.channel[row]).clone(),
            kind: self.kind_name(r.kind[row]).clone(),
            value: Some(r.value[row]).filter(|v| !v.is_nan()),
            survey: None,
            answers,
            traits: Properties::new(),
            properties: match self.properties.binary_search_by_key(&row, |p| p.0) {
                Ok(i) => self.properties[i].1.clone(),
                Err(_) => Properties::new(),
            },
            text: match self.texts.binary_search_by_key(&row, |t| t.0) {
                Ok(i) => Some(self.texts[i].1.clone()),
                Err(_) => None,
            },
        }
    }

    /// How many events carry free text.
    pub fn text_count(&self) -> usize {
        self.texts.len()
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

/// The entries of a sparse `(row, _)` list, ascending by row, whose row is in `a..b`.
fn rows_between<T>(sparse: &[(usize, T)], a: usize, b: usize) -> &[(usize, T)] {
    if sparse.is_empty() {
        return sparse;
    }
    &sparse[sparse.partition_point(|m| m.0 < a)..sparse.partition_point(|m| m.0 < b)]
}

/// Puts `slice[order[j]]` at `j`.
fn reorder_in_place<T: Copy>(slice: &mut [T], order: &[u32]) {
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
