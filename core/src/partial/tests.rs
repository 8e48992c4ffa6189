//! Partial states: partitions of the customers, each its own dataset aligned to the run's
//! context, merged in any order and grouping, give the report one machine gives.

use super::*;
use crate::analysis::parallel_tests::{cases, event, generated_events, report};
use crate::{Dataset, Event, TouchpointError};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Splits `events` into partitions of whole customers, cut before the customers at `cuts`
/// (indexes in order of first sight); each partition's events keep their order. Returns
/// the partitions with their key ranges (the customers' first-sight indexes).
fn partitions(events: &[Event], cuts: &[usize]) -> Vec<(Vec<Event>, (u64, u64))> {
    let mut first_sight: Vec<&str> = Vec::new();
    let mut key = std::collections::HashMap::new();
    for e in events {
        key.entry(e.customer_id.as_str()).or_insert_with(|| {
            first_sight.push(e.customer_id.as_str());
            first_sight.len() - 1
        });
    }
    let part_of = |k: usize| cuts.iter().filter(|&&c| c <= k).count();
    let mut parts: Vec<(Vec<Event>, (u64, u64))> = Vec::new();
    for _ in 0..=cuts.len() {
        parts.push((Vec::new(), (u64::MAX, 0)));
    }
    for e in events {
        let k = key[e.customer_id.as_str()];
        let p = &mut parts[part_of(k)];
        p.0.push(e.clone());
        p.1 = (p.1 .0.min(k as u64), p.1 .1.max(k as u64));
    }
    parts.retain(|p| !p.0.is_empty());
    parts
}

/// The partitions' states of `analysis`, each through its bytes.
fn states(
    parts: &[(Vec<Event>, (u64, u64))],
    context: &PartitionContext,
    analysis: &str,
    options: &Value,
) -> Vec<PartialState> {
    parts
        .iter()
        .map(|(events, keys)| {
            let mut data = Dataset::from_events(events.clone()).unwrap();
            let s = PartialState::run(&mut data, analysis, options.clone(), context, *keys)
                .unwrap_or_else(|e| panic!("{analysis}: {e}"));
            PartialState::from_bytes(&s.to_bytes()).unwrap()
        })
        .collect()
}

/// The report as JSON text; an error (the purchase histories' refusal of a
/// `calibration_end` after the last purchase) as the error's JSON, as `report` writes it.
fn finished(state: PartialState) -> String {
    match state.finish() {
        Ok(r) => serde_json::to_string(&r).unwrap(),
        Err(e) => serde_json::to_string(&e).unwrap(),
    }
}

/// Merges `states` in a tree shaped by `shape`: each step merges a pair of neighbours (by
/// key) chosen by `shape`, in an order chosen by `shape`, through bytes.
fn merge_shuffled(mut states: Vec<PartialState>, shape: u64) -> PartialState {
    states.sort_by_key(|s| s.keys());
    let mut bits = shape;
    while states.len() > 1 {
        let i = (bits as usize) % (states.len() - 1);
        bits = bits.rotate_right(7) ^ 0x9e37_79b9;
        let b = states.remove(i + 1);
        let a = states.remove(i);
        let merged = if bits & 1 == 0 {
            a.merge(b)
        } else {
            b.merge(a)
        }
        .unwrap();
        states.insert(i, PartialState::from_bytes(&merged.to_bytes()).unwrap());
    }
    states.pop().unwrap()
}

#[test]
fn partitions_merged_in_any_order_equal_one_machine() {
    let events = generated_events(900, 5);
    let whole = Dataset::from_events(events.clone()).unwrap();
    let context = PartitionContext::of(&whole).unwrap();
    let parts = partitions(&events, &[1, 2, 150, 151, 400, 899]);
    for (analysis, options) in cases() {
        let single = report(&whole, analysis, &options);
        for shape in [0, 1, 0xdead_beef, u64::MAX] {
            let merged = merge_shuffled(states(&parts, &context, analysis, &options), shape);
            assert_eq!(
                finished(merged),
                single,
                "{analysis} {options}, shape {shape:x}"
            );
        }
        let all = PartialState::merge_all(
            states(&parts, &context, analysis, &options)
                .into_iter()
                .rev()
                .map(Ok),
        );
        assert_eq!(finished(all.unwrap()), single, "{analysis} merge_all");
    }
}

#[test]
fn merging_is_associative_and_commutative() {
    let events = generated_events(300, 9);
    let whole = Dataset::from_events(events.clone()).unwrap();
    let context = PartitionContext::of(&whole).unwrap();
    let parts = partitions(&events, &[100, 200]);
    for (analysis, options) in [cases()[3].clone(), cases().last().unwrap().clone()] {
        let [a, b, c]: [PartialState; 3] = states(&parts, &context, analysis, &options)
            .try_into()
            .unwrap();
        let left = a
            .clone()
            .merge(b.clone())
            .unwrap()
            .merge(c.clone())
            .unwrap();
        let right = a
            .clone()
            .merge(b.clone().merge(c.clone()).unwrap())
            .unwrap();
        let swapped = c.merge(b.merge(a).unwrap()).unwrap();
        let (l, r, s) = (finished(left), finished(right), finished(swapped));
        assert_eq!(l, r, "{analysis}: (a+b)+c vs a+(b+c)");
        assert_eq!(l, s, "{analysis}: (a+b)+c vs c+(b+a)");
    }
}

