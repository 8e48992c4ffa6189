//! Per-customer lifecycle and growth accounting per period: `ds.lifecycle(options?)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    /// Stage, engagement phase and growth-accounting status per period.
    lifecycle / lifecycle: "LifecycleOptions", "LifecycleReport" => touchpoint::lifecycle;
}
