use super::*;
use crate::{Channel, Customer, DatasetBuilder, Event, EventKind, RecordRef, Timestamp};
use proptest::prelude::*;
use serde_json::json;

/// Monday 2026-03-02T00:00:00Z.
const T0: i64 = 1_772_409_600_000;

fn event(c: &str, seconds: f64, channel: &str, kind: &str) -> Event {
    let ts = Timestamp(T0 + (seconds * 1000.0).round() as i64);
    Event::new(
        c,
        ts,
        Channel::parse(channel).unwrap(),
        EventKind::parse(kind).unwrap(),
    )
}

fn data(events: &[(&str, f64, &str, &str)]) -> Dataset {
    Dataset::from_events(events.iter().map(|&(c, s, ch, k)| event(c, s, ch, k))).unwrap()
}

fn run(events: &[(&str, f64, &str, &str)], options: serde_json::Value) -> FunnelReport {
    let options: FunnelOptions = serde_json::from_value(options).unwrap();
    funnel(&data(events), &options).unwrap()
}

fn counts(r: &FunnelReport) -> Vec<u64> {
    r.steps.iter().map(|s| s.customers).collect()
}

fn config_error(events: &[(&str, f64, &str, &str)], options: serde_json::Value) -> String {
    let options: FunnelOptions = serde_json::from_value(options).unwrap();
    match funnel(&data(events), &options) {
        Err(TouchpointError::InvalidConfig { option, .. }) => option,
        other => panic!("expected a config error, got {other:?}"),
    }
}

use crate::TouchpointError;

#[test]
fn ordered_counts_conversion_and_times() {
    let r = run(
        &[
            ("a", 0.0, "web", "page_view"),
            ("a", 60.0, "web", "add_to_cart"),
            ("a", 180.0, "web", "purchase"),
            ("b", 0.0, "app", "page_view"),
            ("b", 120.0, "app", "add_to_cart"),
            ("c", 0.0, "web", "add_to_cart"),
        ],
        json!({"steps": ["page_view", "add_to_cart", "purchase"]}),
    );
    assert_eq!(counts(&r), [2, 2, 1]);
    assert_eq!(
        (r.entered, r.converted, r.conversion_rate),
        (2, 1, Some(50.0))
    );
    let s = &r.steps;
    assert_eq!(s[0].conversion_from_previous, None);
    assert_eq!(s[0].median_seconds_from_first, None);
    assert_eq!(s[1].median_seconds_from_previous, Some(90.0));
    assert_eq!(s[1].mean_seconds_from_previous, Some(90.0));
    assert_eq!((s[2].drop_off, s[2].drop_off_rate), (1, Some(50.0)));
    assert_eq!(s[2].median_seconds_from_previous, Some(120.0));
    assert_eq!(s[2].median_seconds_from_first, Some(180.0));
    assert_eq!(s[2].conversion_from_first, Some(50.0));
}

#[test]
fn equal_timestamps_follow_input_order() {
    let in_order = run(
        &[
            ("a", 5.0, "web", "page_view"),
            ("a", 5.0, "web", "purchase"),
        ],
        json!({"steps": ["page_view", "purchase"]}),
    );
    assert_eq!(counts(&in_order), [1, 1]);
    let reversed = run(
        &[
            ("a", 5.0, "web", "purchase"),
            ("a", 5.0, "web", "page_view"),
        ],
        json!({"steps": ["page_view", "purchase"]}),
    );
    assert_eq!(counts(&reversed), [1, 0]);
}

#[test]
fn revisited_steps_count_once_with_the_attempt_that_got_furthest_first() {
    let ev = [
        ("a", 0.0, "web", "page_view"),
        ("a", 10.0, "web", "add_to_cart"),
        ("a", 20.0, "web", "page_view"),
        ("a", 30.0, "web", "add_to_cart"),
        ("a", 40.0, "web", "purchase"),
    ];
    let r = run(
        &ev,
        json!({"steps": ["page_view", "add_to_cart", "purchase"]}),
    );
    assert_eq!(counts(&r), [1, 1, 1]);
    // The attempt that reached `purchase` started at the second page view.
    assert_eq!(r.steps[2].median_seconds_from_first, Some(20.0));
    assert_eq!(r.steps[1].median_seconds_from_previous, Some(10.0));
}

