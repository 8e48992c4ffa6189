//! The engine: customers by id, their stored events and folded state, the clock, the
//! timers of changes that time passing brings, and the ids of the events already counted.
//! What a customer's state is at a given time is `state.rs`.

use super::options::{Config, LiveOptions};
use super::signals::{diff, Change, Signal, SignalKind, View};
use super::store::{Extra, Folded, Row, Tables};
use crate::{
    Channel, Event, EventKind, PackedAnswer, RecordRef, Result, SurveyMetric, Timestamp,
    TouchpointError,
};
/// Tables seeded per process (foldhash), so crafted ids cannot make them quadratic.
type HashMap<K, V> = hashbrown::HashMap<K, V, foldhash::fast::RandomState>;
type HashSet<K> = hashbrown::HashSet<K, foldhash::fast::RandomState>;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// One customer in the engine.
#[derive(Debug, Clone)]
pub(crate) struct Customer {
    pub id: String,
    pub rows: Vec<Row>,
    pub folded: Folded,
    pub view: View,
    /// When the customer's timer is due (`None`: none set).
    pub due: Option<i64>,
    /// Bumped whenever the timer is replaced, so a stale one is skipped.
    pub generation: u32,
}

/// Counts of what the engine has taken in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveStats {
    /// Customers known.
    pub customers: u64,
    /// Events stored.
    pub events: u64,
    /// Events dropped because their id was seen before.
    pub duplicates: u64,
    /// Events older than the reorder window when they arrived (stored; their signals
    /// marked `late`).
    pub late_events: u64,
    /// Events taken out of time order for their customer (each refolds that customer).
    pub out_of_order_events: u64,
    /// Events whose `anonymous_id` named another id: stored under `customer_id`; the engine
    /// does not merge identities (`docs/guide-live.md`).
    pub unmerged_ties: u64,
}

/// The live engine: events in, one at a time or in batches, in any order; each customer's
/// state moved with the batch analyses' own steps; change signals out. The clock is the
/// latest of the event times seen and the times given to [`advance`](Self::advance), so
/// replays are deterministic. See `docs/guide-live.md`.
///
/// ```
/// use touchpoint::{Channel, Event, EventKind, LiveEngine, LiveOptions, SignalKind, Timestamp};
/// let t = |s: &str| Timestamp::parse(s).unwrap();
/// let mut engine = LiveEngine::new(LiveOptions::default()).unwrap();
/// let buy = Event::new("ana", t("2026-03-02T09:00:00Z"), Channel::Web, EventKind::Purchase);
/// let signals = engine.push(buy, Some("m-1")).unwrap();
/// assert!(signals.iter().any(|s| s.signal == SignalKind::StageEntered));
/// // Five weeks without activity: dormant, then at risk (30 days), each at its moment.
/// let later = engine.advance(t("2026-04-06T00:00:00Z"));
/// let kinds: Vec<_> = later.iter().map(|s| s.signal).collect();
/// assert!(kinds.contains(&SignalKind::LifecycleChanged) && kinds.contains(&SignalKind::BecameAtRisk));
/// assert_eq!(engine.customer("ana").unwrap().lifecycle_status, Some(touchpoint::LifecycleStatus::Dormant));
/// ```
#[derive(Debug, Clone)]
pub struct LiveEngine {
    pub(crate) options: LiveOptions,
    pub(crate) cfg: Config,
    pub(crate) tables: Tables,
    kind_code: HashMap<EventKind, u16>,
    channel_code: HashMap<Channel, u16>,
    pub(super) index: HashMap<String, u32>,
    pub(crate) customers: Vec<Customer>,
    /// A 128-bit hash of (customer, event id) for every event counted.
    pub(crate) seen: HashSet<u128>,
    pub(crate) clock: Option<i64>,
    pub(crate) seq: u64,
    pub(crate) stats: LiveStats,
    timers: BinaryHeap<Reverse<(i64, u32, u32)>>,
}

impl LiveEngine {
    /// An empty engine; the options are checked here (`INVALID_CONFIG`, naming the option).
    pub fn new(options: LiveOptions) -> Result<LiveEngine> {
        let cfg = Config::new(&options)?;
        let mut engine = LiveEngine {
            tables: Tables {
                kinds: Vec::new(),
                kind_info: Vec::new(),
                channels: Vec::new(),
                channel_weight: Vec::new(),
                metric_kinds: cfg.metric_kinds(|_| None),
            },
            cfg,
            options,
            kind_code: HashMap::default(),
            channel_code: HashMap::default(),
            index: HashMap::default(),
            customers: Vec::new(),
            seen: HashSet::default(),
            clock: None,
            seq: 0,
            stats: LiveStats::default(),
            timers: BinaryHeap::new(),
        };
        for k in engine.cfg.fixed_kinds() {
            engine.kind(&k, RecordRef::Record(0))?;
        }
        let codes = engine.kind_code.clone();
        engine.tables.metric_kinds = engine.cfg.metric_kinds(|k| codes.get(k).copied());
        Ok(engine)
    }

