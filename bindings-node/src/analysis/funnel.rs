//! Funnels: `ds.funnel(options)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    #[doc = " The funnel: how many customers reach each step (ordered, strict or any order,"]
    #[doc = " within a window), conversion and drop-off per step, time between steps, and"]
    #[doc = " optionally a breakdown by channel or trait."]
    #[doc = " @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option;"]
    #[doc = " `INVALID_ARGUMENT` if `options` is not an object."]
    funnel, funnel_async: "options: FunnelOptions" => "FunnelReport", "Promise<FunnelReport>" = touchpoint::funnel;
}
