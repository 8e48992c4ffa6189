//! `ds.engagement_score(options)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    /// The engagement score: a 0–100 score per customer, health bands, trend and the
    /// distribution. `options`: see `EngagementScoreOptions`.
    engagement_score => touchpoint::engagement_score;
}
