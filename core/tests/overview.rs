//! The one-pass overview must give exactly what each analysis gives on its own.

use serde_json::{json, Value};
use touchpoint::ingest::{read_segment, Mode};
use touchpoint::{options_from_value, StageMap};
use touchpoint::{overview, OverviewOptions};

fn sample() -> touchpoint::Dataset {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../data/sample-events.ndjson"
    ))
    .unwrap();
    read_segment(&text, Mode::Lenient).unwrap().dataset
}

fn v<T: serde::Serialize>(x: T) -> Value {
    serde_json::to_value(x).unwrap()
}

#[test]
fn overview_matches_each_analysis_alone() {
    let data = sample();
    let options: OverviewOptions = options_from_value(json!({
        "stage_map": {"survey_response": "own"},
        "funnel": {"steps": ["page_view", "add_to_cart", "purchase", "survey_response", "purchase"], "window_seconds": 2592000},
        "retention": {"period": "week", "periods": 6},
        "pain_points": {"min_evidence": 3},
        "pyramid": {"min_evidence": 1}
    }))
    .unwrap();
    let all = overview(&data, &options).unwrap();
    let stages = StageMap::with_overrides([("survey_response", Some("own"))]).unwrap();
    assert_eq!(v(&all.cx), v(touchpoint::cx_report(&data, &stages)));
    assert_eq!(
        v(&all.sessions),
        v(touchpoint::sessions(&data, &options.sessions).unwrap())
    );
    let mut lifecycle = options.lifecycle.clone();
    lifecycle.stage_map = Some(options.stage_map.clone());
    assert_eq!(
        v(&all.lifecycle),
        v(touchpoint::lifecycle(&data, &lifecycle).unwrap())
    );
    assert_eq!(
        v(&all.funnel),
        v(touchpoint::funnel(&data, options.funnel.as_ref().unwrap()).unwrap())
    );
    assert_eq!(
        v(&all.retention),
        v(touchpoint::retention(&data, &options.retention).unwrap())
    );
    assert_eq!(
        v(&all.rfm),
        v(touchpoint::rfm(&data, &options.rfm).unwrap())
    );
    assert_eq!(
        v(&all.journey),
        v(touchpoint::journey_map(&data, &options.journey).unwrap())
    );
    let mut pain = options.pain_points.clone();
    pain.stage_map = options.stage_map.clone();
    assert_eq!(
        v(&all.pain_points),
        v(touchpoint::pain_points(&data, &pain).unwrap())
    );
    assert_eq!(
        v(&all.pyramid),
        v(touchpoint::cx_pyramid(&data, &options.pyramid).unwrap())
    );
    // The sample has enough of everything for the reports to say something.
    assert!(all.funnel.as_ref().unwrap().steps[2].customers > 0);
    assert!(!all.pain_points.ranked.is_empty());
    assert!(all.rfm.scored > 0);
}

#[test]
fn overview_refuses_a_second_stage_map() {
    let options: OverviewOptions =
        options_from_value(json!({"lifecycle": {"stage_map": {"purchase": "buy"}}})).unwrap();
    let err = overview(&sample(), &options).unwrap_err();
    assert_eq!(err.code(), "INVALID_CONFIG");
    assert_eq!(err.field(), Some("lifecycle.stage_map"));
}
