//! The ops of `vectors/value.json` (churn risk and lifetime value).

use serde_json::{json, Value};
use touchpoint::{PurchaseHistories, PurchaseModel, Result, SpendModel, TimeUnit};

fn floats(v: &Value) -> Option<Vec<f64>> {
    v.as_array()
        .map(|a| a.iter().map(|x| x.as_f64().expect("a number")).collect())
}

/// A case's `histories`: columns by name; missing ids are row numbers, missing monetary
/// values 0, missing `recency` and `T` 0 (the spend model reads neither); `unit`.
pub fn histories(v: &Value) -> Result<PurchaseHistories> {
    let frequency = floats(&v["frequency"]).expect("frequency");
    let n = frequency.len();
    let zeros = || vec![0.0; n];
    let ids = v["customer_id"].as_array().map(|a| {
        a.iter()
            .map(|x| x.as_str().expect("an id").to_string())
            .collect::<Vec<_>>()
    });
    let recency = floats(&v["recency"]);
    let t = floats(&v["T"]);
    let mut h = if recency.is_none() && t.is_none() {
        // Spend-model histories: no recency or age to check.
        PurchaseHistories {
            customer_id: ids.unwrap_or_else(|| (1..=n).map(|i| i.to_string()).collect()),
            frequency,
            recency: zeros(),
            t: zeros(),
            monetary_value: floats(&v["monetary_value"]).unwrap_or_else(zeros),
            ..Default::default()
        }
    } else {
        PurchaseHistories::from_columns(
            ids,
            frequency,
            recency.unwrap_or_else(zeros),
            t.unwrap_or_else(zeros),
            floats(&v["monetary_value"]),
        )?
    };
    if let Some(unit) = v.get("unit") {
        h.unit = serde_json::from_value::<TimeUnit>(unit.clone()).expect("a unit");
    }
    Ok(h)
}

fn model(v: &Value) -> Result<PurchaseModel> {
    touchpoint::value_from_json(v.clone(), "model")
}

fn spend(v: &Value) -> Result<SpendModel> {
    touchpoint::value_from_json(v.clone(), "model")
}

pub fn run(op: &str, input: &Value) -> Result<Value> {
    Ok(match op {
        "purchase_histories_from_transactions" => {
            let t = &input["transactions"];
            let ids: Vec<String> = t["customer_id"]
                .as_array()
                .expect("customer_id")
                .iter()
                .map(|x| x.as_str().expect("an id").to_string())
                .collect();
            let times: Vec<i64> = t["timestamp"]
                .as_array()
                .expect("timestamp")
                .iter()
                .map(|x| {
                    let text = x.as_str().expect("a time");
                    touchpoint::Timestamp::parse(text).expect("a valid time").0
                })
                .collect();
            let values = floats(&t["value"]);
            let options = touchpoint::options_from_value(input["options"].clone())?;
            let h = touchpoint::purchase_histories_from_transactions(
                &ids,
                &times,
                values.as_deref(),
                &options,
            )?;
            serde_json::to_value(h).unwrap()
        }
        "fit_purchase_model" => {
            let options = touchpoint::options_from_value(input["options"].clone())?;
            let h = histories(&input["histories"])?;
            serde_json::to_value(touchpoint::fit_purchase_model(&h, &options)?).unwrap()
        }
        "predict_purchases" => {
            let m = model(&input["model"])?;
            let mut h = histories(&input["histories"])?;
            h.unit = m.unit;
            let horizon = input["horizon"].as_f64().expect("horizon");
            let p = m.predict(&h, horizon)?;
            let new: Vec<f64> = floats(&input["new_customer_horizons"])
                .unwrap_or_default()
                .into_iter()
                .map(|t| m.expected_purchases_new_customer(t))
                .collect();
            let counts = input["purchase_counts"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            let mut probabilities = Vec::new();
            for c in counts {
                let n = c[0].as_u64().expect("n");
                probabilities.push(m.probability_of_purchases(n, c[1].as_f64().expect("t"))?);
            }
            json!({
                "customer_id": p.customer_id,
                "probability_alive": p.probability_alive,
                "expected_purchases": p.expected_purchases,
                "expected_purchases_new_customer": new,
                "probability_of_purchases": probabilities,
            })
        }
        "fit_spend_model" => {
            let options = touchpoint::options_from_value(input["options"].clone())?;
            let h = histories(&input["histories"])?;
            serde_json::to_value(touchpoint::fit_spend_model(&h, &options)?).unwrap()
        }
        "expected_spend" => {
            let s = spend(&input["model"])?;
            let h = histories(&input["histories"])?;
            json!({ "expected_spend": s.expected_spend_all(&h) })
        }
        "lifetime_value" => {
            let m = model(&input["purchase_model"])?;
            let s = spend(&input["spend_model"])?;
            let h = histories(&input["histories"])?;
            let options = touchpoint::options_from_value(input["options"].clone())?;
            serde_json::to_value(touchpoint::lifetime_value(&m, &s, &h, &options)?).unwrap()
        }
        other => panic!("unknown op {other}"),
    })
}
