use super::*;
use crate::{Channel, Event};
use chrono::{Datelike, Utc};

fn ev(id: &str, day: &str, kind: EventKind) -> Event {
    Event::new(id, Timestamp::parse(day).unwrap(), Channel::Web, kind)
}

/// Weeks W0 = 2026-03-02, W1, W2 (no events at all), W3.
fn journey() -> Dataset {
    Dataset::from_events(vec![
        ev("ana", "2026-03-02T10:00:00Z", EventKind::PageView),
        ev("ben", "2026-03-03T10:00:00Z", EventKind::Impression),
        ev("ana", "2026-03-10T10:00:00Z", EventKind::Purchase),
        ev("ben", "2026-03-11T10:00:00Z", EventKind::EmailOpen),
        ev("ana", "2026-03-23T10:00:00Z", EventKind::Share),
    ])
    .unwrap()
}

#[test]
fn periods_match_the_calendar() {
    for day in -800..800i64 {
        let ts = day * DAY_MS + 3_600_000;
        let date = chrono::DateTime::<Utc>::from_timestamp_millis(ts)
            .unwrap()
            .date_naive();
        let week = Period::Week.start(Period::Week.index(ts));
        let wd = chrono::DateTime::<Utc>::from_timestamp_millis(week.0)
            .unwrap()
            .date_naive();
        assert_eq!(wd.weekday(), chrono::Weekday::Mon);
        assert!((0..7).contains(&(date - wd).num_days()));
        let month = chrono::DateTime::<Utc>::from_timestamp_millis(
            Period::Month.start(Period::Month.index(ts)).0,
        )
        .unwrap();
        assert_eq!(
            (month.year(), month.month(), month.day()),
            (date.year(), date.month(), 1)
        );
        assert_eq!(Period::Day.start(Period::Day.index(ts)).0, day * DAY_MS);
        assert_eq!(
            Period::Month.index(ts + DAY_MS) - Period::Month.index(ts),
            i64::from(date.day() == date.num_days_in_month() as u32)
        );
    }
}

#[test]
fn statuses_follow_growth_accounting() {
    let r = lifecycle(
        &journey(),
        &LifecycleOptions {
            per_customer: true,
            ..Default::default()
        },
    )
    .unwrap();
    let rows: Vec<_> = r
        .periods
        .iter()
        .map(|p| (p.new, p.returning, p.resurrecting, p.dormant))
        .collect();
    assert_eq!(
        rows,
        vec![(1, 0, 0, 0), (1, 1, 0, 0), (0, 0, 0, 2), (0, 0, 1, 0)]
    );
    assert_eq!(
        r.periods[2].period_start,
        Timestamp::parse("2026-03-16").unwrap()
    );
    assert_eq!(r.periods[2].quick_ratio, Some(0.0));
    assert_eq!(r.periods[3].active, 1);
    let people = r.per_customer.unwrap();
    assert_eq!(people[0].status, Some(LifecycleStatus::Resurrecting));
    assert_eq!(people[0].phase, Some(EngagementPhase::Advocacy));
    assert_eq!(people[0].stage, Some(Stage::Advocate));
    assert_eq!(people[1].status, Some(LifecycleStatus::Dormant));
    assert_eq!(people[1].phase, Some(EngagementPhase::FirstExperience));
    assert_eq!(
        people[1].first_active,
        Timestamp::parse("2026-03-11T10:00:00Z")
    );
}

#[test]
fn stage_transitions_and_distributions() {
    let r = lifecycle(&journey(), &LifecycleOptions::default()).unwrap();
    let moves: Vec<_> = r
        .stage_transitions
        .iter()
        .map(|t| (t.period_start.to_rfc3339(), t.from, t.to, t.customers))
        .collect();
    let w = |d: &str| format!("2026-03-{d}T00:00:00Z");
    let expected = vec![
        (w("02"), None, Stage::Discover, 1),
        (w("02"), None, Stage::Shop, 1),
        (w("09"), Some(Stage::Shop), Stage::Buy, 1),
        (w("23"), Some(Stage::Buy), Stage::Advocate, 1),
    ];
    assert_eq!(moves, expected);
    assert_eq!(r.stage_distribution[0].customers, 1);
    assert_eq!(r.stage_distribution[4].share, Some(50.0));
    assert_eq!(r.phase_distribution[3].customers, 1);
    assert_eq!(r.customers_without_phase, 0);
}

#[test]
fn phase_rules_are_configurable() {
    let data = Dataset::from_events(vec![
        ev("a", "2026-03-02T10:00:00Z", EventKind::Purchase),
        ev("a", "2026-03-02T11:00:00Z", EventKind::Purchase),
        ev("b", "2026-03-02T10:00:00Z", EventKind::PageView),
        ev("b", "2026-03-03T10:00:00Z", EventKind::PageView),
        ev("c", "2026-03-02T10:00:00Z", EventKind::Impression),
    ])
    .unwrap();
    let phases = |o: LifecycleOptions| {
        let r = lifecycle(
            &data,
            &LifecycleOptions {
                per_customer: true,
                ..o
            },
        )
        .unwrap();
        r.per_customer
            .unwrap()
            .into_iter()
            .map(|c| c.phase)
            .collect::<Vec<_>>()
    };
    use EngagementPhase::*;
    assert_eq!(
        phases(LifecycleOptions::default()),
        vec![Some(Loyalty), Some(Relationship), None]
    );
    let strict = LifecycleOptions {
        loyal_purchases: 3,
        relationship_days: 3,
        relationship_events: 2,
        ..Default::default()
    };
    assert_eq!(
        phases(strict),
        vec![Some(Relationship), Some(Relationship), None]
    );
    let all = LifecycleOptions {
        active_kinds: Some(vec!["impression".into(), "purchase".into()]),
        ..Default::default()
    };
    assert_eq!(
        phases(all),
        vec![Some(Loyalty), None, Some(FirstExperience)]
    );
}

#[test]
fn bad_options_and_empty_data() {
    let r = lifecycle(&Dataset::default(), &LifecycleOptions::default()).unwrap();
    assert!(r.periods.is_empty() && r.stage_transitions.is_empty());
    assert_eq!(r.stage_distribution[0].share, None);
    let bad = LifecycleOptions {
        active_kinds: Some(vec![" ".into()]),
        ..Default::default()
    };
    assert_eq!(
        lifecycle(&journey(), &bad).unwrap_err().field(),
        Some("active_kinds")
    );
    let mut map = BTreeMap::new();
    map.insert("share".to_string(), Some("famous".to_string()));
    let bad = LifecycleOptions {
        stage_map: Some(map),
        ..Default::default()
    };
    assert_eq!(
        lifecycle(&journey(), &bad).unwrap_err().field(),
        Some("stage_map.share")
    );
}

#[test]
fn options_read_from_json_with_defaults() {
    let o: LifecycleOptions =
        serde_json::from_str(r#"{"period": "month", "loyal_purchases": 3}"#).unwrap();
    assert_eq!(
        (o.period, o.loyal_purchases, o.relationship_days),
        (Period::Month, 3, 2)
    );
    assert!(serde_json::from_str::<LifecycleOptions>(r#"{"perod": "month"}"#).is_err());
}
