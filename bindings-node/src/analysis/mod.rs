//! Dataset analyses (`ds.journeyMap(options)`, `ds.painPoints(options)`, …) and their
//! `…Async` forms (`ds.journeyMapAsync(options)`): one generic path from an options object
//! to the core's report as a plain object, and the [`analyses!`] macro that declares both
//! methods of each analysis. Each analysis is one macro entry in the file named after its
//! core module (`analysis/funnel.rs` ↔ `core/src/analysis/funnel/`).

use crate::error::{guard, plain, to_js, to_value, IntoNapiResult};
use crate::task::{core, Job, Pending};
use napi::bindgen_prelude::Unknown;
use napi::Env;
use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;
use std::sync::Arc;
use touchpoint::camel_case::camel_error;

/// Runs one analysis: `options` (an object with camelCase keys, `undefined` or `null`) → `O`
/// and `f` through `touchpoint::with_camel_options` (an unknown, mistyped or invalid option
/// is `INVALID_CONFIG` naming it as written, `steps[1].withinSeconds`), then the report with
/// camelCase keys.
pub(crate) fn analysis<'env, O, R>(
    env: &'env Env,
    data: &touchpoint::Dataset,
    options: Unknown<'_>,
    f: impl FnOnce(&touchpoint::Dataset, &O) -> touchpoint::Result<R>,
) -> napi::Result<Unknown<'env>>
where
    O: DeserializeOwned + Default + Serialize,
    R: Serialize,
{
    guard(env, || {
        let value = crate::js::options(env, options)?;
        let report = touchpoint::with_camel_options(value, |o: &O| f(data, o)).into_napi(env)?;
        plain(env, report)
    })
}

/// The `…Async` form of [`analysis`]: `options` is read now, on the JavaScript thread (a bad
/// one rejects the returned promise); `f` and the conversion of its report to a
/// `serde_json::Value` (`to_value`, as the synchronous form) run on the libuv thread pool
/// with a shared handle on the dataset; the promise resolves to the same plain object.
pub(crate) fn analysis_async<O, R>(
    env: &Env,
    data: &Arc<touchpoint::Dataset>,
    options: Unknown<'_>,
    f: fn(&touchpoint::Dataset, &O) -> touchpoint::Result<R>,
) -> napi::Result<Pending<Value>>
where
    O: DeserializeOwned + Default + Serialize + Send + 'static,
    R: Serialize + 'static,
{
    Job::start(env, || {
        let value = crate::js::options(env, options)?;
        let options: O = touchpoint::options_from_camel_value(value).into_napi(env)?;
        Ok(Job::spawn_on(
            data,
            move |data| {
                let report = f(data, &options).map_err(|e| camel_error(e, &options));
                to_value(core(report)?)
            },
            to_js,
        ))
    })
}

/// Declares the `Dataset` methods of analyses, each entry giving the synchronous method
/// (through [`analysis`]) and its `…Async` form (through [`analysis_async`]):
/// `rust_name, rust_name_async: "TypeScript arguments" => "Report", "Promise<Report>" = core
/// function;`. (Both names and both TypeScript types are written out: `macro_rules!` cannot
/// join identifiers or build the string napi-rs reads.) The calling file must have `Dataset`
/// in scope (`#[napi]` wants a plain type name).
///
/// Each entry's doc is written as `#[doc = " …"]` lines, not `///`: a `///` comment passed
/// through `macro_rules!` arrives as a raw string token (`r" …"`), which napi-derive copies
/// into index.d.ts as is (`* r" The funnel: …`); test/types.test.ts checks that none is left.
macro_rules! analyses {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident, $name_async:ident : $args:literal => $report:literal, $promise:literal = $f:path;
    )+) => {
        #[napi_derive::napi]
        impl Dataset {
            $(
                $(#[doc = $doc])*
                #[napi(ts_args_type = $args, ts_return_type = $report)]
                pub fn $name<'env>(
                    &self,
                    env: &'env napi::Env,
                    options: napi::bindgen_prelude::Unknown<'_>,
                ) -> napi::Result<napi::bindgen_prelude::Unknown<'env>> {
                    $crate::analysis::analysis(env, &self.data(), options, $f)
                }

                /// The same analysis off the event loop: it runs on the libuv thread pool,
                /// and the promise resolves to the report the synchronous form returns. It
                /// never throws: it rejects with the `TouchpointError` the synchronous form
                /// would throw (a bad option included).
                #[napi(ts_args_type = $args, ts_return_type = $promise)]
                pub fn $name_async(
                    &self,
                    env: napi::Env,
                    options: napi::bindgen_prelude::Unknown<'_>,
                ) -> napi::Result<$crate::task::Pending<serde_json::Value>> {
                    $crate::analysis::analysis_async(&env, &self.data(), options, $f)
                }
            )+
        }
    };
}
pub(crate) use analyses;

mod cx_pyramid;
mod engagement;
mod engagement_score;
mod funnel;
mod journey_map;
mod lifecycle;
mod overview;
mod pain_points;
mod retention;
mod segments;
mod sessions;