#[test]
fn states_that_cannot_merge_are_refused() {
    let events = generated_events(60, 3);
    let whole = Dataset::from_events(events.clone()).unwrap();
    let context = PartitionContext::of(&whole).unwrap();
    let parts = partitions(&events, &[30]);
    let rfm = states(&parts, &context, "rfm", &json!({}));
    let sessions = states(&parts, &context, "sessions", &json!({}));
    let other_options = states(&parts, &context, "rfm", &json!({"per_customer": false}));
    let field = |e: TouchpointError| (e.code(), e.field().map(str::to_string));
    let states_error = ("INVALID_CONFIG", Some("states".to_string()));
    assert_eq!(
        field(rfm[0].clone().merge(sessions[1].clone()).unwrap_err()),
        states_error
    );
    assert_eq!(
        field(rfm[0].clone().merge(other_options[1].clone()).unwrap_err()),
        states_error
    );
    // The same partition twice: overlapping keys.
    assert_eq!(
        field(rfm[0].clone().merge(rfm[0].clone()).unwrap_err()),
        states_error
    );
    // Not a state, another version, damaged.
    let bytes = rfm[0].to_bytes();
    for bad in [
        b"nope".to_vec(),
        [&bytes[..4], &2u32.to_le_bytes(), &bytes[8..]].concat(),
        bytes[..bytes.len() / 2].to_vec(),
    ] {
        assert_eq!(
            PartialState::from_bytes(&bad).unwrap_err().code(),
            "PARSE_ERROR"
        );
    }
    let mut data = Dataset::from_events(parts[0].0.clone()).unwrap();
    let e = PartialState::run(&mut data, "nope", json!({}), &context, (0, 1)).unwrap_err();
    assert_eq!(field(e), ("INVALID_CONFIG", Some("analysis".to_string())));
}

#[test]
fn a_partition_outside_the_context_is_refused() {
    let events = generated_events(20, 4);
    let whole = Dataset::from_events(events.clone()).unwrap();
    let mut context = PartitionContext::of(&whole).unwrap();
    context.channels.pop();
    let mut data = Dataset::from_events(events.clone()).unwrap();
    let e = PartialState::run(&mut data, "rfm", json!({}), &context, (0, 19)).unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        ("INVALID_CONFIG", Some("context.channels"))
    );
    let mut context = PartitionContext::of(&whole).unwrap();
    context.last_event.0 -= 1;
    let mut data = Dataset::from_events(events).unwrap();
    let e = PartialState::run(&mut data, "rfm", json!({}), &context, (0, 19)).unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        ("INVALID_CONFIG", Some("context.first_event"))
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Arbitrary event streams cut into arbitrary partitions of customers give one
    /// machine's report for every analysis, merged in an arbitrary order.
    #[test]
    fn any_partitioning_gives_one_machine(
        raw in prop::collection::vec((0u32..10, 0u32..60, 0u32..1440, 0usize..14, 0usize..5, 0u32..1000), 1..60),
        cuts in prop::collection::btree_set(1usize..10, 0..5),
        shape in any::<u64>(),
    ) {
        let events: Vec<Event> = raw.iter().map(|&(c, d, m, k, ch, x)| event(c, d, m, k, ch, x)).collect();
        let whole = Dataset::from_events(events.clone()).unwrap();
        let context = PartitionContext::of(&whole).unwrap();
        let cuts: Vec<usize> = cuts.into_iter().collect();
        let parts = partitions(&events, &cuts);
        for (analysis, options) in cases() {
            let single = report(&whole, analysis, &options);
            let merged = merge_shuffled(states(&parts, &context, analysis, &options), shape);
            prop_assert_eq!(finished(merged), single, "{} {}", analysis, options);
        }
    }
}

#[test]
fn camel_and_snake_options_give_states_that_merge() {
    let events = generated_events(80, 6);
    let whole = Dataset::from_events(events.clone()).unwrap();
    let context = PartitionContext::of(&whole).unwrap();
    let parts = partitions(&events, &[40]);
    let mut a = Dataset::from_events(parts[0].0.clone()).unwrap();
    let mut b = Dataset::from_events(parts[1].0.clone()).unwrap();
    let snake = json!({"per_customer": true, "by_channel": true});
    let camel = json!({"perCustomer": true, "byChannel": true});
    let a = PartialState::run(&mut a, "sessions", snake.clone(), &context, parts[0].1).unwrap();
    let b = PartialState::run_with_camel_options(&mut b, "sessions", camel, &context, parts[1].1)
        .unwrap();
    assert_eq!(
        finished(a.merge(b).unwrap()),
        report(&whole, "sessions", &snake)
    );
}
