//! `experimentFromRows(rows, options)`: one row per unit summed into an experiment's data.

use super::read;
use crate::convert::to_js;
use crate::error::argument_error;
use crate::value::thrown;
use touchpoint::RowOptions;
use wasm_bindgen::prelude::*;

/// Sums one row per unit (customer) into the data `analyzeExperiment` takes: `rows` is an
/// array of row objects or an object of column arrays; `options.variant` names the variant
/// column (default `"variant"`), `options.metrics` the metrics
/// (`{ name, kind, column?, denominator?, covariate? }`). Column names are used as given.
/// @throws {TouchpointError} `INVALID_RECORD` naming the row and column of a missing or
/// non-numeric value, a conversion other than 0/1, or an unlisted variant; `INVALID_CONFIG`
/// for a missing column or bad options.
#[wasm_bindgen(js_name = experimentFromRows, unchecked_return_type = "ExperimentData")]
pub fn experiment_from_rows(
    #[wasm_bindgen(
        unchecked_param_type = "Array<Record<string, unknown>> | Record<string, unknown[]>"
    )]
    rows: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ExperimentRowOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let Some(o) = read::<RowOptions>(&options, "options")? else {
        return Err(argument_error(
            "options",
            None,
            "expected the metrics, an object",
        ));
    };
    // Read as JSON without respelling: column names are the user's.
    let rows = crate::convert::json_value(&rows, "rows")?;
    to_js(&thrown(touchpoint::experiment_from_records(&rows, &o))?)
}
