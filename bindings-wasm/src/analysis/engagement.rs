//! Engagement metrics (click-through, open, conversion, active users, …): `ds.engagement(options?)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    /// Engagement metrics overall, per group and per time bucket.
    engagement / engagement: "EngagementOptions", "EngagementReport" => touchpoint::engagement;
}
