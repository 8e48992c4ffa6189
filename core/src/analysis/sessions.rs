//! Sessions: each customer's events split at gaps of inactivity, giving sessions per
//! customer, events per session, session duration and time on site / app.
//!
//! A new session starts when the gap since the customer's previous event is **longer than**
//! `inactivity_seconds` (default 1800 s = 30 minutes); a gap of exactly 1800 s stays in the
//! session. Events with equal timestamps are always in the same session. A session lasts
//! from its first to its last event, so a one-event session lasts 0 seconds. A customer's
//! time on site / app is the sum of their session durations.

use crate::analysis::stats::{mean, quantile};
use crate::{
    run_pass, CustomerEvents, CustomerPass, Dataset, MergeablePass, PassContext, Result, StageMap,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Options of [`sessions`]. Every field has a default, so `{}` is valid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SessionOptions {
    /// A gap longer than this many seconds between two consecutive events of a customer
    /// starts a new session; a gap of exactly this long does not. Default 1800.
    pub inactivity_seconds: f64,
    /// Also break the statistics down by the channel of each session's first event.
    /// Default false.
    pub by_channel: bool,
    /// Also return one row per customer. Default false.
    pub per_customer: bool,
}

impl Default for SessionOptions {
    fn default() -> Self {
        SessionOptions {
            inactivity_seconds: 1800.0,
            by_channel: false,
            per_customer: false,
        }
    }
}

/// One session: its first and last event time (ms since the epoch), its number of events
/// and the channel code of its first event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// Time of the first event, ms.
    pub start: i64,
    /// Time of the last event, ms.
    pub end: i64,
    /// Number of events.
    pub events: u32,
    /// Channel code of the first event.
    pub channel: u16,
}

impl Session {
    /// Duration in milliseconds (last − first event).
    pub fn duration_ms(&self) -> i64 {
        // Exact for the times of a dataset (1900 to 9999); saturating for any other.
        self.end.saturating_sub(self.start)
    }
}

/// One customer's open session, updated one event at a time (events in time order).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SessionState {
    open: Option<Session>,
}

impl SessionState {
    /// Adds an event; returns the session it closed, if the gap since the previous event
    /// is longer than `limit_ms`.
    pub fn push(&mut self, ts: i64, channel: u16, limit_ms: i64) -> Option<Session> {
        match &mut self.open {
            Some(s) if ts.saturating_sub(s.end) <= limit_ms => {
                s.end = s.end.max(ts);
                s.events += 1;
                None
            }
            open => open.replace(Session {
                start: ts,
                end: ts,
                events: 1,
                channel,
            }),
        }
    }

    /// Closes and returns the open session, if any (the customer's events are over).
    pub fn close(&mut self) -> Option<Session> {
        self.open.take()
    }
}

/// Mean and median of a set of numbers; both `None` for an empty set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Average {
    /// Arithmetic mean.
    pub mean: Option<f64>,
    /// Median (mean of the two middle values for an even count).
    pub median: Option<f64>,
}

impl Average {
    /// Mean and median of `values` (reordered in place).
    pub fn of(values: &mut [f64]) -> Average {
        Average {
            mean: mean(values),
            median: quantile(values, 0.5),
        }
    }
}

/// Session statistics of a group of sessions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionStats {
    /// Customers with at least one session in the group.
    pub customers: u64,
    /// Number of sessions.
    pub sessions: u64,
    /// Sessions per customer (customers with at least one session).
    pub sessions_per_customer: Average,
    /// Events per session.
    pub events_per_session: Average,
    /// Session duration in seconds (last − first event; 0 for a one-event session).
    pub duration_seconds: Average,
    /// Time on site / app per customer: the sum of their session durations, in seconds.
    pub time_per_customer_seconds: Average,
}

/// One customer's sessions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerSessions {
    /// The customer's id.
    pub customer_id: String,
    /// Number of sessions (0 for a customer without events).
    pub sessions: u64,
    /// Number of events.
    pub events: u64,
    /// Sum of the session durations, seconds.
    pub total_duration_seconds: f64,
}

/// The result of [`sessions`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionReport {
    /// The inactivity limit used, seconds.
    pub inactivity_seconds: f64,
    /// Statistics over all sessions; customers without events are left out.
    #[serde(flatten)]
    pub overall: SessionStats,
    /// Per channel of the session's first event (`by_channel: true`), by channel name.
    pub by_channel: Option<BTreeMap<String, SessionStats>>,
    /// One row per customer, every customer in dataset order (`per_customer: true`).
    pub per_customer: Option<Vec<CustomerSessions>>,
}