    /// The options the engine was made with.
    pub fn options(&self) -> &LiveOptions {
        &self.options
    }

    /// The clock: the latest event time or [`advance`](Self::advance) time (`None` before
    /// either).
    pub fn now(&self) -> Option<Timestamp> {
        self.clock.map(Timestamp)
    }

    /// What the engine has taken in.
    pub fn stats(&self) -> LiveStats {
        LiveStats {
            customers: self.customers.len() as u64,
            ..self.stats
        }
    }

    pub(crate) fn kind(&mut self, k: &EventKind, at: RecordRef) -> Result<u16> {
        if let Some(&c) = self.kind_code.get(k) {
            return Ok(c);
        }
        let code = code_for(self.tables.kinds.len(), at, "kind")?;
        self.tables.kinds.push(k.clone());
        self.tables.kind_info.push(self.cfg.kind_info(k));
        self.kind_code.insert(k.clone(), code);
        Ok(code)
    }

    pub(crate) fn channel(&mut self, c: &Channel, at: RecordRef) -> Result<u16> {
        if let Some(&code) = self.channel_code.get(c) {
            return Ok(code);
        }
        let code = code_for(self.tables.channels.len(), at, "channel")?;
        self.tables.channels.push(c.clone());
        self.tables.channel_weight.push(self.cfg.channel_weight(c));
        self.channel_code.insert(c.clone(), code);
        Ok(code)
    }

    /// Takes one event; `id` (a message id) makes a second event of the same customer and
    /// id a duplicate, dropped and counted in [`stats`](Self::stats). Returns the signals
    /// it caused, after those of time passing up to its time. A bad event is refused, naming
    /// the field, and changes nothing.
    pub fn push(&mut self, event: Event, id: Option<&str>) -> Result<Vec<Signal>> {
        let mut out = Vec::new();
        self.push_into(event, id, RecordRef::Record(1), &mut out)?;
        Ok(out)
    }

    /// Takes events in order (each with its id, if any), as [`push`](Self::push) does.
    /// A bad event stops the batch with an error naming it (`record N`, 1-based); the
    /// events before it are taken, and their signals are lost with the error only if the
    /// caller drops them: use [`push_into`](Self::push_into) to keep them.
    pub fn push_all<I, S>(&mut self, events: I) -> Result<Vec<Signal>>
    where
        I: IntoIterator<Item = (Event, Option<S>)>,
        S: AsRef<str>,
    {
        let mut out = Vec::new();
        for (i, (event, id)) in events.into_iter().enumerate() {
            let at = RecordRef::Record(i as u64 + 1);
            self.push_into(event, id.as_ref().map(|s| s.as_ref()), at, &mut out)?;
        }
        Ok(out)
    }

    /// A batch a binding read: each record (or why it could not be read) with its id.
    /// Every record is checked first, so a bad one refuses the whole batch, naming it
    /// (`record N`, 1-based) and taking nothing; then each is pushed in order. `camel`
    /// names the fields of the checks' errors in camelCase, as JavaScript wrote them.
    pub fn push_records(
        &mut self,
        records: Vec<(Result<Event>, Option<String>)>,
        camel: bool,
    ) -> Result<Vec<Signal>> {
        let events = LiveEngine::check_records(records, camel)?;
        let mut out = Vec::new();
        for (i, checked) in events.into_iter().enumerate() {
            self.take(checked, RecordRef::Record(i as u64 + 1), &mut out)?;
        }
        Ok(out)
    }

    /// The events of a batch, each read and checked (the first bad one is the error, naming
    /// its record), with their ids and packed survey answers.
    pub(crate) fn check_records(
        records: Vec<(Result<Event>, Option<String>)>,
        camel: bool,
    ) -> Result<Vec<Checked>> {
        let mut events = Vec::with_capacity(records.len());
        for (i, (event, id)) in records.into_iter().enumerate() {
            let at = RecordRef::Record(i as u64 + 1);
            let event = event.map_err(|e| e.at_record(at))?;
            let answers = check(&event, id.as_deref(), at).map_err(|e| match camel {
                true => crate::ingest::records::camel_event_error(e),
                false => e,
            })?;
            events.push(Checked { event, id, answers });
        }
        Ok(events)
    }

