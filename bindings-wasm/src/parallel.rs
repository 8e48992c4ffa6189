//! How many threads touchpoint uses: `setThreads(n)` and `threads()` (core:
//! `core/src/parallel.rs`). The browser build has one thread: the setting is checked and
//! kept, so code written for Node runs unchanged, and `threads()` is always 1.

use crate::error::{argument_error, IntoJsResult};
use wasm_bindgen::prelude::*;

/// Checks and keeps the thread setting (`0` = every core); the browser build still runs on
/// one thread. `INVALID_CONFIG` (field `threads`) unless a whole number from 0 to 1024;
/// `INVALID_ARGUMENT` for a value that is not a number.
#[wasm_bindgen(js_name = setThreads)]
pub fn set_threads(
    #[wasm_bindgen(unchecked_param_type = "number")] threads: JsValue,
) -> Result<(), JsValue> {
    let n = threads
        .as_f64()
        .ok_or_else(|| argument_error("threads", None, "expected a number"))?;
    let n = touchpoint::threads_from_number(n).into_js()?;
    touchpoint::set_threads(n).into_js()
}

/// How many threads readers and analyses use: 1 in the browser.
#[wasm_bindgen]
pub fn threads() -> usize {
    touchpoint::threads()
}
