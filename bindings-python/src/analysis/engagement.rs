//! `ds.engagement(options)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    /// Engagement metrics: active users, stickiness, frequency, conversion and social
    /// activity, overall, per time bucket and per group. `options`: see `EngagementOptions`.
    engagement => touchpoint::engagement;
}
