//! The shapes a Segment-style input comes in, read as a stream of calls so that a large input
//! is never held whole (only the call being read is):
//!
//! - a JSON array of calls: the calls are named `record N` (1-based);
//! - NDJSON: one JSON object per line, named `line N` (blank lines count, and are skipped).
//!   A line may also be a `{"batch": [...]}` object (the body of a request to Segment's batch
//!   API): its calls are named by the line, and a field inside one of them by its place,
//!   `batch[2].properties.score` (0-based, like the paths of options);
//! - one `{"batch": [...]}` document spread over several lines (pretty-printed): its calls are
//!   named `record N`. This shape is read whole (Segment caps a batch at 500 KB).
//!
//! A batch's top-level `context` is merged into each of its calls' `context` (the call's own
//! keys win), as Segment does; its other top-level keys (`sentAt`, `writeKey`,
//! `integrations`, …) say nothing about the customers and are ignored.
//!
//! Which shape: the first non-blank character `[` is an array. Otherwise the first non-blank
//! line decides: a line that starts a JSON value continuing on the next lines (`{` alone, as
//! pretty-printers write it) starts a document; anything else is NDJSON, so a broken first
//! line is a rejection of that line like any other. A UTF-8 byte order mark is skipped.

use crate::limits::MAX_RECORD_BYTES;
use crate::{RecordRef, Result, TouchpointError};
use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::fmt;
use std::io::{BufRead, BufReader, Cursor, Read};

/// Where a call was found: the record or line, and its index in a batch read from one line.
#[derive(Debug, Clone, Copy)]
pub(crate) struct At {
    /// The record (`record N`) or line (`line N`) the call is named by.
    pub(crate) record: RecordRef,
    /// The 0-based index of the call in the `{"batch": [...]}` of its line, if any.
    batch: Option<usize>,
}

impl At {
    fn record(record: RecordRef) -> Self {
        At {
            record,
            batch: None,
        }
    }

    /// Puts the call's place in its line's batch in front of the field an error names.
    pub(crate) fn locate(&self, e: TouchpointError) -> TouchpointError {
        let Some(i) = self.batch else { return e };
        let prefix = |field: &mut String| {
            *field = if field.is_empty() {
                format!("batch[{i}]")
            } else {
                format!("batch[{i}].{field}")
            }
        };
        let mut e = e;
        match &mut e {
            TouchpointError::InvalidRecord { field, .. }
            | TouchpointError::OutOfRange { field, .. } => prefix(field),
            TouchpointError::Parse { .. }
            | TouchpointError::InvalidConfig { .. }
            | TouchpointError::NotConverged { .. }
            | TouchpointError::Store { .. } => {}
        }
        e
    }
}

/// `line 3`, or `line 3, batch[0]` for a call of a batch on a line.
impl std::fmt::Display for At {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.batch {
            None => write!(f, "{}", self.record),
            Some(i) => write!(f, "{}, batch[{i}]", self.record),
        }
    }
}

/// Receives each call (or the reason a line could not be read) and where it was found;
/// returns an error to stop the read (strict mode).
pub(crate) type Sink<'s> = dyn FnMut(Result<Value>, At) -> Result<()> + 's;

/// Reads the calls of in-memory text (the fast path: JSON is parsed from the slice).
pub(crate) fn read_slice(bytes: &[u8], sink: &mut Sink<'_>) -> Result<()> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let Some(start) = bytes.iter().position(|b| !b.is_ascii_whitespace()) else {
        return Ok(());
    };
    let first_line = bytes[start..]
        .split(|&b| b == b'\n')
        .next()
        .unwrap_or_default();
    match shape(first_line) {
        Shape::Document => document(&mut serde_json::Deserializer::from_slice(bytes), sink),
        Shape::Lines => slice_lines(bytes, sink),
    }
}

/// Reads the calls from `reader`, a call (or a line) at a time.
pub(crate) fn read_stream<R: BufRead>(mut reader: R, sink: &mut Sink<'_>) -> Result<()> {
    // Up to the first non-blank line (at most FIRST_LINE bytes of it), then put back in front,
    // so that line numbers stay right.
    let mut head = Vec::new();
    let shape = loop {
        let start = head.len();
        let read = (&mut reader)
            .take(FIRST_LINE)
            .read_until(b'\n', &mut head)
            .map_err(|e| TouchpointError::Parse {
                record: RecordRef::Line(1),
                message: format!("cannot read the input: {e}"),
            })?;
        if start == 0 && head.starts_with(BOM) {
            head.drain(..BOM.len());
        }
        let line = &head[start..];
        if !line.trim_ascii().is_empty() {
            break shape(line);
        }
        if read == 0 {
            return Ok(()); // nothing but blank lines
        }
    };
    let rest = Cursor::new(head).chain(reader);
    match shape {
        Shape::Document => {
            // serde_json reads a byte at a time: BufReader makes that cheap.
            let json = BufReader::with_capacity(1 << 16, rest);
            document(&mut serde_json::Deserializer::from_reader(json), sink)
        }
        Shape::Lines => lines(rest, sink),
    }
}

