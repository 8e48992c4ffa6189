//! Churn risk and the calibration report on CDNOW (lifetimes' parameters) and by hand.

use super::tests::cdnow;
use super::*;
use crate::model::error::TouchpointError;

fn bg_nbd() -> PurchaseModel {
    // lifetimes 0.11.3 on CDNOW (weeks).
    let params = [
        ("r", 0.242_592_908_55),
        ("alpha", 4.413_531_452_21),
        ("a", 0.792_886_217_18),
        ("b", 2.425_753_562_84),
    ];
    let mut m = PurchaseModel::from_params(
        PurchaseModelKind::BgNbd,
        params.iter().map(|&(k, v)| (k.to_string(), v)).collect(),
    )
    .unwrap();
    m.unit = TimeUnit::Week;
    m
}

fn gamma_gamma() -> SpendModel {
    let params = [("p", 6.248_801_7), ("q", 3.744_588_6), ("v", 15.447_750_5)];
    SpendModel::from_params(params.iter().map(|&(k, v)| (k.to_string(), v)).collect()).unwrap()
}

fn weekly_cdnow() -> PurchaseHistories {
    let mut h = cdnow();
    h.unit = TimeUnit::Week;
    h
}

#[test]
fn churn_risk_ranks_by_value_at_risk_and_flags_below_the_threshold() {
    let h = weekly_cdnow();
    let (model, spend) = (bg_nbd(), gamma_gamma());
    let o = ChurnRiskOptions::default();
    let risk = churn_risk(&model, &h, Some(&spend), &o).unwrap();
    assert_eq!(risk.customers, 2357);
    assert_eq!(risk.horizon, 4.345);
    let clv = lifetime_value(&model, &spend, &h, &LifetimeValueOptions::default()).unwrap();
    let index: std::collections::HashMap<&str, usize> = h
        .customer_id
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    let mut flagged = 0;
    for (k, row) in risk.rows.iter().enumerate() {
        assert_eq!(row.rank, k as u64 + 1);
        let i = index[row.customer_id.as_str()];
        let p = model.probability_alive(h.frequency[i], h.recency[i], h.t[i]);
        assert_eq!(row.probability_alive, p);
        assert_eq!(row.at_risk, p < 0.3);
        flagged += usize::from(row.at_risk);
        let e = model.expected_purchases(4.345, h.frequency[i], h.recency[i], h.t[i]);
        assert_eq!(row.expected_purchases, e);
        assert_eq!(row.clv, Some(clv.clv[i]));
        let var = row.value_at_risk.unwrap();
        assert!((var - clv.clv[i] * (1.0 - p) / p).abs() <= 1e-12 * var.abs().max(1.0));
        if k > 0 {
            assert!(
                risk.rows[k - 1].value_at_risk.unwrap() >= var,
                "row {k} out of order"
            );
        }
    }
    assert_eq!(risk.at_risk, flagged as u64);
    assert!(flagged > 0 && flagged < 2357);
    let total: f64 = risk.rows.iter().map(|r| r.value_at_risk.unwrap()).sum();
    assert!((risk.value_at_risk.unwrap() - total).abs() < 1e-6 * total);
    // The most at risk: a high-value customer the model doubts is still buying.
    let top = &risk.rows[0];
    assert!(top.probability_alive < 0.5 && top.value_at_risk.unwrap() > 100.0);
}

#[test]
fn without_a_spend_model_the_ranking_is_by_purchases_at_risk() {
    let h = weekly_cdnow();
    let risk = churn_risk(&bg_nbd(), &h, None, &ChurnRiskOptions::default()).unwrap();
    assert_eq!(risk.value_at_risk, None);
    for w in risk.rows.windows(2) {
        assert!(w[0].purchases_at_risk.unwrap() >= w[1].purchases_at_risk.unwrap());
        assert_eq!(w[0].clv, None);
    }
    // Someone who never came back is alive for sure in BG/NBD (no purchase to drop out
    // after): nothing at risk, ranked after every customer with something at risk.
    let last = risk.rows.last().unwrap();
    assert_eq!(last.probability_alive, 1.0);
    assert_eq!(last.purchases_at_risk, Some(0.0));
}

