//! Survey scores: `nps`, `csat` and `ces` (one file each: any iterable of numbers in, the
//! core's summary out as a dict) and `ds.cx_report` (`cx_report.rs`), mirroring
//! `core/src/survey/`.

use crate::error::{argument_error, guard, to_py, type_name, IntoPyResult};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyMapping, PyString};
use serde::Serialize;

/// Reads the answers: any iterable of real numbers (list, tuple, generator, range, numpy
/// array, …). Strings, bytes and mappings are refused, and so are `bool`s and other
/// non-numbers, each naming its 1-based position.
pub(crate) fn answers(obj: &Bound<'_, PyAny>) -> PyResult<Vec<f64>> {
    let refused = obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<PyBytes>()
        || obj.is_instance_of::<PyByteArray>()
        || obj.cast::<PyMapping>().is_ok();
    let iter = match obj.try_iter() {
        Ok(iter) if !refused => iter,
        _ => {
            let kind = type_name(obj);
            return Err(argument_error(
                "answers",
                None,
                format!("expected an iterable of numbers, got {kind}"),
            ));
        }
    };
    let mut out = Vec::with_capacity(obj.len().unwrap_or(0));
    for (i, item) in iter.enumerate() {
        let item = item?;
        let number = if item.is_instance_of::<PyBool>() {
            None
        } else {
            item.extract::<f64>().ok()
        };
        let Some(x) = number else {
            let kind = type_name(&item);
            return Err(argument_error(
                "answers",
                Some(format!("answer {}", i + 1)),
                format!("expected a number, got {kind}"),
            ));
        };
        out.push(x);
    }
    Ok(out)
}

/// Runs a score function on the answers and returns its summary as a dict.
pub(crate) fn score<'py, S: Serialize>(
    answers_obj: &Bound<'py, PyAny>,
    f: fn(&[f64]) -> touchpoint::Result<S>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let summary = f(&answers(answers_obj)?).into_py_result()?;
        to_py(answers_obj.py(), &summary)
    })
}

pub(crate) mod ces;
pub(crate) mod csat;
mod cx_report;
pub(crate) mod nps;
pub(crate) mod programme;
