//! How many threads touchpoint uses: `touchpoint.set_threads(n)` and `touchpoint.threads()`
//! (core: `core/src/parallel.rs`). Readers and analyses release the GIL and run on
//! touchpoint's own pool; the setting changes no result.

use crate::error::{argument_error, guard, type_name, IntoPyResult};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyInt};

/// Sets how many threads readers and analyses use, for the whole process: 0 (the default)
/// is every core, 1 runs on the calling thread.
#[pyfunction]
pub fn set_threads(threads: &Bound<'_, PyAny>) -> PyResult<()> {
    guard(|| {
        if threads.is_instance_of::<PyBool>() || !threads.is_instance_of::<PyInt>() {
            return Err(argument_error(
                "threads",
                None,
                format!("expected int, got {}", type_name(threads)),
            ));
        }
        // A Python int of any size: past i64 it is simply too many.
        let n = threads.extract::<i64>().map_or(f64::INFINITY, |n| n as f64);
        let n = touchpoint::threads_from_number(n).into_py_result()?;
        touchpoint::set_threads(n).into_py_result()
    })
}

/// How many threads readers and analyses use now.
#[pyfunction]
pub fn threads() -> usize {
    touchpoint::threads()
}

/// Registered with `os.register_at_fork(after_in_child=...)` by the package: a forked child
/// gets a thread pool of its own (the parent's threads do not exist there).
#[pyfunction]
pub fn _after_fork_in_child() {
    touchpoint::reset_threads_after_fork();
}
