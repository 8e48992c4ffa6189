//! Replays the shared test vectors in `../vectors/` against the Rust API.

#[path = "vectors_support/experiment.rs"]
mod experiment;
#[path = "vectors_support/inputs.rs"]
mod inputs;
#[path = "vectors_support/live.rs"]
mod live;
#[path = "vectors_support/sentiment.rs"]
mod sentiment;
#[path = "vectors_support/survey.rs"]
mod survey;
#[path = "vectors_support/value.rs"]
mod value;
#[path = "vectors_support/voice.rs"]
mod voice;

use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;
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
        .map(inputs::number)
        .collect()
}

fn stage_map(input: &Value) -> Result<StageMap> {
    let stage_map = input.get("stage_map").map(inputs::expand);
    match stage_map.as_ref().and_then(Value::as_object) {
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
    Ok(ingest::read_records(records(input), Mode::Strict)?.dataset)
}

/// A case's `events`, generated inputs expanded.
fn records(input: &Value) -> Vec<Value> {
    match inputs::expand(&input["events"]) {
        Value::Array(events) => events,
        other => panic!("events must be a list, not {other}"),
    }
}

/// A case's `text` (read through the byte readers when it is not UTF-8).
fn read_text(op: &str, text: &Value, mode: Mode) -> Result<Ingested> {
    let bytes = inputs::text(text);
    match (op, std::str::from_utf8(&bytes)) {
        ("read_csv", Ok(text)) => ingest::read_csv(text, mode),
        ("read_csv", Err(_)) => ingest::read_csv_from(&bytes[..], mode),
        (_, Ok(text)) => ingest::read_segment(text, mode),
        (_, Err(_)) => ingest::read_segment_from(&bytes[..], mode),
    }
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
            let data = ingest::read_records(records(input), Mode::Strict)?.dataset;
            serde_json::to_value(touchpoint::cx_report(&data, &stages)).unwrap()
        }
        "read_segment" | "read_csv" => {
            let mode = Mode::parse(input["mode"].as_str().unwrap_or("strict"))?;
            ingested(read_text(op, &input["text"], mode))?
        }
        "from_events" => {
            let mode = Mode::parse(input["mode"].as_str().unwrap_or("strict"))?;
            ingested(ingest::read_records(records(input), mode))?
        }
        "from_columns" => panic!("a from_columns case needs skip.rust (see vectors/README.md)"),
        "journey_map" => {
            let data = events(input)?;
            let options = touchpoint::options_from_value(inputs::expand(&input["options"]))?;
            serde_json::to_value(touchpoint::journey_map(&data, &options)?).unwrap()
        }
        "sessions" | "engagement" | "lifecycle" | "engagement_score" => {
            // The data is `events` (event objects) or `segment` (Segment NDJSON, for traits).
            let data = match input.get("segment").and_then(Value::as_str) {
                Some(text) => ingest::read_segment(text, Mode::Strict)?.dataset,
                None => events(input)?,
            };
            let options = inputs::expand(&input["options"]);
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
            let options = touchpoint::options_from_value(inputs::expand(&input["options"]))?;
            serde_json::to_value(touchpoint::pain_points(&data, &options)?).unwrap()
        }
        "cx_pyramid" => {
            let data = events(input)?;
            let options = touchpoint::options_from_value(inputs::expand(&input["options"]))?;
            serde_json::to_value(touchpoint::cx_pyramid(&data, &options)?).unwrap()
        }
        "rfm" | "engagement_tiers" | "rule_segments" => {
            // The data is `events` (event objects) or `segment` (Segment NDJSON, for traits).
            let data = match input.get("segment").and_then(Value::as_str) {
                Some(text) => ingest::read_segment(text, Mode::Strict)?.dataset,
                None => events(input)?,
            };
            let options = inputs::expand(&input["options"]);
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
            let options = touchpoint::options_from_value(inputs::expand(&input["options"]))?;
            serde_json::to_value(touchpoint::funnel(&data, &options)?).unwrap()
        }
        "retention" => {
            let data = events(input)?;
            let options = touchpoint::options_from_value(inputs::expand(&input["options"]))?;
            serde_json::to_value(touchpoint::retention(&data, &options)?).unwrap()
        }
        "overview" => {
            let data = events(input)?;
            let options = touchpoint::options_from_value(inputs::expand(&input["options"]))?;
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
        "partial" => partial(input)?,
        "purchase_histories" => {
            let data = events(input)?;
            let options = touchpoint::options_from_value(inputs::expand(&input["options"]))?;
            serde_json::to_value(touchpoint::purchase_histories(&data, &options)?).unwrap()
        }
        "purchase_histories_from_transactions"
        | "fit_purchase_model"
        | "predict_purchases"
        | "fit_spend_model"
        | "expected_spend"
        | "lifetime_value" => value::run(op, input)?,
        "experiment" => {
            let data = events(input)?;
            let options = touchpoint::options_from_value(inputs::expand(&input["options"]))?;
            serde_json::to_value(touchpoint::experiment(&data, &options)?).unwrap()
        }
        "analyze_experiment"
        | "experiment_from_rows"
        | "sample_ratio_check"
        | "adjust_p_values"
        | "sample_size"
        | "minimum_detectable_effect"
        | "nps_difference" => experiment::run(op, input)?,
        "sentiment" => sentiment::run(input)?,
        "survey_template" | "score_survey" | "compare_survey_waves" => survey::run(op, input)?,
        "voice_of_customer" if input.get("events").is_some() => {
            let data = events(input)?;
            let options = touchpoint::options_from_value(inputs::expand(&input["options"]))?;
            serde_json::to_value(touchpoint::voice_of_dataset(&data, &options)?).unwrap()
        }
        "voice_of_customer" => voice::run(input)?,
        "live" => live::run(input)?,
        other => panic!("unknown op {other}"),
    })
}

