//! The `live` op of `vectors/live.json`: steps of pushes (events with an optional `id`) and
//! clock advances; the signals of each step, then every customer's state and the stats.

use serde_json::{json, Value};
use touchpoint::{LiveEngine, LiveOptions, RecordRef, Result, Timestamp};

pub fn run(input: &Value) -> Result<Value> {
    let options: LiveOptions = touchpoint::options_from_value(input["options"].clone())?;
    let mut engine = LiveEngine::new(options)?;
    let mut signals = Vec::new();
    for step in input["steps"].as_array().expect("steps") {
        if let Some(events) = step.get("push") {
            let records = events
                .as_array()
                .expect("push")
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    let mut e = e.clone();
                    let id = e.as_object_mut().and_then(|m| m.remove("id"));
                    let at = RecordRef::Record(i as u64 + 1);
                    let id = match id {
                        None | Some(Value::Null) => Ok(None),
                        Some(Value::String(s)) => Ok(Some(s)),
                        Some(Value::Number(n)) => n
                            .as_f64()
                            .ok_or_else(|| "not a number".to_string())
                            .and_then(touchpoint::id_from_float)
                            .map(Some)
                            .map_err(|message| touchpoint::TouchpointError::InvalidRecord {
                                record: at,
                                field: "id".into(),
                                message,
                            }),
                        Some(other) => panic!("id: {other}"),
                    };
                    let event = touchpoint::ingest::event_from_value(e, at);
                    match id {
                        Ok(id) => (event, id),
                        Err(e) => (Err(e), None),
                    }
                })
                .collect();
            signals.push(engine.push_records(records, false)?);
        } else {
            let now: Timestamp = serde_json::from_value(step["advance"].clone()).expect("advance");
            signals.push(engine.advance(now));
        }
    }
    Ok(json!({
        "signals": signals,
        "customers": engine.customers().collect::<Vec<_>>(),
        "stats": engine.stats(),
    }))
}
