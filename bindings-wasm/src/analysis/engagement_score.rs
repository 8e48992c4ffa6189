//! The engagement score (0–100 per customer, health bands, trend): `ds.engagementScore(options?)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    /// The engagement score of every customer, its distribution and health bands.
    engagementScore / engagement_score: "EngagementScoreOptions", "EngagementScoreReport" => touchpoint::engagement_score;
}
