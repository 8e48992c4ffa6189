use super::*;
use crate::{
    Channel, Customer, DatasetBuilder, Event, EventKind, Properties, RecordRef, SurveyMetric,
    DAY_MS,
};
use serde_json::json;

/// 2026-01-01T12:00:00Z plus `day` days.
fn at(day: i64) -> Timestamp {
    Timestamp(1_767_268_800_000 + day * DAY_MS)
}

fn buy(id: &str, day: i64, value: Option<f64>) -> Event {
    let e = Event::new(id, at(day), Channel::Web, EventKind::Purchase);
    match value {
        Some(v) => e.with_value(v),
        None => e,
    }
}

fn ev(id: &str, day: i64, kind: EventKind, channel: Channel) -> Event {
    Event::new(id, at(day), channel, kind)
}

/// The hand-checked RFM data of `docs/guide-segments.md` and `vectors/segments.json`.
fn rfm_data() -> Dataset {
    Dataset::from_events(vec![
        buy("ana", 0, Some(40.0)),
        buy("ana", 9, Some(60.0)),
        buy("ben", 5, Some(100.0)),
        buy("cara", 9, Some(10.0)),
        buy("dan", 1, None),
        buy("dan", 2, Some(20.0)),
        buy("dan", 3, Some(30.0)),
        ev("eve", 10, EventKind::PageView, Channel::Web),
        buy("fay", 8, Some(200.0)),
    ])
    .unwrap()
}

