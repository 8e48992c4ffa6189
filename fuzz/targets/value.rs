//! Target `value`: churn risk and lifetime value on arbitrary purchase histories. Every fit
//! either gives finite parameters or a typed error (`NOT_CONVERGED`, a refused history or
//! option); predictions of a fitted model are finite, probabilities within [0, 1], lifetime
//! values at least 0 (spend being at least 0), and churn risk ranks what it computes.

use super::bytes::Bytes;
use super::check::result_json;
use std::collections::BTreeMap;
use touchpoint::{
    churn_risk, fit_purchase_model, fit_spend_model, lifetime_value, ChurnRiskOptions,
    LifetimeValueOptions, PurchaseHistories, PurchaseModel, PurchaseModelKind,
    PurchaseModelOptions, SpendModelOptions,
};

const KINDS: [PurchaseModelKind; 4] = [
    PurchaseModelKind::BgNbd,
    PurchaseModelKind::MbgNbd,
    PurchaseModelKind::ParetoNbd,
    PurchaseModelKind::BgBb,
];

/// A number from the bytes: mostly small whole numbers and halves, sometimes extreme.
fn number(b: &mut Bytes<'_>) -> f64 {
    match b.below(8) {
        0 => f64::from(b.byte()) * 1e3,
        1 => 10f64.powi(b.below(12) as i32),
        2 => -f64::from(b.byte()),
        3 => f64::from(b.byte()) / 2.0,
        _ => f64::from(b.byte() % 40),
    }
}

fn histories(b: &mut Bytes<'_>) -> PurchaseHistories {
    let n = 1 + b.below(40);
    let mut h = PurchaseHistories::default();
    for i in 0..n {
        h.customer_id.push(format!("c{i}"));
        let t = number(b);
        let (x, tx) = if b.bool() {
            (0.0, 0.0)
        } else {
            (number(b), number(b).min(t.abs()))
        };
        h.frequency.push(x);
        h.recency.push(tx);
        h.t.push(t);
        h.monetary_value.push(number(b));
    }
    h
}

fn check_probability(p: f64, what: &str) {
    assert!(p.is_finite() && (0.0..=1.0).contains(&p), "{what}: {p}");
}

/// Decodes histories and a model choice from the bytes, fits, predicts and ranks.
pub fn run(data: &[u8]) {
    let mut b = Bytes::new(data);
    let kind = b.pick(&KINDS);
    let max_iterations = [3, 50, 200][b.below(3)];
    let h = histories(&mut b);
    let options = PurchaseModelOptions {
        model: kind,
        max_iterations,
        penalizer: [0.0, 0.1][b.below(2)],
        ..Default::default()
    };
    let model = match fit_purchase_model(&h, &options) {
        Ok(m) => m,
        Err(e) => {
            let code = e.code();
            assert!(
                matches!(
                    code,
                    "NOT_CONVERGED" | "OUT_OF_RANGE" | "INVALID_RECORD" | "INVALID_CONFIG"
                ),
                "fit: {e}"
            );
            return;
        }
    };
    for (name, v) in &model.params {
        assert!(v.is_finite() && *v > 0.0, "{kind:?} {name} = {v}");
    }
    result_json("purchase model", &model);
    // A saved model loads back to the same model.
    let saved = serde_json::to_value(&model).unwrap();
    let loaded: PurchaseModel = touchpoint::value_from_json(saved, "model").unwrap();
    assert_eq!(loaded.params, model.params);
    let horizon = [1.0, 10.0, 52.0][b.below(3)];
    let predicted = model
        .predict(&h, horizon)
        .expect("fitted histories predict");
    for i in 0..h.len() {
        check_probability(predicted.probability_alive[i], "probability alive");
        let e = predicted.expected_purchases[i];
        assert!(e.is_finite() && e >= 0.0, "expected purchases {e}");
    }
    let new = model.expected_purchases_new_customer(horizon);
    assert!(
        new.is_finite() && new >= 0.0,
        "new customer {new}: {model:?}, horizon {horizon}"
    );
    if let Ok(p) = model.probability_of_purchases(b.below(5) as u64, horizon) {
        check_probability(p, "P(n purchases)");
    }
    let spend = fit_spend_model(&h, &SpendModelOptions::default()).ok();
    if let Some(spend) = &spend {
        let mut params = BTreeMap::new();
        for (k, v) in &spend.params {
            assert!(v.is_finite() && *v > 0.0, "spend {k} = {v}");
            params.insert(k.clone(), *v);
        }
        if let Ok(values) = lifetime_value(&model, spend, &h, &LifetimeValueOptions::default()) {
            for v in values.clv {
                assert!(v.is_finite() && v >= 0.0, "clv {v}");
            }
        }
    }
    let risk = churn_risk(&model, &h, spend.as_ref(), &ChurnRiskOptions::default())
        .expect("fitted histories rank");
    assert_eq!(risk.customers as usize, h.len());
    result_json("churn risk", &risk);
}
