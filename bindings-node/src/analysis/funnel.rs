//! Funnels: `ds.funnel(options)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    /// The funnel: how many customers reach each step (ordered, strict or any order,
    /// within a window), conversion and drop-off per step, time between steps, and
    /// optionally a breakdown by channel or trait.
    /// @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option;
    /// `INVALID_ARGUMENT` if `options` is not an object.
    funnel, funnel_async: "options: FunnelOptions" => "FunnelReport", "Promise<FunnelReport>" = touchpoint::funnel;
}
