//! `ds.sessions(options)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    /// Sessions: each customer's events split at gaps of inactivity, with sessions per
    /// customer, events per session, duration and time per customer. `options`: see
    /// `SessionOptions`.
    sessions => touchpoint::sessions;
}
