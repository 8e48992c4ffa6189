//! The model: what a touchpoint is (customer, event, channel, kind, survey answer), where a
//! customer stands (journey stage), time (timestamps, calendar periods), the open
//! vocabularies, the error type, and how options are read from JSON-shaped values.

pub(crate) mod channel;
pub(crate) mod error;
pub(crate) mod event;
pub(crate) mod event_record;
pub(crate) mod kind;
pub mod limits;
pub(crate) mod names;
pub(crate) mod options;
pub(crate) mod period;
pub(crate) mod stage;
pub(crate) mod time;