#[test]
fn churn_risk_options_are_checked() {
    let h = weekly_cdnow();
    let bad = [
        ChurnRiskOptions {
            threshold: 1.5,
            ..Default::default()
        },
        ChurnRiskOptions {
            horizon: Some(0.0),
            ..Default::default()
        },
        ChurnRiskOptions {
            months: 0,
            ..Default::default()
        },
    ];
    for (o, option) in bad.iter().zip(["threshold", "horizon", "months"]) {
        match churn_risk(&bg_nbd(), &h, None, o) {
            Err(TouchpointError::InvalidConfig { option: got, .. }) => assert_eq!(got, option),
            other => panic!("{option}: {other:?}"),
        }
    }
}

fn split() -> PurchaseHistories {
    // Frequencies 0, 0, 1, 2, 9, 12 with their holdout purchases.
    let mut h = PurchaseHistories {
        customer_id: ["a", "b", "c", "d", "e", "f"].map(String::from).to_vec(),
        frequency: vec![0.0, 0.0, 1.0, 2.0, 9.0, 12.0],
        recency: vec![0.0, 0.0, 10.0, 20.0, 30.0, 38.0],
        t: vec![39.0, 20.0, 39.0, 39.0, 39.0, 39.0],
        monetary_value: vec![0.0; 6],
        unit: TimeUnit::Week,
        unit_multiplier: 1,
        holdout: None,
        include_first_purchase: false,
    };
    h.holdout = Some(HoldoutPurchases {
        frequency: vec![0.0, 1.0, 0.0, 2.0, 5.0, 8.0],
        monetary_value: vec![0.0; 6],
        duration: 39.0,
    });
    h
}

#[test]
fn calibration_groups_customers_by_calibration_frequency() {
    let h = split();
    let model = bg_nbd();
    let o = CalibrationOptions { max_frequency: 7 };
    let r = calibration_report(&model, &h, &o).unwrap();
    let e = |i: usize| model.expected_purchases(39.0, h.frequency[i], h.recency[i], h.t[i]);
    assert_eq!(r.customers, 6);
    assert_eq!(r.actual_purchases, 16.0);
    let groups: Vec<(u32, bool, u64)> = r
        .groups
        .iter()
        .map(|g| (g.frequency, g.or_more, g.customers))
        .collect();
    assert_eq!(
        groups,
        [(0, false, 2), (1, false, 1), (2, false, 1), (7, true, 2)]
    );
    assert_eq!(r.groups[0].actual, 0.5);
    assert!((r.groups[0].predicted - (e(0) + e(1)) / 2.0).abs() < 1e-12);
    assert_eq!(r.groups[3].actual, 6.5);
    assert!((r.groups[3].predicted - (e(4) + e(5)) / 2.0).abs() < 1e-12);
    let total: f64 = (0..6).map(e).sum();
    assert!((r.predicted_purchases - total).abs() < 1e-9);
    let mae: f64 = (0..6)
        .map(|i| (h.holdout.as_ref().unwrap().frequency[i] - e(i)).abs())
        .sum::<f64>()
        / 6.0;
    assert!((r.mean_absolute_error.unwrap() - mae).abs() < 1e-12);
}

#[test]
fn calibration_needs_a_holdout() {
    let mut h = split();
    h.holdout = None;
    match calibration_report(&bg_nbd(), &h, &CalibrationOptions::default()) {
        Err(TouchpointError::InvalidConfig { option, .. }) => assert_eq!(option, "holdout"),
        other => panic!("{other:?}"),
    }
    let o = CalibrationOptions { max_frequency: 0 };
    assert!(calibration_report(&bg_nbd(), &split(), &o).is_err());
}

/// Two years of weekly-ish purchases by a few customers, some of whom stopped.
fn shop() -> crate::Dataset {
    use crate::{Channel, Event, EventKind, Timestamp};
    let start = Timestamp::parse("2025-01-06T10:00:00Z").unwrap().0;
    let week = 7 * crate::DAY_MS;
    let mut events = Vec::new();
    // (customer, first week, weeks between purchases, purchases, value)
    for (id, first, every, n, value) in [
        ("steady", 0, 4, 25, 30.0),
        ("stopped", 0, 3, 12, 80.0),
        ("once", 10, 1, 1, 20.0),
        ("late", 60, 5, 8, 15.0),
        ("gone", 5, 2, 6, 200.0),
    ] {
        for k in 0..n {
            let ts = Timestamp(start + (first + k * every) * week);
            let e = Event::new(id, ts, Channel::Web, EventKind::Purchase).with_value(value);
            events.push(e);
        }
    }
    events.push(Event::new(
        "browser",
        Timestamp(start + 100 * week),
        Channel::Web,
        EventKind::PageView,
    ));
    crate::Dataset::from_events(events).unwrap()
}