#[test]
fn window_boundary_is_inclusive() {
    let steps = json!({"steps": ["page_view", "purchase"], "window_seconds": 3600});
    let exact = run(
        &[
            ("a", 0.0, "web", "page_view"),
            ("a", 3600.0, "web", "purchase"),
        ],
        steps.clone(),
    );
    assert_eq!(counts(&exact), [1, 1]);
    let late = run(
        &[
            ("a", 0.0, "web", "page_view"),
            ("a", 3600.001, "web", "purchase"),
        ],
        steps,
    );
    assert_eq!(counts(&late), [1, 0]);
}

#[test]
fn per_step_window_is_measured_from_the_previous_step() {
    let options =
        json!({"steps": ["page_view", "add_to_cart", {"kind": "purchase", "within_seconds": 60}]});
    let ev = [
        ("a", 0.0, "web", "page_view"),
        ("a", 10.0, "web", "add_to_cart"),
        ("a", 100.0, "web", "add_to_cart"),
        ("a", 150.0, "web", "purchase"), // 50 s after the second cart: counts
        ("b", 0.0, "web", "page_view"),
        ("b", 10.0, "web", "add_to_cart"),
        ("b", 71.0, "web", "purchase"), // 61 s: too late
    ];
    assert_eq!(counts(&run(&ev, options)), [2, 2, 1]);
}

#[test]
fn exclusion_removes_the_customer() {
    let options = json!({
        "steps": ["page_view", "add_to_cart", "purchase"],
        "exclusions": [{"kind": "ticket_opened", "between": [0, 1]}]
    });
    let ev = [
        ("a", 0.0, "web", "page_view"),
        ("a", 5.0, "support", "ticket_opened"),
        ("a", 10.0, "web", "add_to_cart"),
        ("b", 0.0, "web", "page_view"),
        ("b", 10.0, "web", "add_to_cart"),
        ("b", 15.0, "support", "ticket_opened"), // after step 1: outside [0, 1]
        ("b", 20.0, "web", "purchase"),
        ("c", 0.0, "web", "page_view"),
        ("c", 5.0, "support", "ticket_opened"),
        ("c", 100.0, "web", "page_view"), // a clean later attempt
        ("c", 110.0, "web", "add_to_cart"),
    ];
    let r = run(&ev, options);
    assert_eq!(r.excluded, 1);
    assert_eq!(counts(&r), [2, 2, 1]);
}

#[test]
fn optional_step_is_counted_but_never_a_drop_off() {
    let options =
        json!({"steps": ["page_view", {"kind": "add_to_cart", "optional": true}, "purchase"]});
    let ev = [
        ("a", 0.0, "web", "page_view"),
        ("a", 10.0, "web", "add_to_cart"),
        ("a", 20.0, "web", "purchase"),
        ("b", 0.0, "web", "page_view"),
        ("b", 30.0, "web", "purchase"),
        ("c", 0.0, "web", "page_view"),
        ("c", 5.0, "web", "add_to_cart"),
    ];
    let r = run(&ev, options);
    assert_eq!(counts(&r), [3, 2, 2]);
    assert_eq!((r.steps[1].drop_off, r.steps[1].optional), (0, true));
    assert_eq!(r.steps[2].drop_off, 1);
    assert_eq!(
        r.steps[2]
            .conversion_from_previous
            .map(|p| (p * 100.0).round()),
        Some(6667.0)
    );
    assert_eq!(r.steps[2].median_seconds_from_previous, Some(25.0));
    assert_eq!(r.steps[1].median_seconds_from_previous, Some(7.5));
    assert_eq!(r.converted, 2);
}

