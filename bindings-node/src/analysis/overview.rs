//! Every analysis in one pass: `ds.overview(options?)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    #[doc = " Every analysis at once, from a single pass over each customer's events: the CX"]
    #[doc = " report, sessions, lifecycle, a funnel (when `options.funnel` is given), retention,"]
    #[doc = " RFM segments, the journey map, pain points and the CX pyramid."]
    #[doc = " @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option;"]
    #[doc = " `INVALID_ARGUMENT` if `options` is not an object."]
    overview, overview_async: "options?: OverviewOptions | null" => "OverviewReport", "Promise<OverviewReport>" = touchpoint::overview;
}