/// The `partial` op (vectors/partial.json): each partition's state, merged in reverse order,
/// finished; with `one_machine`, the report must equal the analysis over all the events.
fn partial(input: &Value) -> Result<Value> {
    let analysis = input["analysis"].as_str().expect("analysis");
    let options = inputs::expand(&input["options"]);
    let context = touchpoint::PartitionContext::from_value(input["context"].clone())?;
    let mut states = Vec::new();
    let mut all = Vec::new();
    for p in input["partitions"].as_array().expect("partitions") {
        let mut data = events(p)?;
        all.extend(p["events"].as_array().expect("events").iter().cloned());
        let keys = (
            p["keys"][0].as_u64().unwrap(),
            p["keys"][1].as_u64().unwrap(),
        );
        let state =
            touchpoint::PartialState::run(&mut data, analysis, options.clone(), &context, keys)?;
        states.push(touchpoint::PartialState::from_bytes(&state.to_bytes()));
    }
    states.reverse();
    let report =
        serde_json::to_value(touchpoint::PartialState::merge_all(states)?.finish()?).unwrap();
    if input["one_machine"] == json!(true) {
        let one = json!({"events": all, "options": input["options"]});
        let single = run(analysis, &one)?;
        assert_eq!(
            report, single,
            "partial {analysis}: not one machine's report"
        );
    }
    Ok(report)
}

/// The default tolerance of a number (absolute, or relative above 1); a case may set its own
/// (`"tolerance"`, vectors/README.md).
const TOLERANCE: f64 = 1e-9;

