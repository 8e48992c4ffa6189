//! The Python exception hierarchy, the mapping of core errors onto it, and the panic guard
//! every exported function runs in.
//!
//! ```text
//! Exception
//! └── TouchpointError                      code None (base of everything below)
//!     ├── InvalidRecordError (+ValueError) INVALID_RECORD
//!     │   └── OutOfRangeError              OUT_OF_RANGE
//!     ├── ParseError (+ValueError)         PARSE_ERROR
//!     ├── ConfigError (+ValueError)        INVALID_CONFIG
//!     ├── ArgumentError (+TypeError)       INVALID_ARGUMENT
//!     ├── ConvergenceError                 NOT_CONVERGED
//!     ├── StoreError (+OSError)            STORE_ERROR
//!     └── InternalError                    INTERNAL
//! ```
//!
//! `create_exception!` takes a single base, so the classes that also derive from a builtin
//! (`ValueError`, `TypeError`) are made once, lazily, by calling `type(name, bases, ns)`,
//! exactly what a `class` statement does. Every class carries the class attributes `code`,
//! `record` and `field`; raised instances carry their own.

use pyo3::exceptions::{PyException, PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyTuple, PyType};
use std::panic::{catch_unwind, AssertUnwindSafe};
use touchpoint::ErrorInfo;

pyo3::create_exception!(
    touchpoint,
    TouchpointError,
    PyException,
    "Base class of every touchpoint error. Instances have `.code`, `.record` and `.field`."
);
pyo3::create_exception!(
    touchpoint,
    ConvergenceError,
    TouchpointError,
    "A model's fit found no optimum (iterations exhausted, parameters running to 0 or infinity). Code `NOT_CONVERGED`."
);
pyo3::create_exception!(
    touchpoint,
    InternalError,
    TouchpointError,
    "A bug in touchpoint (a panic caught at the boundary). Code `INTERNAL`."
);

/// One exception class made with `type()` because it has two bases.
struct DualClass {
    name: &'static str,
    doc: &'static str,
    cell: PyOnceLock<Py<PyType>>,
}

impl DualClass {
    const fn new(name: &'static str, doc: &'static str) -> Self {
        DualClass {
            name,
            doc,
            cell: PyOnceLock::new(),
        }
    }

    /// The class, made on first use from `bases`.
    fn get<'py>(
        &self,
        py: Python<'py>,
        bases: impl FnOnce() -> Vec<Bound<'py, PyType>>,
    ) -> PyResult<Bound<'py, PyType>> {
        let ty = self.cell.get_or_try_init(py, || -> PyResult<Py<PyType>> {
            let ns = PyDict::new(py);
            ns.set_item("__module__", "touchpoint")?;
            ns.set_item("__doc__", self.doc)?;
            let bases = PyTuple::new(py, bases())?;
            let ty = py.get_type::<PyType>().call1((self.name, bases, ns))?;
            Ok(ty.cast_into::<PyType>()?.unbind())
        })?;
        Ok(ty.bind(py).clone())
    }
}

static INVALID_RECORD: DualClass = DualClass::new(
    "InvalidRecordError",
    "A record lacks a field or has a bad one. Code `INVALID_RECORD`. Also a ValueError.",
);
static OUT_OF_RANGE: DualClass = DualClass::new(
    "OutOfRangeError",
    "A value outside what its field allows (an NPS answer of 11). Code `OUT_OF_RANGE`.",
);
static PARSE: DualClass = DualClass::new(
    "ParseError",
    "The text is not valid JSON / CSV. Code `PARSE_ERROR`. Also a ValueError.",
);
static CONFIG: DualClass = DualClass::new(
    "ConfigError",
    "An option is invalid. Code `INVALID_CONFIG`. Also a ValueError.",
);
static STORE: DualClass = DualClass::new(
    "StoreError",
    "A durable store could not be opened, read or written. Code `STORE_ERROR`. Also an OSError.",
);
static ARGUMENT: DualClass = DualClass::new(
    "ArgumentError",
    "An argument of the wrong type (binding level). Code `INVALID_ARGUMENT`. Also a TypeError.",
);

/// The exception class of an error code; unknown codes get the base class.
pub fn class_of<'py>(py: Python<'py>, code: &str) -> PyResult<Bound<'py, PyType>> {
    let base = || py.get_type::<TouchpointError>();
    match code {
        "INVALID_RECORD" => INVALID_RECORD.get(py, || vec![base(), py.get_type::<PyValueError>()]),
        "OUT_OF_RANGE" => {
            let parent = class_of(py, "INVALID_RECORD")?;
            OUT_OF_RANGE.get(py, || vec![parent])
        }
        "PARSE_ERROR" => PARSE.get(py, || vec![base(), py.get_type::<PyValueError>()]),
        "INVALID_CONFIG" => CONFIG.get(py, || vec![base(), py.get_type::<PyValueError>()]),
        "INVALID_ARGUMENT" => ARGUMENT.get(py, || vec![base(), py.get_type::<PyTypeError>()]),
        "NOT_CONVERGED" => Ok(py.get_type::<ConvergenceError>()),
        "STORE_ERROR" => STORE.get(py, || vec![base(), py.get_type::<PyOSError>()]),
        "INTERNAL" => Ok(py.get_type::<InternalError>()),
        _ => Ok(base()),
    }
}

