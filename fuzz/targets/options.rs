//! Target `options`: every analysis's options read from fuzzed JSON, in snake_case
//! (`options_from_value`) and camelCase (`with_camel_options`, the JavaScript path), then
//! the analysis run on a small fixed dataset. A refusal must be `INVALID_CONFIG`.

use super::check::result_json;
use serde_json::{json, Value};
use std::sync::OnceLock;
use touchpoint::{options_from_value, with_camel_options, Dataset, Mode, Result};

/// Declares the analyses (name, function, options type) and [`run_analysis`].
macro_rules! analyses {
    ($($name:literal => $f:path, $options:ty;)+) => {
        /// Every analysis that takes options, by name.
        pub const ANALYSES: &[&str] = &[$($name),+];

        /// Runs analysis `index` of [`ANALYSES`] on `data` with `options` (camelCase keys
        /// when `camel`); the result is checked by [`result_json`].
        pub fn run_analysis(index: usize, data: &Dataset, options: Value, camel: bool) -> Result<Value> {
            let mut i = 0;
            $(
                if i == index {
                    let report = if camel {
                        with_camel_options(options, |o: &$options| $f(data, o))?
                    } else {
                        $f(data, &options_from_value::<$options>(options)?)?
                    };
                    return Ok(result_json($name, &report));
                }
                i += 1;
            )+
            panic!("no analysis {index} (there are {i})")
        }
    };
}

analyses! {
    "sessions" => touchpoint::sessions, touchpoint::SessionOptions;
    "engagement" => touchpoint::engagement, touchpoint::EngagementOptions;
    "lifecycle" => touchpoint::lifecycle, touchpoint::LifecycleOptions;
    "engagement_score" => touchpoint::engagement_score, touchpoint::EngagementScoreOptions;
    "funnel" => touchpoint::funnel, touchpoint::FunnelOptions;
    "retention" => touchpoint::retention, touchpoint::RetentionOptions;
    "journey_map" => touchpoint::journey_map, touchpoint::JourneyMapOptions;
    "pain_points" => touchpoint::pain_points, touchpoint::PainPointOptions;
    "cx_pyramid" => touchpoint::cx_pyramid, touchpoint::PyramidOptions;
    "rfm" => touchpoint::rfm, touchpoint::RfmOptions;
    "engagement_tiers" => touchpoint::engagement_tiers, touchpoint::TierOptions;
    "rule_segments" => touchpoint::rule_segments, touchpoint::RuleSegmentOptions;
    "overview" => touchpoint::overview, touchpoint::OverviewOptions;
    "purchase_histories" => touchpoint::purchase_histories, touchpoint::PurchaseHistoryOptions;
    "experiment" => touchpoint::experiment, touchpoint::ExperimentEventOptions;
    "voice_of_customer" => touchpoint::voice_of_dataset, touchpoint::VoiceOptions;
}

/// A small dataset with a bit of everything: three customers (one with traits), purchases,
/// survey answers, support tickets, several channels, over two months.
pub fn fixed_dataset() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| {
        let e = |id: &str, day: u32, hour: u32, channel: &str, kind: &str| {
            json!({"customer_id": id, "timestamp": format!("2026-03-{day:02}T{hour:02}:00:00Z"),
                   "channel": channel, "kind": kind})
        };
        let mut records = vec![
            e("ana", 1, 9, "web", "page_view"),
            e("ana", 1, 10, "web", "add_to_cart"),
            e("ben", 2, 8, "email", "email_open"),
            e("ben", 2, 9, "email", "click"),
            e("ben", 3, 12, "app", "page_view"),
            e("cara", 3, 12, "support", "ticket_opened"),
            e("cara", 5, 12, "support", "ticket_resolved"),
            e("cara", 28, 12, "web", "review"),
        ];
        records.push(
            json!({"customer_id": "ana", "timestamp": "2026-03-01T11:00:00Z", "channel": "web",
            "kind": "purchase", "value": 40.0, "traits": {"plan": "pro", "country": "IT"}}),
        );
        records.push(
            json!({"customer_id": "ana", "timestamp": "2026-03-20T11:00:00Z", "channel": "store",
            "kind": "purchase", "value": 65.5}),
        );
        records.push(
            json!({"customer_id": "ben", "timestamp": "2026-03-04T11:00:00Z", "channel": "app",
            "kind": "purchase", "value": 12.0, "traits": {"plan": "free", "vip": true}}),
        );
        records.push(
            json!({"customer_id": "ana", "timestamp": "2026-03-21T11:00:00Z", "channel": "email",
            "kind": "survey_response", "survey": {"metric": "nps", "score": 10}}),
        );
        records.push(
            json!({"customer_id": "cara", "timestamp": "2026-03-06T11:00:00Z", "channel": "email",
            "kind": "survey_response", "answers": {"nps": 3, "csat": 2, "ces": 3}}),
        );
        touchpoint::read_records(records, Mode::Strict)
            .expect("the fixed dataset reads")
            .dataset
    })
}

/// The first byte picks the analysis and the spelling; the rest is the options' JSON.
pub fn run(data: &[u8]) {
    let Some((&first, json)) = data.split_first() else {
        return;
    };
    let Ok(options) = serde_json::from_slice::<Value>(json) else {
        return;
    };
    let index = usize::from(first >> 1) % ANALYSES.len();
    let camel = first & 1 == 1;
    if let Err(e) = run_analysis(index, fixed_dataset(), options, camel) {
        assert_eq!(
            e.code(),
            "INVALID_CONFIG",
            "{}: options refused with another code: {e}",
            ANALYSES[index]
        );
    }
}
