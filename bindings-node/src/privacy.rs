//! Privacy: `dataset.forget(id)`, `dataset.export(id)` and `pseudonymize(key, id)`.
//!
//! `forget` changes the dataset in place. The `…Async` analyses share the dataset with the
//! libuv thread pool (each task holds a reference while it runs); `forget` changes it only
//! when no task holds it (`Dataset::data_mut`), and otherwise throws `INVALID_ARGUMENT`
//! without changing anything:
//! await the running analyses, then forget. (Waiting instead would block the JavaScript
//! thread; copying would let a running analysis return the forgotten customer after
//! `forget` returned.)

use crate::dataset::{pseudonym_key, Dataset};
use crate::error::{arg, guard, plain, to_js, to_value, IntoNapiResult};
use crate::task::{core, Job, Pending};
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use serde::Deserialize;
use serde_json::Value;
use touchpoint::RecordRef;

/// One id or a list of them.
#[derive(Deserialize)]
#[serde(untagged)]
enum Ids {
    One(String),
    Many(Vec<String>),
}

#[napi]
impl Dataset {
    /// Forgets the customer of `id` (its id, or any anonymous id or alias merged into it),
    /// or of each id of an array, in place: its events, traits and ids leave the dataset.
    /// Returns the receipt `{found, customers, events, traits, ids}` (counts only).
    /// @throws {TouchpointError} `INVALID_RECORD` for an empty or invalid id (`record N`,
    /// field `id`; nothing is forgotten); `INVALID_ARGUMENT` from the call of an `…Async`
    /// analysis (or `exportAsync`) of this dataset until its promise settles.
    #[napi(
        ts_args_type = "id: string | string[]",
        ts_return_type = "ForgetReceipt"
    )]
    pub fn forget<'env>(&self, env: &'env Env, id: Unknown<'_>) -> napi::Result<Unknown<'env>> {
        guard(env, || {
            let ids = match arg::<Ids>(env, id, "id")? {
                Ids::One(id) => vec![id],
                Ids::Many(ids) => ids,
            };
            let Some(mut data) = self.data_mut() else {
                return Err(crate::error::binding_error(
                    env,
                    "INVALID_ARGUMENT",
                    "the dataset is in use by a running …Async analysis: await it, then forget"
                        .into(),
                    None,
                ));
            };
            let receipt = data
                .forget_all(ids.iter().map(String::as_str))
                .into_napi(env)?;
            plain(env, receipt)
        })
    }

    /// Everything held about the customer of `id`: `{customerId, ids, traits, events,
    /// derived}`, or `null` when nothing is held. The events re-read with
    /// `Dataset.fromEvents`.
    /// @throws {TouchpointError} `INVALID_RECORD` for an empty or invalid id.
    #[napi(ts_args_type = "id: string", ts_return_type = "CustomerExport | null")]
    pub fn export<'env>(&self, env: &'env Env, id: Unknown<'_>) -> napi::Result<Unknown<'env>> {
        guard(env, || {
            let id: String = arg(env, id, "id")?;
            plain(env, self.data().export(&id).into_napi(env)?)
        })
    }

    /// The same export off the event loop (it costs about four analyses): it runs on the
    /// libuv thread pool, and the promise resolves to what `export` returns. It never throws:
    /// it rejects with the `TouchpointError` `export` would throw.
    #[napi(
        ts_args_type = "id: string",
        ts_return_type = "Promise<CustomerExport | null>"
    )]
    pub fn export_async(&self, env: Env, id: Unknown<'_>) -> napi::Result<Pending<Value>> {
        Job::start(&env, || {
            let id: String = arg(&env, id, "id")?;
            Ok(Job::spawn_on(
                &self.data(),
                move |data| to_value(core(data.export(&id))?),
                to_js,
            ))
        })
    }
}

/// The pseudonym of `id` under `key` (a `Buffer`, `Uint8Array` or string of at least 16
/// bytes): the lowercase hex of HMAC-SHA-256, as the readers' `pseudonymKey` option makes
/// it (`crypto.createHmac('sha256', key).update(id).digest('hex')`).
/// @throws {TouchpointError} `INVALID_CONFIG` for a key shorter than 16 bytes;
/// `INVALID_RECORD` for an empty or invalid id.
#[napi(ts_args_type = "key: Uint8Array | string, id: string")]
pub fn pseudonymize(env: Env, key: Unknown<'_>, id: Unknown<'_>) -> napi::Result<String> {
    guard(&env, || {
        let key = pseudonym_key(&env, key)?;
        let id: String = arg(&env, id, "id")?;
        touchpoint::limits::check_id(&id, RecordRef::Record(1), "id").into_napi(&env)?;
        Ok(key.pseudonym(&id))
    })
}
