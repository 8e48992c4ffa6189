//! Reading customers and touchpoints from Segment-style JSON, from CSV, from JSON records and
//! from borrowed columns (Arrow record batches, data frames, typed arrays).
//!
//! In [`Mode::Strict`] the first bad record stops the read with an error that names it.
//! In [`Mode::Lenient`] bad records are skipped and every one of them is returned in
//! [`Ingested::rejected`] with its reason: nothing is dropped silently.

mod columns;
mod csv;
mod host_columns;
mod input;
pub(crate) mod records;
mod segment;
mod segment_input;

pub(crate) use self::columns::{number_ids, MAX_ID_ROWS, NULL_ID};
pub use self::columns::{
    read_columns, seed_hashing, AnswerColumn, ColumnNames, ColumnsReader, EventColumns, IntIds,
    NumColumn, NumValues, StrColumn, StrTraits, TimeColumn, TimeUnit, TimeValues, TraitColumn,
    TraitValues, Validity,
};
pub use self::csv::{read_csv, read_csv_from};
pub use self::host_columns::{
    HostAnswerColumn, HostColumn, HostColumns, HostEventColumns, HostTraitColumn,
};
pub use self::input::utf16_as_bytes;
pub use self::records::{
    event_from_camel_deserializer, event_from_camel_value, event_from_deserializer,
    event_from_value, non_finite_error, read_camel_events, read_camel_records, read_events,
    read_records, CamelEventRecord, EventRecord,
};
pub use self::segment::{read_segment, read_segment_from};

use crate::{Dataset, DatasetBuilder, PseudonymKey, Result, TouchpointError};
use serde::{Deserialize, Serialize};

/// What to do with a bad record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Fail on the first bad record.
    #[default]
    Strict,
    /// Skip bad records and report each of them.
    Lenient,
}

impl Mode {
    /// Reads `"strict"` or `"lenient"`.
    pub fn parse(text: &str) -> Result<Mode> {
        match text.trim().to_ascii_lowercase().as_str() {
            "strict" => Ok(Mode::Strict),
            "lenient" => Ok(Mode::Lenient),
            other => Err(TouchpointError::config(
                "mode",
                format!("`{other}` is not strict or lenient"),
            )),
        }
    }
}

/// How to read: the [`Mode`], and optionally a key to replace every id with its pseudonym
/// as it is read. Every reader takes `impl Into<ReadOptions>`, so a plain [`Mode`] will do.
///
/// ```
/// use touchpoint::{read_csv, Mode, PseudonymKey, ReadOptions};
/// let key = PseudonymKey::new(*b"a key of 16 bytes or more").unwrap();
/// let csv = "customer_id,timestamp,channel,kind\nana,2026-03-01T09:30:00Z,web,purchase\n";
/// let read = read_csv(csv, ReadOptions::new(Mode::Strict).with_pseudonyms(key.clone())).unwrap();
/// assert_eq!(read.dataset.customer_id(0), key.pseudonym("ana"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Strict (the first bad record is the error) or lenient.
    pub mode: Mode,
    /// When set, customer ids, anonymous ids and alias ids are replaced by their pseudonyms
    /// ([`PseudonymKey::pseudonym`]) before anything else sees them, so the dataset, every
    /// result and every refused tie's message hold only pseudonyms; ids still tie together,
    /// since one id always gives the same pseudonym.
    pub pseudonym_key: Option<PseudonymKey>,
}

impl ReadOptions {
    /// Reading in `mode`, without pseudonyms.
    pub fn new(mode: Mode) -> Self {
        ReadOptions {
            mode,
            pseudonym_key: None,
        }
    }

    /// The same options, replacing ids with their pseudonyms under `key`.
    pub fn with_pseudonyms(mut self, key: PseudonymKey) -> Self {
        self.pseudonym_key = Some(key);
        self
    }

    /// A dataset builder for a read with these options.
    pub(crate) fn builder(&self) -> DatasetBuilder {
        let mut b = DatasetBuilder::new();
        b.pseudonyms = self.pseudonym_key.clone();
        b
    }

    /// Rejections in this mode.
    pub(crate) fn rejections(&self) -> Rejections {
        Rejections::new(self.mode)
    }
}

impl From<Mode> for ReadOptions {
    fn from(mode: Mode) -> Self {
        ReadOptions::new(mode)
    }
}

/// The result of a read: the dataset and the records that were rejected (lenient mode).
#[derive(Debug, Clone)]
pub struct Ingested {
    /// Everything that was read.
    pub dataset: Dataset,
    /// Each skipped record and why, in input order, and each identity tie that was refused
    /// (its event, if it carried one, still counts for its own customer id). Always empty
    /// in strict mode.
    pub rejected: Vec<TouchpointError>,
}

/// Collects rejections according to the mode.
pub(crate) struct Rejections {
    mode: Mode,
    list: Vec<TouchpointError>,
}

impl Rejections {
    pub(crate) fn new(mode: Mode) -> Self {
        Rejections {
            mode,
            list: Vec::new(),
        }
    }

    /// Strict: returns the error. Lenient: keeps it and carries on.
    pub(crate) fn handle(&mut self, r: Result<()>) -> Result<()> {
        match (r, self.mode) {
            (Ok(()), _) => Ok(()),
            (Err(e), Mode::Strict) => Err(e),
            (Err(e), Mode::Lenient) => {
                self.list.push(e);
                Ok(())
            }
        }
    }

    /// Handles each refused identity tie like a bad record (they come at the end of a
    /// read), keeping the list in input order.
    pub(crate) fn handle_refused(&mut self, refused: Vec<TouchpointError>) -> Result<()> {
        if refused.is_empty() {
            return Ok(());
        }
        for e in refused {
            self.handle(Err(e))?;
        }
        self.list
            .sort_by_key(|e| e.record().map_or(0, crate::dataset::identity::position));
        Ok(())
    }

    pub(crate) fn into_vec(self) -> Vec<TouchpointError> {
        self.list
    }
}

/// Builds the dataset of a read: merged ids, traits applied, refused ties handled.
pub(crate) fn finish(builder: DatasetBuilder, mut rejections: Rejections) -> Result<Ingested> {
    let (dataset, refused) = builder.finish_with_refusals();
    rejections.handle_refused(refused)?;
    Ok(Ingested {
        dataset,
        rejected: rejections.into_vec(),
    })
}
