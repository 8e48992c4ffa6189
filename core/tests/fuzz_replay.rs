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
        .filter(|p| p.is_file() && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
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

fn main() {
    let args = Arguments::from_args();
    let trials = targets::TARGETS
        .iter()
        .map(|&(name, run)| Trial::test(name, move || replay(name, run)))
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
