//! Engagement metrics (CTR, opens, conversion, active users, …): `ds.engagement(options?)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    #[doc = " Engagement metrics: click-through, e-mail opens, conversion, active users (DAU /"]
    #[doc = " WAU / MAU) and stickiness, interaction frequency, retention, repeat purchase, upsell,"]
    #[doc = " social engagement and referrals; overall, per channel or trait, and per time bucket."]
    #[doc = " @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option;"]
    #[doc = " `INVALID_ARGUMENT` if `options` is not an object."]
    engagement, engagement_async: "options?: EngagementOptions | null" => "EngagementReport", "Promise<EngagementReport>" = touchpoint::engagement;
}