#[test]
fn rule_segments_read_p_alive_and_clv_from_the_customer_value_option() {
    use crate::{rule_segments, RuleSegmentOptions, SegmentRule};
    let data = shop();
    let model = bg_nbd(); // weekly rates
    let spend = gamma_gamma();
    let value = CustomerValueOptions {
        purchase_model: model.clone(),
        spend_model: Some(spend.clone()),
        purchase_kinds: vec!["purchase".into()],
        refund_kinds: vec!["refund".into()],
        horizon: None,
        months: 12,
        discount_rate: 0.01,
    };
    let options = RuleSegmentOptions {
        rules: vec![
            SegmentRule::new("win_back", "p_alive < 0.3 and revenue > 500"),
            SegmentRule::new("valued", "value_at_risk > 0"),
            SegmentRule::new("no_history", "not exists(p_alive)"),
        ],
        include_members: true,
        customer_value: Some(value),
        ..Default::default()
    };
    let report = rule_segments(&data, &options).unwrap();
    // The same numbers from the histories as of the last event, through the batch API.
    let h = purchase_histories(
        &data,
        &PurchaseHistoryOptions {
            unit: TimeUnit::Week,
            observation_end: report.as_of,
            ..Default::default()
        },
    )
    .unwrap();
    let clv = lifetime_value(&model, &spend, &h, &LifetimeValueOptions::default()).unwrap();
    let mut win_back = Vec::new();
    let mut valued = Vec::new();
    for i in 0..h.len() {
        let p = model.probability_alive(h.frequency[i], h.recency[i], h.t[i]);
        let c = clv.clv[i];
        let revenue = match h.customer_id[i].as_str() {
            "steady" => 750.0,
            "stopped" => 960.0,
            "gone" => 1200.0,
            _ => 0.0,
        };
        if p < 0.3 && revenue > 500.0 {
            win_back.push(h.customer_id[i].clone());
        }
        if c * (1.0 - p) / p > 0.0 {
            valued.push(h.customer_id[i].clone());
        }
    }
    assert!(
        !win_back.is_empty() && win_back.len() < h.len(),
        "{win_back:?}"
    );
    // Both who spent much and stopped (p_alive 0.00015 and 0.00032), not "steady" (0.93).
    assert_eq!(win_back, ["stopped", "gone"]);
    assert_eq!(report.segments[0].members.as_deref(), Some(&win_back[..]));
    assert_eq!(report.segments[1].members.as_deref(), Some(&valued[..]));
    // Only the customer without a purchase has no value metrics.
    assert_eq!(
        report.segments[2].members.as_deref(),
        Some(&["browser".to_string()][..])
    );
}

#[test]
fn a_value_metric_without_the_customer_value_option_is_refused() {
    use crate::{rule_segments, RuleSegmentOptions, SegmentRule};
    let options = RuleSegmentOptions {
        rules: vec![SegmentRule::new("risky", "purchases > 2 and p_alive < 0.3")],
        ..Default::default()
    };
    match rule_segments(&shop(), &options) {
        Err(TouchpointError::InvalidConfig { option, message }) => {
            assert_eq!(option, "rules.risky.rule");
            assert!(message.contains("customer_value"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn bg_nbd_expectations_keep_the_sign_of_the_hypergeometric_function() {
    // a + b < 1: for a customer without repeat purchases 2F1(r, b; a + b − 1; z) < 0.
    // scipy: hyp2f1 = -5973.43715523931, E[X(10)] of a new customer 1930.0368290411234.
    let params = [
        ("r", 0.035_233_054_248_448_71),
        ("alpha", 9.355_475_582_268_92e-5),
        ("a", 0.056_247_398_611_068_79),
        ("b", 0.485_320_529_089_530_8),
    ];
    let m = PurchaseModel::from_params(
        PurchaseModelKind::BgNbd,
        params.iter().map(|&(k, v)| (k.to_string(), v)).collect(),
    )
    .unwrap();
    let new = m.expected_purchases_new_customer(10.0);
    assert!((new - 1_930.036_829_041_123).abs() < 1e-6 * 1930.0, "{new}");
    // The same for a customer seen at age 0 with no purchase yet.
    let e = m.expected_purchases(10.0, 0.0, 0.0, 0.0);
    assert!((e - new).abs() < 1e-6 * new, "{e} vs {new}");
}
