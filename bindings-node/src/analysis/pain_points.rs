//! Pain points: friction signals ranked by severity: `ds.painPoints(options?)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    #[doc = " Pain points: friction signals (high effort, low satisfaction, detractors, support"]
    #[doc = " tickets, unresolved tickets, slow resolution, drop-off) per channel and journey stage,"]
    #[doc = " each with a 0–100 severity, ranked by severity × weight."]
    #[doc = " @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option"]
    #[doc = " (`weights.<signal>`, `stage_map.<kind>`, …); `INVALID_ARGUMENT` if `options` is not an object."]
    pain_points, pain_points_async: "options?: PainPointOptions | null" => "PainPointReport", "Promise<PainPointReport>" = touchpoint::pain_points;
}
