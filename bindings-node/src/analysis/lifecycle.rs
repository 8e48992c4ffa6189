//! Lifecycle statuses, engagement phases and stage transitions: `ds.lifecycle(options?)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    /// Lifecycle: new, returning, resurrecting and dormant customers per period, the
    /// engagement phases (first experience, relationship, loyalty, advocacy), journey-stage
    /// transitions per period, and optionally one row per customer.
    /// @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option;
    /// `INVALID_ARGUMENT` if `options` is not an object.
    lifecycle, lifecycle_async: "options?: LifecycleOptions | null" => "LifecycleReport", "Promise<LifecycleReport>" = touchpoint::lifecycle;
}
