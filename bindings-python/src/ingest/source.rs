//! The `source` of `Dataset.read_csv` and `Dataset.read_segment`: a path, a file object, or the
//! content itself, read by the core's streaming readers so that a file is never held whole.
//!
//! - `pathlib.Path` / any `os.PathLike`: a path. The file is opened and read by Rust with the
//!   GIL released.
//! - a `str`: the content if it has a line break (or, for Segment, starts with `[` or `{`);
//!   otherwise a path, as `pandas.read_csv("events.csv")` does.
//! - `bytes`, `bytearray`, `memoryview`: the content, UTF-8.
//! - a file object (anything with `.read`): text or binary mode, read in chunks of
//!   [`CHUNK`] through `.read(n)`, taking the GIL for each chunk only. An exception raised by
//!   `.read` is raised as it is.

use crate::dataset::Dataset;
use crate::error::{argument_error, type_name, IntoPyResult};
use pyo3::exceptions::PyOSError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyMemoryView, PyString};
use std::io::{self, BufRead, BufReader, Read};
use std::path::PathBuf;
use touchpoint::ingest::Ingested;
use touchpoint::ReadOptions;

/// How many bytes (or, in text mode, characters) each `.read(n)` of a file object asks for.
pub(crate) const CHUNK: usize = 1 << 18;

/// A reader of the core: from text, and from a stream.
pub(crate) struct Reader {
    /// The name of the format, for messages (`"CSV"`).
    pub(crate) format: &'static str,
    /// Whether a one-line `str` is content rather than a path (Segment: `[` or `{`).
    pub(crate) one_line_content: fn(&str) -> bool,
    pub(crate) text: fn(&str, ReadOptions) -> touchpoint::Result<Ingested>,
    pub(crate) stream: fn(&mut dyn BufRead, ReadOptions) -> touchpoint::Result<Ingested>,
}

/// Reads `source` (see the module doc) with `reader`.
pub(crate) fn read(
    py: Python<'_>,
    reader: &Reader,
    source: &Bound<'_, PyAny>,
    mode: ReadOptions,
) -> PyResult<Dataset> {
    if let Ok(s) = source.cast::<PyString>() {
        let bytes = s.encode_utf8()?;
        let bytes = bytes.as_bytes();
        let content = bytes.contains(&b'\n')
            || bytes.contains(&b'\r')
            || std::str::from_utf8(bytes).is_ok_and(reader.one_line_content);
        return if content {
            // Encoded from a str, so valid UTF-8.
            let text = std::str::from_utf8(bytes).unwrap_or_default();
            py.detach(|| (reader.text)(text, mode.clone()))
                .into_py_result()
                .map(Dataset::new)
        } else {
            let path = PathBuf::from(String::from_utf8_lossy(bytes).into_owned());
            read_path(py, reader, path, mode, true)
        };
    }
    if let Ok(b) = source.cast::<PyBytes>() {
        return read_bytes(py, reader, b.as_bytes(), mode);
    }
    if source.is_instance_of::<PyByteArray>() || source.is_instance_of::<PyMemoryView>() {
        let copy = to_bytes(source)?;
        return read_bytes(py, reader, copy.as_bytes(), mode);
    }
    if source.hasattr(intern!(py, "__fspath__"))? {
        let path: PathBuf = source.extract()?;
        return read_path(py, reader, path, mode, false);
    }
    if source.hasattr(intern!(py, "read"))? {
        let mut file = PyFile::new(source.clone().unbind());
        let read = py.detach(|| (reader.stream)(&mut file, mode));
        if let Some(e) = file.error.take() {
            return Err(e);
        }
        return read.into_py_result().map(Dataset::new);
    }
    let kind = type_name(source);
    Err(argument_error(
        "source",
        None,
        format!(
            "expected a path (str or os.PathLike), a file object, or {} text; got {kind}",
            reader.format
        ),
    ))
}

/// `bytes(obj)`: a copy of a `bytearray` or `memoryview`.
fn to_bytes<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyBytes>> {
    Ok(obj
        .py()
        .get_type::<PyBytes>()
        .call1((obj,))?
        .cast_into::<PyBytes>()?)
}

