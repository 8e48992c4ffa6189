//! How many threads touchpoint uses: `setThreads(n)` and `threads()` (core:
//! `core/src/parallel.rs`). The sync forms run on touchpoint's own pool and block the
//! calling JavaScript thread until done; the `…Async` forms start from libuv's pool.

use crate::error::{arg, guard, IntoNapiResult};
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;

/// Sets how many threads readers and analyses use, for the whole process (every worker
/// too): `0` (the default) is every core, `1` the calling thread. Results are the same,
/// bit for bit, whatever the setting.
///
/// @throws {TouchpointError} `INVALID_CONFIG` (field `threads`) unless a whole number from
/// 0 to 1024; `INVALID_ARGUMENT` for a value that is not a number.
#[napi(ts_args_type = "threads: number")]
pub fn set_threads(env: Env, threads: Unknown<'_>) -> napi::Result<()> {
    guard(&env, || {
        let n: f64 = arg(&env, threads, "threads")?;
        let n = touchpoint::threads_from_number(n).into_napi(&env)?;
        touchpoint::set_threads(n).into_napi(&env)
    })
}

/// How many threads readers and analyses use now.
#[napi]
pub fn threads() -> u32 {
    touchpoint::threads() as u32
}
