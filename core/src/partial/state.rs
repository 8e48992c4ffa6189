//! The partial state of one analysis over one partition of the customers, as versioned bytes.

use super::analyses::{PartialReport, PassState, Spelling};
use super::context::PartitionContext;
use crate::{Dataset, RecordRef, Result, TouchpointError};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The first bytes of every partial state.
pub const PARTIAL_STATE_MAGIC: [u8; 4] = *b"TPPS";

/// The version of the partial-state format this build writes and reads. A state of another
/// version is refused, never misread: merge states written by the same touchpoint version.
pub const PARTIAL_STATE_VERSION: u32 = 1;

/// One analysis's state over a partition of the customers: the state its pass has after
/// seeing them, mergeable with the states of other partitions of the same data into the
/// state of all of them, then finished into the report one machine gives.
///
/// Merging is associative and commutative: partitions are ordered by their customers'
/// **keys** (a number per customer that orders customers as one machine would see them
/// first: for Spark, the row number of the customer's first row), so states may be merged
/// in any order and grouping. Two states whose key ranges overlap are refused.
///
/// ```
/// use touchpoint::{Channel, Dataset, Event, EventKind, PartialState, PartitionContext, Timestamp};
/// let t = |s: &str| Timestamp::parse(s).unwrap();
/// let ana = vec![Event::new("ana", t("2026-03-01"), Channel::Web, EventKind::Purchase).with_value(40.0)];
/// let ben = vec![Event::new("ben", t("2026-03-05"), Channel::App, EventKind::PageView)];
/// let whole = Dataset::from_events(ana.iter().chain(&ben).cloned()).unwrap();
/// let context = PartitionContext::of(&whole).unwrap();
/// let options = serde_json::json!({"per_customer": true});
/// let mut states = Vec::new();
/// for (key, events) in [(0, ana), (1, ben)] {
///     let mut part = Dataset::from_events(events).unwrap();
///     let state = PartialState::run(&mut part, "rfm", options.clone(), &context, (key, key)).unwrap();
///     states.push(state.to_bytes());
/// }
/// let merged = PartialState::merge_all(states.iter().rev().map(|b| PartialState::from_bytes(b))).unwrap();
/// let report = serde_json::to_value(merged.finish().unwrap()).unwrap();
/// let single = serde_json::to_value(touchpoint::rfm(&whole, &serde_json::from_value(options).unwrap()).unwrap()).unwrap();
/// assert_eq!(report, single);
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PartialState {
    analysis: String,
    /// The options in canonical form (snake_case, defaults written out): states of different
    /// options refuse to merge.
    options: Value,
    context: PartitionContext,
    /// The smallest and largest key of the customers seen.
    keys: (u64, u64),
    pass: PassState,
}

impl PartialState {
    /// Runs `analysis` (a dataset method's name: `"overview"`, `"funnel"`, … see
    /// [`PARTIAL_ANALYSES`](crate::PARTIAL_ANALYSES)) with `options` over the partition
    /// `data`, after aligning it to `context` ([`Dataset::align_to`]); `keys` are the
    /// smallest and largest key of its customers.
    pub fn run(
        data: &mut Dataset,
        analysis: &str,
        options: Value,
        context: &PartitionContext,
        keys: (u64, u64),
    ) -> Result<PartialState> {
        Self::run_spelled(data, analysis, options, context, keys, Spelling::Snake)
    }

    /// [`run`](Self::run) with options written with camelCase keys (`perCustomer`), as the
    /// JavaScript bindings take them. The state is the same as from snake_case options.
    pub fn run_with_camel_options(
        data: &mut Dataset,
        analysis: &str,
        options: Value,
        context: &PartitionContext,
        keys: (u64, u64),
    ) -> Result<PartialState> {
        Self::run_spelled(data, analysis, options, context, keys, Spelling::Camel)
    }

