//! Errors as JavaScript sees them: every error is a `TouchpointError` (`js/error.js`, exported
//! by the package), a real `Error` subclass (so `instanceof Error`, `err.stack` and
//! `err.message` work) with three more properties:
//!
//! - `code`: the stable code (`"OUT_OF_RANGE"`, `"INVALID_ARGUMENT"`, `"INTERNAL"`, …);
//! - `record`: the record it names (`"line 3"`, `"record 2"`, `"answer 1"`) or `null`;
//! - `field`: the field or option it names (`"survey.score"`, `"mode"`) or `null`.
//!
//! Core errors are mapped by [`IntoJsResult`]; arguments of the wrong type become
//! `INVALID_ARGUMENT` ([`argument_error`]).
//!
//! ## Panics
//!
//! The package is built with `panic=abort`: a panic cannot be caught in Rust, and would
//! surface as `RuntimeError: unreachable` with the instance left in an undefined state.
//! Instead, the panic hook installed at start-up
//!
//! 1. schedules a re-instantiation of the module (`wasm_bindgen::handler::schedule_reinit`):
//!    the next call of any export runs on a fresh `WebAssembly.Instance`;
//! 2. throws a `TouchpointError` with code `INTERNAL` and the panic message straight to the
//!    JavaScript caller (the exception unwinds the wasm frames without running Rust code).
//!
//! `schedule_reinit` is `#[doc(hidden)]` in wasm-bindgen 0.2.130 (documented only in its
//! module doc and changelog; the alternative, `--experimental-reset-state-function`, is
//! experimental too), so wasm-bindgen is pinned exactly (`=0.2.130`, root `Cargo.toml`) and
//! the browser test "a panic becomes an INTERNAL Error, and the module keeps working" (and the
//! next one, stale objects) in `test/api.test.mjs` proves the mechanism: an upgrade must pass it.
//!
//! Objects made before the panic (`Dataset`s) belong to the discarded instance: from the
//! panic on, their methods and getters throw `INTERNAL` and `free()` does nothing (see
//! `js/instance-guard.js`, which also keeps wasm-bindgen's glue from touching the new
//! instance's memory through them).

use touchpoint::{ErrorInfo, RecordRef, TouchpointError};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_ERRORS: &'static str = r#"
/**
 * What every touchpoint function throws: a real `Error` (`err instanceof Error`) with a
 * stable `code` and the record and field it names. `name` is `"TouchpointError"`.
 * `err instanceof TouchpointError` holds for every error this package throws.
 */
export class TouchpointError extends Error {
  constructor(message: string, details: { code: ErrorCode; record?: string | null; field?: string | null });
  name: "TouchpointError";
  code: ErrorCode;
  /** The record, e.g. `"line 3"`, `"record 2"`, `"answer 1"`; `null` if none. */
  record: string | null;
  /** The field or option as written, e.g. `"survey.score"`, `"customerId"`, `"mode"`; `null` if none. */
  field: string | null;
}
"#;

#[wasm_bindgen(module = "/js/error.js")]
extern "C" {
    /// The class, re-exported by the package's entry as `TouchpointError` (its TypeScript
    /// declaration is `TS_ERRORS`); never called from Rust.
    #[wasm_bindgen(js_name = TouchpointError, reexport, skip_typescript)]
    fn touchpoint_error_class();

    /// `new TouchpointError(message, { code, record, field })`.
    #[wasm_bindgen(js_name = touchpointError)]
    fn touchpoint_error(
        code: &str,
        message: &str,
        record: Option<String>,
        field: Option<String>,
    ) -> JsValue;
}

/// Builds a `TouchpointError` with `code`, `record` and `field`.
pub fn js_error(code: &str, message: &str, record: Option<&str>, field: Option<&str>) -> JsValue {
    touchpoint_error(
        code,
        message,
        record.map(str::to_string),
        field.map(str::to_string),
    )
}

