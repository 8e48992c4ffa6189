//! `analyzeExperiment(data, options)`.

use super::read;
use crate::convert::to_js;
use crate::error::argument_error;
use crate::value::thrown;
use touchpoint::{ExperimentData, ExperimentOptions};
use wasm_bindgen::prelude::*;

/// An A/B (or A/B/n) test from each variant's sufficient statistics: per metric, each
/// variant's value with its interval and each treatment against the control (the first
/// variant) with absolute and relative effects, intervals, p-values and a verdict; and the
/// sample-ratio check of the exposures.
/// @throws {TouchpointError} `INVALID_CONFIG`, `OUT_OF_RANGE` or `INVALID_RECORD` naming the
/// field (`metrics[0].sum`) and the variant (`record N`).
#[wasm_bindgen(js_name = analyzeExperiment, unchecked_return_type = "ExperimentReport")]
pub fn analyze_experiment(
    #[wasm_bindgen(unchecked_param_type = "ExperimentData")] data: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ExperimentOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let Some(data) = read::<ExperimentData>(&data, "data")? else {
        return Err(argument_error(
            "data",
            None,
            "expected the experiment's data, an object",
        ));
    };
    let o: ExperimentOptions = crate::value::options(&options)?;
    to_js(&thrown(touchpoint::analyze_experiment(&data, &o))?)
}