#[test]
fn strict_needs_consecutive_events() {
    let ev = [
        ("a", 0.0, "web", "page_view"),
        ("a", 1.0, "email", "email_open"),
        ("a", 2.0, "web", "purchase"),
        ("b", 0.0, "web", "page_view"),
        ("b", 1.0, "web", "purchase"),
    ];
    let ordered = run(&ev, json!({"steps": ["page_view", "purchase"]}));
    assert_eq!(counts(&ordered), [2, 2]);
    let strict = run(
        &ev,
        json!({"steps": ["page_view", "purchase"], "order": "strict"}),
    );
    assert_eq!(counts(&strict), [2, 1]);
    // An optional step's events may sit between two steps of a strict funnel.
    let with_optional = run(
        &ev,
        json!({"steps": ["page_view", {"kind": "email_open", "optional": true}, "purchase"], "order": "strict"}),
    );
    assert_eq!(counts(&with_optional), [2, 1, 2]);
}

#[test]
fn any_order_counts_steps_done_in_any_order() {
    let ev = [
        ("a", 0.0, "web", "purchase"),
        ("a", 5.0, "web", "page_view"),
        ("b", 0.0, "web", "page_view"),
        ("c", 0.0, "web", "add_to_cart"),
        ("c", 10.0, "web", "page_view"),
        ("c", 20.0, "web", "purchase"),
    ];
    let r = run(
        &ev,
        json!({"steps": ["page_view", "add_to_cart", "purchase"], "order": "any_order"}),
    );
    assert_eq!(counts(&r), [3, 2, 1]);
    assert_eq!(r.steps[2].median_seconds_from_first, Some(20.0));
    assert_eq!(r.steps[1].median_seconds_from_previous, Some(7.5));
}

#[test]
fn breakdown_by_touch_channel_and_by_trait() {
    let ev = [
        ("a", 0.0, "email", "page_view"),
        ("a", 10.0, "web", "purchase"),
        ("b", 0.0, "web", "page_view"),
        ("c", 0.0, "email", "page_view"),
    ];
    let first = run(
        &ev,
        json!({"steps": ["page_view", "purchase"], "breakdown": "channel"}),
    );
    let groups: Vec<_> = first
        .breakdown
        .iter()
        .map(|g| (g.value.as_str(), g.entered, g.converted))
        .collect();
    assert_eq!(groups, [("email", 2, 1), ("web", 1, 0)]);
    let last = run(
        &ev,
        json!({"steps": ["page_view", "purchase"], "breakdown": "channel", "attribution": "last_touch"}),
    );
    let groups: Vec<_> = last
        .breakdown
        .iter()
        .map(|g| (g.value.as_str(), g.entered, g.converted))
        .collect();
    assert_eq!(groups, [("web", 2, 1), ("email", 1, 0)]);

    let mut b = DatasetBuilder::new();
    for (i, &(c, s, ch, k)) in ev.iter().enumerate() {
        b.push_event(event(c, s, ch, k), RecordRef::Record(i as u64 + 1))
            .unwrap();
    }
    let mut traits = crate::Properties::new();
    traits.insert("plan".into(), json!("pro"));
    b.add_customer(Customer {
        id: "a".into(),
        traits: traits.clone(),
    });
    b.add_customer(Customer {
        id: "b".into(),
        traits,
    });
    let options: FunnelOptions = serde_json::from_value(
        json!({"steps": ["page_view", "purchase"], "breakdown": {"trait": "plan"}}),
    )
    .unwrap();
    let r = funnel(&b.finish(), &options).unwrap();
    let groups: Vec<_> = r
        .breakdown
        .iter()
        .map(|g| (g.value.as_str(), g.entered, g.converted))
        .collect();
    assert_eq!(groups, [("pro", 2, 1), ("(none)", 1, 0)]);
}

