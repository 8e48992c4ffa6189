//! Replays the shared test vectors in `../vectors/` against the Rust API.

use serde_json::{json, Value};
use std::path::PathBuf;
use touchpoint::ingest::{self, Ingested, Mode};
use touchpoint::{ErrorInfo, Result, StageMap};

fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../vectors")
}

fn answers(input: &Value) -> Vec<f64> {
    input["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .map(|v| v.as_f64().expect("number"))
        .collect()
}

fn stage_map(input: &Value) -> Result<StageMap> {
    match input.get("stage_map").and_then(Value::as_object) {
        None => Ok(StageMap::default()),
        Some(m) => {
            assert!(
                m.values().all(|v| v.is_null() || v.is_string()),
                "stage names must be strings or null"
            );
            StageMap::with_overrides(m.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        }
    }
}

/// The dataset of a case's `events`.
fn events(input: &Value) -> Result<touchpoint::Dataset> {
    let events = input["events"].as_array().expect("events").clone();
    Ok(ingest::read_records(events, Mode::Strict)?.dataset)
}

fn ingested(read: Result<Ingested>) -> Result<Value> {
    let read = read?;
    Ok(json!({
        "summary": read.dataset.summary(),
        "rejected": read.rejected.iter().map(ErrorInfo::from).collect::<Vec<_>>(),
        "report": touchpoint::cx_report(&read.dataset, &StageMap::default()),
    }))
}

fn run(op: &str, input: &Value) -> Result<Value> {
    Ok(match op {
        "nps" => serde_json::to_value(touchpoint::nps(&answers(input))?).unwrap(),
        "csat" => serde_json::to_value(touchpoint::csat(&answers(input))?).unwrap(),
        "ces" => serde_json::to_value(touchpoint::ces(&answers(input))?).unwrap(),
        "cx_report" => {
            let stages = stage_map(input)?;
            let events = input["events"].as_array().expect("events").clone();
            let data = ingest::read_records(events, Mode::Strict)?.dataset;
            serde_json::to_value(touchpoint::cx_report(&data, &stages)).unwrap()
        }
        "read_segment" | "read_csv" => {
            let mode = Mode::parse(input["mode"].as_str().unwrap_or("strict"))?;
            let text = input["text"].as_str().expect("text");
            let read = if op == "read_csv" {
                ingest::read_csv(text, mode)
            } else {
                ingest::read_segment(text, mode)
            };
            ingested(read)?
        }
        "journey_map" => {
            let data = events(input)?;
            let options = touchpoint::options_from_value(input["options"].clone())?;
            serde_json::to_value(touchpoint::journey_map(&data, &options)?).unwrap()
        }
        "sessions" | "engagement" | "lifecycle" | "engagement_score" => {
            // The data is `events` (event objects) or `segment` (Segment NDJSON, for traits).
            let data = match input.get("segment").and_then(Value::as_str) {
                Some(text) => ingest::read_segment(text, Mode::Strict)?.dataset,
                None => events(input)?,
            };
            let options = input["options"].clone();
            use touchpoint::options_from_value as opts;
            match op {
                "sessions" => serde_json::to_value(touchpoint::sessions(&data, &opts(options)?)?),
                "engagement" => {
                    serde_json::to_value(touchpoint::engagement(&data, &opts(options)?)?)
                }
                "lifecycle" => serde_json::to_value(touchpoint::lifecycle(&data, &opts(options)?)?),
                _ => serde_json::to_value(touchpoint::engagement_score(&data, &opts(options)?)?),
            }
            .unwrap()
        }
        "pain_points" => {
            let data = events(input)?;
            let options = touchpoint::options_from_value(input["options"].clone())?;
            serde_json::to_value(touchpoint::pain_points(&data, &options)?).unwrap()
        }
        "cx_pyramid" => {
            let data = events(input)?;
            let options = touchpoint::options_from_value(input["options"].clone())?;
            serde_json::to_value(touchpoint::cx_pyramid(&data, &options)?).unwrap()
        }
        "rfm" | "engagement_tiers" | "rule_segments" => {
            // The data is `events` (event objects) or `segment` (Segment NDJSON, for traits).
            let data = match input.get("segment").and_then(Value::as_str) {
                Some(text) => ingest::read_segment(text, Mode::Strict)?.dataset,
                None => events(input)?,
            };
            let options = input["options"].clone();
            use touchpoint::options_from_value as opts;
            match op {
                "rfm" => serde_json::to_value(touchpoint::rfm(&data, &opts(options)?)?),
                "engagement_tiers" => {
                    serde_json::to_value(touchpoint::engagement_tiers(&data, &opts(options)?)?)
                }
                _ => serde_json::to_value(touchpoint::rule_segments(&data, &opts(options)?)?),
            }
            .unwrap()
        }
        "funnel" => {
            let data = events(input)?;
            let options = touchpoint::options_from_value(input["options"].clone())?;
            serde_json::to_value(touchpoint::funnel(&data, &options)?).unwrap()
        }
        "retention" => {
            let data = events(input)?;
            let options = touchpoint::options_from_value(input["options"].clone())?;
            serde_json::to_value(touchpoint::retention(&data, &options)?).unwrap()
        }
        "overview" => {
            let data = events(input)?;
            let options = touchpoint::options_from_value(input["options"].clone())?;
            serde_json::to_value(touchpoint::overview(&data, &options)?).unwrap()
        }
        "pseudonymize" => {
            let key = input["key"].as_str().expect("key");
            let id = input["id"].as_str().expect("id");
            json!({ "pseudonym": touchpoint::pseudonymize(key.as_bytes(), id)? })
        }
        "forget" => {
            let mut data = events(input)?;
            let receipt = data.forget(input["id"].as_str().expect("id"))?;
            json!({ "receipt": receipt, "summary": data.summary() })
        }
        "export" => {
            let data = events(input)?;
            serde_json::to_value(data.export(input["id"].as_str().expect("id"))?).unwrap()
        }
        other => panic!("unknown op {other}"),
    })
}

/// Subset match: every key of `expected` must match in `actual`; numbers within 1e-9.
fn matches(expected: &Value, actual: &Value, path: &str) -> std::result::Result<(), String> {
    match (expected, actual) {
        (Value::Number(e), Value::Number(a)) => {
            let (e, a) = (e.as_f64().unwrap(), a.as_f64().unwrap());
            if (e - a).abs() <= 1e-9 * e.abs().max(1.0) {
                Ok(())
            } else {
                Err(format!("{path}: expected {e}, got {a}"))
            }
        }
        (Value::Object(e), Value::Object(a)) => e.iter().try_for_each(|(k, ev)| match a.get(k) {
            Some(av) => matches(ev, av, &format!("{path}.{k}")),
            None if ev.is_null() => Ok(()),
            None => Err(format!("{path}.{k}: missing")),
        }),
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                return Err(format!(
                    "{path}: expected {} items, got {}",
                    e.len(),
                    a.len()
                ));
            }
            e.iter()
                .zip(a)
                .enumerate()
                .try_for_each(|(i, (ev, av))| matches(ev, av, &format!("{path}[{i}]")))
        }
        (e, a) if e == a => Ok(()),
        (e, a) => Err(format!("{path}: expected {e}, got {a}")),
    }
}

