//! Sessions: events split at gaps of inactivity: `ds.sessions(options?)`.

use crate::dataset::Dataset;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_SESSIONS: &'static str = r#"
/** Options of `ds.sessions()` (not typed field by field yet; see docs/guide-engagement.md). */
export type SessionOptions = AnalysisOptions;
/** The report of `ds.sessions()` (not typed field by field yet). */
export type SessionReport = AnalysisReport;
"#;

crate::analysis::analyses! {
    /// Sessions per customer, events per session, duration and time on site / app.
    sessions / sessions: "SessionOptions", "SessionReport" => touchpoint::sessions;
}