#[test]
fn channel_filter_and_unknown_kinds() {
    let ev = [
        ("a", 0.0, "email", "page_view"),
        ("a", 10.0, "web", "purchase"),
        ("b", 0.0, "web", "page_view"),
    ];
    let r = run(
        &ev,
        json!({"steps": [{"kind": "page_view", "channel": "email"}, "purchase"]}),
    );
    assert_eq!(counts(&r), [1, 1]);
    let r = run(&ev, json!({"steps": ["page_view", "never_happens"]}));
    assert_eq!((counts(&r), r.conversion_rate), (vec![2, 0], Some(0.0)));
    let r = run(&ev, json!({"steps": ["never_happens", "page_view"]}));
    assert_eq!((r.entered, r.conversion_rate), (0, None));
    assert!(r
        .steps
        .iter()
        .all(|s| s.conversion_from_first.is_none() && s.mean_seconds_from_first.is_none()));
}

#[test]
fn options_are_checked() {
    let ev = [("a", 0.0, "web", "page_view")];
    assert_eq!(config_error(&ev, json!({"steps": []})), "steps");
    assert_eq!(
        config_error(&ev, json!({"steps": ["a", "b"], "window_seconds": -1})),
        "window_seconds"
    );
    assert_eq!(
        config_error(
            &ev,
            json!({"steps": [{"kind": "a", "within_seconds": 5}, "b"]})
        ),
        "steps[0].within_seconds"
    );
    assert_eq!(
        config_error(
            &ev,
            json!({"steps": ["a", {"kind": "b", "within_seconds": -5}]})
        ),
        "steps[1].within_seconds"
    );
    assert_eq!(
        config_error(
            &ev,
            json!({"steps": [{"kind": "a", "optional": true}, "b"]})
        ),
        "steps[0].optional"
    );
    assert_eq!(
        config_error(
            &ev,
            json!({"steps": ["a", {"kind": "b", "optional": true}], "order": "any_order"})
        ),
        "steps[1].optional"
    );
    assert_eq!(
        config_error(&ev, json!({"steps": ["a", " "]})),
        "steps[1].kind"
    );
    assert_eq!(
        config_error(
            &ev,
            json!({"steps": ["a", "b"], "exclusions": [{"kind": "x", "between": [1, 1]}]})
        ),
        "exclusions[0].between"
    );
    assert_eq!(
        config_error(
            &ev,
            json!({"steps": ["a", "b"], "exclusions": [{"kind": "b"}]})
        ),
        "exclusions[0].kind"
    );
    assert_eq!(
        config_error(
            &ev,
            json!({"steps": ["a", {"kind": "b", "optional": true}, "c"], "exclusions": [{"kind": "x", "between": [1, 2]}]})
        ),
        "exclusions[0].between"
    );
    // Without `between`, an exclusion spans step 0 to the last non-optional step.
    let trailing: FunnelOptions = serde_json::from_value(json!({"steps": ["a", "b", {"kind": "c", "optional": true}], "exclusions": [{"kind": "x"}]})).unwrap();
    assert!(funnel(&data(&ev), &trailing).is_ok());
    let unknown =
        crate::options_from_value::<FunnelOptions>(json!({"steps": ["a"], "windw_seconds": 5}))
            .unwrap_err();
    assert_eq!(unknown.code(), "INVALID_CONFIG");
    let bad_step = crate::options_from_value::<FunnelOptions>(
        json!({"steps": ["a", {"kind": "b", "optinal": true}]}),
    )
    .unwrap_err();
    assert_eq!(bad_step.field(), Some("steps[1].optinal"));
}

/// The furthest level any attempt can reach, by trying every combination of events.
fn brute_level(
    events: &[(i64, u8)],
    steps: &[u8],
    within: &[Option<i64>],
    window: i64,
    strict: bool,
) -> Option<usize> {
    fn go(
        ev: &[(i64, u8)],
        steps: &[u8],
        within: &[Option<i64>],
        window: i64,
        strict: bool,
        at: (usize, usize, i64, i64),
    ) -> usize {
        let (level, row, start, prev) = at;
        let next = level + 1;
        if next == steps.len() {
            return level;
        }
        let end = if strict {
            (row + 2).min(ev.len())
        } else {
            ev.len()
        };
        let mut best = level;
        for (r, &(t, k)) in ev.iter().enumerate().take(end).skip(row + 1) {
            if k == steps[next] && t - start <= window && within[next].is_none_or(|w| t - prev <= w)
            {
                best = best.max(go(ev, steps, within, window, strict, (next, r, start, t)));
            }
        }
        best
    }
    let mut best = None;
    for (r, &(t, k)) in events.iter().enumerate() {
        if k == steps[0] {
            best = best.max(Some(go(
                events,
                steps,
                within,
                window,
                strict,
                (0, r, t, t),
            )));
        }
    }
    best
}

