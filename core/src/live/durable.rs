//! The durable engine: a [`LiveEngine`] whose every acknowledged change is in an embedded
//! store first (redb: one file, crash-safe, each commit synced to disk before it returns).
//!
//! The store holds the options, a log of what came in (each batch of events with their ids,
//! each clock advance) and, after [`checkpoint`](DurableLiveEngine::checkpoint), a snapshot
//! with the log entries it covers removed. Opening replays the snapshot and the log after it,
//! so a process killed at any point restarts with every acknowledged batch: a call that
//! returned was on disk; one that did not may or may not be, and sending it again is safe,
//! because an event's id makes a second copy a duplicate. Signals are not stored: those of a
//! call that was on disk but never returned are not given again.

use super::engine::LiveEngine;
use super::options::LiveOptions;
use super::signals::Signal;
use crate::{Event, RecordRef, Result, Timestamp, TouchpointError};
use redb::{Database, ReadableTable, TableDefinition};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// `"options"` → the options (JSON); `"format"` → the store's format version.
const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");
/// Log entries by sequence number.
const LOG: TableDefinition<u64, &[u8]> = TableDefinition::new("log");
/// `"engine"` → a snapshot; `"through"` → the last log entry it covers.
const CHECKPOINT: TableDefinition<&str, &[u8]> = TableDefinition::new("checkpoint");

/// The store format this touchpoint writes and reads.
const STORE_FORMAT: u32 = 1;

/// One log entry, as read back.
#[derive(Deserialize)]
enum Entry {
    /// A batch of checked events, each with its id.
    Events(Vec<(Event, Option<String>)>),
    /// The clock moved to this time (ms).
    Advance(i64),
}

/// One log entry, as written: [`Entry`]'s form, borrowing the batch being pushed.
#[derive(Serialize)]
enum EntryRef<'a> {
    Events(Vec<(&'a Event, &'a Option<String>)>),
    Advance(i64),
}

/// A live engine kept in a file. See the module docs for what survives a crash.
#[derive(Debug)]
pub struct DurableLiveEngine {
    engine: LiveEngine,
    db: Database,
    path: PathBuf,
    /// The sequence number of the next log entry.
    next: u64,
}

impl std::ops::Deref for DurableLiveEngine {
    type Target = LiveEngine;

    /// The engine, to read states and stats (changes go through the durable methods).
    fn deref(&self) -> &LiveEngine {
        &self.engine
    }
}

impl DurableLiveEngine {
    /// Opens the store at `path`, creating it with `options` (or the defaults) if there is
    /// none, and replays it. Opening an existing store with other options than it was made
    /// with is an `INVALID_CONFIG` error (`options`); `None` takes the store's. A file that
    /// cannot be opened, is not a store, or is held by another process is a `STORE_ERROR`.
    pub fn open(path: impl AsRef<Path>, options: Option<LiveOptions>) -> Result<Self> {
        let path = path.as_ref().to_path_buf();
        let fail = |e: &dyn std::fmt::Display| store_error(&path, e);
        let db = Database::create(&path).map_err(|e| fail(&e))?;
        let tx = db.begin_write().map_err(|e| fail(&e))?;
        let stored: Option<LiveOptions> = {
            let mut meta = tx.open_table(META).map_err(|e| fail(&e))?;
            tx.open_table(LOG).map_err(|e| fail(&e))?;
            tx.open_table(CHECKPOINT).map_err(|e| fail(&e))?;
            let format = meta
                .get("format")
                .map_err(|e| fail(&e))?
                .map(|v| v.value().to_vec());
            match format {
                Some(f) if f != STORE_FORMAT.to_le_bytes() => {
                    return Err(fail(&format!(
                        "a store of format {f:?}; this touchpoint reads format {STORE_FORMAT}"
                    )))
                }
                Some(_) => {
                    let bytes = meta
                        .get("options")
                        .map_err(|e| fail(&e))?
                        .ok_or_else(|| fail(&"the store has no options"))?
                        .value()
                        .to_vec();
                    Some(serde_json::from_slice(&bytes).map_err(|e| fail(&e))?)
                }
                None => {
                    let o = options.clone().unwrap_or_default();
                    // Checked before anything is written.
                    LiveEngine::new(o.clone())?;
                    let json = serde_json::to_vec(&o).map_err(|e| fail(&e))?;
                    meta.insert("format", &STORE_FORMAT.to_le_bytes()[..])
                        .map_err(|e| fail(&e))?;
                    meta.insert("options", &json[..]).map_err(|e| fail(&e))?;
                    None
                }
            }
        };
        tx.commit().map_err(|e| fail(&e))?;
        let options = match (stored, options) {
            (Some(s), Some(o)) if s != o => {
                return Err(TouchpointError::InvalidConfig {
                    option: "options".into(),
                    message: format!(
                        "the store at {} was made with other options: open it without options to use them, or use a new store",
                        path.display()
                    ),
                })
            }
            (Some(s), _) => s,
            (None, o) => o.unwrap_or_default(),
        };
        let read = db.begin_read().map_err(|e| fail(&e))?;
        let checkpoint = read.open_table(CHECKPOINT).map_err(|e| fail(&e))?;
        let snapshot = checkpoint.get("engine").map_err(|e| fail(&e))?;
        let (mut engine, from) = match snapshot {
            Some(bytes) => {
                let through = checkpoint
                    .get("through")
                    .map_err(|e| fail(&e))?
                    .and_then(|v| v.value().try_into().ok())
                    .map(u64::from_le_bytes)
                    .ok_or_else(|| fail(&"the checkpoint lacks its log position"))?;
                (
                    LiveEngine::restore(bytes.value()).map_err(|e| fail(&e))?,
                    through + 1,
                )
            }
            None => (LiveEngine::new(options)?, 0),
        };
        let log = read.open_table(LOG).map_err(|e| fail(&e))?;
        let mut next = from;
        for item in log.range(from..).map_err(|e| fail(&e))? {
            let (seq, bytes) = item.map_err(|e| fail(&e))?;
            let entry: Entry = ciborium::from_reader(bytes.value())
                .map_err(|e| fail(&format!("log entry {}: {e}", seq.value())))?;
            apply(&mut engine, entry, &mut Vec::new())
                .map_err(|e| fail(&format!("log entry {}: {e}", seq.value())))?;
            next = seq.value() + 1;
        }
        drop(log);
        drop(checkpoint);
        drop(read);
        Ok(DurableLiveEngine {
            engine,
            db,
            path,
            next,
        })
    }

