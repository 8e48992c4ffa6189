//! Dataset analyses (`ds.journeyMap(options?)`, `ds.funnel(options?)`, …), all of one shape
//! (docs/bindings.md): an options object in, the core's report out. Each analysis is a few
//! lines in the file named after its core module; this is the path they share. Their option
//! and report types are in `types/results.d.ts` (see `lib.rs`), shared with the Node package.

use crate::convert::{self, to_js};
use crate::error::IntoJsResult;
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_ANALYSIS: &'static str = r#"
/**
 * A time in options (`asOf`): RFC 3339 text, `YYYY-MM-DD[ HH:MM:SS]` (UTC), epoch
 * milliseconds, or a `Date`. Results give times as RFC 3339 text (UTC).
 */
export type TimeInput = string | number | Date;
"#;

/// Runs one analysis: `options` (an object with camelCase keys, `undefined` or `null`) → `O`
/// and `f` through `touchpoint::with_camel_options` (an unknown, mistyped or invalid option is
/// `INVALID_CONFIG` naming it as written, `steps[1].withinSeconds`), then the report as a
/// plain object with camelCase keys.
pub(crate) fn analysis<O, R>(
    data: &touchpoint::Dataset,
    options: &JsValue,
    f: impl FnOnce(&touchpoint::Dataset, &O) -> touchpoint::Result<R>,
) -> Result<JsValue, JsValue>
where
    O: DeserializeOwned + Default + Serialize,
    R: Serialize,
{
    let options = convert::options(options)?;
    to_js(&touchpoint::with_camel_options(options, |o: &O| f(data, o)).into_js()?)
}

/// Declares `Dataset` methods that run analyses through [`analysis`], with their TypeScript
/// option and report types: `js_name / rust_name: "Options", "Report" => core function`.
/// The calling module must have `Dataset` in scope (`#[wasm_bindgen]` wants a plain name).
macro_rules! analyses {
    ($( $(#[$doc:meta])* $js:ident / $rust:ident : $opts:literal, $report:literal => $f:path; )+) => {
        #[wasm_bindgen::prelude::wasm_bindgen]
        impl Dataset {
            $(
                $(#[$doc])*
                #[wasm_bindgen(js_name = $js, unchecked_return_type = $report)]
                pub fn $rust(
                    &self,
                    #[wasm_bindgen(unchecked_optional_param_type = $opts)] options: wasm_bindgen::JsValue,
                ) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue> {
                    $crate::analysis::analysis(&self.data, &options, $f)
                }
            )+
        }
    };
}
pub(crate) use analyses;

pub mod cx_pyramid;
pub mod engagement;
pub mod engagement_score;
pub mod funnel;
pub mod journey_map;
pub mod lifecycle;
pub mod overview;
pub mod pain_points;
pub mod retention;
pub mod segments;
pub mod sessions;
