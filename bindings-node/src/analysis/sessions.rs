//! Sessions: events split at gaps of inactivity: `ds.sessions(options?)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    #[doc = " Sessions: each customer's events split at gaps longer than"]
    #[doc = " `options.inactivitySeconds` (default 1800), with sessions per customer, events per"]
    #[doc = " session, session duration and time per customer (mean and median); optionally by"]
    #[doc = " channel and per customer."]
    #[doc = " @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option;"]
    #[doc = " `INVALID_ARGUMENT` if `options` is not an object."]
    sessions, sessions_async: "options?: SessionOptions | null" => "SessionReport", "Promise<SessionReport>" = touchpoint::sessions;
}