/// Content in memory: the text reader if it is UTF-8 (the fast path), else the stream reader,
/// whose error names the line that is not.
fn read_bytes(
    py: Python<'_>,
    reader: &Reader,
    bytes: &[u8],
    mode: ReadOptions,
) -> PyResult<Dataset> {
    let read = py.detach(|| match std::str::from_utf8(bytes) {
        Ok(text) => (reader.text)(text, mode.clone()),
        Err(_) => (reader.stream)(&mut { bytes }, mode.clone()),
    });
    read.into_py_result().map(Dataset::new)
}

/// Opens and reads the file at `path` with the GIL released. `from_str`: the path came as a
/// `str` (the message then says how to pass content instead).
fn read_path(
    py: Python<'_>,
    reader: &Reader,
    path: PathBuf,
    mode: ReadOptions,
    from_str: bool,
) -> PyResult<Dataset> {
    let read = py.detach(|| -> Result<_, io::Error> {
        let file = std::fs::File::open(&path)?;
        if file.metadata()?.is_dir() {
            return Err(io::Error::from_raw_os_error(21)); // EISDIR, as open() says
        }
        Ok((reader.stream)(
            &mut BufReader::with_capacity(1 << 16, file),
            mode,
        ))
    });
    match read {
        Ok(read) => read.into_py_result().map(Dataset::new),
        Err(e) => Err(os_error(py, e, &path, from_str, reader.format)),
    }
}

/// The `OSError` of `open(path)`: `FileNotFoundError`, `IsADirectoryError`, … with
/// `.filename`. A `str` taken for a path says so, in case it was meant as content.
fn os_error(
    py: Python<'_>,
    e: io::Error,
    path: &std::path::Path,
    from_str: bool,
    format: &str,
) -> PyErr {
    let errno = e.raw_os_error().unwrap_or(0);
    let mut message = py
        .import(intern!(py, "os"))
        .and_then(|os| os.call_method1(intern!(py, "strerror"), (errno,)))
        .and_then(|m| m.extract::<String>())
        .unwrap_or_else(|_| e.to_string());
    if from_str {
        message.push_str(&format!(
            " (a str without a line break is read as a path; to pass {format} content, include its line breaks or use io.StringIO)"
        ));
    }
    PyOSError::new_err((errno, message, path.to_string_lossy().into_owned()))
}

/// A Python file object as a Rust reader: each refill calls `.read(CHUNK)` with the GIL taken
/// (text mode returns `str`, encoded here as UTF-8; binary mode `bytes`). The first exception
/// is kept in `error` and the read reported to the core as an I/O error.
struct PyFile {
    file: Py<PyAny>,
    buf: Vec<u8>,
    pos: usize,
    eof: bool,
    error: Option<PyErr>,
}

impl PyFile {
    fn new(file: Py<PyAny>) -> Self {
        PyFile {
            file,
            buf: Vec::new(),
            pos: 0,
            eof: false,
            error: None,
        }
    }

    fn refill(&mut self) -> io::Result<()> {
        let chunk = Python::attach(|py| -> PyResult<Vec<u8>> {
            let chunk = self
                .file
                .bind(py)
                .call_method1(intern!(py, "read"), (CHUNK,))?;
            if let Ok(b) = chunk.cast::<PyBytes>() {
                Ok(b.as_bytes().to_vec())
            } else if let Ok(s) = chunk.cast::<PyString>() {
                Ok(s.encode_utf8()?.as_bytes().to_vec())
            } else if chunk.is_instance_of::<PyByteArray>() {
                Ok(to_bytes(&chunk)?.as_bytes().to_vec())
            } else {
                let kind = type_name(&chunk);
                Err(argument_error(
                    "source",
                    None,
                    format!("the file object's read() returned {kind}, not bytes or str"),
                ))
            }
        });
        match chunk {
            Ok(chunk) => {
                self.eof = chunk.is_empty();
                self.buf = chunk;
                self.pos = 0;
                Ok(())
            }
            Err(e) => {
                let message = e.to_string();
                self.error.get_or_insert(e);
                Err(io::Error::other(message))
            }
        }
    }
}

impl Read for PyFile {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for PyFile {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos >= self.buf.len() && !self.eof {
            if self.error.is_some() {
                return Err(io::Error::other("the file object's read() failed"));
            }
            self.refill()?;
        }
        Ok(&self.buf[self.pos..])
    }

    fn consume(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.buf.len());
    }
}
