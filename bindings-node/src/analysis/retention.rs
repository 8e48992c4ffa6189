//! Retention cohorts: `ds.retention(options?)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    /// Retention: customers grouped into cohorts by the period of their start event, and
    /// the share of each cohort active in each later period, with weighted averages.
    /// @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option;
    /// `INVALID_ARGUMENT` if `options` is not an object.
    retention, retention_async: "options?: RetentionOptions | null" => "RetentionReport", "Promise<RetentionReport>" = touchpoint::retention;
}
