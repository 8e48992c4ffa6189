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