/// Any order: the most steps one attempt fills, trying every start (greedy fill, as documented).
fn brute_any_order(events: &[(i64, u8)], steps: &[u8], window: i64) -> Option<usize> {
    let mut best = None;
    for (s, &(t0, k0)) in events.iter().enumerate() {
        if !steps.contains(&k0) {
            continue;
        }
        let mut done = vec![false; steps.len()];
        let mut filled = 0;
        for &(_, k) in events[s..].iter().take_while(|e| e.0 - t0 <= window) {
            if let Some(i) = (0..steps.len()).find(|&i| !done[i] && steps[i] == k) {
                done[i] = true;
                filled += 1;
            }
        }
        best = best.max(Some(filled - 1));
    }
    best
}

const KINDS: [&str; 3] = ["page_view", "add_to_cart", "purchase"];

proptest! {
    #[test]
    fn ordered_and_strict_match_an_exhaustive_search(
        customers in prop::collection::vec(prop::collection::vec((0i64..20, 0u8..3), 0..8), 1..5),
        steps in prop::collection::vec((0u8..3, prop::option::of(1i64..8)), 2..5),
        window in 1i64..15,
        strict in any::<bool>(),
    ) {
        let mut events = Vec::new();
        for (c, evs) in customers.iter().enumerate() {
            for &(s, k) in evs {
                events.push((format!("c{c}"), s, k));
            }
        }
        let dataset = Dataset::from_events(events.iter().map(|(c, s, k)| {
            Event::new(c.as_str(), Timestamp(s * 1000), Channel::Web, EventKind::parse(KINDS[*k as usize]).unwrap())
        })).unwrap();
        let mut options = FunnelOptions::new(steps.iter().map(|&(k, _)| KINDS[k as usize]));
        options.window_seconds = window as f64;
        options.order = if strict { FunnelOrder::Strict } else { FunnelOrder::Ordered };
        for (i, &(_, w)) in steps.iter().enumerate().skip(1) {
            options.steps[i].within_seconds = w.map(|w| w as f64);
        }
        let report = funnel(&dataset, &options).unwrap();
        let kinds: Vec<u8> = steps.iter().map(|s| s.0).collect();
        let within: Vec<Option<i64>> = options.steps.iter().map(|s| s.within_seconds.map(|w| w as i64 * 1000)).collect();
        let mut expected = vec![0u64; steps.len()];
        for evs in &customers {
            let mut sorted: Vec<(i64, u8)> = evs.iter().map(|&(s, k)| (s * 1000, k)).collect();
            sorted.sort_by_key(|e| e.0);
            if let Some(level) = brute_level(&sorted, &kinds, &within, window * 1000, strict) {
                for e in expected.iter_mut().take(level + 1) {
                    *e += 1;
                }
            }
        }
        prop_assert_eq!(counts(&report), expected);
    }

    #[test]
    fn counts_never_grow_and_optional_steps_change_nothing_else(
        customers in prop::collection::vec(prop::collection::vec((0i64..30, 0u8..3), 0..10), 1..5),
        steps in prop::collection::vec(0u8..3, 2..5),
        order in 0u8..3,
    ) {
        let dataset = Dataset::from_events(customers.iter().enumerate().flat_map(|(c, evs)| {
            evs.iter().map(move |&(s, k)| Event::new(format!("c{c}"), Timestamp(s * 1000), Channel::Web, EventKind::parse(KINDS[k as usize]).unwrap()))
        })).unwrap();
        let mut options = FunnelOptions::new(steps.iter().map(|&k| KINDS[k as usize]));
        options.window_seconds = 10.0;
        options.order = [FunnelOrder::Ordered, FunnelOrder::Strict, FunnelOrder::AnyOrder][order as usize];
        let base = funnel(&dataset, &options).unwrap();
        prop_assert!(base.steps.windows(2).all(|w| w[0].customers >= w[1].customers));
        prop_assert!(base.entered <= customers.len() as u64);
        if options.order == FunnelOrder::Ordered {
            options.steps.insert(1, FunnelStep { optional: true, ..FunnelStep::new("email_open") });
            options.steps.insert(2, FunnelStep { optional: true, ..FunnelStep::new(KINDS[steps[0] as usize]) });
            let with = funnel(&dataset, &options).unwrap();
            let required: Vec<u64> = with.steps.iter().filter(|s| !s.optional).map(|s| s.customers).collect();
            prop_assert_eq!(required, counts(&base));
            prop_assert_eq!(with.steps[1].customers, 0);
        }
    }

    #[test]
    fn any_order_matches_an_exhaustive_search(
        customers in prop::collection::vec(prop::collection::vec((0i64..20, 0u8..4), 0..10), 1..5),
        steps in prop::collection::vec(0u8..4, 2..5),
        window in 1i64..15,
    ) {
        let kinds = ["page_view", "add_to_cart", "purchase", "email_open"];
        let dataset = Dataset::from_events(customers.iter().enumerate().flat_map(|(c, evs)| {
            evs.iter().map(move |&(s, k)| Event::new(format!("c{c}"), Timestamp(s * 1000), Channel::Web, EventKind::parse(kinds[k as usize]).unwrap()))
        })).unwrap();
        let mut options = FunnelOptions::new(steps.iter().map(|&k| kinds[k as usize]));
        options.window_seconds = window as f64;
        options.order = FunnelOrder::AnyOrder;
        let report = funnel(&dataset, &options).unwrap();
        let mut expected = vec![0u64; steps.len()];
        for evs in &customers {
            let mut sorted: Vec<(i64, u8)> = evs.iter().map(|&(s, k)| (s * 1000, k)).collect();
            sorted.sort_by_key(|e| e.0);
            if let Some(level) = brute_any_order(&sorted, &steps, window * 1000) {
                for e in expected.iter_mut().take(level + 1) {
                    *e += 1;
                }
            }
        }
        prop_assert_eq!(counts(&report), expected);
    }

    #[test]
    fn exclusions_only_remove(
        customers in prop::collection::vec(prop::collection::vec((0i64..20, 0u8..4), 0..10), 1..5),
        steps in prop::collection::vec(0u8..3, 2..5),
        order in 0u8..3,
        from in 0usize..3,
    ) {
        let kinds = ["page_view", "add_to_cart", "purchase", "ticket_opened"];
        let dataset = Dataset::from_events(customers.iter().enumerate().flat_map(|(c, evs)| {
            evs.iter().map(move |&(s, k)| Event::new(format!("c{c}"), Timestamp(s * 1000), Channel::Web, EventKind::parse(kinds[k as usize]).unwrap()))
        })).unwrap();
        let mut options = FunnelOptions::new(steps.iter().map(|&k| kinds[k as usize]));
        options.window_seconds = 10.0;
        options.order = [FunnelOrder::Ordered, FunnelOrder::Strict, FunnelOrder::AnyOrder][order as usize];
        let without = funnel(&dataset, &options).unwrap();
        let from = from.min(steps.len() - 2);
        options.exclusions.push(FunnelExclusion { kind: "ticket_opened".into(), between: Some([from, steps.len() - 1]) });
        let with = funnel(&dataset, &options).unwrap();
        prop_assert_eq!(with.entered + with.excluded, without.entered);
        for (a, b) in with.steps.iter().zip(&without.steps) {
            prop_assert!(a.customers <= b.customers);
        }
    }
}
