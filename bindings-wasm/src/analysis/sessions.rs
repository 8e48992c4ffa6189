//! Sessions: events split at gaps of inactivity: `ds.sessions(options?)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    /// Sessions per customer, events per session, duration and time on site / app.
    sessions / sessions: "SessionOptions", "SessionReport" => touchpoint::sessions;
}
