//! Every analysis from one pass: `ds.overview(options?)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    /// Every analysis at once, from a single pass over each customer's events.
    overview / overview: "OverviewOptions", "OverviewReport" => touchpoint::overview;
}
