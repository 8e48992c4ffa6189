//! Privacy (docs/guide-privacy.md): `ds.forget(id)`, `ds.export(id)` and
//! `pseudonymize(key, id)`, mirroring `core/src/privacy/`. The readers' option
//! `{mode, pseudonymKey}` is read by `convert::read_options`.

use crate::convert::{self, describe, to_js};
use crate::dataset::Dataset;
use crate::error::{argument_error, IntoJsResult};
use js_sys::Array;
use touchpoint::RecordRef;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Dataset {
    /// Forgets the customer of `id` (its id, or any anonymous id or alias merged into it),
    /// or of each id of an array, in place: its events, traits and ids leave the dataset.
    /// Returns the receipt `{found, customers, events, traits, ids}` (counts only). An empty
    /// or invalid id is `INVALID_RECORD` (field `id`) and nothing is forgotten; an argument
    /// that is neither a string nor an array of strings is `INVALID_ARGUMENT`.
    #[wasm_bindgen(unchecked_return_type = "ForgetReceipt")]
    pub fn forget(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string | string[]")] id: JsValue,
    ) -> Result<JsValue, JsValue> {
        let ids = if Array::is_array(&id) {
            Array::from(&id)
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    v.as_string().ok_or_else(|| {
                        argument_error(
                            "id",
                            Some(RecordRef::Record(i as u64 + 1)),
                            &format!("expected a string, got {}", describe(&v)),
                        )
                    })
                })
                .collect::<Result<Vec<_>, _>>()?
        } else {
            vec![convert::text(&id, "id")?]
        };
        let receipt = self
            .data
            .forget_all(ids.iter().map(String::as_str))
            .into_js()?;
        to_js(&receipt)
    }

    /// Everything held about the customer of `id`: `{customerId, ids, traits, events,
    /// derived}`, or `null` when nothing is held. The events read back with
    /// `Dataset.fromEvents`. An empty or invalid id is `INVALID_RECORD` (field `id`).
    #[wasm_bindgen(unchecked_return_type = "CustomerExport | null")]
    pub fn export(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Result<JsValue, JsValue> {
        let id = convert::text(&id, "id")?;
        to_js(&self.data.export(&id).into_js()?)
    }
}

/// The pseudonym of `id` under `key` (a `Uint8Array`, or a string: its UTF-8 bytes; at
/// least 16 bytes): the lowercase hex of HMAC-SHA-256, as the readers' `pseudonymKey`
/// option makes it. A short key is `INVALID_CONFIG` (`pseudonymKey`); an empty or invalid id
/// `INVALID_RECORD` (`id`).
#[wasm_bindgen]
pub fn pseudonymize(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] key: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
) -> Result<String, JsValue> {
    let key = convert::pseudonym_key(&key)?;
    let id = convert::text(&id, "id")?;
    touchpoint::limits::check_id(&id, RecordRef::Record(1), "id").into_js()?;
    Ok(key.pseudonym(&id))
}
