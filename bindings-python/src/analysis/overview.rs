//! `ds.overview(options)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    /// Every analysis at once, from a single pass over each customer's events: the CX
    /// report, sessions, lifecycle, a funnel (when `options["funnel"]` is given), retention,
    /// RFM segments, the journey map, pain points and the CX pyramid. `options`: one block
    /// per analysis, plus a top-level `stage_map`; see `OverviewOptions`.
    overview => touchpoint::overview;
}
