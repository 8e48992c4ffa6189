//! Retention cohorts: `ds.retention(options?)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    #[doc = " Retention: customers grouped into cohorts by the period of their start event, and"]
    #[doc = " the share of each cohort active in each later period, with weighted averages."]
    #[doc = " @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option;"]
    #[doc = " `INVALID_ARGUMENT` if `options` is not an object."]
    retention, retention_async: "options?: RetentionOptions | null" => "RetentionReport", "Promise<RetentionReport>" = touchpoint::retention;
}
