//! `ds.pain_points(options)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    /// Pain points: friction signals per channel and journey stage, ranked by severity ×
    /// weight. `options`: see `PainPointOptions`.
    pain_points => touchpoint::pain_points;
}
