//! Reading analysis options from JSON-shaped values (Python dicts, JavaScript objects), in
//! the core's snake_case form or in camelCase.

use crate::camel_case::{camel_error, from_camel_case};
use crate::{Result, TouchpointError};
use serde::de::DeserializeOwned;
use serde::Serialize;
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
        config_error(path, e.into_inner().to_string())
    })
}

/// [`options_from_value`] for options written with camelCase keys (`{ perCustomer: true,
/// steps: [{ kind: "purchase", withinSeconds: 600 }] }`): struct fields in camelCase, map
/// keys (kinds, channels, segment names) as they are (see [`crate::camel_case`]). Errors name
/// the option as written (`steps[1].withinSeconds`); a snake_case spelling of a
/// multi-word option is refused, naming its camelCase spelling.
pub fn options_from_camel_value<T: DeserializeOwned + Default>(value: Value) -> Result<T> {
    if value.is_null() {
        return Ok(T::default());
    }
    let mut track = serde_path_to_error::Track::new();
    let read = from_camel_case(serde_path_to_error::Deserializer::new(value, &mut track));
    read.map_err(|e: serde_json::Error| config_error(track.path().to_string(), e.to_string()))
}

/// Runs `analysis` with options read by [`options_from_camel_value`]; an error about an
/// option that the analysis reports after reading them (a negative window, an unknown stage)
/// names it in camelCase too ([`camel_error`](crate::camel_case::camel_error) over the
/// options read). What a binding for a camelCase language calls for each analysis.
pub fn with_camel_options<T, R>(value: Value, analysis: impl FnOnce(&T) -> Result<R>) -> Result<R>
where
    T: DeserializeOwned + Default + Serialize,
{
    let options: T = options_from_camel_value(value)?;
    analysis(&options).map_err(|e| camel_error(e, &options))
}

/// A value of type `T` (a saved model, say) from a JSON value: a wrong key or type is an
/// [`TouchpointError::InvalidConfig`] naming its path, or `what` for the value as a whole.
pub fn value_from_json<T: DeserializeOwned>(value: Value, what: &str) -> Result<T> {
    serde_path_to_error::deserialize::<_, T>(value).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { what.to_string() } else { path };
        TouchpointError::config(path, e.into_inner().to_string())
    })
}

/// [`value_from_json`] for a value written with camelCase keys (JavaScript).
pub fn value_from_camel_json<T: DeserializeOwned>(value: Value, what: &str) -> Result<T> {
    let mut track = serde_path_to_error::Track::new();
    let read = from_camel_case(serde_path_to_error::Deserializer::new(value, &mut track));
    read.map_err(|e: serde_json::Error| {
        let path = track.path().to_string();
        let path = if path == "." { what.to_string() } else { path };
        TouchpointError::config(path, e.to_string())
    })
}

/// The error of an option at `path` ("." is the top level: no option named).
fn config_error(path: String, message: String) -> TouchpointError {
    let option = if path == "." { String::new() } else { path };
    TouchpointError::config(option, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{FunnelOptions, PainPointOptions};
    use serde_json::json;

    #[test]
    fn camel_options_read_and_errors_name_camel_keys() {
        let o: PainPointOptions = options_from_camel_value(json!({
            "minEvidence": 2, "weights": {"drop_off": 3.0}, "stageMap": {"add_to_cart": "shop"}
        }))
        .unwrap();
        assert_eq!(o.min_evidence, 2);
        assert_eq!(o.weights["drop_off"], 3.0);
        assert!(o.stage_map.contains_key("add_to_cart"));

        let err = options_from_camel_value::<FunnelOptions>(json!({
            "steps": [{"kind": "a"}, {"kind": "b", "withinSeconds": "soon"}]
        }))
        .unwrap_err();
        assert_eq!(err.field(), Some("steps[1].withinSeconds"));

        let err =
            options_from_camel_value::<PainPointOptions>(json!({"min_evidence": 2})).unwrap_err();
        assert_eq!(err.field(), Some("min_evidence"));
        assert!(err.to_string().contains("`minEvidence`"), "{err}");

        let null: PainPointOptions = options_from_camel_value(Value::Null).unwrap();
        assert_eq!(null, PainPointOptions::default());
    }

    #[test]
    fn funnel_step_objects_are_read_from_camel_keys() {
        // A step is a kind name or an object: its hand-written visitor reads the object as a
        // struct, so its keys are fields (camelCase) too.
        let o: FunnelOptions = options_from_camel_value(json!({
            "steps": ["a", {"kind": "b", "withinSeconds": 60}], "windowSeconds": 600
        }))
        .unwrap();
        assert_eq!(o.steps[1].within_seconds, Some(60.0));
        let err = options_from_camel_value::<FunnelOptions>(json!({
            "steps": ["a", {"kind": "b", "withinSecond": 60}]
        }))
        .unwrap_err();
        assert_eq!(err.field(), Some("steps[1].withinSecond"));
        let err = options_from_camel_value::<FunnelOptions>(json!({"steps": [3]})).unwrap_err();
        assert!(
            err.to_string()
                .contains("expected struct FunnelStep (an event kind name"),
            "{err}"
        );
    }

    #[test]
    fn checks_after_reading_name_camel_keys() {
        let options = json!({"steps": [{"kind": "a"}, {"kind": "b", "withinSeconds": -5}]});
        let err = with_camel_options(options, |o: &FunnelOptions| {
            crate::funnel(&crate::Dataset::default(), o)
        })
        .unwrap_err();
        assert_eq!(err.field(), Some("steps[1].withinSeconds"));
        assert!(
            err.to_string().contains("`steps[1].withinSeconds`"),
            "{err}"
        );
    }
}
