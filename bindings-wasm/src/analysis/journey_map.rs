//! The journey map of a dataset: `ds.journeyMap(options?)`.

use crate::dataset::Dataset;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_JOURNEY: &'static str = r#"
/** One edge of the journey map (the same as `JourneyTransition`). */
export type Transition = JourneyTransition;
"#;

crate::analysis::analyses! {
    /// The journey map: transitions between steps, the most common paths, channel switching.
    journeyMap / journey_map: "JourneyMapOptions", "JourneyMap" => touchpoint::journey_map;
}