/// Every code with an exception class of its own, paired with the class name.
pub const CODES: [(&str, &str); 8] = [
    ("INVALID_RECORD", "InvalidRecordError"),
    ("OUT_OF_RANGE", "OutOfRangeError"),
    ("PARSE_ERROR", "ParseError"),
    ("INVALID_CONFIG", "ConfigError"),
    ("INVALID_ARGUMENT", "ArgumentError"),
    ("NOT_CONVERGED", "ConvergenceError"),
    ("STORE_ERROR", "StoreError"),
    ("INTERNAL", "InternalError"),
];

/// Adds the exception classes to the module, each with class attributes `code`, `record`
/// and `field` (so an instance raised from Python code still has them).
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let base = py.get_type::<TouchpointError>();
    for attr in ["code", "record", "field"] {
        base.setattr(attr, py.None())?;
    }
    m.add("TouchpointError", base)?;
    for (code, name) in CODES {
        let class = class_of(py, code)?;
        class.setattr("code", code)?;
        m.add(name, class)?;
    }
    Ok(())
}

/// Builds the exception of `info`: message as the only argument, attributes set.
pub fn to_py_err(py: Python<'_>, info: ErrorInfo) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let exc = class_of(py, &info.code)?.call1((info.message.as_str(),))?;
        exc.setattr("code", info.code.as_str())?;
        exc.setattr("record", info.record.as_deref())?;
        exc.setattr("field", info.field.as_deref())?;
        Ok(PyErr::from_value(exc))
    };
    build().unwrap_or_else(|e| e)
}

/// A binding-level error: an argument of the wrong type. `record` names the element.
pub fn argument_error(field: &str, record: Option<String>, message: impl Into<String>) -> PyErr {
    let message = message.into();
    let message = match &record {
        Some(r) => format!("{r}: argument `{field}`: {message}"),
        None => format!("argument `{field}`: {message}"),
    };
    let info = ErrorInfo {
        code: "INVALID_ARGUMENT".into(),
        message,
        record,
        field: Some(field.into()),
    };
    Python::attach(|py| to_py_err(py, info))
}

/// Turns a core result into a Python result.
pub trait IntoPyResult<T> {
    /// Maps a [`touchpoint::TouchpointError`] to the exception of its code.
    fn into_py_result(self) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for touchpoint::Result<T> {
    fn into_py_result(self) -> PyResult<T> {
        self.map_err(|e| core_error(&e))
    }
}

/// The exception of a core error (its code's class, with `record` and `field`).
pub fn core_error(e: &touchpoint::TouchpointError) -> PyErr {
    Python::attach(|py| to_py_err(py, ErrorInfo::from(e)))
}

/// Runs `f`, turning a panic into `InternalError` (code `INTERNAL`) instead of letting it
/// reach Python as `pyo3_runtime.PanicException`. Every exported function goes through it.
pub fn guard<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        let info = ErrorInfo {
            code: "INTERNAL".into(),
            message: format!("internal error in touchpoint (please report it): {what}"),
            record: None,
            field: None,
        };
        Err(Python::attach(|py| to_py_err(py, info)))
    })
}

/// Panics inside [`guard`], to test that a panic becomes `InternalError`.
#[pyfunction]
pub fn _panic_for_tests() -> PyResult<()> {
    guard(|| panic!("deliberate panic from _panic_for_tests"))
}

/// Converts a core result (any serde value) to Python objects: structs become dicts with the
/// core's snake_case keys, `Option::None` becomes `None`, `f64` a float, and every sequence a
/// list (JSON arrays are lists; pythonize would make fixed-size arrays such as `counts`
/// tuples). A failure here is a bug, hence `INTERNAL`.
pub fn to_py<'py, S: serde::Serialize>(py: Python<'py>, value: &S) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, value)
        .map_err(PyErr::from)
        .and_then(tuples_to_lists)
        .map_err(|e| conversion_failed(py, e))
}

/// [`to_py`] for a result type with no fixed-size array anywhere in it (so pythonize makes
/// no tuple): the per-call statistics skip the walk that replaces tuples. The shared vectors
/// compare the results with lists, so a tuple would fail them.
pub fn to_py_without_tuples<'py, S: serde::Serialize>(
    py: Python<'py>,
    value: &S,
) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, value).map_err(|e| conversion_failed(py, e))
}

/// The `INTERNAL` error of a result that could not become Python objects (a bug).
fn conversion_failed(py: Python<'_>, e: impl std::fmt::Display) -> PyErr {
    let info = ErrorInfo {
        code: "INTERNAL".into(),
        message: format!("internal error in touchpoint: cannot convert a result to Python: {e}"),
        record: None,
        field: None,
    };
    to_py_err(py, info)
}

/// Replaces every tuple inside `obj` (a tree of dicts, lists and tuples) with a list.
fn tuples_to_lists(obj: Bound<'_, PyAny>) -> PyResult<Bound<'_, PyAny>> {
    if let Ok(tuple) = obj.cast::<PyTuple>() {
        let items = tuple
            .iter()
            .map(tuples_to_lists)
            .collect::<PyResult<Vec<_>>>()?;
        return Ok(PyList::new(obj.py(), items)?.into_any());
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        for (key, value) in dict.iter() {
            if value.is_instance_of::<PyTuple>()
                || value.is_instance_of::<PyDict>()
                || value.is_instance_of::<PyList>()
            {
                dict.set_item(key, tuples_to_lists(value)?)?;
            }
        }
    } else if let Ok(list) = obj.cast::<PyList>() {
        for (i, item) in list.iter().enumerate() {
            list.set_item(i, tuples_to_lists(item)?)?;
        }
    }
    Ok(obj)
}

/// The name of `obj`'s type, as messages show it (`str`, `DataFrame`, `float`).
pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .qualname()
        .map(|q| q.to_string())
        .unwrap_or_default()
}
