//! The ops of `vectors/experiment.json` (A/B statistics).

use serde_json::{json, Value};
use touchpoint::{Correction, ExperimentData, ExperimentOptions, Result};

pub fn run(op: &str, input: &Value) -> Result<Value> {
    Ok(match op {
        "analyze_experiment" => {
            let data: ExperimentData = touchpoint::value_from_json(input["data"].clone(), "data")?;
            let options: ExperimentOptions =
                touchpoint::value_from_json(input["options"].clone(), "options")?;
            serde_json::to_value(touchpoint::analyze_experiment(&data, &options)?).unwrap()
        }
        "sample_ratio_check" => {
            let units: Vec<u64> = serde_json::from_value(input["units"].clone()).expect("units");
            let weights: Option<Vec<f64>> =
                serde_json::from_value(input["weights"].clone()).expect("weights");
            let threshold = input["threshold"].as_f64().expect("threshold");
            serde_json::to_value(touchpoint::sample_ratio_check(
                &units,
                weights.as_deref(),
                threshold,
            )?)
            .unwrap()
        }
        "adjust_p_values" => {
            let p: Vec<f64> = serde_json::from_value(input["p_values"].clone()).expect("p_values");
            let c: Correction =
                touchpoint::value_from_json(input["correction"].clone(), "correction")?;
            json!({ "p_values": touchpoint::adjust_p_values(&p, c)? })
        }
        other => panic!("unknown experiment op {other}"),
    })
}