/// A closed session, tagged with the slot of its customer.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
struct Closed {
    customer: u32,
    session: Session,
}

/// The sessions analysis as a [`CustomerPass`]; [`finish`](SessionPass::finish) gives the report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionPass {
    limit_ms: i64,
    options: SessionOptions,
    channels: Vec<String>,
    sessions: Vec<Closed>,
    rows: Vec<CustomerSessions>,
}

impl SessionPass {
    /// Checks the options against `data`.
    pub fn new(data: &Dataset, options: &SessionOptions) -> Result<Self> {
        let s = options.inactivity_seconds;
        crate::limits::window_ms(s, 1000.0, "inactivity_seconds")?;
        Ok(SessionPass {
            // A whole-ms gap is longer than s seconds exactly when it exceeds floor(s × 1000).
            limit_ms: (s * 1000.0).floor() as i64,
            options: options.clone(),
            channels: data.channels().iter().map(|c| c.to_string()).collect(),
            sessions: Vec::new(),
            rows: Vec::new(),
        })
    }

    /// The report of every customer seen.
    pub fn finish(self) -> SessionReport {
        let by_channel = self.options.by_channel.then(|| {
            let mut out = BTreeMap::new();
            for (code, name) in self.channels.iter().enumerate() {
                let stats = stats(
                    self.sessions
                        .iter()
                        .filter(|c| c.session.channel as usize == code),
                );
                if stats.sessions > 0 {
                    out.insert(name.clone(), stats);
                }
            }
            out
        });
        SessionReport {
            inactivity_seconds: self.options.inactivity_seconds,
            overall: stats(self.sessions.iter()),
            by_channel,
            per_customer: self.options.per_customer.then_some(self.rows),
        }
    }
}

impl CustomerPass for SessionPass {
    fn customer(&mut self, _ctx: &PassContext<'_>, c: &CustomerEvents<'_>) {
        let mut state = SessionState::default();
        let (first, mut total_ms) = (self.sessions.len(), 0i64);
        for i in 0..c.len() {
            if let Some(s) = state.push(c.ts[i], c.channel[i], self.limit_ms) {
                self.sessions.push(Closed {
                    customer: c.index,
                    session: s,
                });
            }
        }
        if let Some(s) = state.close() {
            self.sessions.push(Closed {
                customer: c.index,
                session: s,
            });
        }
        // A customer's sessions do not overlap: their durations add up to at most the span
        // of the customer's events, which fits an i64 (see `limits::MAX_WINDOW_MS`).
        for s in &self.sessions[first..] {
            total_ms += s.session.duration_ms();
        }
        if self.options.per_customer {
            self.rows.push(CustomerSessions {
                customer_id: c.id.to_string(),
                sessions: (self.sessions.len() - first) as u64,
                events: c.len() as u64,
                total_duration_seconds: total_ms as f64 / 1000.0,
            });
        }
    }
}

impl MergeablePass for SessionPass {
    fn merge(&mut self, mut later: Self) {
        // Sessions name their customer only to tell one customer's from the next. Ranges of
        // one dataset number customers apart already; partitions of a distributed run each
        // number theirs from 0, so `later`'s move past this one's.
        if let (Some(last), Some(next)) = (self.sessions.last(), later.sessions.first()) {
            if next.customer <= last.customer {
                let shift = last.customer + 1 - next.customer;
                for s in &mut later.sessions {
                    s.customer += shift;
                }
            }
        }
        self.sessions.extend(later.sessions);
        self.rows.extend(later.rows);
    }
}

/// Statistics of sessions given in customer order.
fn stats<'a>(sessions: impl Iterator<Item = &'a Closed>) -> SessionStats {
    let (mut events, mut durations) = (Vec::new(), Vec::new());
    let (mut per_customer, mut time_per_customer) = (Vec::<f64>::new(), Vec::<f64>::new());
    let mut last = None;
    for c in sessions {
        let secs = c.session.duration_ms() as f64 / 1000.0;
        events.push(c.session.events as f64);
        durations.push(secs);
        if last != Some(c.customer) {
            last = Some(c.customer);
            per_customer.push(0.0);
            time_per_customer.push(0.0);
        }
        *per_customer.last_mut().unwrap() += 1.0;
        *time_per_customer.last_mut().unwrap() += secs;
    }
    SessionStats {
        customers: per_customer.len() as u64,
        sessions: events.len() as u64,
        sessions_per_customer: Average::of(&mut per_customer),
        events_per_session: Average::of(&mut events),
        duration_seconds: Average::of(&mut durations),
        time_per_customer_seconds: Average::of(&mut time_per_customer),
    }
}

