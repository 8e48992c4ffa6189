//! `ds.lifecycle(options)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    /// Lifecycle: customers per lifecycle state and engagement phase per period, and
    /// journey-stage transitions. `options`: see `LifecycleOptions`.
    lifecycle => touchpoint::lifecycle;
}
