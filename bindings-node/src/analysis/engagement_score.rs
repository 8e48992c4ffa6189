//! The engagement score and health bands: `ds.engagementScore(options?)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    #[doc = " The engagement score: a 0–100 score per customer from weighted events whose weight"]
    #[doc = " decays with age, with health bands, the trend against an earlier time and the"]
    #[doc = " distribution."]
    #[doc = " @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option;"]
    #[doc = " `INVALID_ARGUMENT` if `options` is not an object."]
    engagement_score, engagement_score_async: "options?: EngagementScoreOptions | null" => "EngagementScoreReport", "Promise<EngagementScoreReport>" = touchpoint::engagement_score;
}
