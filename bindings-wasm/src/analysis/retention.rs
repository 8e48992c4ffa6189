//! Retention: a cohort matrix by day, week or month: `ds.retention(options?)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    /// The retention matrix: cohorts by start period, retained share N periods later.
    retention / retention: "RetentionOptions", "RetentionReport" => touchpoint::retention;
}
