//! Sessions: events split at gaps of inactivity: `ds.sessions(options?)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    /// Sessions: each customer's events split at gaps longer than
    /// `options.inactivitySeconds` (default 1800), with sessions per customer, events per
    /// session, session duration and time per customer (mean and median); optionally by
    /// channel and per customer.
    /// @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option;
    /// `INVALID_ARGUMENT` if `options` is not an object.
    sessions, sessions_async: "options?: SessionOptions | null" => "SessionReport", "Promise<SessionReport>" = touchpoint::sessions;
}
