//! Target `segment`: the bytes as a Segment export (a JSON array, NDJSON, or
//! `{"batch": [...]}`), read from text and as a stream, in strict and lenient mode.

use super::readers::{both_modes, outcome};

/// Reads `data` as Segment input; the text and the stream readers must agree.
pub fn run(data: &[u8]) {
    let (stream_strict, stream_lenient) = both_modes("segment (stream)", |mode| {
        touchpoint::read_segment_from(data, mode)
    });
    if let Ok(text) = std::str::from_utf8(data) {
        let (strict, lenient) = both_modes("segment (text)", |mode| {
            touchpoint::read_segment(text, mode)
        });
        assert_eq!(
            outcome(&strict),
            outcome(&stream_strict),
            "segment: text ≠ stream (strict)"
        );
        assert_eq!(
            outcome(&lenient),
            outcome(&stream_lenient),
            "segment: text ≠ stream (lenient)"
        );
    }
}
