//! Pain points: friction signals ranked by severity: `ds.painPoints(options?)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    /// Pain points: friction signals (high effort, low satisfaction, detractors, support
    /// tickets, unresolved tickets, slow resolution, drop-off) per channel and journey stage,
    /// each with a 0–100 severity, ranked by severity × weight.
    /// @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option
    /// (`weights.<signal>`, `stage_map.<kind>`, …); `INVALID_ARGUMENT` if `options` is not an object.
    pain_points, pain_points_async: "options?: PainPointOptions | null" => "PainPointReport", "Promise<PainPointReport>" = touchpoint::pain_points;
}