/// The JavaScript `Error` of a core error.
pub fn from_core(e: &TouchpointError) -> JsValue {
    let info = ErrorInfo::from(e);
    js_error(
        &info.code,
        &info.message,
        info.record.as_deref(),
        info.field.as_deref(),
    )
}

/// An `INVALID_ARGUMENT` error: argument `arg` (or its element `record`) has the wrong type.
/// The message reads like the core's: `answer 2: argument `answers`: "7" is not a number`.
pub fn argument_error(arg: &str, record: Option<RecordRef>, message: &str) -> JsValue {
    let record = record.map(|r| r.to_string());
    let message = match &record {
        Some(r) => format!("{r}: argument `{arg}`: {message}"),
        None => format!("argument `{arg}`: {message}"),
    };
    js_error("INVALID_ARGUMENT", &message, record.as_deref(), Some(arg))
}

/// An `INVALID_ARGUMENT` error about column `column` of `Dataset.fromColumns` (missing,
/// unknown, of the wrong type or length), naming the column in `field`.
pub fn column_error(column: &str, message: &str) -> JsValue {
    js_error(
        "INVALID_ARGUMENT",
        &format!("argument `columns`: column `{column}`: {message}"),
        None,
        Some(column),
    )
}

/// An `INTERNAL` error: a bug in touchpoint.
pub fn internal_error(message: &str) -> JsValue {
    js_error("INTERNAL", message, None, None)
}

/// Turns a core result into a result whose error is a JavaScript `Error`.
pub trait IntoJsResult<T> {
    /// Maps the error with [`from_core`].
    fn into_js(self) -> Result<T, JsValue>;
}

impl<T> IntoJsResult<T> for touchpoint::Result<T> {
    fn into_js(self) -> Result<T, JsValue> {
        self.map_err(|e| from_core(&e))
    }
}

/// Installs the panic hook and seeds the columnar reader's hash tables; wasm-bindgen runs
/// this once per instance, before any export. (Also exported as `_start`, hidden from the
/// types: calling it again is harmless.)
#[wasm_bindgen(start, js_name = _start, skip_typescript)]
fn start() {
    std::panic::set_hook(Box::new(on_panic));
    crate::dataset::guard_instances();
    seed_hashing();
}

#[wasm_bindgen]
extern "C" {
    /// `globalThis.crypto.getRandomValues(bytes)` (Web Crypto: every browser, Node 19+, Deno).
    #[wasm_bindgen(js_namespace = ["globalThis", "crypto"], js_name = getRandomValues, catch)]
    fn get_random_values(bytes: &js_sys::Uint8Array) -> Result<JsValue, JsValue>;
}

/// Gives the core 8 random bytes for its hash-table seeds (`touchpoint::seed_hashing`): on
/// `wasm32-unknown-unknown` the hasher has no randomness of its own, so without them the seeds
/// would be the same on every page load and crafted customer ids could collide on purpose.
/// Where Web Crypto is missing the seeds stay as they are (reading still works).
fn seed_hashing() {
    let bytes = js_sys::Uint8Array::new_with_length(8);
    if get_random_values(&bytes).is_ok() {
        let mut entropy = [0u8; 8];
        bytes.copy_to(&mut entropy);
        touchpoint::seed_hashing(u64::from_le_bytes(entropy));
    }
}

/// Schedules a fresh instance for the next call, then throws `INTERNAL` to the caller.
fn on_panic(info: &std::panic::PanicHookInfo<'_>) {
    wasm_bindgen::handler::schedule_reinit();
    crate::dataset::discard_instance();
    let message = format!(
        "internal error (a bug in touchpoint, please report it): {info}\n\
         The module was re-initialised; Dataset objects created before this error can no longer be used."
    );
    wasm_bindgen::throw_val(internal_error(&message));
}

/// Panics on purpose, so the tests can check that a panic becomes an `INTERNAL` error.
/// Not part of the API (hidden from the TypeScript types).
#[doc(hidden)]
#[wasm_bindgen(js_name = _panicForTests, skip_typescript)]
pub fn panic_for_tests() {
    panic!("deliberate panic from _panicForTests()");
}
