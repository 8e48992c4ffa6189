//! Bad input, fits that cannot converge, the JSON form, and threads.

use super::*;

fn purchase_options(kind: PurchaseModelKind) -> PurchaseModelOptions {
    PurchaseModelOptions {
        model: kind,
        ..Default::default()
    }
}

#[test]
fn each_bad_history_names_the_customer_and_the_field() {
    let good = (2.0, 10.0, 20.0, 5.0);
    type Case = ((f64, f64, f64, f64), &'static str, &'static str);
    let cases: [Case; 8] = [
        ((-1.0, 0.0, 20.0, 5.0), "frequency", "OUT_OF_RANGE"),
        ((f64::NAN, 10.0, 20.0, 5.0), "frequency", "OUT_OF_RANGE"),
        ((1.5, 10.0, 20.0, 5.0), "frequency", "INVALID_RECORD"),
        ((2.0, -3.0, 20.0, 5.0), "recency", "OUT_OF_RANGE"),
        ((2.0, 30.0, 20.0, 5.0), "recency", "OUT_OF_RANGE"),
        ((2.0, 10.0, f64::INFINITY, 5.0), "T", "OUT_OF_RANGE"),
        ((2.0, 0.0, 20.0, 5.0), "recency", "INVALID_RECORD"),
        ((0.0, 4.0, 20.0, 0.0), "recency", "INVALID_RECORD"),
    ];
    for (bad, field, code) in cases {
        let h = histories(&[good, good, bad], TimeUnit::Day);
        let e = fit_purchase_model(&h, &purchase_options(PurchaseModelKind::BgNbd)).unwrap_err();
        assert_eq!(e.code(), code, "{bad:?}: {e}");
        assert_eq!(e.field(), Some(field), "{bad:?}");
        assert_eq!(e.record(), Some(RecordRef::Record(3)), "{bad:?}");
        assert!(e.to_string().contains("`c3`"), "{e}");
        // predict checks the same way.
        let m = fit(PurchaseModelKind::BgNbd, &cdnow());
        assert_eq!(m.predict(&h, 10.0).unwrap_err(), e);
    }
    // BG/BB counts whole periods, and no more purchases than the last one's period.
    let o = purchase_options(PurchaseModelKind::BgBb);
    for (bad, field) in [
        ((2.0, 2.5, 6.0, 0.0), "recency"),
        ((2.0, 3.0, 6.5, 0.0), "T"),
        ((4.0, 3.0, 6.0, 0.0), "frequency"),
    ] {
        let h = histories(&[(1.0, 2.0, 6.0, 0.0), bad], TimeUnit::Day);
        let e = fit_purchase_model(&h, &o).unwrap_err();
        assert_eq!(
            (e.code(), e.field()),
            ("OUT_OF_RANGE", Some(field)),
            "{bad:?}: {e}"
        );
    }
    // The spend model needs a positive mean spend of every repeat customer.
    let h = histories(&[good, (3.0, 12.0, 20.0, 0.0)], TimeUnit::Day);
    let e = fit_spend_model(&h, &SpendModelOptions::default()).unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        ("OUT_OF_RANGE", Some("monetary_value"))
    );
    assert!(e.to_string().contains("`c2`"), "{e}");
    // Columns that do not line up.
    let mut h = histories(&[good, good], TimeUnit::Day);
    h.t.pop();
    let e = fit_purchase_model(&h, &purchase_options(PurchaseModelKind::BgNbd)).unwrap_err();
    assert_eq!((e.code(), e.field()), ("INVALID_RECORD", Some("T")));
    assert_eq!(
        e.record(),
        Some(RecordRef::Record(2)),
        "the first customer without a T"
    );
}

#[test]
fn an_empty_population_or_no_repeat_purchase_is_refused() {
    let o = purchase_options(PurchaseModelKind::BgNbd);
    let e = fit_purchase_model(&PurchaseHistories::default(), &o).unwrap_err();
    assert_eq!(e.code(), "INVALID_CONFIG");
    assert!(e.to_string().contains("no customers"), "{e}");
    let h = histories(&[(0.0, 0.0, 10.0, 0.0); 5], TimeUnit::Day);
    let e = fit_purchase_model(&h, &o).unwrap_err();
    assert!(e.to_string().contains("every frequency is 0"), "{e}");
    let e = fit_spend_model(&h, &SpendModelOptions::default()).unwrap_err();
    assert_eq!(e.code(), "INVALID_CONFIG");
}

