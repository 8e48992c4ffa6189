//! The `voice_of_customer` op of `vectors/voice.json`.

use super::inputs;
use serde_json::Value;
use touchpoint::{Result, VoiceOptions};

pub fn run(input: &Value) -> Result<Value> {
    let options: VoiceOptions = touchpoint::options_from_value(input["options"].clone())?;
    options.check()?;
    let rows = match inputs::expand(&input["comments"]) {
        Value::Array(rows) => rows,
        other => panic!("comments: {other}"),
    };
    let comments = touchpoint::read_comments(&rows, &options)?;
    Ok(serde_json::to_value(touchpoint::voice_of_customer(&comments, &options)?).unwrap())
}
