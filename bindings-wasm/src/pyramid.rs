//! The CX pyramid: six levels, each an indicator judged against a threshold: `ds.cxPyramid(options?)`.

use crate::dataset::Dataset;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_PYRAMID: &'static str = r#"
/** Options of `ds.cxPyramid()` (not typed field by field yet; see docs/guide-journey.md). */
export type PyramidOptions = AnalysisOptions;
/** The report of `ds.cxPyramid()` (not typed field by field yet). */
export type PyramidReport = AnalysisReport;
"#;

crate::analysis::analyses! {
    /// The CX pyramid: each level's indicator, threshold and whether it is met.
    cxPyramid / cx_pyramid: "PyramidOptions", "PyramidReport" => touchpoint::pyramid::cx_pyramid;
}