/// One test per vector case, named `file: case`, so the count shows in the summary line.
fn main() {
    let args = libtest_mimic::Arguments::from_args();
    let mut files: Vec<_> = std::fs::read_dir(vectors_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    let mut trials = Vec::new();
    for file in files {
        let file_name = file.file_name().unwrap().to_string_lossy().into_owned();
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        for case in doc["cases"].as_array().unwrap().iter().cloned() {
            let name = format!("{file_name}: {}", case["name"].as_str().unwrap());
            trials.push(libtest_mimic::Trial::test(name, move || {
                check(&case).map_err(Into::into)
            }));
        }
    }
    assert!(trials.len() >= 30, "vector files missing");
    trials.push(libtest_mimic::Trial::test(
        "the browser suite lists every vector file",
        || {
            let listed: Value = serde_json::from_str(
                &std::fs::read_to_string(
                    vectors_dir().join("../bindings-wasm/test/vector-files.json"),
                )
                .map_err(|e| e.to_string())?,
            )
            .map_err(|e| e.to_string())?;
            let mut names: Vec<String> = std::fs::read_dir(vectors_dir())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".json"))
                .collect();
            names.sort();
            let mut listed: Vec<String> =
                serde_json::from_value(listed).map_err(|e| e.to_string())?;
            listed.sort();
            if listed == names {
                Ok(())
            } else {
                Err(format!("vector-files.json lists {listed:?}, vectors/ has {names:?}").into())
            }
        },
    ));
    libtest_mimic::run(&args, trials).exit();
}

fn check(case: &Value) -> std::result::Result<(), String> {
    let result = run(case["op"].as_str().unwrap(), &case["input"]);
    match (result, case.get("expected"), case.get("error")) {
        (Ok(actual), Some(expected), _) => matches(expected, &actual, ""),
        (Err(e), _, Some(expected)) => matches(
            expected,
            &serde_json::to_value(ErrorInfo::from(&e)).unwrap(),
            "error",
        ),
        (Ok(actual), None, _) => Err(format!("expected an error, got {actual}")),
        (Err(e), _, None) => Err(format!("unexpected error: {e}")),
    }
}
