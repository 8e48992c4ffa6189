//! Tests of the engagement score.

use super::*;
use crate::Event;

const DAY: i64 = 86_400_000;
const T0: i64 = 1_772_409_600_000; // 2026-03-02

fn ev(id: &str, day: i64, ch: Channel, kind: EventKind) -> Event {
    Event::new(id, Timestamp(T0 + day * DAY), ch, kind)
}

#[test]
fn decay_halves_every_half_life_and_scale_is_the_median() {
    let data = Dataset::from_events(vec![
        ev("a", 0, Channel::Web, EventKind::Purchase), // 10 × 0.5^(60/30) = 2.5
        ev("a", 60, Channel::Web, EventKind::PageView), // 1
        ev("b", 30, Channel::Email, EventKind::Click), // 2 × 0.5 = 1
        ev("c", 60, Channel::Web, EventKind::Impression), // 0.2
        ev("d", 60, Channel::Web, EventKind::Refund),  // 0
    ])
    .unwrap();
    let r = engagement_score(&data, &EngagementScoreOptions::default()).unwrap();
    let rows = r.per_customer.unwrap();
    let raw: Vec<f64> = rows.iter().map(|c| c.raw).collect();
    assert!(
        (raw[0] - 3.5).abs() < 1e-12
            && (raw[1] - 1.0).abs() < 1e-12
            && (raw[2] - 0.2).abs() < 1e-12
    );
    assert_eq!(raw[3], 0.0);
    assert_eq!(r.scale, Some(1.0)); // median of 3.5, 1, 0.2
    assert!((rows[1].score - 100.0 * (1.0 - (-1f64).exp())).abs() < 1e-9);
    assert_eq!(rows[3].score, 0.0);
    assert_eq!(
        (
            rows[0].band.as_str(),
            rows[1].band.as_str(),
            rows[2].band.as_str()
        ),
        ("green", "yellow", "red")
    );
    // Previous score as of day 30: a has the purchase at 10 × 0.5 = 5; b's click is at day 30.
    assert!((rows[0].previous_score - 100.0 * (1.0 - (-5f64).exp())).abs() < 1e-9);
    assert_eq!(rows[0].trend, Trend::Down);
    assert!((rows[1].previous_score - 100.0 * (1.0 - (-2f64).exp())).abs() < 1e-9);
    assert_eq!(rows[2].previous_score, 0.0);
    assert_eq!(rows[2].trend, Trend::Up);
    assert_eq!(rows[3].trend, Trend::Flat);
    assert_eq!(r.trend_counts["down"], 2);
    assert_eq!(
        r.bands.iter().map(|b| b.customers).collect::<Vec<_>>(),
        vec![2, 1, 1]
    );
    assert_eq!(
        r.distribution.median,
        Some((rows[1].score + rows[2].score) / 2.0)
    );
}

#[test]
fn weights_channels_as_of_and_fixed_scale() {
    let data = Dataset::from_events(vec![
        ev("a", 0, Channel::Store, EventKind::Purchase),
        ev("a", 10, Channel::Web, EventKind::Purchase),
        ev("b", 0, Channel::Web, EventKind::Custom("webinar".into())),
    ])
    .unwrap();
    let o = EngagementScoreOptions {
        weights: [("order".to_string(), 4.0)].into(),
        channel_weights: [("in_store".to_string(), 0.5)].into(),
        other_weight: 3.0,
        half_life_seconds: 1e11,
        as_of: Some(Timestamp(T0 + 5 * DAY)),
        scale: Some(2.0),
        trend_seconds: 0.0,
        ..Default::default()
    };
    let rows = engagement_score(&data, &o).unwrap().per_customer.unwrap();
    assert!((rows[0].raw - 2.0).abs() < 1e-4); // (a half-life of ~3,000 years: almost no decay) later purchase is after as_of
    assert!((rows[1].raw - 3.0).abs() < 1e-4);
    assert_eq!(rows[0].trend, Trend::Flat);
}

#[test]
fn bad_options_name_the_option() {
    let data = Dataset::from_events(vec![ev("a", 0, Channel::Web, EventKind::Click)]).unwrap();
    let field = |o: EngagementScoreOptions| {
        engagement_score(&data, &o)
            .unwrap_err()
            .field()
            .map(str::to_string)
    };
    assert_eq!(
        field(EngagementScoreOptions {
            half_life_seconds: 0.0,
            ..Default::default()
        })
        .as_deref(),
        Some("half_life_seconds")
    );
    assert_eq!(
        field(EngagementScoreOptions {
            scale: Some(-1.0),
            ..Default::default()
        })
        .as_deref(),
        Some("scale")
    );
    assert_eq!(
        field(EngagementScoreOptions {
            weights: [("click".into(), -1.0)].into(),
            ..Default::default()
        })
        .as_deref(),
        Some("weights.click")
    );
    let bands = vec![
        HealthBand {
            label: "a".into(),
            min: 50.0,
        },
        HealthBand {
            label: "b".into(),
            min: 10.0,
        },
    ];
    assert_eq!(
        field(EngagementScoreOptions {
            bands,
            ..Default::default()
        })
        .as_deref(),
        Some("bands")
    );
    assert_eq!(
        field(EngagementScoreOptions {
            bands: vec![],
            ..Default::default()
        })
        .as_deref(),
        Some("bands")
    );
}

#[test]
fn no_events_means_no_scale_and_zero_scores() {
    let r = engagement_score(&Dataset::default(), &EngagementScoreOptions::default()).unwrap();
    assert_eq!(
        (r.customers, r.scale, r.as_of, r.distribution.mean),
        (0, None, None, None)
    );
    assert_eq!(r.bands[0].share, None);
}
