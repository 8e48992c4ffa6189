//! The whole engine as bytes: `TPLV`, the format version (4 bytes, little-endian), then the
//! options, clock, code tables, every customer's events and view, and the ids seen, in CBOR
//! (RFC 8949). Fields added by later versions have defaults, so this version's bytes load
//! in the next; bytes of a later version, or damaged, are refused by name.

use super::engine::LiveEngine;
use super::options::LiveOptions;
use super::signals::View;
use super::store::Row;
use crate::{Channel, EventKind, LiveStats, RecordRef, Result, TouchpointError};
use serde::{Deserialize, Serialize};

/// The first bytes of a live snapshot.
pub const LIVE_SNAPSHOT_MAGIC: [u8; 4] = *b"TPLV";
/// The snapshot format this touchpoint writes, and the newest it reads.
pub const LIVE_SNAPSHOT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Saving<'a> {
    options: &'a LiveOptions,
    clock: Option<i64>,
    seq: u64,
    kinds: &'a [EventKind],
    channels: &'a [Channel],
    customers: Vec<SavingCustomer<'a>>,
    seen: Vec<[u64; 2]>,
    stats: LiveStats,
}

#[derive(Serialize)]
struct SavingCustomer<'a> {
    id: &'a str,
    rows: &'a [Row],
    view: &'a View,
}

#[derive(Deserialize)]
struct Saved {
    options: LiveOptions,
    clock: Option<i64>,
    seq: u64,
    kinds: Vec<EventKind>,
    channels: Vec<Channel>,
    customers: Vec<SavedCustomer>,
    seen: Vec<[u64; 2]>,
    stats: LiveStats,
}

#[derive(Deserialize)]
struct SavedCustomer {
    id: String,
    rows: Vec<Row>,
    view: View,
}

fn damaged(message: impl std::fmt::Display) -> TouchpointError {
    TouchpointError::Parse {
        record: RecordRef::Record(1),
        message: format!("a damaged live snapshot: {message}"),
    }
}

impl LiveEngine {
    /// The whole engine as bytes ([`LIVE_SNAPSHOT_MAGIC`], [`LIVE_SNAPSHOT_VERSION`], CBOR):
    /// [`restore`](Self::restore) gives back an engine that goes on exactly as this one.
    pub fn snapshot(&self) -> Vec<u8> {
        let mut seen: Vec<[u64; 2]> = self
            .seen
            .iter()
            .map(|&k| [(k >> 64) as u64, k as u64])
            .collect();
        seen.sort_unstable();
        let saving = Saving {
            options: &self.options,
            clock: self.clock,
            seq: self.seq,
            kinds: &self.tables.kinds,
            channels: &self.tables.channels,
            customers: self
                .customers
                .iter()
                .map(|c| SavingCustomer {
                    id: &c.id,
                    rows: &c.rows,
                    view: &c.view,
                })
                .collect(),
            seen,
            stats: self.stats,
        };
        let mut out = Vec::with_capacity(64 + 48 * self.stats.events as usize);
        out.extend_from_slice(&LIVE_SNAPSHOT_MAGIC);
        out.extend_from_slice(&LIVE_SNAPSHOT_VERSION.to_le_bytes());
        ciborium::into_writer(&saving, &mut out).expect("a live snapshot always encodes");
        out
    }

    /// An engine from [`snapshot`](Self::snapshot)'s bytes. Bytes that are not a live
    /// snapshot, of a later version, truncated or damaged are a `PARSE_ERROR` saying which.
    pub fn restore(bytes: &[u8]) -> Result<LiveEngine> {
        let parse = |message: String| TouchpointError::Parse {
            record: RecordRef::Record(1),
            message,
        };
        if bytes.len() < 8 || bytes[..4] != LIVE_SNAPSHOT_MAGIC {
            return Err(parse("not a touchpoint live snapshot".into()));
        }
        let version = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]);
        if version > LIVE_SNAPSHOT_VERSION {
            return Err(parse(format!(
                "a live snapshot of version {version}, written by a later touchpoint; this one reads versions up to {LIVE_SNAPSHOT_VERSION}"
            )));
        }
        if version == 0 {
            return Err(damaged("version 0"));
        }
        let saved: Saved = ciborium::from_reader(&bytes[8..]).map_err(|e| {
            damaged(match e {
                ciborium::de::Error::Io(_) => "the bytes end too soon (truncated)".to_string(),
                e => e.to_string(),
            })
        })?;
        let mut engine = LiveEngine::new(saved.options).map_err(damaged)?;
        for (i, k) in saved.kinds.iter().enumerate() {
            if usize::from(engine.kind(k, RecordRef::Record(1))?) != i {
                return Err(damaged(format!("kind `{k}` out of place")));
            }
        }
        if engine.tables.kinds.len() != saved.kinds.len() {
            return Err(damaged("the kind table lacks the fixed kinds"));
        }
        for (i, c) in saved.channels.iter().enumerate() {
            if usize::from(engine.channel(c, RecordRef::Record(1))?) != i {
                return Err(damaged(format!("channel `{c}` out of place")));
            }
        }
        let (kinds, channels) = (saved.kinds.len(), saved.channels.len());
        let bands = engine.cfg.bands.len();
        let segments = engine.cfg.segments.len();
        let mut events = 0u64;
        let mut ids: hashbrown::HashSet<String, foldhash::fast::RandomState> =
            hashbrown::HashSet::default();
        for c in saved.customers {
            crate::limits::check_id(&c.id, RecordRef::Record(1), "customer_id").map_err(damaged)?;
            if !ids.insert(c.id.clone()) {
                return Err(damaged(format!("customer `{}` twice", c.id)));
            }
            for (i, r) in c.rows.iter().enumerate() {
                let ok = usize::from(r.kind) < kinds
                    && usize::from(r.channel) < channels
                    && r.seq <= saved.seq
                    && crate::limits::check_time_ms(r.ts, RecordRef::Record(1), "ts").is_ok()
                    && (i == 0 || (c.rows[i - 1].ts, c.rows[i - 1].seq) < (r.ts, r.seq))
                    && saved.clock.is_some_and(|t| r.ts <= t);
                if !ok {
                    return Err(damaged(format!("event {} of customer `{}`", i + 1, c.id)));
                }
            }
            if c.rows.is_empty() || c.view.band >= bands || c.view.segments.len() != segments {
                return Err(damaged(format!("customer `{}`", c.id)));
            }
            events += c.rows.len() as u64;
            engine.restore_customer(c.id, c.rows, c.view);
        }
        if events != saved.stats.events {
            return Err(damaged("the event count does not match the events"));
        }
        engine.clock = saved.clock;
        engine.seq = saved.seq;
        engine.stats = saved.stats;
        engine.seen = saved
            .seen
            .into_iter()
            .map(|[hi, lo]| (u128::from(hi) << 64) | u128::from(lo))
            .collect();
        engine.reindex();
        Ok(engine)
    }
}