/// How much of the first line decides the shape. A longer line starting with `{` is taken
/// for a document (an NDJSON line of a megabyte is not a Segment call: Segment caps a call
/// at 32 KB); a longer one starting with `[` is an array, as any.
const FIRST_LINE: u64 = 1 << 20;

const BOM: &[u8] = "\u{feff}".as_bytes();

enum Shape {
    /// One JSON document: an array, or an object over several lines.
    Document,
    /// NDJSON.
    Lines,
}

/// The shape of an input whose first non-blank line is `line`.
fn shape(line: &[u8]) -> Shape {
    let line = line.trim_ascii();
    match line.first() {
        Some(b'[') => Shape::Document,
        Some(b'{') => match serde_json::from_slice::<IgnoredAny>(line) {
            Err(e) if e.is_eof() => Shape::Document,
            _ => Shape::Lines,
        },
        _ => Shape::Lines,
    }
}

/// Reads NDJSON from a reader, a line at a time. At most [`MAX_RECORD_BYTES`] (and the
/// newline) of a line is held: the rest of a longer line is skipped unread, and the line
/// is a bad record.
fn lines<R: BufRead>(mut reader: R, sink: &mut Sink<'_>) -> Result<()> {
    let mut buf = Vec::new();
    let mut number = 0u64;
    let limit = MAX_RECORD_BYTES as u64 + 1;
    loop {
        buf.clear();
        number += 1;
        let cannot_read = |e: std::io::Error| TouchpointError::Parse {
            record: RecordRef::Line(number),
            message: format!("cannot read the input: {e}"),
        };
        match (&mut reader).take(limit).read_until(b'\n', &mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) if n as u64 == limit && buf.last() != Some(&b'\n') => {
                let skipped = skip_line(&mut reader).map_err(cannot_read)?;
                let record = RecordRef::Line(number);
                let bytes = buf.len() as u64 + skipped;
                sink(Err(too_long(record, bytes)), At::record(record))?;
            }
            Ok(_) => line(&buf, number, sink)?,
            Err(e) => return Err(cannot_read(e)),
        }
    }
}

/// Skips the rest of a line (and its newline); returns how many bytes it had before it.
fn skip_line<R: BufRead>(reader: &mut R) -> std::io::Result<u64> {
    let mut skipped = 0u64;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(skipped);
        }
        match chunk.iter().position(|&b| b == b'\n') {
            Some(at) => {
                reader.consume(at + 1);
                return Ok(skipped + at as u64);
            }
            None => {
                let n = chunk.len();
                reader.consume(n);
                skipped += n as u64;
            }
        }
    }
}

/// The error of a text record longer than [`MAX_RECORD_BYTES`] (`bytes` long, or more).
pub(crate) fn too_long(record: RecordRef, bytes: u64) -> TouchpointError {
    TouchpointError::invalid(
        record,
        "",
        format!("is {bytes} bytes long, more than the {MAX_RECORD_BYTES} a record may have"),
    )
}

/// Reads NDJSON in memory, without copying the lines.
fn slice_lines(bytes: &[u8], sink: &mut Sink<'_>) -> Result<()> {
    let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    for (i, text) in bytes.split(|&b| b == b'\n').enumerate() {
        line(text, i as u64 + 1, sink)?;
    }
    Ok(())
}

/// One NDJSON line: blank, a call, or a batch of calls.
fn line(text: &[u8], number: u64, sink: &mut Sink<'_>) -> Result<()> {
    let text = text.trim_ascii();
    if text.is_empty() {
        return Ok(());
    }
    let record = RecordRef::Line(number);
    if text.len() > MAX_RECORD_BYTES {
        return sink(Err(too_long(record, text.len() as u64)), At::record(record));
    }
    match serde_json::from_slice::<Value>(text) {
        Ok(Value::Object(mut obj)) if obj.contains_key("batch") => {
            let batch = obj.remove("batch").unwrap_or_default();
            let context = obj.remove("context");
            batch_calls(batch, context, record, true, sink)
        }
        Ok(call) => sink(Ok(call), At::record(record)),
        Err(e) => sink(Err(parse_error(record, &e)), At::record(record)),
    }
}

