//! The ops of `vectors/experiment.json` (A/B statistics).

use serde_json::{json, Value};
use touchpoint::{Correction, ExperimentData, ExperimentOptions, NpsCounts, PowerOptions, Result};

pub fn run(op: &str, input: &Value) -> Result<Value> {
    Ok(match op {
        "analyze_experiment" => {
            let data: ExperimentData = touchpoint::value_from_json(input["data"].clone(), "data")?;
            let options: ExperimentOptions =
                touchpoint::value_from_json(input["options"].clone(), "options")?;
            serde_json::to_value(touchpoint::analyze_experiment(&data, &options)?).unwrap()
        }
        "experiment_from_rows" => {
            let options: touchpoint::RowOptions =
                touchpoint::value_from_json(input["options"].clone(), "options")?;
            serde_json::to_value(touchpoint::experiment_from_records(
                &input["rows"],
                &options,
            )?)
            .unwrap()
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
        "sample_size" | "minimum_detectable_effect" => {
            let o: PowerOptions = touchpoint::value_from_json(input["options"].clone(), "options")?;
            if op == "sample_size" {
                let effect = input["relative_effect"].as_f64().expect("relative_effect");
                serde_json::to_value(touchpoint::sample_size(&o, effect)?).unwrap()
            } else {
                let units = input["control_units"].as_f64().expect("control_units");
                serde_json::to_value(touchpoint::minimum_detectable_effect(&o, units)?).unwrap()
            }
        }
        "nps_difference" => {
            let c: NpsCounts = touchpoint::value_from_json(input["control"].clone(), "control")?;
            let t: NpsCounts =
                touchpoint::value_from_json(input["treatment"].clone(), "treatment")?;
            let alpha = input["alpha"].as_f64().expect("alpha");
            serde_json::to_value(touchpoint::nps_difference(&c, &t, alpha)?).unwrap()
        }
        other => panic!("unknown experiment op {other}"),
    })
}