    /// [`push`](Self::push), adding the signals to `out` and naming the event `at` in an
    /// error.
    pub fn push_into(
        &mut self,
        event: Event,
        id: Option<&str>,
        at: RecordRef,
        out: &mut Vec<Signal>,
    ) -> Result<()> {
        let answers = check(&event, id, at)?;
        let id = id.map(str::to_string);
        self.take(Checked { event, id, answers }, at, out)
    }

    /// Takes a checked event; `at` names it in an error of the code tables.
    pub(crate) fn take(
        &mut self,
        checked: Checked,
        at: RecordRef,
        out: &mut Vec<Signal>,
    ) -> Result<()> {
        let Checked { event, id, answers } = checked;
        let key = id.map(|id| dedupe_key(&event.customer_id, &id));
        if key.is_some_and(|k| self.seen.contains(&k)) {
            self.stats.duplicates += 1;
            return Ok(());
        }
        let kind = self.kind(&event.kind, at)?;
        let channel = self.channel(&event.channel, at)?;
        if let Some(k) = key {
            self.seen.insert(k);
        }
        if event
            .anonymous_id
            .as_ref()
            .is_some_and(|a| *a != event.customer_id)
        {
            self.stats.unmerged_ties += 1;
        }
        let ts = event.timestamp.0;
        self.advance_into(ts, out);
        let now = self.clock.unwrap_or(ts);
        let detractor = answers
            .iter()
            .filter_map(|&a| PackedAnswer(a).get())
            .find(|&(m, s)| m == SurveyMetric::Nps && s <= 6);
        let extra = self.extra(&event, &answers);
        self.seq += 1;
        let row = Row {
            ts,
            seq: self.seq,
            kind,
            channel,
            value: event
                .value
                .map_or(f64::NAN, |v| if v == 0.0 { 0.0 } else { v }),
            answer: answers.first().copied().unwrap_or(0),
            extra,
        };
        let c = match self.index.get(event.customer_id.as_str()) {
            Some(&c) => c,
            None => {
                let c = self.customers.len() as u32;
                self.index.insert(event.customer_id.clone(), c);
                self.customers.push(Customer {
                    id: event.customer_id,
                    rows: Vec::new(),
                    folded: Folded::default(),
                    view: View {
                        segments: vec![false; self.cfg.segments.len()],
                        ..View::default()
                    },
                    due: None,
                    generation: 0,
                });
                c
            }
        };
        let late = now - ts > self.cfg.reorder_ms;
        self.stats.events += 1;
        self.stats.late_events += u64::from(late);
        let cust = &mut self.customers[c as usize];
        let in_order = cust.rows.last().is_none_or(|last| last.ts <= ts);
        if in_order {
            cust.folded.push(&row, &self.tables, &self.cfg);
            cust.rows.push(row);
        } else {
            self.stats.out_of_order_events += 1;
            let pos = cust
                .rows
                .partition_point(|r| (r.ts, r.seq) <= (row.ts, row.seq));
            cust.rows.insert(pos, row);
            cust.folded = Folded::of(&cust.rows, &self.tables, &self.cfg);
        }
        self.refresh(c, now, Some((late, kind, channel)), out);
        if let Some((_, score)) = detractor {
            out.push(Signal {
                customer_id: self.customers[c as usize].id.clone(),
                at: Timestamp(now),
                signal: SignalKind::Detractor,
                from: None,
                to: Some(score.to_string()),
                reason: format!("answered {score} to the NPS question"),
                late,
            });
        }
        Ok(())
    }

    /// The rare parts of an event, if it has any.
    fn extra(&self, e: &Event, answers: &[u8]) -> Option<Box<Extra>> {
        let wanted = &self.cfg.traits.properties;
        let has_property = wanted
            .iter()
            .any(|p| e.properties.get(p).is_some_and(|v| !v.is_null()));
        if answers.len() <= 1 && e.traits.is_empty() && !has_property {
            return None;
        }
        let properties: Vec<Value> = wanted
            .iter()
            .map(|p| e.properties.get(p).cloned().unwrap_or(Value::Null))
            .collect();
        Some(Box::new(Extra {
            answers: answers.iter().skip(1).copied().collect(),
            traits: e.traits.clone(),
            properties: if has_property { properties } else { Vec::new() },
        }))
    }