    /// The store's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The engine (states, stats, a snapshot).
    pub fn engine(&self) -> &LiveEngine {
        &self.engine
    }

    /// [`LiveEngine::push_records`], the batch on disk before it is applied: when this
    /// returns, the batch survives a crash.
    pub fn push_records(
        &mut self,
        records: Vec<(Result<Event>, Option<String>)>,
        camel: bool,
    ) -> Result<Vec<Signal>> {
        let events = LiveEngine::check_records(records, camel)?;
        self.append(&EntryRef::Events(
            events.iter().map(|c| (&c.event, &c.id)).collect(),
        ))?;
        let mut out = Vec::new();
        for (i, checked) in events.into_iter().enumerate() {
            self.engine
                .take(checked, RecordRef::Record(i as u64 + 1), &mut out)?;
        }
        Ok(out)
    }

    /// [`LiveEngine::push`] of one event, on disk first.
    pub fn push(&mut self, event: Event, id: Option<&str>) -> Result<Vec<Signal>> {
        self.push_records(vec![(Ok(event), id.map(str::to_string))], false)
    }

    /// [`LiveEngine::advance`], on disk first.
    pub fn advance(&mut self, now: Timestamp) -> Result<Vec<Signal>> {
        self.append(&EntryRef::Advance(now.0))?;
        Ok(self.engine.advance(now))
    }

    /// Writes `entry` at the end of the log and syncs it, before the caller applies it.
    fn append(&mut self, entry: &EntryRef<'_>) -> Result<()> {
        let mut bytes = Vec::new();
        ciborium::into_writer(entry, &mut bytes).map_err(|e| store_error(&self.path, &e))?;
        let fail = |e: &dyn std::fmt::Display| store_error(&self.path, e);
        let tx = self.db.begin_write().map_err(|e| fail(&e))?;
        {
            let mut log = tx.open_table(LOG).map_err(|e| fail(&e))?;
            log.insert(self.next, &bytes[..]).map_err(|e| fail(&e))?;
        }
        tx.commit().map_err(|e| fail(&e))?;
        self.next += 1;
        Ok(())
    }

    /// Writes a snapshot of the engine and drops the log entries it covers, so that opening
    /// the store restores the snapshot instead of replaying them. In one transaction: a
    /// crash leaves the old checkpoint and log, or the new ones.
    pub fn checkpoint(&mut self) -> Result<()> {
        let fail = |e: &dyn std::fmt::Display| store_error(&self.path, e);
        let snapshot = self.engine.snapshot();
        let tx = self.db.begin_write().map_err(|e| fail(&e))?;
        {
            let mut c = tx.open_table(CHECKPOINT).map_err(|e| fail(&e))?;
            c.insert("engine", &snapshot[..]).map_err(|e| fail(&e))?;
            if self.next > 0 {
                let through = self.next - 1;
                c.insert("through", &through.to_le_bytes()[..])
                    .map_err(|e| fail(&e))?;
                let mut log = tx.open_table(LOG).map_err(|e| fail(&e))?;
                log.retain_in(..=through, |_, _| false)
                    .map_err(|e| fail(&e))?;
            } else {
                // Nothing logged yet: the snapshot covers "before entry 0".
                c.remove("engine").map_err(|e| fail(&e))?;
            }
        }
        tx.commit().map_err(|e| fail(&e))
    }
}

/// Applies one log entry to the engine, adding its signals to `out`.
fn apply(engine: &mut LiveEngine, entry: Entry, out: &mut Vec<Signal>) -> Result<()> {
    match entry {
        Entry::Events(events) => {
            for (i, (event, id)) in events.into_iter().enumerate() {
                let at = RecordRef::Record(i as u64 + 1);
                engine.push_into(event, id.as_deref(), at, out)?;
            }
        }
        Entry::Advance(now) => out.extend(engine.advance(Timestamp(now))),
    }
    Ok(())
}

fn store_error(path: &Path, e: &dyn std::fmt::Display) -> TouchpointError {
    TouchpointError::Store {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}
