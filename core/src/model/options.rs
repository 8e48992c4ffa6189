//! Reading analysis options from JSON-shaped values (Python dicts, JavaScript objects).

use crate::{Result, TouchpointError};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Reads options of type `T` from a JSON value; `null` means "all defaults". An unknown
/// option or a value of the wrong type is an [`TouchpointError::InvalidConfig`] naming the
/// option by its path (`steps[1].kind`).
pub fn options_from_value<T: DeserializeOwned + Default>(value: Value) -> Result<T> {
    if value.is_null() {
        return Ok(T::default());
    }
    serde_path_to_error::deserialize::<_, T>(value).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner().to_string();
        // The path names the offending option, unknown ones included; "." is the top level.
        let option = if path == "." { String::new() } else { path };
        TouchpointError::config(option, inner)
    })
}