/// Subset match: every key of `expected` must match in `actual`; numbers within `tolerance`.
fn matches(
    expected: &Value,
    actual: &Value,
    path: &str,
    tolerance: f64,
) -> std::result::Result<(), String> {
    match (expected, actual) {
        (Value::Number(e), Value::Number(a)) => {
            let (e, a) = (e.as_f64().unwrap(), a.as_f64().unwrap());
            if (e - a).abs() <= tolerance * e.abs().max(1.0) {
                Ok(())
            } else {
                Err(format!("{path}: expected {e}, got {a}"))
            }
        }
        (Value::Object(e), Value::Object(a)) => e.iter().try_for_each(|(k, ev)| match a.get(k) {
            Some(av) => matches(ev, av, &format!("{path}.{k}"), tolerance),
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
                .try_for_each(|(i, (ev, av))| matches(ev, av, &format!("{path}[{i}]"), tolerance))
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
            let skip = case.pointer("/skip/rust").is_some();
            let class = (file_name == BAD_INPUT).then(|| class_of(&case));
            if let Some(class) = &class {
                let mut tally = TALLY.lock().unwrap();
                let t = tally.entry(class.clone()).or_default();
                t.cases += 1;
                t.skipped += usize::from(skip);
            }
            let trial_name = name.clone();
            trials.push(
                libtest_mimic::Trial::test(name, move || {
                    let outcome = if case["isolate"] == true && std::env::var_os(CHILD).is_none() {
                        in_child(&trial_name)
                    } else {
                        check(&case)
                    };
                    if let (Some(class), Ok(())) = (&class, &outcome) {
                        TALLY.lock().unwrap().get_mut(class).unwrap().passed += 1;
                    }
                    outcome.map_err(Into::into)
                })
                .with_ignored_flag(skip),
            );
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
    let conclusion = libtest_mimic::run(&args, trials);
    if std::env::var_os(CHILD).is_none() {
        print_bad_input_counts();
    }
    conclusion.exit();
}

/// The file of the bad-input matrix, whose passes are counted by class.
const BAD_INPUT: &str = "bad_input.json";
/// Set in the child process that runs one `isolate` case.
const CHILD: &str = "TOUCHPOINT_VECTOR_CHILD";

/// Cases of one bad-input class: how many, how many passed, how many are skipped in Rust.
#[derive(Default)]
struct Tally {
    cases: usize,
    passed: usize,
    skipped: usize,
}

static TALLY: Mutex<BTreeMap<String, Tally>> = Mutex::new(BTreeMap::new());

/// `B07` of `B07 value NaN: …`.
fn class_of(case: &Value) -> String {
    let name = case["name"].as_str().unwrap();
    name.split_whitespace().next().unwrap().to_string()
}

/// The line the test command shows: bad-input classes and cases passed (a class passes when
/// every case of it that runs in Rust passed).
fn print_bad_input_counts() {
    let tally = TALLY.lock().unwrap();
    let ran = |t: &Tally| t.passed + t.skipped;
    let classes = tally
        .values()
        .filter(|t| t.passed > 0 && ran(t) == t.cases)
        .count();
    let cases: usize = tally.values().map(|t| t.cases).sum();
    let passed: usize = tally.values().map(|t| t.passed).sum();
    let skipped: usize = tally.values().map(|t| t.skipped).sum();
    println!(
        "bad_input (rust): {classes} of {} classes, {passed} of {} cases passed ({skipped} skipped: no Rust form)",
        tally.len(),
        cases - skipped
    );
}

/// Runs one case in a child process (this test binary, that case only), so that a crash (a
/// stack overflow, an allocation failure) fails the case instead of ending every test. The
/// child gets at most 4 GiB of address space and 120 s (`sh`'s `ulimit`), so that a case
/// allocating without bound fails quickly instead of swapping the machine.
fn in_child(name: &str) -> std::result::Result<(), String> {
    let exe = std::env::current_exe().unwrap();
    // Files, not pipes: a child writing much would block on a full pipe.
    let log = |n: &str| {
        let path = std::env::temp_dir().join(format!(
            "touchpoint-vector-{}-{:x}.{n}",
            std::process::id(),
            name.bytes()
                .fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)))
        ));
        (std::fs::File::create(&path).unwrap(), path)
    };
    let ((out_file, out_path), (err_file, err_path)) = (log("out"), log("err"));
    let mut child = std::process::Command::new("sh")
        .args([
            "-c",
            "ulimit -v 4194304; exec \"$0\" \"$1\" --exact --test-threads 1",
        ])
        .arg(exe)
        .arg(name)
        .env(CHILD, "1")
        .stdout(out_file)
        .stderr(err_file)
        .spawn()
        .map_err(|e| e.to_string())?;
    let started = std::time::Instant::now();
    while child.try_wait().map_err(|e| e.to_string())?.is_none() {
        if started.elapsed() > std::time::Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            return Err("in a child process: no answer in 120 s".into());
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    let read = |path: &PathBuf| {
        let text = std::fs::read(path).unwrap_or_default();
        let _ = std::fs::remove_file(path);
        String::from_utf8_lossy(&text).into_owned()
    };
    let (stdout, stderr) = (read(&out_path), read(&err_path));
    if status.success() && stdout.contains("1 passed") {
        Ok(())
    } else {
        // The child's last lines, indented (a `test result:` line of the child must not look
        // like one of this binary's to scripts/test.sh's counter).
        let tail = |s: &str| {
            let lines: Vec<&str> = s.lines().rev().take(12).collect();
            lines
                .iter()
                .rev()
                .map(|l| format!("\n  | {l}"))
                .collect::<String>()
        };
        Err(format!(
            "in a child process ({status}): {} {}",
            tail(&stdout),
            tail(&stderr)
        ))
    }
}

fn check(case: &Value) -> std::result::Result<(), String> {
    let result = run(case["op"].as_str().unwrap(), &case["input"]);
    let tolerance = case["tolerance"].as_f64().unwrap_or(TOLERANCE);
    match (result, case.get("expected"), case.get("error")) {
        (Ok(actual), Some(expected), _) => matches(expected, &actual, "", tolerance),
        (Err(e), _, Some(expected)) => matches(
            expected,
            &serde_json::to_value(ErrorInfo::from(&e)).unwrap(),
            "error",
            tolerance,
        ),
        (Ok(actual), None, _) => Err(format!("expected an error, got {actual}")),
        (Err(e), _, None) => Err(format!("unexpected error: {e}")),
    }
}
