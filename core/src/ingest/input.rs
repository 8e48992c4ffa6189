//! What the streaming readers put around the reader they are given: it drops a UTF-8 byte
//! order mark, counts lines, and keeps the first I/O error so that the read can end with it
//! (naming the line it reached) instead of taking it for a bad record.

use crate::{RecordRef, TouchpointError};
use std::io::{self, Read};

const BOM: &[u8] = "\u{feff}".as_bytes();

/// A reader that drops a leading byte order mark, counts the lines it has handed out and
/// remembers the first I/O error.
pub(crate) struct Input<R> {
    inner: R,
    /// The first bytes, read ahead to look for a byte order mark.
    head: Vec<u8>,
    started: bool,
    newlines: u64,
    error: Option<io::Error>,
}

impl<R: Read> Input<R> {
    pub(crate) fn new(inner: R) -> Self {
        Input {
            inner,
            head: Vec::new(),
            started: false,
            newlines: 0,
            error: None,
        }
    }

    /// The I/O error that stopped the read, if one did, as a parse error naming the line.
    pub(crate) fn error(&mut self) -> Option<TouchpointError> {
        self.error.take().map(|e| TouchpointError::Parse {
            record: RecordRef::Line(self.newlines + 1),
            message: format!("cannot read the input: {e}"),
        })
    }

    /// Reads the first three bytes (fewer at the end of the input) and drops them if they
    /// are a byte order mark.
    fn start(&mut self) -> io::Result<()> {
        let mut first = [0u8; 3];
        let mut got = 0;
        while got < first.len() {
            match self.inner.read(&mut first[got..]) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        if &first[..got] != BOM {
            self.head.extend_from_slice(&first[..got]);
        }
        self.started = true;
        Ok(())
    }

    fn read_inner(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if !self.started {
            self.start()?;
        }
        if !self.head.is_empty() {
            let n = self.head.len().min(buf.len());
            buf[..n].copy_from_slice(&self.head[..n]);
            self.head.drain(..n);
            return Ok(n);
        }
        self.inner.read(buf)
    }
}

impl<R: Read> Read for Input<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self.read_inner(buf) {
            Ok(n) => {
                self.newlines += buf[..n].iter().filter(|&&b| b == b'\n').count() as u64;
                Ok(n)
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => Err(e),
            Err(e) => {
                let again = io::Error::new(e.kind(), e.to_string());
                self.error.get_or_insert(e);
                Err(again)
            }
        }
    }
}

/// Text given as UTF-16 code units (a JavaScript string) as bytes for
/// [`read_csv_from`](crate::read_csv_from) / [`read_segment_from`](crate::read_segment_from):
/// UTF-8, except that a lone surrogate keeps its own three-byte form (as WTF-8 writes it),
/// which is not UTF-8, so the reader refuses exactly the line that holds it instead of
/// reading U+FFFD (and merging `'x\ud800'` with `'x\udbff'`).
pub fn utf16_as_bytes(units: impl IntoIterator<Item = u16>) -> Vec<u8> {
    let mut out = Vec::new();
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
            Err(e) => {
                let u = e.unpaired_surrogate();
                out.extend([
                    0xE0 | (u >> 12) as u8,
                    0x80 | ((u >> 6) & 0x3F) as u8,
                    0x80 | (u & 0x3F) as u8,
                ]);
            }
        }
    }
    out
}

#[cfg(test)]
mod utf16_tests {
    use super::utf16_as_bytes;

    #[test]
    fn lone_surrogates_stay_apart_and_are_not_utf8() {
        let a = utf16_as_bytes("x\u{e9}".encode_utf16());
        assert_eq!(a, "x\u{e9}".as_bytes());
        let lead = utf16_as_bytes([0x78, 0xD800]);
        let trail = utf16_as_bytes([0x78, 0xDBFF]);
        assert_ne!(lead, trail);
        assert!(std::str::from_utf8(&lead).is_err());
        assert_eq!(lead, [0x78, 0xED, 0xA0, 0x80]);
    }
}
