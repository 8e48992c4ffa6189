//! The columnar event store: interned customer ids, channels and kinds, one column per
//! field, rows sorted by customer then time. Every analysis reads it one customer at a time.

use crate::{Channel, Customer, Event, EventKind, Properties, RecordRef, Result, SurveyMetric, Timestamp, TouchpointError};
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
    channels: Vec<Channel>,
    kinds: Vec<EventKind>,
    starts: Vec<usize>,
    customer: Vec<u32>,
    ts: Vec<i64>,
    channel: Vec<u16>,
    kind: Vec<u16>,
    value: Vec<f64>,
    answer: Vec<PackedAnswer>,
    properties: Vec<Option<Box<Properties>>>,
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
        self.ts.len()
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
        &self.channels
    }

    /// The distinct event kinds, indexed by kind code.
    pub fn kinds(&self) -> &[EventKind] {
        &self.kinds
    }

    /// The channel of a channel code.
    pub fn channel_name(&self, code: u16) -> &Channel {
        &self.channels[code as usize]
    }

    /// The kind of a kind code.
    pub fn kind_name(&self, code: u16) -> &EventKind {
        &self.kinds[code as usize]
    }

    /// The code of a kind, if any event has it.
    pub fn kind_code(&self, kind: &EventKind) -> Option<u16> {
        self.kinds.iter().position(|k| k == kind).map(|i| i as u16)
    }

    /// The code of a channel, if any event has it.
    pub fn channel_code(&self, channel: &Channel) -> Option<u16> {
        self.channels.iter().position(|c| c == channel).map(|i| i as u16)
    }

    /// The rows of customer `index`.
    pub fn customer(&self, index: u32) -> CustomerEvents<'_> {
        let (a, b) = (self.starts[index as usize], self.starts[index as usize + 1]);
        CustomerEvents {
            index,
            id: &self.customer_ids[index as usize],
            ts: &self.ts[a..b],
            channel: &self.channel[a..b],
            kind: &self.kind[a..b],
            value: &self.value[a..b],
            answer: &self.answer[a..b],
        }
    }

    /// Every customer's rows, in customer-index order.
    pub fn customers(&self) -> impl ExactSizeIterator<Item = CustomerEvents<'_>> + '_ {
        (0..self.customer_ids.len() as u32).map(move |i| self.customer(i))
    }

    /// The earliest and latest event time, if there are events.
    pub fn time_range(&self) -> Option<(Timestamp, Timestamp)> {
        let lo = self.ts.iter().min()?;
        let hi = self.ts.iter().max()?;
        Some((Timestamp(*lo), Timestamp(*hi)))
    }

    /// Row `i` (in sorted order) as an [`Event`].
    pub fn event(&self, row: usize) -> Event {
        let a = self.answer[row].get();
        Event {
            customer_id: self.customer_ids[self.customer[row] as usize].clone(),
            timestamp: Timestamp(self.ts[row]),
            channel: self.channels[self.channel[row] as usize].clone(),
            kind: self.kinds[self.kind[row] as usize].clone(),
            value: Some(self.value[row]).filter(|v| !v.is_nan()),
            survey: a.map(|(metric, score)| crate::SurveyAnswer { metric, score: score as f64 }),
            properties: self.properties[row].as_deref().cloned().unwrap_or_default(),
        }
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

/// Collects customers and events in any order, then sorts them into a [`Dataset`].
#[derive(Debug, Default)]
pub struct DatasetBuilder {
    customer_index: HashMap<String, u32>,
    channel_index: HashMap<Channel, u16>,
    kind_index: HashMap<EventKind, u16>,
    data: Dataset,
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
        let i = self.data.customer_ids.len() as u32;
        self.data.customer_ids.push(id.to_string());
        self.data.traits.push(Properties::new());
        self.customer_index.insert(id.to_string(), i);
        i
    }

    /// The code of a channel, adding it if new. At most 65,535 distinct channels.
    pub fn intern_channel(&mut self, channel: &Channel, record: RecordRef) -> Result<u16> {
        intern(&mut self.channel_index, &mut self.data.channels, channel)
            .ok_or_else(|| TouchpointError::invalid(record, "channel", "more than 65,535 distinct channels"))
    }

    /// The code of an event kind, adding it if new. At most 65,535 distinct kinds.
    pub fn intern_kind(&mut self, kind: &EventKind, record: RecordRef) -> Result<u16> {
        intern(&mut self.kind_index, &mut self.data.kinds, kind)
            .ok_or_else(|| TouchpointError::invalid(record, "kind", "more than 65,535 distinct event kinds"))
    }

    /// Adds (or merges the traits of) a customer. Later traits overwrite earlier ones.
    pub fn add_customer(&mut self, customer: Customer) {
        let i = self.intern_customer(&customer.id) as usize;
        self.data.traits[i].extend(customer.traits);
    }

    /// Checks and adds one event; `record` names it in errors.
    pub fn push_event(&mut self, event: Event, record: RecordRef) -> Result<()> {
        event.validate(record)?;
        let c = self.intern_customer(&event.customer_id);
        let ch = self.intern_channel(&event.channel, record)?;
        let k = self.intern_kind(&event.kind, record)?;
        let answer = match event.survey {
            Some(s) => PackedAnswer::new(s.metric, s.metric.check(s.score, record, "survey.score")?),
            None => PackedAnswer::NONE,
        };
        let props = (!event.properties.is_empty()).then(|| Box::new(event.properties));
        self.push_row(c, event.timestamp.0, ch, k, event.value, answer, props);
        Ok(())
    }

    /// Adds one already-checked row by codes (the fast path for columnar input).
    #[allow(clippy::too_many_arguments)]
    pub fn push_row(
        &mut self,
        customer: u32,
        ts: i64,
        channel: u16,
        kind: u16,
        value: Option<f64>,
        answer: PackedAnswer,
        properties: Option<Box<Properties>>,
    ) {
        let d = &mut self.data;
        d.customer.push(customer);
        d.ts.push(ts);
        d.channel.push(channel);
        d.kind.push(kind);
        d.value.push(value.unwrap_or(f64::NAN));
        d.answer.push(answer);
        d.properties.push(properties);
    }

    /// Number of events so far.
    pub fn len(&self) -> usize {
        self.data.ts.len()
    }

    /// True when no event was added.
    pub fn is_empty(&self) -> bool {
        self.data.ts.is_empty()
    }

    /// Sorts rows by customer (counting sort), then time, keeping input order for ties.
    pub fn finish(self) -> Dataset {
        let mut d = self.data;
        let n_customers = d.customer_ids.len();
        let mut starts = vec![0usize; n_customers + 1];
        for &c in &d.customer {
            starts[c as usize + 1] += 1;
        }
        for i in 0..n_customers {
            starts[i + 1] += starts[i];
        }
        let mut next = starts.clone();
        let mut order = vec![0u32; d.customer.len()];
        for (row, &c) in d.customer.iter().enumerate() {
            order[next[c as usize]] = row as u32;
            next[c as usize] += 1;
        }
        for c in 0..n_customers {
            // Stable: equal timestamps keep their input order.
            order[starts[c]..starts[c + 1]].sort_by_key(|&r| d.ts[r as usize]);
        }
        let already_sorted = order.iter().enumerate().all(|(i, &r)| i as u32 == r);
        if !already_sorted {
            d.customer = permute(&d.customer, &order);
            d.ts = permute(&d.ts, &order);
            d.channel = permute(&d.channel, &order);
            d.kind = permute(&d.kind, &order);
            d.value = permute(&d.value, &order);
            d.answer = permute(&d.answer, &order);
            let mut props: Vec<Option<Box<Properties>>> = std::mem::take(&mut d.properties);
            d.properties = order.iter().map(|&r| props[r as usize].take()).collect();
        }
        d.starts = starts;
        d
    }
}

fn intern<T: Clone + Eq + std::hash::Hash>(index: &mut HashMap<T, u16>, list: &mut Vec<T>, item: &T) -> Option<u16> {
    if let Some(&i) = index.get(item) {
        return Some(i);
    }
    let i = u16::try_from(list.len()).ok().filter(|&i| i < u16::MAX)?;
    list.push(item.clone());
    index.insert(item.clone(), i);
    Some(i)
}

fn permute<T: Copy>(column: &[T], order: &[u32]) -> Vec<T> {
    order.iter().map(|&r| column[r as usize]).collect()
}
