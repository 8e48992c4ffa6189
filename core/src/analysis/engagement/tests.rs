use super::*;
use crate::{Channel, Customer, DatasetBuilder, Event, RecordRef};

fn ev(id: &str, at: &str, ch: Channel, kind: EventKind) -> Event {
    Event::new(id, Timestamp::parse(at).unwrap(), ch, kind)
}

/// Weeks W0 = 2026-03-02, W1 = 03-09, W2 = 03-16. cara only sees an ad (never active).
fn events() -> Vec<Event> {
    use Channel::*;
    use EventKind::*;
    vec![
        ev("ana", "2026-03-02T10:00:00Z", Ads, Impression),
        ev("ana", "2026-03-02T10:01:00Z", Ads, Click),
        ev("ana", "2026-03-02T10:05:00Z", Web, Purchase).with_value(20.0),
        ev("ana", "2026-03-03T08:00:00Z", Email, EmailOpen),
        ev("ana", "2026-03-10T09:00:00Z", Web, Purchase).with_value(30.0),
        ev("ana", "2026-03-10T09:05:00Z", Social, Share),
        ev("ben", "2026-03-02T11:00:00Z", Ads, Impression),
        ev(
            "ben",
            "2026-03-02T12:00:00Z",
            Email,
            EventKind::Custom("email_sent".into()),
        ),
        ev("ben", "2026-03-04T12:00:00Z", Email, EmailOpen),
        ev("ben", "2026-03-16T12:00:00Z", Web, Purchase).with_value(50.0),
        ev("ben", "2026-03-16T12:01:00Z", Social, Like),
        ev("ben", "2026-03-16T12:02:00Z", Social, Referral),
        ev("cara", "2026-03-09T12:00:00Z", Ads, Impression),
    ]
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn overall_metrics() {
    let r = engagement(
        &Dataset::from_events(events()).unwrap(),
        &EngagementOptions::default(),
    )
    .unwrap();
    let m = &r.overall;
    assert_eq!((m.events, m.interactions, m.active_customers), (13, 9, 2));
    assert!(close(m.click_through_rate, 100.0 / 3.0));
    assert_eq!(
        (m.emails_sent, m.email_opens, m.email_open_rate),
        (1, 2, Some(200.0))
    );
    assert_eq!((m.converted_customers, m.conversion_rate), (2, Some(100.0)));
    assert!(close(m.interaction_frequency, 1.8));
    assert_eq!(
        (m.retained_customers, m.previously_active_customers),
        (1, 3)
    );
    assert_eq!(
        (m.buyers, m.repeat_buyers, m.repeat_purchase_rate),
        (2, 1, Some(50.0))
    );
    assert_eq!((m.upsold_customers, m.upsell_rate), (1, Some(50.0)));
    assert_eq!(
        m.social,
        SocialCounts {
            likes: 1,
            shares: 1,
            comments: 0,
            mentions: 0,
            total: 2
        }
    );
    assert_eq!((m.referrals, m.referring_customers), (1, 1));
    let a = &r.active_users;
    assert_eq!((a.dau, a.wau, a.mau), (1, 1, 2));
    assert!(close(a.avg_dau, 5.0 / 15.0) && close(a.avg_wau, 4.0 / 3.0) && close(a.avg_mau, 2.0));
    assert!(close(a.stickiness, 100.0 / 6.0));
    assert_eq!(r.retention_period, Period::Week);
    assert!(r.by_group.is_none() && r.buckets.is_none());
}

#[test]
fn weekly_buckets_and_channels() {
    let o = EngagementOptions {
        bucket: Some(Period::Week),
        breakdown: Some(Breakdown::Channel),
        ..Default::default()
    };
    let r = engagement(&Dataset::from_events(events()).unwrap(), &o).unwrap();
    let b = r.buckets.unwrap();
    assert_eq!(b.len(), 3);
    assert_eq!(b[1].bucket_start, Timestamp::parse("2026-03-09").unwrap());
    let rows: Vec<_> = b
        .iter()
        .map(|b| {
            (
                b.metrics.events,
                b.metrics.active_customers,
                b.metrics.retained_customers,
            )
        })
        .collect();
    assert_eq!(rows, vec![(7, 2, 0), (3, 1, 1), (3, 1, 0)]);
    assert_eq!(b[0].metrics.retention_rate, None);
    assert_eq!(b[1].metrics.retention_rate, Some(50.0));
    assert_eq!(b[2].metrics.retention_rate, Some(0.0));
    assert_eq!(
        (
            b[0].metrics.click_through_rate,
            b[0].metrics.conversion_rate
        ),
        (Some(50.0), Some(50.0))
    );
    assert_eq!(b[1].metrics.upsold_customers, 0); // a bucket sees only its own purchases
    assert_eq!(b[2].by_group.as_ref().unwrap()["web"].buyers, 1);
    let g = r.by_group.unwrap();
    assert!(close(g["ads"].metrics.click_through_rate, 100.0 / 3.0));
    assert_eq!(g["ads"].metrics.active_customers, 1);
    assert_eq!(g["email"].metrics.email_open_rate, Some(200.0));
    assert_eq!(
        (
            g["web"].metrics.repeat_buyers,
            g["web"].metrics.upsold_customers
        ),
        (1, 1)
    );
    assert_eq!(g["web"].metrics.retention_rate, Some(50.0));
    assert_eq!(g["social"].metrics.referring_customers, 1);
    assert_eq!(
        (g["social"].active_users.dau, g["social"].active_users.mau),
        (1, 2)
    );
}

#[test]
fn trait_breakdown_and_custom_kinds() {
    let mut b = DatasetBuilder::new();
    b.add_customer(Customer {
        id: "ana".into(),
        traits: serde_json::json!({"plan": "gold"})
            .as_object()
            .unwrap()
            .clone(),
    });
    b.add_customer(Customer {
        id: "ben".into(),
        traits: serde_json::json!({"plan": 3}).as_object().unwrap().clone(),
    });
    for (i, e) in events().into_iter().enumerate() {
        b.push_event(e, RecordRef::Record(i as u64 + 1)).unwrap();
    }
    let data = b.finish();
    let o = EngagementOptions {
        breakdown: Some(Breakdown::Trait("plan".into())),
        conversion_kind: "share".into(),
        active_kinds: Some(vec!["purchase".into()]),
        ..Default::default()
    };
    let r = engagement(&data, &o).unwrap();
    let g = r.by_group.unwrap();
    assert_eq!(g.keys().collect::<Vec<_>>(), vec!["(none)", "3", "gold"]);
    assert_eq!(
        (
            g["gold"].metrics.interactions,
            g["gold"].metrics.converted_customers
        ),
        (3, 1)
    );
    assert_eq!(g["3"].metrics.conversion_rate, Some(0.0));
    assert_eq!(g["(none)"].metrics.active_customers, 0);
    assert_eq!(g["(none)"].metrics.conversion_rate, None);
    assert_eq!(r.overall.active_customers, 2);
}

#[test]
fn options_from_json_and_errors() {
    let o: EngagementOptions =
        serde_json::from_str(r#"{"breakdown": {"trait": "plan"}, "bucket": "month"}"#).unwrap();
    assert_eq!(
        (o.breakdown, o.bucket),
        (Some(Breakdown::Trait("plan".into())), Some(Period::Month))
    );
    let o: EngagementOptions = serde_json::from_str(r#"{"breakdown": "channel"}"#).unwrap();
    assert_eq!(o.breakdown, Some(Breakdown::Channel));
    assert!(serde_json::from_str::<EngagementOptions>(r#"{"bucket": "year"}"#).is_err());
    let data = Dataset::from_events(events()).unwrap();
    let bad = EngagementOptions {
        sent_kind: "".into(),
        ..Default::default()
    };
    assert!(engagement(&data, &bad).unwrap_err().field().is_some());
    let bad = EngagementOptions {
        conversion_kind: " ".into(),
        ..Default::default()
    };
    assert_eq!(
        engagement(&data, &bad).unwrap_err().field(),
        Some("conversion_kind")
    );
}

#[test]
fn empty_data_has_no_rates() {
    let o = EngagementOptions {
        bucket: Some(Period::Day),
        breakdown: Some(Breakdown::Channel),
        ..Default::default()
    };
    let r = engagement(&Dataset::default(), &o).unwrap();
    assert_eq!(r.overall.click_through_rate, None);
    assert_eq!(r.active_users.stickiness, None);
    assert!(r.buckets.unwrap().is_empty() && r.by_group.unwrap().is_empty());
}