#[test]
fn bad_options_name_the_option() {
    let h = cdnow();
    let bad = [
        (
            PurchaseModelOptions {
                penalizer: -1.0,
                ..Default::default()
            },
            "penalizer",
        ),
        (
            PurchaseModelOptions {
                penalizer: f64::NAN,
                ..Default::default()
            },
            "penalizer",
        ),
        (
            PurchaseModelOptions {
                tolerance: 0.0,
                ..Default::default()
            },
            "tolerance",
        ),
        (
            PurchaseModelOptions {
                max_iterations: 0,
                ..Default::default()
            },
            "max_iterations",
        ),
        (
            PurchaseModelOptions {
                initial_params: Some([("s".to_string(), 1.0)].into()),
                ..Default::default()
            },
            "initial_params",
        ),
    ];
    for (o, option) in bad {
        let e = fit_purchase_model(&h, &o).unwrap_err();
        assert_eq!((e.code(), e.field()), ("INVALID_CONFIG", Some(option)));
    }
    let e: Result<PurchaseModelOptions, _> = serde_json::from_str(r#"{"modle": "bg_nbd"}"#);
    assert!(e.is_err());
    let o: PurchaseModelOptions = serde_json::from_str(r#"{"model": "pareto_nbd"}"#).unwrap();
    assert_eq!(o.model, PurchaseModelKind::ParetoNbd);
    let e = lifetime_value(
        &fit(PurchaseModelKind::BgNbd, &h),
        &fit_spend_model(&h, &SpendModelOptions::default()).unwrap(),
        &h,
        &LifetimeValueOptions {
            months: 12,
            discount_rate: -0.5,
        },
    )
    .unwrap_err();
    assert_eq!(e.field(), Some("discount_rate"));
}

#[test]
fn fits_that_cannot_converge_say_so() {
    // Every customer with the same history: nothing pins the four parameters down.
    let same = histories(&[(2.0, 10.0, 20.0, 5.0); 50], TimeUnit::Day);
    for kind in [PurchaseModelKind::BgNbd, PurchaseModelKind::ParetoNbd] {
        let e = fit_purchase_model(&same, &purchase_options(kind)).unwrap_err();
        assert_eq!(e.code(), "NOT_CONVERGED", "{kind:?}: {e}");
    }
    let o = PurchaseModelOptions {
        max_iterations: 1,
        ..Default::default()
    };
    let e = fit_purchase_model(&cdnow(), &o).unwrap_err();
    assert_eq!(e.code(), "NOT_CONVERGED");
    assert!(e.to_string().contains("max_iterations"), "{e}");
    let o = SpendModelOptions {
        max_iterations: 1,
        ..Default::default()
    };
    assert_eq!(
        fit_spend_model(&cdnow(), &o).unwrap_err().code(),
        "NOT_CONVERGED"
    );
}

#[test]
fn a_penalizer_and_initial_params_act_as_in_lifetimes() {
    let h = cdnow();
    // lifetimes: BetaGeoFitter(penalizer_coef=0.1).fit(...) on CDNOW.
    let o = PurchaseModelOptions {
        penalizer: 0.1,
        ..Default::default()
    };
    let m = fit_purchase_model(&h, &o).unwrap();
    let plain = fit(PurchaseModelKind::BgNbd, &h);
    assert!(m.params["a"] < plain.params["a"] && m.params["b"] < plain.params["b"]);
    // Starting at the optimum ends there, in few iterations.
    let o = PurchaseModelOptions {
        initial_params: Some(plain.params.clone()),
        ..Default::default()
    };
    let again = fit_purchase_model(&h, &o).unwrap();
    assert!(again.iterations <= 3, "{}", again.iterations);
    for (k, v) in &plain.params {
        close(again.params[k], *v, 1e-7, k);
    }
    // q ≥ 1 held when asked.
    let o = SpendModelOptions {
        q_constraint: true,
        ..Default::default()
    };
    let g = fit_spend_model(&h, &o).unwrap();
    close(g.params["q"], 3.744588, 1e-4, "q (constraint not binding)");
}

#[test]
fn models_round_trip_through_json_and_loading_checks_them() {
    let m = fit(PurchaseModelKind::BgNbd, &cdnow());
    let json = serde_json::to_string(&m).unwrap();
    assert!(
        json.contains(r#""model":"bg_nbd""#) && json.contains(r#""unit":"week""#),
        "{json}"
    );
    let back: PurchaseModel = serde_json::from_str(&json).unwrap();
    // serde_json (without its `float_roundtrip` feature) may read a number back 1 ulp off.
    let near = |a: &std::collections::BTreeMap<String, f64>,
                b: &std::collections::BTreeMap<String, f64>| {
        a.len() == b.len()
            && a.iter()
                .all(|(k, v)| (b[k] - v).abs() <= 4.0 * f64::EPSILON * v.abs())
    };
    assert!(near(&back.params, &m.params), "{back:?}");
    assert!(near(
        back.standard_errors.as_ref().unwrap(),
        m.standard_errors.as_ref().unwrap()
    ));
    assert_eq!(
        (
            back.model,
            back.customers,
            back.distinct_histories,
            back.unit
        ),
        (m.model, m.customers, m.distinct_histories, m.unit)
    );
    let bad = json.replace(r#""r":"#, r#""r":-"#);
    let e = serde_json::from_str::<PurchaseModel>(&bad).unwrap_err();
    assert!(e.to_string().contains("`r`"), "{e}");
    let e = serde_json::from_str::<PurchaseModel>(
        r#"{"model":"bg_nbd","params":{"r":1,"alpha":1,"a":1}}"#,
    );
    assert!(e.unwrap_err().to_string().contains("`b`"));
    let e = PurchaseModel::from_params(
        PurchaseModelKind::ParetoNbd,
        [("r".to_string(), f64::INFINITY)].into(),
    );
    assert_eq!(e.unwrap_err().field(), Some("params"));
    let g = fit_spend_model(&cdnow(), &SpendModelOptions::default()).unwrap();
    let back: SpendModel = serde_json::from_str(&serde_json::to_string(&g).unwrap()).unwrap();
    assert!(near(&back.params, &g.params), "{back:?}");
    assert_eq!(
        (back.customers, back.iterations),
        (g.customers, g.iterations)
    );
    assert!(back.standard_errors.is_some() && back.log_likelihood.is_some());
    let e = TouchpointError::NotConverged {
        model: "bg_nbd".into(),
        message: "why".into(),
    };
    assert_eq!(
        (e.code(), e.record(), e.field()),
        ("NOT_CONVERGED", None, None)
    );
}

#[test]
fn the_same_numbers_on_one_and_four_threads() {
    let h = cdnow();
    let run = |threads: usize| {
        crate::parallel::set_threads(threads).unwrap();
        crate::parallel::with_leaf(64, || {
            let m = fit(PurchaseModelKind::BgNbd, &h);
            let g = fit_spend_model(&h, &SpendModelOptions::default()).unwrap();
            let p = m.predict(&h, 52.0).unwrap();
            let v = lifetime_value(&m, &g, &h, &LifetimeValueOptions::default()).unwrap();
            (m, g, p, v)
        })
    };
    let one = run(1);
    let four = run(4);
    crate::parallel::set_threads(0).unwrap();
    assert_eq!(one.0, four.0);
    assert_eq!(one.1, four.1);
    assert_eq!(one.2, four.2);
    assert_eq!(one.3, four.3);
    assert_eq!(one.2.probability_alive.len(), 2357);
}

#[test]
fn histories_without_ids_are_known_by_their_row() {
    // A caller that keeps the ids (the Python binding, `purchase_histories_by_int_id`)
    // passes none: the same numbers, results without ids, errors naming the row.
    let with_ids = cdnow();
    let mut without = with_ids.clone();
    without.customer_id.clear();
    assert_eq!(without.len(), with_ids.len());
    let o = purchase_options(PurchaseModelKind::BgNbd);
    let (a, b) = (
        fit_purchase_model(&with_ids, &o).unwrap(),
        fit_purchase_model(&without, &o).unwrap(),
    );
    assert_eq!(a.params, b.params);
    let (pa, pb) = (
        a.predict(&with_ids, 10.0).unwrap(),
        a.predict(&without, 10.0).unwrap(),
    );
    assert_eq!(pa.probability_alive, pb.probability_alive);
    assert_eq!(pa.expected_purchases, pb.expected_purchases);
    assert_eq!(pa.customer_id.len(), with_ids.len());
    assert!(pb.customer_id.is_empty());
    // The churn ranking names each customer by their row number.
    let risk = churn_risk(&a, &without, None, &ChurnRiskOptions::default()).unwrap();
    let first = &risk.rows[0];
    let row: usize = first.customer_id.parse().unwrap();
    let same = churn_risk(&a, &with_ids, None, &ChurnRiskOptions::default()).unwrap();
    assert_eq!(same.rows[0].customer_id, with_ids.customer_id[row - 1]);
    // A bad row is named by its number.
    without.recency[4] = without.t[4] + 1.0;
    let e = fit_purchase_model(&without, &o).unwrap_err();
    assert_eq!(e.record(), Some(RecordRef::Record(5)));
    assert!(e.to_string().contains("the customer of row 5"), "{e}");
    // Ids, when given, are one per customer.
    let mut short = with_ids.clone();
    short.customer_id.pop();
    let e = fit_purchase_model(&short, &o).unwrap_err();
    assert_eq!(e.field(), Some("customer_id"), "{e}");
}
