//! `ds.experiment(options)`: an experiment straight from the dataset's events (core:
//! `core/src/experiment/events/`). Written out: the options are required.

use crate::dataset::Dataset;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Dataset {
    /// An A/B test from the events: each customer's variant from their first exposure
    /// (`Experiment Viewed` by default), metrics over their events after it, analysed as
    /// `analyzeExperiment` does; customers exposed to two variants are counted and left out.
    /// @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option, or
    /// `experimentId` when no customer was exposed; `INVALID_RECORD` when the summed data
    /// cannot be tested (a variant without customers).
    #[wasm_bindgen(js_name = experiment, unchecked_return_type = "ExperimentEventReport")]
    pub fn experiment(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ExperimentEventOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        crate::analysis::analysis(&self.data, &options, touchpoint::experiment)
    }
}