/// Reads one JSON document: an array of calls (streamed), a `{"batch": [...]}` object, or a
/// single call object.
fn document<'de, J: serde_json::de::Read<'de>>(
    de: &mut serde_json::Deserializer<J>,
    sink: &mut Sink<'_>,
) -> Result<()> {
    let mut stopped = None;
    let read = de::Deserializer::deserialize_any(
        &mut *de,
        DocumentVisitor {
            sink,
            stopped: &mut stopped,
        },
    );
    if let Some(e) = stopped {
        return Err(e);
    }
    let at_line = |e: serde_json::Error| parse_error(RecordRef::Line(e.line() as u64), &e);
    read.map_err(at_line)?;
    de.end().map_err(at_line)
}

/// Visits the top-level value of a document, handing each call to the sink as soon as it is
/// read. The sink's error (strict mode) is kept in `stopped` and the parse aborted.
struct DocumentVisitor<'a, 's> {
    sink: &'a mut Sink<'s>,
    stopped: &'a mut Option<TouchpointError>,
}

impl<'a, 's> DocumentVisitor<'a, 's> {
    /// Hands a call to the sink; a stop becomes a serde error that ends the parse.
    fn give<E: de::Error>(&mut self, call: Result<Value>, at: At) -> std::result::Result<(), E> {
        (self.sink)(call, at).map_err(|e| {
            *self.stopped = Some(e);
            E::custom("stopped")
        })
    }
}

impl<'de> Visitor<'de> for DocumentVisitor<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON array of calls or a {\"batch\": [...]} object")
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> std::result::Result<(), A::Error> {
        let mut index = 0u64;
        while let Some(call) = seq.next_element::<Value>()? {
            index += 1;
            self.give(Ok(call), At::record(RecordRef::Record(index)))?;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(mut self, map: A) -> std::result::Result<(), A::Error> {
        let mut obj = Map::deserialize(de::value::MapAccessDeserializer::new(map))?;
        let record = RecordRef::Record(1);
        let Some(batch) = obj.remove("batch") else {
            // A single call, pretty-printed.
            return self.give(Ok(Value::Object(obj)), At::record(record));
        };
        let context = obj.remove("context");
        batch_calls(batch, context, record, false, self.sink).map_err(|e| {
            *self.stopped = Some(e);
            de::Error::custom("stopped")
        })
    }
}

/// Hands each call of a batch to the sink, with the batch's `context` merged into it. From a
/// line (`in_line`), the calls are named by the line and their place in the batch; from a
/// document, `record N`.
fn batch_calls(
    batch: Value,
    context: Option<Value>,
    record: RecordRef,
    in_line: bool,
    sink: &mut Sink<'_>,
) -> Result<()> {
    let whole = At::record(record);
    let context = match context {
        None | Some(Value::Null) => None,
        Some(Value::Object(c)) => Some(c),
        Some(other) => {
            let e =
                TouchpointError::invalid(record, "context", format!("{other} is not an object"));
            return sink(Err(e), whole);
        }
    };
    let Value::Array(calls) = batch else {
        let e = TouchpointError::invalid(record, "batch", "is not an array of calls");
        return sink(Err(e), whole);
    };
    for (i, call) in calls.into_iter().enumerate() {
        let at = if in_line {
            At {
                record,
                batch: Some(i),
            }
        } else {
            At::record(RecordRef::Record(i as u64 + 1))
        };
        sink(Ok(with_context(call, context.as_ref())), at)?;
    }
    Ok(())
}

/// Merges a batch's `context` into a call's: the call's own keys win.
fn with_context(mut call: Value, context: Option<&Map<String, Value>>) -> Value {
    let (Some(context), Value::Object(obj)) = (context, &mut call) else {
        return call;
    };
    match obj.get_mut("context") {
        None | Some(Value::Null) => {
            obj.insert("context".into(), Value::Object(context.clone()));
        }
        Some(Value::Object(own)) => {
            for (k, v) in context {
                if !own.contains_key(k) {
                    own.insert(k.clone(), v.clone());
                }
            }
        }
        Some(_) => {} // not an object: the call is read as it is
    }
    call
}

/// A JSON syntax error at `record` (serde's message, which gives the line and column).
fn parse_error(record: RecordRef, e: &serde_json::Error) -> TouchpointError {
    TouchpointError::Parse {
        record,
        message: e.to_string(),
    }
}