    /// Moves the clock to `now` (never back) and returns the signals of time passing:
    /// dormancy at the start of a period without activity, a health band lowered by the
    /// score's decay, the at-risk limit, a rule segment or windowed trait that changed with
    /// the days. Each signal is dated when its change happened, in time order.
    pub fn advance(&mut self, now: Timestamp) -> Vec<Signal> {
        let mut out = Vec::new();
        self.advance_into(now.0, &mut out);
        out
    }

    fn advance_into(&mut self, now: i64, out: &mut Vec<Signal>) {
        if self.clock.is_some_and(|c| c >= now) {
            return;
        }
        self.clock = Some(now);
        while let Some(&Reverse((due, c, generation))) = self.timers.peek() {
            if due > now {
                break;
            }
            self.timers.pop();
            let cust = &mut self.customers[c as usize];
            if cust.generation == generation {
                cust.due = None;
                self.refresh(c, due, None, out);
            }
        }
    }

    /// Recomputes customer `c`'s view at `at`, emits what changed and sets the next timer;
    /// `cause` is the event that moved it (late or not, kind and channel codes), if one did.
    fn refresh(&mut self, c: u32, at: i64, cause: Option<(bool, u16, u16)>, out: &mut Vec<Signal>) {
        let view = self.view(c, at);
        let cust = &self.customers[c as usize];
        if view != cust.view {
            let t = &self.tables;
            let change = Change {
                customer_id: &cust.id,
                at,
                cause: cause.map(|(late, k, ch)| {
                    (
                        late,
                        t.kinds[k as usize].as_str(),
                        t.channels[ch as usize].as_str(),
                    )
                }),
            };
            diff(
                &cust.view,
                &view,
                &change,
                &self.cfg.bands,
                &self.cfg.segments,
                |s| out.push(s),
            );
        }
        let next = self.next_change(c, at);
        let cust = &mut self.customers[c as usize];
        cust.view = view;
        // A timer already set for the same moment stays; another replaces it.
        if next != cust.due {
            cust.due = next;
            cust.generation = cust.generation.wrapping_add(1);
            if let Some(due) = next {
                self.timers.push(Reverse((due, c, cust.generation)));
            }
        }
    }

    /// Rebuilds the engine's indexes and timers after its customers were restored.
    pub(crate) fn reindex(&mut self) {
        self.index = self
            .customers
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i as u32))
            .collect();
        self.timers.clear();
        let at = self.clock.unwrap_or(i64::MIN);
        for c in 0..self.customers.len() as u32 {
            let due = self.next_change(c, at);
            let cust = &mut self.customers[c as usize];
            cust.due = due;
            if let Some(due) = due {
                self.timers.push(Reverse((due, c, cust.generation)));
            }
        }
    }

    /// Adds a restored customer (rows in order) with the view it had.
    pub(crate) fn restore_customer(&mut self, id: String, rows: Vec<Row>, view: View) {
        let folded = Folded::of(&rows, &self.tables, &self.cfg);
        self.customers.push(Customer {
            id,
            rows,
            folded,
            view,
            due: None,
            generation: 0,
        });
    }
}

/// An event checked against the limits, with its id and its survey answers packed.
pub(crate) struct Checked {
    pub event: Event,
    pub id: Option<String>,
    pub answers: Vec<u8>,
}

/// Checks an event and its id, naming `at` in an error; its answers, packed.
fn check(event: &Event, id: Option<&str>, at: RecordRef) -> Result<Vec<u8>> {
    event.validate(at)?;
    if let Some(id) = id {
        crate::limits::check_id(id, at, "id")?;
    }
    let mut answers = Vec::new();
    for (a, field) in event.all_answers() {
        answers.push(PackedAnswer::new(a.metric, a.metric.check(a.score, at, &field)?).0);
    }
    Ok(answers)
}

/// The next code of a table of `len` entries, at most `u16::MAX`.
fn code_for(len: usize, at: RecordRef, field: &str) -> Result<u16> {
    u16::try_from(len).map_err(|_| TouchpointError::OutOfRange {
        record: at,
        field: field.into(),
        value: format!("a new {field}"),
        expected: format!("at most {} distinct values of `{field}`", u16::MAX),
    })
}

/// The key an event id is remembered by: xxHash3's 128-bit hash of the id, seeded with the
/// 64-bit hash of the customer
/// (stable across versions and platforms, so a restored snapshot still knows its ids).
fn dedupe_key(customer: &str, id: &str) -> u128 {
    use xxhash_rust::xxh3::{xxh3_128_with_seed, xxh3_64};
    xxh3_128_with_seed(id.as_bytes(), xxh3_64(customer.as_bytes()))
}
