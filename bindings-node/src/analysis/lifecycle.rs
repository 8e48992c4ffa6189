//! Lifecycle statuses, engagement phases and stage transitions: `ds.lifecycle(options?)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    #[doc = " Lifecycle: new, returning, resurrecting and dormant customers per period, the"]
    #[doc = " engagement phases (first experience, relationship, loyalty, advocacy), journey-stage"]
    #[doc = " transitions per period, and optionally one row per customer."]
    #[doc = " @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option;"]
    #[doc = " `INVALID_ARGUMENT` if `options` is not an object."]
    lifecycle, lifecycle_async: "options?: LifecycleOptions | null" => "LifecycleReport", "Promise<LifecycleReport>" = touchpoint::lifecycle;
}
