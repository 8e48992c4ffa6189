//! The CX report of a dataset: `ds.cxReport(stageMap?)`.

use crate::convert::{self, to_js};
use crate::dataset::Dataset;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_REPORT: &'static str = r#"
/** Overrides of the default event kind → stage mapping (the same as `StageMapOverrides`). */
export type StageMap = StageMapOverrides;
"#;

#[wasm_bindgen]
impl Dataset {
    /// The CX report, with the default kind → stage mapping overridden by `stageMap`
    /// (`{ survey_response: "discover", purchase: null }`: its keys are kinds, written as
    /// they are; an unknown stage is `INVALID_CONFIG` naming `stageMap.<kind>`).
    #[wasm_bindgen(js_name = cxReport, unchecked_return_type = "CxReport")]
    pub fn cx_report(
        &self,
        #[wasm_bindgen(js_name = stageMap, unchecked_optional_param_type = "StageMap | Map<string, Stage | null>")]
        stage_map: JsValue,
    ) -> Result<JsValue, JsValue> {
        let stages = convert::stage_map(&stage_map)?;
        to_js(&touchpoint::cx_report(&self.data, &stages))
    }
}