#[test]
fn quintiles_rank_with_ties_taking_the_lowest_score() {
    assert_eq!(quintile_scores(&[5.0, 4.0, 3.0, 2.0, 1.0]), [5, 4, 3, 2, 1]);
    let ten: Vec<f64> = (1..=10).map(f64::from).collect();
    assert_eq!(quintile_scores(&ten), [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    assert_eq!(quintile_scores(&[7.0, 7.0, 7.0]), [1, 1, 1]);
    assert_eq!(quintile_scores(&[1.0, 2.0]), [1, 3]);
    assert_eq!(quintile_scores(&[9.0]), [1]);
    assert!(quintile_scores(&[]).is_empty());
}

#[test]
fn rfm_hand_checked() {
    let r = rfm(
        &rfm_data(),
        &RfmOptions {
            list_not_scored: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(r.as_of, Some(at(10)));
    assert_eq!((r.scored, r.not_scored), (5, 1));
    assert_eq!(r.not_scored_ids.as_deref(), Some(&["eve".to_string()][..]));
    let rows = r.per_customer.unwrap();
    let got: Vec<(&str, u64, u64, f64, &str, &str)> = rows
        .iter()
        .map(|x| {
            (
                x.customer_id.as_str(),
                x.recency_days,
                x.frequency,
                x.monetary,
                x.rfm.as_str(),
                x.segment.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("ana", 1, 2, 100.0, "443", "champions"),
            ("ben", 5, 1, 100.0, "213", "hibernating"),
            ("cara", 1, 1, 10.0, "411", "promising"),
            ("dan", 7, 3, 50.0, "152", "cannot_lose_them"),
            ("fay", 2, 1, 200.0, "315", "about_to_sleep"),
        ]
    );
    assert_eq!(r.segments.len(), 11, "every rule, no `other`");
    let champions = &r.segments[0];
    assert_eq!(
        (
            champions.customers,
            champions.share,
            champions.mean_monetary
        ),
        (1, Some(20.0), Some(100.0))
    );
    let loyal = &r.segments[1];
    assert_eq!(
        (loyal.customers, loyal.share, loyal.mean_recency_days),
        (0, Some(0.0), None)
    );
}

#[test]
fn rfm_as_of_custom_segments_and_other() {
    let options = RfmOptions {
        as_of: Some(at(8)),
        segments: vec![
            RfmSegmentRule {
                name: "big".into(),
                r: [1, 5],
                f: [1, 5],
                m: [5, 5],
            },
            RfmSegmentRule::new("recent", [4, 5], [1, 5]),
        ],
        per_customer: false,
        ..Default::default()
    };
    let r = rfm(&rfm_data(), &options).unwrap();
    // At day 8: ana (day 0, 40), ben (day 5, 100), dan (days 1–3, 50), fay (day 8, 200).
    assert_eq!((r.scored, r.not_scored), (4, 2));
    assert!(r.per_customer.is_none() && r.not_scored_ids.is_none());
    let names: Vec<_> = r
        .segments
        .iter()
        .map(|s| (s.name.as_str(), s.customers))
        .collect();
    // R: ana 8 days → 1, dan 5 → 2, ben 3 → 3, fay 0 → 4. M: fay 200 → 4 (no M of 5 with 4 buyers).
    assert_eq!(names, [("big", 0), ("recent", 1), ("other", 3)]);
    assert_eq!(
        r.segments[2].mean_recency_days,
        Some((8.0 + 3.0 + 5.0) / 3.0)
    );
}

#[test]
fn default_rfm_table_covers_every_cell() {
    let table = RfmSegmentRule::default_table();
    let name = |r, f| {
        table
            .iter()
            .find(|x| x.matches(r, f, 3))
            .map(|x| x.name.as_str())
            .unwrap()
    };
    for r in 1..=5 {
        for f in 1..=5 {
            name(r, f);
        }
    }
    assert_eq!(name(5, 5), "champions");
    assert_eq!(name(3, 5), "loyal");
    assert_eq!(name(1, 5), "cannot_lose_them");
    assert_eq!(name(2, 5), "at_risk");
    assert_eq!(name(1, 1), "lost");
    assert_eq!(name(2, 1), "hibernating");
    assert_eq!(name(5, 1), "new_customers");
    assert_eq!(name(4, 1), "promising");
    assert_eq!(name(5, 3), "potential_loyalist");
    assert_eq!(name(3, 3), "need_attention");
    assert_eq!(name(3, 2), "about_to_sleep");
}

#[test]
fn rfm_options_are_checked() {
    let data = rfm_data();
    let bad = |segments| RfmOptions {
        segments,
        ..Default::default()
    };
    let e = rfm(&data, &bad(vec![RfmSegmentRule::new("x", [0, 5], [1, 5])])).unwrap_err();
    assert_eq!(e.field(), Some("segments.x.r"));
    let e = rfm(&data, &bad(vec![RfmSegmentRule::new("x", [1, 5], [4, 3])])).unwrap_err();
    assert_eq!(e.field(), Some("segments.x.f"));
    let e = rfm(
        &data,
        &bad(vec![RfmSegmentRule::new("other", [1, 5], [1, 5])]),
    )
    .unwrap_err();
    assert_eq!(e.field(), Some("segments.other"));
    let twice = vec![
        RfmSegmentRule::new("a", [1, 5], [1, 5]),
        RfmSegmentRule::new("a", [1, 5], [1, 5]),
    ];
    assert_eq!(
        rfm(&data, &bad(twice)).unwrap_err().field(),
        Some("segments.a")
    );
    let opts: RfmOptions =
        serde_json::from_value(json!({"segments": [{"name": "all", "f": [1, 5]}]})).unwrap();
    assert_eq!(opts.segments[0].m, [1, 5]);
    assert!(serde_json::from_value::<RfmOptions>(json!({"bogus": 1})).is_err());
    let empty = rfm(&Dataset::default(), &RfmOptions::default()).unwrap();
    assert_eq!(
        (empty.as_of, empty.scored, empty.segments[0].share),
        (None, 0, None)
    );
}

#[test]
fn tiers_count_a_closed_window() {
    let data = Dataset::from_events(vec![
        ev("ana", 0, EventKind::PageView, Channel::Web), // exactly 30 days before as_of: in
        ev("ana", 30, EventKind::Click, Channel::Web),
        ev("ben", -1, EventKind::PageView, Channel::Web), // 31 days: out
        ev("cara", 20, EventKind::Purchase, Channel::Web),
        ev("cara", 21, EventKind::Purchase, Channel::Web),
        ev("cara", 22, EventKind::Share, Channel::Social),
    ])
    .unwrap();
    let r = engagement_tiers(&data, &TierOptions::default()).unwrap();
    let rows: Vec<_> = r
        .per_customer
        .unwrap()
        .into_iter()
        .map(|c| (c.customer_id, c.events, c.tier))
        .collect();
    assert_eq!(rows[0], ("ana".into(), 2, "casual".into()));
    assert_eq!(rows[1], ("ben".into(), 0, "inactive".into()));
    assert_eq!(rows[2], ("cara".into(), 3, "engaged".into()));
    let counts: Vec<_> = r
        .tiers
        .iter()
        .map(|t| (t.name.as_str(), t.max_events, t.customers))
        .collect();
    assert_eq!(
        counts,
        [
            ("inactive", Some(0), 1),
            ("casual", Some(2), 1),
            ("engaged", Some(9), 1),
            ("power", None, 0)
        ]
    );
    let only_buys = TierOptions {
        kinds: vec!["Order Completed".into()],
        tiers: vec![TierRule::new("buyer", 2), TierRule::new("none", 0)],
        window_days: 10.5,
        per_customer: false,
        ..Default::default()
    };
    let r = engagement_tiers(&data, &only_buys).unwrap();
    assert_eq!(
        (
            r.tiers[0].name.as_str(),
            r.tiers[0].customers,
            r.tiers[1].customers
        ),
        ("none", 2, 1)
    );
    assert_eq!(r.tiers[1].share, Some(100.0 / 3.0));
}

#[test]
fn tier_options_are_checked() {
    let data = Dataset::default();
    let with = |tiers| TierOptions {
        tiers,
        ..Default::default()
    };
    assert_eq!(
        engagement_tiers(&data, &with(vec![TierRule::new("a", 1)]))
            .unwrap_err()
            .field(),
        Some("tiers")
    );
    let same = vec![TierRule::new("a", 0), TierRule::new("b", 0)];
    assert_eq!(
        engagement_tiers(&data, &with(same)).unwrap_err().field(),
        Some("tiers.b.min_events")
    );
    let neg = TierOptions {
        window_days: -1.0,
        ..Default::default()
    };
    assert_eq!(
        engagement_tiers(&data, &neg).unwrap_err().field(),
        Some("window_days")
    );
    let r = engagement_tiers(&data, &TierOptions::default()).unwrap();
    assert_eq!(
        (r.as_of, r.tiers[0].customers, r.tiers[0].share),
        (None, 0, None)
    );
}

fn p(text: &str) -> Predicate {
    Predicate::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn parse_error(text: &str) -> String {
    match Predicate::parse(text).unwrap_err() {
        crate::TouchpointError::InvalidConfig { option, message } => {
            assert_eq!(option, "rule");
            message
        }
        other => panic!("{other}"),
    }
}

#[test]
fn precedence_not_and_or() {
    let (a, b, c) = (
        Predicate::Truthy(Field::named("a")),
        Predicate::Truthy(Field::named("b")),
        Predicate::Truthy(Field::named("c")),
    );
    assert_eq!(p("a or b and c"), a.clone().or(b.clone().and(c.clone())));
    assert_eq!(
        p("(a or b) and c"),
        Predicate::And(vec![a.clone().or(b.clone()), c.clone()])
    );
    assert_eq!(p("not a and b"), (!a.clone()).and(b.clone()));
    assert_eq!(
        p("NOT country IN ['RU', \"IT\"]"),
        !Predicate::is_in("country", ["RU", "IT"])
    );
    assert_eq!(p("country not in ['RU']"), p("not country in ['RU']"));
    assert_eq!(p("a or (b or c)"), Predicate::Or(vec![a, b, c]));
}

#[test]
fn text_form_round_trips() {
    for text in [
        r#"traits.plan == "pro" and (purchases >= 2 or revenue > 100) and not traits.country in ["RU", "IT"]"#,
        r#"exists(traits.email) or stage >= "own""#,
        r#"not (traits.a and traits.b) or traits.c != -2.5"#,
        r#"traits.name == "say \"hi\"\n\\" and 1000000 <= revenue"#,
        "true",
        "traits.address.city in []",
    ] {
        assert_eq!(p(text).to_string(), text);
        assert_eq!(p(&p(text).to_string()), p(text));
        let json = serde_json::to_value(p(text)).unwrap();
        assert_eq!(serde_json::from_value::<Predicate>(json).unwrap(), p(text));
    }
    assert_eq!(p("plan == 'pro'").to_string(), r#"traits.plan == "pro""#);
}

#[test]
fn parse_errors_name_the_column() {
    assert_eq!(parse_error(""), "column 1: the rule is empty");
    assert_eq!(
        parse_error("plan = 'pro'"),
        "column 6: `=` is not an operator; use `==`"
    );
    assert_eq!(
        parse_error("a or b and"),
        "column 11: expected a name or a value, found the end of the rule"
    );
    assert_eq!(
        parse_error("(a or b"),
        "column 8: expected `)` to close the `(` at column 1, found the end of the rule"
    );
    assert_eq!(
        parse_error("a b"),
        "column 3: expected `and`, `or` or the end of the rule, found `b`"
    );
    assert_eq!(parse_error("plan == 'pro"), "column 9: unterminated string");
    assert_eq!(
        parse_error("x in [1, y]"),
        "column 10: a list holds only strings, numbers, true or false"
    );
    assert_eq!(
        parse_error("purchases > 'two'"),
        "column 13: `purchases` is a number; \"two\" can never equal or order with it"
    );
    assert_eq!(
        parse_error("stage == 'bought'"),
        "column 10: \"bought\" is not a stage (discover, shop, buy, own or advocate)"
    );
    assert_eq!(
        parse_error("purchases and a"),
        "column 1: `purchases` is not true or false; compare it (for example `purchases > 0`)"
    );
    assert_eq!(
        parse_error("a && b"),
        "column 3: `&` is not an operator; use `and`"
    );
    assert_eq!(
        parse_error("3 > 2"),
        "column 3: a comparison needs a name on at least one side"
    );
    assert_eq!(
        parse_error("x == 12abc"),
        "column 8: unexpected `a` after a number"
    );
    assert_eq!(parse_error("a)"), "column 2: `)` without a matching `(`");
    let deep = format!("{}a{}", "(".repeat(100), ")".repeat(100));
    assert!(parse_error(&deep).contains("nested more than 64 levels deep"));
    let err = Predicate::parse_for("plan ==", "rules.pro.rule").unwrap_err();
    assert_eq!(err.field(), Some("rules.pro.rule"));
    assert!(serde_json::from_value::<Predicate>(json!("a ==")).is_err());
}

fn traits(v: serde_json::Value) -> Properties {
    v.as_object().unwrap().clone()
}

#[test]
fn evaluation_with_missing_values_and_types() {
    let t = traits(
        json!({"plan": "pro", "age": 41, "vip": true, "note": null, "tags": ["a"], "address": {"city": "Rome"}}),
    );
    let m = CustomerMetrics {
        events: 3,
        purchases: 2,
        revenue: 120.0,
        ..Default::default()
    };
    let yes = |text: &str| p(text).matches(&t, &m, None);
    assert!(yes(
        r#"plan == "pro" and (purchases >= 2 or revenue > 100) and not country in ["RU", "IT"]"#
    ));
    assert!(!yes("country == 'RU'") && !yes("country != 'RU'") && yes("not country == 'RU'"));
    assert!(
        !yes("plan == 3") && !yes("plan != 3"),
        "type mismatch is false"
    );
    assert!(yes("age in [40, 41]") && yes("age >= 41") && !yes("age < '50'"));
    assert!(yes("vip") && yes("vip == true") && !yes("plan") && !yes("vip > false"));
    assert!(
        !yes("exists(note)")
            && !yes("exists(country)")
            && yes("exists(tags)")
            && yes("exists(plan)")
    );
    assert!(!yes("tags == 'a'"), "arrays compare with nothing");
    assert!(
        yes("address.city == 'Rome'")
            && yes("traits.address.city == 'Rome'")
            && !yes("address.zip == 1")
    );
    assert!(yes("plan < 'zz'") && yes("'pro' == plan"));
    assert!(!yes("nps_last >= 0") && !yes("exists(stage)") && !yes("last_seen_days_ago >= 0"));
    assert!(
        yes("a or purchases == 2 and events == 3") && !yes("(a or purchases == 2) and events == 4")
    );
}

#[test]
fn metrics_accumulate_one_event_at_a_time() {
    let mut b = DatasetBuilder::new();
    b.add_customer(Customer {
        id: "ana".into(),
        traits: traits(json!({"purchases": 99})),
    });
    let events = [
        ev("ana", 0, EventKind::PageView, Channel::Web),
        buy("ana", 2, Some(30.0)),
        ev("ana", 3, EventKind::TicketOpened, Channel::Support),
        ev("ana", 4, EventKind::TicketResolved, Channel::Support),
        ev("ana", 4, EventKind::SurveyResponse, Channel::Email).with_survey(SurveyMetric::Nps, 6.0),
        ev("ana", 5, EventKind::SurveyResponse, Channel::Email).with_survey(SurveyMetric::Nps, 9.0),
        ev("ana", 6, EventKind::Referral, Channel::Social),
        buy("ana", 50, Some(1000.0)), // after as_of: ignored
    ];
    for (i, e) in events.into_iter().enumerate() {
        b.push_event(e, RecordRef::Record(i as u64 + 1)).unwrap();
    }
    let data = b.finish();
    let rule = |name: &str, text: &str| SegmentRule::new(name, text);
    let options = RuleSegmentOptions {
        rules: vec![
            rule(
                "counts",
                "events == 7 and purchases == 1 and revenue == 30 and traits.purchases == 99",
            ),
            rule(
                "days",
                "first_seen_days_ago == 10 and last_seen_days_ago == 4",
            ),
            rule(
                "surveys",
                "nps_last == 9 and not exists(csat_last) and not exists(ces_last)",
            ),
            rule(
                "service",
                "tickets_opened == 1 and tickets_resolved == 1 and referrals == 1",
            ),
            rule(
                "reach",
                "channels_used == 4 and stage == 'advocate' and stage > 'buy'",
            ),
        ],
        as_of: Some(Timestamp(at(10).0 + DAY_MS / 2)),
        include_members: true,
        ..Default::default()
    };
    let r = rule_segments(&data, &options).unwrap();
    for s in &r.segments {
        assert_eq!(s.customers, 1, "{}", s.name);
    }
    assert_eq!((r.customers, r.unmatched), (1, 0));
    assert_eq!(
        r.segments[4].rule,
        r#"channels_used == 4 and stage == "advocate" and stage > "buy""#
    );
}

#[test]
fn rule_segments_overlap_and_report_errors_by_rule() {
    let data = rfm_data();
    let options = RuleSegmentOptions {
        rules: vec![
            SegmentRule::new("buyers", "purchases >= 1"),
            SegmentRule::from_predicate(
                "big",
                &Predicate::gt("revenue", 60).and(!Predicate::eq("plan", "free")),
            ),
        ],
        ..Default::default()
    };
    let r = rule_segments(&data, &options).unwrap();
    assert_eq!(
        (
            r.customers,
            r.unmatched,
            r.segments[0].customers,
            r.segments[1].customers
        ),
        (6, 1, 5, 3)
    );
    assert_eq!(r.segments[1].share, Some(50.0));
    assert!(r.segments[0].members.is_none());
    let bad = RuleSegmentOptions {
        rules: vec![SegmentRule::new("vip", "revenue >> 2")],
        ..Default::default()
    };
    let e = rule_segments(&data, &bad).unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid option `rules.vip.rule`: column 10: expected a name or a value, found `>`"
    );
    let none = rule_segments(&Dataset::default(), &RuleSegmentOptions::default()).unwrap();
    assert_eq!(
        (none.customers, none.as_of, none.segments.len()),
        (0, None, 0)
    );
}

mod properties {
    use super::super::{quintile_scores, Predicate};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn quintiles_are_monotone_and_tie_consistent(values in prop::collection::vec(-5i32..20, 1..60)) {
            let xs: Vec<f64> = values.iter().map(|&v| f64::from(v)).collect();
            let s = quintile_scores(&xs);
            for i in 0..xs.len() {
                prop_assert!((1..=5).contains(&s[i]));
                for j in 0..xs.len() {
                    if xs[i] == xs[j] { prop_assert_eq!(s[i], s[j]); }
                    if xs[i] < xs[j] { prop_assert!(s[i] <= s[j]); }
                }
            }
        }

        #[test]
        fn parsing_never_panics_and_round_trips(text in "[a-c ()\\[\\],<>=!'\"0-9.-]{0,30}|(not |and |or |in |exists|a|b|==|>=|\\(|\\)|\\[|\\]|, |'x'|3| ){0,14}") {
            if let Ok(p) = Predicate::parse(&text) {
                let again = Predicate::parse(&p.to_string());
                prop_assert!(again.is_ok(), "{} -> {}", text, p);
                prop_assert_eq!(again.unwrap().to_string(), p.to_string());
            }
        }
    }
}
