//! Pain points: friction signals per channel and journey stage, ranked by severity: `ds.painPoints(options?)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    /// The ranked pain points (friction per channel and journey stage).
    painPoints / pain_points: "PainPointOptions", "PainPointReport" => touchpoint::pain_points;
}