/// Splits every customer's events into sessions and summarises them.
///
/// ```
/// use touchpoint::{sessions, Channel, Dataset, Event, EventKind, SessionOptions, Timestamp};
/// let t = |s: &str| Timestamp::parse(s).unwrap();
/// let data = Dataset::from_events(vec![
///     Event::new("ana", t("2026-03-01T09:00:00Z"), Channel::Web, EventKind::PageView),
///     Event::new("ana", t("2026-03-01T09:30:00Z"), Channel::Web, EventKind::Purchase), // gap = 1800 s: same session
///     Event::new("ana", t("2026-03-01T12:00:00Z"), Channel::App, EventKind::PageView), // new session
/// ]).unwrap();
/// let r = sessions(&data, &SessionOptions::default()).unwrap();
/// assert_eq!(r.overall.sessions, 2);
/// assert_eq!(r.overall.time_per_customer_seconds.mean, Some(1800.0));
/// ```
pub fn sessions(data: &Dataset, options: &SessionOptions) -> Result<SessionReport> {
    let pass = SessionPass::new(data, options)?;
    let ctx = PassContext::new(data, &StageMap::default());
    Ok(run_pass(&ctx, pass).finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Channel, Event, EventKind, Timestamp};

    fn ev(id: &str, secs: i64, ch: Channel) -> Event {
        Event::new(
            id,
            Timestamp(1_772_355_600_000 + secs * 1000),
            ch,
            EventKind::PageView,
        )
    }

    #[test]
    fn gap_exactly_at_the_limit_stays_in_the_session() {
        let data = Dataset::from_events(vec![
            ev("a", 0, Channel::Web),
            ev("a", 1800, Channel::Web),
            ev("a", 3601, Channel::App),
        ])
        .unwrap();
        let r = sessions(
            &data,
            &SessionOptions {
                by_channel: true,
                per_customer: true,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(r.overall.sessions, 2);
        assert_eq!(
            r.overall.events_per_session,
            Average {
                mean: Some(1.5),
                median: Some(1.5)
            }
        );
        assert_eq!(r.overall.duration_seconds.mean, Some(900.0));
        let by = r.by_channel.unwrap();
        assert_eq!(by["web"].duration_seconds.median, Some(1800.0));
        assert_eq!(by["app"].time_per_customer_seconds.mean, Some(0.0));
        assert_eq!(r.per_customer.unwrap()[0].total_duration_seconds, 1800.0);
    }

    #[test]
    fn equal_timestamps_and_single_events() {
        let data = Dataset::from_events(vec![
            ev("a", 5, Channel::Web),
            ev("a", 5, Channel::Email),
            ev("b", 9, Channel::Web),
        ])
        .unwrap();
        let r = sessions(
            &data,
            &SessionOptions {
                inactivity_seconds: 0.001,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!((r.overall.customers, r.overall.sessions), (2, 2));
        assert_eq!(r.overall.duration_seconds.mean, Some(0.0));
        assert_eq!(r.overall.events_per_session.mean, Some(1.5));
        assert!(r.by_channel.is_none() && r.per_customer.is_none());
    }

    #[test]
    fn empty_dataset_has_no_data_and_bad_limit_is_refused() {
        let r = sessions(&Dataset::default(), &SessionOptions::default()).unwrap();
        assert_eq!(r.overall.sessions, 0);
        assert_eq!(r.overall.sessions_per_customer, Average::default());
        let bad = SessionOptions {
            inactivity_seconds: -1.0,
            ..Default::default()
        };
        assert_eq!(
            sessions(&Dataset::default(), &bad).unwrap_err().field(),
            Some("inactivity_seconds")
        );
    }

    #[test]
    fn state_streams_one_event_at_a_time() {
        let mut s = SessionState::default();
        assert_eq!(s.push(0, 0, 10), None);
        assert_eq!(s.push(10, 1, 10), None);
        let closed = s.push(21, 1, 10).unwrap();
        assert_eq!(
            (closed.events, closed.duration_ms(), closed.channel),
            (2, 10, 0)
        );
        assert_eq!(s.close().unwrap().start, 21);
        assert_eq!(s.close(), None);
    }
}