    fn run_spelled(
        data: &mut Dataset,
        analysis: &str,
        options: Value,
        context: &PartitionContext,
        keys: (u64, u64),
        spelling: Spelling,
    ) -> Result<PartialState> {
        if keys.0 > keys.1 {
            return Err(TouchpointError::config(
                "keys",
                format!(
                    "the smallest key {} is above the largest {}",
                    keys.0, keys.1
                ),
            ));
        }
        data.align_to(context)?;
        // JavaScript may name the analysis as its method (`journeyMap`) or as here.
        let analysis = match spelling {
            Spelling::Camel => crate::camel_case::camel_to_snake(analysis).into_owned(),
            Spelling::Snake => analysis.to_string(),
        };
        let analysis = analysis.as_str();
        let (pass, options) = PassState::run(data, analysis, options, spelling)?;
        Ok(PartialState {
            analysis: analysis.to_string(),
            options,
            context: context.clone(),
            keys,
            pass,
        })
    }

    /// The analysis this state is of.
    pub fn analysis(&self) -> &str {
        &self.analysis
    }

    /// The smallest and largest key of the customers this state has seen.
    pub fn keys(&self) -> (u64, u64) {
        self.keys
    }

    /// The state of both partitions. States of different analyses, options or contexts,
    /// or whose key ranges overlap, are `INVALID_CONFIG` errors naming `states`.
    pub fn merge(self, other: PartialState) -> Result<PartialState> {
        let refuse = |why: &str| Err(TouchpointError::config("states", why.to_string()));
        if self.analysis != other.analysis {
            return refuse(&format!(
                "a `{}` state and a `{}` state cannot merge",
                self.analysis, other.analysis
            ));
        }
        if self.options != other.options {
            return refuse("states of different options cannot merge");
        }
        if self.context != other.context {
            return refuse(
                "states of different contexts (channels, kinds or time range) cannot merge",
            );
        }
        let (mut first, later) = if self.keys.1 < other.keys.0 {
            (self, other)
        } else if other.keys.1 < self.keys.0 {
            (other, self)
        } else {
            return refuse(&format!(
                "the key ranges {:?} and {:?} overlap: each customer must be in one partition, partitions in disjoint key ranges",
                self.keys, other.keys
            ));
        };
        first.keys.1 = later.keys.1;
        first.pass.merge(later.pass)?;
        Ok(first)
    }

    /// Merges states in any order (an error if there is none); a state that is an error is
    /// that error.
    pub fn merge_all(
        states: impl IntoIterator<Item = Result<PartialState>>,
    ) -> Result<PartialState> {
        let mut all = states.into_iter().collect::<Result<Vec<_>>>()?;
        // Merged in key order, each onto the one before: the cheapest order (lists append).
        all.sort_by_key(|s| s.keys);
        let mut all = all.into_iter();
        let first = all
            .next()
            .ok_or_else(|| TouchpointError::config("states", "no state to merge"))?;
        all.try_fold(first, PartialState::merge)
    }

    /// The report the analysis gives on one machine over every partition merged in.
    pub fn finish(self) -> Result<PartialReport> {
        let mut names = Dataset::default();
        names.align_to(&self.context)?;
        self.pass.finish(&names)
    }

    /// The state as bytes: [`PARTIAL_STATE_MAGIC`], [`PARTIAL_STATE_VERSION`] (4 bytes,
    /// little-endian), then the state in CBOR (RFC 8949).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(1024);
        out.extend_from_slice(&PARTIAL_STATE_MAGIC);
        out.extend_from_slice(&PARTIAL_STATE_VERSION.to_le_bytes());
        ciborium::into_writer(self, &mut out).expect("a partial state always encodes");
        out
    }

    /// A state from [`to_bytes`](Self::to_bytes). Bytes that are not a partial state, or of
    /// another version, are a `PARSE_ERROR`.
    pub fn from_bytes(bytes: &[u8]) -> Result<PartialState> {
        let parse = |message: String| TouchpointError::Parse {
            record: RecordRef::Record(1),
            message,
        };
        if bytes.len() < 8 || bytes[..4] != PARTIAL_STATE_MAGIC {
            return Err(parse("not a touchpoint partial state".into()));
        }
        let version = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]);
        if version != PARTIAL_STATE_VERSION {
            return Err(parse(format!(
                "a partial state of version {version}; this touchpoint reads version {PARTIAL_STATE_VERSION}"
            )));
        }
        ciborium::from_reader(&bytes[8..])
            .map_err(|e| parse(format!("a damaged partial state: {e}")))
    }
}
