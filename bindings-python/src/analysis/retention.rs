//! `ds.retention(options)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    /// Cohort retention: the share of each cohort active in each later period.
    /// `options`: see `RetentionOptions`.
    retention => touchpoint::retention;
}
