//! Replays the fuzz corpus (`fuzz/corpus/<target>/`) and the committed crashers
//! (`fuzz/regressions/<target>/`) through the fuzz targets' bodies, so a plain `cargo test`
//! keeps every crash the fuzzer found fixed. One trial per target; see `fuzz/README.md`.

#[allow(dead_code)]
#[path = "../../fuzz/targets/mod.rs"]
mod targets;

use libtest_mimic::{Arguments, Failed, Trial};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// The files of `dir` (none when it does not exist), sorted.
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    files.sort();
    files
}

/// Replays every input of `target`; the first that panics fails the trial, naming it.
fn replay(name: &'static str, run: fn(&[u8])) -> Result<(), Failed> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let corpus = inputs(&fuzz.join("corpus").join(name));
    let regressions = inputs(&fuzz.join("regressions").join(name));
    let started = std::time::Instant::now();
    for file in corpus.iter().chain(&regressions) {
        let data = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
        if let Err(panic) = catch_unwind(AssertUnwindSafe(|| run(&data))) {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            return Err(format!("{}: {message}", file.display()).into());
        }
    }
    println!(
        "fuzz_replay {name}: replayed {} inputs ({} corpus, {} regressions) in {:.1} s",
        corpus.len() + regressions.len(),
        corpus.len(),
        regressions.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The result checks see a NaN that JSON would print as `null`, and name where it is.
fn the_checks_catch_nan() -> Result<(), Failed> {
    let fine = std::collections::BTreeMap::from([("share", vec![Some(50.0), None])]);
    targets::check::result_json("fine", &fine);
    let bad = std::collections::BTreeMap::from([("share", vec![Some(50.0), Some(f64::NAN)])]);
    let panic = catch_unwind(|| targets::check::result_json("bad", &bad))
        .err()
        .ok_or("a NaN passed the checks")?;
    let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
    match message == "bad: a NaN or infinite number at .share[1] = NaN" {
        true => Ok(()),
        false => Err(format!("unexpected message: {message}").into()),
    }
}

fn main() {
    let args = Arguments::from_args();
    let mut trials: Vec<Trial> = targets::TARGETS
        .iter()
        .map(|&(name, run)| Trial::test(name, move || replay(name, run)))
        .collect();
    trials.push(Trial::test("the checks catch NaN", the_checks_catch_nan));
    libtest_mimic::run(&args, trials).exit();
}
